#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslSocket>
#include <QString>

namespace Petrel::Bench {

// The benchmarks' reference client: a blocking implicit-TLS socket that writes what it is told
// and reads with as little work as possible (no parsing beyond finding where a reply ends), so a
// timing of it is the protocol floor Petrel is compared with. Not for anything but measuring.
class RawClient
{
public:
    bool connectTls(const QString &host, quint16 port, const QString &peerName, const QList<QSslCertificate> &cas,
                    QString *error);
    void send(const QByteArray &bytes);
    // One line with its CRLF; "" on timeout or a closed connection.
    QByteArray readLine();
    // Reads IMAP responses (skipping literals) up to the tagged one, which it returns ("" on
    // failure). Untagged lines (without literal contents) go to *untagged if given.
    QByteArray readImapUntilTag(const QByteArray &tag, QByteArray *untagged = nullptr);
    // Reads one POP3 multi-line reply ("+OK ...", data, "."); false if not +OK or cut.
    bool readPop3MultiLine();
    // Reads one SMTP reply (all its lines); its code, 0 on failure.
    int readSmtpReply(QByteArray *text = nullptr);
    qint64 bytesRead() const { return m_bytesRead; }
    QString errorString() const { return m_socket.errorString(); }

private:
    bool fill();         // waits for more bytes; false on timeout or close
    bool ensure(qint64 n); // at least n unread bytes buffered
    void compact();

    QSslSocket m_socket;
    QByteArray m_buffer;
    qint64 m_pos = 0;
    qint64 m_bytesRead = 0;
};

} // namespace Petrel::Bench
