#pragma once

#include "store/AccountRow.h"
#include "store/FolderRow.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace Petrel::Store {
class StoreReader;
}

namespace Petrel::Ui {

// The folder pane: "Unified Inbox" on top, then each account with its folders nested by their
// hierarchy delimiter. A folder with unread mail shows the count and is bold. Messages dropped
// on a folder are announced through messagesDropped (copy when the drop is a copy, e.g. Ctrl
// held), the window then runs the action. refresh() re-reads the store; when the folders are
// the same it only updates counts, so the view keeps selection and expansion.
class FolderTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class Kind { UnifiedInbox, Account, Folder };
    enum Role {
        KindRole = Qt::UserRole + 1,
        FolderIdRole,  // folders only
        AccountIdRole, // accounts and folders
        UnreadRole,
        FolderPathRole,
        FolderRoleRole, // Store::FolderRole as int
    };

    explicit FolderTreeModel(Store::StoreReader &reader, QObject *parent = nullptr);
    ~FolderTreeModel() override;

    void refresh();

    QModelIndex unifiedInboxIndex() const;
    QModelIndex accountIndex(qint64 accountId) const;
    QModelIndex folderIndex(qint64 folderId) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    void messagesDropped(const QList<qint64> &messageIds, qint64 targetFolderId, bool copy);

private:
    struct Node
    {
        Kind kind = Kind::Folder;
        qint64 id = 0; // account or folder id
        qint64 accountId = 0;
        QString name;
        QString tip;
        Store::FolderRow folder;
        qint64 unread = 0;
        Node *parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
    };

    std::unique_ptr<Node> build() const;
    static QStringList shape(const Node &root);
    void copyCounts(Node &into, const Node &from);
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node) const;
    const Node *find(const Node &from, Kind kind, qint64 id) const;

    Store::StoreReader &m_reader;
    std::unique_ptr<Node> m_root;
};

} // namespace Petrel::Ui
