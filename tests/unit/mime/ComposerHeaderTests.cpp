#include "ComposerTest.h"

#include "GMimeView.h"

#include "mime/HeaderText.h"
#include "mime/MessageIdGenerator.h"
#include "mime/MessageParser.h"

#include <QRegularExpression>
#include <QSet>

using namespace Petrel::Mime;

OutgoingMessage basicMessage()
{
    OutgoingMessage message;
    message.from = MailAddress{QStringLiteral("Alice Sender"), QStringLiteral("alice@example.org")};
    message.to = {MailAddress{QStringLiteral("Bob"), QStringLiteral("bob@example.net")}};
    message.subject = QStringLiteral("Hello");
    message.textBody = QStringLiteral("Hi Bob,\n\nsee you.\n");
    message.messageId = QStringLiteral("fixed.1@example.org");
    message.date = QDateTime(QDate(2026, 11, 22), QTime(6, 1, 2), Qt::OffsetFromUTC, 3600);
    return message;
}

QByteArray composeOk(const OutgoingMessage &message)
{
    const ComposeResult result = MessageComposer::compose(message);
    if (!result.isOk())
        qWarning("compose failed: %s", qPrintable(result.error));
    return result.raw;
}

QByteArray unfoldedHeaders(const QByteArray &raw)
{
    QByteArray headers = raw.left(raw.indexOf("\r\n\r\n") + 2);
    headers.replace("\r\n ", " ").replace("\r\n\t", "\t");
    return headers;
}

namespace {

ParsedMessage parsed(const QByteArray &raw)
{
    const ParseResult result = MessageParser::parse(raw);
    if (!result.isOk())
        qWarning("parse failed: %s", qPrintable(result.errorString));
    return result.message;
}

bool onlyCrlfLineEnds(const QByteArray &raw)
{
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw.at(i) == '\n' && (i == 0 || raw.at(i - 1) != '\r'))
            return false;
        if (raw.at(i) == '\r' && (i + 1 == raw.size() || raw.at(i + 1) != '\n'))
            return false;
    }
    return true;
}

int longestHeaderLine(const QByteArray &raw)
{
    const QByteArray headers = raw.left(raw.indexOf("\r\n\r\n"));
    int longest = 0;
    for (const QByteArray &line : headers.split('\n'))
        longest = qMax(longest, int(line.size()) - (line.endsWith('\r') ? 1 : 0));
    return longest;
}

QString headerValue(const QByteArray &raw, const QByteArray &name)
{
    for (const QByteArray &line : unfoldedHeaders(raw).split('\n')) {
        if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
            return QString::fromLatin1(line.mid(name.size() + 1).trimmed());
    }
    return {};
}

} // namespace

void ComposerTest::plainMessage()
{
    const ComposeResult result = MessageComposer::compose(basicMessage());
    QVERIFY2(result.isOk(), qPrintable(result.error));
    const QByteArray &raw = result.raw;
    QVERIFY(onlyCrlfLineEnds(raw));
    QVERIFY(raw.endsWith("\r\n"));
    for (const char c : raw)
        QVERIFY(uchar(c) < 0x80);
    QCOMPARE(headerValue(raw, "From"), QStringLiteral("Alice Sender <alice@example.org>"));
    QCOMPARE(headerValue(raw, "To"), QStringLiteral("Bob <bob@example.net>"));
    QCOMPARE(headerValue(raw, "Subject"), QStringLiteral("Hello"));
    QCOMPARE(headerValue(raw, "Message-ID"), QStringLiteral("<fixed.1@example.org>"));
    QCOMPARE(headerValue(raw, "MIME-Version"), QStringLiteral("1.0"));
    QCOMPARE(headerValue(raw, "Content-Type"), QStringLiteral("text/plain; charset=utf-8; format=flowed"));
    QCOMPARE(headerValue(raw, "Content-Transfer-Encoding").toLower(), QStringLiteral("7bit"));
    QCOMPARE(result.envelopeRecipients, QStringList{QStringLiteral("bob@example.net")});

    const ParsedMessage message = parsed(raw);
    QCOMPARE(message.envelope.subject, QStringLiteral("Hello"));
    QCOMPARE(message.envelope.from, (MailAddressList{{QStringLiteral("Alice Sender"), QStringLiteral("alice@example.org")}}));
    QCOMPARE(message.textBody, QStringLiteral("Hi Bob,\r\n\r\nsee you.\r\n"));
    QVERIFY(message.warnings.isEmpty());
}

