#include "SmtpInjector.h"

namespace Petrel::Test {

namespace {
constexpr int MaxReplyLines = 100;
constexpr qint64 MaxLineLength = 4096;
} // namespace

SmtpInjector::SmtpInjector(const QString &host, quint16 port, int timeoutMs)
    : m_host(host)
    , m_port(port)
    , m_timeoutMs(timeoutMs)
{
}

bool SmtpInjector::fail(const QString &why)
{
    m_error = QStringLiteral("SMTP injection to %1:%2: %3").arg(m_host).arg(m_port).arg(why);
    m_socket.abort();
    return false;
}

QByteArray SmtpInjector::dataPayload(const QByteArray &message)
{
    QByteArray normalised = message;
    normalised.replace("\r\n", "\n");
    QList<QByteArray> lines = normalised.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();   // the message's own final line end
    QByteArray payload;
    payload.reserve(message.size() + message.size() / 20 + 8);
    for (const QByteArray &line : lines) {
        if (line.startsWith('.'))
            payload += '.';
        payload += line;
        payload += "\r\n";
    }
    payload += ".\r\n";
    return payload;
}

bool SmtpInjector::readReply(int *code, QByteArray *text)
{
    text->clear();
    for (int i = 0; i < MaxReplyLines; ++i) {
        while (!m_socket.canReadLine()) {
            if (m_socket.bytesAvailable() > MaxLineLength)
                return fail(QStringLiteral("reply line too long"));
            if (m_deadline.hasExpired() || !m_socket.waitForReadyRead(int(m_deadline.remainingTime())))
                return fail(QStringLiteral("no complete reply (%1)").arg(m_socket.errorString()));
        }
        const QByteArray line = m_socket.readLine(MaxLineLength).trimmed();
        bool ok = false;
        *code = line.left(3).toInt(&ok);
        if (!ok || line.size() < 3)
            return fail(QStringLiteral("malformed reply: %1").arg(QString::fromUtf8(line)));
        *text += line + ' ';
        if (line.size() == 3 || line.at(3) == ' ')
            return true;
    }
    return fail(QStringLiteral("reply with too many lines"));
}

bool SmtpInjector::expect(const QByteArray &line, char replyClass)
{
    if (!line.isEmpty()) {
        m_socket.write(line);
        if (!line.endsWith('\n'))
            m_socket.write("\r\n");
    }
    int code = 0;
    QByteArray text;
    if (!readReply(&code, &text))
        return false;
    if (code / 100 != replyClass - '0') {
        const QByteArray shown = line.left(80).trimmed();   // a DATA payload is not worth repeating
        return fail(QStringLiteral("%1 answered %2").arg(QString::fromUtf8(shown), QString::fromUtf8(text)));
    }
    return true;
}

bool SmtpInjector::send(const QString &from, const QStringList &recipients, const QByteArray &message)
{
    m_error.clear();
    if (recipients.isEmpty())
        return fail(QStringLiteral("no recipients"));
    m_deadline = QDeadlineTimer(m_timeoutMs);
    m_socket.connectToHost(m_host, m_port);
    if (!m_socket.waitForConnected(m_timeoutMs))
        return fail(m_socket.errorString());
    if (!expect({}, '2') || !expect("EHLO injector.petrel.test", '2')
        || !expect("MAIL FROM:<" + from.toUtf8() + '>', '2'))
        return false;
    for (const QString &recipient : recipients) {
        if (!expect("RCPT TO:<" + recipient.toUtf8() + '>', '2'))
            return false;
    }
    if (!expect("DATA", '3') || !expect(dataPayload(message), '2'))
        return false;
    // The message is accepted; how QUIT goes no longer matters.
    m_socket.write("QUIT\r\n");
    m_socket.waitForBytesWritten(1000);
    m_socket.disconnectFromHost();
    return true;
}

} // namespace Petrel::Test
