// Core::AccountUpdate on a temporary store: new settings and columns are stored; invalid settings,
// a name taken by another account and an unknown account change nothing; a protocol change goes
// through ProtocolSwitch (POP3 to IMAP keeps the downloads under the archive folder).
#include "accounts/AccountRegistry.h"
#include "accounts/AccountUpdate.h"
#include "credentials/CredentialStore.h"
#include "localmail/ProtocolSwitch.h"
#include "store/StorePaths.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Petrel;

class TestAccountsUpdate : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;
    std::unique_ptr<Store::StoreWriter> writer;
    std::unique_ptr<Store::StoreReader> reader;
    Core::CredentialStore credentials;

    qint64 add(const QString &name, Core::IncomingProtocol protocol)
    {
        Core::AccountSettings s;
        s.name = name;
        s.address = name.toLower() + QStringLiteral("@example.org");
        s.protocol = protocol;
        s.incoming.host = QStringLiteral("127.0.0.1");
        const auto outcome = Core::AccountRegistry(*writer, *reader, credentials).add(s, std::nullopt);
        if (!outcome.ok)
            qFatal("%s", qPrintable(outcome.error));
        return outcome.accountId;
    }

    Core::AccountSettings stored(const QString &name)
    {
        return Core::AccountRegistry(*writer, *reader, credentials).account(name)->settings;
    }

private Q_SLOTS:
    void init()
    {
        writer = std::make_unique<Store::StoreWriter>(Store::defaultDatabasePath(dir.path()));
        reader = std::make_unique<Store::StoreReader>(Store::defaultDatabasePath(dir.path()));
        for (const Store::AccountRow &a : reader->accounts())
            writer->removeAccount(a.id);
    }

    void storesSettingsAndColumns()
    {
        const qint64 id = add(QStringLiteral("Work"), Core::IncomingProtocol::Imap);
        Core::AccountSettings s = stored(QStringLiteral("Work"));
        s.name = QStringLiteral("Office");
        s.displayName = QStringLiteral("Amy");
        s.address = QStringLiteral("amy@example.org");
        s.checkIntervalMinutes = 5;
        s.imapWatchFolders = {QStringLiteral("INBOX"), QStringLiteral("Lists")};
        const auto outcome = Core::AccountUpdate::apply(*writer, *reader, id, s);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QVERIFY(!outcome.protocolSwitched);
        const Store::AccountRow row = *reader->accountById(id);
        QCOMPARE(row.name, QStringLiteral("Office"));
        QCOMPARE(row.displayName, QStringLiteral("Amy"));
        QCOMPARE(row.address, QStringLiteral("amy@example.org"));
        const Core::AccountSettings back = stored(QStringLiteral("Office"));
        QCOMPARE(back.checkIntervalMinutes, 5);
        QCOMPARE(back.imapWatchFolders, s.imapWatchFolders);
        QCOMPARE(back.credentialKey, s.credentialKey);
    }

    void refusalsChangeNothing()
    {
        const qint64 work = add(QStringLiteral("Work"), Core::IncomingProtocol::Imap);
        add(QStringLiteral("Home"), Core::IncomingProtocol::Pop3);
        Core::AccountSettings s = stored(QStringLiteral("Work"));
        s.checkIntervalMinutes = 9;

        Core::AccountSettings invalid = s;
        invalid.incoming.host.clear();
        auto outcome = Core::AccountUpdate::apply(*writer, *reader, work, invalid);
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.error.contains(QStringLiteral("valid host name")), qPrintable(outcome.error));

        Core::AccountSettings taken = s;
        taken.name = QStringLiteral("Home");
        taken.protocol = Core::IncomingProtocol::Pop3; // not switched either
        outcome = Core::AccountUpdate::apply(*writer, *reader, work, taken);
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.error.contains(QStringLiteral("'Home' already exists")), qPrintable(outcome.error));

        outcome = Core::AccountUpdate::apply(*writer, *reader, 999999, s);
        QVERIFY(!outcome.ok);

        QCOMPARE(stored(QStringLiteral("Work")).checkIntervalMinutes, 0);
        QCOMPARE(reader->accountById(work)->protocol, Core::IncomingProtocol::Imap);
    }

    void protocolChangeSwitches()
    {
        const qint64 home = add(QStringLiteral("Home"), Core::IncomingProtocol::Pop3);
        Core::AccountSettings s = stored(QStringLiteral("Home"));
        s.protocol = Core::IncomingProtocol::Imap;
        s.displayName = QStringLiteral("Home user");
        const auto outcome = Core::AccountUpdate::apply(*writer, *reader, home, s);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QVERIFY(outcome.protocolSwitched);
        QCOMPARE(reader->accountById(home)->protocol, Core::IncomingProtocol::Imap);
        QCOMPARE(reader->accountById(home)->displayName, QStringLiteral("Home user"));
        bool archived = false;
        for (const Store::FolderRow &f : reader->folders(home))
            archived = archived || f.path == QLatin1String(Core::ProtocolSwitch::ArchiveRoot);
        QVERIFY(archived);
    }
};

QTEST_MAIN(TestAccountsUpdate)
#include "tst_accounts_update.moc"
