// Sent copies and drafts without a server: which folder (by role, created when missing), the flags,
// what IMAP accounts queue for the next sync, what POP3 accounts keep locally, and replaced drafts.
#include "accounts/AccountSettings.h"
#include "send/DraftSaver.h"
#include "send/OutboxSender.h"
#include "send/SentFiler.h"
#include "store/Database.h"
#include "store/OutboxStore.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapPendingAction.h"

#include <QLockFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Petrel;
using namespace Petrel::Core;
using Kind = ImapPendingAction::Kind;

namespace {

QByteArray message(const QByteArray &subject)
{
    return "From: Vera <vera@example.org>\r\nTo: walt@example.org\r\nSubject: " + subject
         + "\r\nMessage-ID: <" + subject + "@example.org>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n\r\nHello.\r\n";
}

struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Store::StoreWriter> writer;
    std::unique_ptr<Store::StoreReader> reader;
    qint64 account = 0;
    AccountSettings settings;

    explicit Fixture(Store::AccountProtocol protocol)
    {
        const QString path = dir.filePath(QStringLiteral("s.db"));
        writer = std::make_unique<Store::StoreWriter>(path);
        reader = std::make_unique<Store::StoreReader>(path);
        Store::AccountRow a;
        a.name = QStringLiteral("vera");
        a.protocol = protocol;
        account = writer->addAccount(a);
        settings.protocol = protocol;
        writer->ensureFolder(account, QStringLiteral("INBOX"), Store::FolderRole::Inbox);
    }

    std::optional<Store::FolderRow> folderWithRole(Store::FolderRole role) const
    {
        for (const Store::FolderRow &f : reader->folders(account)) {
            if (f.role == role)
                return f;
        }
        return std::nullopt;
    }

    QList<ImapPendingAction> queued() const
    {
        QList<ImapPendingAction> out;
        for (const Store::PendingOperationRow &row : reader->pendingOperations(account))
            out.append(*ImapPendingAction::fromRow(row.kind, row.payloadJson));
        return out;
    }
};

} // namespace

class TestSendFiling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void imapSentIsCreatedAndQueued();
    void imapSentUsesTheRoleFolder();
    void imapSentSkippedWhenTheServerFilesIt();
    void pop3SentIsLocal();
    void pop3DraftReplacesLocally();
    void imapDraftReplacesOnTheServer();
    void draftRefusesWhatIsNotADraft();
    void sentButNotFiledIsFiledByTheNextPass();
    void oneOutboxPassAtATime();
};

void TestSendFiling::imapSentIsCreatedAndQueued()
{
    Fixture f(Store::AccountProtocol::Imap);
    qint64 id = 0;
    QCOMPARE(SentFiler(*f.writer, *f.reader).file(f.account, f.settings, message("one"), &id), QString());
    const std::optional<Store::FolderRow> sent = f.folderWithRole(Store::FolderRole::Sent);
    QVERIFY(sent);
    QCOMPARE(sent->path, QStringLiteral("Sent"));
    const std::optional<Store::MessageRow> copy = f.reader->message(id);
    QVERIFY(copy);
    QCOMPARE(copy->folderId, sent->id);
    QVERIFY(copy->flags & Store::MessageFlag::Seen);
    QVERIFY(!copy->uid);
    const QList<ImapPendingAction> queued = f.queued();
    QCOMPARE(queued.size(), 3); // CREATE, SUBSCRIBE, APPEND: the server gets the folder first
    QCOMPARE(queued.at(0).kind, Kind::CreateFolder);
    QCOMPARE(queued.at(2).kind, Kind::Append);
    QCOMPARE(queued.at(2).folder, QStringLiteral("Sent"));
    QCOMPARE(queued.at(2).localId, id);
    QVERIFY(queued.at(2).add.contains(QByteArrayLiteral("\\Seen")));

    // A second copy goes to the same folder; nothing is created again.
    QCOMPARE(SentFiler(*f.writer, *f.reader).file(f.account, f.settings, message("two"), &id), QString());
    QCOMPARE(f.queued().size(), 4);
    QCOMPARE(f.reader->message(id)->folderId, sent->id);
}

void TestSendFiling::imapSentUsesTheRoleFolder()
{
    Fixture f(Store::AccountProtocol::Imap);
    const qint64 sentItems = f.writer->ensureFolder(f.account, QStringLiteral("Sent Items"), Store::FolderRole::Sent);
    qint64 id = 0;
    QCOMPARE(SentFiler(*f.writer, *f.reader).file(f.account, f.settings, message("one"), &id), QString());
    QCOMPARE(f.reader->message(id)->folderId, sentItems);
    QCOMPARE(f.queued().size(), 1);
    QCOMPARE(f.queued().first().folder, QStringLiteral("Sent Items"));
}

