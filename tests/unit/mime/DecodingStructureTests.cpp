#include "DecodingTest.h"

#include "mime/HtmlText.h"

#include <QElapsedTimer>
#include <QThread>

#include <atomic>

using namespace Petrel::Mime;

namespace {

// multipart/mixed with a text part and one attachment part whose headers are given.
QByteArray withAttachment(const QByteArray &attachmentHeaders)
{
    return "From: a@example.com\nSubject: att\nMIME-Version: 1.0\n"
           "Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
           "--b1\nContent-Type: text/plain; charset=utf-8\n\nSee attached.\n"
           "--b1\n" + attachmentHeaders + "Content-Transfer-Encoding: base64\n\n"
           "JVBERi0xLjQgZmFrZSBwZGYAAQI=\n"
           "--b1--\n";
}

const QByteArray pdfBytes("%PDF-1.4 fake pdf\x00\x01\x02", 20);

} // namespace

void DecodingTest::attachmentNames_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("contentType");
    QTest::newRow("plain filename") << QByteArray("Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"report.pdf\"\n")
                                    << QStringLiteral("report.pdf") << QStringLiteral("application/pdf");
    QTest::newRow("rfc 2231 utf-8") << QByteArray("Content-Type: application/pdf\nContent-Disposition: attachment; filename*=UTF-8''%E6%97%A5%E6%9C%AC.pdf\n")
                                    << QString::fromUtf8("日本.pdf") << QStringLiteral("application/pdf");
    QTest::newRow("rfc 2231 latin-1 with language") << QByteArray("Content-Type: application/pdf\nContent-Disposition: attachment; filename*=iso-8859-1'fr'Caf%E9.pdf\n")
                                                    << QString::fromUtf8("Café.pdf") << QStringLiteral("application/pdf");
    QTest::newRow("rfc 2231 continuations") << QByteArray("Content-Type: application/pdf\nContent-Disposition: attachment;\n filename*0*=UTF-8''Gr%C3%BC;\n filename*1*=%C3%9Fe%20aus;\n filename*2=\" Berlin.pdf\"\n")
                                            << QString::fromUtf8("Grüße aus Berlin.pdf") << QStringLiteral("application/pdf");
    QTest::newRow("rfc 2047 in filename") << QByteArray("Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"=?UTF-8?Q?Gr=C3=BC=C3=9Fe.pdf?=\"\n")
                                          << QString::fromUtf8("Grüße.pdf") << QStringLiteral("application/pdf");
    QTest::newRow("rfc 2047 B in name") << QByteArray("Content-Type: application/pdf; name=\"=?UTF-8?B?5pel5pys?=\"\nContent-Disposition: attachment\n")
                                        << QString::fromUtf8("日本") << QStringLiteral("application/pdf");
    QTest::newRow("name on content-type only") << QByteArray("Content-Type: application/pdf; name=\"only-name.pdf\"\n")
                                               << QStringLiteral("only-name.pdf") << QStringLiteral("application/pdf");
    QTest::newRow("no name") << QByteArray("Content-Type: Application/PDF\nContent-Disposition: attachment\n")
                             << QString() << QStringLiteral("application/pdf");
    QTest::newRow("raw utf-8 name") << QString::fromUtf8("Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"Übersicht.pdf\"\n").toUtf8()
                                    << QString::fromUtf8("Übersicht.pdf") << QStringLiteral("application/pdf");
}

void DecodingTest::attachmentNames()
{
    QFETCH(QByteArray, headers);
    QFETCH(QString, fileName);
    QFETCH(QString, contentType);
    const QByteArray raw = withAttachment(headers);
    const ParsedMessage message = parseOk(raw);
    QCOMPARE(message.textBody.trimmed(), QStringLiteral("See attached."));
    QVERIFY(message.hasAttachments());
    QCOMPARE(message.attachments.size(), 1);
    const AttachmentInfo &info = message.attachments.first();
    QCOMPARE(info.fileName, fileName);
    QCOMPARE(info.contentType, contentType);
    QCOMPARE(info.size, qint64(pdfBytes.size()));
    QCOMPARE(info.partPath, QStringLiteral("2"));
    QCOMPARE(MessageParser::partContent(raw, info.partPath).value_or(QByteArray()), pdfBytes);
}

