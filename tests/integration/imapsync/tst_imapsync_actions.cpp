// IMAP local actions end to end against the fixture's real Dovecot (user pat only: tests run in
// parallel): each action changes the cache at once, a sync pass replays it, doveadm shows it on
// the server, and the cache then equals the server. Last, the same through petrel-cli (password
// in the fixture's keychain).
#include "CliRunner.h"
#include "ImapSyncHarness.h"

#include "store/Database.h"
#include "store/ImapActionCache.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapLocalActions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Petrel;
using namespace Petrel::Test;

namespace {

struct LocalMessage
{
    qint64 id = 0;
    qint64 uid = 0; // 0: none (a local copy)
    QString messageId;
    QStringList keywords;
};

QByteArray composeMessage(const QString &messageId, const QString &subject)
{
    return QByteArray("From: Pat Example <pat@example.org>\r\n"
                      "To: pat@example.org\r\n"
                      "Subject: ") +
           subject.toUtf8() + "\r\nMessage-ID: <" + messageId.toUtf8() +
           ">\r\nDate: Mon, 02 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n\r\nWritten offline, uploaded later.\r\n";
}

} // namespace

class TestImapSyncActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void messageActionsSurviveARestartAndReachTheServer();
    void replayingTwiceIsHarmless();
    void folderTreeActionsWithMessagesInside();
    void subscriptionsBothWays();
    void targetDeletedOnTheServerLosesNothing();
    void goneMessagesAndHostileRowsAreDroppedQuietly();
    void refusedRenameLeavesTheServerTree();
    void petrelCliDrivesTheActions();

private:
    // Runs the actions on connections of their own, closed before the sync: the queue lives in the
    // database, not in memory (as when petrel-cli queued them and Petrel restarted).
    void act(const std::function<void(Core::ImapLocalActions &, qint64 accountId)> &actions);
    QList<LocalMessage> local(const QString &folder) const;
    std::optional<Store::FolderRow> localFolder(const QString &path) const;
    int pendingCount() const;
    QSet<QString> serverMailboxes(bool subscribedOnly = false) const;
    QPair<qint64, qint64> serverStatus(const QString &mailbox) const; // messages, unseen
    void expectInSync(const QString &mailbox);
    void syncOk(Core::ImapSyncResult *result = nullptr);

    TestServers m_servers;
    TestUser m_user;
    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<ImapSyncHarness> m_harness;
};

void TestImapSyncActions::initTestCase()
{
    m_servers = TestServers::load();
    QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
    m_user = m_servers.user(QStringLiteral("pat"));
    QVERIFY(m_user.isValid());
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(QStringLiteral("store.db"));
    m_harness = std::make_unique<ImapSyncHarness>(m_servers, m_user, m_db);
    QString error;
    QVERIFY2(m_harness->resetMailboxes(&error), qPrintable(error));
    QVERIFY2(m_harness->seed(12, QString(), &error), qPrintable(error));
    QVERIFY2(m_harness->seed(3, QStringLiteral("Projects"), &error), qPrintable(error));
    syncOk();
    QCOMPARE(local(QStringLiteral("INBOX")).size(), 12);
    QCOMPARE(localFolder(QStringLiteral("INBOX"))->delimiter, QStringLiteral("/"));
}

void TestImapSyncActions::act(const std::function<void(Core::ImapLocalActions &, qint64)> &actions)
{
    Store::StoreWriter writer(m_db);
    Store::StoreReader reader(m_db);
    Core::ImapLocalActions a(writer, reader);
    actions(a, m_harness->accountId());
}

QList<LocalMessage> TestImapSyncActions::local(const QString &folder) const
{
    auto db = Store::Database::open(m_db, Store::Database::Role::Reader);
    Store::Statement s(*db, "SELECT m.id, m.uid, m.message_id, m.keywords FROM messages m"
                            " JOIN folders f ON f.id = m.folder_id WHERE f.account_id = ?1 AND f.path = ?2"
                            " ORDER BY m.uid IS NULL, m.uid, m.id");
    s.bindInt64(1, m_harness->accountId()).bindText(2, folder);
    QList<LocalMessage> out;
    while (s.step())
        out.append({s.columnInt64(0), s.isNull(1) ? 0 : s.columnInt64(1), s.columnText(2),
                     s.columnText(3).split(QLatin1Char(' '), Qt::SkipEmptyParts)});
    return out;
}

