#include "ComposerTest.h"

#include "GMimeView.h"

#include "mime/FlowedText.h"
#include "mime/MessageParser.h"

using namespace Petrel::Mime;

namespace {

ParsedMessage parsed(const QByteArray &raw)
{
    const ParseResult result = MessageParser::parse(raw);
    if (!result.isOk())
        qWarning("parse failed: %s", qPrintable(result.errorString));
    return result.message;
}

QString withoutCr(QString text)
{
    return text.remove(QLatin1Char('\r'));
}

const GMimeLeaf *leafOfType(const GMimeView &view, const QString &type)
{
    for (const GMimeLeaf &leaf : view.leaves) {
        if (leaf.contentType == type)
            return &leaf;
    }
    return nullptr;
}

// Every byte value, twice: what survives this survives anything.
QByteArray allBytes()
{
    QByteArray bytes;
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 256; ++i)
            bytes.append(char(i));
    }
    bytes.append("\r\n\n\r trailing");
    return bytes;
}

const QByteArray pngBytes = QByteArray::fromBase64(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

const QString flowedSample = QString::fromUtf8(
    "Dear Bob,\n"
    "\n"
    "This paragraph is long enough to need wrapping at seventy-eight characters, and it has ünïcödé in it "
    "so that the text cannot go as seven-bit; reflowing must give back exactly this one line.\n"
    " A line that starts with a space.\n"
    "From here on, a line starting with From must be stuffed.\n"
    ">> Quoted twice: a long quoted paragraph that must also be wrapped and keep its quote depth on every "
    "wrapped line.\n"
    "> Quoted once.\n"
    ">\n"
    "Hard break here\n"
    "and here.\n"
    "Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword stays whole.\n"
    "-- \n"
    "Alice");

} // namespace

void ComposerTest::flowedRoundTrip()
{
    OutgoingMessage message = basicMessage();
    message.textBody = flowedSample;
    const QByteArray raw = composeOk(message);
    QVERIFY(!raw.isEmpty());
    QVERIFY(unfoldedHeaders(raw).contains("Content-Type: text/plain; charset=utf-8; format=flowed\r\n"));

    const QString ours = parsed(raw).textBody;
    QCOMPARE(decodeFlowed(ours), flowedSample);
    const QStringList wireLines = withoutCr(ours).split(QLatin1Char('\n'));
    QVERIFY(wireLines.contains(QStringLiteral("  A line that starts with a space.")));
    QVERIFY(wireLines.contains(QStringLiteral(" From here on, a line starting with From must be stuffed.")));
    QVERIFY(wireLines.contains(QStringLiteral("-- ")));
    QVERIFY(wireLines.contains(QStringLiteral(">")));
    QVERIFY(wireLines.contains(QStringLiteral("Hard break here")));
    int quotedTwice = 0;
    for (const QString &line : wireLines) {
        if (line.startsWith(QLatin1String(">> ")))
            ++quotedTwice;
    }
    QVERIFY(quotedTwice >= 2); // wrapped, and every piece keeps its depth

    const GMimeView gmime = viewWithGMime(raw);
    const GMimeLeaf *text = leafOfType(gmime, QStringLiteral("text/plain"));
    QVERIFY(text);
    QCOMPARE(text->format, QStringLiteral("flowed"));
    QCOMPARE(text->charset.toLower(), QStringLiteral("utf-8"));
    QCOMPARE(decodeFlowed(QString::fromUtf8(text->data)), flowedSample);
}

void ComposerTest::flowedLines()
{
    const QString encoded = encodeFlowed(flowedSample);
    for (const QString &line : encoded.split(QLatin1Char('\n'))) {
        if (!line.contains(QLatin1String("Averyvery")))
            QVERIFY2(line.size() <= 78, qPrintable(line));
    }
    // Soft breaks end in a space; hard ones never do (but for the signature separator).
    QVERIFY(encoded.contains(QStringLiteral("wrapping at seventy-eight characters, \nand it has")));
    QVERIFY(!encoded.contains(QStringLiteral("Hard break here \n")));
    QCOMPARE(encodeFlowed(QStringLiteral("trailing   \nspaces")), QStringLiteral("trailing\nspaces"));
    QCOMPARE(decodeFlowed(QStringLiteral("one \ntwo \nthree\nfour")), QStringLiteral("one two three\nfour"));
    QCOMPARE(decodeFlowed(QStringLiteral("> a \n> b\n>> c")), QStringLiteral("> a b\n>> c"));
    QCOMPARE(decodeFlowed(QStringLiteral(" From x\n >y")), QStringLiteral("From x\n>y"));
    QCOMPARE(encodeFlowed(QStringLiteral("--")), QStringLiteral("--"));
    QCOMPARE(encodeFlowed(QString()), QString());
}

