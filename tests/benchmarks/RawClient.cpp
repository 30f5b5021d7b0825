#include "RawClient.h"

#include <QSslConfiguration>

namespace Petrel::Bench {

namespace {
constexpr int ReadTimeoutMs = 120000;
}

bool RawClient::connectTls(const QString &host, quint16 port, const QString &peerName,
                           const QList<QSslCertificate> &cas, QString *error)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(cas);
    m_socket.setSslConfiguration(config);
    m_socket.setPeerVerifyName(peerName);
    m_socket.connectToHostEncrypted(host, port);
    if (!m_socket.waitForEncrypted(15000)) {
        *error = QStringLiteral("TLS connection to %1:%2 failed: %3").arg(host).arg(port).arg(m_socket.errorString());
        return false;
    }
    return true;
}

void RawClient::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

bool RawClient::fill()
{
    compact();
    if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(ReadTimeoutMs))
        return false;
    const QByteArray chunk = m_socket.readAll();
    m_bytesRead += chunk.size();
    m_buffer.append(chunk);
    return true;
}

void RawClient::compact()
{
    // Dropping consumed bytes now and then keeps searches and appends linear.
    if (m_pos > (1 << 20) || m_pos == m_buffer.size()) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
}

bool RawClient::ensure(qint64 n)
{
    while (m_buffer.size() - m_pos < n) {
        if (!fill())
            return false;
    }
    return true;
}

QByteArray RawClient::readLine()
{
    qint64 from = m_pos;
    for (;;) {
        const qint64 end = m_buffer.indexOf("\r\n", from);
        if (end >= 0) {
            const QByteArray line = m_buffer.mid(m_pos, end + 2 - m_pos);
            m_pos = end + 2;
            return line;
        }
        const qint64 scanned = m_buffer.size() - m_pos;
        if (!fill())
            return {};
        from = m_pos + qMax<qint64>(0, scanned - 1);
    }
}

QByteArray RawClient::readImapUntilTag(const QByteArray &tag, QByteArray *untagged)
{
    const QByteArray prefix = tag + ' ';
    bool atStart = true;
    for (;;) {
        const QByteArray line = readLine();
        if (line.isEmpty())
            return {};
        if (atStart && line.startsWith(prefix))
            return line;
        if (untagged)
            untagged->append(line);
        // "{123}\r\n" at the end: 123 bytes of literal follow, then the rest of the response.
        atStart = true;
        if (line.endsWith("}\r\n")) {
            const qint64 open = line.lastIndexOf('{');
            bool ok = false;
            const qint64 n = line.mid(open + 1, line.size() - open - 4).toLongLong(&ok);
            if (open >= 0 && ok) {
                if (!ensure(n))
                    return {};
                m_pos += n;
                atStart = false;
            }
        }
    }
}

bool RawClient::readPop3MultiLine()
{
    const QByteArray status = readLine();
    if (!status.startsWith("+OK"))
        return false;
    // The status line's CRLF starts the search, so an empty body ("+OK\r\n.\r\n") is found too.
    qint64 from = m_pos - 2;
    for (;;) {
        const qint64 end = m_buffer.indexOf("\r\n.\r\n", from);
        if (end >= 0) {
            m_pos = end + 5;
            return true;
        }
        const qint64 keep = m_buffer.size() - 4; // a terminator may straddle two reads
        const qint64 offset = keep - m_pos;
        if (!fill())
            return false;
        from = qMax<qint64>(m_pos, m_pos + offset);
    }
}

int RawClient::readSmtpReply(QByteArray *text)
{
    for (;;) {
        const QByteArray line = readLine();
        if (line.size() < 5)
            return 0;
        if (text)
            text->append(line);
        if (line.at(3) == ' ')
            return line.left(3).toInt();
    }
}

} // namespace Petrel::Bench
