#include "DecodingTest.h"

#include "mime/HeaderText.h"

using namespace Petrel::Mime;

ParsedMessage parseOk(const QByteArray &raw)
{
    const ParseResult result = MessageParser::parse(raw);
    if (!result.isOk())
        qWarning("parse failed: %s", qPrintable(result.errorString));
    return result.message;
}

namespace {

QByteArray base64Message(const QByteArray &charset, const QByteArray &base64Body)
{
    return "From: a@example.com\nSubject: charset\nMIME-Version: 1.0\n"
           "Content-Type: text/plain; charset=\"" + charset + "\"\n"
           "Content-Transfer-Encoding: base64\n\n" + base64Body + "\n";
}

} // namespace

void DecodingTest::bodyCharsets_data()
{
    QTest::addColumn<QByteArray>("charset");
    QTest::addColumn<QByteArray>("base64");
    QTest::addColumn<QString>("expected");
    // Bodies encoded with Python's codecs, so the bytes are independent of the code under test.
    QTest::newRow("utf-8") << QByteArray("utf-8") << QByteArray("R3LDvMOfZSwg5LiW55WMIOKckw==") << QString::fromUtf8("Grüße, 世界 ✓");
    QTest::newRow("iso-8859-1") << QByteArray("ISO-8859-1") << QByteArray("Q2Fm6SBjcuhtZSwgc2Xxb3I=") << QString::fromUtf8("Café crème, señor");
    QTest::newRow("iso-8859-2") << QByteArray("iso-8859-2") << QByteArray("WmG/87PmIGfqtmyxIGphvPE=") << QString::fromUtf8("Zażółć gęślą jaźń");
    QTest::newRow("iso-8859-15") << QByteArray("iso-8859-15") << QByteArray("UHJpeDogMTAgpA==") << QString::fromUtf8("Prix: 10 €");
    QTest::newRow("windows-1252") << QByteArray("windows-1252") << QByteArray("k1NtYXJ0lCBxdW90ZXMgliBhbmQggA==") << QString::fromUtf8("“Smart” quotes – and €");
    QTest::newRow("windows-1251") << QByteArray("windows-1251") << QByteArray("z/Do4uXyLCDs6PA=") << QString::fromUtf8("Привет, мир");
    QTest::newRow("koi8-r") << QByteArray("KOI8-R") << QByteArray("89/F29gg1sUgxd2jINzUycg=") << QString::fromUtf8("Съешь же ещё этих");
    QTest::newRow("iso-2022-jp") << QByteArray("ISO-2022-JP") << QByteArray("GyRCRnxLXDhsJE4lRiUtJTklSBsoQg==") << QString::fromUtf8("日本語のテキスト");
    QTest::newRow("gb2312") << QByteArray("gb2312") << QByteArray("vPLM5dbQzsSy4srU") << QString::fromUtf8("简体中文测试");
    QTest::newRow("gbk labelled gb2312") << QByteArray("GB2312") << QByteArray("1tDOxJx51Ic=") << QString::fromUtf8("中文測試");
    QTest::newRow("gbk") << QByteArray("gbk") << QByteArray("1tDOxJx51Ic=") << QString::fromUtf8("中文測試");
    QTest::newRow("big5") << QByteArray("big5") << QByteArray("wWPF6aSkpOW0+rjV") << QString::fromUtf8("繁體中文測試");
    QTest::newRow("shift_jis") << QByteArray("Shift_JIS") << QByteArray("grGC8YLJgr+CzZCiikU=") << QString::fromUtf8("こんにちは世界");
    // Mislabelled or unknown: best effort, never an error.
    QTest::newRow("unknown charset, utf-8 bytes") << QByteArray("x-no-such-charset") << QByteArray("R3LDvMOfZSwg5LiW55WMIOKckw==") << QString::fromUtf8("Grüße, 世界 ✓");
    QTest::newRow("utf-8 label, latin-1 bytes") << QByteArray("utf-8") << QByteArray("Q2Fm6SBjcuhtZSwgc2Xxb3I=") << QString::fromUtf8("Café crème, señor");
    QTest::newRow("us-ascii label, utf-8 bytes") << QByteArray("us-ascii") << QByteArray("R3LDvMOfZSwg5LiW55WMIOKckw==") << QString::fromUtf8("Grüße, 世界 ✓");
    QTest::newRow("no charset, latin-1 bytes") << QByteArray("") << QByteArray("Q2Fm6SBjcuhtZSwgc2Xxb3I=") << QString::fromUtf8("Café crème, señor");
}

void DecodingTest::bodyCharsets()
{
    QFETCH(QByteArray, charset);
    QFETCH(QByteArray, base64);
    QFETCH(QString, expected);
    const ParsedMessage message = parseOk(base64Message(charset, base64));
    QCOMPARE(message.textBody.trimmed(), expected);
}

