#pragma once

#include <QString>

namespace Petrel::Pop3 {

// Who logs in and how. Held in memory only for the login; never logged.
struct Pop3Credentials
{
    enum class Method {
        Automatic, // AUTH PLAIN if the server offers it, else USER/PASS
        Plain,     // AUTH PLAIN (RFC 5034) only
        User,      // USER/PASS only
        Apop,      // APOP only (needs a timestamp in the greeting)
    };

    QString user;
    QString password;
    Method method = Method::Automatic;
};

} // namespace Petrel::Pop3
