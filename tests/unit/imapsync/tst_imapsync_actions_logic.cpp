// IMAP local actions without a server: the queued rows (and how hostile ones are refused), folder
// name arithmetic, and what each action does to the store at once.
#include "store/ImapActionCache.h"
#include "store/ImapFolderCache.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapFolderNames.h"
#include "sync/imap/ImapLocalActions.h"
#include "sync/imap/ImapPendingAction.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Petrel;
using namespace Petrel::Core;
using Kind = ImapPendingAction::Kind;

namespace {

QByteArray sampleMessage(const QByteArray &messageId)
{
    return "From: Ann <ann@example.org>\r\nTo: bob@example.org\r\nSubject: Quarterly numbers\r\n"
           "Message-ID: <" + messageId + ">\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
           "Zebrafish figures inside.\r\n--b\r\nContent-Type: application/pdf\r\n"
           "Content-Disposition: attachment; filename=q3.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           "JVBERi0=\r\n--b--\r\n";
}

// One IMAP account with INBOX (4 messages with UIDs), Trash, Work, Work/2026; delimiter "/".
struct Fixture
{
    QTemporaryDir dir;
    QString path;
    std::unique_ptr<Store::StoreWriter> writer;
    std::unique_ptr<Store::StoreReader> reader;
    qint64 account = 0;
    qint64 inbox = 0;
    qint64 work = 0;
    QList<qint64> ids;

    Fixture()
    {
        path = dir.filePath(QStringLiteral("s.db"));
        writer = std::make_unique<Store::StoreWriter>(path);
        reader = std::make_unique<Store::StoreReader>(path);
        Store::AccountRow a;
        a.name = QStringLiteral("imap");
        a.protocol = Store::AccountProtocol::Imap;
        account = writer->addAccount(a);
        inbox = writer->ensureFolder(account, QStringLiteral("INBOX"), Store::FolderRole::Inbox);
        writer->ensureFolder(account, QStringLiteral("Trash"), Store::FolderRole::Trash);
        work = writer->ensureFolder(account, QStringLiteral("Work"));
        writer->ensureFolder(account, QStringLiteral("Work/2026"));
        Store::ImapActionCache(writer->database()).setDelimiter(inbox, QStringLiteral("/"));
        QList<Store::MessageRecord> records;
        for (int uid = 1; uid <= 4; ++uid) {
            Store::MessageRecord r;
            r.uid = uid;
            r.raw = sampleMessage("m" + QByteArray::number(uid) + "@example.org");
            r.subject = QStringLiteral("m%1").arg(uid);
            r.bodyText = QStringLiteral("zebrafish");
            r.hasAttachments = true;
            Store::AttachmentRecord pdf;
            pdf.partPath = QStringLiteral("2");
            pdf.fileName = QStringLiteral("q3.pdf");
            pdf.contentType = QStringLiteral("application/pdf");
            pdf.size = 5;
            r.attachments.append(pdf);
            records.append(r);
        }
        ids = writer->insertMessages(inbox, records, Store::DuplicatePolicy::SkipSameRemoteId).insertedIds;
    }

    std::optional<Store::FolderRow> folder(const QString &p) const
    {
        for (const Store::FolderRow &f : reader->folders(account)) {
            if (f.path == p)
                return f;
        }
        return std::nullopt;
    }
    QList<Store::PendingOperationRow> queue() const { return reader->pendingOperations(account); }
};

} // namespace

class TestImapSyncActionsLogic : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pendingActionsRoundTrip();
    void hostileRowsAreRefused_data();
    void hostileRowsAreRefused();
    void folderNames();
    void copyIsAWholeUidLessCopy();
    void appendStoresAtOnce();
    void folderActionsChangeTheTreeAtOnce();
    void placingAndKeepingLocalCopies();
};

