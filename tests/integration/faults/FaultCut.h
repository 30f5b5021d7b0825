#pragma once

#include "FaultProxy.h"

#include <QString>

namespace Petrel::Test {

// One cut of a fault test: where the proxy drops the connection.
struct FaultCut
{
    FaultProxy::Direction direction;
    qint64 at;
};

inline QString describe(const FaultCut &cut)
{
    return QStringLiteral("%1 after %2 bytes")
        .arg(cut.direction == FaultProxy::Direction::ServerToClient ? QStringLiteral("server->client")
                                                                     : QStringLiteral("client->server"))
        .arg(cut.at);
}

// Net::ConnectionError's words for an idle or connect timeout: how a stall or trickle must end.
inline bool saysTimeout(const QString &message)
{
    return message.contains(QLatin1String("stopped answering")) ||
           message.contains(QLatin1String("did not answer in time"));
}

} // namespace Petrel::Test