void ComposerTest::unicodeHeaders_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("name");
    QTest::newRow("latin") << QString::fromUtf8("Grüße aus Köln") << QString::fromUtf8("Jörg Müller");
    QTest::newRow("cjk and emoji") << QString::fromUtf8("日本語の件名 🎉 party") << QString::fromUtf8("山田 太郎 🐦");
    QTest::newRow("long mixed") << QString::fromUtf8("A very long subject line with ünïcödé words spread all over it, "
                                                     "long enough to be folded more than once — 長い件名です, really long")
                                << QString::fromUtf8("Ämilie-Éléonore de la Tour d'Auvergne-Lauraguais, née Łukasiewicz");
    QTest::newRow("literal encoded word") << QStringLiteral("about =?utf-8?q?x?= literally") << QStringLiteral("=?utf-8?q?Mallory?=");
    QTest::newRow("specials in name") << QStringLiteral("Re: [list] a; b (c)") << QStringLiteral("Doe, John \"JD\" <boss>");
    QTest::newRow("spaces kept") << QString::fromUtf8("ä  two spaces  ö") << QString::fromUtf8("Zoë");
    QTest::newRow("very long word") << QString(QStringLiteral("x") + QString(120, QLatin1Char('y'))) << QStringLiteral("Plain Name");
}

void ComposerTest::unicodeHeaders()
{
    QFETCH(QString, subject);
    QFETCH(QString, name);
    OutgoingMessage message = basicMessage();
    message.subject = subject;
    message.from.name = name;
    message.to.append(MailAddress{name, QStringLiteral("second@example.net")});
    const QByteArray raw = composeOk(message);
    QVERIFY(!raw.isEmpty());
    for (const char c : raw)
        QVERIFY(uchar(c) < 0x80);
    QVERIFY2(longestHeaderLine(raw) <= 78, raw.left(raw.indexOf("\r\n\r\n")).constData());

    const ParsedMessage ours = parsed(raw);
    QCOMPARE(ours.envelope.subject, subject);
    QCOMPARE(ours.envelope.from.value(0).name, name);
    QCOMPARE(ours.envelope.to.value(1).name, name);
    QCOMPARE(ours.envelope.to.value(1).address, QStringLiteral("second@example.net"));

    const GMimeView gmime = viewWithGMime(raw);
    QVERIFY(gmime.parsed);
    QCOMPARE(gmime.subject, subject);
    QCOMPARE(gmime.from, QStringList{name + QStringLiteral("|alice@example.org")});
    QCOMPARE(gmime.to.value(1), name + QStringLiteral("|second@example.net"));
}

void ComposerTest::bccNeverWritten()
{
    OutgoingMessage message = basicMessage();
    message.bcc = {MailAddress{QStringLiteral("Secret Person"), QStringLiteral("hidden@example.com")},
                   MailAddress{QString(), QStringLiteral("also-hidden@example.com")}};
    const ComposeResult result = MessageComposer::compose(message);
    QVERIFY2(result.isOk(), qPrintable(result.error));
    QVERIFY(!result.raw.toLower().contains("bcc"));
    QVERIFY(!result.raw.contains("hidden@example.com"));
    QVERIFY(!result.raw.contains("Secret Person"));
    QVERIFY(result.envelopeRecipients.contains(QStringLiteral("hidden@example.com")));
    QVERIFY(result.envelopeRecipients.contains(QStringLiteral("also-hidden@example.com")));
    QVERIFY(parsed(result.raw).envelope.bcc.isEmpty());
    QVERIFY(!viewWithGMime(result.raw).hasBcc);
}