void TestImapSyncActionsLogic::pendingActionsRoundTrip()
{
    const QList<Kind> kinds = {Kind::Flags,        Kind::Move,         Kind::Expunge,      Kind::Copy,
                               Kind::Append,       Kind::CreateFolder, Kind::RenameFolder, Kind::DeleteFolder,
                               Kind::Subscribe,    Kind::Unsubscribe};
    QSet<QString> names;
    for (const Kind kind : kinds) {
        ImapPendingAction a;
        a.kind = kind;
        a.folder = QString::fromUtf8("Entw\xc3\xbcrfe/2026");
        a.uid = 4294967294u;
        a.target = QStringLiteral("Archive");
        a.localId = 42;
        a.add = {"\\Seen", "\\Flagged"};
        a.remove = {"\\Draft"};
        names.insert(ImapPendingAction::kindName(kind));
        const std::optional<ImapPendingAction> back = ImapPendingAction::fromRow(ImapPendingAction::kindName(kind), a.toJson());
        QVERIFY2(back, a.toJson().constData());
        QCOMPARE(back->kind, kind);
        QCOMPARE(back->folder, a.folder);
        const bool message = kind == Kind::Flags || kind == Kind::Move || kind == Kind::Expunge || kind == Kind::Copy;
        QCOMPARE(back->uid, message ? a.uid : 0u);
        QCOMPARE(back->needsSelectedFolder(), message);
        const bool target = kind == Kind::Move || kind == Kind::Copy || kind == Kind::RenameFolder;
        QCOMPARE(back->target, target ? a.target : QString());
        const bool local = kind == Kind::Move || kind == Kind::Copy || kind == Kind::Append;
        QCOMPARE(back->localId, local ? a.localId : 0);
        QCOMPARE(back->add, (kind == Kind::Flags || kind == Kind::Append) ? a.add : QByteArrayList());
        QCOMPARE(back->remove, kind == Kind::Flags ? a.remove : QByteArrayList());
    }
    QCOMPARE(names.size(), kinds.size());
    // The three kinds older queues hold keep their names and payloads.
    QCOMPARE(ImapPendingAction::kindName(Kind::Flags), QLatin1String(ImapLocalActions::FlagsKind));
    QVERIFY(ImapPendingAction::fromRow(QStringLiteral("imap.expunge"), R"({"folder":"Trash","uid":7})"));
    QVERIFY(ImapPendingAction::fromRow(QStringLiteral("imap.move"), R"({"folder":"INBOX","uid":2,"target":"Work"})"));
}

void TestImapSyncActionsLogic::hostileRowsAreRefused_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("unknown kind") << "imap.format" << QByteArray(R"({"folder":"INBOX"})");
    QTest::newRow("not json") << "imap.flags" << QByteArray("{folder:");
    QTest::newRow("array") << "imap.flags" << QByteArray("[]");
    QTest::newRow("no folder") << "imap.create-folder" << QByteArray("{}");
    QTest::newRow("empty folder") << "imap.create-folder" << QByteArray(R"({"folder":""})");
    QTest::newRow("folder not a string") << "imap.delete-folder" << QByteArray(R"({"folder":7})");
    QTest::newRow("CRLF in folder") << "imap.create-folder" << QByteArray(R"({"folder":"a\r\nA1 LOGOUT"})");
    QTest::newRow("NUL in target") << "imap.rename-folder" << QByteArray(R"({"folder":"a","target":"b\u0000"})");
    QTest::newRow("huge name") << "imap.subscribe"
                               << QByteArray(R"({"folder":")") + QByteArray(5000, 'x') + QByteArray(R"("})");
    QTest::newRow("no uid") << "imap.flags" << QByteArray(R"({"folder":"INBOX","add":["\\Seen"]})");
    QTest::newRow("uid 0") << "imap.expunge" << QByteArray(R"({"folder":"INBOX","uid":0})");
    QTest::newRow("uid negative") << "imap.expunge" << QByteArray(R"({"folder":"INBOX","uid":-3})");
    QTest::newRow("uid too big") << "imap.expunge" << QByteArray(R"({"folder":"INBOX","uid":4294967295})");
    QTest::newRow("uid fraction") << "imap.expunge" << QByteArray(R"({"folder":"INBOX","uid":1.5})");
    QTest::newRow("uid string") << "imap.expunge" << QByteArray(R"({"folder":"INBOX","uid":"5"})");
    QTest::newRow("move no target") << "imap.move" << QByteArray(R"({"folder":"INBOX","uid":5})");
    QTest::newRow("copy no local id") << "imap.copy" << QByteArray(R"({"folder":"INBOX","uid":5,"target":"A"})");
    QTest::newRow("append negative id") << "imap.append" << QByteArray(R"({"folder":"INBOX","localId":-1})");
    QTest::newRow("keyword flag") << "imap.flags" << QByteArray(R"({"folder":"INBOX","uid":5,"add":["$Junk"]})");
    QTest::newRow("flag injection") << "imap.flags"
                                    << QByteArray(R"({"folder":"INBOX","uid":5,"add":["\\Seen) A1 LOGOUT"]})");
    QTest::newRow("flags not a list") << "imap.flags" << QByteArray(R"({"folder":"INBOX","uid":5,"add":"\\Seen"})");
}

