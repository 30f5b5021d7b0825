// mime_corpus: the shared real-world corpus ($PETREL_SHARED_CORPUS) parses without crash, hang or
// escaping exception, and known messages give the subject, sender and body a reader expects.
// The test fails (never skips) when the corpus is missing.

#include "mime/MboxReader.h"
#include "mime/MessageParser.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace Petrel::Mime;

namespace {

QString corpusDir()
{
    return qEnvironmentVariable("PETREL_SHARED_CORPUS");
}

QByteArray readCorpusFile(const QString &relative)
{
    QFile file(corpusDir() + QLatin1Char('/') + relative);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

class CorpusTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void corpusPresent();
    void everyFileParses();
    void knownMessages_data();
    void knownMessages();
    void japaneseSubject();
    void deepHeaderFinishes();
    void imapPartPaths_data();
    void imapPartPaths();
    void embeddedAndReports();
    void mboxCounts_data();
    void mboxCounts();
    void damagedCopiesSurvive();
};

void CorpusTest::corpusPresent()
{
    const QString dir = corpusDir();
    QVERIFY2(!dir.isEmpty(), "PETREL_SHARED_CORPUS is not set");
    QVERIFY2(QDir(dir).exists(), qPrintable(QStringLiteral("corpus missing: ") + dir));
    int files = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++files;
    }
    QVERIFY2(files >= 40, qPrintable(QStringLiteral("corpus too small: %1 files").arg(files)));
}

void CorpusTest::everyFileParses()
{
    QVERIFY2(QDir(corpusDir()).exists(), "corpus missing");
    QDirIterator it(corpusDir(), QDir::Files, QDirIterator::Subdirectories);
    int mails = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray raw = file.readAll();
        QElapsedTimer timer;
        timer.start();
        const ParseResult result = MessageParser::parse(raw);
        QVERIFY2(timer.elapsed() < 10000, qPrintable(path + QStringLiteral(" took too long")));
        const bool isMail = path.contains(QLatin1String("/messages/")) || path.contains(QLatin1String("/partial/"))
            || path.contains(QLatin1String("/mbox/"));
        if (!isMail) {
            QVERIFY(result.isOk() || !result.errorString.isEmpty());
            continue;
        }
        ++mails;
        QVERIFY2(result.isOk(), qPrintable(path + QStringLiteral(": ") + result.errorString));
        // Every listed part can be fetched again by its path.
        for (const AttachmentInfo &attachment : result.message.attachments) {
            const std::optional<QByteArray> content = MessageParser::partContent(raw, attachment.partPath);
            QVERIFY2(content.has_value(), qPrintable(path + QStringLiteral(" part ") + attachment.partPath));
            if (attachment.contentType != QLatin1String("message/rfc822"))
                QCOMPARE(qint64(content->size()), attachment.size);
        }
        QVERIFY(!result.message.displayText().contains(QChar(0))); // text is text
    }
    QVERIFY(mails >= 40);
}

