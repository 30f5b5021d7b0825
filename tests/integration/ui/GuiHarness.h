#pragma once

// Small helpers for GUI tests that drive Petrel's real windows like a user (mouse and keyboard
// through QTest) against the fixture's real servers.
#include "TestServers.h"

#include "accounts/AccountRegistry.h"
#include "credentials/CredentialStore.h"
#include "models/FolderTreeModel.h"
#include "models/MessageListModel.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QAction>
#include <QApplication>
#include <QFont>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMouseEvent>
#include <QSet>
#include <QToolBar>
#include <QTreeView>
#include <QtTest>

namespace Petrel::GuiTest {

// An IMAP (implicit TLS) + submission (STARTTLS) account for user on the fixture's servers,
// trusting the fixture's CA, its password to go under keychainKey.
inline Core::AccountSettings fixtureImapAccount(const Test::TestServers &servers, const Test::TestUser &user,
                                                const QString &name, const QString &keychainKey)
{
    Core::AccountSettings s;
    s.name = name;
    s.address = user.login;
    s.protocol = Store::AccountProtocol::Imap;
    s.incoming.host = servers.host();
    s.incoming.port = servers.imapTlsPort();
    s.incoming.security = Net::Security::ImplicitTls;
    s.outgoing.host = servers.host();
    s.outgoing.port = servers.submissionPort();
    s.outgoing.security = Net::Security::StartTls;
    s.trustedCaFile = servers.caFile();
    s.credentialKey = keychainKey;
    return s;
}

// Adds the account to the profile's store and its password to the keychain. Empty on success
// (*accountId set), else why not.
inline QString addAccount(const QString &databasePath, const Core::AccountSettings &settings, const QString &password,
                          qint64 *accountId = nullptr)
{
    Store::StoreWriter writer(databasePath);
    Store::StoreReader reader(databasePath);
    Core::CredentialStore credentials;
    const auto outcome = Core::AccountRegistry(writer, reader, credentials).add(settings, password);
    if (accountId)
        *accountId = outcome.accountId;
    return outcome.ok ? QString() : outcome.error;
}

// One line per message of login's mailbox that matches query (doveadm search terms).
inline QStringList serverSearch(const Test::TestServers &servers, const QString &login, const QString &mailbox,
                                const QStringList &query)
{
    const auto r = servers.doveadm(QStringList{QStringLiteral("search"), QStringLiteral("-u"), login,
                                               QStringLiteral("mailbox"), mailbox} +
                                   query);
    if (r.exitCode != 0)
        qWarning("doveadm search failed: %s", r.stdErr.constData());
    return QString::fromUtf8(r.stdOut).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

inline QStringList byMessageId(const QString &messageId, const QStringList &more = {})
{
    return QStringList{QStringLiteral("HEADER"), QStringLiteral("Message-ID"), messageId} + more;
}

// The folder of the tree's account accountName with this path; invalid when not (yet) there.
inline QModelIndex folderIndex(const Ui::FolderTreeModel &tree, const QString &accountName, const QString &path)
{
    for (int a = 0; a < tree.rowCount(); ++a) {
        const QModelIndex account = tree.index(a, 0);
        if (account.data(Ui::FolderTreeModel::KindRole).toInt() != int(Ui::FolderTreeModel::Kind::Account) ||
            !account.data().toString().startsWith(accountName))
            continue;
        for (int row = 0; row < tree.rowCount(account); ++row) {
            const QModelIndex folder = tree.index(row, 0, account);
            if (folder.data(Ui::FolderTreeModel::FolderPathRole).toString() == path)
                return folder;
        }
    }
    return {};
}

// Where a user clicks to hit index in view (scrolled into sight first).
inline QPoint centreOf(QTreeView *view, const QModelIndex &index)
{
    view->scrollTo(index);
    return view->visualRect(index).center();
}

inline void clickIndex(QTreeView *view, const QModelIndex &index, Qt::KeyboardModifiers modifiers = {})
{
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, centreOf(view, index));
}

inline int rowWithSubject(const Ui::MessageListModel &list, const QString &subject)
{
    for (int row = 0; row < list.rowCount(); ++row) {
        if (list.index(row, Ui::MessageListModel::SubjectColumn).data().toString() == subject)
            return row;
    }
    return -1;
}

inline QSet<QString> listedSubjects(const Ui::MessageListModel &list)
{
    QSet<QString> subjects;
    for (int row = 0; row < list.rowCount(); ++row)
        subjects.insert(list.index(row, Ui::MessageListModel::SubjectColumn).data().toString());
    return subjects;
}

// Unread rows are bold in the list.
inline bool isBold(const Ui::MessageListModel &list, int row)
{
    const QVariant font = list.index(row, Ui::MessageListModel::SubjectColumn).data(Qt::FontRole);
    return font.isValid() && font.value<QFont>().bold();
}

inline bool isFlaggedInList(const Ui::MessageListModel &list, int row)
{
    return !list.index(row, Ui::MessageListModel::FlaggedColumn).data().toString().isEmpty();
}

// Clicks the toolbar button that shows action.
inline bool clickToolbarButton(QMainWindow &window, QAction *action)
{
    for (QToolBar *bar : window.findChildren<QToolBar *>()) {
        if (QWidget *button = bar->widgetForAction(action); button && button->isVisible()) {
            QTest::mouseClick(button, Qt::LeftButton);
            return true;
        }
    }
    return false;
}

// Opens the menu bar's menu titled menuTitle with the mouse and clicks action in it.
inline bool clickMenuItem(QMainWindow &window, const QString &menuTitle, QAction *action)
{
    QMenuBar *bar = window.menuBar();
    for (QAction *top : bar->actions()) {
        if (top->text() != menuTitle || !top->menu())
            continue;
        QMenu *menu = top->menu();
        QTest::mouseClick(bar, Qt::LeftButton, {}, bar->actionGeometry(top).center());
        if (!QTest::qWaitFor([menu] { return menu->isVisible(); }, 5000))
            return false;
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
        return QTest::qWaitFor([menu] { return !menu->isVisible(); }, 5000);
    }
    return false;
}

// A mouse event with the given modifiers, sent as QTest sends its own (QTest::mouseMove takes none).
inline void sendMouse(QWidget *widget, QEvent::Type type, QPoint pos, Qt::MouseButton button,
                      Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers)
{
    QMouseEvent event(type, pos, widget->mapToGlobal(pos), button, buttons, modifiers);
    QApplication::sendEvent(widget, &event);
}

} // namespace Petrel::GuiTest