void TestSendFiling::imapSentSkippedWhenTheServerFilesIt()
{
    Fixture f(Store::AccountProtocol::Imap);
    f.settings.saveSentCopy = false;
    qint64 id = -1;
    QCOMPARE(SentFiler(*f.writer, *f.reader).file(f.account, f.settings, message("one"), &id), QString());
    QCOMPARE(id, 0);
    QVERIFY(!f.folderWithRole(Store::FolderRole::Sent));
    QVERIFY(f.queued().isEmpty());
}

void TestSendFiling::pop3SentIsLocal()
{
    Fixture f(Store::AccountProtocol::Pop3);
    f.settings.saveSentCopy = false; // a POP3 server keeps no Sent: the local copy is always kept
    qint64 id = 0;
    QCOMPARE(SentFiler(*f.writer, *f.reader).file(f.account, f.settings, message("one"), &id), QString());
    const std::optional<Store::FolderRow> sent = f.folderWithRole(Store::FolderRole::Sent);
    QVERIFY(sent);
    QCOMPARE(f.reader->message(id)->folderId, sent->id);
    QCOMPARE(f.reader->message(id)->subject, QStringLiteral("one"));
    QVERIFY(f.queued().isEmpty());
    // The same bytes twice are two copies (two sends), never merged away.
    qint64 second = 0;
    QCOMPARE(SentFiler(*f.writer, *f.reader).file(f.account, f.settings, message("one"), &second), QString());
    QVERIFY(second > 0 && second != id);
}

void TestSendFiling::pop3DraftReplacesLocally()
{
    Fixture f(Store::AccountProtocol::Pop3);
    DraftSaver saver(*f.writer, *f.reader);
    qint64 first = 0, second = 0;
    QCOMPARE(saver.save(f.account, message("draft"), 0, &first), QString());
    const std::optional<Store::FolderRow> drafts = f.folderWithRole(Store::FolderRole::Drafts);
    QVERIFY(drafts);
    QVERIFY(f.reader->message(first)->flags & Store::MessageFlag::Draft);
    // Unchanged content saved again still replaces (the new one is stored before the old goes).
    QCOMPARE(saver.save(f.account, message("draft"), first, &second), QString());
    QVERIFY(second != first);
    QVERIFY(!f.reader->message(first));
    QCOMPARE(f.reader->message(second)->folderId, drafts->id);
    QVERIFY(f.queued().isEmpty());
}

void TestSendFiling::imapDraftReplacesOnTheServer()
{
    Fixture f(Store::AccountProtocol::Imap);
    const qint64 drafts = f.writer->ensureFolder(f.account, QStringLiteral("Drafts"), Store::FolderRole::Drafts);
    // A version the server has (UID 7)...
    Store::MessageRecord onServer;
    onServer.uid = 7;
    onServer.raw = message("v1");
    onServer.subject = QStringLiteral("v1");
    onServer.flags = Store::MessageFlag::Draft;
    const qint64 v1 = f.writer->insertMessages(drafts, {onServer}, Store::DuplicatePolicy::SkipSameRemoteId).insertedIds.first();
    DraftSaver saver(*f.writer, *f.reader);
    qint64 v2 = 0, v3 = 0;
    QCOMPARE(saver.save(f.account, message("v2"), v1, &v2), QString());
    QVERIFY(!f.reader->message(v1));
    QList<ImapPendingAction> queued = f.queued();
    QCOMPARE(queued.size(), 2); // APPEND the new version, then expunge the old one for good
    QCOMPARE(queued.at(0).kind, Kind::Append);
    QVERIFY(queued.at(0).add.contains(QByteArrayLiteral("\\Draft")));
    QCOMPARE(queued.at(1).kind, Kind::Expunge);
    QCOMPARE(queued.at(1).folder, QStringLiteral("Drafts"));
    QCOMPARE(queued.at(1).uid, 7u);

    // ...replaced before its upload ran: it only leaves the cache (its upload finds nothing).
    QCOMPARE(saver.save(f.account, message("v3"), v2, &v3), QString());
    QVERIFY(!f.reader->message(v2));
    QCOMPARE(f.reader->message(v3)->folderId, drafts);
    queued = f.queued();
    QCOMPARE(queued.size(), 3);
    QCOMPARE(queued.at(2).kind, Kind::Append);
    QCOMPARE(queued.at(2).localId, v3);
}

void TestSendFiling::draftRefusesWhatIsNotADraft()
{
    Fixture f(Store::AccountProtocol::Imap);
    const qint64 inbox = f.folderWithRole(Store::FolderRole::Inbox)->id;
    Store::MessageRecord mail;
    mail.uid = 3;
    mail.raw = message("mail");
    const qint64 id = f.writer->insertMessages(inbox, {mail}, Store::DuplicatePolicy::SkipSameRemoteId).insertedIds.first();
    DraftSaver saver(*f.writer, *f.reader);
    qint64 newId = 0;
    QVERIFY(saver.save(f.account, message("d"), id, &newId).contains(QStringLiteral("not a draft")));
    QVERIFY(saver.save(f.account, message("d"), 424242, &newId).contains(QStringLiteral("no message 424242")));
    QCOMPARE(newId, 0);
    QVERIFY(f.reader->message(id));
    QVERIFY(!f.folderWithRole(Store::FolderRole::Drafts));
    QVERIFY(f.queued().isEmpty());
}

