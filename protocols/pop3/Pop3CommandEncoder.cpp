#include "pop3/Pop3CommandEncoder.h"

namespace Petrel::Pop3 {

namespace {

constexpr qsizetype maxArgumentLength = 1024;

QString invalidArgument(const QByteArray &argument)
{
    if (argument.isEmpty())
        return QStringLiteral("An empty argument cannot be sent.");
    if (argument.size() > maxArgumentLength)
        return QStringLiteral("An argument is too long to send.");
    if (argument.contains('\r') || argument.contains('\n') || argument.contains('\0'))
        return QStringLiteral("An argument contains a line break or NUL and cannot be sent.");
    return {};
}

Pop3Command make(const QByteArray &verb, const QByteArray &argument = {}, const QByteArray &shown = {},
                 Pop3ReplyShape shape = Pop3ReplyShape::Status)
{
    Pop3Command command;
    command.shape = shape;
    if (!argument.isNull()) {
        command.error = invalidArgument(argument);
        if (!command.error.isEmpty())
            return command;
    }
    command.wire = verb;
    command.redacted = verb;
    if (!argument.isNull()) {
        command.wire += ' ' + argument;
        command.redacted += ' ' + (shown.isNull() ? argument : shown);
    }
    command.wire += "\r\n";
    return command;
}

// Never null, so make() refuses an empty argument instead of sending the bare verb.
QByteArray argument(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    return bytes.isNull() ? QByteArray("") : bytes;
}

QByteArray number(quint32 n)
{
    return QByteArray::number(n);
}

Pop3Command numbered(const QByteArray &verb, quint32 n, Pop3ReplyShape shape = Pop3ReplyShape::Status)
{
    if (n == 0) {
        Pop3Command command;
        command.error = QStringLiteral("Message numbers start at 1.");
        return command;
    }
    return make(verb, number(n), {}, shape);
}

QByteArray plainToken(const QString &login, const QString &password)
{
    return QByteArray(QByteArray(1, '\0') + login.toUtf8() + QByteArray(1, '\0') + password.toUtf8()).toBase64();
}

} // namespace

Pop3Command Pop3CommandEncoder::capa()
{
    return make("CAPA", {}, {}, Pop3ReplyShape::MultiLine);
}

Pop3Command Pop3CommandEncoder::stls()
{
    return make("STLS");
}

Pop3Command Pop3CommandEncoder::user(const QString &name)
{
    return make("USER", argument(name));
}

Pop3Command Pop3CommandEncoder::pass(const QString &password)
{
    return make("PASS", argument(password), "***");
}

Pop3Command Pop3CommandEncoder::apop(const QString &name, const QByteArray &hexDigest)
{
    const QByteArray login = argument(name);
    Pop3Command command;
    command.error = invalidArgument(login);
    if (command.error.isEmpty() && (login.contains(' ') || hexDigest.size() != 32))
        command.error = QStringLiteral("APOP needs a name without spaces and a 32-digit digest.");
    if (!command.error.isEmpty())
        return command;
    return make("APOP", QByteArray(login + ' ' + hexDigest), QByteArray(login + " ***"));
}

Pop3Command Pop3CommandEncoder::authPlain(const QString &login, const QString &password)
{
    // The NULs separating the fields are inside the base64; in the clear they are refused.
    const QString check = invalidArgument(QByteArray(login.toUtf8() + password.toUtf8()));
    if (!check.isEmpty()) {
        Pop3Command command;
        command.error = check;
        return command;
    }
    return make("AUTH", QByteArray("PLAIN " + plainToken(login, password)), "PLAIN ***", Pop3ReplyShape::Auth);
}

Pop3Command Pop3CommandEncoder::authPlainWithoutInitialResponse()
{
    return make("AUTH", "PLAIN", {}, Pop3ReplyShape::Auth);
}

Pop3Command Pop3CommandEncoder::plainResponse(const QString &login, const QString &password)
{
    Pop3Command command;
    command.shape = Pop3ReplyShape::Auth;
    command.error = invalidArgument(QByteArray(login.toUtf8() + password.toUtf8()));
    if (!command.error.isEmpty())
        return command;
    command.wire = plainToken(login, password) + "\r\n";
    command.redacted = "***";
    return command;
}

Pop3Command Pop3CommandEncoder::cancelAuthentication()
{
    Pop3Command command = make("*");
    command.shape = Pop3ReplyShape::Auth;
    return command;
}

Pop3Command Pop3CommandEncoder::stat()
{
    return make("STAT");
}

Pop3Command Pop3CommandEncoder::list(quint32 n)
{
    return n == 0 ? make("LIST", {}, {}, Pop3ReplyShape::MultiLine) : numbered("LIST", n);
}

Pop3Command Pop3CommandEncoder::uidl(quint32 n)
{
    return n == 0 ? make("UIDL", {}, {}, Pop3ReplyShape::MultiLine) : numbered("UIDL", n);
}

Pop3Command Pop3CommandEncoder::retr(quint32 n)
{
    return numbered("RETR", n, Pop3ReplyShape::MultiLine);
}

Pop3Command Pop3CommandEncoder::top(quint32 n, quint32 lines)
{
    Pop3Command command = numbered("TOP", n, Pop3ReplyShape::MultiLine);
    if (!command.isValid())
        return command;
    return make("TOP", QByteArray(number(n) + ' ' + number(lines)), {}, Pop3ReplyShape::MultiLine);
}

Pop3Command Pop3CommandEncoder::dele(quint32 n)
{
    return numbered("DELE", n);
}

Pop3Command Pop3CommandEncoder::rset()
{
    return make("RSET");
}

Pop3Command Pop3CommandEncoder::noop()
{
    return make("NOOP");
}

Pop3Command Pop3CommandEncoder::quit()
{
    return make("QUIT");
}

} // namespace Petrel::Pop3
