<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>Petrel::Ui::AccountDiscoveryPage</name>
    <message>
        <source>Finding your servers</source>
        <translation>Recherche de vos serveurs</translation>
    </message>
    <message>
        <source>&amp;Skip: enter the settings by hand</source>
        <translation>&amp;Ignorer&#xa0;: saisir les paramètres manuellement</translation>
    </message>
    <message>
        <source>Skipped: enter the settings on the next page.</source>
        <translation>Recherche ignorée&#xa0;: saisissez les paramètres à la page suivante.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Found IMAP and POP3 servers; choose one on the next page.</source>
        <translation>Serveurs IMAP et POP3 trouvés&#xa0;; choisissez-en un à la page suivante.</translation>
    </message>
    <message>
        <source>Found an IMAP server: %1.</source>
        <translation>Serveur IMAP trouvé&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Found a POP3 server: %1.</source>
        <translation>Serveur POP3 trouvé&#xa0;: %1.</translation>
    </message>
    <message>
        <source>No incoming server was found; enter the settings on the next page.</source>
        <translation>Aucun serveur entrant n’a été trouvé&#xa0;; saisissez les paramètres à la page suivante.</translation>
    </message>
    <message>
        <source>No outgoing (SMTP) server was found.</source>
        <translation>Aucun serveur sortant (SMTP) n’a été trouvé.</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::AccountEditor</name>
    <message>
        <source>Unchanged</source>
        <translation>Inchangé</translation>
    </message>
    <message>
        <source>Only when asked</source>
        <translation>Uniquement sur demande</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Save a copy of sent messages in Sent</source>
        <translation>Enregistrer une copie des messages envoyés dans le dossier Envoyés</translation>
    </message>
    <message>
        <source>Turn this off where the server files sent mail itself, or you get two copies.</source>
        <translation>Désactivez cette option si le serveur classe lui-même le courrier envoyé, sinon vous en aurez deux copies.</translation>
    </message>
    <message>
        <source>Account &amp;name:</source>
        <translation>&amp;Nom du compte&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Votre nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;E-mail address:</source>
        <translation>&amp;Adresse électronique&#xa0;:</translation>
    </message>
    <message>
        <source>New &amp;password:</source>
        <translation>Nouveau &amp;mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Check for mail &amp;every:</source>
        <translation>Relever le courrier &amp;toutes les&#xa0;:</translation>
    </message>
    <message>
        <source>INBOX, Work</source>
        <translation>INBOX, Travail</translation>
    </message>
    <message>
        <source>Folders kept open for new mail while online, separated by commas (at most %1).</source>
        <translation>Dossiers maintenus ouverts pour le nouveau courrier tant que vous êtes en ligne, séparés par des virgules (%1 au maximum).</translation>
    </message>
    <message>
        <source>IMAP</source>
        <translation>IMAP</translation>
    </message>
    <message>
        <source>Download for &amp;offline reading:</source>
        <translation>Télécharger pour la lecture &amp;hors ligne&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Watched folders:</source>
        <translation>&amp;Dossiers surveillés&#xa0;:</translation>
    </message>
    <message>
        <source>POP3</source>
        <translation>POP3</translation>
    </message>
    <message>
        <source>Messages on the &amp;server:</source>
        <translation>Messages sur le se&amp;rveur&#xa0;:</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::AccountIdentityPage</name>
    <message>
        <source>Your mail account</source>
        <translation>Votre compte de messagerie</translation>
    </message>
    <message>
        <source>Petrel finds the servers for your address by itself. The password is kept in your system&apos;s keychain, never in Petrel&apos;s files.</source>
        <translation>Petrel trouve lui-même les serveurs correspondant à votre adresse. Le mot de passe est conservé dans le trousseau de votre système, jamais dans les fichiers de Petrel.</translation>
    </message>
    <message>
        <source>Alice Example</source>
        <translation>Alice Dupont</translation>
    </message>
    <message>
        <source>alice@example.org</source>
        <translation>alice@example.org</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>&amp;Votre nom&#xa0;:</translation>
    </message>
    <message>
        <source>E-mail &amp;address:</source>
        <translation>&amp;Adresse électronique&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::AccountServerPage</name>
    <message>
        <source>Server settings</source>
        <translation>Paramètres du serveur</translation>
    </message>
    <message>
        <source>&amp;IMAP: mail stays on the server, in sync on every device</source>
        <translation>&amp;IMAP&#xa0;: le courrier reste sur le serveur, synchronisé sur tous vos appareils</translation>
    </message>
    <message>
        <source>P&amp;OP3: mail is downloaded to this computer</source>
        <translation>P&amp;OP3&#xa0;: le courrier est téléchargé sur cet ordinateur</translation>
    </message>
    <message>
        <source>Account na&amp;me:</source>
        <translation>Nom du co&amp;mpte&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>T&amp;ester</translation>
    </message>
    <message>
        <source>&amp;Accept this certificate</source>
        <translation>&amp;Accepter ce certificat</translation>
    </message>
    <message>
        <source>&amp;Accept this certificate (SHA-256 %1)</source>
        <translation>&amp;Accepter ce certificat (SHA-256 %1)</translation>
    </message>
    <message>
        <source>The account was not added: %1</source>
        <translation>Le compte n’a pas été ajouté&#xa0;: %1</translation>
    </message>
    <message>
        <source>The profile could not be opened: %1</source>
        <translation>Impossible d’ouvrir le profil&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::AccountSettingsPage</name>
    <message>
        <source>&amp;Remove Account…</source>
        <translation>Supprimer &amp;le compte…</translation>
    </message>
    <message>
        <source>Cannot read the accounts: %1</source>
        <translation>Impossible de lire les comptes&#xa0;: %1</translation>
    </message>
    <message>
        <source>A mail check of this account is running; switch the protocol when it has finished.</source>
        <translation>Une relève du courrier de ce compte est en cours&#xa0;; changez de protocole une fois qu’elle sera terminée.</translation>
    </message>
    <message>
        <source>The password was not saved: the keychain says: %1</source>
        <translation>Le mot de passe n’a pas été enregistré&#xa0;; réponse du trousseau&#xa0;: %1</translation>
    </message>
    <message>
        <source>Remove the account &apos;%1&apos;? Its mail stored on this computer and its password in the keychain are removed too; mail on the server is not touched.</source>
        <translation>Supprimer le compte «&#xa0;%1&#xa0;»&#xa0;? Ses messages conservés sur cet ordinateur et son mot de passe dans le trousseau sont également supprimés&#xa0;; le courrier sur le serveur n’est pas modifié.</translation>
    </message>
    <message>
        <source>Messages downloaded by POP3 may exist only on this computer: they are lost.</source>
        <translation>Les messages téléchargés par POP3 n’existent peut-être que sur cet ordinateur&#xa0;: ils seront perdus.</translation>
    </message>
    <message>
        <source>Remove Account</source>
        <translation>Supprimer le compte</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::AccountStatus</name>
    <message>
        <source>%1: not checked yet</source>
        <translation>%1&#xa0;: pas encore relevé</translation>
    </message>
    <message>
        <source>%1: online</source>
        <translation>%1&#xa0;: en ligne</translation>
    </message>
    <message>
        <source>%1: offline</source>
        <translation>%1&#xa0;: hors ligne</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::AccountWizard</name>
    <message>
        <source>Add Account</source>
        <translation>Ajouter un compte</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::AddressFieldParser</name>
    <message>
        <source>&quot;%1&quot; is not a mail address.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une adresse électronique.</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::ComposerWindow</name>
    <message>
        <source>New message</source>
        <translation>Nouveau message</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Enregistrer le brouillon</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>Joindre…</translation>
    </message>
    <message>
        <source>Remove attachment</source>
        <translation>Retirer la pièce jointe</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Joindre des fichiers</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>De&#xa0;:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>À&#xa0;:</translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation>Cc&#xa0;:</translation>
    </message>
    <message>
        <source>Bcc:</source>
        <translation>Cci&#xa0;:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Objet&#xa0;:</translation>
    </message>
    <message>
        <source>Also send an HTML version of the text</source>
        <translation>Envoyer aussi une version HTML du texte</translation>
    </message>
    <message>
        <source>The accounts could not be read: %1</source>
        <translation>Impossible de lire les comptes&#xa0;: %1</translation>
    </message>
    <message>
        <source>There is no account to send from yet.</source>
        <translation>Aucun compte n’est encore configuré pour l’envoi.</translation>
    </message>
    <message>
        <source>The message is no longer there.</source>
        <translation>Le message n’existe plus.</translation>
    </message>
    <message>
        <source>The message could not be read: %1</source>
        <translation>Impossible de lire le message&#xa0;: %1</translation>
    </message>
    <message>
        <source>The message&apos;s account is gone.</source>
        <translation>Le compte de ce message n’existe plus.</translation>
    </message>
    <message>
        <source>The message has not been downloaded yet; try again once it is.</source>
        <translation>Le message n’est pas encore téléchargé&#xa0;; réessayez quand il le sera.</translation>
    </message>
    <message>
        <source>%1 is too large to send (%2; at most %3).</source>
        <translation>%1 est trop volumineux pour être envoyé (%2&#xa0;; au plus %3).</translation>
    </message>
    <message>
        <source>%1 could not be attached: %2</source>
        <translation>Impossible de joindre %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The account could not be read: %1</source>
        <translation>Impossible de lire le compte&#xa0;: %1</translation>
    </message>
    <message>
        <source>Choose the account to send from.</source>
        <translation>Choisissez le compte d’envoi.</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Bcc</source>
        <translation>Cci</translation>
    </message>
    <message>
        <source>Add at least one recipient.</source>
        <translation>Ajoutez au moins un destinataire.</translation>
    </message>
    <message>
        <source>The message could not be put into the outbox: %1</source>
        <translation>Impossible de placer le message dans la boîte d’envoi&#xa0;: %1</translation>
    </message>
    <message>
        <source>The draft was not saved: %1</source>
        <translation>Le brouillon n’a pas été enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>The saved draft could not be removed: %1</source>
        <translation>Impossible de supprimer le brouillon enregistré&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::DesktopWindows</name>
    <message>
        <source>Cannot reply: %1</source>
        <translation>Impossible de répondre&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot forward: %1</source>
        <translation>Impossible de transférer&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot open the link: %1</source>
        <translation>Impossible d’ouvrir le lien&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::ErrorBanner</name>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::FolderRoleNames</name>
    <message>
        <source>Inbox</source>
        <translation>Boîte de réception</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyés</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Brouillons</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Corbeille</translation>
    </message>
    <message>
        <source>Junk</source>
        <translation>Indésirables</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archives</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::FolderTreeModel</name>
    <message>
        <source>Unified Inbox</source>
        <translation>Toutes les boîtes de réception</translation>
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
        <translation>Aucun mot de passe dans le trousseau du système&#xa0;: %1</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>introuvable</translation>
    </message>
    <message>
        <source>%1: connecting</source>
        <translation>%1&#xa0;: connexion en cours</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) sent</source>
        <translation>
            <numerusform>%n message envoyé</numerusform>
            <numerusform>%n messages envoyés</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 of %3 message bodies (%4)</source>
        <translation>%1&#xa0;: %2 contenus de message sur %3 (%4)</translation>
    </message>
    <message>
        <source>%1: %2 of %3 new messages (%4)</source>
        <translation>%1&#xa0;: %2 nouveaux messages sur %3 (%4)</translation>
    </message>
    <message>
        <source>%1: %2 of %3 new messages</source>
        <translation>%1&#xa0;: %2 nouveaux messages sur %3</translation>
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
        <translation>Impossible d’ouvrir le profil&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot read the message list: %1</source>
        <translation>Impossible de lire la liste des messages&#xa0;: %1</translation>
    </message>
    <message>
        <source>&amp;Check Mail</source>
        <translation>&amp;Relever le courrier</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Find Messages</source>
        <translation>Rechercher des &amp;messages</translation>
    </message>
    <message>
        <source>&amp;Threaded View</source>
        <translation>Regrouper par &amp;discussion</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation>&amp;Message</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Barre d’outils principale</translation>
    </message>
    <message>
        <source>Search (from: to: subject: has:attachment is:unread is:flagged)</source>
        <translation>Rechercher (from: to: subject: has:attachment is:unread is:flagged)</translation>
    </message>
    <message>
        <source>The message could not be downloaded: %1</source>
        <translation>Impossible de télécharger le message&#xa0;: %1</translation>
    </message>
    <message>
        <source>No accounts yet. Add one with: petrel-cli account add</source>
        <translation>Aucun compte pour l’instant. Ajoutez-en un avec&#xa0;: petrel-cli account add</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n compte</numerusform>
            <numerusform>%n comptes</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the profile: %1</source>
        <translation>Impossible de lire le profil&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot read the folder: %1</source>
        <translation>Impossible de lire le dossier&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot search: %1</source>
        <translation>Recherche impossible&#xa0;: %1</translation>
    </message>
    <message>
        <source>The message is no longer in the cache.</source>
        <translation>Le message n’est plus dans le cache.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: sending: %2 (%n sent)</source>
        <translation>
            <numerusform>%1&#xa0;: envoi&#xa0;: %2 (%n envoyé)</numerusform>
            <numerusform>%1&#xa0;: envoi&#xa0;: %2 (%n envoyés)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s) in %1</source>
        <translation>
            <numerusform>%n nouveau message dans %1</numerusform>
            <numerusform>%n nouveaux messages dans %1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Add Account…</source>
        <translation>&amp;Ajouter un compte…</translation>
    </message>
    <message>
        <source>This folder</source>
        <translation>Ce dossier</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Tous les comptes</translation>
    </message>
    <message>
        <source>Where the search looks</source>
        <translation>Où chercher</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::MessageActions</name>
    <message>
        <source>&amp;New Message</source>
        <translation>&amp;Nouveau message</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Répondre</translation>
    </message>
    <message>
        <source>Reply &amp;All</source>
        <translation>Répondre à &amp;tous</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>Trans&amp;férer</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Ar&amp;chive</source>
        <translation>Ar&amp;chiver</translation>
    </message>
    <message>
        <source>Toggle &amp;Read</source>
        <translation>Basculer &amp;lu / non lu</translation>
    </message>
    <message>
        <source>Mark &amp;Unread</source>
        <translation>Marquer comme &amp;non lu</translation>
    </message>
    <message>
        <source>Toggle &amp;Flag</source>
        <translation>Basculer le s&amp;uivi</translation>
    </message>
    <message>
        <source>&amp;Move To</source>
        <translation>&amp;Déplacer vers</translation>
    </message>
    <message>
        <source>C&amp;opy To</source>
        <translation>C&amp;opier vers</translation>
    </message>
    <message>
        <source>Moving or copying between accounts is not possible yet.</source>
        <translation>Déplacer ou copier entre comptes n’est pas encore possible.</translation>
    </message>
    <message>
        <source>This account has no Archive folder.</source>
        <translation>Ce compte n’a pas de dossier d’archives.</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::MessageListModel</name>
    <message>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <source>Has attachments</source>
        <translation>Avec pièces jointes</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Pièces jointes</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::MessageView</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d’écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Objet&#xa0;:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>De&#xa0;:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>À&#xa0;:</translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation>Cc&#xa0;:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Date&#xa0;:</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <source>Downloading the message…</source>
        <translation>Téléchargement du message…</translation>
    </message>
    <message>
        <source>Remote content was blocked to protect your privacy.</source>
        <translation>Le contenu distant a été bloqué pour protéger votre vie privée.</translation>
    </message>
    <message>
        <source>Load for this message</source>
        <translation>Charger pour ce message</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Pièce jointe</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Enregistrer…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>The message could not be read: %1</source>
        <translation>Impossible de lire le message&#xa0;: %1</translation>
    </message>
    <message>
        <source>The message is no longer there.</source>
        <translation>Le message n’existe plus.</translation>
    </message>
    <message>
        <source>The message body has not been downloaded yet. Downloading…</source>
        <translation>Le contenu du message n’est pas encore téléchargé. Téléchargement…</translation>
    </message>
    <message>
        <source>Always for %1</source>
        <translation>Toujours pour %1</translation>
    </message>
    <message>
        <source>Links of this kind are not opened: %1</source>
        <translation>Les liens de ce type ne sont pas ouverts&#xa0;: %1</translation>
    </message>
    <message>
        <source>Open link?</source>
        <translation>Ouvrir le lien&#xa0;?</translation>
    </message>
    <message>
        <source>The link shows
%1
but leads to
%2

Open %2?</source>
        <translation>Le lien affiche
%1
mais mène à
%2

Ouvrir %2&#xa0;?</translation>
    </message>
    <message>
        <source>No such attachment.</source>
        <translation>Cette pièce jointe n’existe pas.</translation>
    </message>
    <message>
        <source>The attachment could not be found in the message.</source>
        <translation>La pièce jointe est introuvable dans le message.</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Enregistrer la pièce jointe</translation>
    </message>
    <message>
        <source>Open attachment?</source>
        <translation>Ouvrir la pièce jointe&#xa0;?</translation>
    </message>
    <message>
        <source>%1 is a program or script. Opening it may run it. Open anyway?</source>
        <translation>%1 est un programme ou un script. L’ouvrir peut l’exécuter. L’ouvrir quand même&#xa0;?</translation>
    </message>
    <message>
        <source>No temporary folder to open the attachment from.</source>
        <translation>Aucun dossier temporaire pour ouvrir la pièce jointe.</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::OfflinePolicyEdit</name>
    <message>
        <source>Inbox only</source>
        <translation>Boîte de réception uniquement</translation>
    </message>
    <message>
        <source>All folders</source>
        <translation>Tous les dossiers</translation>
    </message>
    <message>
        <source>Recent messages (and all of Inbox)</source>
        <translation>Messages récents (et toute la boîte de réception)</translation>
    </message>
    <message>
        <source>Nothing ahead of time</source>
        <translation>Rien à l’avance</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::RemoteContentPage</name>
    <message>
        <source>Remote content in messages (images, style sheets and other files on the web) is blocked: loading it tells the sender that and when you read the message. You can load it for one message, or always for a sender, from the message view.

Senders whose remote content is always loaded:</source>
        <translation>Le contenu distant des messages (images, feuilles de style et autres fichiers sur le Web) est bloqué&#xa0;: le charger indique à l’expéditeur que vous lisez le message, et à quel moment. Vous pouvez le charger pour un seul message, ou toujours pour un expéditeur, depuis l’affichage du message.

Expéditeurs dont le contenu distant est toujours chargé&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::RetentionEdit</name>
    <message>
        <source>Leave messages on the server</source>
        <translation>Laisser les messages sur le serveur</translation>
    </message>
    <message>
        <source>Delete from the server after</source>
        <translation>Supprimer du serveur après</translation>
    </message>
    <message>
        <source>Delete from the server when deleted here</source>
        <translation>Supprimer du serveur lorsqu’ils sont supprimés ici</translation>
    </message>
    <message>
        <source>Delete from the server once downloaded</source>
        <translation>Supprimer du serveur une fois téléchargés</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::ServerSettingsForm</name>
    <message>
        <source>Incoming mail</source>
        <translation>Courrier entrant</translation>
    </message>
    <message>
        <source>IMAP (mail stays on the server)</source>
        <translation>IMAP (le courrier reste sur le serveur)</translation>
    </message>
    <message>
        <source>POP3 (mail is downloaded)</source>
        <translation>POP3 (le courrier est téléchargé)</translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation>&amp;Protocole&#xa0;:</translation>
    </message>
    <message>
        <source>Outgoing mail (SMTP)</source>
        <translation>Courrier sortant (SMTP)</translation>
    </message>
    <message>
        <source>same as the incoming server</source>
        <translation>identique au serveur entrant</translation>
    </message>
    <message>
        <source>TLS (recommended)</source>
        <translation>TLS (recommandé)</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>None (unencrypted)</source>
        <translation>Aucune (sans chiffrement)</translation>
    </message>
    <message>
        <source>Without encryption, your password and your mail travel in clear text: anyone on the network path can read them.</source>
        <translation>Sans chiffrement, votre mot de passe et votre courrier circulent en clair&#xa0;: n’importe qui sur le trajet réseau peut les lire.</translation>
    </message>
    <message>
        <source>same as the address</source>
        <translation>identique à l’adresse</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur&#xa0;:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort&#xa0;:</translation>
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation>Sé&amp;curité&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nom d’&amp;utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>The incoming port must be a number from 1 to 65535 (or empty for the default).</source>
        <translation>Le port du serveur entrant doit être un nombre de 1 à 65535 (ou vide pour la valeur par défaut).</translation>
    </message>
    <message>
        <source>The outgoing port must be a number from 1 to 65535 (or empty for the default).</source>
        <translation>Le port du serveur sortant doit être un nombre de 1 à 65535 (ou vide pour la valeur par défaut).</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>par défaut&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::SettingsDialog</name>
    <message>
        <source>Petrel Settings</source>
        <translation>Paramètres de Petrel</translation>
    </message>
    <message>
        <source>Cannot open the profile: %1</source>
        <translation>Impossible d’ouvrir le profil&#xa0;: %1</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Confidentialité</translation>
    </message>
</context>
<context>
    <name>Petrel::Ui::TrayIcon</name>
    <message>
        <source>Show Petrel</source>
        <translation>Afficher Petrel</translation>
    </message>
    <message>
        <source>Check Mail</source>
        <translation>Relever le courrier</translation>
    </message>
    <message>
        <source>Write Message</source>
        <translation>Écrire un message</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Petrel: no unread messages</source>
        <translation>Petrel&#xa0;: aucun message non lu</translation>
    </message>
    <message numerus="yes">
        <source>Petrel: %n unread message(s)</source>
        <translation>
            <numerusform>Petrel&#xa0;: %n message non lu</numerusform>
            <numerusform>Petrel&#xa0;: %n messages non lus</numerusform>
        </translation>
    </message>
    <message>
        <source>New mail</source>
        <translation>Nouveau courrier</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>The profile folder to use.</source>
        <translation>Le dossier de profil à utiliser.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DOSSIER</translation>
    </message>
    <message>
        <source>The language of the interface (en, de, fr).</source>
        <translation>La langue de l’interface (en, de, fr).</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>Start in the system tray.</source>
        <translation>Démarrer dans la zone de notification.</translation>
    </message>
    <message>
        <source>A mailto: link to open in the composer.</source>
        <translation>Un lien mailto: à ouvrir dans la fenêtre de rédaction.</translation>
    </message>
</context>
</TS>
