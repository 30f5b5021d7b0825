// The offline body policy without a server: which messages each policy wants, how body downloads
// are batched, how the store completes a headers-only message with its body, and what the on-demand
// fetcher refuses before it would connect.
#include "ImapTestAccount.h"

#include "imap/ImapFetchData.h"
#include "store/ImapFolderCache.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapBodyFetcher.h"
#include "sync/imap/ImapOfflinePolicy.h"
#include "sync/imap/ImapRecordBuilder.h"
#include "sync/imap/ImapSyncPlan.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Petrel;
using namespace Petrel::Core;
using Store::FolderRole;

namespace {

QList<quint32> values(const Imap::ImapSequenceSet &set)
{
    QList<quint32> out;
    for (const auto &r : set.ranges()) {
        for (quint64 v = r.first; v <= r.last; ++v)
            out.append(quint32(v));
    }
    return out;
}

ImapOfflinePolicy policy(const QString &text)
{
    ImapOfflinePolicy p;
    if (!ImapOfflinePolicy::parse(text, &p))
        qFatal("bad policy in test");
    return p;
}

Store::MessageRecord headersOnly(quint32 uid, const QDateTime &internalDate)
{
    Store::MessageRecord r;
    r.uid = uid;
    r.subject = QStringLiteral("subject %1").arg(uid);
    r.fromDisplay = QStringLiteral("Alice <alice@example.org>");
    r.fromAddress = QStringLiteral("alice@example.org");
    r.internalDate = internalDate;
    r.size = 1000 * uid;
    return r;
}

Store::MessageRecord fullFetch(quint32 uid, const QByteArray &raw)
{
    Imap::ImapFetchData d;
    d.uid = uid;
    Imap::ImapFetchSection full;
    full.item = "BODY";
    full.bytes = raw;
    d.sections.append(full);
    return recordFromFetch(d);
}

} // namespace

class TestImapSyncBodies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultPolicyWantsInboxOnly();
    void allAndNonePolicies();
    void lastDaysWantsRecentMailAndAllOfInbox();
    void bodyBatchesAreBoundedByCountAndBytes();
    void attachingABodyCompletesAHeadersOnlyMessage();
    void bodyFetcherDecidesWhatNeedsNoServer();
};

void TestImapSyncBodies::defaultPolicyWantsInboxOnly()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const ImapOfflinePolicy p;
    QCOMPARE(p.mode, ImapOfflinePolicy::Mode::InboxOnly);
    QCOMPARE(p.bodyRuleFor(FolderRole::Inbox, now).kind, ImapBodyRule::Kind::All);
    for (FolderRole role : {FolderRole::None, FolderRole::Sent, FolderRole::Archive, FolderRole::Trash}) {
        const ImapBodyRule rule = p.bodyRuleFor(role, now);
        QCOMPARE(rule.kind, ImapBodyRule::Kind::None);
        QVERIFY(!rule.wantsAny());
        QVERIFY(!rule.wants(now));
    }
    QVERIFY(p.bodyRuleFor(FolderRole::Inbox, now).wants(QDateTime())); // All: even an unknown date
}

void TestImapSyncBodies::allAndNonePolicies()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime ancient(QDate(1999, 1, 1), QTime(0, 0), Qt::UTC);
    for (FolderRole role : {FolderRole::Inbox, FolderRole::None, FolderRole::Sent}) {
        QVERIFY(policy(QStringLiteral("all")).bodyRuleFor(role, now).wants(ancient));
        QCOMPARE(policy(QStringLiteral("none")).bodyRuleFor(role, now).kind, ImapBodyRule::Kind::None);
        QVERIFY(!policy(QStringLiteral("none")).bodyRuleFor(role, now).wants(now));
    }
}

