#include "MainWindow.h"

#include "accounts/AccountRegistry.h"
#include "accounts/CheckScheduler.h"
#include "accounts/ProfileDirectory.h"
#include "actions/MessageActions.h"
#include "credentials/CredentialStore.h"
#include "localmail/MailActions.h"
#include "models/FolderTreeModel.h"
#include "models/MessageListModel.h"
#include "status/AccountStatus.h"
#include "status/ErrorBanner.h"
#include "status/MailChecker.h"
#include "status/TrayIcon.h"
#include "store/SearchFilter.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLocale>
#include <QDateTime>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <chrono>

namespace Petrel::Ui {

namespace {

QString keyOf(const QModelIndex &index)
{
    if (!index.isValid())
        return {};
    const auto kind = FolderTreeModel::Kind(index.data(FolderTreeModel::KindRole).toInt());
    switch (kind) {
    case FolderTreeModel::Kind::UnifiedInbox:
        return QStringLiteral("u");
    case FolderTreeModel::Kind::Account:
        return QStringLiteral("a%1").arg(index.data(FolderTreeModel::AccountIdRole).toLongLong());
    case FolderTreeModel::Kind::Folder:
        return QStringLiteral("f%1").arg(index.data(FolderTreeModel::FolderIdRole).toLongLong());
    }
    return {};
}

} // namespace

MainWindow::MainWindow(const QString &profileDir, QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Petrel"));
    resize(1200, 750);
    if (!openStore(profileDir))
        return;
    buildPanes();
    buildMenusAndToolbar();
    setUpChecks();
    reload();
    restoreTreeState(); // the first time: accounts expanded, the unified Inbox shown
}

MainWindow::~MainWindow()
{
    // The checker's engines write through m_writer: they go first.
    delete m_checker;
    m_checker = nullptr;
}

bool MainWindow::openStore(const QString &profileDir)
{
    const Core::ProfileDirectory profile(profileDir);
    QString error;
    if (!profile.prepare(&error)) {
        statusBar()->showMessage(error);
        return false;
    }
    try {
        // The writer applies any pending schema migration; the GUI then reads on its own connection.
        m_writer = std::make_unique<Store::StoreWriter>(profile.databasePath());
        m_reader = std::make_unique<Store::StoreReader>(profile.databasePath());
    } catch (const Store::StoreError &e) {
        statusBar()->showMessage(tr("Cannot open the profile: %1").arg(e.text()));
        return false;
    }
    m_mailActions = std::make_unique<Core::MailActions>(*m_writer, *m_reader);
    m_credentials = std::make_unique<Core::CredentialStore>();
    return true;
}

void MainWindow::buildPanes()
{
    m_folderModel = new FolderTreeModel(*m_reader, this);
    m_listModel = new MessageListModel(*m_reader, this);

    m_tree = new QTreeView;
    m_tree->setObjectName(QStringLiteral("folderTree"));
    m_tree->setModel(m_folderModel);
    m_tree->setHeaderHidden(true);
    m_tree->setAcceptDrops(true);
    m_tree->setDragDropMode(QAbstractItemView::DropOnly);
    m_tree->setDropIndicatorShown(true);

    m_list = new QTreeView;
    m_list->setObjectName(QStringLiteral("messageList"));
    m_list->setModel(m_listModel);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true); // lets the view skip measuring rows: scrolling stays cheap
    m_list->setAllColumnsShowFocus(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setDragEnabled(true);
    m_list->setDragDropMode(QAbstractItemView::DragOnly);
    m_list->setDefaultDropAction(Qt::MoveAction); // Ctrl held makes it a copy
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->header()->setSortIndicator(MessageListModel::DateColumn, Qt::DescendingOrder);
    m_list->setSortingEnabled(true);
    m_list->header()->setSectionResizeMode(MessageListModel::SubjectColumn, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    m_list->setColumnWidth(MessageListModel::FlaggedColumn, 28);
    m_list->setColumnWidth(MessageListModel::AttachmentColumn, 28);
    m_list->setColumnWidth(MessageListModel::FromColumn, 220);
    // Wide enough for the locale's longest short date and time, not measured over the rows.
    const QString sampleDate = QLocale().toString(QDateTime(QDate(2026, 12, 28), QTime(23, 58)), QLocale::ShortFormat);
    m_list->setColumnWidth(MessageListModel::DateColumn, m_list->fontMetrics().horizontalAdvance(sampleDate) + 24);

    m_messageView = new QWidget;
    m_messageView->setObjectName(QStringLiteral("messageViewPlaceholder"));

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_list);
    m_splitter->addWidget(m_messageView);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 3);
    // Room for folder names such as "Unified Inbox (12)" and for the list's date column.
    m_splitter->setSizes({240, 560, 400});

