#include "MainWindow.h"

#include "accounts/ProfileDirectory.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QStatusBar>
#include <QTreeWidget>

namespace Petrel::Ui {

MainWindow::MainWindow(const QString &profileDir, QWidget *parent)
    : QMainWindow(parent)
    , m_profileDir(profileDir)
    , m_tree(new QTreeWidget(this))
{
    setWindowTitle(tr("Petrel"));
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Folder"), tr("Unread"), tr("Total")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    setCentralWidget(m_tree);
    resize(1000, 700);
    reload();
}

void MainWindow::reload()
{
    m_tree->clear();
    const Core::ProfileDirectory profile(m_profileDir);
    QString error;
    if (!profile.prepare(&error)) {
        statusBar()->showMessage(error);
        return;
    }
    try {
        // The writer applies any pending schema migration; the GUI then reads on its own connection.
        { Store::StoreWriter migrate(profile.databasePath()); }
        Store::StoreReader reader(profile.databasePath());
        const QList<Store::AccountRow> accounts = reader.accounts();
        for (const Store::AccountRow &account : accounts) {
            auto *accountItem = new QTreeWidgetItem(m_tree, {account.name});
            accountItem->setToolTip(0, account.address);
            for (const Store::FolderRow &folder : reader.folders(account.id)) {
                new QTreeWidgetItem(accountItem, {folder.displayName.isEmpty() ? folder.path : folder.displayName,
                                                  QString::number(folder.unreadCount),
                                                  QString::number(folder.totalCount)});
            }
            accountItem->setExpanded(true);
        }
        statusBar()->showMessage(accounts.isEmpty()
                                     ? tr("No accounts yet. Add one with: petrel-cli account add")
                                     : accounts.size() == 1 ? tr("1 account")
                                                             : tr("%1 accounts").arg(accounts.size()));
    } catch (const Store::StoreError &e) {
        statusBar()->showMessage(tr("Cannot open the profile: %1").arg(e.text()));
    }
}

} // namespace Petrel::Ui
