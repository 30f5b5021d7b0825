#include "smtp/SmtpCommandEncoder.h"

namespace Petrel::Smtp {

namespace {

SmtpCommand plain(const QByteArray &line)
{
    return {line + "\r\n", line, {}};
}

SmtpCommand invalid(const QString &why)
{
    return {{}, {}, why};
}

// Credentials and tokens travel base64-encoded, so they cannot break the line; but they must not
// be empty where SASL needs them.
bool hasControl(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    }
    return false;
}

QString domainError(const QString &domain)
{
    if (domain.isEmpty())
        return QStringLiteral("The EHLO name is empty.");
    for (const QChar c : domain) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f)
            return QStringLiteral("The EHLO name may hold only printable ASCII without spaces.");
    }
    if (domain.size() > 255)
        return QStringLiteral("The EHLO name is too long.");
    return {};
}

} // namespace

bool SmtpCommandEncoder::isAscii(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

QString SmtpCommandEncoder::addressError(const QString &address)
{
    for (const QChar c : address) {
        const char16_t u = c.unicode();
        if (u == u'\r' || u == u'\n' || u == 0)
            return QStringLiteral("The address \"%1\" contains a line break or NUL.")
                .arg(address.simplified());
        if (u < 0x20 || u == 0x7f)
            return QStringLiteral("The address \"%1\" contains a control character.")
                .arg(address.simplified());
        if (u == u'<' || u == u'>')
            return QStringLiteral("The address \"%1\" contains an angle bracket.").arg(address);
    }
    if (address.toUtf8().size() > maxPathLength)
        return QStringLiteral("The address is longer than %1 bytes.").arg(maxPathLength);
    if (address.trimmed() != address)
        return QStringLiteral("The address \"%1\" has spaces around it.").arg(address);
    return {};
}

SmtpCommand SmtpCommandEncoder::ehlo(const QString &domain)
{
    const QString error = domainError(domain);
    return error.isEmpty() ? plain("EHLO " + domain.toLatin1()) : invalid(error);
}

SmtpCommand SmtpCommandEncoder::helo(const QString &domain)
{
    const QString error = domainError(domain);
    return error.isEmpty() ? plain("HELO " + domain.toLatin1()) : invalid(error);
}

SmtpCommand SmtpCommandEncoder::startTls()
{
    return plain("STARTTLS");
}

SmtpCommand SmtpCommandEncoder::authPlain(const QString &user, const QString &password)
{
    if (user.isEmpty() || password.isEmpty())
        return invalid(QStringLiteral("AUTH PLAIN needs a user name and a password."));
    if (user.contains(QChar(0)) || password.contains(QChar(0)))
        return invalid(QStringLiteral("The user name or password contains NUL."));
    const QByteArray response = QByteArray(1, '\0') + user.toUtf8() + QByteArray(1, '\0') + password.toUtf8();
    return {"AUTH PLAIN " + response.toBase64() + "\r\n", "AUTH PLAIN ***", {}};
}

SmtpCommand SmtpCommandEncoder::authLogin()
{
    return plain("AUTH LOGIN");
}

SmtpCommand SmtpCommandEncoder::loginResponse(const QString &value)
{
    if (value.isEmpty())
        return invalid(QStringLiteral("AUTH LOGIN needs a user name and a password."));
    return {value.toUtf8().toBase64() + "\r\n", "***", {}};
}

SmtpCommand SmtpCommandEncoder::authXOAuth2(const QString &user, const QString &token)
{
    if (user.isEmpty() || token.isEmpty() || hasControl(user) || hasControl(token))
        return invalid(QStringLiteral("XOAUTH2 needs a user name and a token without control characters."));
    const QByteArray response = "user=" + user.toUtf8() + "\1auth=Bearer " + token.toUtf8() + "\1\1";
    return {"AUTH XOAUTH2 " + response.toBase64() + "\r\n", "AUTH XOAUTH2 ***", {}};
}

SmtpCommand SmtpCommandEncoder::authOAuthBearer(const QString &user, const QString &token,
                                                const QString &host, quint16 port)
{
    if (user.isEmpty() || token.isEmpty() || hasControl(user) || hasControl(token) || hasControl(host))
        return invalid(
            QStringLiteral("OAUTHBEARER needs a user name and a token without control characters."));
    // RFC 5801 gs2 header: ',' and '=' in the authzid are escaped as =2C and =3D.
    QByteArray authzid = user.toUtf8();
    authzid.replace("=", "=3D").replace(",", "=2C");
    const QByteArray response = "n,a=" + authzid + ",\1host=" + host.toUtf8() +
                                "\1port=" + QByteArray::number(port) + "\1auth=Bearer " + token.toUtf8() +
                                "\1\1";
    return {"AUTH OAUTHBEARER " + response.toBase64() + "\r\n", "AUTH OAUTHBEARER ***", {}};
}

SmtpCommand SmtpCommandEncoder::oauthErrorAcknowledgement(bool oauthBearer)
{
    if (oauthBearer)
        return {"AQ==\r\n", "AQ==", {}};
    return {"\r\n", "", {}};
}

SmtpCommand SmtpCommandEncoder::cancelAuthentication()
{
    return plain("*");
}

SmtpCommand SmtpCommandEncoder::mailFrom(const QString &sender, const MailParameters &parameters)
{
    const QString error = addressError(sender);
    if (!error.isEmpty())
        return invalid(error);
    QByteArray line = "MAIL FROM:<" + sender.toUtf8() + ">";
    if (parameters.size >= 0)
        line += " SIZE=" + QByteArray::number(parameters.size);
    if (parameters.eightBitMime)
        line += " BODY=8BITMIME";
    if (parameters.smtpUtf8)
        line += " SMTPUTF8";
    return plain(line);
}

SmtpCommand SmtpCommandEncoder::rcptTo(const QString &recipient)
{
    if (recipient.isEmpty())
        return invalid(QStringLiteral("A recipient address is empty."));
    const QString error = addressError(recipient);
    return error.isEmpty() ? plain("RCPT TO:<" + recipient.toUtf8() + ">") : invalid(error);
}

SmtpCommand SmtpCommandEncoder::data()
{
    return plain("DATA");
}

SmtpCommand SmtpCommandEncoder::rset()
{
    return plain("RSET");
}

SmtpCommand SmtpCommandEncoder::noop()
{
    return plain("NOOP");
}

SmtpCommand SmtpCommandEncoder::quit()
{
    return plain("QUIT");
}

} // namespace Petrel::Smtp