    auto *central = new QWidget;
    m_bannerArea = new QVBoxLayout;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_bannerArea);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    m_actions = new MessageActions(*m_mailActions, *m_reader, [this] { return selectedMessageIds(); }, this);
    m_actions->addTo(this);
    connect(m_actions, &MessageActions::composeRequested, this, &MainWindow::composeRequested);
    connect(m_actions, &MessageActions::replyRequested, this, &MainWindow::replyRequested);
    connect(m_actions, &MessageActions::forwardRequested, this, &MainWindow::forwardRequested);
    connect(m_actions, &MessageActions::changed, this, &MainWindow::afterChange);
    connect(m_actions, &MessageActions::failed, this, [this](const QString &message) {
        statusBar()->showMessage(message, 10000);
    });
    connect(m_folderModel, &FolderTreeModel::messagesDropped, m_actions, &MessageActions::moveOrCopy);
    connect(m_listModel, &MessageListModel::loadFailed, this, [this](const QString &error) {
        statusBar()->showMessage(tr("Cannot read the message list: %1").arg(error), 10000);
    });

    connect(m_folderModel, &QAbstractItemModel::modelAboutToBeReset, this, &MainWindow::saveTreeState);
    connect(m_folderModel, &QAbstractItemModel::modelReset, this, &MainWindow::restoreTreeState);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showFolder(current); });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const qint64 id = current.isValid() ? m_listModel->messageId(current.row()) : 0;
                Q_EMIT currentMessageChanged(id);
                if (!m_restoringSelection)
                    markOpenedRead(id);
            });
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, m_actions,
            &MessageActions::updateEnabled);
    connect(m_listModel, &QAbstractItemModel::modelReset, m_actions, &MessageActions::updateEnabled);
    connect(m_list, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        QMenu menu;
        menu.addActions({m_actions->reply(), m_actions->replyAll(), m_actions->forward()});
        menu.addSeparator();
        menu.addActions({m_actions->toggleRead(), m_actions->markUnread(), m_actions->toggleFlag()});
        menu.addSeparator();
        menu.addMenu(m_actions->moveMenu());
        menu.addMenu(m_actions->copyMenu());
        menu.addActions({m_actions->archive(), m_actions->remove()});
        menu.exec(m_list->viewport()->mapToGlobal(at));
    });
}

void MainWindow::buildMenusAndToolbar()
{
    m_checkMail = new QAction(QIcon::fromTheme(QStringLiteral("mail-receive")), tr("&Check Mail"), this);
    m_checkMail->setShortcuts({QKeySequence::Refresh, QKeySequence(Qt::CTRL | Qt::Key_T)});
    connect(m_checkMail, &QAction::triggered, this, &MainWindow::checkAllAccounts);
    auto *quit = new QAction(tr("&Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    auto *find = new QAction(tr("&Find Messages"), this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    m_settings = new QAction(QIcon::fromTheme(QStringLiteral("preferences-system")), tr("&Settings…"), this);
    m_settings->setShortcut(QKeySequence::Preferences);
    m_settings->setMenuRole(QAction::PreferencesRole);
    connect(m_settings, &QAction::triggered, this, &MainWindow::settingsRequested);
    m_threaded = new QAction(tr("&Threaded View"), this);
    m_threaded->setCheckable(true);
    connect(m_threaded, &QAction::toggled, this, [this](bool on) { m_listModel->setThreaded(on); });
    addActions({m_checkMail, quit, find, m_settings});

    m_addAccount = new QAction(tr("&Add Account…"), this);
    m_addAccount->setObjectName(QStringLiteral("addAccountAction"));
    connect(m_addAccount, &QAction::triggered, this, &MainWindow::addAccountRequested);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_checkMail);
    file->addAction(m_addAccount);
    file->addSeparator();
    file->addAction(quit);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(find);
    edit->addSeparator();
    edit->addAction(m_settings);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_threaded);
    QMenu *message = menuBar()->addMenu(tr("&Message"));
    message->addActions({m_actions->newMessage(), m_actions->reply(), m_actions->replyAll(), m_actions->forward()});
    message->addSeparator();
    message->addActions({m_actions->toggleRead(), m_actions->markUnread(), m_actions->toggleFlag()});
    message->addSeparator();
    message->addMenu(m_actions->moveMenu());
    message->addMenu(m_actions->copyMenu());
    message->addActions({m_actions->archive(), m_actions->remove()});

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->addActions({m_checkMail, m_actions->newMessage(), m_actions->reply(), m_actions->replyAll(),
                     m_actions->forward(), m_actions->archive(), m_actions->remove()});
    bar->addSeparator();
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Search (from: to: subject: has:attachment is:unread is:flagged)"));
    m_search->setMaximumWidth(420);
    bar->addWidget(m_search);
    m_searchScope = new QComboBox;
    m_searchScope->setObjectName(QStringLiteral("searchScope"));
    m_searchScope->addItem(tr("This folder"));
    m_searchScope->addItem(tr("All accounts"));
    m_searchScope->setToolTip(tr("Where the search looks"));
    bar->addWidget(m_searchScope);
    connect(m_searchScope, &QComboBox::currentIndexChanged, this, &MainWindow::applySearch);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250); // results while typing, without a query per keystroke
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &MainWindow::applySearch);
}

