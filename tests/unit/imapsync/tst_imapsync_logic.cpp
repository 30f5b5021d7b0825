#include "ImapTestAccount.h"

#include "imap/ImapBodyStructure.h"
#include "store/Database.h"
#include "store/ImapActionCache.h"
#include "store/ImapFolderCache.h"
#include "store/Statement.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapLocalActions.h"
#include "sync/imap/ImapRecordBuilder.h"
#include "sync/imap/ImapSyncPlan.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Petrel;
using namespace Petrel::Core;
using Store::FolderRole;

namespace {

Imap::ImapListEntry entry(const QString &name, Imap::ImapListEntry::SpecialUse use = Imap::ImapListEntry::SpecialUse::None,
                          const QList<QByteArray> &attributes = {})
{
    Imap::ImapListEntry e;
    e.name = name;
    e.nameBytes = name.toUtf8();
    e.delimiter = '/';
    e.specialUse = use;
    e.attributes = attributes;
    return e;
}

QList<quint32> values(const Imap::ImapSequenceSet &set)
{
    QList<quint32> out;
    for (const auto &r : set.ranges()) {
        for (quint64 v = r.first; v <= r.last; ++v)
            out.append(quint32(v));
    }
    return out;
}

} // namespace

class TestImapSyncLogic : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rolesComeFromSpecialUseThenNames();
    void noselectFoldersAreSkipped();
    void uidValidityDecisions();
    void newMessagesAreBatchedNewestFirst();
    void expungedAreCachedUidsTheServerLacks();
    void flagsMapToStoreBitsAndKeywords();
    void onlyChangedFlagsAreApplied();
    void storeFlagsForCommands();
    void headerFetchBuildsABrowsableRecord();
    void headerFieldsGiveTheSameRecordAsTheWholeHeader();
    void fullFetchKeepsTheBody();
    void folderCacheWrites();
    void uidCountFollowsEveryChangeOfTheFolder();
    void localActionsChangeTheStoreAndQueue();
};

void TestImapSyncLogic::rolesComeFromSpecialUseThenNames()
{
    using Use = Imap::ImapListEntry::SpecialUse;
    QCOMPARE(ImapSyncPlan::roleFor(entry(QStringLiteral("INBOX"))), FolderRole::Inbox);
    QCOMPARE(ImapSyncPlan::roleFor(entry(QStringLiteral("inbox"))), FolderRole::Inbox);
    QCOMPARE(ImapSyncPlan::roleFor(entry(QStringLiteral("Gesendet"), Use::Sent)), FolderRole::Sent);
    QCOMPARE(ImapSyncPlan::roleFor(entry(QStringLiteral("Papierkorb"), Use::Trash)), FolderRole::Trash);
    QCOMPARE(ImapSyncPlan::roleFor(entry(QStringLiteral("X"), Use::Junk)), FolderRole::Junk);
    QCOMPARE(ImapSyncPlan::roleFor(entry(QStringLiteral("X"), Use::Drafts)), FolderRole::Drafts);
    QCOMPARE(ImapSyncPlan::roleFor(entry(QStringLiteral("X"), Use::Archive)), FolderRole::Archive);
    // Without special-use, well-known names; a virtual \All folder named "Archive" is not the archive.
    QCOMPARE(ImapSyncPlan::roleFor(entry(QStringLiteral("Sent"))), FolderRole::Sent);
    QCOMPARE(ImapSyncPlan::roleFor(entry(QStringLiteral("Archive"), Use::All)), FolderRole::None);
    QCOMPARE(ImapSyncPlan::roleFor(entry(QStringLiteral("Projects"))), FolderRole::None);
}

void TestImapSyncLogic::noselectFoldersAreSkipped()
{
    QVERIFY(ImapSyncPlan::isSelectable(entry(QStringLiteral("A"))));
    QVERIFY(!ImapSyncPlan::isSelectable(entry(QStringLiteral("A"), {}, {"\\NoSelect"})));
    QVERIFY(!ImapSyncPlan::isSelectable(entry(QStringLiteral("A"), {}, {"\\NonExistent"})));
}

void TestImapSyncLogic::uidValidityDecisions()
{
    using A = ImapSyncPlan::UidValidityAction;
    QCOMPARE(ImapSyncPlan::uidValidityAction(0, 42), A::FirstSync);
    QCOMPARE(ImapSyncPlan::uidValidityAction(42, 42), A::Keep);
    QCOMPARE(ImapSyncPlan::uidValidityAction(42, 43), A::Discard);
}

