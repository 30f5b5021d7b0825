#pragma once

#include "store/SearchFilter.h"

#include <QList>

namespace Petrel::Store {

enum class MessageSortColumn { Date, From, Subject, Size, Flagged, Attachment, Unread };

// Which messages a message list shows and in which order: the messages of some folders (one
// folder, or every Inbox for the unified Inbox; empty: every folder, for a search of all mail),
// narrowed by a search filter, sorted by a column. Ties are broken by date then id, newest first,
// so every order is total and pages never overlap.
struct MessageListQuery
{
    QList<qint64> folderIds;
    SearchFilter filter;
    MessageSortColumn sort = MessageSortColumn::Date;
    bool ascending = false;
    // One row per thread (the newest message of each), with the thread's size in threadCount.
    bool threads = false;
};

} // namespace Petrel::Store