void TestImapSyncActionsLogic::hostileRowsAreRefused()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, payload);
    QVERIFY(!ImapPendingAction::fromRow(kind, payload));
}

void TestImapSyncActionsLogic::folderNames()
{
    const QString slash = QStringLiteral("/");
    QCOMPARE(ImapFolderNames::whyInvalid(QStringLiteral("Work/2026"), slash), QString());
    QCOMPARE(ImapFolderNames::whyInvalid(QStringLiteral("a.b"), slash), QString());
    QCOMPARE(ImapFolderNames::whyInvalid(QStringLiteral("a//b"), QString()), QString()); // flat: one level
    for (const QString &bad : {QString(), QStringLiteral("inbox"), QStringLiteral("/Work"), QStringLiteral("Work/"),
                               QStringLiteral("a//b"), QStringLiteral("a\nb"), QString(600, QLatin1Char('x'))})
        QVERIFY2(!ImapFolderNames::whyInvalid(bad, slash).isEmpty(), qPrintable(bad));
    QCOMPARE(ImapFolderNames::displayName(QStringLiteral("Work/2026/Q1"), slash), QStringLiteral("Q1"));
    QCOMPARE(ImapFolderNames::displayName(QStringLiteral("Work/2026"), QString()), QStringLiteral("Work/2026"));
    QVERIFY(ImapFolderNames::isSameOrUnder(QStringLiteral("Work"), QStringLiteral("Work"), slash));
    QVERIFY(ImapFolderNames::isSameOrUnder(QStringLiteral("Work/2026"), QStringLiteral("Work"), slash));
    QVERIFY(!ImapFolderNames::isSameOrUnder(QStringLiteral("Workshop"), QStringLiteral("Work"), slash));
    QVERIFY(!ImapFolderNames::isSameOrUnder(QStringLiteral("Work/2026"), QStringLiteral("Work"), QString()));
}

void TestImapSyncActionsLogic::copyIsAWholeUidLessCopy()
{
    Fixture f;
    ImapLocalActions actions(*f.writer, *f.reader);
    QCOMPARE(actions.copy(f.ids[0], QStringLiteral("Work")), QString());
    const QList<Store::MessageSummary> inWork = f.reader->messages(f.work, 10);
    QCOMPARE(inWork.size(), 1);
    const qint64 copy = inWork.first().id;
    QVERIFY(!f.reader->message(copy)->uid);
    QCOMPARE(f.reader->message(f.ids[0])->uid, std::optional<qint64>(1)); // the original stays
    QCOMPARE(f.reader->rawMessage(copy), f.reader->rawMessage(f.ids[0]));
    QCOMPARE(f.reader->attachments(copy).size(), 1);
    QCOMPARE(f.reader->search(QStringLiteral("zebrafish"), 10).size(), 5); // the copy is searchable too
    QCOMPARE(f.folder(QStringLiteral("Work"))->totalCount, 1);
    QCOMPARE(f.folder(QStringLiteral("INBOX"))->totalCount, 4);

    const QList<Store::PendingOperationRow> queue = f.queue();
    QCOMPARE(queue.size(), 1);
    const auto a = ImapPendingAction::fromRow(queue[0].kind, queue[0].payloadJson);
    QVERIFY(a);
    QCOMPARE(a->kind, Kind::Copy);
    QCOMPARE(a->folder, QStringLiteral("INBOX"));
    QCOMPARE(a->uid, 1u);
    QCOMPARE(a->target, QStringLiteral("Work"));
    QCOMPARE(a->localId, copy);

    // Refusals change nothing: the UID-less copy, an unknown folder, the same folder.
    QVERIFY(!actions.copy(copy, QStringLiteral("INBOX")).isEmpty());
    QVERIFY(!actions.copy(f.ids[1], QStringLiteral("Nowhere")).isEmpty());
    QVERIFY(!actions.copy(f.ids[1], QStringLiteral("INBOX")).isEmpty());
    QCOMPARE(f.queue().size(), 1);
}