void ComposerTest::envelopeRecipients()
{
    OutgoingMessage message = basicMessage();
    message.to = {MailAddress{QStringLiteral("Bob"), QStringLiteral("Bob@Example.NET")},
                  MailAddress{QStringLiteral("Carol"), QStringLiteral("carol@example.net")}};
    message.cc = {MailAddress{QString(), QStringLiteral("carol@EXAMPLE.net")}, MailAddress{QString(), QStringLiteral("dan@bücher.example")}};
    message.bcc = {MailAddress{QString(), QStringLiteral("Bob@example.net")}, MailAddress{QString(), QStringLiteral("eve@example.com")}};
    const ComposeResult result = MessageComposer::compose(message);
    QVERIFY2(result.isOk(), qPrintable(result.error));
    QCOMPARE(result.envelopeRecipients,
             (QStringList{QStringLiteral("Bob@example.net"), QStringLiteral("carol@example.net"),
                          QStringLiteral("dan@xn--bcher-kva.example"), QStringLiteral("eve@example.com")}));
    // The IDN domain is written in its ASCII form in the header too.
    QVERIFY(unfoldedHeaders(result.raw).contains("Cc: carol@example.net, dan@xn--bcher-kva.example\r\n"));
}

void ComposerTest::dateAndIds()
{
    OutgoingMessage message = basicMessage();
    message.inReplyTo = QStringLiteral("<parent@example.com>"); // brackets tolerated
    message.references = {QStringLiteral("root@example.com"), QStringLiteral("parent@example.com")};
    const QByteArray raw = composeOk(message);
    QVERIFY(!raw.isEmpty());
    QCOMPARE(headerValue(raw, "Date"), QStringLiteral("Sun, 22 Nov 2026 06:01:02 +0100"));
    QCOMPARE(headerValue(raw, "In-Reply-To"), QStringLiteral("<parent@example.com>"));
    QCOMPARE(headerValue(raw, "References"), QStringLiteral("<root@example.com> <parent@example.com>"));
    const Envelope envelope = parsed(raw).envelope;
    QCOMPARE(envelope.date, QDateTime(QDate(2026, 11, 22), QTime(5, 1, 2), Qt::UTC));
    QCOMPARE(envelope.messageId, QStringLiteral("fixed.1@example.org"));
    QCOMPARE(envelope.inReplyTo, QStringLiteral("parent@example.com"));
    QCOMPARE(envelope.references, (QStringList{QStringLiteral("root@example.com"), QStringLiteral("parent@example.com")}));
    const GMimeView gmime = viewWithGMime(raw);
    QCOMPARE(gmime.messageId, QStringLiteral("fixed.1@example.org"));
    QCOMPARE(gmime.references, QStringLiteral("<root@example.com> <parent@example.com>"));

    // Without a date the time of composing is used.
    message.date = QDateTime();
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const QDateTime written = parsed(composeOk(message)).envelope.date;
    QVERIFY(written >= before && written <= QDateTime::currentDateTimeUtc().addSecs(1));
}

void ComposerTest::messageIdGenerator()
{
    QSet<QString> ids;
    static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9._-]{20,}@example\\.org$"));
    for (int i = 0; i < 1000; ++i) {
        const QString id = generateMessageId(QStringLiteral("alice@Example.ORG"));
        QVERIFY2(shape.match(id).hasMatch(), qPrintable(id));
        ids.insert(id);
    }
    QCOMPARE(ids.size(), 1000);
    QVERIFY(generateMessageId(QStringLiteral("x@bücher.example")).endsWith(QStringLiteral("@xn--bcher-kva.example")));
    QVERIFY(generateMessageId(QStringLiteral("no-domain")).endsWith(QStringLiteral("@petrel.invalid")));

    OutgoingMessage message = basicMessage();
    message.messageId = generateMessageId(message.from.address);
    QCOMPARE(parsed(composeOk(message)).envelope.messageId, message.messageId);
}