void TestImapSyncLogic::newMessagesAreBatchedNewestFirst()
{
    const QList<quint32> server = {1, 2, 3, 4, 5, 6, 7, 9, 10, 11};
    const QSet<quint32> cached = {2, 3, 10};
    const auto batches = ImapSyncPlan::newMessageBatches(server, cached, 3);
    QCOMPARE(batches.size(), 3);
    QCOMPARE(values(batches[0]), (QList<quint32>{7, 9, 11}));
    QCOMPARE(values(batches[1]), (QList<quint32>{4, 5, 6}));
    QCOMPARE(values(batches[2]), (QList<quint32>{1}));
    QVERIFY(ImapSyncPlan::newMessageBatches(server, QSet<quint32>(server.cbegin(), server.cend()), 3).isEmpty());
    // A zero batch size still makes progress; duplicates and UID 0 are ignored.
    QCOMPARE(ImapSyncPlan::newMessageBatches({5, 5, 0}, {}, 0).size(), 1);
    // With a larger cap, batches after the first double: 2, 4, 5 (cap), then the rest.
    QList<quint32> many;
    for (quint32 uid = 1; uid <= 13; ++uid)
        many << uid;
    const auto growing = ImapSyncPlan::newMessageBatches(many, {}, 2, 5);
    QCOMPARE(growing.size(), 4);
    QCOMPARE(values(growing[0]), (QList<quint32>{12, 13}));
    QCOMPARE(values(growing[1]), (QList<quint32>{8, 9, 10, 11}));
    QCOMPARE(values(growing[2]), (QList<quint32>{3, 4, 5, 6, 7}));
    QCOMPARE(values(growing[3]), (QList<quint32>{1, 2}));
}

void TestImapSyncLogic::expungedAreCachedUidsTheServerLacks()
{
    QCOMPARE(ImapSyncPlan::expungedUids({1, 2, 3, 8}, {2, 3, 4}), (QList<quint32>{1, 8}));
    QVERIFY(ImapSyncPlan::expungedUids({}, {2}).isEmpty());
    QCOMPARE(ImapSyncPlan::expungedUids({7}, {}), QList<quint32>{7});
}

void TestImapSyncLogic::flagsMapToStoreBitsAndKeywords()
{
    const auto u = ImapSyncPlan::flagUpdate(9, {"\\Seen", "\\FLAGGED", "\\Recent", "$Label1", "\\Answered", "\\Draft",
                                               "\\Deleted", "\\Unknown", "$Forwarded", "$Label1"});
    QCOMPARE(u.uid, 9u);
    QCOMPARE(u.flags, Store::MessageFlags(Store::MessageFlag::Seen | Store::MessageFlag::Flagged |
                                           Store::MessageFlag::Answered | Store::MessageFlag::Draft |
                                           Store::MessageFlag::Deleted));
    QCOMPARE(u.keywords, (QStringList{QStringLiteral("$Forwarded"), QStringLiteral("$Label1")}));
    QCOMPARE(ImapSyncPlan::flagUpdate(1, {}).flags, Store::MessageFlags());
}

void TestImapSyncLogic::onlyChangedFlagsAreApplied()
{
    QHash<quint32, Store::ImapCachedMessage> cached;
    cached.insert(1, {10, Store::MessageFlag::Seen, {}});
    cached.insert(2, {11, Store::MessageFlag::Seen, {QStringLiteral("$b"), QStringLiteral("$a")}});
    cached.insert(3, {12, {}, {}});
    const QList<Store::ImapFlagUpdate> server = {
        ImapSyncPlan::flagUpdate(1, {"\\Seen"}),        // same
        ImapSyncPlan::flagUpdate(2, {"\\Seen", "$a", "$b"}), // same, other order
        ImapSyncPlan::flagUpdate(3, {"\\Flagged"}),     // changed: the server wins
        ImapSyncPlan::flagUpdate(4, {"\\Seen"}),        // not cached: the new-message fetch brings it
    };
    const auto changed = ImapSyncPlan::changedFlags(server, cached);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed[0].uid, 3u);
    QCOMPARE(changed[0].flags, Store::MessageFlags(Store::MessageFlag::Flagged));
}