void TestImapSyncBodies::lastDaysWantsRecentMailAndAllOfInbox()
{
    const QDateTime now(QDate(2026, 11, 22), QTime(12, 0), Qt::UTC);
    const ImapOfflinePolicy p = policy(QStringLiteral("days:30"));
    QCOMPARE(p.bodyRuleFor(FolderRole::Inbox, now).kind, ImapBodyRule::Kind::All);
    QVERIFY(p.bodyRuleFor(FolderRole::Inbox, now).wants(now.addYears(-5)));

    const ImapBodyRule projects = p.bodyRuleFor(FolderRole::None, now);
    QCOMPARE(projects.kind, ImapBodyRule::Kind::Recent);
    QCOMPARE(projects.since, now.addDays(-30));
    QVERIFY(projects.wants(now));
    QVERIFY(projects.wants(now.addDays(-30)));              // the cut-off itself is in
    QVERIFY(!projects.wants(now.addDays(-30).addSecs(-1))); // a second older is out
    QVERIFY(!projects.wants(now.addYears(-1)));
    QVERIFY(!projects.wants(QDateTime())); // unknown date: not known to be recent
    // The cut-off is absolute: a local-time "now" gives the same instant.
    QCOMPARE(p.bodyRuleFor(FolderRole::Sent, now.toLocalTime()).since, now.addDays(-30));
}

void TestImapSyncBodies::bodyBatchesAreBoundedByCountAndBytes()
{
    const QList<Store::ImapBodylessMessage> messages = {{10, 100},   {9, 100}, {8, 100}, {7, 5000}, {6, 100},
                                                        {5, 999999}, {4, 100}, {3, 100}, {0, 1},    {2, 100}};
    // Count 3, bytes 1000: 10,9,8 | 7 (alone: bigger than the byte bound) | 6,4,3 ; 5 too large | 2
    const ImapSyncPlan::BodyBatches plan = ImapSyncPlan::bodyBatches(messages, 3, 1000, 100000);
    QCOMPARE(plan.tooLarge, QList<quint32>{5});
    QCOMPARE(plan.count, 8);
    QCOMPARE(plan.batches.size(), 4);
    QCOMPARE(values(plan.batches.at(0)), (QList<quint32>{8, 9, 10}));
    QCOMPARE(values(plan.batches.at(1)), (QList<quint32>{7}));
    QCOMPARE(values(plan.batches.at(2)), (QList<quint32>{3, 4, 6}));
    QCOMPARE(values(plan.batches.at(3)), (QList<quint32>{2}));

    QVERIFY(ImapSyncPlan::bodyBatches({}, 50, 1000, 1000).batches.isEmpty());
    // A zero batch size still makes progress, one message at a time.
    QCOMPARE(ImapSyncPlan::bodyBatches(messages.mid(0, 2), 0, 1000, 1000).batches.size(), 2);
}