void MainWindow::setUpChecks()
{
    m_status = new AccountStatus(statusBar(), this);
    m_checker = new MailChecker(*m_writer, *m_credentials);
    m_scheduler = new Core::CheckScheduler(this);
    connect(m_scheduler, &Core::CheckScheduler::checkDue, this, &MainWindow::checkAccount);
    connect(m_checker, &MailChecker::progressed, this,
            [this](qint64 id, int, int, const QString &text) { m_status->showProgress(id, text); });
    connect(m_checker, &MailChecker::finished, this, &MainWindow::onCheckFinished);
    connect(m_checker, &MailChecker::sent, this, &MainWindow::onSent);
    connect(m_checker, &MailChecker::bodyFetched, this, [this](qint64 id, bool ok, const QString &message) {
        if (!ok)
            statusBar()->showMessage(tr("The message could not be downloaded: %1").arg(message), 15000);
        Q_EMIT bodyFetched(id, ok, message);
    });
    m_tray = new TrayIcon(QApplication::windowIcon(), this);
    connect(m_tray, &TrayIcon::checkMailRequested, this, &MainWindow::checkAllAccounts);
    connect(m_tray, &TrayIcon::composeRequested, this, &MainWindow::composeRequested);
    // The tray shows the unified Inbox's unread count, whatever changed it.
    const auto updateUnread = [this] {
        m_tray->setUnreadCount(m_folderModel->unifiedInboxIndex().data(FolderTreeModel::UnreadRole).toLongLong());
    };
    connect(m_folderModel, &QAbstractItemModel::dataChanged, this, updateUnread);
    connect(m_folderModel, &QAbstractItemModel::modelReset, this, updateUnread);
    connect(m_folderModel, &QAbstractItemModel::rowsInserted, this, updateUnread);
    connect(m_folderModel, &QAbstractItemModel::rowsRemoved, this, updateUnread);
    updateUnread();
}

void MainWindow::reload()
{
    if (!m_reader)
        return;
    try {
        m_folderModel->refresh();
        m_listModel->refresh();
        const QList<Core::Account> accounts = Core::AccountRegistry(*m_writer, *m_reader, *m_credentials).accounts();
        QSet<qint64> present;
        for (const Core::Account &account : accounts) {
            present.insert(account.id);
            m_status->setAccountName(account.id, account.settings.name);
            // Only a changed interval restarts the countdown.
            const int minutes = account.settings.checkIntervalMinutes;
            if (m_intervals.value(account.id, 0) != minutes)
                m_scheduler->setInterval(account.id, std::chrono::minutes(minutes));
            m_intervals.insert(account.id, minutes);
        }
        for (auto it = m_intervals.begin(); it != m_intervals.end();) {
            if (present.contains(it.key())) {
                ++it;
                continue;
            }
            m_scheduler->remove(it.key());
            m_status->forget(it.key());
            if (ErrorBanner *banner = m_banners.take(it.key()))
                banner->deleteLater();
            it = m_intervals.erase(it);
        }
        statusBar()->showMessage(accounts.isEmpty()
                                     ? tr("No accounts yet. Add one with: petrel-cli account add")
                                     : tr("%n account(s)", nullptr, int(accounts.size())));
    } catch (const Store::StoreError &e) {
        statusBar()->showMessage(tr("Cannot read the profile: %1").arg(e.text()));
    }
}