void TestImapSyncActionsLogic::appendStoresAtOnce()
{
    Fixture f;
    ImapLocalActions actions(*f.writer, *f.reader);
    qint64 id = 0;
    QCOMPARE(actions.append(f.account, QStringLiteral("Work"), sampleMessage("new@example.org"),
                            Store::MessageFlag::Seen, &id),
             QString());
    const std::optional<Store::MessageRow> m = f.reader->message(id);
    QVERIFY(m);
    QVERIFY(!m->uid);
    QCOMPARE(m->folderId, f.work);
    QCOMPARE(m->messageId, QStringLiteral("new@example.org"));
    QCOMPARE(m->subject, QStringLiteral("Quarterly numbers"));
    QVERIFY(m->flags.testFlag(Store::MessageFlag::Seen));
    QCOMPARE(f.reader->rawMessage(id), std::optional<QByteArray>(sampleMessage("new@example.org")));
    const auto a = ImapPendingAction::fromRow(f.queue().at(0).kind, f.queue().at(0).payloadJson);
    QCOMPARE(a->kind, Kind::Append);
    QCOMPARE(a->folder, QStringLiteral("Work"));
    QCOMPARE(a->localId, id);
    QCOMPARE(a->add, QByteArrayList{"\\Seen"});

    QVERIFY(!actions.append(f.account, QStringLiteral("Nowhere"), sampleMessage("x@y"), {}).isEmpty());
    QVERIFY(!actions.append(f.account, QStringLiteral("Work"), QByteArray(), {}).isEmpty());
    QVERIFY(!actions.append(f.account + 100, QStringLiteral("Work"), sampleMessage("x@y"), {}).isEmpty());
    QCOMPARE(f.queue().size(), 1);
    // Not on the server yet: no action on it until a sync gave it a UID.
    QVERIFY(!actions.setFlags(id, Store::MessageFlag::Flagged, {}).isEmpty());
}

void TestImapSyncActionsLogic::folderActionsChangeTheTreeAtOnce()
{
    Fixture f;
    ImapLocalActions actions(*f.writer, *f.reader);
    QCOMPARE(actions.createFolder(f.account, QStringLiteral("Work/2027")), QString());
    QCOMPARE(f.folder(QStringLiteral("Work/2027"))->displayName, QStringLiteral("2027"));
    QVERIFY(f.folder(QStringLiteral("Work/2027"))->subscribed);
    QVERIFY(!actions.createFolder(f.account, QStringLiteral("Work")).isEmpty());
    QVERIFY(!actions.createFolder(f.account, QStringLiteral("INBOX")).isEmpty());
    QVERIFY(!actions.createFolder(f.account, QStringLiteral("Work//x")).isEmpty());

    QCOMPARE(actions.move(f.ids[0], QStringLiteral("Work/2026")), QString());
    QCOMPARE(actions.renameFolder(f.account, QStringLiteral("Work"), QStringLiteral("Office")), QString());
    QVERIFY(!f.folder(QStringLiteral("Work")));
    QVERIFY(!f.folder(QStringLiteral("Work/2026")));
    QCOMPARE(f.folder(QStringLiteral("Office"))->id, f.work); // the same row: its messages stay
    QCOMPARE(f.folder(QStringLiteral("Office"))->displayName, QStringLiteral("Office"));
    QVERIFY(f.folder(QStringLiteral("Office/2027")));
    QCOMPARE(f.folder(QStringLiteral("Office/2026"))->totalCount, 1);
    QCOMPARE(f.reader->message(f.ids[0])->folderId, f.folder(QStringLiteral("Office/2026"))->id);
    QVERIFY(!actions.renameFolder(f.account, QStringLiteral("Office"), QStringLiteral("Office/Inner")).isEmpty());
    QVERIFY(!actions.renameFolder(f.account, QStringLiteral("Office"), QStringLiteral("Trash")).isEmpty());
    QVERIFY(!actions.renameFolder(f.account, QStringLiteral("INBOX"), QStringLiteral("Old")).isEmpty());
    QVERIFY(!actions.renameFolder(f.account, QStringLiteral("Nowhere"), QStringLiteral("Old")).isEmpty());

    QVERIFY(!actions.deleteFolder(f.account, QStringLiteral("Office")).isEmpty()); // has subfolders
    QVERIFY(!actions.deleteFolder(f.account, QStringLiteral("INBOX")).isEmpty());
    QCOMPARE(actions.deleteFolder(f.account, QStringLiteral("Office/2026")), QString());
    QVERIFY(!f.folder(QStringLiteral("Office/2026")));
    QVERIFY(!f.reader->message(f.ids[0])); // went with its folder

    QCOMPARE(actions.setSubscribed(f.account, QStringLiteral("Trash"), false), QString());
    QVERIFY(!f.folder(QStringLiteral("Trash"))->subscribed);
    QVERIFY(!actions.setSubscribed(f.account, QStringLiteral("Nowhere"), true).isEmpty());

    // In order, each with the names of its moment.
    QList<QPair<Kind, QString>> expected = {{Kind::CreateFolder, QStringLiteral("Work/2027")},
                                            {Kind::Subscribe, QStringLiteral("Work/2027")},
                                            {Kind::Move, QStringLiteral("INBOX")},
                                            {Kind::RenameFolder, QStringLiteral("Work")},
                                            {Kind::DeleteFolder, QStringLiteral("Office/2026")},
                                            {Kind::Unsubscribe, QStringLiteral("Trash")}};
    const QList<Store::PendingOperationRow> queue = f.queue();
    QCOMPARE(queue.size(), expected.size());
    for (qsizetype i = 0; i < queue.size(); ++i) {
        const auto a = ImapPendingAction::fromRow(queue[i].kind, queue[i].payloadJson);
        QVERIFY(a);
        QCOMPARE(a->kind, expected[i].first);
        QCOMPARE(a->folder, expected[i].second);
    }
    QCOMPARE(ImapPendingAction::fromRow(queue[2].kind, queue[2].payloadJson)->target, QStringLiteral("Work/2026"));
    QCOMPARE(ImapPendingAction::fromRow(queue[3].kind, queue[3].payloadJson)->target, QStringLiteral("Office"));
}