void TestImapSyncBodies::attachingABodyCompletesAHeadersOnlyMessage()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("s.db"));
    Store::StoreWriter writer(path);
    const qint64 accountId = addImapTestAccount(writer);
    const qint64 folderId = writer.ensureFolder(accountId, QStringLiteral("Projects"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<Store::MessageRecord> records = {headersOnly(1, now.addDays(-400)), headersOnly(2, now.addDays(-2)),
                                           headersOnly(3, now), headersOnly(4, QDateTime())};
    writer.insertMessages(folderId, records, Store::DuplicatePolicy::SkipSameRemoteId);

    Store::ImapFolderCache cache(writer.database());
    auto uids = [](const QList<Store::ImapBodylessMessage> &list) {
        QList<quint32> out;
        for (const auto &m : list)
            out.append(m.uid);
        return out;
    };
    QCOMPARE(uids(cache.bodylessMessages(folderId)),
             (QList<quint32>{4, 3, 2, 1})); // newest (highest UID) first
    QCOMPARE(uids(cache.bodylessMessages(folderId, now.addDays(-30))), (QList<quint32>{3, 2}));
    QCOMPARE(cache.bodylessMessages(folderId).constFirst().size, 4000);

    const QByteArray raw =
        "From: Alice <alice@example.org>\r\nSubject: subject 2\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
        "zanzibar quokka minutes\r\n--b\r\nContent-Type: text/csv\r\nContent-Disposition: attachment;"
        " filename=plan.csv\r\n\r\na,b\r\n--b--\r\n";
    // UID 9 is not in the folder: ignored; an empty body is not a body.
    Store::MessageRecord empty;
    empty.uid = 3;
    QCOMPARE(writer.attachBodies(folderId, {fullFetch(2, raw), fullFetch(9, raw), empty}), QList<quint32>{2});
    // A second time nothing changes: a stored body is never replaced.
    QCOMPARE(writer.attachBodies(folderId, {fullFetch(2, "Subject: other\r\n\r\nother\r\n")}),
             QList<quint32>{});
    QCOMPARE(uids(cache.bodylessMessages(folderId)), (QList<quint32>{4, 3, 1}));

    Store::StoreReader reader(path);
    const qint64 id = cache.messages(folderId).value(2).id;
    const std::optional<Store::MessageRow> row = reader.message(id);
    QVERIFY(row);
    QVERIFY(row->hasBody);
    QVERIFY(row->hasAttachments);
    QCOMPARE(row->size, 2000); // the server's RFC822.SIZE stays
    QCOMPARE(row->subject, QStringLiteral("subject 2"));
    QVERIFY(row->preview.contains(QStringLiteral("zanzibar")));
    QCOMPARE(reader.rawMessage(id).value_or(QByteArray()), raw);
    const QList<Store::AttachmentRecord> attachments = reader.attachments(id);
    QCOMPARE(attachments.size(), 1);
    QCOMPARE(attachments.first().fileName, QStringLiteral("plan.csv"));
    // The body is searchable now, and the header columns still are, through one index row.
    QCOMPARE(reader.search(QStringLiteral("quokka"), 10).size(), 1);
    QCOMPARE(reader.search(QStringLiteral("quokka alice"), 10).size(), 1);
    QCOMPARE(reader.search(QStringLiteral("subject"), 10).size(), 4);
}

void TestImapSyncBodies::bodyFetcherDecidesWhatNeedsNoServer()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Store::StoreWriter writer(dir.filePath(QStringLiteral("s.db")));
    const qint64 accountId = addImapTestAccount(writer);
    const qint64 inbox = writer.ensureFolder(accountId, QStringLiteral("INBOX"), FolderRole::Inbox);
    const qint64 other = writer.ensureFolder(accountId, QStringLiteral("Other"));
    Store::MessageRecord huge = headersOnly(1, QDateTime::currentDateTimeUtc());
    huge.size = 200LL * 1024 * 1024; // above the parser's literal limit
    Store::MessageRecord withBody = headersOnly(2, QDateTime::currentDateTimeUtc());
    withBody.raw = "Subject: here\r\n\r\nalready here\r\n";
    const QList<qint64> ids =
        writer.insertMessages(inbox, {huge, withBody}, Store::DuplicatePolicy::SkipSameRemoteId).insertedIds;
    const qint64 elsewhere =
        writer.insertMessages(other, {headersOnly(3, QDateTime())}, Store::DuplicatePolicy::SkipSameRemoteId)
            .insertedIds.first();

    // No server is configured: every case here must be decided before connecting.
    auto fetch = [&writer](const QList<qint64> &messageIds) {
        ImapBodyFetcher fetcher(writer, messageIds);
        QSignalSpy spy(&fetcher, &ImapBodyFetcher::finished);
        fetcher.start();
        ImapBodyFetchResult result;
        result.error = ImapBodyFetchResult::Error::Cancelled; // no answer in time
        if (spy.wait(10000) && spy.size() == 1)
            result = spy.first().first().value<ImapBodyFetchResult>();
        return result;
    };
    ImapBodyFetchResult r = fetch({ids.at(1)});
    QVERIFY2(r.isOk(), qPrintable(r.message)); // the body is here: nothing to download
    QCOMPARE(r.withBody, QList<qint64>{ids.at(1)});

    r = fetch({ids.at(0)});
    QCOMPARE(r.error, ImapBodyFetchResult::Error::TooLarge);
    QVERIFY2(r.message.contains(QStringLiteral("200 MB")), qPrintable(r.message));

    r = fetch({ids.at(1), elsewhere});
    QCOMPARE(r.error, ImapBodyFetchResult::Error::InvalidArgument);
    r = fetch({999999});
    QCOMPARE(r.error, ImapBodyFetchResult::Error::InvalidArgument);
    QVERIFY2(r.message.contains(QStringLiteral("no message 999999")), qPrintable(r.message));
}

QTEST_GUILESS_MAIN(TestImapSyncBodies)
#include "tst_imapsync_bodies.moc"
