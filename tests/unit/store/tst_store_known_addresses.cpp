// Recipient completion: addresses from From, To and Cc of stored messages, matched by prefix.
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Petrel::Store;

class StoreKnownAddressesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("known-%1.sqlite").arg(++m_count));
        StoreWriter writer(m_path);
        AccountRow account;
        account.name = QStringLiteral("A");
        account.address = QStringLiteral("me@example.org");
        const qint64 folder = writer.ensureFolder(writer.addAccount(account), QStringLiteral("INBOX"));
        QList<MessageRecord> records;
        MessageRecord older;
        older.fromDisplay = QStringLiteral("Alice Example <alice@example.org>");
        older.fromAddress = QStringLiteral("alice@example.org");
        older.to = QStringLiteral("\"Bond, James\" <jb@example.net>, carol@example.com");
        older.date = QDateTime::fromSecsSinceEpoch(1000, Qt::UTC);
        older.raw = "Subject: 1\r\n\r\nx\r\n";
        MessageRecord newer;
        newer.fromDisplay = QStringLiteral("Alicia");
        newer.fromAddress = QStringLiteral("ALICIA@example.org");
        newer.cc = QStringLiteral("Alice Example <Alice@Example.org>, 100%_odd@example.org");
        newer.date = QDateTime::fromSecsSinceEpoch(2000, Qt::UTC);
        newer.raw = "Subject: 2\r\n\r\ny\r\n";
        records << older << newer;
        writer.insertMessages(folder, records, DuplicatePolicy::SkipSameContentHashInFolder);
    }

    void matchesAddressesAndNameWordsNewestFirst()
    {
        StoreReader reader(m_path);
        const QStringList ali = reader.knownAddresses(QStringLiteral("ali"), 10);
        QCOMPARE(ali, QStringList({QStringLiteral("Alicia <ALICIA@example.org>"),
                                   QStringLiteral("Alice Example <Alice@Example.org>")}));
        QCOMPARE(reader.knownAddresses(QStringLiteral("james"), 10),
                 QStringList{QStringLiteral("\"Bond, James\" <jb@example.net>")});
        QCOMPARE(reader.knownAddresses(QStringLiteral("CAR"), 10), QStringList{QStringLiteral("carol@example.com")});
        QCOMPARE(reader.knownAddresses(QStringLiteral("100%_"), 10),
                 QStringList{QStringLiteral("100%_odd@example.org")});
        QVERIFY(reader.knownAddresses(QStringLiteral("zed"), 10).isEmpty());
    }

    void limitAndEmptyPrefix()
    {
        StoreReader reader(m_path);
        QCOMPARE(reader.knownAddresses(QString(), 100).size(), 5);
        QCOMPARE(reader.knownAddresses(QString(), 2).size(), 2);
        QVERIFY(reader.knownAddresses(QStringLiteral("a"), 0).isEmpty());
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_count = 0;
};

QTEST_GUILESS_MAIN(StoreKnownAddressesTest)
#include "tst_store_known_addresses.moc"