std::optional<Store::FolderRow> TestImapSyncActions::localFolder(const QString &path) const
{
    Store::StoreReader reader(m_db);
    for (const Store::FolderRow &f : reader.folders(m_harness->accountId())) {
        if (f.path == path)
            return f;
    }
    return std::nullopt;
}

int TestImapSyncActions::pendingCount() const
{
    Store::StoreReader reader(m_db);
    return int(reader.pendingOperations(m_harness->accountId()).size());
}

QSet<QString> TestImapSyncActions::serverMailboxes(bool subscribedOnly) const
{
    QByteArray out;
    QString error;
    const QStringList rest = subscribedOnly ? QStringList{QStringLiteral("-s")} : QStringList{};
    if (!m_harness->doveadm({QStringLiteral("mailbox"), QStringLiteral("list")}, rest, &error, &out))
        qWarning("%s", qPrintable(error));
    QSet<QString> names;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.trimmed().isEmpty())
            names.insert(QString::fromUtf8(line.trimmed()));
    }
    return names;
}

QPair<qint64, qint64> TestImapSyncActions::serverStatus(const QString &mailbox) const
{
    QByteArray out;
    QString error;
    if (!m_harness->doveadm({QStringLiteral("mailbox"), QStringLiteral("status")},
                            {QStringLiteral("messages unseen"), mailbox},
                            &error, &out)) {
        qWarning("%s", qPrintable(error));
        return {-1, -1};
    }
    QPair<qint64, qint64> status{-1, -1};
    for (const QByteArray &field : out.trimmed().split(' ')) {
        if (field.startsWith("messages="))
            status.first = field.mid(9).toLongLong();
        else if (field.startsWith("unseen="))
            status.second = field.mid(7).toLongLong();
    }
    return status;
}

void TestImapSyncActions::expectInSync(const QString &mailbox)
{
    const ImapSyncSnapshot server = m_harness->onServer(mailbox);
    const ImapSyncSnapshot stored = m_harness->stored(mailbox);
    QVERIFY2(!stored.contains(0), qPrintable(QStringLiteral("a UID-less local copy is left in ") + mailbox));
    QCOMPARE(stored.keys(), server.keys());
    for (auto it = server.cbegin(); it != server.cend(); ++it) {
        QCOMPARE(stored.value(it.key()).flags, it->flags);
        QCOMPARE(stored.value(it.key()).messageId, it->messageId);
    }
    // The counts 'folders' shows are the server's.
    const std::optional<Store::FolderRow> folder = localFolder(mailbox);
    QVERIFY(folder);
    const auto [messages, unseen] = serverStatus(mailbox);
    QCOMPARE(folder->totalCount, messages);
    QCOMPARE(folder->unreadCount, unseen);
}

void TestImapSyncActions::syncOk(Core::ImapSyncResult *result)
{
    const Core::ImapSyncResult r = m_harness->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    for (const QString &w : r.warnings)
        qInfo("sync warning: %s", qPrintable(w));
    if (result)
        *result = r;
    QCOMPARE(pendingCount(), 0);
}

