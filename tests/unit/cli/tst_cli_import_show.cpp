// petrel-cli import and show, run as a user would run them, on real mail files.
#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using Petrel::Test::CliRun;
using Petrel::Test::CliRunner;

class CliImportShowTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString corpus(const QString &rel) const
    {
        return QDir(qEnvironmentVariable("PETREL_SHARED_CORPUS")).filePath(rel);
    }
    QString profile() const { return m_dir.filePath(QStringLiteral("profile")); }
    CliRunner cli() const { return CliRunner(profile()); }

    static QJsonObject showJson(const CliRunner &cli, qint64 id)
    {
        const CliRun r = cli.run({QStringLiteral("show"), QString::number(id), QStringLiteral("--json")});
        if (r.exitCode != 0)
            qWarning() << r.err;
        return QJsonDocument::fromJson(r.out).object();
    }

    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(bytes), bytes.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(corpus(QStringLiteral("mimekit/mbox/content-length.mbox.txt"))).isFile(),
                 "the shared corpus (../shared/corpus) is missing");
        // An account without a password needs no keychain.
        const CliRun r = cli().run({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("Local"),
                                    QStringLiteral("--address"), QStringLiteral("me@example.org"),
                                    QStringLiteral("--host"), QStringLiteral("localhost")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void importsMboxOnceOnly()
    {
        const QString mbox = corpus(QStringLiteral("mimekit/mbox/content-length.mbox.txt"));
        const QStringList args{QStringLiteral("import"), mbox, QStringLiteral("--account"), QStringLiteral("Local"),
                               QStringLiteral("--folder"), QStringLiteral("Inbox")};
        CliRun r = cli().run(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // The file holds 29 messages ("From " separators counted with grep by hand).
        QVERIFY2(r.out.contains("imported 29 of 29 messages into Local/Inbox"), r.out.constData());
        QVERIFY2(r.err.contains("import: 29 read"), r.err.constData()); // progress counts on stderr

        r = cli().run(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("imported 0 of 29 messages") && r.out.contains("29 already there"), r.out.constData());
    }

    void showRawIsByteIdentical()
    {
        const QString eml = corpus(QStringLiteral("mimekit/messages/japanese.txt"));
        CliRun r = cli().run({QStringLiteral("import"), eml, QStringLiteral("--account"), QStringLiteral("Local"),
                              QStringLiteral("--folder"), QStringLiteral("Japanese")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("imported 1 of 1"));
        // Ids are assigned in order: 29 from the mbox, then this one.
        QFile original(eml);
        QVERIFY(original.open(QIODevice::ReadOnly));
        r = cli().run({QStringLiteral("show"), QStringLiteral("30"), QStringLiteral("--raw")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, original.readAll());

        const QJsonObject json = showJson(cli(), 30);
        QCOMPARE(json.value(QStringLiteral("folder")).toString(), QStringLiteral("Japanese"));
        QCOMPARE(json.value(QStringLiteral("account")).toString(), QStringLiteral("Local"));
        // The subject is ISO-2022-JP in RFC 2047 form; it must arrive decoded.
        const QString subject = json.value(QStringLiteral("subject")).toString();
        QVERIFY2(!subject.contains(QLatin1String("=?")) && !subject.isEmpty(), qPrintable(subject));
        bool hasJapanese = false;
        for (QChar c : subject)
            hasJapanese = hasJapanese || (c.unicode() >= 0x3040 && c.unicode() <= 0x9fff);
        QVERIFY2(hasJapanese, qPrintable(subject));
    }

    void importsMaildirWithFlags()
    {
        const QString maildir = m_dir.filePath(QStringLiteral("Maildir"));
        for (const char *sub : {"cur", "new", "tmp"})
            QVERIFY(QDir().mkpath(maildir + QLatin1Char('/') + QLatin1String(sub)));
        const QByteArray a = "From: Ann <ann@example.org>\r\nTo: me@example.org\r\nSubject: seen and flagged\r\n"
                             "Message-ID: <a@example.org>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0100\r\n\r\nBody A\r\n";
        const QByteArray b = "From: =?UTF-8?Q?B=C3=A9a?= <bea@example.org>\r\nTo: me@example.org\r\n"
                             "Subject: =?ISO-8859-1?Q?caf=E9?=\r\nMessage-ID: <b@example.org>\r\n"
                             "Date: Tue, 3 Nov 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
                             "Content-Transfer-Encoding: quoted-printable\r\n\r\nd=E9j=E0 vu\r\n";
        writeFile(maildir + QStringLiteral("/cur/1000.1.host:2,FS"), a);
        writeFile(maildir + QStringLiteral("/new/1001.2.host"), b);

        CliRun r = cli().run({QStringLiteral("import"), maildir, QStringLiteral("--account"), QStringLiteral("Local"),
                              QStringLiteral("--folder"), QStringLiteral("Archive")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("imported 2 of 2"), r.out.constData());

        QHash<QString, QJsonObject> bySubject;
        for (qint64 id : {31, 32}) {
            const QJsonObject o = showJson(cli(), id);
            bySubject.insert(o.value(QStringLiteral("subject")).toString(), o);
        }
        QVERIFY2(bySubject.contains(QStringLiteral("seen and flagged")), qPrintable(bySubject.keys().join(u'|')));
        QVERIFY(bySubject.contains(QStringLiteral("café")));
        const QJsonObject seen = bySubject.value(QStringLiteral("seen and flagged"));
        QCOMPARE(seen.value(QStringLiteral("flags")).toArray(),
                 QJsonArray({QStringLiteral("seen"), QStringLiteral("flagged")}));
        const QJsonObject cafe = bySubject.value(QStringLiteral("café"));
        QCOMPARE(cafe.value(QStringLiteral("flags")).toArray(), QJsonArray());
        QCOMPARE(cafe.value(QStringLiteral("from")).toString(), QStringLiteral("Béa <bea@example.org>"));
        QVERIFY(cafe.value(QStringLiteral("text")).toString().contains(QStringLiteral("déjà vu")));
        QCOMPARE(cafe.value(QStringLiteral("date")).toString(), QStringLiteral("2026-11-03T10:00:00Z"));
    }

    void showsTextView()
    {
        const CliRun r = cli().run({QStringLiteral("show"), QStringLiteral("31")});
        QCOMPARE(r.exitCode, 0);
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.contains(QLatin1String("Account: Local/Archive")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("Subject: ")));
    }

    void errorsAreOneLineAndNonZero_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("unknown id") << QStringList{QStringLiteral("show"), QStringLiteral("99999")} << 1
                                    << QByteArray("there is no message 99999");
        QTest::newRow("bad id") << QStringList{QStringLiteral("show"), QStringLiteral("abc")} << 2
                                << QByteArray("ID must be a message id");
        QTest::newRow("unknown account")
            << QStringList{QStringLiteral("import"), QStringLiteral("/nonexistent"), QStringLiteral("--account"),
                           QStringLiteral("Nobody"), QStringLiteral("--folder"), QStringLiteral("Inbox")}
            << 1 << QByteArray("there is no account named 'Nobody'");
        QTest::newRow("missing path")
            << QStringList{QStringLiteral("import"), m_dir.filePath(QStringLiteral("missing.mbox")),
                           QStringLiteral("--account"), QStringLiteral("Local"), QStringLiteral("--folder"),
                           QStringLiteral("Inbox")}
            << 1 << QByteArray("missing.mbox");
        QTest::newRow("missing folder option")
            << QStringList{QStringLiteral("import"), QStringLiteral("/x"), QStringLiteral("--account"),
                           QStringLiteral("Local")}
            << 2 << QByteArray("--account and --folder are required");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2
                                         << QByteArray("unknown command 'frobnicate'");
    }

    void errorsAreOneLineAndNonZero()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, message);
        const CliRun r = cli().run(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QVERIFY2(r.err.startsWith("petrel-cli: "), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
    }

    void versionWorks()
    {
        const CliRun r = cli().run({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("petrel-cli 0."));
    }
};

QTEST_GUILESS_MAIN(CliImportShowTest)
#include "tst_cli_import_show.moc"
