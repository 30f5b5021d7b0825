#pragma once

#include "FaultProxy.h"

namespace Petrel::Test {

// The older, cut-only face of FaultProxy (tests/support) that the POP3 and watch tests use: drops
// both sides once the server has sent cutAfterServerBytes bytes (or the client
// cutAfterClientBytes) on a connection.
class CutProxy : public FaultProxy
{
public:
    using FaultProxy::FaultProxy;

    void setCutAfterServerBytes(qint64 bytes) // < 0: never
    {
        setFault(Direction::ServerToClient, bytes < 0 ? none() : cutAfter(bytes));
    }
    void setCutAfterClientBytes(qint64 bytes) // < 0: never
    {
        setFault(Direction::ClientToServer, bytes < 0 ? none() : cutAfter(bytes));
    }
};

} // namespace Petrel::Test