void MainWindow::setMessageView(QWidget *view)
{
    if (!m_splitter || !view)
        return;
    QWidget *old = m_messageView;
    m_splitter->replaceWidget(2, view);
    m_messageView = view;
    delete old;
}

QList<qint64> MainWindow::selectedMessageIds() const
{
    QList<qint64> ids;
    if (!m_list)
        return ids;
    const QModelIndexList rows = m_list->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows) {
        if (const qint64 id = m_listModel->messageId(row.row()))
            ids.append(id);
    }
    return ids;
}

void MainWindow::showFolder(const QModelIndex &index)
{
    QList<qint64> folders;
    const auto kind = FolderTreeModel::Kind(index.data(FolderTreeModel::KindRole).toInt());
    try {
        if (index.isValid() && kind == FolderTreeModel::Kind::UnifiedInbox)
            folders = m_reader->inboxFolderIds();
        else if (index.isValid() && kind == FolderTreeModel::Kind::Folder)
            folders = {index.data(FolderTreeModel::FolderIdRole).toLongLong()};
        m_listModel->setFolders(folders);
    } catch (const Store::StoreError &e) {
        statusBar()->showMessage(tr("Cannot read the folder: %1").arg(e.text()));
    }
}

void MainWindow::applySearch()
{
    m_searchDelay->stop();
    // "All accounts" widens a search to every folder; without search text the list is the
    // folder chosen in the tree again.
    const bool everywhere = m_searchScope->currentIndex() == 1 && !m_search->text().trimmed().isEmpty();
    if (everywhere && !m_listModel->listsAllFolders())
        m_listModel->setAllFolders();
    else if (!everywhere && m_listModel->listsAllFolders())
        showFolder(m_tree->currentIndex());
    try {
        m_listModel->setFilter(Store::parseSearchFilter(m_search->text()));
    } catch (const Store::StoreError &e) {
        statusBar()->showMessage(tr("Cannot search: %1").arg(e.text()));
    }
}

