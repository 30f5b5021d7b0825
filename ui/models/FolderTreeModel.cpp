#include "models/FolderTreeModel.h"

#include "models/FolderIcons.h"
#include "models/FolderRoleNames.h"
#include "models/MessageMime.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"

#include <QFont>
#include <QHash>

#include <functional>

namespace Petrel::Ui {

FolderTreeModel::FolderTreeModel(Store::StoreReader &reader, QObject *parent)
    : QAbstractItemModel(parent), m_reader(reader), m_root(std::make_unique<Node>())
{
    try {
        refresh();
    } catch (const Store::StoreError &e) {
        // An empty tree; the window's next refresh() reports the error where the user sees it.
        qWarning("folder tree: %s", qPrintable(e.text()));
    }
}

FolderTreeModel::~FolderTreeModel() = default;

std::unique_ptr<FolderTreeModel::Node> FolderTreeModel::build() const
{
    auto root = std::make_unique<Node>();
    auto unified = std::make_unique<Node>();
    unified->kind = Kind::UnifiedInbox;
    unified->name = tr("Unified Inbox");
    unified->parent = root.get();
    Node *unifiedNode = unified.get();
    root->children.push_back(std::move(unified));

    for (const Store::AccountRow &account : m_reader.accounts()) {
        auto accountNode = std::make_unique<Node>();
        accountNode->kind = Kind::Account;
        accountNode->id = account.id;
        accountNode->accountId = account.id;
        accountNode->name = account.name;
        accountNode->tip = account.address;
        accountNode->parent = root.get();
        // Folders come ordered by path, so a parent is always seen before its children.
        QHash<QString, Node *> byPath;
        for (const Store::FolderRow &folder : m_reader.folders(account.id)) {
            Node *parent = accountNode.get();
            QString leaf = folder.path;
            if (!folder.delimiter.isEmpty()) {
                const qsizetype cut = folder.path.lastIndexOf(folder.delimiter);
                if (cut > 0) {
                    leaf = folder.path.mid(cut + folder.delimiter.size());
                    // A missing middle level (not selectable, not listed) hangs on the nearest ancestor.
                    QString prefix = folder.path.left(cut);
                    while (!prefix.isEmpty()) {
                        if (Node *found = byPath.value(prefix)) {
                            parent = found;
                            break;
                        }
                        const qsizetype up = prefix.lastIndexOf(folder.delimiter);
                        prefix = up > 0 ? prefix.left(up) : QString();
                    }
                }
            }
            auto node = std::make_unique<Node>();
            node->kind = Kind::Folder;
            node->id = folder.id;
            node->accountId = account.id;
            node->folder = folder;
            node->unread = folder.unreadCount;
            const bool plainName = folder.displayName.isEmpty() || folder.displayName == folder.path;
            node->name = plainName ? leaf : folder.displayName;
            // Petrel's own name for a local folder ("Inbox" for INBOX) is no choice of the user.
            if (parent == accountNode.get() && (plainName || folder.displayName.compare(leaf, Qt::CaseInsensitive) == 0))
                node->name = shownFolderName(folder.role, node->name);
            node->tip = folder.path;
            node->parent = parent;
            if (folder.role == Store::FolderRole::Inbox)
                unifiedNode->unread += folder.unreadCount;
            byPath.insert(folder.path, node.get());
            parent->children.push_back(std::move(node));
        }
        root->children.push_back(std::move(accountNode));
    }
    return root;
}

QStringList FolderTreeModel::shape(const Node &root)
{
    QStringList keys;
    std::function<void(const Node &, int)> walk = [&](const Node &n, int depth) {
        for (const auto &child : n.children) {
            keys.append(QStringLiteral("%1/%2/%3/%4/%5")
                            .arg(depth)
                            .arg(int(child->kind))
                            .arg(child->id)
                            .arg(child->name)
                            .arg(int(child->folder.role)));
            walk(*child, depth + 1);
        }
    };
    walk(root, 0);
    return keys;
}

void FolderTreeModel::copyCounts(Node &into, const Node &from)
{
    into.folder = from.folder;
    into.tip = from.tip;
    if (into.unread != from.unread) {
        into.unread = from.unread;
        const QModelIndex changed = indexOf(&into);
        Q_EMIT dataChanged(changed, changed);
    }
    for (size_t i = 0; i < into.children.size(); ++i)
        copyCounts(*into.children[i], *from.children[i]);
}

void FolderTreeModel::refresh()
{
    std::unique_ptr<Node> fresh = build();
    if (shape(*fresh) == shape(*m_root)) {
        copyCounts(*m_root, *fresh);
        return;
    }
    beginResetModel();
    m_root = std::move(fresh);
    endResetModel();
}

FolderTreeModel::Node *FolderTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex FolderTreeModel::indexOf(const Node *node) const
{
    if (!node || !node->parent)
        return {};
    const auto &siblings = node->parent->children;
    for (size_t row = 0; row < siblings.size(); ++row) {
        if (siblings[row].get() == node)
            return createIndex(int(row), 0, const_cast<Node *>(node));
    }
    return {};
}

const FolderTreeModel::Node *FolderTreeModel::find(const Node &from, Kind kind, qint64 id) const
{
    for (const auto &child : from.children) {
        if (child->kind == kind && (kind == Kind::UnifiedInbox || child->id == id))
            return child.get();
        if (const Node *deeper = find(*child, kind, id))
            return deeper;
    }
    return nullptr;
}

QModelIndex FolderTreeModel::unifiedInboxIndex() const
{
    return indexOf(find(*m_root, Kind::UnifiedInbox, 0));
}

QModelIndex FolderTreeModel::accountIndex(qint64 accountId) const
{
    return indexOf(find(*m_root, Kind::Account, accountId));
}

QModelIndex FolderTreeModel::folderIndex(qint64 folderId) const
{
    return indexOf(find(*m_root, Kind::Folder, folderId));
}

QModelIndex FolderTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *p = nodeOf(parent);
    if (column != 0 || row < 0 || size_t(row) >= p->children.size())
        return {};
    return createIndex(row, 0, p->children[size_t(row)].get());
}