void DecodingTest::inlineCidParts()
{
    const QByteArray raw = "From: a@example.com\nSubject: related\nMIME-Version: 1.0\n"
                           "Content-Type: multipart/related; boundary=\"r\"; type=\"text/html\"\n\n"
                           "--r\nContent-Type: text/html; charset=utf-8\n\n"
                           "<html><body><p>Logo:</p><img src=\"cid:logo@example.com\"></body></html>\n"
                           "--r\nContent-Type: image/png; name=\"logo.png\"\nContent-ID: <logo@example.com>\n"
                           "Content-Disposition: inline; filename=\"logo.png\"\nContent-Transfer-Encoding: base64\n\n"
                           "iVBORw0KGgo=\n--r--\n";
    const ParsedMessage message = parseOk(raw);
    QVERIFY(message.htmlBody.contains(QLatin1String("cid:logo@example.com")));
    QCOMPARE(message.inlineParts.size(), 1);
    const InlinePart &part = message.inlineParts.first();
    QCOMPARE(part.contentId, QStringLiteral("logo@example.com"));
    QCOMPARE(part.contentType, QStringLiteral("image/png"));
    QCOMPARE(part.fileName, QStringLiteral("logo.png"));
    QCOMPARE(part.size, qint64(8));
    QCOMPARE(part.partPath, QStringLiteral("2"));
    QVERIFY(!message.hasAttachments());
    QCOMPARE(MessageParser::partContent(raw, part.partPath).value_or(QByteArray()), QByteArray("\x89PNG\r\n\x1a\n"));
}

void DecodingTest::nestedMessage()
{
    const QByteArray raw = "From: outer@example.com\nSubject: Fwd: inner\nMIME-Version: 1.0\n"
                           "Content-Type: multipart/mixed; boundary=\"o\"\n\n"
                           "--o\nContent-Type: text/plain\n\nForwarding.\n"
                           "--o\nContent-Type: message/rfc822\n\n"
                           "From: inner@example.com\nSubject: =?UTF-8?Q?Inner_=C3=BC?=\nMIME-Version: 1.0\n"
                           "Content-Type: multipart/mixed; boundary=\"i\"\n\n"
                           "--i\nContent-Type: text/plain\n\nInner body.\n"
                           "--i\nContent-Type: text/csv; name=\"data.csv\"\nContent-Disposition: attachment\n\na,b\n1,2\n"
                           "--i--\n"
                           "--o--\n";
    const ParsedMessage message = parseOk(raw);
    QCOMPARE(message.textBody.trimmed(), QStringLiteral("Forwarding."));
    QCOMPARE(message.embeddedMessages.size(), 1);
    const ParsedMessage &inner = message.embeddedMessages.first();
    QCOMPARE(inner.envelope.subject, QString::fromUtf8("Inner ü"));
    QCOMPARE(inner.envelope.from.first().address, QStringLiteral("inner@example.com"));
    QCOMPARE(inner.textBody.trimmed(), QStringLiteral("Inner body."));
    QCOMPARE(inner.attachments.size(), 1);
    QCOMPARE(inner.attachments.first().partPath, QStringLiteral("2.2"));
    QCOMPARE(inner.attachments.first().fileName, QStringLiteral("data.csv"));
    QCOMPARE(MessageParser::partContent(raw, QStringLiteral("2.2")).value_or(QByteArray()), QByteArray("a,b\n1,2"));
    QCOMPARE(MessageParser::partContent(raw, QStringLiteral("2.1")).value_or(QByteArray()).trimmed(), QByteArray("Inner body."));
    // The forwarded message itself is an attachment of the outer one.
    QCOMPARE(message.attachments.size(), 1);
    QCOMPARE(message.attachments.first().contentType, QStringLiteral("message/rfc822"));
    QCOMPARE(message.attachments.first().partPath, QStringLiteral("2"));
    QVERIFY(MessageParser::partContent(raw, QStringLiteral("2")).value_or(QByteArray()).contains("Inner body."));

    // A message whose whole body is a message/rfc822: "1" is that part, "1.1" the inner body.
    const QByteArray wrapped = "From: outer@example.com\nSubject: wrapper\nContent-Type: message/rfc822\n\n"
                               "From: inner@example.com\nSubject: wrapped\n\nWrapped body.\n";
    const ParsedMessage wrapper = parseOk(wrapped);
    QCOMPARE(wrapper.embeddedMessages.size(), 1);
    QCOMPARE(wrapper.embeddedMessages.first().envelope.subject, QStringLiteral("wrapped"));
    QCOMPARE(wrapper.attachments.first().partPath, QStringLiteral("1"));
    QCOMPARE(MessageParser::partContent(wrapped, QStringLiteral("1.1")).value_or(QByteArray()).trimmed(), QByteArray("Wrapped body."));
    QVERIFY(MessageParser::partContent(wrapped, QStringLiteral("1")).value_or(QByteArray()).contains("Subject: wrapped"));
}