void MainWindow::afterChange(const QList<qint64> &ids)
{
    // Keep the user's place: the same messages stay selected, or the row where they were.
    const QModelIndex current = m_list->currentIndex();
    const int oldRow = current.isValid() ? current.row() : 0;
    try {
        m_folderModel->refresh();
        m_listModel->refresh();
    } catch (const Store::StoreError &e) {
        statusBar()->showMessage(tr("Cannot read the profile: %1").arg(e.text()));
        return;
    }
    QItemSelection selection;
    QModelIndex newCurrent;
    for (const qint64 id : ids) {
        const int row = m_listModel->rowOfMessage(id);
        if (row < 0)
            continue;
        const QModelIndex index = m_listModel->index(row, 0);
        selection.select(index, index);
        if (!newCurrent.isValid())
            newCurrent = index;
    }
    if (!newCurrent.isValid() && m_listModel->rowCount() > 0) {
        newCurrent = m_listModel->index(qMin(oldRow, m_listModel->rowCount() - 1), 0);
        selection.select(newCurrent, newCurrent);
    }
    if (newCurrent.isValid()) {
        // Put back by the window, not opened by the user: it stays unread.
        const QScopedValueRollback restoring(m_restoringSelection, true);
        m_list->selectionModel()->setCurrentIndex(newCurrent, QItemSelectionModel::NoUpdate);
        m_list->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
}

void MainWindow::markOpenedRead(qint64 messageId)
{
    const int row = m_listModel->rowOfMessage(messageId);
    const Store::MessageSummary *summary = m_listModel->summary(row);
    if (!summary || summary->flags.testFlag(Store::MessageFlag::Seen))
        return;
    QString error;
    try {
        error = m_mailActions->setFlags(messageId, Store::MessageFlag::Seen, {});
    } catch (const Store::StoreError &e) {
        error = e.text();
    }
    if (!error.isEmpty()) {
        statusBar()->showMessage(error, 10000);
        return;
    }
    // Only the row and the counts change: a reset here would take the user's selection away.
    m_listModel->refreshMessage(messageId);
    m_folderModel->refresh();
}

void MainWindow::checkAllAccounts()
{
    if (!m_reader)
        return;
    try {
        for (const Store::AccountRow &account : m_reader->accounts())
            checkAccount(account.id);
    } catch (const Store::StoreError &e) {
        statusBar()->showMessage(tr("Cannot read the profile: %1").arg(e.text()));
    }
}

void MainWindow::checkAccount(qint64 accountId)
{
    try {
        for (const Core::Account &account : Core::AccountRegistry(*m_writer, *m_reader, *m_credentials).accounts()) {
            if (account.id != accountId)
                continue;
            m_status->setAccountName(account.id, account.settings.name);
            m_checker->check(account);
        }
    } catch (const Store::StoreError &e) {
        statusBar()->showMessage(tr("Cannot read the profile: %1").arg(e.text()));
    }
}

void MainWindow::fetchBody(qint64 messageId)
{
    try {
        const std::optional<Store::MessageRow> message = m_reader->message(messageId);
        const std::optional<Store::FolderRow> folder = message ? m_reader->folder(message->folderId) : std::nullopt;
        for (const Core::Account &account : Core::AccountRegistry(*m_writer, *m_reader, *m_credentials).accounts()) {
            if (folder && account.id == folder->accountId) {
                m_checker->fetchBody(account, messageId);
                return;
            }
        }
    } catch (const Store::StoreError &e) {
        statusBar()->showMessage(tr("Cannot read the profile: %1").arg(e.text()));
        return;
    }
    Q_EMIT bodyFetched(messageId, false, tr("The message is no longer in the cache."));
}

void MainWindow::showAccountError(qint64 accountId, const QString &text)
{
    ErrorBanner *banner = m_banners.value(accountId);
    if (!banner) {
        banner = new ErrorBanner(accountId);
        m_banners.insert(accountId, banner);
        m_bannerArea->addWidget(banner);
        connect(banner, &ErrorBanner::retryRequested, this, [this, banner](qint64 id) {
            banner->hide();
            checkAccount(id);
        });
    }
    banner->setMessage(text);
    banner->show();
}

void MainWindow::onSent(qint64 accountId, bool ok, const QString &message, int sentCount)
{
    std::optional<Store::AccountRow> account;
    try {
        account = m_reader->accountById(accountId);
    } catch (const Store::StoreError &) {
    }
    const QString name = account ? account->name : QString();
    if (ok) {
        m_sendProblem.remove(accountId);
        statusBar()->showMessage(tr("%1: %2").arg(name, message), 10000);
        return;
    }
    // Nothing is lost: the messages wait in the outbox (petrel-cli outbox shows why).
    m_sendProblem.insert(accountId);
    showAccountError(accountId, tr("%1: sending: %2 (%n sent)", nullptr, sentCount).arg(name, message));
}

void MainWindow::onCheckFinished(qint64 accountId, bool ok, const QString &message, int newMessages)
{
    m_scheduler->checkFinished(accountId);
    std::optional<Store::AccountRow> account;
    try {
        account = m_reader->accountById(accountId);
    } catch (const Store::StoreError &) {
    }
    const QString name = account ? account->name : QString();
    if (ok) {
        m_status->showOnline(accountId);
        if (ErrorBanner *banner = m_banners.value(accountId); banner && !m_sendProblem.contains(accountId))
            banner->hide();
    } else {
        m_status->showOffline(accountId);
        showAccountError(accountId, tr("%1: %2").arg(name, message));
    }
    afterChange(selectedMessageIds());
    if (newMessages > 0)
        notifyNewMail(tr("%n new message(s) in %1", nullptr, newMessages).arg(name));
}

void MainWindow::notifyNewMail(const QString &text)
{
    m_lastNotification = text;
    m_tray->showNewMail(text);
}

void MainWindow::saveTreeState()
{
    m_expandedKeys.clear();
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < m_folderModel->rowCount(parent); ++row) {
            const QModelIndex index = m_folderModel->index(row, 0, parent);
            if (m_tree->isExpanded(index))
                m_expandedKeys.append(keyOf(index));
            walk(index);
        }
    };
    walk({});
    m_selectedKey = keyOf(m_tree->currentIndex());
}

void MainWindow::restoreTreeState()
{
    const bool first = m_expandedKeys.isEmpty() && m_selectedKey.isEmpty();
    QModelIndex select;
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < m_folderModel->rowCount(parent); ++row) {
            const QModelIndex index = m_folderModel->index(row, 0, parent);
            const QString key = keyOf(index);
            // Accounts start expanded; afterwards the user's choice is kept.
            if (m_expandedKeys.contains(key) ||
                (first && index.data(FolderTreeModel::KindRole).toInt() == int(FolderTreeModel::Kind::Account)))
                m_tree->setExpanded(index, true);
            if (key == m_selectedKey)
                select = index;
            walk(index);
        }
    };
    walk({});
    if (!select.isValid())
        select = m_folderModel->unifiedInboxIndex();
    m_tree->setCurrentIndex(select);
}

} // namespace Petrel::Ui
