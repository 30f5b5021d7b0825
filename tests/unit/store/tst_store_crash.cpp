#include "StoreTestData.h"

#include "store/Database.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Petrel::Store;
using StoreTestData::scalar;
using StoreTestData::text;

// A writer killed with SIGKILL at various points must leave a database that is intact, holds every
// committed batch whole and nothing of the batch in flight.
class StoreCrashTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_folderId = 0;
    QMap<QString, int> m_expected; // tag -> messages that must be there
    int m_runs = 0;

    // Starts the helper and returns once it printed expectedLine; the process is still running
    // unless it was asked to exit.
    void runChild(QProcess &child, const QString &mode, const QString &tag, int count,
                  const QByteArray &expectedLine)
    {
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QStringLiteral(PETREL_STORE_CRASH_HELPER),
                    {m_path, QString::number(m_folderId), mode, tag, QString::number(count)});
        QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
        // Bounded wait on the child's own output: no sleeps.
        while (!child.canReadLine()) {
            QVERIFY2(child.state() == QProcess::Running || child.bytesAvailable() > 0, "helper exited early");
            QVERIFY2(child.waitForReadyRead(60000) || child.canReadLine(), "helper printed nothing");
        }
        QCOMPARE(child.readLine().trimmed(), expectedLine);
    }

    void kill(QProcess &child)
    {
        child.kill();
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    }

    void verifyDatabase()
    {
        // Opening as a writer runs WAL recovery, exactly as the next Petrel start would.
        auto db = Database::open(m_path, Database::Role::Writer);
        QCOMPARE(text(*db, "PRAGMA integrity_check"), QStringLiteral("ok"));
        QCOMPARE(scalar(*db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
        db->exec("INSERT INTO message_fts(message_fts) VALUES ('integrity-check')");
        QCOMPARE(
            scalar(*db, "SELECT count(*) FROM message_raw WHERE message_id NOT IN (SELECT id FROM messages)"),
            0);
        QCOMPARE(
            scalar(*db, "SELECT count(*) FROM messages WHERE id NOT IN (SELECT message_id FROM message_raw)"),
            0);
        QCOMPARE(scalar(*db, "SELECT count(*) FROM message_fts"),
                 scalar(*db, "SELECT count(*) FROM messages"));
        QCOMPARE(scalar(*db, "SELECT count(*) FROM message_fts WHERE rowid NOT IN (SELECT id FROM messages)"),
                 0);
        QCOMPARE(
            scalar(*db, "SELECT total_count FROM folders WHERE id = " + QByteArray::number(m_folderId)),
            scalar(*db, "SELECT count(*) FROM messages WHERE folder_id = " + QByteArray::number(m_folderId)));

        qint64 expectedTotal = 0;
        for (auto it = m_expected.cbegin(); it != m_expected.cend(); ++it) {
            Statement count(*db, "SELECT count(*) FROM messages WHERE subject LIKE ?1");
            count.bindText(1, QStringLiteral("batch-%1 %").arg(it.key()));
            QVERIFY(count.step());
            QVERIFY2(count.columnInt64(0) == it.value(),
                     qPrintable(QStringLiteral("batch %1: %2 messages, expected %3")
                                    .arg(it.key())
                                    .arg(count.columnInt64(0))
                                    .arg(it.value())));
            expectedTotal += it.value();
        }
        QCOMPARE(scalar(*db, "SELECT count(*) FROM messages"), expectedTotal);

        // The reader's search agrees with the table.
        StoreReader reader(m_path);
        for (auto it = m_expected.cbegin(); it != m_expected.cend(); ++it) {
            QCOMPARE(reader.search(QStringLiteral("tag") + it.key(), StoreReader::MaxPageSize).size(),
                     qMin(it.value(), StoreReader::MaxPageSize));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("crash.sqlite"));
        StoreWriter writer(m_path);
        AccountRow account;
        account.name = QStringLiteral("pop");
        account.protocol = AccountProtocol::Pop3;
        const qint64 accountId = writer.addAccount(account);
        m_folderId = writer.ensureFolder(accountId, QStringLiteral("INBOX"), FolderRole::Inbox);
    }

    void committedBatchSurvives()
    {
        QProcess child;
        runChild(child, QStringLiteral("commit"), QStringLiteral("first"), 300, "committed");
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.exitCode(), 0);
        m_expected.insert(QStringLiteral("first"), 300);
        verifyDatabase();
    }

    void killInsideTransaction_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("count");
        QTest::newRow("hold-1") << QStringLiteral("hold") << 1;
        QTest::newRow("hold-500") << QStringLiteral("hold") << 500;
        QTest::newRow("hold-6000") << QStringLiteral("hold") << 6000; // spills pages into the WAL
        QTest::newRow("early-3000") << QStringLiteral("early") << 3000;
        QTest::newRow("early-20000") << QStringLiteral("early") << 20000; // killed while inserting
        QTest::newRow("early-8000") << QStringLiteral("early") << 8000;
    }

    void killInsideTransaction()
    {
        QFETCH(QString, mode);
        QFETCH(int, count);
        const QString tag = QStringLiteral("killed%1").arg(++m_runs);
        QProcess child;
        runChild(child, mode, tag, count, "in-transaction");
        if (QTest::currentTestFailed()) {
            return;
        }
        kill(child);
        m_expected.insert(tag, 0);
        verifyDatabase();
        if (QTest::currentTestFailed()) {
            return;
        }

        // Between kills, a clean batch: the database stays writable after each crash.
        const QString next = QStringLiteral("after%1").arg(m_runs);
        QProcess writer;
        runChild(writer, QStringLiteral("commit"), next, 50, "committed");
        QVERIFY(writer.waitForFinished(30000));
        QCOMPARE(writer.exitCode(), 0);
        m_expected.insert(next, 50);
        verifyDatabase();
    }

    void killRightAfterCommit_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("1") << 1;
        QTest::newRow("4000") << 4000;
    }

    void killRightAfterCommit()
    {
        QFETCH(int, count);
        const QString tag = QStringLiteral("durable%1").arg(++m_runs);
        QProcess child;
        runChild(child, QStringLiteral("commit-hold"), tag, count, "committed");
        if (QTest::currentTestFailed()) {
            return;
        }
        kill(child);
        m_expected.insert(tag, count);
        verifyDatabase();
    }
};

QTEST_GUILESS_MAIN(StoreCrashTest)
#include "tst_store_crash.moc"
