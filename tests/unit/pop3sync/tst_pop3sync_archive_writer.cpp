// Pop3ArchiveWriter: the POP3 check's batches written on a thread of its own, with its own
// connection to a real store file.
#include "store/Pop3UidlStore.h"
#include "store/StoreWriter.h"
#include "sync/pop3/Pop3ArchiveWriter.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Petrel;

class TestPop3ArchiveWriter : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_run = 0;
    QString m_path;
    std::unique_ptr<Store::StoreWriter> m_writer;
    qint64 m_account = 0;
    qint64 m_folder = 0;

    static QList<Store::Pop3Download> batch(const QStringList &uidls)
    {
        QList<Store::Pop3Download> out;
        for (const QString &uidl : uidls) {
            Store::MessageRecord r;
            r.subject = QStringLiteral("message ") + uidl;
            r.raw = QByteArray("Subject: message ") + uidl.toUtf8() + "\r\n\r\nbody of " + uidl.toUtf8() + "\r\n";
            r.bodyText = QStringLiteral("body of ") + uidl;
            r.internalDate = QDateTime::currentDateTimeUtc();
            out.append({uidl, r});
        }
        return out;
    }

    QStringList archived()
    {
        Store::Pop3UidlStore store(m_writer->database());
        QStringList uidls = store.knownUidls(m_account).keys();
        uidls.sort();
        return uidls;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("w%1.sqlite").arg(++m_run));
        m_writer = std::make_unique<Store::StoreWriter>(m_path);
        Store::AccountRow row;
        row.name = QStringLiteral("archive");
        row.protocol = Store::AccountProtocol::Pop3;
        m_account = m_writer->addAccount(row);
        m_folder = m_writer->ensureFolder(m_account, QStringLiteral("INBOX"), Store::FolderRole::Inbox,
                                          QStringLiteral("Inbox"));
    }

    void batchesAreCommittedInOrderAndReported()
    {
        Core::Pop3ArchiveWriter writer(m_path, m_account, m_folder);
        QSignalSpy committed(&writer, &Core::Pop3ArchiveWriter::committed);
        QSignalSpy failed(&writer, &Core::Pop3ArchiveWriter::failed);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        writer.submit(batch({QStringLiteral("a1"), QStringLiteral("a2")}), now);
        writer.submit(batch({QStringLiteral("b1")}), now);
        writer.submit(batch({QStringLiteral("a1"), QStringLiteral("c1")}), now); // a1 is a repeat
        QCOMPARE(writer.pending(), 3);
        QTRY_COMPARE(committed.size(), 3);
        QCOMPARE(writer.pending(), 0);
        QVERIFY(failed.isEmpty());
        QList<qint64> ids;
        for (const QList<QVariant> &signal : committed)
            ids += signal.first().value<Store::Pop3BatchResult>().insertedIds;
        QCOMPARE(ids.size(), 4);
        QVERIFY(std::is_sorted(ids.begin(), ids.end())); // written in the order submitted
        QCOMPARE(committed.last().first().value<Store::Pop3BatchResult>().alreadyKnown, 1);
        // The owner's own connection sees every commit.
        QCOMPARE(archived(), (QStringList{QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("b1"),
                                          QStringLiteral("c1")}));
    }

    void afterAFailureNothingMoreIsWritten()
    {
        Core::Pop3ArchiveWriter writer(m_path, m_account, m_folder);
        QSignalSpy committed(&writer, &Core::Pop3ArchiveWriter::committed);
        QSignalSpy failed(&writer, &Core::Pop3ArchiveWriter::failed);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        writer.submit(batch({QStringLiteral("ok")}), now);
        writer.submit(batch({QStringLiteral("x"), QString()}), now); // a message without UIDL: refused
        writer.submit(batch({QStringLiteral("later")}), now);
        QTRY_COMPARE(committed.size() + failed.size(), 3);
        QCOMPARE(committed.size(), 1);
        QCOMPARE(failed.size(), 2); // the refused batch, and the one dropped after it
        QVERIFY2(failed.first().first().toString().contains(QLatin1String("UIDL")),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(writer.pending(), 0);
        QCOMPARE(archived(), QStringList{QStringLiteral("ok")}); // the refused batch left nothing behind
    }

    void destroyingTheWriterWritesWhatWasSubmitted()
    {
        {
            Core::Pop3ArchiveWriter writer(m_path, m_account, m_folder);
            writer.submit(batch({QStringLiteral("d1"), QStringLiteral("d2")}), QDateTime::currentDateTimeUtc());
        } // no event loop ran: the destructor waits for the write
        QCOMPARE(archived(), (QStringList{QStringLiteral("d1"), QStringLiteral("d2")}));
    }

    void aStoreThatCannotBeOpenedFailsEveryBatch()
    {
        // A file where the store's directory should be: the writer's connection cannot open.
        QFile blocker(m_dir.filePath(QStringLiteral("blocker%1").arg(m_run)));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        Core::Pop3ArchiveWriter writer(blocker.fileName() + QStringLiteral("/store.sqlite"), m_account, m_folder);
        QSignalSpy failed(&writer, &Core::Pop3ArchiveWriter::failed);
        writer.submit(batch({QStringLiteral("e1")}), QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(writer.pending(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPop3ArchiveWriter)
#include "tst_pop3sync_archive_writer.moc"