void ComposerTest::transferEncodings()
{
    OutgoingMessage message = basicMessage();
    message.textBody = QStringLiteral("plain ascii\n");
    QVERIFY(unfoldedHeaders(composeOk(message)).contains("Content-Transfer-Encoding: 7bit"));

    message.textBody = QString::fromUtf8("naïve café\nFrom the start\n");
    QByteArray raw = composeOk(message);
    QVERIFY(unfoldedHeaders(raw).contains("Content-Transfer-Encoding: quoted-printable"));
    for (const char c : raw)
        QVERIFY(uchar(c) < 0x80);
    QCOMPARE(withoutCr(parsed(raw).textBody), QString::fromUtf8("naïve café\n From the start\n"));

    message.htmlBody = QString(QStringLiteral("<p>") + QString(1200, QLatin1Char('x')) + QStringLiteral("</p>"));
    raw = composeOk(message);
    for (const QByteArray &line : raw.split('\n'))
        QVERIFY(line.size() <= 1000); // SMTP's limit: the long HTML line is encoded
    QCOMPARE(parsed(raw).htmlBody, message.htmlBody);
}

void ComposerTest::htmlAlternative()
{
    OutgoingMessage message = basicMessage();
    message.textBody = QString::fromUtf8("Text version — ünïcödé\n");
    message.htmlBody = QString::fromUtf8("<html><body><p>HTML version — <b>ünïcödé</b></p></body></html>\n");
    const QByteArray raw = composeOk(message);
    const ParsedMessage ours = parsed(raw);
    QCOMPARE(withoutCr(ours.textBody), message.textBody);
    QCOMPARE(withoutCr(ours.htmlBody), message.htmlBody);
    QVERIFY(ours.attachments.isEmpty());

    const GMimeView gmime = viewWithGMime(raw);
    QCOMPARE(gmime.structure, QStringLiteral("multipart/alternative(text/plain,text/html)"));
    QCOMPARE(QString::fromUtf8(leafOfType(gmime, QStringLiteral("text/html"))->data).remove(QLatin1Char('\r')), message.htmlBody);
}

void ComposerTest::inlineImages()
{
    OutgoingMessage message = basicMessage();
    message.htmlBody = QStringLiteral("<p>Logo: <img src=\"cid:logo.1@example.org\"> and <img src=\"cid:photo@x\"></p>");
    message.inlineImages = {InlineImage{QStringLiteral("logo.1@example.org"), QStringLiteral("image/png"), pngBytes, QStringLiteral("logo.png")},
                            InlineImage{QStringLiteral("photo@x"), QString(), pngBytes + "tail", QString()}};
    const QByteArray raw = composeOk(message);
    QVERIFY(!raw.isEmpty());

    const ParsedMessage ours = parsed(raw);
    QCOMPARE(ours.inlineParts.size(), 2);
    QVERIFY(ours.attachments.isEmpty());
    QCOMPARE(ours.inlineParts.at(0).contentId, QStringLiteral("logo.1@example.org"));
    QCOMPARE(ours.inlineParts.at(0).contentType, QStringLiteral("image/png"));
    QCOMPARE(ours.inlineParts.at(0).fileName, QStringLiteral("logo.png"));
    QCOMPARE(ours.inlineParts.at(1).contentType, QStringLiteral("image/png")); // detected from the bytes
    QCOMPARE(MessageParser::partContent(raw, ours.inlineParts.at(0).partPath).value_or(QByteArray()), pngBytes);
    QCOMPARE(MessageParser::partContent(raw, ours.inlineParts.at(1).partPath).value_or(QByteArray()), pngBytes + "tail");
    QVERIFY(ours.htmlBody.contains(QLatin1String("cid:") + ours.inlineParts.at(0).contentId));
    QVERIFY(ours.htmlBody.contains(QLatin1String("cid:") + ours.inlineParts.at(1).contentId));

    const GMimeView gmime = viewWithGMime(raw);
    QCOMPARE(gmime.structure, QStringLiteral("multipart/alternative(text/plain,multipart/related(text/html,image/png,image/png))"));
    const GMimeLeaf *logo = leafOfType(gmime, QStringLiteral("image/png"));
    QCOMPARE(logo->contentId, QStringLiteral("logo.1@example.org"));
    QCOMPARE(logo->disposition, QStringLiteral("inline"));
    QCOMPARE(logo->data, pngBytes);

    message.attachments = {OutgoingAttachment{QStringLiteral("notes.txt"), QStringLiteral("text/plain"), "notes"}};
    QCOMPARE(viewWithGMime(composeOk(message)).structure,
             QStringLiteral("multipart/mixed(multipart/alternative(text/plain,multipart/related(text/html,image/png,image/png)),text/plain)"));
}

