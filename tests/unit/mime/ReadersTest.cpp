// mime_readers: maildir flags, mbox splitting (From_ lines, >From unescaping, Content-Length),
// .eml files and MailSource::open() detection.

#include "mime/EmlReader.h"
#include "mime/MailSource.h"
#include "mime/MaildirReader.h"
#include "mime/MboxReader.h"
#include "mime/MessageParser.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Petrel::Mime;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    QCOMPARE(file.write(bytes), bytes.size());
}

QList<SourceMessage> readAll(MailSource &source)
{
    QList<SourceMessage> out;
    SourceMessage message;
    for (int guard = 0; guard < 10000 && source.next(message); ++guard)
        out.append(message);
    return out;
}

QByteArray message(const QByteArray &subject, const QByteArray &body)
{
    return "From: a@example.com\nSubject: " + subject + "\n\n" + body;
}

} // namespace

class ReadersTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void maildirFlagsFromNames_data();
    void maildirFlagsFromNames();
    void maildirFolder();
    void mboxSplitsAndUnescapes();
    void mboxContentLength();
    void mboxWrongContentLengthIgnored();
    void mboxCrlf();
    void mboxLongLines();
    void mboxFromLineDate();
    void mboxStatusFlags();
    void mboxSkipsOversizedMessages();
    void emlFile();
    void openDetects();
    void openRefuses();
};

void ReadersTest::maildirFlagsFromNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<quint32>("flags");
    QTest::newRow("none") << QStringLiteral("1700000000.M1P2.host") << quint32(0);
    QTest::newRow("empty info") << QStringLiteral("1700000000.M1P2.host:2,") << quint32(0);
    QTest::newRow("seen") << QStringLiteral("1700000000.M1P2.host:2,S") << quint32(SourceMessage::Seen);
    QTest::newRow("replied") << QStringLiteral("1700000000.M1P2.host:2,R") << quint32(SourceMessage::Answered);
    QTest::newRow("flagged") << QStringLiteral("x:2,F") << quint32(SourceMessage::Flagged);
    QTest::newRow("trashed") << QStringLiteral("x:2,T") << quint32(SourceMessage::Deleted);
    QTest::newRow("draft") << QStringLiteral("x:2,D") << quint32(SourceMessage::Draft);
    QTest::newRow("all") << QStringLiteral("x:2,DFPRST") << quint32(31);
    QTest::newRow("keywords ignored") << QStringLiteral("x:2,Sab") << quint32(SourceMessage::Seen);
    QTest::newRow("windows separator") << QStringLiteral("x!2,FS") << quint32(SourceMessage::Seen | SourceMessage::Flagged);
    QTest::newRow("lowercase is a keyword") << QStringLiteral("x:2,s") << quint32(0);
    QTest::newRow("host with colon") << QStringLiteral("1.M1.host:123:2,R") << quint32(SourceMessage::Answered);
}

void ReadersTest::maildirFlagsFromNames()
{
    QFETCH(QString, name);
    QFETCH(quint32, flags);
    QCOMPARE(MaildirReader::flagsFromFileName(name), flags);
}

