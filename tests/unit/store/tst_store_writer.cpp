#include "StoreTestData.h"

#include "store/Database.h"
#include "store/ImapActionCache.h"
#include "store/ImapFolderCache.h"
#include "store/JsonIdList.h"
#include "store/SearchQuery.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/OutboxStore.h"
#include "store/StoreWriter.h"
#include "store/ThreadKey.h"
#include "store/Transaction.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Petrel::Store;
using StoreTestData::message;
using StoreTestData::scalar;

namespace {

AccountRow accountNamed(const QString &name, AccountProtocol protocol = AccountProtocol::Imap)
{
    AccountRow a;
    a.name = name;
    a.protocol = protocol;
    a.address = name + QLatin1String("@example.org");
    a.displayName = QStringLiteral("User ") + name;
    a.settingsJson = R"({"host":"127.0.0.1","port":143})";
    return a;
}

QList<MessageRecord> batch(const QString &tag, int count, int firstNumber = 0)
{
    QList<MessageRecord> records;
    records.reserve(count);
    for (int i = 0; i < count; ++i) {
        records.append(message(tag, firstNumber + i));
    }
    return records;
}

} // namespace

class StoreWriterTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString m_path;
    std::unique_ptr<StoreWriter> m_writer;
    std::unique_ptr<StoreReader> m_reader;

    Database &db() { return m_writer->database(); }

    qint64 countWhere(const QByteArray &sql) { return scalar(db(), sql); }

    // Every invariant the store maintains, checked straight from SQL.
    void verifyConsistent()
    {
        QCOMPARE(
            countWhere("SELECT count(*) FROM message_raw WHERE message_id NOT IN (SELECT id FROM messages)"),
            0);
        QCOMPARE(countWhere("SELECT count(*) FROM messages WHERE has_body = 1 AND id NOT IN"
                            " (SELECT message_id FROM message_raw)"),
                 0);
        QCOMPARE(
            countWhere("SELECT count(*) FROM attachments WHERE message_id NOT IN (SELECT id FROM messages)"),
            0);
        QCOMPARE(countWhere("SELECT count(*) FROM messages WHERE folder_id NOT IN (SELECT id FROM folders)"),
                 0);
        QCOMPARE(countWhere("SELECT count(*) FROM folders WHERE account_id NOT IN (SELECT id FROM accounts)"),
                 0);
        QCOMPARE(countWhere("SELECT count(*) FROM message_fts"), countWhere("SELECT count(*) FROM messages"));
        QCOMPARE(countWhere("SELECT count(*) FROM message_fts WHERE rowid NOT IN (SELECT id FROM messages)"),
                 0);
        verifySearchIndexes();
        QCOMPARE(
            countWhere("SELECT count(*) FROM folders f WHERE total_count <>"
                       " (SELECT count(*) FROM messages m WHERE m.folder_id = f.id) OR unread_count <>"
                       " (SELECT count(*) FROM messages m WHERE m.folder_id = f.id AND (m.flags & 1) = 0)"),
            0);
    }

    // The full-text index matches its rows (FTS5's own check), and the header trigram index, which
    // keeps no content to check against, holds exactly what one built afresh from the messages
    // holds: every trigram in as many messages.
    void verifySearchIndexes()
    {
        db().exec("INSERT INTO message_fts (message_fts) VALUES ('integrity-check')", QStringLiteral("check"));
        db().exec("DROP TABLE IF EXISTS temp.fresh_trigrams; DROP TABLE IF EXISTS temp.fresh_vocab;"
                  " DROP TABLE IF EXISTS temp.kept_vocab;"
                  " CREATE VIRTUAL TABLE temp.fresh_trigrams USING fts5(sender, recipients, subject,"
                  "  tokenize = 'trigram', detail = 'column', content = '', columnsize = 0);"
                  " INSERT INTO temp.fresh_trigrams (rowid, sender, recipients, subject)"
                  "  SELECT id, from_display || ' ' || from_address, to_addresses || ' ' || cc_addresses, subject"
                  "  FROM messages;"
                  " CREATE VIRTUAL TABLE temp.fresh_vocab USING fts5vocab(temp, fresh_trigrams, 'col');"
                  " CREATE VIRTUAL TABLE temp.kept_vocab USING fts5vocab(main, message_header_trigrams, 'col');",
                  QStringLiteral("build a fresh trigram index"));
        const QByteArray differ = "SELECT count(*) FROM (SELECT term, col, doc FROM temp.%1 EXCEPT"
                                  " SELECT term, col, doc FROM temp.%2)";
        QCOMPARE(countWhere(QByteArray(differ).replace("%1", "fresh_vocab").replace("%2", "kept_vocab")), 0);
        QCOMPARE(countWhere(QByteArray(differ).replace("%1", "kept_vocab").replace("%2", "fresh_vocab")), 0);
        QVERIFY(countWhere("SELECT count(*) FROM temp.kept_vocab") > 0 ||
                countWhere("SELECT count(*) FROM messages") == 0);
        db().exec("DROP TABLE temp.kept_vocab; DROP TABLE temp.fresh_vocab; DROP TABLE temp.fresh_trigrams",
                  QStringLiteral("drop the fresh trigram index"));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("w%1.sqlite").arg(++m_counter));
        m_writer = std::make_unique<StoreWriter>(m_path);
        m_reader = std::make_unique<StoreReader>(m_path);
    }

    void cleanup()
    {
        if (m_writer) {
            verifyConsistent();
        }
        m_reader.reset();
        m_writer.reset();
    }

    void threadKeys()
    {
        QCOMPARE(threadKeyFor(QStringLiteral("<c@x>"), QStringLiteral("<b@x>"),
                              {QStringLiteral("<a@x>"), QStringLiteral("<b@x>")}),
                 QStringLiteral("a@x"));
        QCOMPARE(threadKeyFor(QStringLiteral("<c@x>"), QStringLiteral(" <b@x> "), {}), QStringLiteral("b@x"));
        QCOMPARE(threadKeyFor(QStringLiteral("<c@x>"), QString(), {QStringLiteral("  ")}),
                 QStringLiteral("c@x"));
        QCOMPARE(threadKeyFor(QString(), QString(), {}), QString());
    }

    // The IMAP cache's re-fetchable writes commit at synchronous = NORMAL; everything else, and
    // every write after them, at FULL (the POP3 archive, outbox and drafts must survive power loss).
    void refetchableTransactionsCommitAtNormalOnly()
    {
        constexpr int Normal = 1;
        constexpr int Full = 2;
        QCOMPARE(scalar(db(), "PRAGMA synchronous"), Full);
        {
            Transaction tx(db(), Durability::Refetchable);
            QCOMPARE(scalar(db(), "PRAGMA synchronous"), Normal);
            tx.commit();
        }
        QCOMPARE(scalar(db(), "PRAGMA synchronous"), Full);
        {
            Transaction tx(db(), Durability::Refetchable); // rolled back
        }
        QCOMPARE(scalar(db(), "PRAGMA synchronous"), Full);
        {
            Transaction tx(db());
            QCOMPARE(scalar(db(), "PRAGMA synchronous"), Full);
        }
        const qint64 account = m_writer->addAccount(accountNamed(QStringLiteral("cache")));
        const qint64 folder = m_writer->ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox);
        const InsertResult inserted =
            m_writer->insertMessages(folder, batch(QStringLiteral("r"), 3), DuplicatePolicy::SkipSameRemoteId,
                                     Durability::Refetchable);
        QCOMPARE(inserted.insertedIds.size(), 3);
        QCOMPARE(scalar(db(), "PRAGMA synchronous"), Full);
        // A Full transaction after a Refetchable one that failed runs at FULL too.
        QVERIFY_THROWS_EXCEPTION(StoreError, m_writer->insertMessages(-1, batch(QStringLiteral("x"), 1),
                                                                     DuplicatePolicy::SkipSameRemoteId,
                                                                     Durability::Refetchable));
        QCOMPARE(scalar(db(), "PRAGMA synchronous"), Full);
    }

    void accountsCrud()
    {
        const qint64 id = m_writer->addAccount(accountNamed(QStringLiteral("work")));
        QVERIFY(id > 0);
        auto row = m_reader->account(QStringLiteral("work"));
        QVERIFY(row);
        QCOMPARE(row->id, id);
        QCOMPARE(row->protocol, AccountProtocol::Imap);
        QCOMPARE(row->address, QStringLiteral("work@example.org"));
        QCOMPARE(row->settingsJson, QByteArray(R"({"host":"127.0.0.1","port":143})"));
        QVERIFY(row->createdAt.isValid());
        QVERIFY(!m_reader->account(QStringLiteral("nobody")));

        try {
            m_writer->addAccount(accountNamed(QStringLiteral("work")));
            QFAIL("duplicate account name accepted");
        } catch (const StoreError &e) {
            QCOMPARE(e.kind(), StoreError::Kind::Constraint);
            QVERIFY2(e.message().contains(QLatin1String("'work' already exists")), qPrintable(e.text()));
        }
        AccountRow bad = accountNamed(QStringLiteral("bad"));
        bad.settingsJson = "[1,2]";
        QVERIFY_THROWS_EXCEPTION(StoreError, m_writer->addAccount(bad));
        bad.settingsJson = "{not json";
        QVERIFY_THROWS_EXCEPTION(StoreError, m_writer->addAccount(bad));
        bad.settingsJson = R"({"smtp":{"host":"::1","Password":"hunter2"}})";
        try {
            m_writer->addAccount(bad);
            QFAIL("a password was stored in the database");
        } catch (const StoreError &e) {
            QCOMPARE(e.kind(), StoreError::Kind::InvalidArgument);
            QVERIFY(!e.text().contains(QLatin1String("hunter2")));
        }
        QVERIFY(!m_reader->account(QStringLiteral("bad")));

        const qint64 home = m_writer->addAccount(accountNamed(QStringLiteral("home"), AccountProtocol::Pop3));
        row->name = QStringLiteral("office");
        row->displayName = QStringLiteral("Office");
        row->settingsJson = R"({"host":"::1"})";
        m_writer->updateAccount(*row);
        const auto updated = m_reader->accountById(id);
        QVERIFY(updated);
        QCOMPARE(updated->name, QStringLiteral("office"));
        QCOMPARE(updated->displayName, QStringLiteral("Office"));
        QCOMPARE(updated->settingsJson, QByteArray(R"({"host":"::1"})"));

        row->name = QStringLiteral("home");
        QVERIFY_THROWS_EXCEPTION(StoreError, m_writer->updateAccount(*row));

        const QList<AccountRow> all = m_reader->accounts();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].name, QStringLiteral("home"));
        QCOMPARE(all[0].protocol, AccountProtocol::Pop3);
        QCOMPARE(all[1].name, QStringLiteral("office"));

        m_writer->removeAccount(home);
        QCOMPARE(m_reader->accounts().size(), 1);
        QVERIFY_THROWS_EXCEPTION(StoreError, m_writer->removeAccount(home));
    }

    void foldersEnsureAndUpdate()
    {
        const qint64 account = m_writer->addAccount(accountNamed(QStringLiteral("a")));
        const qint64 inbox = m_writer->ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox,
                                                    QStringLiteral("Inbox"));
        QCOMPARE(m_writer->ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox), inbox);
        const qint64 sent = m_writer->ensureFolder(account, QStringLiteral("Sent"), FolderRole::None);
        QVERIFY(sent != inbox);
        QCOMPARE(
            m_writer->ensureFolder(account, QStringLiteral("Sent"), FolderRole::Sent, QStringLiteral("Sent")),
            sent);
        m_writer->setFolderSyncState(inbox, 1234, 77, 9000);

        const QList<FolderRow> folders = m_reader->folders(account);
        QCOMPARE(folders.size(), 2);
        QCOMPARE(folders[0].path, QStringLiteral("INBOX"));
        QCOMPARE(folders[0].displayName, QStringLiteral("Inbox")); // kept: ensure without a name
        QCOMPARE(folders[0].role, FolderRole::Inbox);
        QCOMPARE(folders[0].uidValidity, 1234);
        QCOMPARE(folders[0].uidNext, 77);
        QCOMPARE(folders[0].highestModSeq, 9000);
        QCOMPARE(folders[1].role, FolderRole::Sent);
        QCOMPARE(m_reader->folder(sent)->displayName, QStringLiteral("Sent"));
        QVERIFY(!m_reader->folder(999999));

        QVERIFY_THROWS_EXCEPTION(StoreError, m_writer->ensureFolder(424242, QStringLiteral("X")));
        QVERIFY_THROWS_EXCEPTION(StoreError, m_writer->insertMessages(999999, batch(QStringLiteral("n"), 1),
                                                                      DuplicatePolicy::SkipSameRemoteId));
        m_writer->insertMessages(sent, batch(QStringLiteral("s"), 3), DuplicatePolicy::SkipSameRemoteId);
        m_writer->removeFolder(sent);
        QCOMPARE(m_reader->folders(account).size(), 1);
        QCOMPARE(countWhere("SELECT count(*) FROM messages"), 0);
    }

    void messageRoundTrip()
    {
        const qint64 account = m_writer->addAccount(accountNamed(QStringLiteral("a")));
        const qint64 inbox = m_writer->ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox);
        MessageRecord r = message(QStringLiteral("rt"), 1);
        r.uid = 42;
        r.cc = QStringLiteral("Carol <carol@example.com>");
        r.replyTo = QStringLiteral("list@example.com");
        r.internalDate = QDateTime::fromMSecsSinceEpoch(1700000500000LL, Qt::UTC);
        r.inReplyTo = QStringLiteral("<parent@x>");
        r.references = {QStringLiteral("<root@x>"), QStringLiteral("<parent@x>")};
        r.flags = MessageFlag::Seen | MessageFlag::Flagged;
        r.keywords = {QStringLiteral("$Forwarded"), QStringLiteral("work")};
        r.attachments.append({0, 0, QStringLiteral("2"), QStringLiteral("report.pdf"),
                              QStringLiteral("application/pdf"), 12345, QString(), false});
        r.attachments.append({0, 0, QStringLiteral("3"), QStringLiteral("logo.png"),
                              QStringLiteral("image/png"), 99, QStringLiteral("logo@x"), true});
        MessageRecord headersOnly = message(QStringLiteral("rt"), 2);
        headersOnly.raw.clear();
        headersOnly.size = 5000;

        const InsertResult result =
            m_writer->insertMessages(inbox, {r, headersOnly}, DuplicatePolicy::SkipSameRemoteId);
        QCOMPARE(result.insertedIds.size(), 2);
        const auto row = m_reader->message(result.insertedIds[0]);
        QVERIFY(row);
        QCOMPARE(row->folderId, inbox);
        QCOMPARE(row->uid, std::optional<qint64>(42));
        QVERIFY(row->uidl.isEmpty());
        QCOMPARE(row->subject, r.subject);
        QCOMPARE(row->fromAddress, r.fromAddress);
        QCOMPARE(row->cc, r.cc);
        QCOMPARE(row->replyTo, r.replyTo);
        QCOMPARE(row->date, r.date);
        QCOMPARE(row->internalDate, r.internalDate);
        QCOMPARE(row->references, r.references);
        QCOMPARE(row->threadKey, QStringLiteral("root@x"));
        QCOMPARE(row->flags, r.flags);
        QCOMPARE(row->keywords, r.keywords);
        QVERIFY(row->hasAttachments);
        QVERIFY(row->hasBody);
        QCOMPARE(row->size, qint64(r.raw.size()));
        QCOMPARE(row->contentHash.size(), 64); // SHA-256 hex, computed by the store
        QVERIFY(row->preview.startsWith(QLatin1String("Body of message 1")));
        QCOMPARE(m_reader->rawMessage(row->id), std::optional<QByteArray>(r.raw));

        const QList<AttachmentRecord> attachments = m_reader->attachments(row->id);
        QCOMPARE(attachments.size(), 2);
        QCOMPARE(attachments[0].fileName, QStringLiteral("report.pdf"));
        QCOMPARE(attachments[0].size, 12345);
        QCOMPARE(attachments[1].contentId, QStringLiteral("logo@x"));
        QVERIFY(attachments[1].isInline);

        const auto second = m_reader->message(result.insertedIds[1]);
        QVERIFY(second);
        QVERIFY(!second->hasBody);
        QCOMPARE(second->size, 5000);
        QVERIFY(!m_reader->rawMessage(second->id));
        QVERIFY(!m_reader->message(123456789));

        QCOMPARE(m_reader->folder(inbox)->totalCount, 2);
        QCOMPARE(m_reader->folder(inbox)->unreadCount, 1);
    }

    void insertFiveThousandInOneCall()
    {
        const qint64 account = m_writer->addAccount(accountNamed(QStringLiteral("big")));
        const qint64 inbox = m_writer->ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox);
        QList<MessageRecord> records = batch(QStringLiteral("big"), 5000);
        for (int i = 0; i < records.size(); i += 3) {
            records[i].flags = MessageFlag::Seen;
        }
        QElapsedTimer timer;
        timer.start();
        const InsertResult result =
            m_writer->insertMessages(inbox, records, DuplicatePolicy::SkipSameContentHashInFolder);
        qInfo("inserted 5000 messages in %lld ms", timer.elapsed());
        QCOMPARE(result.insertedIds.size(), 5000);
        QCOMPARE(result.skipped, 0);
        QCOMPARE(QSet<qint64>(result.insertedIds.begin(), result.insertedIds.end()).size(), 5000);
        const auto folder = m_reader->folder(inbox);
        QCOMPARE(folder->totalCount, 5000);
        QCOMPARE(folder->unreadCount, 5000 - 1667);
        QCOMPARE(countWhere("SELECT count(*) FROM message_raw"), 5000);
    }

    void duplicatePolicies()
    {
        const qint64 account = m_writer->addAccount(accountNamed(QStringLiteral("d"), AccountProtocol::Pop3));
        const qint64 inbox = m_writer->ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox);
        const qint64 other = m_writer->ensureFolder(account, QStringLiteral("Other"));

        // Same bytes twice, also within one batch: added once.
        QList<MessageRecord> import = batch(QStringLiteral("imp"), 20);
        import.append(import[3]);
        InsertResult r =
            m_writer->insertMessages(inbox, import, DuplicatePolicy::SkipSameContentHashInFolder);
        QCOMPARE(r.insertedIds.size(), 20);
        QCOMPARE(r.skipped, 1);
        r = m_writer->insertMessages(inbox, import, DuplicatePolicy::SkipSameContentHashInFolder);
        QCOMPARE(r.insertedIds.size(), 0);
        QCOMPARE(r.skipped, 21);
        // Per folder: the same bytes go into another folder.
        r = m_writer->insertMessages(other, import.mid(0, 5), DuplicatePolicy::SkipSameContentHashInFolder);
        QCOMPARE(r.insertedIds.size(), 5);

        // Remote ids: POP3 UIDL, then IMAP UID; different content with the same id is skipped.
        QList<MessageRecord> pop = batch(QStringLiteral("pop"), 4);
        for (int i = 0; i < pop.size(); ++i) {
            pop[i].uidl = QStringLiteral("uidl-%1").arg(i);
        }
        QCOMPARE(m_writer->insertMessages(inbox, pop, DuplicatePolicy::SkipSameRemoteId).insertedIds.size(),
                 4);
        QList<MessageRecord> again = batch(QStringLiteral("pop2"), 5);
        for (int i = 0; i < again.size(); ++i) {
            again[i].uidl = QStringLiteral("uidl-%1").arg(i);
        }
        r = m_writer->insertMessages(inbox, again, DuplicatePolicy::SkipSameRemoteId);
        QCOMPARE(r.insertedIds.size(), 1);
        QCOMPARE(r.skipped, 4);

        MessageRecord withUid = message(QStringLiteral("uid"), 1);
        withUid.uid = 7;
        QCOMPARE(
            m_writer->insertMessages(other, {withUid}, DuplicatePolicy::SkipSameRemoteId).insertedIds.size(),
            1);
        MessageRecord sameUid = message(QStringLiteral("uid"), 2);
        sameUid.uid = 7;
        QCOMPARE(m_writer->insertMessages(other, {sameUid}, DuplicatePolicy::SkipSameRemoteId).skipped, 1);

        // Replace: same UID, new content; the folder count does not grow.
        const qint64 before = m_reader->folder(other)->totalCount;
        sameUid.subject = QStringLiteral("replaced subject");
        r = m_writer->insertMessages(other, {sameUid}, DuplicatePolicy::Replace);
        QCOMPARE(r.insertedIds.size(), 1);
        QCOMPARE(r.replaced, 1);
        QCOMPARE(m_reader->folder(other)->totalCount, before);
        QCOMPARE(m_reader->message(r.insertedIds[0])->subject, QStringLiteral("replaced subject"));
        QCOMPARE(countWhere("SELECT count(*) FROM messages WHERE folder_id = " + QByteArray::number(other) +
                            " AND uid = 7"),
                 1);
        QCOMPARE(m_reader->search(QStringLiteral("replaced"), 10).size(), 1);

        // A batch that breaks a constraint leaves nothing behind.
        const qint64 total = countWhere("SELECT count(*) FROM messages");
        MessageRecord clash = message(QStringLiteral("clash"), 1);
        clash.uid = 7;
        QList<MessageRecord> failing = batch(QStringLiteral("fail"), 10);
        failing.append(clash);
        QVERIFY_THROWS_EXCEPTION(
            StoreError,
            m_writer->insertMessages(other, failing, DuplicatePolicy::SkipSameContentHashInFolder));
        QCOMPARE(countWhere("SELECT count(*) FROM messages"), total);
        QVERIFY(m_reader->search(QStringLiteral("batch-fail"), 10).isEmpty());
    }

    void flagsMovesAndDeletesKeepCounts()
    {
        const qint64 account = m_writer->addAccount(accountNamed(QStringLiteral("f")));
        const qint64 inbox = m_writer->ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox);
        const qint64 archive =
            m_writer->ensureFolder(account, QStringLiteral("Archive"), FolderRole::Archive);
        QList<MessageRecord> records = batch(QStringLiteral("f"), 10);
        for (int i = 0; i < records.size(); ++i) {
            records[i].uid = 100 + i;
        }
        const QList<qint64> ids =
            m_writer->insertMessages(inbox, records, DuplicatePolicy::SkipSameRemoteId).insertedIds;
        QCOMPARE(m_reader->folder(inbox)->unreadCount, 10);

        QCOMPARE(m_writer->setFlags(ids.mid(0, 4), MessageFlag::Seen, {}), 4);
        QCOMPARE(m_reader->folder(inbox)->unreadCount, 6);
        QCOMPARE(m_writer->setFlags(ids.mid(0, 4), MessageFlag::Seen, {}), 0); // already seen: no change
        QCOMPARE(m_writer->setFlags(ids.mid(0, 2), MessageFlag::Flagged, MessageFlag::Seen), 2);
        QCOMPARE(m_reader->folder(inbox)->unreadCount, 8);
        QCOMPARE(m_reader->message(ids[0])->flags, MessageFlags(MessageFlag::Flagged));
        QCOMPARE(m_writer->setFlags({ids[5], 999999}, MessageFlag::Answered, {}), 1);
        QCOMPARE(m_reader->folder(inbox)->unreadCount, 8); // answered does not touch unread

        // ids[2], ids[3] are seen; moving them and two unread ones.
        QCOMPARE(m_writer->moveMessages(ids.mid(2, 4), archive), 4);
        QCOMPARE(m_reader->folder(inbox)->totalCount, 6);
        QCOMPARE(m_reader->folder(inbox)->unreadCount, 6);
        QCOMPARE(m_reader->folder(archive)->totalCount, 4);
        QCOMPARE(m_reader->folder(archive)->unreadCount, 2);
        QVERIFY(!m_reader->message(ids[2])->uid); // a UID belongs to its folder
        QVERIFY_THROWS_EXCEPTION(StoreError, m_writer->moveMessages(ids, 999999));

        QCOMPARE(m_writer->deleteMessages({ids[0], ids[2], 999999}), 2);
        QCOMPARE(m_reader->folder(inbox)->totalCount, 5);
        QCOMPARE(m_reader->folder(inbox)->unreadCount, 5);
        QCOMPARE(m_reader->folder(archive)->totalCount, 3);
        QCOMPARE(m_reader->folder(archive)->unreadCount, 2);
        QVERIFY(!m_reader->message(ids[0]));
        QVERIFY(!m_reader->rawMessage(ids[0]));
    }

    void pagingReturnsEveryMessageOnceInOrder()
    {
        const qint64 account = m_writer->addAccount(accountNamed(QStringLiteral("p")));
        const qint64 inbox = m_writer->ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox);
        const qint64 other = m_writer->ensureFolder(account, QStringLiteral("Other"));
        QList<MessageRecord> records;
        for (int i = 0; i < 1000; ++i) {
            // Many equal dates, so the id tie-break matters; some without any date at all.
            MessageRecord r = message(QStringLiteral("p"), i, 1700000000000LL + (i % 37) * 60000LL);
            if (i % 101 == 0) {
                r.date = QDateTime();
            }
            records.append(r);
        }
        m_writer->insertMessages(inbox, records, DuplicatePolicy::SkipSameContentHashInFolder);
        m_writer->insertMessages(other, batch(QStringLiteral("o"), 50),
                                 DuplicatePolicy::SkipSameContentHashInFolder);

        QList<MessageSummary> all;
        std::optional<PageKey> after;
        for (int page = 0; page < 100; ++page) {
            const QList<MessageSummary> rows = m_reader->messages(inbox, 37, after);
            QVERIFY(rows.size() <= 37);
            if (rows.isEmpty()) {
                break;
            }
            all += rows;
            after = rows.last().pageKey();
        }
        QCOMPARE(all.size(), 1000);
        QSet<qint64> seen;
        for (int i = 0; i < all.size(); ++i) {
            QCOMPARE(all[i].folderId, inbox);
            QVERIFY(!seen.contains(all[i].id));
            seen.insert(all[i].id);
            if (i > 0) {
                const PageKey a = all[i - 1].pageKey();
                const PageKey b = all[i].pageKey();
                QVERIFY(a.dateMs > b.dateMs || (a.dateMs == b.dateMs && a.id > b.id));
            }
        }
        QCOMPARE(m_reader->messages(inbox, 0).size(), 0);
        QCOMPARE(m_reader->messages(inbox, -5).size(), 0);
        QCOMPARE(m_reader->messages(inbox, 5).size(), 5);
    }

    void searchFindsSubjectAddressAndBody()
    {
        const qint64 account = m_writer->addAccount(accountNamed(QStringLiteral("s")));
        const qint64 inbox = m_writer->ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox);
        QList<MessageRecord> records = batch(QStringLiteral("s"), 3);
        records[0].subject = QStringLiteral("Quarterly budget review");
        records[1].to = QStringLiteral("Zoë Müller <zoe.mueller@firma.example>");
        records[2].bodyText = QStringLiteral("The password-less rendezvous is at the lighthouse.");
        const QList<qint64> ids =
            m_writer->insertMessages(inbox, records, DuplicatePolicy::SkipSameRemoteId).insertedIds;

        auto idsOf = [](const QList<MessageSummary> &rows) {
            QList<qint64> out;
            for (const auto &r : rows) {
                out << r.id;
            }
            return out;
        };
        QCOMPARE(idsOf(m_reader->search(QStringLiteral("budget"), 10)), QList<qint64>{ids[0]});
        QCOMPARE(idsOf(m_reader->search(QStringLiteral("quarter REVIEW"), 10)),
                 QList<qint64>{ids[0]}); // prefix, AND
        QCOMPARE(idsOf(m_reader->search(QStringLiteral("zoe.mueller@firma.example"), 10)),
                 QList<qint64>{ids[1]});
        QCOMPARE(idsOf(m_reader->search(QStringLiteral("Zoë"), 10)), QList<qint64>{ids[1]});
        QCOMPARE(idsOf(m_reader->search(QStringLiteral("lighthouse"), 10)), QList<qint64>{ids[2]});
        QCOMPARE(idsOf(m_reader->search(QStringLiteral("sender1@example.org"), 10)), QList<qint64>{ids[1]});
        QCOMPARE(m_reader->search(QStringLiteral("budget lighthouse"), 10).size(), 0);
        QCOMPARE(m_reader->search(QStringLiteral("lorem"), 10).size(), 2); // records[2] has its own body
        QCOMPARE(m_reader->search(QStringLiteral("lorem"), 1).size(), 1);

        const QStringList hostile = {
            QStringLiteral("\""),
            QStringLiteral("\"\"\""),
            QStringLiteral("AND("),
            QStringLiteral("*"),
            QStringLiteral("NEAR"),
            QStringLiteral("NEAR(a b)"),
            QStringLiteral("-x"),
            QStringLiteral("col:val"),
            QStringLiteral("subject:budget"),
            QStringLiteral("budget OR"),
            QStringLiteral("NOT budget"),
            QStringLiteral("^budget"),
            QStringLiteral("{subject body}: x"),
            QStringLiteral("a\"b"),
            QStringLiteral("');DROP TABLE messages;--"),
            QStringLiteral("   "),
            QString(),
            QString(QChar(0xD800)),
            QStringLiteral("\u0000x"),
            QString(5000, QLatin1Char('a')),
        };
        for (const QString &q : hostile) {
            try {
                m_reader->search(q, 10);
            } catch (const StoreError &e) {
                QFAIL(qPrintable(QStringLiteral("search for [%1] failed: %2")
                                     .arg(QString::fromLatin1(q.left(40).toUtf8().toHex()), e.text())));
            }
        }
        // Operators are searched as words, not obeyed.
        QCOMPARE(m_reader->search(QStringLiteral("subject:budget"), 10).size(), 0);
        QCOMPARE(idsOf(m_reader->search(QStringLiteral("password-less"), 10)), QList<qint64>{ids[2]});
        QCOMPARE(ftsMatchExpression(QStringLiteral("a\"b  -x")), QStringLiteral("\"a\"\"b\"* \"-x\"*"));
        QCOMPARE(countWhere("SELECT count(*) FROM messages"), 3);
    }

    // Search rows are written after a batch's message rows (MessageInserter.h); every way a message
    // is added, replaced, given its body, copied or removed leaves both indexes exact (cleanup()).
    void searchRowsFollowEveryWrite()
    {
        const qint64 account = m_writer->addAccount(accountNamed(QStringLiteral("r")));
        const qint64 inbox = m_writer->ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox);
        const qint64 archive = m_writer->ensureFolder(account, QStringLiteral("Archive"));
        QList<MessageRecord> records = batch(QStringLiteral("rows"), 6);
        for (int i = 0; i < records.size(); ++i) {
            records[i].uid = 100 + i;
            if (i >= 3) { // headers only
                records[i].raw.clear();
                records[i].bodyText.clear();
            }
        }
        // The same UID again in the same batch: it replaces a message whose search rows are pending.
        MessageRecord again = records[1];
        again.subject = QStringLiteral("Overwritten within the batch");
        records.append(again);
        InsertResult r = m_writer->insertMessages(inbox, records, DuplicatePolicy::Replace);
        QCOMPARE(r.replaced, 1);
        QCOMPARE(r.insertedIds.size(), 7);
        verifySearchIndexes();
        QCOMPARE(m_reader->search(QStringLiteral("Overwritten"), 10).size(), 1);
        QCOMPARE(m_reader->search(QStringLiteral("batch-rows message 1"), 10).size(), 0);

        // Bodies for two headers-only messages: their text becomes searchable, trigrams unchanged.
        QList<MessageRecord> bodies;
        for (int i : {3, 4}) {
            MessageRecord b = message(QStringLiteral("rows"), i);
            b.uid = 100 + i;
            b.bodyText = QStringLiteral("Attached later: zanzibar%1").arg(i);
            bodies.append(b);
        }
        QCOMPARE(m_writer->attachBodies(inbox, bodies, Durability::Refetchable), (QList<quint32>{103, 104}));
        QCOMPARE(m_reader->search(QStringLiteral("zanzibar3"), 10).size(), 1);
        verifySearchIndexes();

        const qint64 copy = ImapActionCache(db()).copyMessage(r.insertedIds[3], archive);
        verifySearchIndexes();
        QCOMPARE(m_reader->search(QStringLiteral("zanzibar3"), 10).size(), 2);
        QCOMPARE(m_writer->deleteMessages({r.insertedIds[0], copy}), 2);
        verifySearchIndexes();
        QCOMPARE(m_reader->search(QStringLiteral("zanzibar3"), 10).size(), 1);
    }

    // Expunges and deletes go as one statement per JsonIdListChunk ids: a list longer than one
    // chunk, UIDs the folder does not hold and repeated ids all count right, and the search
    // indexes lose exactly those messages (cleanup()).
    void bulkRemovalsSpanChunks()
    {
        const qint64 account = m_writer->addAccount(accountNamed(QStringLiteral("bulk")));
        const qint64 inbox = m_writer->ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox);
        const int count = int(JsonIdListChunk) + 2000;
        QList<MessageRecord> records;
        records.reserve(count);
        for (int i = 0; i < count; ++i) {
            MessageRecord r = message(QStringLiteral("bulk"), i);
            r.raw.clear();
            r.uid = i + 1;
            records.append(r);
        }
        const QList<qint64> ids =
            m_writer->insertMessages(inbox, records, DuplicatePolicy::SkipSameRemoteId).insertedIds;
        QCOMPARE(ids.size(), count);

        QList<quint32> expunged;
        for (quint32 uid = 1; uid <= quint32(JsonIdListChunk) + 500; ++uid)
            expunged.append(uid);
        expunged.append(quint32(count) + 77); // not in the folder
        QCOMPARE(ImapFolderCache(db()).removeUids(inbox, expunged), int(JsonIdListChunk) + 500);
        QCOMPARE(countWhere("SELECT count(*) FROM messages"), qint64(count) - JsonIdListChunk - 500);
        QCOMPARE(countWhere("SELECT min(uid) FROM messages"), qint64(JsonIdListChunk) + 501);

        const QList<qint64> victims = {ids.last(), ids.last(), ids.at(count - 2), ids.first()}; // first is gone
        QCOMPARE(m_writer->deleteMessages(victims), 2);
        QCOMPARE(countWhere("SELECT count(*) FROM messages"), qint64(count) - JsonIdListChunk - 502);
        QCOMPARE(m_reader->folder(inbox)->totalCount, qint64(count) - JsonIdListChunk - 502);
    }

    void removeAccountCascades()
    {
        const qint64 gone = m_writer->addAccount(accountNamed(QStringLiteral("gone")));
        const qint64 kept = m_writer->addAccount(accountNamed(QStringLiteral("kept")));
        for (const qint64 account : {gone, kept}) {
            const QString tag = account == gone ? QStringLiteral("gone") : QStringLiteral("kept");
            const qint64 inbox = m_writer->ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox);
            const qint64 sent = m_writer->ensureFolder(account, QStringLiteral("Sent"), FolderRole::Sent);
            QList<MessageRecord> records = batch(tag, 30);
            records[0].attachments.append({0, 0, QStringLiteral("2"), QStringLiteral("a.txt"),
                                           QStringLiteral("text/plain"), 3, QString(), false});
            m_writer->insertMessages(inbox, records, DuplicatePolicy::SkipSameRemoteId);
            m_writer->insertMessages(sent, batch(tag, 5, 100), DuplicatePolicy::SkipSameRemoteId);
            m_writer->enqueuePendingOperation(account, QStringLiteral("set-flags"), R"({"ids":[1,2]})");
            OutboxStore(m_writer->database())
                .enqueue(account, QStringLiteral("out@") + tag, QStringLiteral("me@example.org"),
                         {QStringLiteral("you@example.org")}, "Subject: hi\r\n\r\nhello\r\n");
        }
        QCOMPARE(m_reader->pendingOperations(gone).size(), 1);
        QCOMPARE(m_reader->pendingOperations(gone)[0].kind, QStringLiteral("set-flags"));
        QCOMPARE(m_reader->pendingOperations(gone)[0].payloadJson, QByteArray(R"({"ids":[1,2]})"));
        QCOMPARE(m_reader->outbox().size(), 2);
        QCOMPARE(m_reader->outbox()[0].state, OutboxState::Queued);
        QCOMPARE(m_reader->outboxRaw(m_reader->outbox()[0].id),
                 std::optional<QByteArray>("Subject: hi\r\n\r\nhello\r\n"));
        QCOMPARE(m_reader->search(QStringLiteral("taggone"), 100).size(), 35);
        QVERIFY_THROWS_EXCEPTION(StoreError,
                                 m_writer->enqueuePendingOperation(gone, QStringLiteral("x"), "nope"));
        QVERIFY_THROWS_EXCEPTION(StoreError,
                                 OutboxStore(m_writer->database())
                                     .enqueue(gone, QStringLiteral("x"), QString(), {QStringLiteral("a@b")}, QByteArray()));

        m_writer->removeAccount(gone);

        QVERIFY(!m_reader->accountById(gone));
        QVERIFY(m_reader->folders(gone).isEmpty());
        QCOMPARE(m_reader->search(QStringLiteral("taggone"), 100).size(), 0);
        QCOMPARE(m_reader->search(QStringLiteral("tagkept"), 100).size(), 35);
        QCOMPARE(m_reader->pendingOperations(gone).size(), 0);
        QCOMPARE(m_reader->pendingOperations(kept).size(), 1);
        QCOMPARE(m_reader->outbox().size(), 1);
        QCOMPARE(countWhere("SELECT count(*) FROM messages"), 35);
        QCOMPARE(countWhere("SELECT count(*) FROM message_raw"), 35);
        QCOMPARE(countWhere("SELECT count(*) FROM message_fts"), 35);
        QCOMPARE(countWhere("SELECT count(*) FROM attachments"), 1);
        db().exec(
            "INSERT INTO message_fts(message_fts) VALUES ('integrity-check')"); // throws if the index is off
    }

    void readerSeesCommitsFromItsOwnConnection()
    {
        const qint64 account = m_writer->addAccount(accountNamed(QStringLiteral("r")));
        const qint64 inbox = m_writer->ensureFolder(account, QStringLiteral("INBOX"), FolderRole::Inbox);
        QCOMPARE(m_reader->messages(inbox, 10).size(), 0);
        m_writer->insertMessages(inbox, batch(QStringLiteral("r"), 3), DuplicatePolicy::SkipSameRemoteId);
        QCOMPARE(m_reader->messages(inbox, 10).size(), 3);
        // A second writer on the same file (another account's thread) waits for the lock, then writes.
        StoreWriter second(m_path);
        second.insertMessages(inbox, batch(QStringLiteral("r2"), 2), DuplicatePolicy::SkipSameRemoteId);
        QCOMPARE(m_reader->folder(inbox)->totalCount, 5);
    }
};

QTEST_GUILESS_MAIN(StoreWriterTest)
#include "tst_store_writer.moc"