void DecodingTest::alternativeChoice()
{
    const QByteArray raw = "From: a@example.com\nSubject: alt\nMIME-Version: 1.0\n"
                           "Content-Type: multipart/mixed; boundary=\"m\"\n\n"
                           "--m\nContent-Type: multipart/alternative; boundary=\"a\"\n\n"
                           "--a\nContent-Type: text/html; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
                           "<p>Hello <b>caf=E9</b></p>\n"
                           "--a\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
                           "Hello caf=E9\n"
                           "--a--\n"
                           "--m\nContent-Type: text/plain; name=\"notes.txt\"\nContent-Disposition: attachment; filename=\"notes.txt\"\n\n"
                           "Not the body.\n"
                           "--m--\n";
    const ParsedMessage message = parseOk(raw);
    QCOMPARE(message.textBody.trimmed(), QString::fromUtf8("Hello café"));
    QCOMPARE(message.htmlBody.trimmed(), QString::fromUtf8("<p>Hello <b>café</b></p>"));
    QCOMPARE(message.attachments.size(), 1);
    QCOMPARE(message.attachments.first().fileName, QStringLiteral("notes.txt"));
    QCOMPARE(message.attachments.first().partPath, QStringLiteral("2"));

    // Only HTML: displayText() falls back to the HTML's text.
    const ParsedMessage htmlOnly = parseOk("From: a@example.com\nContent-Type: text/html\n\n<p>Only &amp; html</p>\n");
    QVERIFY(htmlOnly.textBody.isEmpty());
    QCOMPARE(htmlOnly.displayText(), QStringLiteral("Only & html"));
}

void DecodingTest::brokenBoundaries()
{
    // Final boundary missing: the parts are still there.
    const ParsedMessage truncated = parseOk("From: a@example.com\nSubject: t\nContent-Type: multipart/mixed; boundary=\"x\"\n\n"
                                            "--x\nContent-Type: text/plain\n\nFirst part.\n"
                                            "--x\nContent-Type: application/octet-stream; name=\"a.bin\"\n\nabc\n");
    QCOMPARE(truncated.textBody.trimmed(), QStringLiteral("First part."));
    QCOMPARE(truncated.attachments.size(), 1);

    // The declared boundary never appears: the text is kept, not lost.
    const ParsedMessage missing = parseOk("From: a@example.com\nSubject: m\nContent-Type: multipart/mixed; boundary=\"nowhere\"\n\n"
                                          "Some text that is not in any part.\n");
    QVERIFY(missing.displayText().contains(QLatin1String("Some text that is not in any part.")));

    // No boundary parameter at all.
    const ParseResult noParam = MessageParser::parse("From: a@example.com\nContent-Type: multipart/mixed\n\n--x\n\ntext\n--x--\n");
    QVERIFY(noParam.isOk());
    QVERIFY(noParam.message.displayText().contains(QLatin1String("text")));
}

void DecodingTest::noBody()
{
    const ParseResult headersOnly = MessageParser::parse("From: a@example.com\nSubject: no body\n");
    QVERIFY(headersOnly.isOk());
    QCOMPARE(headersOnly.message.envelope.subject, QStringLiteral("no body"));
    QVERIFY(headersOnly.message.textBody.isEmpty());
    QVERIFY(!headersOnly.message.hasAttachments());

    const ParseResult emptyBody = MessageParser::parse("From: a@example.com\nSubject: empty\n\n");
    QVERIFY(emptyBody.isOk());
    QVERIFY(emptyBody.message.displayText().isEmpty());
}

void DecodingTest::hugeHeaderLine()
{
    const QByteArray longSubject(2 * 1024 * 1024, 'x');
    QElapsedTimer timer;
    timer.start();
    const ParseResult result = MessageParser::parse("From: a@example.com\nSubject: " + longSubject + "\nX-Other: y\n\nbody\n");
    QVERIFY(result.isOk());
    QCOMPARE(result.message.envelope.subject.size(), longSubject.size());
    QCOMPARE(result.message.textBody.trimmed(), QStringLiteral("body"));
    QVERIFY2(timer.elapsed() < 20000, "a long header must parse in linear time");
}

