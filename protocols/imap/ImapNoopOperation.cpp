#include "imap/ImapNoopOperation.h"

#include "imap/ImapSession.h"

namespace Petrel::Imap {

void ImapNoopOperation::run()
{
    if (!requireLoggedIn())
        return;
    send(session()->builder().noop(), {}, [this](const ImapResponse &) { finish(ImapResult::ok()); });
}

} // namespace Petrel::Imap