void CorpusTest::knownMessages_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("sender");
    QTest::addColumn<QString>("body"); // a snippet of displayText(); empty: the message has no body text
    const auto row = [](const char *file, const char *subject, const char *sender, const char *body) {
        QTest::newRow(file) << QString::fromUtf8(file) << QString::fromUtf8(subject) << QString::fromUtf8(sender)
                            << QString::fromUtf8(body);
    };
    row("messages/body.1.txt", "MimeMessage.TextBody and HtmlBody tests", "mimekit@mimekit.net", "This is the text body.");
    row("messages/body.2.txt", "MimeMessage.TextBody and HtmlBody tests", "mimekit@mimekit.net", "This is an html body.");
    row("messages/body.6.txt", "MimeMessage.TextBody and HtmlBody tests", "mimekit@mimekit.net", "This is the text body.");
    row("messages/body.9.txt", "MimeMessage.TextBody and HtmlBody tests", "mimekit@mimekit.net", "This is an html body.");
    row("messages/bounce.txt", "Undelivered Mail Returned to Sender", "MAILER-DAEMON@hmail.jitbit.com", "This is the mail system at host");
    row("messages/delivery-status.txt", "email delivery error", "postmaster@mm1.sprynet.com", "");
    row("messages/delivery-status2.txt", "Mail delivery failed: returning message to sender", "", "could not be delivered to one or more");
    row("messages/disposition-notification.txt", "Disposition notification", "Joe_Recipient@example.com", "has been displayed");
    row("messages/empty-multipart.txt", "test of empty multipart/alternative", "mimekit@example.com", "This part should be on the same level");
    row("messages/epilogue.txt", "Re: The Once and Future OS", "pcu@umich.edu", "Don't you mean");
    row("messages/feedback-report.txt", "FW: Earn money", "abusedesk@example.com", "This is an email abuse report");
    row("messages/issue1130.txt", "Test of text body with format=flowed; delsp=yes", "unit-tests@mimekit.net", "We should have access");
    row("messages/issue358.txt", "R: R: R: I: FR-selca LA selcaE", "jang.abcdef@xyzlinux12345678.it", "Test headers");
    row("messages/japanese.txt", "日本語メールテスト (testing Japanese emails)", "x@x.com", "日本語が\n正常に\n送れているか");
    row("messages/missing-subtype.txt", "Test of an invalid mime-type", "someone@somewhere.com", "");
    row("messages/rfc2060.txt", "Sample message structure for IMAP part specifiers", "me@myself.com", "This part specifier should be: 1");
    row("messages/simple-embedded-message.eml", "test of simple embedded message/rfc822 part", "mimekit@example.com", "This is the message body.");
    row("messages/simple-multipart.eml", "this is a simple multipart message", "mimekit@example.com", "This is the message body.");
    row("messages/stack-overflow.txt", "Message Subject", "test@test.com", "Message Body");
    row("messages/multipart-related-mhtml.txt", "", "", "def");
    row("partial/message-partial.eml", "Photo of a girl with feather earrings", "anonymous@mit.edu", "Took the attached photo of a girl on the subway.");
    row("partial/message-partial.1.eml", "Photo of a girl with feather earrings", "anonymous@mit.edu", "");
    row("partial/rfc2046.eml", "Audio mail", "Bill@host.com", "");
    row("partial/rfc2046.0.eml", "Audio mail (part 1 of 2)", "Bill@host.com", "");
}

void CorpusTest::knownMessages()
{
    QFETCH(QString, file);
    QFETCH(QString, subject);
    QFETCH(QString, sender);
    QFETCH(QString, body);
    const QByteArray raw = readCorpusFile(QStringLiteral("mimekit/") + file);
    QVERIFY2(!raw.isEmpty(), qPrintable(QStringLiteral("missing corpus file ") + file));
    const ParseResult result = MessageParser::parse(raw);
    QVERIFY2(result.isOk(), qPrintable(result.errorString));
    const ParsedMessage &message = result.message;
    QCOMPARE(message.envelope.subject, subject);
    QCOMPARE(message.envelope.from.isEmpty() ? QString() : message.envelope.from.first().address, sender);
    if (body.isEmpty())
        QVERIFY2(message.displayText().trimmed().isEmpty(), qPrintable(message.displayText()));
    else
        QVERIFY2(message.displayText().contains(body), qPrintable(message.displayText().left(300)));
}

void CorpusTest::japaneseSubject()
{
    const ParsedMessage message = MessageParser::parse(readCorpusFile(QStringLiteral("mimekit/messages/japanese.txt"))).message;
    QCOMPARE(message.envelope.subject, QString::fromUtf8("日本語メールテスト (testing Japanese emails)"));
    QCOMPARE(message.envelope.from.first().name, QStringLiteral("Atsushi Eno"));
    QCOMPARE(message.envelope.date, QDateTime(QDate(2015, 7, 21), QTime(16, 2, 29), Qt::UTC));
    QCOMPARE(message.envelope.messageId, QStringLiteral("55AE6D15.4010805@veritas-vos-liberabit.com"));
    QVERIFY(message.textBody.endsWith(QString::fromUtf8("テスト.\n")));
}