void DecodingTest::depthLimit()
{
    constexpr int levels = 200;
    QByteArray raw = "From: a@example.com\nSubject: deep\n";
    for (int i = 0; i < levels; ++i)
        raw += "Content-Type: multipart/mixed; boundary=\"b" + QByteArray::number(i) + "\"\n\n--b" + QByteArray::number(i) + "\n";
    raw += "Content-Type: text/plain\n\ndeepest\n";
    for (int i = levels - 1; i >= 0; --i)
        raw += "--b" + QByteArray::number(i) + "--\n";
    ParseLimits limits;
    limits.maxDepth = 10;
    const ParseResult result = MessageParser::parse(raw, limits);
    QVERIFY(result.isOk());
    QCOMPARE(result.message.envelope.subject, QStringLiteral("deep"));
    QVERIFY(result.message.textBody.isEmpty()); // beyond the limit
    bool warned = false;
    for (const QString &w : result.message.warnings)
        warned = warned || w.contains(QLatin1String("nesting"));
    QVERIFY2(warned, qPrintable(result.message.warnings.join(QLatin1Char('\n'))));

    // A chain of 3000 forwarded messages: bounded by the limit, no stack exhaustion.
    QByteArray chain = "From: a@example.com\nSubject: leaf\n\nleaf body\n";
    for (int i = 0; i < 3000; ++i)
        chain.prepend("From: a@example.com\nSubject: level " + QByteArray::number(i) + "\nContent-Type: message/rfc822\n\n");
    const ParseResult forwarded = MessageParser::parse(chain);
    QVERIFY(forwarded.isOk());
    QCOMPARE(forwarded.message.envelope.subject, QStringLiteral("level 2999"));
    int depth = 0;
    const ParsedMessage *level = &forwarded.message;
    while (!level->embeddedMessages.isEmpty() && depth < 5000) {
        level = &level->embeddedMessages.first();
        ++depth;
    }
    QVERIFY2(depth > 0 && depth <= 33, qPrintable(QString::number(depth)));
}

void DecodingTest::partLimit()
{
    QByteArray raw = "From: a@example.com\nSubject: many\nContent-Type: multipart/mixed; boundary=\"p\"\n\n";
    for (int i = 0; i < 50; ++i)
        raw += "--p\nContent-Type: application/octet-stream; name=\"f" + QByteArray::number(i) + ".bin\"\n\nx\n";
    raw += "--p--\n";
    ParseLimits limits;
    limits.maxParts = 10;
    const ParseResult result = MessageParser::parse(raw, limits);
    QVERIFY(result.isOk());
    QCOMPARE(result.message.attachments.size(), 9); // the multipart itself counts as a part
    QVERIFY(result.message.warnings.join(QLatin1Char(' ')).contains(QLatin1String("parts")));
    QCOMPARE(MessageParser::parse(raw).message.attachments.size(), 50);
}

void DecodingTest::textLimit()
{
    const ParsedMessage binary = parseOk(QByteArray("From: a@example.com\nContent-Type: text/plain\n\nbin\0ary\0\n", 55));
    QCOMPARE(binary.textBody.trimmed(), QStringLiteral("binary"));

    ParseLimits limits;
    limits.maxTextBytes = 1000;
    const ParseResult result = MessageParser::parse("From: a@example.com\n\n" + QByteArray(5000, 'a') + "\n", limits);
    QVERIFY(result.isOk());
    QCOMPARE(result.message.textBody.size(), 1000);
    QVERIFY(result.message.warnings.join(QLatin1Char(' ')).contains(QLatin1String("truncated")));
}