void TestImapSyncActions::messageActionsSurviveARestartAndReachTheServer()
{
    const QList<LocalMessage> inbox = local(QStringLiteral("INBOX"));
    const LocalMessage flagged = inbox.at(0), moved = inbox.at(1), copied = inbox.at(2), trashed = inbox.at(3);
    qint64 appended = 0;
    act([&](Core::ImapLocalActions &a, qint64 account) {
        QCOMPARE(a.setFlags(flagged.id, Store::MessageFlag::Flagged, Store::MessageFlag::Seen), QString());
        QCOMPARE(a.move(moved.id, QStringLiteral("Projects")), QString());
        QCOMPARE(a.copy(copied.id, QStringLiteral("Projects")), QString());
        QCOMPARE(a.remove(trashed.id), QString());
        QCOMPARE(a.append(account, QStringLiteral("INBOX"), composeMessage(QStringLiteral("offline-0@petrel.test"),
                                                                           QStringLiteral("Draft")),
                          Store::MessageFlag::Flagged, &appended),
                 QString());
    });

    // At once, in the cache.
    QCOMPARE(local(QStringLiteral("INBOX")).size(), 11);
    QCOMPARE(local(QStringLiteral("INBOX")).last().id, appended);
    QCOMPARE(local(QStringLiteral("INBOX")).last().uid, 0);
    const QList<LocalMessage> projects = local(QStringLiteral("Projects"));
    QCOMPARE(projects.size(), 5);
    QCOMPARE(projects.at(3).uid, 0);
    QCOMPARE(projects.at(4).uid, 0);
    QCOMPARE(QSet<QString>({projects.at(3).messageId, projects.at(4).messageId}),
             QSet<QString>({moved.messageId, copied.messageId}));
    QCOMPARE(local(QStringLiteral("Trash")).size(), 1);
    QVERIFY(m_harness->stored(QStringLiteral("INBOX")).value(quint32(flagged.uid)).flags.contains(QStringLiteral("\\Flagged")));
    QCOMPARE(localFolder(QStringLiteral("Projects"))->totalCount, 5);
    QCOMPARE(pendingCount(), 5);

    Core::ImapSyncResult r;
    syncOk(&r);
    QCOMPARE(r.replayed, 5);
    QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(r.newMessages, 0); // every local copy took the server's UID (COPYUID, APPENDUID): nothing refetched

    // On the server.
    const ImapSyncSnapshot serverInbox = m_harness->onServer(QStringLiteral("INBOX"));
    QCOMPARE(serverInbox.size(), 11);
    const LocalMessage uploaded = local(QStringLiteral("INBOX")).last();
    QCOMPARE(uploaded.id, appended); // the same row, now under the server's UID
    QCOMPARE(serverInbox.value(quint32(uploaded.uid)).messageId, QStringLiteral("offline-0@petrel.test"));
    QVERIFY(serverInbox.value(quint32(uploaded.uid)).flags.contains(QStringLiteral("\\Flagged")));
    QCOMPARE(serverInbox.value(quint32(flagged.uid)).flags.contains(QStringLiteral("\\Flagged")), true);
    QCOMPARE(serverInbox.value(quint32(flagged.uid)).flags.contains(QStringLiteral("\\Seen")), false);
    QVERIFY(!serverInbox.contains(quint32(moved.uid)));
    QCOMPARE(serverInbox.value(quint32(copied.uid)).messageId, copied.messageId);
    QStringList projectIds;
    for (const ImapSyncSnapshotEntry &e : m_harness->onServer(QStringLiteral("Projects")))
        projectIds << e.messageId;
    QVERIFY(projectIds.contains(moved.messageId));
    QVERIFY(projectIds.contains(copied.messageId));
    QCOMPARE(projectIds.size(), 5);
    QCOMPARE(m_harness->onServer(QStringLiteral("Trash")).first().messageId, trashed.messageId);
    for (const QString &mailbox : {QStringLiteral("INBOX"), QStringLiteral("Projects"), QStringLiteral("Trash")})
        expectInSync(mailbox);
}

void TestImapSyncActions::replayingTwiceIsHarmless()
{
    // The same operations once more, as if a pass had been cut short after the server acted but
    // before the queue was updated.
    const QList<LocalMessage> inbox = local(QStringLiteral("INBOX"));
    const LocalMessage flagged = inbox.at(0), moved = inbox.at(1), copied = inbox.at(2);
    QList<QPair<QString, QByteArray>> rows;
    act([&](Core::ImapLocalActions &a, qint64) {
        QCOMPARE(a.setFlags(flagged.id, Store::MessageFlag::Seen, {}), QString());
        QCOMPARE(a.move(moved.id, QStringLiteral("Projects")), QString());
        QCOMPARE(a.copy(copied.id, QStringLiteral("Projects")), QString());
        QCOMPARE(a.createFolder(m_harness->accountId(), QStringLiteral("Twice")), QString());
    });
    {
        Store::StoreReader reader(m_db);
        for (const Store::PendingOperationRow &row : reader.pendingOperations(m_harness->accountId()))
            rows.append({row.kind, row.payloadJson});
    }
    QCOMPARE(rows.size(), 5); // CREATE comes with SUBSCRIBE
    syncOk();
    const ImapSyncSnapshot inboxBefore = m_harness->onServer(QStringLiteral("INBOX"));
    const ImapSyncSnapshot projectsBefore = m_harness->onServer(QStringLiteral("Projects"));
    QCOMPARE(projectsBefore.size(), 7);

    {
        Store::StoreWriter writer(m_db);
        for (const auto &[kind, payload] : rows)
            writer.enqueuePendingOperation(m_harness->accountId(), kind, payload);
    }
    Core::ImapSyncResult r;
    syncOk(&r);
    QCOMPARE(m_harness->onServer(QStringLiteral("INBOX")), inboxBefore);
    QCOMPARE(m_harness->onServer(QStringLiteral("Projects")), projectsBefore); // no second copy
    QVERIFY(serverMailboxes().contains(QStringLiteral("Twice")));
    for (const QString &mailbox : {QStringLiteral("INBOX"), QStringLiteral("Projects"), QStringLiteral("Twice")})
        expectInSync(mailbox);
}

