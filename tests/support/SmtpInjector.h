#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QString>
#include <QStringList>
#include <QTcpSocket>

namespace Petrel::Test {

// A minimal blocking SMTP client for the fixture's plain injection port: drops test mail into
// the servers independently of Petrel's own SMTP code, so a test of that code cannot fool itself.
class SmtpInjector
{
public:
    SmtpInjector(const QString &host, quint16 port, int timeoutMs = 15000);

    bool send(const QString &from, const QStringList &recipients, const QByteArray &message);
    QString errorString() const { return m_error; }

    // The DATA payload: CRLF line ends, leading dots doubled, terminated by CRLF.CRLF.
    static QByteArray dataPayload(const QByteArray &message);

private:
    bool expect(const QByteArray &line, char replyClass);
    bool readReply(int *code, QByteArray *text);
    bool fail(const QString &why);

    QString m_host;
    quint16 m_port;
    int m_timeoutMs;
    QDeadlineTimer m_deadline;
    QTcpSocket m_socket;
    QString m_error;
};

} // namespace Petrel::Test