QModelIndex FolderTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int FolderTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int FolderTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant FolderTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *n = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        return n->unread > 0 ? tr("%1 (%2)").arg(n->name).arg(n->unread) : n->name;
    case Qt::ToolTipRole:
        return n->tip;
    case Qt::FontRole:
        if (n->unread > 0 || n->kind == Kind::Account) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::DecorationRole:
        if (n->kind == Kind::UnifiedInbox)
            return unifiedInboxIcon();
        return n->kind == Kind::Account ? accountIcon() : folderIcon(n->folder.role);
    case KindRole:
        return int(n->kind);
    case FolderIdRole:
        return n->kind == Kind::Folder ? QVariant(n->id) : QVariant();
    case AccountIdRole:
        return n->accountId;
    case UnreadRole:
        return n->unread;
    case FolderPathRole:
        return n->folder.path;
    case FolderRoleRole:
        return int(n->folder.role);
    default:
        return {};
    }
}

Qt::ItemFlags FolderTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (nodeOf(index)->kind == Kind::Folder)
        f |= Qt::ItemIsDropEnabled;
    return f;
}

QStringList FolderTreeModel::mimeTypes() const
{
    return {messageIdsMimeType()};
}

Qt::DropActions FolderTreeModel::supportedDropActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

bool FolderTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                      const QModelIndex &parent) const
{
    return (action == Qt::MoveAction || action == Qt::CopyAction) && parent.isValid() &&
           nodeOf(parent)->kind == Kind::Folder && !messageIdsFromMime(data).isEmpty();
}

bool FolderTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                   const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    Q_EMIT messagesDropped(messageIdsFromMime(data), nodeOf(parent)->id, action == Qt::CopyAction);
    // The window runs the action and refreshes the list; the list model removes no rows itself.
    return true;
}

} // namespace Petrel::Ui