void CorpusTest::deepHeaderFinishes()
{
    const QByteArray raw = readCorpusFile(QStringLiteral("mimekit/messages/stack-overflow.txt"));
    QVERIFY(raw.size() > 100000);
    QElapsedTimer timer;
    timer.start();
    const ParseResult result = MessageParser::parse(raw);
    QVERIFY(result.isOk());
    QVERIFY(timer.elapsed() < 10000);
    QCOMPARE(result.message.textBody.trimmed(), QStringLiteral("Message Body"));
    QVERIFY(!result.message.envelope.to.isEmpty());
    QCOMPARE(result.message.envelope.to.first().address, QStringLiteral("test@test.com"));
}

void CorpusTest::imapPartPaths_data()
{
    QTest::addColumn<QString>("path");
    // rfc2060.txt names in each part the IMAP part specifier that must reach it.
    for (const char *path : {"1", "2", "3.1", "3.2", "4.1", "4.2.1", "4.2.2.1", "4.2.2.2"})
        QTest::newRow(path) << QString::fromLatin1(path);
}

void CorpusTest::imapPartPaths()
{
    QFETCH(QString, path);
    const QByteArray raw = readCorpusFile(QStringLiteral("mimekit/messages/rfc2060.txt"));
    const std::optional<QByteArray> content = MessageParser::partContent(raw, path);
    QVERIFY(content.has_value());
    QCOMPARE(content->trimmed(), "This part specifier should be: " + path.toLatin1());
}

void CorpusTest::embeddedAndReports()
{
    const QByteArray rfc2060 = readCorpusFile(QStringLiteral("mimekit/messages/rfc2060.txt"));
    const ParsedMessage parts = MessageParser::parse(rfc2060).message;
    QCOMPARE(parts.embeddedMessages.size(), 2);
    QCOMPARE(parts.embeddedMessages.at(0).envelope.subject, QStringLiteral("This part specifier should be: 3"));
    QCOMPARE(parts.embeddedMessages.at(0).textBody.trimmed(), QStringLiteral("This part specifier should be: 3.1"));
    QCOMPARE(parts.embeddedMessages.at(1).textBody.trimmed(), QStringLiteral("This part specifier should be: 4.2.1"));
    QVERIFY(MessageParser::partContent(rfc2060, QStringLiteral("3"))->contains("Subject: This part specifier should be: 3"));

    const ParsedMessage dsn = MessageParser::parse(readCorpusFile(QStringLiteral("mimekit/messages/delivery-status.txt"))).message;
    QCOMPARE(dsn.embeddedMessages.size(), 1);
    QCOMPARE(dsn.embeddedMessages.first().envelope.subject, QStringLiteral("unsubscribe"));
    QCOMPARE(dsn.embeddedMessages.first().envelope.from.first().address, QStringLiteral("jwz@netscape.com"));
    QVERIFY(dsn.hasAttachments());

    const ParsedMessage digest = MessageParser::parse(readCorpusFile(QStringLiteral("mimekit/messages/multipart-digest.txt"))).message;
    QCOMPARE(digest.embeddedMessages.size(), 1);
    QCOMPARE(digest.embeddedMessages.first().embeddedMessages.size(), 2);
    QCOMPARE(digest.embeddedMessages.first().embeddedMessages.at(1).textBody.trimmed(), QStringLiteral("m2 body"));

    const ParsedMessage partial = MessageParser::parse(readCorpusFile(QStringLiteral("mimekit/partial/message-partial.eml"))).message;
    QCOMPARE(partial.attachments.size(), 1);
    QCOMPARE(partial.attachments.first().fileName, QStringLiteral("earrings.jpg"));
    QCOMPARE(partial.attachments.first().contentType, QStringLiteral("image/jpeg"));
}

