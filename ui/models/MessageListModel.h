#pragma once

#include "store/MessageListQuery.h"
#include "store/MessageSummary.h"

#include <QAbstractTableModel>
#include <QList>

class QIcon;

namespace Petrel::Store {
class StoreReader;
}

namespace Petrel::Ui {

// The message list over the store, loaded lazily: a page of rows at first, the next page each
// time the view scrolls near the end (fetchMore), never the whole folder. Sorting by any column
// is done by SQLite (StoreReader::messageList), so it costs one page, not the folder. Unread
// rows are bold. Rows drag out as message ids (MessageMime).
class MessageListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { FlaggedColumn, AttachmentColumn, FromColumn, SubjectColumn, DateColumn, SizeColumn, ColumnCount };
    enum Role {
        MessageIdRole = Qt::UserRole + 1,
        FolderIdRole,
        FlagsRole, // Store::MessageFlags as int
        ThreadCountRole,
    };
    static constexpr int PageSize = 200;

    explicit MessageListModel(Store::StoreReader &reader, QObject *parent = nullptr);

    // What to list; each resets the list to its first page.
    void setFolders(const QList<qint64> &folderIds);
    // Every folder of every account (a search across all mail).
    void setAllFolders();
    bool listsAllFolders() const { return m_allFolders; }
    void setFilter(const Store::SearchFilter &filter);
    void setThreaded(bool threaded);
    bool isThreaded() const { return m_query.threads; }
    const Store::MessageListQuery &query() const { return m_query; }
    // Re-reads as many rows as are loaded now (after an action or a sync).
    void refresh();
    // Re-reads one loaded message's flags in place (no reset: selection and scroll stay).
    void refreshMessage(qint64 id);
    // Rows matching the query in the store (loaded or not); a search is counted up to
    // Store::MessageListCount::ListCap: when totalIsCapped(), there are more than totalCount()
    // (until the last page is loaded: then the total is exact).
    int totalCount() const { return m_total; }
    bool totalIsCapped() const { return m_totalCapped; }

    qint64 messageId(int row) const;
    int rowOfMessage(qint64 id) const; // -1 when not loaded
    const Store::MessageSummary *summary(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;

    static Store::MessageSortColumn sortColumnOf(int column);

Q_SIGNALS:
    // The store could not be read (the list keeps what it had, or is empty after a reset).
    void loadFailed(const QString &error);

private:
    static QIcon attachmentIcon();
    bool m_allFolders = false;
    void reload(int rows);

    Store::StoreReader &m_reader;
    Store::MessageListQuery m_query;
    QList<Store::MessageSummary> m_rows;
    int m_total = 0;
    bool m_totalCapped = false;
};

} // namespace Petrel::Ui
