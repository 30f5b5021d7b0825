#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace Petrel::Ui {

class AccountWizard;
class ComposerWindow;
class MainWindow;
class MessageView;
class RemoteContentPolicy;
class SettingsDialog;

// The windows of a running Petrel and how they talk: the main window's current message shows in
// the message view; new, reply, reply-all and forward open composers; a message queued by a
// composer makes its account check at once (the check sends the outbox first); the settings dialog's
// changes are picked up by the main window.
class DesktopWindows : public QObject
{
    Q_OBJECT

public:
    explicit DesktopWindows(const QString &profileDir, QObject *parent = nullptr);
    ~DesktopWindows() override;

    MainWindow &mainWindow() { return *m_main; }
    MessageView &messageView() { return *m_view; }
    // The composers open now.
    QList<ComposerWindow *> composers() const;

    void openComposer();
    // A composer filled from a mailto: link (RFC 6068); a bad link is named in the status bar.
    void openMailto(const QString &url);
    // The command line of a start, this one's or one handed over by a later start: opens a
    // composer for each mailto: link and brings the main window to the front.
    void handleArguments(const QStringList &arguments);
    // Shows the main window in front (from the tray or a second start).
    void raiseMainWindow();
    void openReply(qint64 messageId, bool all);
    void openForward(qint64 messageId);
    // Shows the settings dialog (the open one, if any); what it saves is reloaded by the main window.
    void openSettings();
    SettingsDialog *settingsDialog() const;
    // The account setup wizard (one at a time); a new account shows in the window and is checked.
    AccountWizard *openAccountWizard();
    // On first run: opens the wizard when the profile has no account yet; false otherwise.
    bool openAccountWizardIfNoAccount();
    AccountWizard *accountWizard() const;

private:
    void show(ComposerWindow *composer);

    QString m_databasePath;
    std::unique_ptr<RemoteContentPolicy> m_policy;
    std::unique_ptr<MainWindow> m_main;
    MessageView *m_view = nullptr; // owned by the main window once set
    QList<QPointer<ComposerWindow>> m_composers;
    QPointer<SettingsDialog> m_settings;
    QPointer<AccountWizard> m_wizard;
};

} // namespace Petrel::Ui
