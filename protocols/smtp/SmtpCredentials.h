#pragma once

#include <QString>

namespace Petrel::Smtp {

// Who authenticates and how. Held in memory only until AUTH is answered; never logged.
// An empty user means no AUTH at all (a relay that trusts the network).
struct SmtpCredentials
{
    enum class Method {
        Automatic,   // with a token: OAUTHBEARER, else XOAUTH2; without: PLAIN, else LOGIN
        Plain,       // RFC 4616
        Login,       // the old "LOGIN" mechanism
        XOAuth2,     // token required
        OAuthBearer, // RFC 7628; token required
    };

    QString user;
    QString password;
    QString token; // OAuth 2 access token
    Method method = Method::Automatic;
};

} // namespace Petrel::Smtp