void ComposerTest::extraHeaders()
{
    OutgoingMessage message = basicMessage();
    message.extraHeaders = {{QByteArray("X-Mailer"), QStringLiteral("Petrel")},
                            {QByteArray("Disposition-Notification-To"), QStringLiteral("alice@example.org")},
                            {QByteArray("X-Note"), QString::fromUtf8("naïve")}};
    const QByteArray raw = composeOk(message);
    QCOMPARE(headerValue(raw, "X-Mailer"), QStringLiteral("Petrel"));
    QCOMPARE(headerValue(raw, "Disposition-Notification-To"), QStringLiteral("alice@example.org"));
    QCOMPARE(decodeHeaderText(headerValue(raw, "X-Note").toLatin1()), QString::fromUtf8("naïve"));
}

void ComposerTest::injectionRefused_data()
{
    QTest::addColumn<int>("field");
    const char *names[] = {"subject", "from name", "from address", "to name", "to address", "cc address", "bcc address",
                           "reply-to name", "message-id", "in-reply-to", "references", "extra value", "extra name",
                           "attachment name", "attachment type", "inline content-id", "bare CR in subject", "NUL in name"};
    for (int i = 0; i < int(std::size(names)); ++i)
        QTest::newRow(names[i]) << i;
}

void ComposerTest::injectionRefused()
{
    QFETCH(int, field);
    const QString evil = QStringLiteral("x\r\nBcc: victim@example.com");
    OutgoingMessage m = basicMessage();
    m.htmlBody = QStringLiteral("<p>hi</p>");
    m.attachments = {OutgoingAttachment{QStringLiteral("a.txt"), QStringLiteral("text/plain"), "a"}};
    m.inlineImages = {InlineImage{QStringLiteral("img1@x"), QStringLiteral("image/png"), "png", QString()}};
    switch (field) {
    case 0: m.subject = evil; break;
    case 1: m.from.name = evil; break;
    case 2: m.from.address = QStringLiteral("alice@example.org\nBcc: victim@example.com"); break;
    case 3: m.to[0].name = evil; break;
    case 4: m.to[0].address = QStringLiteral("bob@example.net\r\nBcc: victim@example.com"); break;
    case 5: m.cc = {MailAddress{QString(), QStringLiteral("c@example.net\n")}}; break;
    case 6: m.bcc = {MailAddress{QString(), QStringLiteral("d@example.net\r\n")}}; break;
    case 7: m.replyTo = {MailAddress{evil, QStringLiteral("r@example.net")}}; break;
    case 8: m.messageId = QStringLiteral("a@b\r\nBcc: victim@example.com"); break;
    case 9: m.inReplyTo = evil; break;
    case 10: m.references = {QStringLiteral("ok@example.com"), evil}; break;
    case 11: m.extraHeaders = {{QByteArray("X-Test"), evil}}; break;
    case 12: m.extraHeaders = {{QByteArray("X-Test\r\nBcc"), QStringLiteral("v@example.com")}}; break;
    case 13: m.attachments[0].fileName = QStringLiteral("a.txt\r\nContent-Type: text/html"); break;
    case 14: m.attachments[0].contentType = QStringLiteral("text/plain\r\nX-Evil: 1"); break;
    case 15: m.inlineImages[0].contentId = QStringLiteral("img1@x>\r\nX-Evil: 1"); break;
    case 16: m.subject = QStringLiteral("x\rBcc: victim@example.com"); break;
    case 17: m.to[0].name = QString(QStringLiteral("Bob") + QChar(0) + QStringLiteral("x")); break;
    }
    const ComposeResult result = MessageComposer::compose(m);
    QVERIFY(!result.isOk());
    QVERIFY(result.raw.isEmpty());
    QVERIFY(result.envelopeRecipients.isEmpty());
    QVERIFY2(result.error.contains(QLatin1String("line break")), qPrintable(result.error));
}

