<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Petrel::Ui::AccountDiscoveryPage</name>
    <message>
        <source>Finding your servers</source>
        <translation>Ihre Server werden gesucht</translation>
    </message>
    <message>
        <source>&amp;Skip: enter the settings by hand</source>
        <translation>Über&amp;springen: Einstellungen manuell eingeben</translation>
    </message>
    <message>
        <source>Skipped: enter the settings on the next page.</source>
        <translation>Übersprungen: Geben Sie die Einstellungen auf der nächsten Seite ein.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Found IMAP and POP3 servers; choose one on the next page.</source>
        <translation>IMAP- und POP3-Server gefunden; wählen Sie auf der nächsten Seite einen aus.</translation>
    </message>
    <message>
        <source>Found an IMAP server: %1.</source>
        <translation>IMAP-Server gefunden: %1.</translation>
    </message>
    <message>
        <source>Found a POP3 server: %1.</source>
        <translation>POP3-Server gefunden: %1.</translation>
    </message>
    <message>
        <source>No incoming server was found; enter the settings on the next page.</source>
        <translation>Es wurde kein Posteingangsserver gefunden; geben Sie die Einstellungen auf der nächsten Seite ein.</translation>
    </message>
    <message>
        <source>No outgoing (SMTP) server was found.</source>
        <translation>Es wurde kein Postausgangsserver (SMTP) gefunden.</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::AccountEditor</name>
    <message>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <source>Only when asked</source>
        <translation>Nur manuell</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Save a copy of sent messages in Sent</source>
        <translation>Eine Kopie gesendeter Nachrichten in „Gesendet“ speichern</translation>
    </message>
    <message>
        <source>Turn this off where the server files sent mail itself, or you get two copies.</source>
        <translation>Schalten Sie dies aus, wenn der Server gesendete Nachrichten selbst ablegt, sonst erhalten Sie zwei Kopien.</translation>
    </message>
    <message>
        <source>Account &amp;name:</source>
        <translation>Konto&amp;name:</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Ihr Name:</translation>
    </message>
    <message>
        <source>&amp;E-mail address:</source>
        <translation>&amp;E-Mail-Adresse:</translation>
    </message>
    <message>
        <source>New &amp;password:</source>
        <translation>Neues &amp;Passwort:</translation>
    </message>
    <message>
        <source>Check for mail &amp;every:</source>
        <translation>&amp;Abrufintervall:</translation>
    </message>
    <message>
        <source>INBOX, Work</source>
        <translation>INBOX, Arbeit</translation>
    </message>
    <message>
        <source>Folders kept open for new mail while online, separated by commas (at most %1).</source>
        <translation>Ordner, die online auf neue E-Mails überwacht werden, durch Kommas getrennt (höchstens %1).</translation>
    </message>
    <message>
        <source>IMAP</source>
        <translation>IMAP</translation>
    </message>
    <message>
        <source>Download for &amp;offline reading:</source>
        <translation>Für Offline-Nutzung &amp;herunterladen:</translation>
    </message>
    <message>
        <source>&amp;Watched folders:</source>
        <translation>Überwachte Or&amp;dner:</translation>
    </message>
    <message>
        <source>POP3</source>
        <translation>POP3</translation>
    </message>
    <message>
        <source>Messages on the &amp;server:</source>
        <translation>Nachrichten auf dem Ser&amp;ver:</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::AccountIdentityPage</name>
    <message>
        <source>Your mail account</source>
        <translation>Ihr E-Mail-Konto</translation>
    </message>
    <message>
        <source>Petrel finds the servers for your address by itself. The password is kept in your system&apos;s keychain, never in Petrel&apos;s files.</source>
        <translation>Petrel findet die Server für Ihre Adresse selbst. Das Passwort wird im Schlüsselbund Ihres Systems gespeichert, niemals in den Dateien von Petrel.</translation>
    </message>
    <message>
        <source>Alice Example</source>
        <translation>Erika Mustermann</translation>
    </message>
    <message>
        <source>alice@example.org</source>
        <translation>erika@example.org</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Ihr &amp;Name:</translation>
    </message>
    <message>
        <source>E-mail &amp;address:</source>
        <translation>E-Mail-&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::AccountServerPage</name>
    <message>
        <source>Server settings</source>
        <translation>Servereinstellungen</translation>
    </message>
    <message>
        <source>&amp;IMAP: mail stays on the server, in sync on every device</source>
        <translation>&amp;IMAP: E-Mails bleiben auf dem Server und sind auf allen Geräten synchron</translation>
    </message>
    <message>
        <source>P&amp;OP3: mail is downloaded to this computer</source>
        <translation>P&amp;OP3: E-Mails werden auf diesen Computer heruntergeladen</translation>
    </message>
    <message>
        <source>Account na&amp;me:</source>
        <translation>Kontona&amp;me:</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>&amp;Accept this certificate</source>
        <translation>Dieses Zertifikat &amp;akzeptieren</translation>
    </message>
    <message>
        <source>&amp;Accept this certificate (SHA-256 %1)</source>
        <translation>Dieses Zertifikat &amp;akzeptieren (SHA-256 %1)</translation>
    </message>
    <message>
        <source>The account was not added: %1</source>
        <translation>Das Konto wurde nicht hinzugefügt: %1</translation>
    </message>
    <message>
        <source>The profile could not be opened: %1</source>
        <translation>Das Profil konnte nicht geöffnet werden: %1</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::AccountSettingsPage</name>
    <message>
        <source>&amp;Remove Account…</source>
        <translation>Konto &amp;entfernen…</translation>
    </message>
    <message>
        <source>Cannot read the accounts: %1</source>
        <translation>Die Konten können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>A mail check of this account is running; switch the protocol when it has finished.</source>
        <translation>Für dieses Konto werden gerade E-Mails abgerufen; wechseln Sie das Protokoll, wenn der Abruf abgeschlossen ist.</translation>
    </message>
    <message>
        <source>The password was not saved: the keychain says: %1</source>
        <translation>Das Passwort wurde nicht gespeichert. Meldung des Schlüsselbunds: %1</translation>
    </message>
    <message>
        <source>Remove the account &apos;%1&apos;? Its mail stored on this computer and its password in the keychain are removed too; mail on the server is not touched.</source>
        <translation>Das Konto „%1“ entfernen? Seine auf diesem Computer gespeicherten E-Mails und sein Passwort im Schlüsselbund werden ebenfalls entfernt; die E-Mails auf dem Server bleiben unverändert.</translation>
    </message>
    <message>
        <source>Messages downloaded by POP3 may exist only on this computer: they are lost.</source>
        <translation>Per POP3 heruntergeladene Nachrichten gibt es möglicherweise nur auf diesem Computer und gehen dann verloren.</translation>
    </message>
    <message>
        <source>Remove Account</source>
        <translation>Konto entfernen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::AccountStatus</name>
    <message>
        <source>%1: not checked yet</source>
        <translation>%1: noch nicht abgerufen</translation>
    </message>
    <message>
        <source>%1: online</source>
        <translation>%1: online</translation>
    </message>
    <message>
        <source>%1: offline</source>
        <translation>%1: offline</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::AccountWizard</name>
    <message>
        <source>Add Account</source>
        <translation>Konto hinzufügen</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::AddressFieldParser</name>
    <message>
        <source>&quot;%1&quot; is not a mail address.</source>
        <translation>„%1“ ist keine E-Mail-Adresse.</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::ComposerWindow</name>
    <message>
        <source>New message</source>
        <translation>Neue Nachricht</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Entwurf speichern</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>Anhängen…</translation>
    </message>
    <message>
        <source>Remove attachment</source>
        <translation>Anhang entfernen</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation>Kopie (CC):</translation>
    </message>
    <message>
        <source>Bcc:</source>
        <translation>Blindkopie (BCC):</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <source>Also send an HTML version of the text</source>
        <translation>Den Text zusätzlich als HTML senden</translation>
    </message>
    <message>
        <source>The accounts could not be read: %1</source>
        <translation>Die Konten konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>There is no account to send from yet.</source>
        <translation>Es ist noch kein Konto zum Senden eingerichtet.</translation>
    </message>
    <message>
        <source>The message is no longer there.</source>
        <translation>Die Nachricht ist nicht mehr vorhanden.</translation>
    </message>
    <message>
        <source>The message could not be read: %1</source>
        <translation>Die Nachricht konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The message&apos;s account is gone.</source>
        <translation>Das Konto der Nachricht existiert nicht mehr.</translation>
    </message>
    <message>
        <source>The message has not been downloaded yet; try again once it is.</source>
        <translation>Die Nachricht wurde noch nicht heruntergeladen; versuchen Sie es erneut, sobald sie da ist.</translation>
    </message>
    <message>
        <source>%1 is too large to send (%2; at most %3).</source>
        <translation>%1 ist zu groß zum Senden (%2; höchstens %3).</translation>
    </message>
    <message>
        <source>%1 could not be attached: %2</source>
        <translation>%1 konnte nicht angehängt werden: %2</translation>
    </message>
    <message>
        <source>The account could not be read: %1</source>
        <translation>Das Konto konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Choose the account to send from.</source>
        <translation>Wählen Sie das Konto, von dem gesendet wird.</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Kopie (CC)</translation>
    </message>
    <message>
        <source>Bcc</source>
        <translation>Blindkopie (BCC)</translation>
    </message>
    <message>
        <source>Add at least one recipient.</source>
        <translation>Fügen Sie mindestens einen Empfänger hinzu.</translation>
    </message>
    <message>
        <source>The message could not be put into the outbox: %1</source>
        <translation>Die Nachricht konnte nicht in den Postausgang gelegt werden: %1</translation>
    </message>
    <message>
        <source>The draft was not saved: %1</source>
        <translation>Der Entwurf wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>The saved draft could not be removed: %1</source>
        <translation>Der gespeicherte Entwurf konnte nicht entfernt werden: %1</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::DesktopWindows</name>
    <message>
        <source>Cannot reply: %1</source>
        <translation>Antworten nicht möglich: %1</translation>
    </message>
    <message>
        <source>Cannot forward: %1</source>
        <translation>Weiterleiten nicht möglich: %1</translation>
    </message>
    <message>
        <source>Cannot open the link: %1</source>
        <translation>Der Link kann nicht geöffnet werden: %1</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::ErrorBanner</name>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::FolderRoleNames</name>
    <message>
        <source>Inbox</source>
        <translation>Posteingang</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Entwürfe</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>Junk</source>
        <translation>Spam</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archiv</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::FolderTreeModel</name>
    <message>
        <source>Unified Inbox</source>
        <translation>Alle Posteingänge</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::MailChecker</name>
    <message>
        <source>No password in the system keychain: %1</source>
        <translation>Kein Passwort im Schlüsselbund des Systems: %1</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
    <message>
        <source>%1: connecting</source>
        <translation>%1: Verbindung wird hergestellt</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) sent</source>
        <translation>
            <numerusform>%n Nachricht gesendet</numerusform>
            <numerusform>%n Nachrichten gesendet</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 of %3 message bodies (%4)</source>
        <translation>%1: %2 von %3 Nachrichteninhalten (%4)</translation>
    </message>
    <message>
        <source>%1: %2 of %3 new messages (%4)</source>
        <translation>%1: %2 von %3 neuen Nachrichten (%4)</translation>
    </message>
    <message>
        <source>%1: %2 of %3 new messages</source>
        <translation>%1: %2 von %3 neuen Nachrichten</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::MainWindow</name>
    <message>
        <source>Petrel</source>
        <translation>Petrel</translation>
    </message>
    <message>
        <source>Cannot open the profile: %1</source>
        <translation>Das Profil kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Cannot read the message list: %1</source>
        <translation>Die Nachrichtenliste kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>&amp;Check Mail</source>
        <translation>E-Mails &amp;abrufen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Find Messages</source>
        <translation>Nachrichten &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Threaded View</source>
        <translation>Nach &amp;Unterhaltungen gruppieren</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation>&amp;Nachricht</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptsymbolleiste</translation>
    </message>
    <message>
        <source>Search (from: to: subject: has:attachment is:unread is:flagged)</source>
        <translation>Suchen (from: to: subject: has:attachment is:unread is:flagged)</translation>
    </message>
    <message>
        <source>The message could not be downloaded: %1</source>
        <translation>Die Nachricht konnte nicht heruntergeladen werden: %1</translation>
    </message>
    <message>
        <source>No accounts yet. Add one with: petrel-cli account add</source>
        <translation>Noch keine Konten. Fügen Sie eines hinzu mit: petrel-cli account add</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n Konto</numerusform>
            <numerusform>%n Konten</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the profile: %1</source>
        <translation>Das Profil kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot read the folder: %1</source>
        <translation>Der Ordner kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot search: %1</source>
        <translation>Suche nicht möglich: %1</translation>
    </message>
    <message>
        <source>The message is no longer in the cache.</source>
        <translation>Die Nachricht ist nicht mehr im Zwischenspeicher.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: sending: %2 (%n sent)</source>
        <translation>
            <numerusform>%1: Senden: %2 (%n gesendet)</numerusform>
            <numerusform>%1: Senden: %2 (%n gesendet)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s) in %1</source>
        <translation>
            <numerusform>%n neue Nachricht in %1</numerusform>
            <numerusform>%n neue Nachrichten in %1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Add Account…</source>
        <translation>&amp;Konto hinzufügen…</translation>
    </message>
    <message>
        <source>This folder</source>
        <translation>Dieser Ordner</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Alle Konten</translation>
    </message>
    <message>
        <source>Where the search looks</source>
        <translation>Wo gesucht wird</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::MessageActions</name>
    <message>
        <source>&amp;New Message</source>
        <translation>&amp;Neue Nachricht</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Antworten</translation>
    </message>
    <message>
        <source>Reply &amp;All</source>
        <translation>Allen antw&amp;orten</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Weiterleiten</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Ar&amp;chive</source>
        <translation>Ar&amp;chivieren</translation>
    </message>
    <message>
        <source>Toggle &amp;Read</source>
        <translation>&amp;Gelesen/ungelesen umschalten</translation>
    </message>
    <message>
        <source>Mark &amp;Unread</source>
        <translation>Als &amp;ungelesen markieren</translation>
    </message>
    <message>
        <source>Toggle &amp;Flag</source>
        <translation>&amp;Markierung umschalten</translation>
    </message>
    <message>
        <source>&amp;Move To</source>
        <translation>&amp;Verschieben nach</translation>
    </message>
    <message>
        <source>C&amp;opy To</source>
        <translation>&amp;Kopieren nach</translation>
    </message>
    <message>
        <source>Moving or copying between accounts is not possible yet.</source>
        <translation>Verschieben oder Kopieren zwischen Konten ist noch nicht möglich.</translation>
    </message>
    <message>
        <source>This account has no Archive folder.</source>
        <translation>Dieses Konto hat keinen Archivordner.</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::MessageListModel</name>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Markiert</translation>
    </message>
    <message>
        <source>Has attachments</source>
        <translation>Mit Anhängen</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::MessageView</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation>Kopie (CC):</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Datum:</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Downloading the message…</source>
        <translation>Die Nachricht wird heruntergeladen…</translation>
    </message>
    <message>
        <source>Remote content was blocked to protect your privacy.</source>
        <translation>Externe Inhalte wurden zum Schutz Ihrer Privatsphäre blockiert.</translation>
    </message>
    <message>
        <source>Load for this message</source>
        <translation>Für diese Nachricht laden</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Anhang</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>The message could not be read: %1</source>
        <translation>Die Nachricht konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The message is no longer there.</source>
        <translation>Die Nachricht ist nicht mehr vorhanden.</translation>
    </message>
    <message>
        <source>The message body has not been downloaded yet. Downloading…</source>
        <translation>Der Inhalt der Nachricht wurde noch nicht heruntergeladen. Er wird jetzt heruntergeladen…</translation>
    </message>
    <message>
        <source>Always for %1</source>
        <translation>Immer für %1</translation>
    </message>
    <message>
        <source>Links of this kind are not opened: %1</source>
        <translation>Links dieser Art werden nicht geöffnet: %1</translation>
    </message>
    <message>
        <source>Open link?</source>
        <translation>Link öffnen?</translation>
    </message>
    <message>
        <source>The link shows