void TestImapSyncActionsLogic::placingAndKeepingLocalCopies()
{
    Fixture f;
    ImapLocalActions actions(*f.writer, *f.reader);
    Store::ImapActionCache cache(f.writer->database());
    QCOMPARE(actions.move(f.ids[0], QStringLiteral("Work")), QString());
    // A UID the folder holds already, or a message that has one, is never placed.
    QVERIFY(!cache.placeWithUid(f.ids[0], f.inbox, 2));
    QVERIFY(!cache.placeWithUid(f.ids[1], f.work, 9));
    QVERIFY(cache.placeWithUid(f.ids[0], f.work, 9));
    QCOMPARE(f.reader->message(f.ids[0])->uid, std::optional<qint64>(9));
    QVERIFY(!cache.placeWithUid(f.ids[0], f.work, 10)); // has one now

    qint64 local = 0;
    QCOMPARE(actions.append(f.account, QStringLiteral("Work"), sampleMessage("mine@example.org"), {}, &local), QString());
    cache.keepNotUploaded(local, f.work);
    cache.keepNotUploaded(local, f.work); // the marker once
    QCOMPARE(f.reader->message(local)->keywords, QStringList{QLatin1String(Store::ImapActionCache::NotUploadedKeyword)});
    // A new UIDVALIDITY drops what the server had, never what only we have.
    Store::ImapFolderCache(f.writer->database()).discardFolder(f.work);
    QVERIFY(!f.reader->message(f.ids[0]));
    QVERIFY(f.reader->message(local));
    // A folder leaving the cache hands its local-only messages to another first.
    QCOMPARE(cache.rescueLocalOnly(f.work, f.inbox), 1);
    QCOMPARE(f.reader->message(local)->folderId, f.inbox);
    QCOMPARE(f.folder(QStringLiteral("INBOX"))->totalCount, 4);
    QCOMPARE(f.folder(QStringLiteral("INBOX"))->unreadCount, 4);
    // The user may delete it: nothing to replay for a message the server never took.
    const int queued = int(f.queue().size());
    QCOMPARE(actions.remove(local), QString());
    QVERIFY(!f.reader->message(local));
    QCOMPARE(f.queue().size(), queued);
}

QTEST_GUILESS_MAIN(TestImapSyncActionsLogic)
#include "tst_imapsync_actions_logic.moc"
