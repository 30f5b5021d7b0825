#pragma once

#include <QString>
#include <QStringList>

namespace Petrel::Store {

// The root of a message's conversation: the first References id, else In-Reply-To, else the
// message's own Message-ID, else empty. Angle brackets and surrounding spaces are dropped.
QString threadKeyFor(const QString &messageId, const QString &inReplyTo, const QStringList &references);

} // namespace Petrel::Store