void ReadersTest::maildirFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = dir.path();
    for (const char *sub : {"cur", "new", "tmp"})
        QVERIFY(QDir(root).mkdir(QLatin1String(sub)));
    writeFile(root + QStringLiteral("/new/1700000300.M3P1.host"), message("new one", "n\n"));
    writeFile(root + QStringLiteral("/cur/1700000100.M1P1.host:2,RS"), message("read and replied", "a\n"));
    writeFile(root + QStringLiteral("/cur/1700000200.M2P1.host:2,DF"), message("flagged draft", "b\n"));
    writeFile(root + QStringLiteral("/cur/.hidden"), message("hidden", "h\n"));
    writeFile(root + QStringLiteral("/tmp/1700000400.M4P1.host"), message("still being delivered", "t\n"));

    QString error;
    std::unique_ptr<MailSource> source = MailSource::open(root, &error);
    QVERIFY2(source, qPrintable(error));
    QVERIFY(dynamic_cast<MaildirReader *>(source.get()));
    const QList<SourceMessage> messages = readAll(*source);
    QVERIFY(source->errorString().isEmpty());
    QCOMPARE(messages.size(), 3); // tmp/ and dot files are not messages

    QMap<QString, SourceMessage> bySubject;
    for (const SourceMessage &m : messages)
        bySubject.insert(MessageParser::parseHeadersOnly(m.raw).subject, m);
    QCOMPARE(bySubject.value(QStringLiteral("new one")).flags, quint32(0));
    QCOMPARE(bySubject.value(QStringLiteral("read and replied")).flags, quint32(SourceMessage::Seen | SourceMessage::Answered));
    QCOMPARE(bySubject.value(QStringLiteral("flagged draft")).flags, quint32(SourceMessage::Draft | SourceMessage::Flagged));
    QCOMPARE(bySubject.value(QStringLiteral("read and replied")).raw, message("read and replied", "a\n"));
    QVERIFY(bySubject.value(QStringLiteral("flagged draft")).origin.endsWith(QLatin1String("cur/1700000200.M2P1.host:2,DF")));
    QCOMPARE(bySubject.value(QStringLiteral("new one")).receivedDate, QDateTime::fromSecsSinceEpoch(1700000300, Qt::UTC));
}

void ReadersTest::mboxSplitsAndUnescapes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("box.mbox"));
    writeFile(path, "From alice@example.com Sat Jan  3 01:05:34 1996\n"
                    + message("one", "Hello\n>From the start of a line\n>>From two levels\n> From is a quote\n") + "\n"
                    + "From bob@example.com Sun Jan  4 10:00:00 1996\n"
                    + message("two", "Second\n") + "\n"
                    + "From carol@example.com Mon Jan  5 11:00:00 1996\n"
                    + message("three", "Third, no trailing blank line\n"));
    MboxReader reader(path);
    const QList<SourceMessage> messages = readAll(reader);
    QVERIFY2(reader.errorString().isEmpty(), qPrintable(reader.errorString()));
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.at(0).raw, message("one", "Hello\nFrom the start of a line\n>From two levels\n> From is a quote\n"));
    QCOMPARE(messages.at(1).raw, message("two", "Second\n"));
    QCOMPARE(messages.at(2).raw, message("three", "Third, no trailing blank line\n"));
    QCOMPARE(messages.at(0).origin, path + QStringLiteral("#1"));
    QCOMPARE(messages.at(2).origin, path + QStringLiteral("#3"));
    QCOMPARE(messages.at(1).flags, quint32(0));
}

void ReadersTest::mboxContentLength()
{
    // mboxcl2: the body is not escaped; Content-Length says where it ends.
    const QByteArray body = "Line one\nFrom here on the body goes on\nlast line\n";
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cl.mbox"));
    writeFile(path, "From a@example.com Sat Jan  3 01:05:34 1996\nFrom: a@example.com\nSubject: cl\n"
                    "Content-Length: " + QByteArray::number(body.size()) + "\n\n" + body + "\n"
                    + "From b@example.com Sat Jan  3 01:05:35 1996\n" + message("after", "x\n"));
    MboxReader reader(path);
    const QList<SourceMessage> messages = readAll(reader);
    QCOMPARE(messages.size(), 2);
    QVERIFY(messages.at(0).raw.endsWith(body));
    QVERIFY(messages.at(0).raw.contains("\nFrom here on the body goes on\n"));
    QCOMPARE(MessageParser::parseHeadersOnly(messages.at(1).raw).subject, QStringLiteral("after"));
}

void ReadersTest::mboxWrongContentLengthIgnored()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("badcl.mbox"));
    writeFile(path, "From a@example.com Sat Jan  3 01:05:34 1996\nFrom: a@example.com\nSubject: wrong\n"
                    "Content-Length: 3\n\nThis body is longer than three bytes.\n\n"
                    "From b@example.com Sat Jan  3 01:05:35 1996\n" + message("next", "x\n") + "\n"
                    "From c@example.com Sat Jan  3 01:05:36 1996\nFrom: c@example.com\nSubject: huge\n"
                    "Content-Length: 999999999\n\nshort\n");
    MboxReader reader(path);
    const QList<SourceMessage> messages = readAll(reader);
    QCOMPARE(messages.size(), 3);
    QVERIFY(messages.at(0).raw.endsWith("This body is longer than three bytes.\n"));
    QCOMPARE(messages.at(1).raw, message("next", "x\n"));
    QVERIFY(messages.at(2).raw.endsWith("\n\nshort\n"));
}

