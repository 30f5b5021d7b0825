// Two Petrel profiles on one IMAP account (user rita): each sees the other's flag changes, moves
// and deletions through the server, and both caches end equal to the server.
#include "ImapSyncHarness.h"

#include "store/StoreReader.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapLocalActions.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Petrel;
using namespace Petrel::Test;

class TestImapSyncProfiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void bothProfilesStartEqual();
    void flagsAndMovesOfOneReachTheOther();
    void andTheOtherWayRound();

private:
    static QString act(ImapSyncHarness &profile, const std::function<QString(Core::ImapLocalActions &)> &action);
    void expectBothInSync(const QStringList &mailboxes);
    void syncOk(ImapSyncHarness &profile);

    TestServers m_servers;
    TestUser m_user;
    QTemporaryDir m_dir;
    std::unique_ptr<ImapSyncHarness> m_a, m_b;
    quint32 m_flagged = 0; // the message A flags and B unflags
};

void TestImapSyncProfiles::initTestCase()
{
    m_servers = TestServers::load();
    QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
    m_user = m_servers.user(QStringLiteral("rita"));
    QVERIFY(m_user.isValid());
    QVERIFY(m_dir.isValid());
    m_a = std::make_unique<ImapSyncHarness>(m_servers, m_user, m_dir.filePath(QStringLiteral("a.db")));
    m_b = std::make_unique<ImapSyncHarness>(m_servers, m_user, m_dir.filePath(QStringLiteral("b.db")));
    QString error;
    QVERIFY2(m_a->resetMailboxes(&error), qPrintable(error));
    QVERIFY2(m_a->seed(40, QString(), &error), qPrintable(error));
}

QString TestImapSyncProfiles::act(ImapSyncHarness &profile, const std::function<QString(Core::ImapLocalActions &)> &action)
{
    Store::StoreReader reader(profile.databasePath());
    Core::ImapLocalActions actions(profile.writer(), reader);
    return action(actions);
}

void TestImapSyncProfiles::syncOk(ImapSyncHarness &profile)
{
    const Core::ImapSyncResult r = profile.sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(QLatin1Char('\n'))));
}

void TestImapSyncProfiles::expectBothInSync(const QStringList &mailboxes)
{
    for (const QString &mailbox : mailboxes) {
        for (ImapSyncHarness *profile : {m_a.get(), m_b.get()}) {
            const QString why = profile->differences(mailbox);
            QVERIFY2(why.isEmpty(), qPrintable(why));
        }
    }
}

void TestImapSyncProfiles::bothProfilesStartEqual()
{
    syncOk(*m_a);
    syncOk(*m_b);
    expectBothInSync({QStringLiteral("INBOX")});
}

void TestImapSyncProfiles::flagsAndMovesOfOneReachTheOther()
{
    // Seeded messages carry random flags: pick one without \Flagged, so flagging it is a change.
    const ImapSyncSnapshot server = m_a->onServer(QStringLiteral("INBOX"));
    for (auto it = server.cbegin(); it != server.cend() && !m_flagged; ++it) {
        if (!it->flags.contains(QStringLiteral("\\Flagged")))
            m_flagged = it.key();
    }
    QVERIFY(m_flagged);
    const quint32 flagged = m_flagged, archived = server.lastKey();
    const QString archivedId = m_a->stored(QStringLiteral("INBOX")).value(archived).messageId;
    QCOMPARE(act(*m_a, [&](Core::ImapLocalActions &a) {
                 return a.setFlags(m_a->localId(QStringLiteral("INBOX"), flagged),
                                   Store::MessageFlag::Flagged | Store::MessageFlag::Seen, {});
             }),
             QString());
    QCOMPARE(act(*m_a, [&](Core::ImapLocalActions &a) {
                 return a.move(m_a->localId(QStringLiteral("INBOX"), archived), QStringLiteral("Archive"));
             }),
             QString());
    syncOk(*m_a);
    // B has not synced yet: it still shows the old state.
    QVERIFY(!m_b->stored(QStringLiteral("INBOX")).value(flagged).flags.contains(QStringLiteral("\\Flagged")));
    QVERIFY(m_b->stored(QStringLiteral("INBOX")).contains(archived));

    const Core::ImapSyncResult r = m_b->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.flagChanges, 1);
    QCOMPARE(r.expunged, 1);
    const QStringList seenByB = m_b->stored(QStringLiteral("INBOX")).value(flagged).flags;
    QVERIFY(seenByB.contains(QStringLiteral("\\Flagged")) && seenByB.contains(QStringLiteral("\\Seen")));
    QVERIFY(!m_b->stored(QStringLiteral("INBOX")).contains(archived));
    const ImapSyncSnapshot archive = m_b->stored(QStringLiteral("Archive"));
    QCOMPARE(archive.size(), 1);
    QCOMPARE(archive.first().messageId, archivedId);
    expectBothInSync({QStringLiteral("INBOX"), QStringLiteral("Archive")});
}

void TestImapSyncProfiles::andTheOtherWayRound()
{
    const QList<quint32> uids = m_b->onServer(QStringLiteral("INBOX")).keys();
    const quint32 unflagged = m_flagged, trashed = uids.constFirst() == m_flagged ? uids.at(1) : uids.constFirst();
    QCOMPARE(act(*m_b, [&](Core::ImapLocalActions &a) {
                 return a.setFlags(m_b->localId(QStringLiteral("INBOX"), unflagged), {}, Store::MessageFlag::Flagged);
             }),
             QString());
    QCOMPARE(act(*m_b, [&](Core::ImapLocalActions &a) { return a.remove(m_b->localId(QStringLiteral("INBOX"), trashed)); }),
             QString());
    // The archived message goes back to the Inbox from B.
    const quint32 archivedUid = m_b->onServer(QStringLiteral("Archive")).firstKey();
    QCOMPARE(act(*m_b, [&](Core::ImapLocalActions &a) {
                 return a.move(m_b->localId(QStringLiteral("Archive"), archivedUid), QStringLiteral("INBOX"));
             }),
             QString());
    syncOk(*m_b);
    const int inboxOnServer = m_servers.messageCount(m_user.login, QStringLiteral("INBOX"));

    const Core::ImapSyncResult r = m_a->sync();
    QVERIFY2(r.isOk(), qPrintable(r.message));
    QCOMPARE(r.newMessages, 2); // the message in Trash and the one back in INBOX, under new UIDs
    const QStringList seenByA = m_a->stored(QStringLiteral("INBOX")).value(unflagged).flags;
    QVERIFY(!seenByA.contains(QStringLiteral("\\Flagged")) && seenByA.contains(QStringLiteral("\\Seen")));
    QVERIFY(!m_a->stored(QStringLiteral("INBOX")).contains(trashed));
    QCOMPARE(m_a->stored(QStringLiteral("Trash")).size(), 1);
    QVERIFY(m_a->stored(QStringLiteral("Archive")).isEmpty());
    QCOMPARE(m_a->stored(QStringLiteral("INBOX")).size(), inboxOnServer);
    expectBothInSync({QStringLiteral("INBOX"), QStringLiteral("Trash")});
}

QTEST_GUILESS_MAIN(TestImapSyncProfiles)
#include "tst_imapsync_profiles.moc"