void TestImapSyncLogic::storeFlagsForCommands()
{
    QCOMPARE(ImapSyncPlan::imapFlags(Store::MessageFlag::Seen | Store::MessageFlag::Flagged),
             (QByteArrayList{"\\Seen", "\\Flagged"}));
    QVERIFY(ImapSyncPlan::imapFlags({}).isEmpty());
}

void TestImapSyncLogic::headerFetchBuildsABrowsableRecord()
{
    Imap::ImapFetchData d;
    d.uid = 77;
    d.flags = QList<QByteArray>{"\\Seen", "$Work"};
    d.rfc822Size = 12345;
    d.internalDate = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
    Imap::ImapFetchSection header;
    header.item = "BODY";
    header.section = "HEADER";
    header.bytes = QByteArray("From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.org>\r\nTo: a@example.org, b@example.org\r\n"
                              "Subject: =?UTF-8?B?w5xiZXJzaWNodA==?=\r\nMessage-ID: <m1@example.org>\r\n"
                              "Date: Fri, 02 Jan 2026 01:00:00 +0000\r\n\r\n");
    d.sections.append(header);
    auto structure = std::make_shared<Imap::ImapBodyStructure>();
    structure->type = "multipart";
    structure->subtype = "mixed";
    Imap::ImapBodyStructure text;
    text.type = "text";
    text.subtype = "plain";
    Imap::ImapBodyStructure pdf;
    pdf.type = "application";
    pdf.subtype = "pdf";
    pdf.disposition = QByteArray("attachment");
    structure->parts = {text, pdf};
    d.bodyStructure = structure;

    const Store::MessageRecord r = recordFromFetch(d);
    QCOMPARE(r.uid, std::optional<qint64>(77));
    QCOMPARE(r.subject, QStringLiteral("Übersicht"));
    QCOMPARE(r.fromAddress, QStringLiteral("j@example.org"));
    QVERIFY(r.fromDisplay.contains(QStringLiteral("Jürgen")));
    QCOMPARE(r.messageId, QStringLiteral("m1@example.org"));
    QCOMPARE(r.size, 12345);
    QCOMPARE(r.internalDate, d.internalDate);
    QCOMPARE(r.flags, Store::MessageFlags(Store::MessageFlag::Seen));
    QCOMPARE(r.keywords, QStringList{QStringLiteral("$Work")});
    QVERIFY(r.hasAttachments);
    QVERIFY(r.raw.isEmpty()); // headers only: the body is fetched later
}

