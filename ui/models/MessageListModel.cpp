#include "models/MessageListModel.h"

#include "models/MessageMime.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"

#include <QDate>
#include <QFont>
#include <QIcon>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <limits>

namespace Petrel::Ui {

using Store::MessageFlag;
using Store::MessageSortColumn;

MessageListModel::MessageListModel(Store::StoreReader &reader, QObject *parent)
    : QAbstractTableModel(parent), m_reader(reader)
{
}

void MessageListModel::setFolders(const QList<qint64> &folderIds)
{
    m_query.folderIds = folderIds;
    m_allFolders = false;
    reload(PageSize);
}

void MessageListModel::setAllFolders()
{
    m_query.folderIds.clear(); // the store reads no folder restriction as "every folder"
    m_allFolders = true;
    reload(PageSize);
}

void MessageListModel::setFilter(const Store::SearchFilter &filter)
{
    m_query.filter = filter;
    reload(PageSize);
}

void MessageListModel::setThreaded(bool threaded)
{
    m_query.threads = threaded;
    reload(PageSize);
}

void MessageListModel::refresh()
{
    reload(std::max<int>(PageSize, int(m_rows.size())));
}

void MessageListModel::reload(int rows)
{
    beginResetModel();
    m_rows.clear();
    m_total = 0;
    m_totalCapped = false;
    // An empty folder list means "all mail" to the store: only setAllFolders asks for that;
    // otherwise nothing selected lists nothing.
    QString error;
    if (!m_query.folderIds.isEmpty() || m_allFolders) {
        try {
            // A search counts up to a cap (its count would cost as much as its matches); a
            // folder's listing is counted in full (an index of the folder, no filter to check).
            const int cap = m_query.filter.isEmpty() ? std::numeric_limits<int>::max()
                                                     : std::max(rows, int(Store::MessageListCount::ListCap));
            const Store::MessageListCount count = m_reader.messageListCount(m_query, cap);
            m_total = count.count;
            m_totalCapped = count.capped;
            m_rows = m_reader.messageList(m_query, 0, rows);
        } catch (const Store::StoreError &e) {
            m_total = 0;
            m_totalCapped = false;
            m_rows.clear();
            error = e.text();
        }
    }
    endResetModel();
    if (!error.isEmpty())
        Q_EMIT loadFailed(error);
}

void MessageListModel::refreshMessage(qint64 id)
{
    const int row = rowOfMessage(id);
    if (row < 0)
        return;
    try {
        const std::optional<Store::MessageRow> message = m_reader.message(id);
        if (!message)
            return;
        m_rows[row].flags = message->flags;
    } catch (const Store::StoreError &e) {
        Q_EMIT loadFailed(e.text());
        return;
    }
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

qint64 MessageListModel::messageId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int MessageListModel::rowOfMessage(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

const Store::MessageSummary *MessageListModel::summary(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MessageListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString shortDate(const QDateTime &date)
{
    if (!date.isValid())
        return {};
    const QDateTime local = date.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

} // namespace

QIcon MessageListModel::attachmentIcon()
{
    static const QIcon icon(QStringLiteral(":/petrel/icons/attachment.svg"));
    return icon;
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Store::MessageSummary &m = m_rows.at(index.row());
    const bool unread = !m.flags.testFlag(MessageFlag::Seen);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FlaggedColumn:
            return m.flags.testFlag(MessageFlag::Flagged) ? QStringLiteral("\u2605") : QString();
        case FromColumn:
            return m.fromDisplay.isEmpty() ? m.fromAddress : m.fromDisplay;
        case SubjectColumn: {
            const QString subject = m.subject.isEmpty() ? tr("(no subject)") : m.subject;
            return m.threadCount > 1 ? tr("%1 (%2)").arg(subject).arg(m.threadCount) : subject;
        }
        case DateColumn:
            return shortDate(m.date);
        case SizeColumn:
            return QLocale().formattedDataSize(m.size);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case FlaggedColumn:
            return m.flags.testFlag(MessageFlag::Flagged) ? tr("Flagged") : QVariant();
        case AttachmentColumn:
            return m.hasAttachments ? tr("Has attachments") : QVariant();
        case FromColumn:
            return m.fromAddress;
        case SubjectColumn:
            return m.preview.isEmpty() ? QVariant() : QVariant(m.preview);
        case DateColumn:
            return QLocale().toString(m.date.toLocalTime(), QLocale::LongFormat);
        }
        return {};
    case Qt::DecorationRole:
        // A drawn paper clip: fonts often lack the emoji, which would show as an empty box.
        return index.column() == AttachmentColumn && m.hasAttachments ? QVariant(attachmentIcon()) : QVariant();
    case Qt::FontRole:
        if (unread) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == SizeColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case MessageIdRole:
        return m.id;
    case FolderIdRole:
        return m.folderId;
    case FlagsRole:
        return int(m.flags.toInt());
    case ThreadCountRole:
        return m.threadCount;
    default:
        return {};
    }
}

QVariant MessageListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case FlaggedColumn:
            return QStringLiteral("\u2605");
        case FromColumn:
            return tr("From");
        case SubjectColumn:
            return tr("Subject");
        case DateColumn:
            return tr("Date");
        case SizeColumn:
            return tr("Size");
        }
    }
    if (role == Qt::DecorationRole && section == AttachmentColumn)
        return attachmentIcon();
    if (role == Qt::ToolTipRole) {
        if (section == FlaggedColumn)
            return tr("Flagged");
        if (section == AttachmentColumn)
            return tr("Attachments");
    }
    return {};
}

