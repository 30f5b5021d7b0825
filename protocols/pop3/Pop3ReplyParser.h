#pragma once

#include "pop3/Pop3Limits.h"
#include "pop3/Pop3Reply.h"

#include <QByteArray>
#include <QList>
#include <QQueue>
#include <QString>

namespace Petrel::Pop3 {

// Incremental POP3 reply parser: no socket, no signals. The caller announces the shape of each
// reply it awaits with expect() (in command order, so pipelined replies match), feeds bytes in
// chunks of any size and takes complete replies. Any violation (malformed status line, line or
// body over its limit, data nobody asked for, EOF inside a reply) is a sticky error: the
// connection can no longer be trusted.
class Pop3ReplyParser
{
public:
    explicit Pop3ReplyParser(const Pop3Limits &limits = {});

    // maxData bounds a multi-line reply's data; <= 0 takes the listing limit.
    void expect(Pop3ReplyShape shape, qint64 maxData = 0);
    void feed(const QByteArray &bytes);
    // The server closed the connection: a reply under way (or awaited) becomes an error.
    void finish();

    bool hasReply() const { return !m_replies.isEmpty(); }
    Pop3Reply takeReply() { return m_replies.takeFirst(); }
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // Replies announced and not yet complete.
    qsizetype pendingCount() const { return m_expected.size(); }
    // True between replies: nothing partial is buffered.
    bool isBetweenReplies() const { return m_line.isEmpty() && !m_inData; }
    // Inside a multi-line reply's data (after its +OK line, before the final ".").
    bool isInData() const { return m_inData; }

    // Parses "+OK text", "-ERR [CODE] text" or, when allowContinuation, "+ base64". False if malformed.
    static bool parseStatusLine(const QByteArray &line, bool allowContinuation, Pop3Reply *reply);

private:
    struct Expectation
    {
        Pop3ReplyShape shape;
        qint64 maxData;
    };

    void takeLine(QByteArrayView line); // without its terminator
    void setError(const QString &error);

    Pop3Limits m_limits;
    QQueue<Expectation> m_expected;
    QList<Pop3Reply> m_replies;
    QByteArray m_line;   // the line being received, without its terminator
    bool m_inData = false;
    Pop3Reply m_current; // the multi-line reply being received
    QString m_error;
};

} // namespace Petrel::Pop3
