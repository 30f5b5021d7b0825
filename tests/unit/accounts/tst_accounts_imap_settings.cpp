// IMAP account settings: the offline body policy and the watched folders, as text and as JSON.
#include "accounts/AccountSettings.h"

#include <QJsonArray>
#include <QTest>

using namespace Petrel::Core;
using Mode = ImapOfflinePolicy::Mode;

class TestAccountsImapSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void policyText_data();
    void policyText();
    void defaults();
    void jsonRoundTrip();
    void unreadableJsonFallsBackToDefaults();
    void validation();
};

void TestAccountsImapSettings::policyText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("days");
    QTest::newRow("inbox") << "inbox" << true << int(Mode::InboxOnly) << 0;
    QTest::newRow("all") << "ALL" << true << int(Mode::All) << 0;
    QTest::newRow("none") << " none " << true << int(Mode::None) << 0;
    QTest::newRow("days") << "days:30" << true << int(Mode::LastDays) << 30;
    QTest::newRow("days max") << "days:36500" << true << int(Mode::LastDays) << 36500;
    QTest::newRow("days zero") << "days:0" << false << 0 << 0;
    QTest::newRow("days too many") << "days:36501" << false << 0 << 0;
    QTest::newRow("days text") << "days:x" << false << 0 << 0;
    QTest::newRow("unknown") << "everything" << false << 0 << 0;
    QTest::newRow("empty") << "" << false << 0 << 0;
}

void TestAccountsImapSettings::policyText()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(int, mode);
    QFETCH(int, days);
    ImapOfflinePolicy p;
    p.mode = Mode::All; // must stay untouched on failure
    QString error;
    QCOMPARE(ImapOfflinePolicy::parse(text, &p, &error), ok);
    if (!ok) {
        QVERIFY(!error.isEmpty());
        QCOMPARE(p.mode, Mode::All);
        return;
    }
    QCOMPARE(int(p.mode), mode);
    QCOMPARE(p.days, days);
    ImapOfflinePolicy back;
    QVERIFY(ImapOfflinePolicy::parse(p.toString(), &back));
    QCOMPARE(back, p);
}

void TestAccountsImapSettings::defaults()
{
    const AccountSettings s;
    QCOMPARE(s.imapOffline.mode, Mode::InboxOnly);
    QCOMPARE(s.imapWatchFolders, QStringList{QStringLiteral("INBOX")});
}

void TestAccountsImapSettings::jsonRoundTrip()
{
    AccountSettings s;
    s.protocol = IncomingProtocol::Imap;
    s.imapOffline = {Mode::LastDays, 14};
    s.imapWatchFolders = {QStringLiteral("INBOX"), QStringLiteral("Lists/Qt")};
    const AccountSettings back = AccountSettings::fromJson(s.toJson());
    QCOMPARE(back.imapOffline, s.imapOffline);
    QCOMPARE(back.imapWatchFolders, s.imapWatchFolders);

    // Sent copies: on by default and after a round trip; off survives it too.
    QVERIFY(AccountSettings::fromJson(s.toJson()).saveSentCopy);
    s.saveSentCopy = false;
    QVERIFY(!AccountSettings::fromJson(s.toJson()).saveSentCopy);
    QVERIFY(AccountSettings::fromJson(QJsonObject()).saveSentCopy);

    // An account that watches nothing keeps it that way.
    s.imapWatchFolders.clear();
    QVERIFY(AccountSettings::fromJson(s.toJson()).imapWatchFolders.isEmpty());
}

void TestAccountsImapSettings::unreadableJsonFallsBackToDefaults()
{
    QJsonObject bad{{QStringLiteral("imap"),
                     QJsonObject{{QStringLiteral("offline"), QStringLiteral("days:-3")},
                                 {QStringLiteral("watch"), QJsonArray{QStringLiteral("INBOX"), 42, QStringLiteral(" ")}}}}};
    const AccountSettings s = AccountSettings::fromJson(bad);
    QCOMPARE(s.imapOffline.mode, Mode::InboxOnly);
    QCOMPARE(s.imapWatchFolders, QStringList{QStringLiteral("INBOX")});
    QCOMPARE(AccountSettings::fromJson(QJsonObject()).imapWatchFolders, QStringList{QStringLiteral("INBOX")});

    QJsonArray many;
    for (int i = 0; i < 50; ++i)
        many.append(QStringLiteral("F%1").arg(i));
    bad = {{QStringLiteral("imap"), QJsonObject{{QStringLiteral("watch"), many}}}};
    QCOMPARE(AccountSettings::fromJson(bad).imapWatchFolders.size(), qsizetype(AccountSettings::MaxWatchFolders));
}

void TestAccountsImapSettings::validation()
{
    AccountSettings s;
    s.name = QStringLiteral("Work");
    s.address = QStringLiteral("me@example.org");
    s.incoming.host = QStringLiteral("imap.example.org");
    QVERIFY(s.validate().isEmpty());
    s.imapOffline = {Mode::LastDays, 0};
    QCOMPARE(s.validate().size(), 1);
    s.imapOffline = {};
    for (int i = 0; i <= AccountSettings::MaxWatchFolders; ++i)
        s.imapWatchFolders.append(QStringLiteral("F%1").arg(i));
    QCOMPARE(s.validate().size(), 1);
    s.imapWatchFolders = {QString()};
    QCOMPARE(s.validate().size(), 1);
}

QTEST_GUILESS_MAIN(TestAccountsImapSettings)
#include "tst_accounts_imap_settings.moc"
