#pragma once

#include "imap/ImapOperation.h"

namespace Petrel::Imap {

// NOOP: lets the server report changes (they arrive as session signals) and proves the link lives.
class ImapNoopOperation : public ImapOperation
{
    Q_OBJECT

public:
    using ImapOperation::ImapOperation;

protected:
    void run() override;
};

} // namespace Petrel::Imap