// The first sync asks only for the header fields the cache keeps (headerFetchItem()); a record
// built from them must equal one built from the whole header.
void TestImapSyncLogic::headerFieldsGiveTheSameRecordAsTheWholeHeader()
{
    const QByteArray item = headerFetchItem();
    QVERIFY(item.startsWith("BODY.PEEK[HEADER.FIELDS ("));
    const QByteArray fieldList = item.mid(item.indexOf('(') + 1, item.lastIndexOf(')') - item.indexOf('(') - 1);
    const QList<QByteArray> fields = fieldList.split(' ');
    const QByteArray whole =
        "Return-Path: <bounce@example.org>\r\nReceived: from mx by mx; Fri, 02 Jan 2026 01:00:00 +0000\r\n"
        "From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.org>\r\nSender: s@example.org\r\n"
        "Reply-To: r@example.org\r\nTo: a@example.org,\r\n b@example.org\r\nCc: c@example.org\r\n"
        "Subject: =?UTF-8?B?w5xiZXJzaWNodA==?=\r\nMessage-ID: <m2@example.org>\r\n"
        "In-Reply-To: <m1@example.org>\r\nReferences: <m0@example.org>\r\n <m1@example.org>\r\n"
        "Date: Fri, 02 Jan 2026 01:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nList-Id: <list.example.org>\r\nX-Other: 1\r\n\r\n";
    // What a server answers for HEADER.FIELDS: the listed fields (folded lines kept), then CRLF.
    QByteArray selected;
    bool keep = false;
    for (const QByteArray &line : whole.split('\n')) {
        if (line.isEmpty() || line == "\r")
            continue;
        if (line.at(0) != ' ' && line.at(0) != '\t')
            keep = fields.contains(line.left(line.indexOf(':')).toUpper());
        if (keep)
            selected += QByteArray(line + '\n');
    }
    selected += "\r\n";
    QVERIFY(selected.contains("References: <m0@example.org>\r\n <m1@example.org>\r\n"));
    QVERIFY(!selected.contains("Received:"));

    auto recordFor = [](const QByteArray &section, const QByteArray &bytes) {
        Imap::ImapFetchData d;
        d.uid = 5;
        Imap::ImapFetchSection s;
        s.item = "BODY";
        s.section = section;
        s.bytes = bytes;
        d.sections.append(s);
        return recordFromFetch(d);
    };
    const Store::MessageRecord fromWhole = recordFor("HEADER", whole);
    const Store::MessageRecord fromFields = recordFor(QByteArray("HEADER.FIELDS (" + fieldList.toLower() + ")"), selected);
    QCOMPARE(fromWhole.subject, QStringLiteral("Übersicht"));
    QCOMPARE(fromFields.subject, fromWhole.subject);
    QCOMPARE(fromFields.fromDisplay, fromWhole.fromDisplay);
    QCOMPARE(fromFields.fromAddress, fromWhole.fromAddress);
    QCOMPARE(fromFields.to, fromWhole.to);
    QCOMPARE(fromFields.cc, fromWhole.cc);
    QCOMPARE(fromFields.replyTo, fromWhole.replyTo);
    QCOMPARE(fromFields.date, fromWhole.date);
    QVERIFY(fromWhole.date.isValid());
    QCOMPARE(fromFields.messageId, fromWhole.messageId);
    QCOMPARE(fromFields.inReplyTo, QStringLiteral("m1@example.org"));
    QCOMPARE(fromFields.inReplyTo, fromWhole.inReplyTo);
    QCOMPARE(fromFields.references, fromWhole.references);
    QCOMPARE(fromWhole.references.size(), 2);
}

void TestImapSyncLogic::fullFetchKeepsTheBody()
{
    Imap::ImapFetchData d;
    d.uid = 3;
    d.flags = QList<QByteArray>{};
    Imap::ImapFetchSection full;
    full.item = "BODY";
    full.bytes = QByteArray("From: a@example.org\r\nSubject: hello\r\nMessage-ID: <x@y>\r\n\r\nthe body text\r\n");
    d.sections.append(full);
    d.rfc822Size = full.bytes->size();
    const Store::MessageRecord r = recordFromFetch(d);
    QCOMPARE(r.raw, *full.bytes);
    QCOMPARE(r.subject, QStringLiteral("hello"));
    QVERIFY(r.bodyText.contains(QStringLiteral("the body text")));
    QCOMPARE(r.flags, Store::MessageFlags());
}

void TestImapSyncLogic::folderCacheWrites()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("s.db"));
    Store::StoreWriter writer(path);
    const qint64 accountId = addImapTestAccount(writer);
    const qint64 folderId = writer.ensureFolder(accountId, QStringLiteral("INBOX"), FolderRole::Inbox);
    QList<Store::MessageRecord> records;
    for (int uid = 1; uid <= 4; ++uid) {
        Store::MessageRecord r;
        r.uid = uid;
        r.subject = QStringLiteral("m%1").arg(uid);
        records.append(r);
    }
    writer.insertMessages(folderId, records, Store::DuplicatePolicy::SkipSameRemoteId);
    writer.setFolderSyncState(folderId, 5, 5, 9);

    Store::ImapFolderCache cache(writer.database());
    QCOMPARE(cache.messages(folderId).size(), 4);
    QCOMPARE(cache.applyFlags(folderId, {ImapSyncPlan::flagUpdate(2, {"\\Seen", "$x"}),
                                         ImapSyncPlan::flagUpdate(3, {})}),
             1); // uid 3 had no flags already
    const auto after = cache.messages(folderId);
    QCOMPARE(after.value(2).flags, Store::MessageFlags(Store::MessageFlag::Seen));
    QCOMPARE(after.value(2).keywords, QStringList{QStringLiteral("$x")});
    Store::StoreReader reader(path);
    QCOMPARE(reader.folder(folderId)->unreadCount, 3); // the store's counters follow

    QCOMPARE(cache.removeUids(folderId, {1, 99}), 1);
    QCOMPARE(cache.messages(folderId).size(), 3);
    cache.discardFolder(folderId);
    QVERIFY(cache.messages(folderId).isEmpty());
    const auto folder = reader.folder(folderId);
    QCOMPARE(folder->uidValidity, 0);
    QCOMPARE(folder->highestModSeq, 0);
    QCOMPARE(folder->totalCount, 0);
}