void TestImapSyncActions::folderTreeActionsWithMessagesInside()
{
    const LocalMessage mover = local(QStringLiteral("INBOX")).at(4);
    const QString appendedId = QStringLiteral("offline-1@petrel.test");
    const QList<LocalMessage> projects = local(QStringLiteral("Projects"));
    QVERIFY(projects.size() >= 2);
    qint64 appendedLocal = 0;
    act([&](Core::ImapLocalActions &a, qint64 account) {
        QCOMPARE(a.createFolder(account, QStringLiteral("Work")), QString());
        QCOMPARE(a.createFolder(account, QStringLiteral("Work/2026")), QString());
        QVERIFY(!a.createFolder(account, QStringLiteral("Work")).isEmpty());   // there already
        QVERIFY(!a.createFolder(account, QStringLiteral("Work//x")).isEmpty()); // empty level
        QCOMPARE(a.move(mover.id, QStringLiteral("Work")), QString());
        QCOMPARE(a.append(account, QStringLiteral("Work/2026"), composeMessage(appendedId, QStringLiteral("Offline")),
                          Store::MessageFlag::Seen, &appendedLocal),
                 QString());
        // Messages in a folder that is renamed after they were acted on: the queue is in order.
        QCOMPARE(a.setFlags(projects.at(0).id, Store::MessageFlag::Flagged, {}), QString());
        QCOMPARE(a.renameFolder(account, QStringLiteral("Projects"), QStringLiteral("Clients")), QString());
        QCOMPARE(a.renameFolder(account, QStringLiteral("Work"), QStringLiteral("Office")), QString());
        QCOMPARE(a.setFlags(projects.at(1).id, Store::MessageFlag::Flagged, {}), QString());
        QCOMPARE(a.deleteFolder(account, QStringLiteral("Twice")), QString());
        QVERIFY(!a.deleteFolder(account, QStringLiteral("Office")).isEmpty()); // has a subfolder
        QVERIFY(!a.renameFolder(account, QStringLiteral("INBOX"), QStringLiteral("Other")).isEmpty());
    });
    // At once: the tree is renamed with its subfolder, the messages went along.
    QVERIFY(!localFolder(QStringLiteral("Work")));
    QVERIFY(!localFolder(QStringLiteral("Projects")));
    QVERIFY(!localFolder(QStringLiteral("Twice")));
    QCOMPARE(localFolder(QStringLiteral("Office/2026"))->displayName, QStringLiteral("2026"));
    QCOMPARE(local(QStringLiteral("Office")).first().messageId, mover.messageId);
    QCOMPARE(local(QStringLiteral("Office/2026")).first().messageId, appendedId);
    QCOMPARE(local(QStringLiteral("Office/2026")).first().id, appendedLocal);
    QCOMPARE(local(QStringLiteral("Clients")).size(), projects.size());

    Core::ImapSyncResult r;
    syncOk(&r);
    QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(QLatin1Char('\n'))));
    const QSet<QString> mailboxes = serverMailboxes();
    for (const QString &gone : {QStringLiteral("Work"), QStringLiteral("Work/2026"), QStringLiteral("Projects"),
                                QStringLiteral("Twice")})
        QVERIFY2(!mailboxes.contains(gone), qPrintable(gone));
    for (const QString &there : {QStringLiteral("Office"), QStringLiteral("Office/2026"), QStringLiteral("Clients")})
        QVERIFY2(mailboxes.contains(there), qPrintable(there));
    QCOMPARE(m_harness->onServer(QStringLiteral("Office")).first().messageId, mover.messageId);
    const ImapSyncSnapshot uploaded = m_harness->onServer(QStringLiteral("Office/2026"));
    QCOMPARE(uploaded.size(), 1);
    QCOMPARE(uploaded.first().messageId, appendedId);
    QVERIFY(uploaded.first().flags.contains(QStringLiteral("\\Seen")));
    const ImapSyncSnapshot clients = m_harness->onServer(QStringLiteral("Clients"));
    QCOMPARE(clients.size(), projects.size());
    QVERIFY(clients.value(quint32(projects.at(0).uid)).flags.contains(QStringLiteral("\\Flagged")));
    QVERIFY(clients.value(quint32(projects.at(1).uid)).flags.contains(QStringLiteral("\\Flagged")));
    for (const QString &mailbox : {QStringLiteral("INBOX"), QStringLiteral("Office"), QStringLiteral("Office/2026"),
                                   QStringLiteral("Clients")})
        expectInSync(mailbox);
    QVERIFY(!localFolder(QStringLiteral("Twice")));

    // Deleting, subfolder first.
    act([&](Core::ImapLocalActions &a, qint64 account) {
        QCOMPARE(a.deleteFolder(account, QStringLiteral("Office/2026")), QString());
        QCOMPARE(a.deleteFolder(account, QStringLiteral("Office")), QString());
    });
    QVERIFY(!localFolder(QStringLiteral("Office")));
    syncOk();
    QVERIFY(!serverMailboxes().contains(QStringLiteral("Office")));
    QVERIFY(!serverMailboxes().contains(QStringLiteral("Office/2026")));
    QVERIFY(!localFolder(QStringLiteral("Office")));
}