void DecodingTest::encodedWords_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("expected");
    QTest::newRow("B utf-8") << QByteArray("=?UTF-8?B?5pel5pys?=") << QString::fromUtf8("日本");
    QTest::newRow("Q latin-1") << QByteArray("=?ISO-8859-1?Q?Caf=E9_cr=E8me?=") << QString::fromUtf8("Café crème");
    QTest::newRow("lowercase q") << QByteArray("=?utf-8?q?Gr=C3=BC=C3=9Fe?=") << QString::fromUtf8("Grüße");
    QTest::newRow("adjacent words joined") << QByteArray("=?UTF-8?Q?Hello?= =?UTF-8?Q?_World?=") << QStringLiteral("Hello World");
    QTest::newRow("adjacent words folded") << QByteArray("=?UTF-8?Q?Hello?=\n =?UTF-8?Q?World?=") << QStringLiteral("HelloWorld");
    QTest::newRow("split multi-byte Q") << QByteArray("=?UTF-8?Q?=E6=97?= =?UTF-8?Q?=A5=E6=9C=AC?=") << QString::fromUtf8("日本");
    QTest::newRow("split multi-byte B") << QByteArray("=?UTF-8?B?5pc=?= =?UTF-8?B?peacrA==?=") << QString::fromUtf8("日本");
    QTest::newRow("mixed with text") << QByteArray("Re: =?KOI8-R?B?8NLJ18XU?= again") << QString::fromUtf8("Re: Привет again");
    QTest::newRow("iso-2022-jp") << QByteArray("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=") << QString::fromUtf8("日本語");
    QTest::newRow("unterminated left readable") << QByteArray("=?UTF-8?Q?broken") << QStringLiteral("=?UTF-8?Q?broken");
    QTest::newRow("bad base64 left readable") << QByteArray("before =?UTF-8?X?abc?= after") << QStringLiteral("before =?UTF-8?X?abc?= after");
    QTest::newRow("inside a word (loose)") << QByteArray("foo=?UTF-8?Q?bar?=") << QStringLiteral("foobar");
}

void DecodingTest::encodedWords()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, expected);
    const QByteArray raw = "From: a@example.com\nSubject: " + header + "\n\nbody\n";
    QCOMPARE(parseOk(raw).envelope.subject, expected);
}

void DecodingTest::rawUtf8Headers()
{
    // RFC 6532: UTF-8 straight in the header, in the subject and in a display name.
    const QByteArray raw = QString::fromUtf8("From: Jürgen Groß <juergen@example.de>\n"
                                             "To: 山田 <yamada@example.jp>\n"
                                             "Subject: Grüße aus Köln – 日本\n\nbody\n").toUtf8();
    const ParsedMessage message = parseOk(raw);
    QCOMPARE(message.envelope.subject, QString::fromUtf8("Grüße aus Köln – 日本"));
    QCOMPARE(message.envelope.from.size(), 1);
    QCOMPARE(message.envelope.from.first().name, QString::fromUtf8("Jürgen Groß"));
    QCOMPARE(message.envelope.from.first().address, QStringLiteral("juergen@example.de"));
    QCOMPARE(message.envelope.to.first().name, QString::fromUtf8("山田"));
}

void DecodingTest::rawLegacyHeaders()
{
    // Unencoded 8-bit that is not UTF-8: decoded with the windows-1252 fallback, not dropped.
    const QByteArray raw = "From: Ren\xe9 <rene@example.fr>\nSubject: Caf\xe9 cr\xe8me \x80 5\n\nbody\n";
    const ParsedMessage message = parseOk(raw);
    QCOMPARE(message.envelope.subject, QString::fromUtf8("Café crème € 5"));
    QCOMPARE(message.envelope.from.first().name, QString::fromUtf8("René"));
}

