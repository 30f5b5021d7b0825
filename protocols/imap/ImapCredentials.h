#pragma once

#include <QString>

namespace Petrel::Imap {

// Who logs in. Held in memory only until the login is answered; never logged.
struct ImapCredentials
{
    QString user;
    QString password;
};

} // namespace Petrel::Imap