Qt::ItemFlags MessageListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    // Past a capped count, pages are read until one comes back short.
    return !parent.isValid() && (m_rows.size() < m_total || m_totalCapped);
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    QList<Store::MessageSummary> page;
    try {
        page = m_reader.messageList(m_query, int(m_rows.size()), PageSize);
    } catch (const Store::StoreError &e) {
        m_total = int(m_rows.size()); // no retry loop from the view; the next reload asks again
        m_totalCapped = false;
        Q_EMIT loadFailed(e.text());
        return;
    }
    // A message that moved between pages (new mail arrived) must not show twice.
    QSet<qint64> loaded;
    for (const Store::MessageSummary &m : std::as_const(m_rows))
        loaded.insert(m.id);
    QList<Store::MessageSummary> fresh;
    for (const Store::MessageSummary &m : page) {
        if (!loaded.contains(m.id))
            fresh.append(m);
    }
    if (fresh.isEmpty()) {
        m_total = int(m_rows.size()); // the store has fewer rows than counted: stop asking
        m_totalCapped = false;
        return;
    }
    beginInsertRows(QModelIndex(), int(m_rows.size()), int(m_rows.size() + fresh.size() - 1));
    m_rows.append(fresh);
    endInsertRows();
    if (m_totalCapped && page.size() < PageSize) { // the last page: now the total is known
        m_totalCapped = false;
        m_total = int(m_rows.size());
    } else if (m_totalCapped) {
        m_total = std::max(m_total, int(m_rows.size()));
    }
}

MessageSortColumn MessageListModel::sortColumnOf(int column)
{
    switch (column) {
    case FlaggedColumn:
        return MessageSortColumn::Flagged;
    case AttachmentColumn:
        return MessageSortColumn::Attachment;
    case FromColumn:
        return MessageSortColumn::From;
    case SubjectColumn:
        return MessageSortColumn::Subject;
    case SizeColumn:
        return MessageSortColumn::Size;
    default:
        return MessageSortColumn::Date;
    }
}

void MessageListModel::sort(int column, Qt::SortOrder order)
{
    m_query.sort = sortColumnOf(column);
    m_query.ascending = order == Qt::AscendingOrder;
    reload(PageSize);
}

QStringList MessageListModel::mimeTypes() const
{
    return {messageIdsMimeType()};
}

QMimeData *MessageListModel::mimeData(const QModelIndexList &indexes) const
{
    QList<qint64> ids;
    for (const QModelIndex &index : indexes) {
        const qint64 id = messageId(index.row());
        if (id != 0 && !ids.contains(id))
            ids.append(id);
    }
    return messageIdsMimeData(ids);
}

Qt::DropActions MessageListModel::supportedDragActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

} // namespace Petrel::Ui
