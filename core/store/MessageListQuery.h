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

// How many messages a list holds, counted up to a cap: a search that finds half a million
// messages stops counting at the cap (capped is then true and count equals the cap), so the
// count costs the same whatever the store's size.
struct MessageListCount
{
    // The cap the message list counts to: past it, the list only needs to know there are more.
    static constexpr int ListCap = 1000;
    int count = 0;
    bool capped = false;
};

} // namespace Petrel::Store