void CorpusTest::mboxCounts_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("firstSubject");
    QTest::addColumn<QString>("lastSubject");
    // Counted independently with: grep -c '^From ' <file>
    QTest::newRow("content-length") << QStringLiteral("content-length.mbox.txt") << 29
                                    << QStringLiteral("Re: mailusr1@navstar1 3.0b6gold #1")
                                    << QStringLiteral("RE: problem with relative urls and applets");
    QTest::newRow("issue1189") << QStringLiteral("issue1189.mbox.txt") << 4 << QStringLiteral("Message 1") << QStringLiteral("Message 4");
    QTest::newRow("simple") << QStringLiteral("simple.mbox.txt") << 3
                            << QStringLiteral("this'll probably break a lot of mime parsers")
                            << QStringLiteral("if a mime parser can correctly handle this, I'm impressed");
}

void CorpusTest::mboxCounts()
{
    QFETCH(QString, file);
    QFETCH(int, count);
    QFETCH(QString, firstSubject);
    QFETCH(QString, lastSubject);
    const QString path = corpusDir() + QStringLiteral("/mimekit/mbox/") + file;
    QVERIFY2(QFile::exists(path), qPrintable(path));
    MboxReader reader(path);
    SourceMessage message;
    QStringList subjects;
    for (int guard = 0; guard < 1000 && reader.next(message); ++guard) {
        const ParseResult result = MessageParser::parse(message.raw);
        QVERIFY2(result.isOk(), qPrintable(message.origin + QStringLiteral(": ") + result.errorString));
        QVERIFY2(!result.message.envelope.from.isEmpty(), qPrintable(message.origin));
        subjects.append(result.message.envelope.subject);
    }
    QVERIFY2(reader.errorString().isEmpty(), qPrintable(reader.errorString()));
    QVERIFY(reader.warnings().isEmpty());
    QCOMPARE(subjects.size(), count);
    QCOMPARE(subjects.first(), firstSubject);
    QCOMPARE(subjects.last(), lastSubject);
}

// Truncated and byte-flipped copies of every corpus message (fixed seed, so failures reproduce)
// parse without crash or hang; a cheap stand-in for a fuzzer in the default test run.
void CorpusTest::damagedCopiesSurvive()
{
    QRandomGenerator random(20261122);
    QDirIterator it(corpusDir() + QStringLiteral("/mimekit"), QDir::Files, QDirIterator::Subdirectories);
    int variants = 0;
    QElapsedTimer timer;
    timer.start();
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray raw = file.readAll().left(64 * 1024);
        if (raw.isEmpty())
            continue;
        for (int round = 0; round < 40; ++round) {
            QByteArray damaged = raw;
            if (round % 3 == 0)
                damaged.truncate(random.bounded(damaged.size()));
            const int flips = 1 + random.bounded(20);
            for (int i = 0; i < flips && !damaged.isEmpty(); ++i) {
                static const char nasty[] = {'\0', '\n', '-', '=', '?', '"', ';', '\\', char(0xff), char(0x80), ':'};
                damaged[random.bounded(damaged.size())] = nasty[random.bounded(int(sizeof nasty))];
            }
            const ParseResult result = MessageParser::parse(damaged);
            QVERIFY(result.isOk() || !result.errorString.isEmpty());
            for (const AttachmentInfo &attachment : result.message.attachments)
                QVERIFY(MessageParser::partContent(damaged, attachment.partPath).has_value());
            MessageParser::parseHeadersOnly(damaged);
            ++variants;
        }
    }
    QVERIFY(variants > 1500);
    QVERIFY2(timer.elapsed() < 60000, "damaged input must not make parsing slow");
}

QTEST_GUILESS_MAIN(CorpusTest)
#include "CorpusTest.moc"
