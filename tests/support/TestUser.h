#pragma once

#include <QString>

namespace Petrel::Test {

// One mailbox user of the test servers; the password is random per fixture run.
struct TestUser
{
    QString login;     // "alice@petrel.test"
    QString password;
    QString maildir;   // the server's maildir of this user, for server-side inspection

    bool isValid() const { return !login.isEmpty(); }
    QString localPart() const { return login.section(QLatin1Char('@'), 0, 0); }
};

} // namespace Petrel::Test
