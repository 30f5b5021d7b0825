#pragma once

#include "FakeServer.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QString>

// A scripted server on 127.0.0.1 (over FakeServer) for the POP3, SMTP and IMAP replay tests.
// Script lines:
//   "S: text"  the server sends text + CRLF        "C: text"  the client must send exactly text + CRLF
//   "TLS"      the server starts TLS (after STLS/STARTTLS)   "CLOSE"  the server closes the connection
//   "R: text"  the server sends text as is, no CRLF added; \r \n \t \\ \xNN are unescaped
//   "REPEAT n: text"  the server sends text (unescaped as in R:) n times in a row, no CRLF added
//   "#..."     a comment; "@..." a runner's setting (ignored here); blank lines are ignored
// A script that ends without CLOSE leaves the connection open and the server silent.
// The first byte the client sends that differs from the script fails the run (error() says where),
// as does a byte sent while the script expects the server to speak (several C: lines in a row
// allow pipelining) or anything sent after the script's end.
// With tag placeholders on (IMAP), "<n>" in a C: line matches the tag the client chose and names it
// n, and "<n>" in an S: line sends that tag back, so scripts do not depend on the tag counter and
// can answer pipelined commands out of order. Off by default: SMTP's "MAIL FROM:<a@b>" is literal.
class ScriptServer : public QObject
{
    Q_OBJECT

public:
    enum class Chunking {
        Whole,   // each S: line in one write
        OneByte, // one byte per write, each on its own event-loop turn
        Random,  // writes of 1..17 bytes, sizes drawn from the seed
    };
    struct Step
    {
        enum class Kind { Send, Expect, Tls, Close };
        Kind kind;
        QByteArray bytes;
    };

    explicit ScriptServer(FakeServer::Mode mode, QObject *parent = nullptr);

    static QList<Step> parse(const QByteArray &script);
    void setScript(const QList<Step> &steps) { m_steps = steps; }
    void setScript(const QByteArray &script) { m_steps = parse(script); }
    // Reads the script from a file; false (and error() set) when it cannot be read.
    bool loadScriptFile(const QString &path);
    void append(Step::Kind kind, const QByteArray &bytes = {}) { m_steps.append({kind, bytes}); }
    void setIdentity(const QString &certificate, const QString &key) { m_server.setIdentity(certificate, key); }
    void setChunking(Chunking chunking, quint32 seed = 1);
    void setTagPlaceholders(bool on) { m_tagPlaceholders = on; }
    bool start() { return m_server.start(); }
    quint16 port() const { return m_server.port(); }

    bool isDone() const { return m_index == m_steps.size() && m_out.isEmpty(); }
    QString error() const { return m_error; }
    QByteArray received() const { return m_server.received(); }
    QString describe() const; // error, or where the script stands

private:
    enum class Match { Mismatch, Partial, Complete };
    Match match(const QByteArray &pattern, const QByteArray &data, qsizetype *consumed, QString *why);
    QByteArray substitute(const QByteArray &bytes) const;
    void run();
    void send(const QByteArray &bytes);
    void sendNext();
    void fail(const QString &why);

    FakeServer m_server;
    QList<Step> m_steps;
    qsizetype m_index = 0;
    qsizetype m_consumed = 0; // bytes of received() matched so far
    bool m_tagPlaceholders = false;
    QHash<QByteArray, QByteArray> m_tags;
    Chunking m_chunking = Chunking::Whole;
    QRandomGenerator m_random;
    QList<QByteArray> m_out; // chunks not yet sent
    bool m_sending = false;
    QString m_error;
};
