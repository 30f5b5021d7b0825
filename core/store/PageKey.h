#pragma once

#include <QMetaType>

namespace Petrel::Store {

// Where a page of a folder's message list ends: lists are ordered by (date DESC, id DESC), and
// the next page starts strictly after this key.
struct PageKey
{
    qint64 dateMs = 0;
    qint64 id = 0;
};

} // namespace Petrel::Store

Q_DECLARE_METATYPE(Petrel::Store::PageKey)