void TestSendFiling::sentButNotFiledIsFiledByTheNextPass()
{
    // A pass ended (killed) between the server's 250 and the Sent copy: the next pass files it
    // and drops the row, without any connection (nothing is due, so none is opened).
    Fixture f(Store::AccountProtocol::Pop3);
    Store::OutboxStore outbox(f.writer->database());
    const qint64 id = outbox.enqueue(f.account, QStringLiteral("one@example.org"), QStringLiteral("vera@example.org"),
                                     {QStringLiteral("walt@example.org")}, message("one"));
    QVERIFY(outbox.claimNext(f.account, QDateTime::currentDateTimeUtc()));
    outbox.markBodyStarting(id);
    outbox.markSent(id, QDateTime::currentDateTimeUtc());

    SentFiler filer(*f.writer, *f.reader);
    OutboxSender sender(*f.writer, f.account);
    int filed = 0;
    sender.setSentFiler([&](const Store::OutboxRow &row, const QByteArray &raw) {
        ++filed;
        [&] { QCOMPARE(row.id, id); }();
        return filer.file(f.account, f.settings, raw);
    });
    QSignalSpy finished(&sender, &OutboxSender::finished);
    sender.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    const OutboxRunResult result = finished.first().first().value<OutboxRunResult>();
    QVERIFY2(result.isOk(), qPrintable(result.message));
    QCOMPARE(result.sent, 0); // never sent again
    QCOMPARE(filed, 1);
    QVERIFY(outbox.list(f.account).isEmpty());
    QVERIFY(outbox.inSentFolder(f.account, QStringLiteral("one@example.org")));

    // A row whose copy is in Sent already just leaves the outbox; nothing is filed twice.
    const qint64 again = outbox.enqueue(f.account, QStringLiteral("one@example.org"), QStringLiteral("vera@example.org"),
                                        {QStringLiteral("walt@example.org")}, message("one"));
    QVERIFY(outbox.claimNext(f.account, QDateTime::currentDateTimeUtc()));
    outbox.markBodyStarting(again);
    outbox.markSent(again, QDateTime::currentDateTimeUtc());
    OutboxSender second(*f.writer, f.account);
    second.setSentFiler([&](const Store::OutboxRow &, const QByteArray &) {
        ++filed;
        return QString();
    });
    QSignalSpy secondFinished(&second, &OutboxSender::finished);
    second.start();
    QTRY_COMPARE_WITH_TIMEOUT(secondFinished.size(), 1, 10000);
    QCOMPARE(filed, 1);
    QVERIFY(outbox.list(f.account).isEmpty());
}

void TestSendFiling::oneOutboxPassAtATime()
{
    // Another process holds the account's outbox: this pass touches nothing, not even the
    // "sending" row that process is working on.
    Fixture f(Store::AccountProtocol::Pop3);
    Store::OutboxStore outbox(f.writer->database());
    const qint64 id = outbox.enqueue(f.account, QStringLiteral("one@example.org"), QStringLiteral("vera@example.org"),
                                     {QStringLiteral("walt@example.org")}, message("one"));
    QVERIFY(outbox.claimNext(f.account, QDateTime::currentDateTimeUtc()));
    QLockFile other(OutboxSender::lockFilePath(f.writer->database().path(), f.account));
    QVERIFY(other.tryLock(0));

    OutboxSender sender(*f.writer, f.account);
    QSignalSpy finished(&sender, &OutboxSender::finished);
    sender.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    const OutboxRunResult result = finished.first().first().value<OutboxRunResult>();
    QCOMPARE(result.error, OutboxRunResult::Error::Busy);
    QVERIFY(result.message.contains(QStringLiteral("Another Petrel process")));
    QCOMPARE(f.reader->outboxMessage(id)->state, Store::OutboxState::Sending);

    // Once it is gone, the next pass takes over (and its leftovers).
    other.unlock();
    OutboxSender next(*f.writer, f.account);
    QSignalSpy nextFinished(&next, &OutboxSender::finished);
    Net::ConnectionSettings nowhere;
    nowhere.host = QStringLiteral("127.0.0.1");
    nowhere.port = 1; // nothing listens: refused at once
    nowhere.security = Net::Security::None;
    next.setConnectionSettings(nowhere);
    next.start();
    QTRY_COMPARE_WITH_TIMEOUT(nextFinished.size(), 1, 30000);
    QCOMPARE(nextFinished.first().first().value<OutboxRunResult>().error, OutboxRunResult::Error::Server);
    QCOMPARE(f.reader->outboxMessage(id)->state, Store::OutboxState::Queued); // recovered, tried, queued again
}

QTEST_GUILESS_MAIN(TestSendFiling)
#include "tst_send_filing.moc"