void TestImapSyncActions::subscriptionsBothWays()
{
    // A folder made here is subscribed, there too.
    act([&](Core::ImapLocalActions &a, qint64 account) { QCOMPARE(a.createFolder(account, QStringLiteral("Lists")), QString()); });
    QVERIFY(localFolder(QStringLiteral("Lists"))->subscribed);
    syncOk();
    QVERIFY(serverMailboxes(true).contains(QStringLiteral("Lists")));
    QVERIFY(localFolder(QStringLiteral("Lists"))->subscribed);

    // The server's changes reach the cache.
    QString error;
    QVERIFY2(m_harness->doveadm({QStringLiteral("mailbox"), QStringLiteral("unsubscribe")}, {QStringLiteral("Lists")},
                                &error),
             qPrintable(error));
    QVERIFY2(m_harness->doveadm({QStringLiteral("mailbox"), QStringLiteral("subscribe")}, {QStringLiteral("Clients")},
                                &error),
             qPrintable(error));
    syncOk();
    QVERIFY(!localFolder(QStringLiteral("Lists"))->subscribed);
    QVERIFY(localFolder(QStringLiteral("Clients"))->subscribed);
    QVERIFY(localFolder(QStringLiteral("Trash"))->subscribed); // Dovecot subscribes its special-use folders

    // Ours reach the server: at once in the cache, on the server after the pass.
    act([&](Core::ImapLocalActions &a, qint64 account) {
        QCOMPARE(a.setSubscribed(account, QStringLiteral("Clients"), false), QString());
        QCOMPARE(a.setSubscribed(account, QStringLiteral("Lists"), true), QString());
    });
    QVERIFY(!localFolder(QStringLiteral("Clients"))->subscribed);
    QVERIFY(localFolder(QStringLiteral("Lists"))->subscribed);
    syncOk();
    const QSet<QString> subscribed = serverMailboxes(true);
    QVERIFY(!subscribed.contains(QStringLiteral("Clients")));
    QVERIFY(subscribed.contains(QStringLiteral("Lists")));
    QVERIFY(!localFolder(QStringLiteral("Clients"))->subscribed);
    QVERIFY(localFolder(QStringLiteral("Lists"))->subscribed);
}

