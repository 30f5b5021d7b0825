#include "ScriptServer.h"

#include <QFile>
#include <QTimer>

ScriptServer::ScriptServer(FakeServer::Mode mode, QObject *parent) : QObject(parent), m_server(mode)
{
    connect(&m_server, &FakeServer::clientReady, this, &ScriptServer::run);
    connect(&m_server, &FakeServer::dataReceived, this, &ScriptServer::run);
}

// "\r", "\n", "\t", "\\" and "\xNN" in R: and REPEAT lines, so a script can send bytes a line cannot hold.
static QByteArray unescape(const QByteArray &text)
{
    QByteArray out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c != '\\' || i + 1 == text.size()) {
            out += c;
            continue;
        }
        const char e = text.at(++i);
        if (e == 'r')
            out += '\r';
        else if (e == 'n')
            out += '\n';
        else if (e == 't')
            out += '\t';
        else if (e == 'x' && i + 2 < text.size()) {
            out += char(text.mid(i + 1, 2).toInt(nullptr, 16));
            i += 2;
        } else
            out += e;
    }
    return out;
}

QList<ScriptServer::Step> ScriptServer::parse(const QByteArray &script)
{
    QList<Step> steps;
    for (QByteArray line : script.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.startsWith("S: ") || line == "S:")
            steps.append({Step::Kind::Send, line.mid(3) + "\r\n"});
        else if (line.startsWith("C: ") || line == "C:")
            steps.append({Step::Kind::Expect, line.mid(3) + "\r\n"});
        else if (line.startsWith("R: "))
            steps.append({Step::Kind::Send, unescape(line.mid(3))});
        else if (line.startsWith("REPEAT ") && line.indexOf(": ") > 7) {
            const qsizetype colon = line.indexOf(": ");
            bool ok = false;
            const int times = line.mid(7, colon - 7).toInt(&ok);
            if (!ok || times < 0)
                qFatal("bad REPEAT count: %s", line.constData());
            steps.append({Step::Kind::Send, unescape(line.mid(colon + 2)).repeated(times)});
        } else if (line == "TLS")
            steps.append({Step::Kind::Tls, {}});
        else if (line == "CLOSE")
            steps.append({Step::Kind::Close, {}});
        else if (!line.isEmpty() && !line.startsWith('#') && !line.startsWith('@'))
            qFatal("bad script line: %s", line.constData());
    }
    return steps;
}

bool ScriptServer::loadScriptFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot read script %1").arg(path);
        return false;
    }
    m_steps = parse(file.readAll());
    return true;
}

void ScriptServer::setChunking(Chunking chunking, quint32 seed)
{
    m_chunking = chunking;
    m_random.seed(seed);
}

QString ScriptServer::describe() const
{
    if (!m_error.isEmpty())
        return m_error;
    return QStringLiteral("script at step %1 of %2; received so far: %3")
        .arg(m_index)
        .arg(m_steps.size())
        .arg(QString::fromUtf8(received().right(2000)));
}

void ScriptServer::fail(const QString &why)
{
    if (m_error.isEmpty())
        m_error = why;
    m_out.clear();
    m_server.closeClient();
}

ScriptServer::Match ScriptServer::match(const QByteArray &pattern, const QByteArray &data, qsizetype *consumed,
                                        QString *why)
{
    qsizetype p = 0;
    qsizetype d = 0;
    QHash<QByteArray, QByteArray> bound;
    while (p < pattern.size()) {
        const qsizetype close = m_tagPlaceholders && pattern.at(p) == '<' ? pattern.indexOf('>', p) : -1;
        if (close > p) {
            const QByteArray name = pattern.mid(p + 1, close - p - 1);
            QByteArray tag;
            while (d < data.size() && QChar::isLetterOrNumber(uchar(data.at(d))))
                tag += data.at(d++);
            if (d == data.size())
                return Match::Partial;
            if (tag.isEmpty()) {
                *why = QStringLiteral("expected a tag at offset %1").arg(d);
                return Match::Mismatch;
            }
            if (m_tags.contains(name) && m_tags.value(name) != tag) {
                *why = QStringLiteral("tag <%1> was %2, now %3")
                           .arg(QString::fromUtf8(name), QString::fromUtf8(m_tags.value(name)), QString::fromUtf8(tag));
                return Match::Mismatch;
            }
            bound.insert(name, tag);
            p = close + 1;
            continue;
        }
        if (d == data.size())
            return Match::Partial;
        if (pattern.at(p) != data.at(d)) {
            *why = QStringLiteral("byte %1 differs").arg(d);
            return Match::Mismatch;
        }
        ++p;
        ++d;
    }
    for (auto it = bound.cbegin(); it != bound.cend(); ++it)
        m_tags.insert(it.key(), it.value());
    *consumed = d;
    return Match::Complete;
}

QByteArray ScriptServer::substitute(const QByteArray &bytes) const
{
    QByteArray out = bytes;
    for (auto it = m_tags.cbegin(); it != m_tags.cend(); ++it)
        out.replace(QByteArray('<' + it.key() + '>'), it.value());
    return out;
}

// Whole lines are queued too, so a chunked reply still in flight is never overtaken.
void ScriptServer::send(const QByteArray &bytes)
{
    qsizetype at = 0;
    while (at < bytes.size()) {
        qsizetype size = bytes.size() - at;
        if (m_chunking == Chunking::OneByte)
            size = 1;
        else if (m_chunking == Chunking::Random)
            size = qMin(size, qsizetype(1 + m_random.bounded(17)));
        m_out.append(bytes.mid(at, size));
        at += size;
    }
    if (!m_sending && !m_out.isEmpty()) {
        m_sending = true;
        QTimer::singleShot(0, this, &ScriptServer::sendNext);
    }
}

void ScriptServer::sendNext()
{
    m_sending = false;
    if (m_out.isEmpty() || !m_server.client())
        return;
    m_server.send(m_out.takeFirst());
    if (!m_out.isEmpty()) {
        m_sending = true;
        QTimer::singleShot(m_chunking == Chunking::Whole ? 0 : 1, Qt::PreciseTimer, this, &ScriptServer::sendNext);
    } else {
        run(); // a TLS or CLOSE step may be waiting for the bytes to leave
    }
}

void ScriptServer::run()
{
    if (!m_error.isEmpty() || !m_server.client())
        return;
    const QByteArray all = m_server.received();
    while (m_index < m_steps.size()) {
        const Step &step = m_steps.at(m_index);
        if (step.kind == Step::Kind::Expect) {
            qsizetype consumed = 0;
            QString why;
            const Match result = match(step.bytes, all.mid(m_consumed), &consumed, &why);
            if (result == Match::Mismatch) {
                fail(QStringLiteral("step %1: %2: client sent \"%3\", script expects \"%4\"")
                         .arg(m_index)
                         .arg(why, QString::fromUtf8(all.mid(m_consumed, 200)), QString::fromUtf8(step.bytes)));
                return;
            }
            if (result == Match::Partial)
                return; // wait for more
            m_consumed += consumed;
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
        if ((step.kind == Step::Kind::Close || step.kind == Step::Kind::Tls) && !m_out.isEmpty())
            return; // sendNext() comes back once the queued bytes are out
        ++m_index;
        switch (step.kind) {
        case Step::Kind::Send:
            send(m_tagPlaceholders ? substitute(step.bytes) : step.bytes);
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
