// ProtocolSwitchStore: POP3 to IMAP keeps the archive in local-only folders; IMAP to POP3 drops
// the server's cache but rescues messages the server never got, and brings the archive back.
#include "StoreTestData.h"

#include "store/ProtocolSwitchStore.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Petrel::Store;

class TestStoreProtocolSwitch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsTheArchive();
    void messagesTheServerNeverGotAreRescued();
    void aTakenRootChangesNothing();

private:
    static FolderRole roleFor(const QString &path)
    {
        if (path == QLatin1String("INBOX"))
            return FolderRole::Inbox;
        if (path == QLatin1String("Trash"))
            return FolderRole::Trash;
        return FolderRole::None;
    }
    QHash<QString, FolderRow> folders(qint64 account) const
    {
        QHash<QString, FolderRow> out;
        StoreReader reader(m_path);
        for (const FolderRow &f : reader.folders(account))
            out.insert(f.path, f);
        return out;
    }

    QTemporaryDir m_dir;
    QString m_path;
};

void TestStoreProtocolSwitch::roundTripKeepsTheArchive()
{
    m_path = m_dir.filePath(QStringLiteral("round.db"));
    StoreWriter writer(m_path);
    AccountRow a;
    a.name = QStringLiteral("home");
    a.protocol = AccountProtocol::Pop3;
    const qint64 account = writer.addAccount(a);
    const qint64 inbox = writer.ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox);
    const qint64 trash = writer.ensureFolder(account, QStringLiteral("Trash"), FolderRole::Trash);
    QList<MessageRecord> records;
    for (int i = 0; i < 3; ++i)
        records << StoreTestData::message(QStringLiteral("pop"), i);
    writer.insertMessages(inbox, records, DuplicatePolicy::SkipSameRemoteId);
    writer.insertMessages(trash, {StoreTestData::message(QStringLiteral("gone"), 9)}, DuplicatePolicy::SkipSameRemoteId);

    ProtocolSwitchStore sw(writer.database());
    QCOMPARE(sw.toImap(account, R"({"x":1})", QStringLiteral("POP3 Archive")), 2);
    QHash<QString, FolderRow> f = folders(account);
    QCOMPARE(f.size(), 3);
    QVERIFY(f.value(QStringLiteral("POP3 Archive")).localOnly);
    QCOMPARE(f.value(QStringLiteral("POP3 Archive/INBOX")).totalCount, qint64(3));
    QVERIFY(f.value(QStringLiteral("POP3 Archive/INBOX")).localOnly);
    QCOMPARE(f.value(QStringLiteral("POP3 Archive/INBOX")).role, FolderRole::None); // not the IMAP Inbox
    QCOMPARE(StoreReader(m_path).accountById(account)->protocol, AccountProtocol::Imap);

    // The IMAP sync adds the server's folders beside the archive.
    const qint64 imapInbox = writer.ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox);
    MessageRecord cached = StoreTestData::message(QStringLiteral("imap"), 1);
    cached.uid = 5;
    writer.insertMessages(imapInbox, {cached}, DuplicatePolicy::SkipSameRemoteId);

    QCOMPARE(sw.toPop3(account, R"({"y":2})", QStringLiteral("POP3 Archive"), roleFor), 2);
    f = folders(account);
    QCOMPARE(f.size(), 2); // the root went, the server's cache went
    QCOMPARE(f.value(QStringLiteral("INBOX")).totalCount, qint64(3));
    QCOMPARE(f.value(QStringLiteral("INBOX")).role, FolderRole::Inbox);
    QVERIFY(!f.value(QStringLiteral("INBOX")).localOnly);
    QCOMPARE(f.value(QStringLiteral("Trash")).role, FolderRole::Trash);
    QCOMPARE(f.value(QStringLiteral("Trash")).totalCount, qint64(1));
    QCOMPARE(StoreReader(m_path).accountById(account)->protocol, AccountProtocol::Pop3);
    QCOMPARE(StoreReader(m_path).search(QStringLiteral("tagimap"), 10).size(), 0);
    QCOMPARE(StoreReader(m_path).search(QStringLiteral("tagpop"), 10).size(), 3);
}

void TestStoreProtocolSwitch::messagesTheServerNeverGotAreRescued()
{
    m_path = m_dir.filePath(QStringLiteral("rescue.db"));
    StoreWriter writer(m_path);
    AccountRow a;
    a.name = QStringLiteral("work");
    a.protocol = AccountProtocol::Imap;
    const qint64 account = writer.addAccount(a);
    const qint64 sent = writer.ensureFolder(account, QStringLiteral("Sent"), FolderRole::Sent);
    MessageRecord onServer = StoreTestData::message(QStringLiteral("server"), 1);
    onServer.uid = 1;
    MessageRecord localOnly = StoreTestData::message(QStringLiteral("mine"), 2); // no UID: not uploaded
    writer.insertMessages(sent, {onServer, localOnly}, DuplicatePolicy::SkipSameRemoteId);
    writer.enqueuePendingOperation(account, QStringLiteral("imap.flags"), "{}");

    ProtocolSwitchStore(writer.database()).toPop3(account, "{}", QStringLiteral("POP3 Archive"), roleFor);
    const QHash<QString, FolderRow> f = folders(account);
    QCOMPARE(f.size(), 1);
    QCOMPARE(f.value(QStringLiteral("INBOX")).totalCount, qint64(1));
    QCOMPARE(StoreReader(m_path).search(QStringLiteral("tagmine"), 10).size(), 1);
    QCOMPARE(StoreReader(m_path).search(QStringLiteral("tagserver"), 10).size(), 0);
    QVERIFY(StoreReader(m_path).pendingOperations(account).isEmpty());
}

void TestStoreProtocolSwitch::aTakenRootChangesNothing()
{
    m_path = m_dir.filePath(QStringLiteral("taken.db"));
    StoreWriter writer(m_path);
    AccountRow a;
    a.name = QStringLiteral("home");
    a.protocol = AccountProtocol::Pop3;
    const qint64 account = writer.addAccount(a);
    writer.ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox);
    writer.ensureFolder(account, QStringLiteral("POP3 Archive"));
    QVERIFY_THROWS_EXCEPTION(StoreError,
                             ProtocolSwitchStore(writer.database()).toImap(account, "{}", QStringLiteral("POP3 Archive")));
    const QHash<QString, FolderRow> f = folders(account);
    QVERIFY(f.contains(QStringLiteral("INBOX")));
    QVERIFY(!f.value(QStringLiteral("INBOX")).localOnly);
    QCOMPARE(StoreReader(m_path).accountById(account)->protocol, AccountProtocol::Pop3);
}

QTEST_GUILESS_MAIN(TestStoreProtocolSwitch)
#include "tst_store_protocol_switch.moc"