void TestImapSyncActions::targetDeletedOnTheServerLosesNothing()
{
    act([&](Core::ImapLocalActions &a, qint64 account) { QCOMPARE(a.createFolder(account, QStringLiteral("Temp")), QString()); });
    syncOk();
    QVERIFY(serverMailboxes().contains(QStringLiteral("Temp")));

    const QList<LocalMessage> inbox = local(QStringLiteral("INBOX"));
    const LocalMessage moved = inbox.at(5), copied = inbox.at(6);
    const QString draftId = QStringLiteral("offline-2@petrel.test");
    act([&](Core::ImapLocalActions &a, qint64 account) {
        QCOMPARE(a.move(moved.id, QStringLiteral("Temp")), QString());
        QCOMPARE(a.copy(copied.id, QStringLiteral("Temp")), QString());
        QCOMPARE(a.append(account, QStringLiteral("Temp"), composeMessage(draftId, QStringLiteral("Mine")), {}),
                 QString());
    });
    QCOMPARE(local(QStringLiteral("Temp")).size(), 3);
    // Another client deletes the folder before we sync.
    QString error;
    QVERIFY2(m_harness->doveadm({QStringLiteral("mailbox"), QStringLiteral("delete")}, {QStringLiteral("Temp")}, &error),
             qPrintable(error));

    Core::ImapSyncResult r;
    syncOk(&r);
    QCOMPARE(r.warnings.size(), 4); // three refusals, and where the refused upload is kept
    QVERIFY(!localFolder(QStringLiteral("Temp")));
    // The moved message stays where the server has it, under its UID; the copy's orphan is gone.
    const ImapSyncSnapshot server = m_harness->onServer(QStringLiteral("INBOX"));
    QCOMPARE(server.value(quint32(moved.uid)).messageId, moved.messageId);
    QCOMPARE(server.value(quint32(copied.uid)).messageId, copied.messageId);
    // The message the server refused is kept, only here, marked as not uploaded.
    const QList<LocalMessage> after = local(QStringLiteral("INBOX"));
    QCOMPARE(after.last().uid, 0);
    QCOMPARE(after.last().messageId, draftId);
    QVERIFY(after.last().keywords.contains(QLatin1String(Store::ImapActionCache::NotUploadedKeyword)));
    QCOMPARE(after.size(), server.size() + 1);
    int copies = 0;
    for (const LocalMessage &m : after)
        copies += m.messageId == copied.messageId ? 1 : 0;
    QCOMPARE(copies, 1);

    // Everything but that one message equals the server; the user may delete it locally.
    act([&](Core::ImapLocalActions &a, qint64) { QCOMPARE(a.remove(after.last().id), QString()); });
    QCOMPARE(pendingCount(), 0);
    expectInSync(QStringLiteral("INBOX"));
}

void TestImapSyncActions::goneMessagesAndHostileRowsAreDroppedQuietly()
{
    const QList<LocalMessage> inbox = local(QStringLiteral("INBOX"));
    QVERIFY(inbox.size() >= 8);
    const LocalMessage flagged = inbox.at(6), moved = inbox.at(7);
    act([&](Core::ImapLocalActions &a, qint64) {
        QCOMPARE(a.setFlags(flagged.id, Store::MessageFlag::Flagged, {}), QString());
        QCOMPARE(a.move(moved.id, QStringLiteral("Archive")), QString());
    });
    // Another client expunges both first.
    QString error;
    QVERIFY2(m_harness->doveadm({QStringLiteral("expunge")},
                                {QStringLiteral("mailbox"), QStringLiteral("INBOX"), QStringLiteral("uid"),
                                 QStringLiteral("%1,%2").arg(flagged.uid).arg(moved.uid)},
                                &error),
             qPrintable(error));
    {
        Store::StoreWriter writer(m_db);
        const qint64 account = m_harness->accountId();
        writer.enqueuePendingOperation(account, QStringLiteral("imap.flags"), "{\"folder\":\"INBOX\",\"uid\":-4}");
        writer.enqueuePendingOperation(account, QStringLiteral("imap.move"), "{\"folder\":7,\"uid\":\"1\"}");
        writer.enqueuePendingOperation(account, QStringLiteral("imap.rename-folder"),
                                       "{\"folder\":\"Clients\",\"target\":\"x\\r\\nA1 DELETE INBOX\"}");
        writer.enqueuePendingOperation(account, QStringLiteral("imap.append"), "{\"folder\":\"INBOX\",\"localId\":999999}");
        writer.enqueuePendingOperation(account, QStringLiteral("imap.copy"),
                                       QByteArray("{\"folder\":\"INBOX\",\"uid\":") + QByteArray::number(inbox.at(0).uid) +
                                           ",\"target\":\"Archive\",\"localId\":" + QByteArray::number(inbox.at(0).id) + "}");
        writer.enqueuePendingOperation(account, QStringLiteral("imap.format-disk"), "{}");
    }
    Core::ImapSyncResult r;
    syncOk(&r);
    // The flag change and the move of vanished messages replay as no-ops; the hostile rows go
    // with a warning each (the append of a missing message too); the copy of a message the
    // server has is carried out, and its "local copy" (a message the server knows) is left alone.
    QCOMPARE(r.warnings.size(), 5);
    QVERIFY(serverMailboxes().contains(QStringLiteral("Clients")));
    const ImapSyncSnapshot server = m_harness->onServer(QStringLiteral("INBOX"));
    QVERIFY(!server.contains(quint32(flagged.uid)));
    QVERIFY(server.contains(quint32(inbox.at(0).uid)));
    for (const QString &mailbox : {QStringLiteral("INBOX"), QStringLiteral("Archive"), QStringLiteral("Clients")})
        expectInSync(mailbox);
}