void ComposerTest::invalidInput_data()
{
    QTest::addColumn<int>("problem");
    QTest::addColumn<QString>("expected"); // part of the error
    QTest::newRow("no recipients") << 0 << QStringLiteral("no recipients");
    QTest::newRow("address without @") << 1 << QStringLiteral("is not a mail address");
    QTest::newRow("non-ascii local part") << 2 << QStringLiteral("SMTPUTF8");
    QTest::newRow("no message-id") << 3 << QStringLiteral("no Message-ID");
    QTest::newRow("bad message-id") << 4 << QStringLiteral("is not a Message-ID");
    QTest::newRow("inline image without html") << 5 << QStringLiteral("HTML body");
    QTest::newRow("reserved extra header") << 6 << QStringLiteral("cannot be added");
    QTest::newRow("bad content type") << 7 << QStringLiteral("invalid content type");
    QTest::newRow("no sender") << 8 << QStringLiteral("sender has no address");
    QTest::newRow("bad domain") << 9 << QStringLiteral("invalid domain");
    QTest::newRow("duplicate content-id") << 10 << QStringLiteral("share the Content-ID");
}

void ComposerTest::invalidInput()
{
    QFETCH(int, problem);
    QFETCH(QString, expected);
    OutgoingMessage m = basicMessage();
    switch (problem) {
    case 0: m.to.clear(); break;
    case 1: m.to[0].address = QStringLiteral("bob.example.net"); break;
    case 2: m.to[0].address = QString::fromUtf8("bøb@example.net"); break;
    case 3: m.messageId.clear(); break;
    case 4: m.messageId = QStringLiteral("two words@example.org"); break;
    case 5: m.inlineImages = {InlineImage{QStringLiteral("i@x"), QStringLiteral("image/png"), "png", QString()}}; break;
    case 6: m.extraHeaders = {{QByteArray("Bcc"), QStringLiteral("v@example.com")}}; break;
    case 7: m.attachments = {OutgoingAttachment{QStringLiteral("a"), QStringLiteral("not a type"), "a"}}; break;
    case 8: m.from.address.clear(); break;
    case 9: m.to[0].address = QStringLiteral("bob@exa mple.net"); break;
    case 10:
        m.htmlBody = QStringLiteral("<img src=\"cid:i@x\">");
        m.inlineImages = {InlineImage{QStringLiteral("i@x"), QStringLiteral("image/png"), "1", QString()},
                          InlineImage{QStringLiteral("i@x"), QStringLiteral("image/png"), "2", QString()}};
        break;
    }
    const ComposeResult result = MessageComposer::compose(m);
    QVERIFY(!result.isOk());
    QVERIFY(result.raw.isEmpty());
    QVERIFY2(result.error.contains(expected), qPrintable(result.error));
}

void ComposerTest::limits()
{
    OutgoingMessage m = basicMessage();
    for (int i = 0; i < 3; ++i)
        m.attachments.append(OutgoingAttachment{QStringLiteral("f%1.bin").arg(i), QString(), QByteArray(600, char(i))});
    ComposeLimits limits;
    limits.maxAttachments = 2;
    ComposeResult result = MessageComposer::compose(m, limits);
    QVERIFY(result.raw.isEmpty());
    QVERIFY2(result.error.contains(QLatin1String("3 attachments; at most 2")), qPrintable(result.error));

    limits = ComposeLimits();
    limits.maxMessageBytes = 2000; // 1800 bytes of data grow past it once base64-encoded
    result = MessageComposer::compose(m, limits);
    QVERIFY(result.raw.isEmpty());
    QVERIFY2(result.error.contains(QLatin1String("the limit is")), qPrintable(result.error));

    limits.maxMessageBytes = 4000;
    result = MessageComposer::compose(m, limits);
    QVERIFY2(result.isOk(), qPrintable(result.error));
    QVERIFY(result.raw.size() <= 4000);

    limits = ComposeLimits();
    limits.maxRecipients = 1;
    m.cc = {MailAddress{QString(), QStringLiteral("c@example.net")}};
    result = MessageComposer::compose(m, limits);
    QVERIFY2(result.error.contains(QLatin1String("2 recipients")), qPrintable(result.error));
}
