#pragma once

#include "smtp/SmtpCommand.h"

#include <QString>

namespace Petrel::Smtp {

// Every SMTP command Petrel sends, as bytes (RFC 5321, 3207, 4954, 1870, 6152, 6531, 7628).
// Pure: testable by byte comparison. An argument that could smuggle a second command or break
// the path syntax (CR, LF, NUL, other controls, '<', '>') makes an invalid SmtpCommand.
class SmtpCommandEncoder
{
public:
    struct MailParameters
    {
        qint64 size = -1;          // SIZE=n when >= 0 (RFC 1870)
        bool eightBitMime = false; // BODY=8BITMIME (RFC 6152)
        bool smtpUtf8 = false;     // SMTPUTF8 (RFC 6531)
    };

    static SmtpCommand ehlo(const QString &domain);
    static SmtpCommand helo(const QString &domain);
    static SmtpCommand startTls();
    // "AUTH PLAIN <base64(\0 user \0 password)>" with the initial response (RFC 4954, 4616).
    static SmtpCommand authPlain(const QString &user, const QString &password);
    // "AUTH LOGIN", then loginResponse(user) and loginResponse(password) to the 334 challenges.
    static SmtpCommand authLogin();
    static SmtpCommand loginResponse(const QString &value);
    // Google/Microsoft XOAUTH2: base64("user=" U "\1auth=Bearer " T "\1\1").
    static SmtpCommand authXOAuth2(const QString &user, const QString &token);
    // RFC 7628: base64("n,a=" U ",\1host=" H "\1port=" P "\1auth=Bearer " T "\1\1").
    static SmtpCommand authOAuthBearer(const QString &user, const QString &token, const QString &host,
                                       quint16 port);
    // The answer to an OAuth error challenge: an empty line (XOAUTH2) or "AQ==" (RFC 7628 %x01).
    static SmtpCommand oauthErrorAcknowledgement(bool oauthBearer);
    static SmtpCommand cancelAuthentication(); // "*" (RFC 4954 section 4)
    // An empty sender is the null reverse-path "<>" (bounces).
    static SmtpCommand mailFrom(const QString &sender, const MailParameters &parameters);
    static SmtpCommand mailFrom(const QString &sender) { return mailFrom(sender, MailParameters()); }
    static SmtpCommand rcptTo(const QString &recipient);
    static SmtpCommand data();
    static SmtpCommand rset();
    static SmtpCommand noop();
    static SmtpCommand quit();
    // The end of DATA: CRLF "." CRLF, of which the body already supplies the first CRLF.
    static QByteArray endOfData() { return QByteArrayLiteral(".\r\n"); }

    // Empty if address can stand between angle brackets; otherwise why not.
    static QString addressError(const QString &address);
    static bool isAscii(const QString &text);

    static constexpr int maxPathLength = 256; // RFC 5321 section 4.5.3.1.3
};

} // namespace Petrel::Smtp