void TestImapSyncActions::refusedRenameLeavesTheServerTree()
{
    const int clients = int(local(QStringLiteral("Clients")).size());
    QVERIFY(clients > 0);
    act([&](Core::ImapLocalActions &a, qint64 account) {
        QCOMPARE(a.renameFolder(account, QStringLiteral("Clients"), QStringLiteral("Taken")), QString());
    });
    QCOMPARE(local(QStringLiteral("Taken")).size(), clients);
    // Another client takes the name first, with messages of its own.
    QString error;
    QVERIFY2(m_harness->seed(2, QStringLiteral("Taken"), &error), qPrintable(error));

    Core::ImapSyncResult r;
    syncOk(&r);
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY2(r.warnings.first().contains(QLatin1String("imap.rename-folder")), qPrintable(r.warnings.first()));
    QVERIFY(serverMailboxes().contains(QStringLiteral("Clients")));
    QCOMPARE(m_harness->onServer(QStringLiteral("Clients")).size(), clients);
    QCOMPARE(m_harness->onServer(QStringLiteral("Taken")).size(), 2);
    expectInSync(QStringLiteral("Clients"));
    expectInSync(QStringLiteral("Taken"));
}

void TestImapSyncActions::petrelCliDrivesTheActions()
{
    CliRunner cli(m_dir.filePath(QStringLiteral("profile")));
    auto run = [&](const QStringList &args, int timeoutMs = 60000) { return cli.run(args, {}, timeoutMs); };
    CliRun r = cli.run({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("pat"), QStringLiteral("--address"),
                        m_user.login, QStringLiteral("--host"), m_servers.host(), QStringLiteral("--port"),
                        QString::number(m_servers.imapTlsPort()), QStringLiteral("--protocol"), QStringLiteral("imap"),
                        QStringLiteral("--security"), QStringLiteral("tls"), QStringLiteral("--ca-file"),
                        m_servers.caFile(), QStringLiteral("--password-stdin")},
                       m_user.password.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = run({QStringLiteral("sync"), QStringLiteral("pat")}, 240000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    auto folders = [&]() {
        QHash<QString, QJsonObject> out;
        const CliRun f = run({QStringLiteral("folders"), QStringLiteral("pat"), QStringLiteral("--json")});
        for (const QJsonValue &v : QJsonDocument::fromJson(f.out).array())
            out.insert(v.toObject().value(QStringLiteral("path")).toString(), v.toObject());
        return out;
    };
    QVERIFY(folders().value(QStringLiteral("Lists")).value(QStringLiteral("subscribed")).toBool());

    r = run({QStringLiteral("list"), QStringLiteral("pat"), QStringLiteral("INBOX"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString copyId = QString::number(QJsonDocument::fromJson(r.out).array().first().toObject().value(QStringLiteral("id")).toInteger());
    r = run({QStringLiteral("show"), copyId, QStringLiteral("--json")});
    const QString copiedMessageId = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("messageId")).toString();
    QVERIFY(!copiedMessageId.isEmpty());
    const QString eml = m_dir.filePath(QStringLiteral("draft.eml"));
    {
        QFile f(eml);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(composeMessage(QStringLiteral("cli-1@petrel.test"), QStringLiteral("From the command line")));
    }

    for (const QStringList &args : QList<QStringList>{
             {QStringLiteral("folder"), QStringLiteral("create"), QStringLiteral("pat"), QStringLiteral("Cli")},
             {QStringLiteral("folder"), QStringLiteral("create"), QStringLiteral("pat"), QStringLiteral("Cli/Sub")},
             {QStringLiteral("copy"), copyId, QStringLiteral("Cli")},
             {QStringLiteral("append"), QStringLiteral("pat"), QStringLiteral("Cli/Sub"), eml, QStringLiteral("--seen")},
             {QStringLiteral("folder"), QStringLiteral("rename"), QStringLiteral("pat"), QStringLiteral("Cli"),
              QStringLiteral("Renamed")},
             {QStringLiteral("folder"), QStringLiteral("unsubscribe"), QStringLiteral("pat"), QStringLiteral("Lists")}}) {
        r = run(args);
        QVERIFY2(r.exitCode == 0, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(r.err)));
    }
    // At once in the cache.
    QHash<QString, QJsonObject> now = folders();
    QCOMPARE(now.value(QStringLiteral("Renamed")).value(QStringLiteral("total")).toInt(), 1);
    QCOMPARE(now.value(QStringLiteral("Renamed/Sub")).value(QStringLiteral("total")).toInt(), 1);
    QCOMPARE(now.value(QStringLiteral("Renamed/Sub")).value(QStringLiteral("unread")).toInt(), 0);
    QVERIFY(!now.value(QStringLiteral("Lists")).value(QStringLiteral("subscribed")).toBool());
    r = run({QStringLiteral("folders"), QStringLiteral("pat")});
    QVERIFY2(r.out.contains("Lists\tnone\t0 messages, 0 unread\tnot subscribed"), r.out.constData());

    // Bad input: a clear error, non-zero, nothing queued.
    QCOMPARE(run({QStringLiteral("folder"), QStringLiteral("create"), QStringLiteral("pat"), QStringLiteral("Renamed")}).exitCode, 1);
    QCOMPARE(run({QStringLiteral("folder"), QStringLiteral("rename"), QStringLiteral("pat"), QStringLiteral("INBOX"),
                  QStringLiteral("Old")}).exitCode, 1);
    QCOMPARE(run({QStringLiteral("folder"), QStringLiteral("delete"), QStringLiteral("pat"), QStringLiteral("Renamed")}).exitCode, 1);
    QCOMPARE(run({QStringLiteral("folder"), QStringLiteral("create"), QStringLiteral("nosuch"), QStringLiteral("X")}).exitCode, 1);
    QCOMPARE(run({QStringLiteral("folder"), QStringLiteral("create"), QStringLiteral("pat")}).exitCode, 2);
    QCOMPARE(run({QStringLiteral("copy"), QStringLiteral("999999"), QStringLiteral("Renamed")}).exitCode, 1);
    QCOMPARE(run({QStringLiteral("copy"), QStringLiteral("x"), QStringLiteral("Renamed")}).exitCode, 2);
    r = run({QStringLiteral("append"), QStringLiteral("pat"), QStringLiteral("INBOX"), m_dir.filePath(QStringLiteral("missing.eml"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("cannot read"), r.err.constData());

    r = run({QStringLiteral("sync"), QStringLiteral("pat")}, 240000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("8 local changes sent"), r.out.constData()); // 2 CREATE + 2 SUBSCRIBE, COPY, APPEND, RENAME, UNSUBSCRIBE
    QVERIFY2(!r.err.contains("warning"), r.err.constData());
    const QSet<QString> mailboxes = serverMailboxes();
    QVERIFY(mailboxes.contains(QStringLiteral("Renamed")));
    QVERIFY(mailboxes.contains(QStringLiteral("Renamed/Sub")));
    QVERIFY(!mailboxes.contains(QStringLiteral("Cli")));
    QVERIFY(!serverMailboxes(true).contains(QStringLiteral("Lists")));
    QCOMPARE(m_harness->onServer(QStringLiteral("Renamed")).first().messageId, copiedMessageId);
    QCOMPARE(m_harness->onServer(QStringLiteral("Renamed/Sub")).first().messageId, QStringLiteral("cli-1@petrel.test"));
    now = folders();
    for (const QString &mailbox : {QStringLiteral("INBOX"), QStringLiteral("Renamed"), QStringLiteral("Renamed/Sub")}) {
        const auto [messages, unseen] = serverStatus(mailbox);
        QCOMPARE(now.value(mailbox).value(QStringLiteral("total")).toInteger(), messages);
        QCOMPARE(now.value(mailbox).value(QStringLiteral("unread")).toInteger(), unseen);
    }
    QVERIFY(!now.value(QStringLiteral("Lists")).value(QStringLiteral("subscribed")).toBool());

    for (const QString &path : {QStringLiteral("Renamed/Sub"), QStringLiteral("Renamed")}) {
        r = run({QStringLiteral("folder"), QStringLiteral("delete"), QStringLiteral("pat"), path});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    r = run({QStringLiteral("sync"), QStringLiteral("pat")}, 240000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!serverMailboxes().contains(QStringLiteral("Renamed")));
    QVERIFY(!folders().contains(QStringLiteral("Renamed")));
}

QTEST_GUILESS_MAIN(TestImapSyncActions)
#include "tst_imapsync_actions.moc"
