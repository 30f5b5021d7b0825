// petrel-cli account add|list|remove against the real Secret Service (gnome-keyring in the
// fixture's private D-Bus session): the password goes to the keychain and nowhere else.
#include "CliRunner.h"
#include "credentials/CredentialStore.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using Petrel::Core::CredentialResult;
using Petrel::Core::CredentialStore;
using Petrel::Test::CliRun;
using Petrel::Test::CliRunner;

namespace {

const QByteArray password = "correct horse \xc3\xa9 battery 7Qx";

QStringList addArgs(const QString &name)
{
    return {QStringLiteral("account"), QStringLiteral("add"), name, QStringLiteral("--address"),
            QStringLiteral("alice@petrel.test"), QStringLiteral("--host"), QStringLiteral("localhost"),
            QStringLiteral("--port"), QStringLiteral("10993"), QStringLiteral("--protocol"), QStringLiteral("pop3"),
            QStringLiteral("--smtp-host"), QStringLiteral("localhost"), QStringLiteral("--smtp-security"),
            QStringLiteral("starttls"), QStringLiteral("--password-stdin")};
}

// Every file under dir, searched for the password's bytes (plain and UTF-16).
QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    const QByteArray utf16(reinterpret_cast<const char *>(QString::fromUtf8(needle).utf16()),
                           QString::fromUtf8(needle).size() * 2);
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly)) {
            const QByteArray bytes = f.readAll();
            if (bytes.contains(needle) || bytes.contains(utf16))
                hits << f.fileName();
        }
    }
    return hits;
}

} // namespace

class CliAccountsTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString profile() const { return m_dir.filePath(QStringLiteral("profile")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"), "the keyring fixture is not set up");
    }

    void addStoresPasswordInKeychainOnly()
    {
        const CliRunner cli(profile());
        CliRun r = cli.run(addArgs(QStringLiteral("Home")), password + '\n');
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("password stored in the system keychain"));

        r = cli.run({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray accounts = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(accounts.size(), 1);
        const QJsonObject home = accounts.first().toObject();
        QCOMPARE(home.value(QStringLiteral("name")).toString(), QStringLiteral("Home"));
        QCOMPARE(home.value(QStringLiteral("protocol")).toString(), QStringLiteral("pop3"));
        QCOMPARE(home.value(QStringLiteral("incoming")).toObject().value(QStringLiteral("port")).toInt(), 10993);
        QCOMPARE(home.value(QStringLiteral("outgoing")).toObject().value(QStringLiteral("port")).toInt(), 587);
        QVERIFY(!r.out.contains(password));

        // The real keychain holds it, under the account's key.
        const QString key = home.value(QStringLiteral("credentialKey")).toString();
        QVERIFY(!key.isEmpty());
        const CredentialResult stored = CredentialStore().readSecretBlocking(key);
        QVERIFY2(stored.isOk(), qPrintable(stored.errorString));
        QCOMPARE(stored.secret, QString::fromUtf8(password));

        // And nothing in the profile does.
        const QStringList leaks = filesContaining(profile(), password);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char(' '))));
    }

    void duplicateNameRefused()
    {
        const CliRunner cli(profile());
        const CliRun r = cli.run(addArgs(QStringLiteral("Home")), "other\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("already exists"), r.err.constData());
    }

    void removeDeletesSecretAndRow()
    {
        const CliRunner cli(profile());
        CliRun r = cli.run({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
        const QString key = QJsonDocument::fromJson(r.out).array().first().toObject()
                                .value(QStringLiteral("credentialKey")).toString();
        r = cli.run({QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("Home")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(CredentialStore().readSecretBlocking(key).status, CredentialResult::Status::NotFound);
        r = cli.run({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 0);

        r = cli.run({QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("Home")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no account named 'Home'"));
    }

    void noKeychainMeansNoAccountAndNoFallback()
    {
        // A session bus that does not exist: QtKeychain has no Secret Service to talk to.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=") + m_dir.filePath(QStringLiteral("no-such-bus")));
        CliRunner cli(m_dir.filePath(QStringLiteral("profile-nokeychain")));
        cli.setEnvironment(env);
        CliRun r = cli.run(addArgs(QStringLiteral("Lost")), password + '\n');
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("keychain") && r.err.contains("not added"), r.err.constData());
        r = cli.run({QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 0);
        const QStringList leaks = filesContaining(m_dir.path(), password);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char(' '))));
    }

    void emptyStdinIsAUsageError()
    {
        const CliRunner cli(profile());
        const CliRun r = cli.run(addArgs(QStringLiteral("Empty")), QByteArray());
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("held no password"));
    }
};

QTEST_GUILESS_MAIN(CliAccountsTest)
#include "tst_cli_accounts.moc"