void ComposerTest::attachments()
{
    const QString names[] = {QString::fromUtf8("Größe – 報告 2026.pdf"), QStringLiteral("plain name.bin"),
                             QString::fromUtf8("Ελληνικά και ελληνικά και ελληνικά με πολύ μακρύ όνομα αρχείου.txt")};
    OutgoingMessage message = basicMessage();
    message.attachments = {OutgoingAttachment{names[0], QStringLiteral("application/pdf"), allBytes()},
                           OutgoingAttachment{names[1], QStringLiteral("application/octet-stream"), QByteArray()},
                           OutgoingAttachment{names[2], QStringLiteral("text/plain"), QByteArray("line 1\nline 2\r\nno end")}};
    const QByteArray raw = composeOk(message);
    QVERIFY(!raw.isEmpty());
    for (const char c : raw)
        QVERIFY(uchar(c) < 0x80);
    const QByteArray headers = raw;
    QVERIFY(headers.contains("filename*=UTF-8''Gr%C3%B6%C3%9Fe"));
    QVERIFY(headers.contains("name=\"Grosse - __ 2026.pdf\"")); // the ASCII stand-in for old readers

    const ParsedMessage ours = parsed(raw);
    QCOMPARE(ours.attachments.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const AttachmentInfo &info = ours.attachments.at(i);
        QCOMPARE(info.fileName, names[i]);
        QCOMPARE(info.contentType, message.attachments.at(i).contentType);
        QCOMPARE(MessageParser::partContent(raw, info.partPath).value_or(QByteArray("missing")), message.attachments.at(i).data);
    }
    QCOMPARE(withoutCr(ours.textBody), message.textBody);

    const GMimeView gmime = viewWithGMime(raw);
    QCOMPARE(gmime.structure, QStringLiteral("multipart/mixed(text/plain,application/pdf,application/octet-stream,text/plain)"));
    for (int i = 0; i < 3; ++i) {
        const GMimeLeaf &leaf = gmime.leaves.at(i + 1);
        QCOMPARE(leaf.fileName, names[i]);
        QCOMPARE(leaf.disposition, QStringLiteral("attachment"));
        QCOMPARE(leaf.data, message.attachments.at(i).data);
    }
}

void ComposerTest::contentTypeDetection()
{
    OutgoingMessage message = basicMessage();
    message.attachments = {OutgoingAttachment{QStringLiteral("picture.png"), QString(), pngBytes},
                           OutgoingAttachment{QStringLiteral("no-extension"), QString(), QByteArray("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")},
                           OutgoingAttachment{QStringLiteral("table.csv"), QString(), QByteArray("a,b\n1,2\n")},
                           OutgoingAttachment{QStringLiteral("mystery"), QString(), allBytes()},
                           OutgoingAttachment{QStringLiteral("typed.dat"), QStringLiteral("Application/X-Custom; charset=x"), "z"}};
    const ParsedMessage ours = parsed(composeOk(message));
    QCOMPARE(ours.attachments.size(), 5);
    QCOMPARE(ours.attachments.at(0).contentType, QStringLiteral("image/png"));
    QCOMPARE(ours.attachments.at(1).contentType, QStringLiteral("application/pdf"));
    QCOMPARE(ours.attachments.at(2).contentType, QStringLiteral("text/csv"));
    QCOMPARE(ours.attachments.at(3).contentType, QStringLiteral("application/octet-stream"));
    QCOMPARE(ours.attachments.at(4).contentType, QStringLiteral("application/x-custom"));
}
