#pragma once

#include <QHash>
#include <QSet>
#include <QMainWindow>

#include <memory>

class QAction;
class QComboBox;
class QLineEdit;
class QSplitter;
class QTimer;
class QTreeView;
class QVBoxLayout;

namespace Petrel::Core {
class CheckScheduler;
class CredentialStore;
class MailActions;
} // namespace Petrel::Core

namespace Petrel::Store {
class StoreReader;
class StoreWriter;
} // namespace Petrel::Store

namespace Petrel::Ui {

class AccountStatus;
class ErrorBanner;
class FolderTreeModel;
class MailChecker;
class MessageActions;
class MessageListModel;
class TrayIcon;

// The top-level window: folder tree | message list | message view (set by the caller), a search
// field, the message actions, mail checks (by hand and scheduled) with per-account state in the
// status bar and errors in banners above the list, and a tray notification for new mail. It
// reads through its own StoreReader and writes through one StoreWriter; the network is only
// reached by MailChecker, asynchronously.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const QString &profileDir, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Re-reads accounts, folders and the message list (selection and expansion are kept); changed
    // check intervals are rescheduled, removed accounts unscheduled.
    void reload();
    // Puts the message view in the third pane (the window takes ownership).
    void setMessageView(QWidget *view);
    // Checks every account now.
    void checkAllAccounts();
    void checkAccount(qint64 accountId);
    // Downloads a headers-only message's body; bodyFetched() follows (errors also in the status bar).
    void fetchBody(qint64 messageId);

    QTreeView *folderTree() const { return m_tree; }
    QTreeView *messageList() const { return m_list; }
    FolderTreeModel *folderModel() const { return m_folderModel; }
    MessageListModel *messageModel() const { return m_listModel; }
    MessageActions *messageActions() const { return m_actions; }
    MailChecker *mailChecker() const { return m_checker; }
    Core::CheckScheduler *checkScheduler() const { return m_scheduler; }
    QLineEdit *searchField() const { return m_search; }
    QAction *checkMailAction() const { return m_checkMail; }
    QAction *addAccountAction() const { return m_addAccount; }
    QAction *threadedAction() const { return m_threaded; }
    QAction *settingsAction() const { return m_settings; }
    ErrorBanner *errorBanner(qint64 accountId) const { return m_banners.value(accountId); }
    AccountStatus *accountStatus() const { return m_status; }
    QString lastNotification() const { return m_lastNotification; }
    TrayIcon *trayIcon() const { return m_tray; }
    QList<qint64> selectedMessageIds() const;

Q_SIGNALS:
    void currentMessageChanged(qint64 messageId);
    void composeRequested();
    void addAccountRequested();
    void replyRequested(qint64 messageId, bool all);
    void forwardRequested(qint64 messageId);
    void bodyFetched(qint64 messageId, bool ok, const QString &message);
    void settingsRequested();

private:
    bool openStore(const QString &profileDir);
    void buildPanes();
    void buildMenusAndToolbar();
    void setUpChecks();
    void showFolder(const QModelIndex &index);
    void applySearch();
    void afterChange(const QList<qint64> &ids);
    // A message the user opens becomes read (on the server with the next check).
    void markOpenedRead(qint64 messageId);
    void onCheckFinished(qint64 accountId, bool ok, const QString &message, int newMessages);
    void onSent(qint64 accountId, bool ok, const QString &message, int sentCount);
    // The account's in-window banner (made on first use) with text and a Retry button.
    void showAccountError(qint64 accountId, const QString &text);
    void notifyNewMail(const QString &text);
    void saveTreeState();
    void restoreTreeState();

    std::unique_ptr<Store::StoreWriter> m_writer;
    std::unique_ptr<Store::StoreReader> m_reader;
    std::unique_ptr<Core::MailActions> m_mailActions;
    std::unique_ptr<Core::CredentialStore> m_credentials;
    FolderTreeModel *m_folderModel = nullptr;
    MessageListModel *m_listModel = nullptr;
    MessageActions *m_actions = nullptr;
    MailChecker *m_checker = nullptr;
    Core::CheckScheduler *m_scheduler = nullptr;
    AccountStatus *m_status = nullptr;
    TrayIcon *m_tray = nullptr;

    QTreeView *m_tree = nullptr;
    QTreeView *m_list = nullptr;
    QSplitter *m_splitter = nullptr;
    QWidget *m_messageView = nullptr;
    QVBoxLayout *m_bannerArea = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_searchScope = nullptr;
    QTimer *m_searchDelay = nullptr;
    QAction *m_checkMail = nullptr;
    QAction *m_addAccount = nullptr;
    QAction *m_threaded = nullptr;
    QAction *m_settings = nullptr;
    QHash<qint64, int> m_intervals; // each account's scheduled check interval (minutes) as last applied
    QHash<qint64, ErrorBanner *> m_banners;
    QSet<qint64> m_sendProblem; // accounts whose last outbox pass failed: their banner stays
    bool m_restoringSelection = false; // afterChange() puts the selection back
    QString m_lastNotification;
    QStringList m_expandedKeys;
    QString m_selectedKey;
};

} // namespace Petrel::Ui