void DecodingTest::notMail()
{
    QVERIFY(!MessageParser::parse(QByteArray()).isOk());
    QVERIFY(!MessageParser::parse("\n\n  \n").isOk());
    QVERIFY(MessageParser::parse("Subject : spaced\nFrom: a@example.com\n\nbody\n").isOk());
    QVERIFY(!MessageParser::parse("just some text, no header\n").isOk());
    const ParseResult binary = MessageParser::parse(QByteArray("\x00\x01\x02 binary \xff\xfe", 13));
    QVERIFY(!binary.isOk());
    QVERIFY(!binary.errorString.isEmpty());
    QVERIFY(!MessageParser::partContent("From: a@example.com\n\nbody\n", QStringLiteral("7")).has_value());
    QVERIFY(!MessageParser::partContent("From: a@example.com\n\nbody\n", QStringLiteral("x.y")).has_value());
    QVERIFY(!MessageParser::partContent(QByteArray(), QStringLiteral("1")).has_value());
}

void DecodingTest::partContent()
{
    const QByteArray raw = "From: a@example.com\nContent-Type: text/plain; charset=utf-8\n"
                           "Content-Transfer-Encoding: quoted-printable\n\nGr=C3=BC=C3=9Fe\n";
    QCOMPARE(MessageParser::partContent(raw, QStringLiteral("1")).value_or(QByteArray()).trimmed(), QByteArray("Gr\xc3\xbc\xc3\x9f" "e"));
    QVERIFY(!MessageParser::partContent(raw, QStringLiteral("1.1")).has_value());
    QVERIFY(!MessageParser::partContent(raw, QStringLiteral("2")).has_value());
}

void DecodingTest::headersOnly()
{
    const QByteArray raw = "From: =?UTF-8?Q?J=C3=B6rg?= <j@example.com>\nSubject: quick\nDate: Tue, 5 Mar 2024 14:34:56 +0200\n"
                           "Message-ID: <id@example.com>\n\nbody that is never looked at\n";
    const Envelope env = MessageParser::parseHeadersOnly(raw);
    QCOMPARE(env.subject, QStringLiteral("quick"));
    QCOMPARE(env.from.first().name, QString::fromUtf8("Jörg"));
    QCOMPARE(env.messageId, QStringLiteral("id@example.com"));
    QCOMPARE(env.date, QDateTime(QDate(2024, 3, 5), QTime(12, 34, 56), Qt::UTC));
    QCOMPARE(MessageParser::parseHeadersOnly("From mbox line\nSubject: after from\n\nx").subject, QStringLiteral("after from"));
    QVERIFY(MessageParser::parseHeadersOnly(QByteArray()).subject.isEmpty());
}

void DecodingTest::htmlDisplayText()
{
    const QString html = QStringLiteral("<html><head><title>T</title><style>p{color:red}</style></head>"
                                        "<body><script>alert('x')</script><p>Fish &amp; chips&nbsp;&mdash; &#233;&#x20AC;</p>"
                                        "<div>Second<br>line</div><!-- hidden --> 5 &lt; 6 &unknown; & done</body></html>");
    QCOMPARE(htmlToText(html), QString::fromUtf8("Fish & chips — é€\n\nSecond\nline\n5 < 6 &unknown; & done"));
    QCOMPARE(htmlToText(QStringLiteral("<p>unterminated <b")), QStringLiteral("unterminated"));
    QCOMPARE(htmlToText(QStringLiteral("a < b")), QStringLiteral("a < b"));

    // Pathological markup stays linear: many '<' without any '>'.
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(htmlToText(QString(300000, QLatin1Char('<'))).size(), 300000);
    htmlToText(QStringLiteral("<!--") + QString(300000, QLatin1Char('x')));
    htmlToText(QString(100000, QLatin1Char('&')) + QStringLiteral("<script>") + QString(100000, QLatin1Char('<')));
    QVERIFY(timer.elapsed() < 5000);
}

void DecodingTest::concurrentParsing()
{
    // Parsing from several threads at once gives every thread the same, correct result.
    const QByteArray raw = "From: a@example.com\nSubject: =?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=\n"
                           "Content-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: base64\n\n"
                           "89/F29gg1sUgxd2jINzUycg=\n";
    std::atomic<int> good{0};
    QList<QThread *> threads;
    for (int t = 0; t < 4; ++t) {
        threads.append(QThread::create([&] {
            for (int i = 0; i < 200; ++i) {
                const ParsedMessage m = MessageParser::parse(raw).message;
                if (m.envelope.subject == QString::fromUtf8("日本語") && m.textBody.trimmed() == QString::fromUtf8("Съешь же ещё этих"))
                    ++good;
            }
        }));
    }
    for (QThread *thread : threads)
        thread->start();
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(60000));
        delete thread;
    }
    QCOMPARE(good.load(), 800);
}
