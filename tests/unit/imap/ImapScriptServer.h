#pragma once

#include "FakeServer.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QString>

// A scripted IMAP server on 127.0.0.1 (over FakeServer from tests/unit/net). Script lines:
//   "S: text"  the server sends text + CRLF        "C: text"  the client must send exactly text + CRLF
//   "TLS"      the server starts TLS (after STARTTLS)   "CLOSE"  the server closes the connection
//   "#..."     a comment; blank lines are ignored
// Tags: "<n>" in a C: line matches the tag the client chose and names it n; "<n>" in an S: line
// sends that tag back, so scripts do not depend on the tag counter and can answer pipelined
// commands out of order. The first byte the client sends that differs from the script fails the
// run (error() says where), as does a byte sent while the script expects the server to speak
// (several C: lines in a row allow pipelining) or after the end.
class ImapScriptServer : public QObject
{
    Q_OBJECT

public:
    enum class Chunking { Whole, OneByte, Random };
    struct Step
    {
        enum class Kind { Send, Expect, Tls, Close };
        Kind kind;
        QByteArray bytes;
    };

    explicit ImapScriptServer(FakeServer::Mode mode, QObject *parent = nullptr);

    static QList<Step> parse(const QByteArray &script);
    // Reads tests/unit/imap/data/sessions/<name>; an empty script when missing (and error() set).
    bool loadScript(const QString &name);
    void setScript(const QByteArray &script) { m_steps = parse(script); }
    void setIdentity(const QString &certificate, const QString &key) { m_server.setIdentity(certificate, key); }
    void setChunking(Chunking chunking, quint32 seed = 1);
    bool start() { return m_server.start(); }
    quint16 port() const { return m_server.port(); }

    bool isDone() const { return m_index == m_steps.size() && m_out.isEmpty(); }
    QString error() const { return m_error; }
    QByteArray received() const { return m_server.received(); }
    QString describe() const;

private:
    enum class Match { Mismatch, Partial, Complete };
    Match match(const QByteArray &pattern, const QByteArray &data, qsizetype *consumed, QString *why);
    QByteArray substitute(const QByteArray &bytes) const;
    void run();
    void queueOut(const QByteArray &bytes);
    void sendNext();
    void fail(const QString &why);

    FakeServer m_server;
    QList<Step> m_steps;
    qsizetype m_index = 0;
    qsizetype m_consumed = 0; // bytes of received() matched so far
    QHash<QByteArray, QByteArray> m_tags;
    Chunking m_chunking = Chunking::Whole;
    QRandomGenerator m_random;
    QList<QByteArray> m_out; // chunks not yet sent
    bool m_sending = false;
    QString m_error;
};
