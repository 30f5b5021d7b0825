#pragma once

#include "CliContext.h"

#include <QString>

#include <functional>

namespace Petrel::Core {
class MailActions;
}
namespace Petrel::Store {
class StoreReader;
}

namespace Petrel::Cli {

// Local-first actions on a cached IMAP message: the cache changes at once and the server follows
// on the next 'sync' (see Core::MailActions).
int flagMessage(CliContext &ctx);   // flag ID +seen|-seen|+flagged|-flagged...
int moveMessage(CliContext &ctx);   // move ID FOLDER
int deleteMessage(CliContext &ctx); // delete ID (to Trash)
int copyMessage(CliContext &ctx);   // copy ID FOLDER
int appendMessage(CliContext &ctx); // append ACCOUNT FOLDER FILE.eml [--seen] [--flagged]

// Opens the profile and runs one local action; the action returns "" or why it refused, which is
// printed as the error.
int runLocalAction(CliContext &ctx, const std::function<QString(Core::MailActions &, Store::StoreReader &)> &action);
// The id of the named account, or why there is none.
QString accountIdByName(Store::StoreReader &reader, const QString &name, qint64 *id);

} // namespace Petrel::Cli
