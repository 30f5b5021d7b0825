#include "Pop3ScriptServer.h"

#include <QTimer>

Pop3ScriptServer::Pop3ScriptServer(FakeServer::Mode mode, QObject *parent) : QObject(parent), m_server(mode)
{
    connect(&m_server, &FakeServer::clientReady, this, &Pop3ScriptServer::run);
    connect(&m_server, &FakeServer::dataReceived, this, &Pop3ScriptServer::run);
}

QList<Pop3ScriptServer::Step> Pop3ScriptServer::parse(const QByteArray &script)
{
    QList<Step> steps;
    for (const QByteArray &line : script.split('\n')) {
        if (line.startsWith("S: "))
            steps.append({Step::Kind::Send, line.mid(3) + "\r\n"});
        else if (line.startsWith("C: "))
            steps.append({Step::Kind::Expect, line.mid(3) + "\r\n"});
        else if (line == "TLS")
            steps.append({Step::Kind::Tls, {}});
        else if (line == "CLOSE")
            steps.append({Step::Kind::Close, {}});
        else if (!line.isEmpty())
            qFatal("bad script line: %s", line.constData());
    }
    return steps;
}

QString Pop3ScriptServer::describe() const
{
    if (!m_error.isEmpty())
        return m_error;
    return QStringLiteral("script at step %1 of %2; received so far: %3")
        .arg(m_index)
        .arg(m_steps.size())
        .arg(QString::fromUtf8(received().left(2000)));
}

void Pop3ScriptServer::fail(const QString &why)
{
    if (m_error.isEmpty())
        m_error = why;
    m_server.closeClient();
}

void Pop3ScriptServer::run()
{
    if (!m_error.isEmpty() || !m_server.client())
        return;
    const QByteArray all = m_server.received();
    while (m_index < m_steps.size()) {
        const Step &step = m_steps.at(m_index);
        if (step.kind == Step::Kind::Expect) {
            const QByteArray got = all.mid(m_consumed, step.bytes.size());
            for (qsizetype i = 0; i < got.size(); ++i) {
                if (got.at(i) != step.bytes.at(i)) {
                    fail(QStringLiteral("step %1: client sent \"%2\", script expects \"%3\"")
                             .arg(m_index)
                             .arg(QString::fromUtf8(all.mid(m_consumed, 200)).toHtmlEscaped(),
                                  QString::fromUtf8(step.bytes).toHtmlEscaped()));
                    return;
                }
            }
            if (got.size() < step.bytes.size())
                return; // wait for more
            m_consumed += step.bytes.size();
            ++m_index;
            const bool nextIsExpect = m_index < m_steps.size() && m_steps.at(m_index).kind == Step::Kind::Expect;
            if (!nextIsExpect && all.size() > m_consumed) {
                fail(QStringLiteral("step %1: client sent \"%2\" before the server's reply")
                         .arg(m_index)
                         .arg(QString::fromUtf8(all.mid(m_consumed, 200))));
                return;
            }
            continue;
        }
        if ((step.kind == Step::Kind::Close || step.kind == Step::Kind::Tls) && m_server.isDripping()) {
            QTimer::singleShot(5, this, &Pop3ScriptServer::run);
            return;
        }
        ++m_index;
        switch (step.kind) {
        case Step::Kind::Send:
            if (m_drip)
                m_server.drip(step.bytes);
            else
                m_server.send(step.bytes);
            break;
        case Step::Kind::Tls:
            m_server.startTls();
            break;
        case Step::Kind::Close:
            m_server.closeClient();
            return;
        case Step::Kind::Expect:
            break;
        }
    }
    if (all.size() > m_consumed)
        fail(QStringLiteral("client sent \"%1\" after the end of the script").arg(QString::fromUtf8(all.mid(m_consumed, 200))));
}