void ReadersTest::mboxCrlf()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("crlf.mbox"));
    writeFile(path, "From a@example.com Sat Jan  3 01:05:34 1996\r\nFrom: a@example.com\r\nSubject: c1\r\n\r\nbody1\r\n\r\n"
                    "From b@example.com Sat Jan  3 01:05:35 1996\r\nFrom: b@example.com\r\nSubject: c2\r\n\r\nbody2\r\n");
    MboxReader reader(path);
    const QList<SourceMessage> messages = readAll(reader);
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).raw, QByteArray("From: a@example.com\r\nSubject: c1\r\n\r\nbody1\r\n"));
    QCOMPARE(MessageParser::parse(messages.at(1).raw).message.textBody.trimmed(), QStringLiteral("body2"));
}

void ReadersTest::mboxLongLines()
{
    // Lines are read in 64 KiB chunks; "From " at a chunk boundary inside a line is not a separator.
    QTemporaryDir dir;
    for (int shift = -3; shift <= 3; ++shift) {
        const QString path = dir.filePath(QStringLiteral("long%1.mbox").arg(shift + 3));
        const QByteArray header = "X-Long: " + QByteArray(65536 - 8 + shift, 'h') + "From the header\n";
        const QByteArray body = QByteArray(65536 + shift, 'b') + "From the body\n";
        writeFile(path, "From a Sat Jan  3 01:05:34 1996\nFrom: a@example.com\n" + header + "\n" + body);
        MboxReader reader(path);
        const QList<SourceMessage> messages = readAll(reader);
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().raw, "From: a@example.com\n" + header + "\n" + body);
    }
}

void ReadersTest::mboxFromLineDate()
{
    // 3 January 1996 was a Wednesday: a wrong weekday does not lose the date.
    QCOMPARE(MboxReader::dateFromFromLine("From alice@example.com Sat Jan  3 01:05:34 1996\n"),
             QDateTime(QDate(1996, 1, 3), QTime(1, 5, 34), Qt::UTC));
    QCOMPARE(MboxReader::dateFromFromLine("From alice@example.com Wed Jan  3 01:05 1996\n"),
             QDateTime(QDate(1996, 1, 3), QTime(1, 5), Qt::UTC));
    QCOMPARE(MboxReader::dateFromFromLine("From - Thu Feb  8 18:49:08 1996\n"),
             QDateTime(QDate(1996, 2, 8), QTime(18, 49, 8), Qt::UTC));
    QVERIFY(!MboxReader::dateFromFromLine("From - \n").isValid());
    QVERIFY(!MboxReader::dateFromFromLine("From MAILER-DAEMON garbage here\n").isValid());
}

void ReadersTest::mboxStatusFlags()
{
    QCOMPARE(MboxReader::flagsFromHeaders("From: a\nStatus: RO\nX-Status: AF\n\n"),
             quint32(SourceMessage::Seen | SourceMessage::Answered | SourceMessage::Flagged));
    QCOMPARE(MboxReader::flagsFromHeaders("Status: O\nX-Status: DT\n"), quint32(SourceMessage::Deleted | SourceMessage::Draft));
    QCOMPARE(MboxReader::flagsFromHeaders("X-Mozilla-Status: 0005\n"), quint32(SourceMessage::Seen | SourceMessage::Flagged));
    QCOMPARE(MboxReader::flagsFromHeaders("X-Mozilla-Status: zz\nSubject: Status: R\n"), quint32(0));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("flags.mbox"));
    writeFile(path, "From a Sat Jan  3 01:05:34 1996\nFrom: a@example.com\nStatus: RO\nX-Status: A\n\nread\n\n"
                    "From b Sat Jan  3 01:05:34 1996\nFrom: b@example.com\nStatus: O\n\nunread\n");
    MboxReader reader(path);
    const QList<SourceMessage> messages = readAll(reader);
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).flags, quint32(SourceMessage::Seen | SourceMessage::Answered));
    QCOMPARE(messages.at(1).flags, quint32(0));
}

