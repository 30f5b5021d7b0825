// The POP3 archive's decisions as pure functions (retention with a fake clock, what is new), the
// retention setting's text and JSON forms, and the store's UIDL state surviving local deletes.
#include "accounts/AccountSettings.h"
#include "store/Database.h"
#include "store/Pop3UidlStore.h"
#include "store/StoreError.h"
#include "store/StoreWriter.h"
#include "sync/pop3/Pop3NewMessages.h"
#include "sync/pop3/Pop3Retention.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Petrel::Core;
using Petrel::Pop3::Pop3ScanListing;
using Petrel::Pop3::Pop3UniqueId;
using Mode = Pop3Retention::Mode;

Q_DECLARE_METATYPE(Petrel::Core::Pop3Retention)

namespace {

const QDateTime t0 = QDateTime(QDate(2026, 1, 10), QTime(12, 0), Qt::UTC);

Pop3LocalCopy copy(bool committed, bool exists, const QDateTime &downloadedAt = t0)
{
    return {committed, exists, downloadedAt};
}

QList<quint32> numbers(const QList<Pop3ServerMessage> &messages)
{
    QList<quint32> out;
    for (const auto &m : messages)
        out << m.number;
    return out;
}

} // namespace

class Pop3SyncLogicTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retention_data()
    {
        QTest::addColumn<Pop3Retention>("retention");
        QTest::addColumn<Pop3LocalCopy>("local");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<bool>("expected");

        const Pop3Retention leave{Mode::Leave, 0};
        const Pop3Retention after7{Mode::DeleteAfterDays, 7};
        const Pop3Retention onLocal{Mode::DeleteOnLocalDelete, 0};
        const Pop3Retention afterDownload{Mode::DeleteAfterDownload, 0};

        QTest::newRow("leave, kept") << leave << copy(true, true) << t0.addDays(1000) << false;
        QTest::newRow("leave, deleted locally") << leave << copy(true, false) << t0 << false;
        QTest::newRow("days: 6d 23h") << after7 << copy(true, true) << t0.addDays(7).addSecs(-3600) << false;
        QTest::newRow("days: exactly 7d") << after7 << copy(true, true) << t0.addDays(7) << true;
        QTest::newRow("days: 30d") << after7 << copy(true, true) << t0.addDays(30) << true;
        QTest::newRow("days: clock before download") << after7 << copy(true, true) << t0.addDays(-3) << false;
        QTest::newRow("days: no download time") << after7 << copy(true, true, QDateTime()) << t0.addDays(30) << false;
        QTest::newRow("days: zero days is invalid") << Pop3Retention{Mode::DeleteAfterDays, 0} << copy(true, true)
                                                    << t0.addDays(30) << false;
        QTest::newRow("on local delete: still there") << onLocal << copy(true, true) << t0.addDays(99) << false;
        QTest::newRow("on local delete: gone") << onLocal << copy(true, false) << t0 << true;
        QTest::newRow("after download") << afterDownload << copy(true, true) << t0 << true;
        // The one rule of every mode: no committed local copy, no DELE.
        QTest::newRow("uncommitted, after download") << afterDownload << copy(false, false) << t0 << false;
        QTest::newRow("uncommitted, on local delete") << onLocal << copy(false, false) << t0 << false;
        QTest::newRow("uncommitted, days") << after7 << copy(false, false) << t0.addDays(100) << false;
    }

    void retention()
    {
        QFETCH(Pop3Retention, retention);
        QFETCH(Pop3LocalCopy, local);
        QFETCH(QDateTime, now);
        QFETCH(bool, expected);
        QCOMPARE(shouldDeleteFromServer(retention, local, now), expected);
    }

    void retentionText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("leave") << "leave" << true << "leave";
        QTest::newRow("days") << "delete-after-days:14" << true << "delete-after-days:14";
        QTest::newRow("case, spaces") << " Delete-After-Download " << true << "delete-after-download";
        QTest::newRow("on local") << "delete-on-local-delete" << true << "delete-on-local-delete";
        QTest::newRow("days 0") << "delete-after-days:0" << false << "";
        QTest::newRow("days negative") << "delete-after-days:-2" << false << "";
        QTest::newRow("days huge") << "delete-after-days:99999999999" << false << "";
        QTest::newRow("days text") << "delete-after-days:x" << false << "";
        QTest::newRow("unknown") << "delete" << false << "";
        QTest::newRow("empty") << "" << false << "";
    }

    void retentionText()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QString, canonical);
        Pop3Retention r{Mode::DeleteAfterDownload, 0};
        const Pop3Retention before = r;
        QString error;
        QCOMPARE(Pop3Retention::parse(text, &r, &error), ok);
        if (ok) {
            QCOMPARE(r.toString(), canonical);
            Pop3Retention again;
            QVERIFY(Pop3Retention::parse(r.toString(), &again));
            QCOMPARE(again, r);
        } else {
            QVERIFY(!error.isEmpty());
            QCOMPARE(r, before); // untouched on failure
        }
    }

    void settingsJson()
    {
        AccountSettings s;
        s.name = QStringLiteral("Home");
        s.address = QStringLiteral("kim@example.org");
        s.protocol = IncomingProtocol::Pop3;
        s.incoming.host = QStringLiteral("pop.example.org");
        s.pop3Retention = {Mode::DeleteAfterDays, 30};
        s.checkIntervalMinutes = 15;
        QVERIFY(s.validate().isEmpty());
        const AccountSettings back = AccountSettings::fromJson(s.toJson());
        QCOMPARE(back.pop3Retention, s.pop3Retention);
        QCOMPARE(back.checkIntervalMinutes, 15);

        // Defaults: leave on server, manual checks. Garbage reads back as the safe default.
        QCOMPARE(AccountSettings::fromJson(QJsonObject()).pop3Retention.mode, Mode::Leave);
        QJsonObject bad = s.toJson();
        bad.insert(QStringLiteral("pop3"), QJsonObject{{QStringLiteral("retention"), QStringLiteral("delete-all")}});
        bad.insert(QStringLiteral("checkIntervalMinutes"), -5);
        QCOMPARE(AccountSettings::fromJson(bad).pop3Retention.mode, Mode::Leave);
        QCOMPARE(AccountSettings::fromJson(bad).checkIntervalMinutes, 0);

        s.pop3Retention = {Mode::DeleteAfterDays, 0};
        s.checkIntervalMinutes = -1;
        QCOMPARE(s.validate().size(), 2);
    }

    void newMessages()
    {
        const QList<Pop3UniqueId> ids = {{1, "a"}, {2, "b"}, {3, "c"}, {4, "b"}, {5, "e"}, {6, ""}};
        const QList<Pop3ScanListing> sizes = {{1, 10}, {2, 20}, {3, 30}, {5, 50}};
        const QList<Pop3ServerMessage> onServer = pop3ServerMessages(ids, sizes);
        // The repeated UIDL "b" keeps its first message; the empty one is dropped.
        QCOMPARE(numbers(onServer), (QList<quint32>{1, 2, 3, 5}));
        QCOMPARE(onServer.at(3).size, qint64(50));

        QCOMPARE(numbers(pop3NewMessages(onServer, {})), (QList<quint32>{5, 3, 2, 1}));
        QCOMPARE(numbers(pop3NewMessages(onServer, {QStringLiteral("a"), QStringLiteral("c")})),
                 (QList<quint32>{5, 2}));
        QCOMPARE(numbers(pop3NewMessages(onServer, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                                    QStringLiteral("e")})),
                 QList<quint32>());
        // Unlisted sizes are unknown, not zero.
        QCOMPARE(pop3ServerMessages({{7, "z"}}, {}).first().size, qint64(-1));
    }

    void storeState()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Petrel::Store::StoreWriter writer(dir.filePath(QStringLiteral("p.sqlite")));
        Petrel::Store::AccountRow account;
        account.name = QStringLiteral("pop");
        account.protocol = Petrel::Store::AccountProtocol::Pop3;
        const qint64 accountId = writer.addAccount(account);
        const qint64 inbox = writer.ensureFolder(accountId, QStringLiteral("INBOX"), Petrel::Store::FolderRole::Inbox);
        Petrel::Store::Pop3UidlStore store(writer.database());
        QVERIFY(store.knownUidls(accountId).isEmpty());

        auto download = [](const char *uidl, const QByteArray &raw) {
            Petrel::Store::Pop3Download d;
            d.uidl = QString::fromLatin1(uidl);
            d.record.raw = raw;
            d.record.subject = QString::fromLatin1(uidl);
            return d;
        };
        const auto first = store.insertDownloaded(
            accountId, inbox, {download("u1", "Subject: 1\r\n\r\none\r\n"), download("u2", "Subject: 2\r\n\r\ntwo\r\n")}, t0);
        QCOMPARE(first.inserted, 2);
        QCOMPARE(first.messageIds.size(), 2);
        // Again, with one new: the known one adds nothing.
        const auto second = store.insertDownloaded(
            accountId, inbox, {download("u2", "Subject: 2\r\n\r\ntwo\r\n"), download("u3", "Subject: 3\r\n\r\n3\r\n")},
            t0.addDays(1));
        QCOMPARE(second.inserted, 1);
        QCOMPARE(second.alreadyKnown, 1);
        QCOMPARE(second.messageIds.first(), first.messageIds.at(1));

        // Deleting locally keeps the UIDL known, without its message.
        QCOMPARE(writer.deleteMessages({first.messageIds.at(0)}), 1);
        auto known = store.knownUidls(accountId);
        QCOMPARE(known.size(), 3);
        QVERIFY(!known.value(QStringLiteral("u1")).messageId.has_value());
        QCOMPARE(*known.value(QStringLiteral("u2")).messageId, first.messageIds.at(1));
        QCOMPARE(known.value(QStringLiteral("u3")).downloadedAt, t0.addDays(1));
        QVERIFY(!known.value(QStringLiteral("u1")).deletedFromServer);

        store.markDeletedFromServer(accountId, {QStringLiteral("u1")});
        QVERIFY(store.knownUidls(accountId).value(QStringLiteral("u1")).deletedFromServer);

        // A failing batch writes nothing, not even its valid messages (one transaction).
        QVERIFY_THROWS_EXCEPTION(Petrel::Store::StoreError,
                                 store.insertDownloaded(accountId, inbox, {download("u4", "x"), download("", "y")}, t0));
        QVERIFY(!store.knownUidls(accountId).contains(QStringLiteral("u4")));

        // Removing the account removes its state.
        writer.removeAccount(accountId);
        QVERIFY(store.knownUidls(accountId).isEmpty());
    }
};

QTEST_GUILESS_MAIN(Pop3SyncLogicTest)
#include "tst_pop3sync_logic.moc"