%1
but leads to
%2

Open %2?</source>
        <translation>Der Link zeigt
%1
führt aber zu
%2

%2 öffnen?</translation>
    </message>
    <message>
        <source>No such attachment.</source>
        <translation>Diesen Anhang gibt es nicht.</translation>
    </message>
    <message>
        <source>The attachment could not be found in the message.</source>
        <translation>Der Anhang wurde in der Nachricht nicht gefunden.</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Anhang speichern</translation>
    </message>
    <message>
        <source>Open attachment?</source>
        <translation>Anhang öffnen?</translation>
    </message>
    <message>
        <source>%1 is a program or script. Opening it may run it. Open anyway?</source>
        <translation>%1 ist ein Programm oder Skript. Beim Öffnen kann es ausgeführt werden. Trotzdem öffnen?</translation>
    </message>
    <message>
        <source>No temporary folder to open the attachment from.</source>
        <translation>Kein temporärer Ordner, um den Anhang zu öffnen.</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::OfflinePolicyEdit</name>
    <message>
        <source>Inbox only</source>
        <translation>Nur Posteingang</translation>
    </message>
    <message>
        <source>All folders</source>
        <translation>Alle Ordner</translation>
    </message>
    <message>
        <source>Recent messages (and all of Inbox)</source>
        <translation>Neuere Nachrichten (und der gesamte Posteingang)</translation>
    </message>
    <message>
        <source>Nothing ahead of time</source>
        <translation>Nichts im Voraus</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::RemoteContentPage</name>
    <message>
        <source>Remote content in messages (images, style sheets and other files on the web) is blocked: loading it tells the sender that and when you read the message. You can load it for one message, or always for a sender, from the message view.