void DecodingTest::addresses()
{
    const QByteArray raw = "From: \"Doe, John\" <john@example.com>\n"
                           "Sender: secretary@example.com\n"
                           "Reply-To: =?UTF-8?Q?J=C3=B6rg?= <joerg@example.com>\n"
                           "To: team: a@example.com, B <b@example.com>;, c@example.com\n"
                           "Cc: (comment) d@example.com\n"
                           "Bcc: e@example.com\n"
                           "Subject: x\n\nbody\n";
    const Envelope env = parseOk(raw).envelope;
    QCOMPARE(env.from.size(), 1);
    QCOMPARE(env.from.first().name, QStringLiteral("Doe, John"));
    QCOMPARE(env.sender.first().address, QStringLiteral("secretary@example.com"));
    QCOMPARE(env.replyTo.first().name, QString::fromUtf8("Jörg"));
    QCOMPARE(env.to.size(), 3); // the group is flattened into its members
    QCOMPARE(env.to.at(1), (MailAddress{QStringLiteral("B"), QStringLiteral("b@example.com")}));
    QCOMPARE(env.to.at(2).address, QStringLiteral("c@example.com"));
    QCOMPARE(env.cc.first().address, QStringLiteral("d@example.com"));
    QCOMPARE(env.bcc.first().address, QStringLiteral("e@example.com"));

    // A character split across B-encoded words of a display name survives.
    const Envelope split = parseOk("From: =?UTF-8?B?5pc=?= =?UTF-8?B?peacrA==?= <nihon@example.jp>, "
                                   "=?UTF-8?Q?J=C3?=\n =?UTF-8?Q?=B6rg?= <j@example.com>\nSubject: s\n\nx\n").envelope;
    QCOMPARE(split.from.size(), 2);
    QCOMPARE(split.from.at(0), (MailAddress{QString::fromUtf8("日本"), QStringLiteral("nihon@example.jp")}));
    QCOMPARE(split.from.at(1), (MailAddress{QString::fromUtf8("Jörg"), QStringLiteral("j@example.com")}));

    QCOMPARE(joinEncodedWords("a =?UTF-8?Q?x?= =?utf-8?B?eQ==?= b"), QByteArray("a =?UTF-8?B?eHk=?= b"));
    QCOMPARE(joinEncodedWords("=?UTF-8?Q?x?= =?KOI8-R?Q?y?="), QByteArray("=?UTF-8?Q?x?= =?KOI8-R?Q?y?="));
    QCOMPARE(joinEncodedWords("=?UTF-8?Q?x?= and =?UTF-8?Q?y?="), QByteArray("=?UTF-8?Q?x?= and =?UTF-8?Q?y?="));
    QCOMPARE(joinEncodedWords("no words \xff here"), QByteArray("no words \xff here"));
}

void DecodingTest::displayStrings()
{
    QCOMPARE((MailAddress{QString(), QStringLiteral("a@example.com")}).toDisplayString(), QStringLiteral("a@example.com"));
    QCOMPARE((MailAddress{QStringLiteral("Ann Lee"), QStringLiteral("a@example.com")}).toDisplayString(),
             QStringLiteral("Ann Lee <a@example.com>"));
    QCOMPARE((MailAddress{QStringLiteral("Lee, Ann"), QStringLiteral("a@example.com")}).toDisplayString(),
             QStringLiteral("\"Lee, Ann\" <a@example.com>"));
    QCOMPARE((MailAddress{QStringLiteral("Ann \"The\" Lee"), QStringLiteral("a@example.com")}).toDisplayString(),
             QStringLiteral("\"Ann \\\"The\\\" Lee\" <a@example.com>"));
    QCOMPARE((MailAddress{QStringLiteral("A. Lee"), QStringLiteral("a@example.com")}).toDisplayString(),
             QStringLiteral("\"A. Lee\" <a@example.com>"));
    QCOMPARE((MailAddress{QString::fromUtf8("Jürgen"), QStringLiteral("j@example.de")}).toDisplayString(),
             QString::fromUtf8("Jürgen <j@example.de>"));
}

void DecodingTest::messageIds()
{
    const QByteArray raw = "From: a@example.com\nMessage-ID: <abc.123@example.com>\n"
                           "In-Reply-To: <parent@example.com>\n"
                           "References: <root@example.com>\n <middle@example.com> <parent@example.com>\n"
                           "Subject: ids\n\nbody\n";
    const Envelope env = parseOk(raw).envelope;
    QCOMPARE(env.messageId, QStringLiteral("abc.123@example.com"));
    QCOMPARE(env.inReplyTo, QStringLiteral("parent@example.com"));
    QCOMPARE(env.references, (QStringList{QStringLiteral("root@example.com"), QStringLiteral("middle@example.com"),
                                           QStringLiteral("parent@example.com")}));

    const Envelope bare = parseOk("From: a@example.com\nIn-Reply-To: lonely@example.com\n\nx\n").envelope;
    QCOMPARE(bare.inReplyTo, QStringLiteral("lonely@example.com"));
}

void DecodingTest::dates_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime utc(QDate(2024, 3, 5), QTime(12, 34, 56), Qt::UTC);
    QTest::newRow("rfc 5322") << QByteArray("Date: Tue, 5 Mar 2024 14:34:56 +0200\n") << utc;
    QTest::newRow("no weekday, obsolete zone") << QByteArray("Date: 5 Mar 2024 07:34:56 EST\n") << utc;
    QTest::newRow("missing") << QByteArray() << QDateTime();
    QTest::newRow("garbage") << QByteArray("Date: the day after tomorrow\n") << QDateTime();
    QTest::newRow("empty") << QByteArray("Date:\n") << QDateTime();
}

void DecodingTest::dates()
{
    QFETCH(QByteArray, header);
    QFETCH(QDateTime, expected);
    const QDateTime date = parseOk("From: a@example.com\n" + header + "Subject: d\n\nbody\n").envelope.date;
    QCOMPARE(date.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(date, expected);
        QCOMPARE(date.timeSpec(), Qt::UTC);
    }
}