void ReadersTest::mboxSkipsOversizedMessages()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.mbox"));
    writeFile(path, "From a Sat Jan  3 01:05:34 1996\n" + message("small", "x\n") + "\n"
                    + "From b Sat Jan  3 01:05:34 1996\n" + message("big", QByteArray(5000, 'y') + "\n") + "\n"
                    + "From c Sat Jan  3 01:05:34 1996\n" + message("small too", "z\n"));
    MboxReader reader(path);
    reader.setMaxMessageSize(1000);
    const QList<SourceMessage> messages = readAll(reader);
    QCOMPARE(messages.size(), 2);
    QCOMPARE(MessageParser::parseHeadersOnly(messages.at(0).raw).subject, QStringLiteral("small"));
    QCOMPARE(MessageParser::parseHeadersOnly(messages.at(1).raw).subject, QStringLiteral("small too"));
    QCOMPARE(messages.at(1).origin, path + QStringLiteral("#3"));
    QCOMPARE(reader.warnings().size(), 1);
    QVERIFY(reader.warnings().first().contains(QLatin1String("#2")));
}

void ReadersTest::emlFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("one.eml"));
    const QByteArray raw = message("single", "just one\n");
    writeFile(path, raw);
    std::unique_ptr<MailSource> source = MailSource::open(path);
    QVERIFY(source);
    QVERIFY(dynamic_cast<EmlReader *>(source.get()));
    SourceMessage out;
    QVERIFY(source->next(out));
    QCOMPARE(out.raw, raw);
    QCOMPARE(out.origin, path);
    QVERIFY(!source->next(out));
    QVERIFY(source->errorString().isEmpty());

    EmlReader tooBig(path);
    tooBig.setMaxMessageSize(10);
    QVERIFY(!tooBig.next(out));
    QVERIFY(!tooBig.errorString().isEmpty());
}

void ReadersTest::openDetects()
{
    QTemporaryDir dir;
    const QString mbox = dir.filePath(QStringLiteral("mail"));
    writeFile(mbox, "From x Sat Jan  3 01:05:34 1996\n" + message("m", "b\n"));
    std::unique_ptr<MailSource> source = MailSource::open(mbox);
    QVERIFY(dynamic_cast<MboxReader *>(source.get()));
    QCOMPARE(readAll(*source).size(), 1);

    const QString eml = dir.filePath(QStringLiteral("mail.txt"));
    writeFile(eml, message("e", "From the desk of someone\n"));
    source = MailSource::open(eml);
    QVERIFY(dynamic_cast<EmlReader *>(source.get()));

    const QString maildir = dir.filePath(QStringLiteral("md"));
    QVERIFY(QDir().mkpath(maildir + QStringLiteral("/cur")));
    QVERIFY(QDir().mkpath(maildir + QStringLiteral("/new")));
    source = MailSource::open(maildir);
    QVERIFY(dynamic_cast<MaildirReader *>(source.get()));
    QCOMPARE(readAll(*source).size(), 0);
}

void ReadersTest::openRefuses()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY(!MailSource::open(dir.filePath(QStringLiteral("absent")), &error));
    QVERIFY(error.contains(QLatin1String("no such file")));

    error.clear();
    QVERIFY(!MailSource::open(dir.path(), &error)); // a plain directory
    QVERIFY(error.contains(QLatin1String("not a maildir")));

    const QString empty = dir.filePath(QStringLiteral("empty"));
    writeFile(empty, QByteArray());
    error.clear();
    QVERIFY(!MailSource::open(empty, &error));
    QVERIFY(error.contains(QLatin1String("empty")));

    // An mbox reader on a file that is not an mbox stops with an error instead of guessing.
    const QString notMbox = dir.filePath(QStringLiteral("plain.txt"));
    writeFile(notMbox, "Subject: x\n\nbody\n");
    MboxReader reader(notMbox);
    SourceMessage out;
    QVERIFY(!reader.next(out));
    QVERIFY(reader.errorString().contains(QLatin1String("not an mbox")));
}

QTEST_GUILESS_MAIN(ReadersTest)
#include "ReadersTest.moc"
