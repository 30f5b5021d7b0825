<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
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
        <source>New mail</source>
        <translation>Neue E-Mails</translation>
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
</context>
</TS>