// messageCount() is derived from the folder's counter (the no-change resync's shortcut trusts it):
// after every kind of change it must equal a plain count of the folder's UID rows.
void TestImapSyncLogic::uidCountFollowsEveryChangeOfTheFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Store::StoreWriter writer(dir.filePath(QStringLiteral("s.db")));
    const qint64 accountId = addImapTestAccount(writer);
    const qint64 inbox = writer.ensureFolder(accountId, QStringLiteral("INBOX"), FolderRole::Inbox);
    const qint64 other = writer.ensureFolder(accountId, QStringLiteral("Other"), FolderRole::None);
    Store::ImapFolderCache cache(writer.database());
    Store::ImapActionCache actions(writer.database());
    const auto counted = [&](qint64 folderId) {
        Store::Statement s(writer.database(), "SELECT count(*) FROM messages WHERE folder_id = ?1 AND uid IS NOT NULL");
        s.bindInt64(1, folderId);
        return s.step() ? int(s.columnInt64(0)) : -1;
    };
    const auto expectCount = [&](int inInbox) {
        QCOMPARE(cache.messageCount(inbox), inInbox);
        QCOMPARE(cache.messageCount(inbox), counted(inbox));
        QCOMPARE(cache.messageCount(other), counted(other));
    };
    QCOMPARE(cache.messageCount(inbox), 0);
    QCOMPARE(cache.messageCount(9999), -1);

    QList<Store::MessageRecord> records;
    for (int uid = 1; uid <= 6; ++uid) {
        Store::MessageRecord r;
        r.uid = uid;
        r.subject = QStringLiteral("m%1").arg(uid);
        records.append(r);
    }
    Store::MessageRecord local; // no UID: e.g. a message the server refused, kept here
    local.subject = QStringLiteral("local");
    records.append(local);
    const QList<qint64> ids =
        writer.insertMessages(inbox, records, Store::DuplicatePolicy::SkipSameRemoteId).insertedIds;
    QCOMPARE(ids.size(), 7);
    expectCount(6); // the UID-less row is in total_count, not in the UID count

    actions.keepNotUploaded(ids.at(0), inbox); // same folder, loses its UID
    expectCount(5);
    QVERIFY(actions.placeWithUid(ids.at(0), inbox, 50)); // gets one back
    expectCount(6);
    QCOMPARE(writer.moveMessages({ids.at(1)}, other), 1); // a local move: UID-less in Other
    expectCount(5);
    QCOMPARE(cache.messageCount(other), 0);
    QVERIFY(actions.placeWithUid(ids.at(1), other, 7));
    QCOMPARE(cache.messageCount(other), 1);
    QCOMPARE(cache.removeUids(inbox, {3}), 1);
    expectCount(4);
    QCOMPARE(writer.deleteMessages({ids.at(3), ids.at(6)}), 2);
    expectCount(3);
    cache.discardFolder(inbox);
    expectCount(0);
    writer.removeFolder(other);
    QCOMPARE(cache.messageCount(other), -1);
}

