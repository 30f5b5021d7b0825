#pragma once

#include "FakeServer.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

// A scripted POP3 server on 127.0.0.1 (over FakeServer from tests/unit/net). A script is lines:
//   "S: text"  the server sends text + CRLF        "C: text"  the client must send exactly text + CRLF
//   "TLS"      the server starts TLS (after STLS)  "CLOSE"    the server closes the connection
// The first byte the client sends that differs from the script is a failure (error() says where),
// as is a byte sent before the server answered the previous command (unless the script allows
// pipelining by listing several C: lines in a row) or anything sent after the script's end.
class Pop3ScriptServer : public QObject
{
    Q_OBJECT

public:
    struct Step
    {
        enum class Kind { Send, Expect, Tls, Close };
        Kind kind;
        QByteArray bytes;
    };

    explicit Pop3ScriptServer(FakeServer::Mode mode, QObject *parent = nullptr);

    static QList<Step> parse(const QByteArray &script);
    void setScript(const QList<Step> &steps) { m_steps = steps; }
    void setScript(const QByteArray &script) { m_steps = parse(script); }
    void append(Step::Kind kind, const QByteArray &bytes = {}) { m_steps.append({kind, bytes}); }
    void setIdentity(const QString &certificate, const QString &key) { m_server.setIdentity(certificate, key); }
    void setDripping(bool drip) { m_drip = drip; } // server bytes one at a time
    bool start() { return m_server.start(); }
    quint16 port() const { return m_server.port(); }

    bool isDone() const { return m_index == m_steps.size(); }
    QString error() const { return m_error; }
    QByteArray received() const { return m_server.received(); }
    QString describe() const; // error, or where the script stands

private:
    void run();
    void fail(const QString &why);

    FakeServer m_server;
    QList<Step> m_steps;
    qsizetype m_index = 0;
    qsizetype m_consumed = 0; // bytes of received() matched so far
    bool m_drip = false;
    QString m_error;
};