Senders whose remote content is always loaded:</source>
        <translation>Externe Inhalte in Nachrichten (Bilder, Stylesheets und andere Dateien im Web) werden blockiert: Wenn sie geladen werden, erfährt der Absender, dass und wann Sie die Nachricht lesen. Sie können sie in der Nachrichtenansicht für eine einzelne Nachricht oder immer für einen Absender laden.

Absender, deren externe Inhalte immer geladen werden:</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::RetentionEdit</name>
    <message>
        <source>Leave messages on the server</source>
        <translation>Nachrichten auf dem Server belassen</translation>
    </message>
    <message>
        <source>Delete from the server after</source>
        <translation>Vom Server löschen nach</translation>
    </message>
    <message>
        <source>Delete from the server when deleted here</source>
        <translation>Vom Server löschen, wenn hier gelöscht</translation>
    </message>
    <message>
        <source>Delete from the server once downloaded</source>
        <translation>Vom Server löschen, sobald heruntergeladen</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tagen</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::ServerSettingsForm</name>
    <message>
        <source>Incoming mail</source>
        <translation>Eingehende E-Mails</translation>
    </message>
    <message>
        <source>IMAP (mail stays on the server)</source>
        <translation>IMAP (E-Mails bleiben auf dem Server)</translation>
    </message>
    <message>
        <source>POP3 (mail is downloaded)</source>
        <translation>POP3 (E-Mails werden heruntergeladen)</translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation>P&amp;rotokoll:</translation>
    </message>
    <message>
        <source>Outgoing mail (SMTP)</source>
        <translation>Ausgehende E-Mails (SMTP)</translation>
    </message>
    <message>
        <source>same as the incoming server</source>
        <translation>wie der Posteingangsserver</translation>
    </message>
    <message>
        <source>TLS (recommended)</source>
        <translation>TLS (empfohlen)</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>None (unencrypted)</source>
        <translation>Keine (unverschlüsselt)</translation>
    </message>
    <message>
        <source>Without encryption, your password and your mail travel in clear text: anyone on the network path can read them.</source>
        <translation>Ohne Verschlüsselung werden Ihr Passwort und Ihre E-Mails im Klartext übertragen: Jeder auf dem Weg durch das Netzwerk kann sie mitlesen.</translation>
    </message>
    <message>
        <source>same as the address</source>
        <translation>wie die E-Mail-Adresse</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation>Si&amp;cherheit:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>The incoming port must be a number from 1 to 65535 (or empty for the default).</source>
        <translation>Der Port für eingehende E-Mails muss eine Zahl von 1 bis 65535 sein (oder leer für den Standardwert).</translation>
    </message>
    <message>
        <source>The outgoing port must be a number from 1 to 65535 (or empty for the default).</source>
        <translation>Der Port für ausgehende E-Mails muss eine Zahl von 1 bis 65535 sein (oder leer für den Standardwert).</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>Standard: %1</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::SettingsDialog</name>
    <message>
        <source>Petrel Settings</source>
        <translation>Petrel-Einstellungen</translation>
    </message>
    <message>
        <source>Cannot open the profile: %1</source>
        <translation>Das Profil kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Datenschutz</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::TrayIcon</name>
    <message>
        <source>Show Petrel</source>
        <translation>Petrel anzeigen</translation>
    </message>
    <message>
        <source>Check Mail</source>
        <translation>E-Mails abrufen</translation>
    </message>
    <message>
        <source>Write Message</source>
        <translation>Nachricht verfassen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Petrel: no unread messages</source>
        <translation>Petrel: keine ungelesenen Nachrichten</translation>
    </message>
    <message numerus="yes">
        <source>Petrel: %n unread message(s)</source>
        <translation>
            <numerusform>Petrel: %n ungelesene Nachricht</numerusform>
            <numerusform>Petrel: %n ungelesene Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>New mail</source>
        <translation>Neue E-Mails</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>The profile folder to use.</source>
        <translation>Der zu verwendende Profilordner.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>ORDNER</translation>
    </message>
    <message>
        <source>The language of the interface (en, de, fr).</source>
        <translation>Die Sprache der Oberfläche (en, de, fr).</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>Start in the system tray.</source>
        <translation>Im Infobereich der Kontrollleiste starten.</translation>
    </message>
    <message>
        <source>A mailto: link to open in the composer.</source>
        <translation>Ein mailto:-Link, der im Fenster für neue Nachrichten geöffnet wird.</translation>
    </message>
</context>
</TS>