void TestImapSyncLogic::localActionsChangeTheStoreAndQueue()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("s.db"));
    Store::StoreWriter writer(path);
    Store::StoreReader reader(path);
    const qint64 accountId = addImapTestAccount(writer, QStringLiteral("imap"));
    Store::AccountRow pop;
    pop.name = QStringLiteral("pop");
    pop.protocol = Store::AccountProtocol::Pop3;
    const qint64 popId = writer.addAccount(pop);
    const qint64 inbox = writer.ensureFolder(accountId, QStringLiteral("INBOX"), FolderRole::Inbox);
    const qint64 trash = writer.ensureFolder(accountId, QStringLiteral("Trash"), FolderRole::Trash);
    writer.ensureFolder(accountId, QStringLiteral("Work"));
    const qint64 popInbox = writer.ensureFolder(popId, QStringLiteral("INBOX"), FolderRole::Inbox);
    QList<Store::MessageRecord> records;
    for (int uid = 1; uid <= 4; ++uid) {
        Store::MessageRecord r;
        r.uid = uid;
        r.subject = QStringLiteral("m%1").arg(uid);
        records.append(r);
    }
    const QList<qint64> ids = writer.insertMessages(inbox, records, Store::DuplicatePolicy::SkipSameRemoteId).insertedIds;
    Store::MessageRecord popRecord;
    popRecord.uidl = QStringLiteral("u1");
    const qint64 popMessage =
        writer.insertMessages(popInbox, {popRecord}, Store::DuplicatePolicy::SkipSameRemoteId).insertedIds.first();

    ImapLocalActions actions(writer, reader);
    QCOMPARE(actions.setFlags(ids[0], Store::MessageFlag::Flagged, Store::MessageFlag::Seen), QString());
    QCOMPARE(reader.message(ids[0])->flags, Store::MessageFlags(Store::MessageFlag::Flagged));
    QCOMPARE(actions.move(ids[1], QStringLiteral("Work")), QString());
    QVERIFY(!reader.message(ids[1])->uid); // a UID belongs to its folder
    QCOMPARE(actions.remove(ids[2]), QString());
    QCOMPARE(reader.message(ids[2])->folderId, trash);

    // Refusals change nothing and queue nothing.
    QVERIFY(!actions.move(ids[3], QStringLiteral("Nowhere")).isEmpty());
    QVERIFY(!actions.move(ids[3], QStringLiteral("INBOX")).isEmpty());
    QVERIFY(!actions.setFlags(999, Store::MessageFlag::Seen, {}).isEmpty());
    QVERIFY(!actions.setFlags(popMessage, Store::MessageFlag::Seen, {}).isEmpty());
    QVERIFY(!actions.setFlags(ids[1], Store::MessageFlag::Seen, {}).isEmpty()); // moved, no UID until the sync
    QCOMPARE(actions.remove(ids[3]), QString()); // to Trash
    QVERIFY(!actions.remove(ids[2]).isEmpty());  // in Trash without a UID until the sync: refused
    // Deleting what is in Trash removes it for good.
    Store::MessageRecord inTrash;
    inTrash.uid = 7;
    const qint64 trashed =
        writer.insertMessages(trash, {inTrash}, Store::DuplicatePolicy::SkipSameRemoteId).insertedIds.first();
    QCOMPARE(actions.remove(trashed), QString());
    QVERIFY(!reader.message(trashed));

    const QList<Store::PendingOperationRow> queue = reader.pendingOperations(accountId);
    QCOMPARE(queue.size(), 5);
    QCOMPARE(queue[0].kind, QLatin1String(ImapLocalActions::FlagsKind));
    const QJsonObject flags = QJsonDocument::fromJson(queue[0].payloadJson).object();
    QCOMPARE(flags.value(QStringLiteral("folder")).toString(), QStringLiteral("INBOX"));
    QCOMPARE(flags.value(QStringLiteral("uid")).toInteger(), 1);
    QCOMPARE(flags.value(QStringLiteral("add")).toVariant().toStringList(), QStringList{QStringLiteral("\\Flagged")});
    QCOMPARE(flags.value(QStringLiteral("remove")).toVariant().toStringList(), QStringList{QStringLiteral("\\Seen")});
    QCOMPARE(queue[1].kind, QLatin1String(ImapLocalActions::MoveKind));
    const QJsonObject move = QJsonDocument::fromJson(queue[1].payloadJson).object();
    QCOMPARE(move.value(QStringLiteral("target")).toString(), QStringLiteral("Work"));
    QCOMPARE(move.value(QStringLiteral("localId")).toInteger(), ids[1]);
    QCOMPARE(QJsonDocument::fromJson(queue[2].payloadJson).object().value(QStringLiteral("target")).toString(),
             QStringLiteral("Trash"));
    QCOMPARE(queue[3].kind, QLatin1String(ImapLocalActions::MoveKind));
    QCOMPARE(queue[4].kind, QLatin1String(ImapLocalActions::ExpungeKind));
    const QJsonObject expunge = QJsonDocument::fromJson(queue[4].payloadJson).object();
    QCOMPARE(expunge.value(QStringLiteral("folder")).toString(), QStringLiteral("Trash"));
    QCOMPARE(expunge.value(QStringLiteral("uid")).toInteger(), 7);
}

QTEST_GUILESS_MAIN(TestImapSyncLogic)
#include "tst_imapsync_logic.moc"
