// Command encoder: byte-exact output for every builder, literal choice, quoting, mailbox name
// encoding and log redaction.
#include "imap/ImapCommandBuilder.h"
#include "imap/ImapLogRedactor.h"
#include "imap/ImapResponseParser.h"

#include <QTest>
#include <QTimeZone>

#include <functional>

using namespace Petrel::Imap;

using Build = std::function<ImapCommand(ImapCommandBuilder &)>;
Q_DECLARE_METATYPE(Build)

namespace {

// Chunks joined, with "|WAIT|" where the session must wait for a continuation.
QByteArray render(const ImapCommand &command)
{
    QByteArray out;
    for (const auto &chunk : command.chunks)
        out += chunk.bytes + (chunk.waitForContinuation ? "|WAIT|" : "");
    return out;
}

ImapCapabilities caps(const QList<QByteArray> &atoms)
{
    return ImapCapabilities::fromAtoms(atoms);
}

} // namespace

class TestImapEncoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commands_data()
    {
        QTest::addColumn<QList<QByteArray>>("capabilities");
        QTest::addColumn<bool>("utf8");
        QTest::addColumn<Build>("build");
        QTest::addColumn<QByteArray>("expected");
        const QList<QByteArray> none;
        const QList<QByteArray> plus = {"IMAP4rev1", "LITERAL+", "SASL-IR", "BINARY"};
        const QList<QByteArray> minus = {"IMAP4rev1", "LITERAL-"};
        using B = ImapCommandBuilder;
        using S = ImapSequenceSet;

        QTest::newRow("capability") << none << false << Build([](B &b) { return b.capability(); })
                                    << QByteArray("a1 CAPABILITY\r\n");
        QTest::newRow("noop") << none << false << Build([](B &b) { return b.noop(); })
                              << QByteArray("a1 NOOP\r\n");
        QTest::newRow("logout") << none << false << Build([](B &b) { return b.logout(); })
                                << QByteArray("a1 LOGOUT\r\n");
        QTest::newRow("starttls") << none << false << Build([](B &b) { return b.startTls(); })
                                  << QByteArray("a1 STARTTLS\r\n");
        QTest::newRow("namespace") << none << false << Build([](B &b) { return b.namespaceCommand(); })
                                   << QByteArray("a1 NAMESPACE\r\n");
        QTest::newRow("idle") << none << false << Build([](B &b) { return b.idle(); })
                              << QByteArray("a1 IDLE\r\n");
        QTest::newRow("close") << none << false << Build([](B &b) { return b.close(); })
                               << QByteArray("a1 CLOSE\r\n");
        QTest::newRow("unselect") << none << false << Build([](B &b) { return b.unselect(); })
                                  << QByteArray("a1 UNSELECT\r\n");
        QTest::newRow("expunge") << none << false << Build([](B &b) { return b.expunge(); })
                                 << QByteArray("a1 EXPUNGE\r\n");
        QTest::newRow("tags increase") << none << false << Build([](B &b) {
            b.noop();
            b.noop();
            return b.noop();
        }) << QByteArray("a3 NOOP\r\n");

        QTest::newRow("login atoms") << none << false << Build([](B &b) {
            return b.login(QStringLiteral("ana@example.org"), QStringLiteral("s3cret"));
        }) << QByteArray("a1 LOGIN ana@example.org s3cret\r\n");
        QTest::newRow("login quoted") << none << false << Build([](B &b) {
            return b.login(QStringLiteral("ana"), QStringLiteral("pa ss\"w\\d"));
        }) << QByteArray("a1 LOGIN ana \"pa ss\\\"w\\\\d\"\r\n");
        QTest::newRow("login empty password")
            << none << false << Build([](B &b) { return b.login(QStringLiteral("ana"), QString()); })
            << QByteArray("a1 LOGIN ana \"\"\r\n");
        QTest::newRow("login NIL quoted") << none << false << Build([](B &b) {
            return b.login(QStringLiteral("NIL"), QStringLiteral("x"));
        }) << QByteArray("a1 LOGIN \"NIL\" x\r\n");
        QTest::newRow("login 8-bit sync literal") << none << false << Build([](B &b) {
            return b.login(QStringLiteral("ana"), QString::fromUtf8("pässword"));
        }) << QByteArray("a1 LOGIN ana {9}\r\n|WAIT|p\xc3\xa4ssword\r\n");
        QTest::newRow("login 8-bit literal+") << plus << false << Build([](B &b) {
            return b.login(QStringLiteral("ana"), QString::fromUtf8("pässword"));
        }) << QByteArray("a1 LOGIN ana {9+}\r\np\xc3\xa4ssword\r\n");
        QTest::newRow("login 8-bit literal-") << minus << false << Build([](B &b) {
            return b.login(QStringLiteral("ana"), QString::fromUtf8("pässword"));
        }) << QByteArray("a1 LOGIN ana {9+}\r\np\xc3\xa4ssword\r\n");
        QTest::newRow("login 8-bit quoted with utf8") << none << true << Build([](B &b) {
            return b.login(QStringLiteral("ana"), QString::fromUtf8("pässword"));
        }) << QByteArray("a1 LOGIN ana \"p\xc3\xa4ssword\"\r\n");
        QTest::newRow("login CRLF always literal") << none << true << Build([](B &b) {
            return b.login(QStringLiteral("ana"), QStringLiteral("a\r\nb"));
        }) << QByteArray("a1 LOGIN ana {4}\r\n|WAIT|a\r\nb\r\n");
        QTest::newRow("login long quoted becomes literal") << plus << false << Build([](B &b) {
            return b.login(QStringLiteral("ana"), QString(1001, QLatin1Char(' ')));
        }) << QByteArray("a1 LOGIN ana {1001+}\r\n" + QByteArray(1001, ' ') + "\r\n");

        QTest::newRow("authenticate plain sasl-ir") << plus << false << Build([](B &b) {
            return b.authenticatePlain(QStringLiteral("ana"), QStringLiteral("pw"));
        }) << QByteArray("a1 AUTHENTICATE PLAIN AGFuYQBwdw==\r\n");
        QTest::newRow("authenticate plain no sasl-ir") << none << false << Build([](B &b) {
            return b.authenticatePlain(QStringLiteral("ana"), QStringLiteral("pw"));
        }) << QByteArray("a1 AUTHENTICATE PLAIN\r\n|WAIT|AGFuYQBwdw==\r\n");
        QTest::newRow("authenticate plain authzid") << plus << false << Build([](B &b) {
            return b.authenticatePlain(QStringLiteral("ana"), QStringLiteral("pw"), QStringLiteral("bob"));
        }) << QByteArray("a1 AUTHENTICATE PLAIN Ym9iAGFuYQBwdw==\r\n");

        QTest::newRow("enable") << none << false << Build([](B &b) {
            return b.enable({"QRESYNC", "UTF8=ACCEPT"});
        }) << QByteArray("a1 ENABLE QRESYNC UTF8=ACCEPT\r\n");
        QTest::newRow("id") << none << false << Build([](B &b) {
            return b.id({{"name", QStringLiteral("Petrel")}, {"version", QStringLiteral("0.1")}});
        }) << QByteArray("a1 ID (\"name\" \"Petrel\" \"version\" \"0.1\")\r\n");
        QTest::newRow("id nil") << none << false << Build([](B &b) { return b.id({}); })
                                << QByteArray("a1 ID NIL\r\n");

        QTest::newRow("list plain") << none << false
                                    << Build([](B &b) { return b.list(QString(), QStringLiteral("*")); })
                                    << QByteArray("a1 LIST \"\" *\r\n");
        QTest::newRow("list return special-use status")
            << none << false << Build([](B &b) {
                   ImapListOptions o;
                   o.returnSpecialUse = true;
                   o.returnSubscribed = true;
                   o.returnStatus = {"MESSAGES", "UIDNEXT", "UNSEEN"};
                   return b.list(QString(), QStringLiteral("%"), o);
               })
            << QByteArray(
                   "a1 LIST \"\" % RETURN (SUBSCRIBED SPECIAL-USE STATUS (MESSAGES UIDNEXT UNSEEN))\r\n");
        QTest::newRow("list subscribed selection") << none << false << Build([](B &b) {
            ImapListOptions o;
            o.subscribedOnly = true;
            o.returnChildren = true;
            return b.list(QStringLiteral("Archive/"), QStringLiteral("*"), o);
        }) << QByteArray("a1 LIST (SUBSCRIBED) \"Archive/\" * RETURN (CHILDREN)\r\n");
        QTest::newRow("list pattern with space")
            << none << false << Build([](B &b) { return b.list(QString(), QStringLiteral("Sent Items/%")); })
            << QByteArray("a1 LIST \"\" \"Sent Items/%\"\r\n");
        QTest::newRow("lsub") << none << false
                              << Build([](B &b) { return b.lsub(QString(), QStringLiteral("*")); })
                              << QByteArray("a1 LSUB \"\" *\r\n");
        QTest::newRow("subscribe mutf7")
            << none << false << Build([](B &b) { return b.subscribe(QString::fromUtf8("Entwürfe")); })
            << QByteArray("a1 SUBSCRIBE Entw&APw-rfe\r\n");
        QTest::newRow("unsubscribe utf8")
            << none << true << Build([](B &b) { return b.unsubscribe(QString::fromUtf8("Entwürfe")); })
            << QByteArray("a1 UNSUBSCRIBE \"Entw\xc3\xbcrfe\"\r\n");
        QTest::newRow("status") << none << false << Build([](B &b) {
            return b.status(QStringLiteral("INBOX"),
                            {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ", "SIZE"});
        }) << QByteArray("a1 STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE)\r\n");
        QTest::newRow("select inbox lower")
            << none << false << Build([](B &b) { return b.select(QStringLiteral("inbox")); })
            << QByteArray("a1 SELECT INBOX\r\n");
        QTest::newRow("select condstore") << none << false << Build([](B &b) {
            ImapSelectOptions o;
            o.condStore = true;
            return b.select(QStringLiteral("Sent Messages"), o);
        }) << QByteArray("a1 SELECT \"Sent Messages\" (CONDSTORE)\r\n");
        QTest::newRow("select qresync") << none << false << Build([](B &b) {
            ImapSelectOptions o;
            o.qresync =
                ImapSelectOptions::QResync{3857529045, 20010715194032001ULL, *S::parse("1:300,305"), {}, {}};
            return b.select(QStringLiteral("INBOX"), o);
        }) << QByteArray("a1 SELECT INBOX (QRESYNC (3857529045 20010715194032001 1:300,305))\r\n");
        QTest::newRow("select qresync match data")
            << none << false << Build([](B &b) {
                   ImapSelectOptions o;
                   o.qresync =
                       ImapSelectOptions::QResync{67890007, 90060115194045000ULL, *S::parse("41:211,214:541"),
                                                  *S::parse("1,10,100"), *S::parse("41,50,210")};
                   return b.select(QStringLiteral("INBOX"), o);
               })
            << QByteArray("a1 SELECT INBOX (QRESYNC (67890007 90060115194045000 41:211,214:541 (1,10,100 "
                          "41,50,210)))\r\n");
        QTest::newRow("examine qresync no uids") << none << false << Build([](B &b) {
            ImapSelectOptions o;
            o.readOnly = true;
            o.qresync = ImapSelectOptions::QResync{67890007, 90060115194045000ULL, {}, {}, {}};
            return b.select(QString::fromUtf8("台北"), o);
        }) << QByteArray("a1 EXAMINE &U,BTFw- (QRESYNC (67890007 90060115194045000))\r\n");

        QTest::newRow("uid fetch") << none << false << Build([](B &b) {
            return b.uidFetch(*S::parse("1:*"), {"UID", "FLAGS", "ENVELOPE", "BODYSTRUCTURE",
                                                 "BODY.PEEK[HEADER.FIELDS (REFERENCES)]"});
        })
                                   << QByteArray("a1 UID FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE "
                                                 "BODY.PEEK[HEADER.FIELDS (REFERENCES)])\r\n");
        QTest::newRow("uid fetch changedsince vanished") << none << false << Build([](B &b) {
            return b.uidFetch(*S::parse("300:500"), {"FLAGS"}, 12345, true);
        }) << QByteArray("a1 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)\r\n");
        QTest::newRow("uid fetch changedsince") << none << false << Build([](B &b) {
            return b.uidFetch(S::fromValues({4, 5, 6, 9}), {"FLAGS", "MODSEQ"}, 7);
        }) << QByteArray("a1 UID FETCH 4:6,9 (FLAGS MODSEQ) (CHANGEDSINCE 7)\r\n");
        QTest::newRow("fetch by sequence number") << none << false << Build([](B &b) {
            return b.fetch(S(999501, 1000000), {"UID", "FLAGS"});
        }) << QByteArray("a1 FETCH 999501:1000000 (UID FLAGS)\r\n");
        QTest::newRow("uid store add silent")
            << none << false << Build([](B &b) { return b.uidStore(S(42), B::StoreMode::Add, {"\\Seen"}); })
            << QByteArray("a1 UID STORE 42 +FLAGS.SILENT (\\Seen)\r\n");
        QTest::newRow("uid store remove loud") << none << false << Build([](B &b) {
            return b.uidStore(S(1, 3), B::StoreMode::Remove, {"\\Flagged", "$Junk"}, false);
        }) << QByteArray("a1 UID STORE 1:3 -FLAGS (\\Flagged $Junk)\r\n");
        QTest::newRow("uid store replace unchangedsince") << none << false << Build([](B &b) {
            return b.uidStore(S(7), B::StoreMode::Replace, {}, true, 320162338);
        }) << QByteArray("a1 UID STORE 7 (UNCHANGEDSINCE 320162338) FLAGS.SILENT ()\r\n");
        QTest::newRow("uid copy") << none << false << Build([](B &b) {
            return b.uidCopy(S(3, 5), QStringLiteral("Archive/2026"));
        }) << QByteArray("a1 UID COPY 3:5 Archive/2026\r\n");
        QTest::newRow("uid move mutf7") << none << false << Build([](B &b) {
            return b.uidMove(S(9), QString::fromUtf8("Corbeille & Déchets"));
        }) << QByteArray("a1 UID MOVE 9 \"Corbeille &- D&AOk-chets\"\r\n");
        QTest::newRow("uid expunge") << none << false
                                     << Build([](B &b) { return b.uidExpunge(*S::parse("3:5,9")); })
                                     << QByteArray("a1 UID EXPUNGE 3:5,9\r\n");
        QTest::newRow("append sync") << none << false << Build([](B &b) {
            return b.append(QStringLiteral("Sent"), "Subject: x\r\n\r\nhi\r\n", {"\\Seen"},
                            QDateTime(QDate(2026, 11, 3), QTime(10, 15, 30), QTimeZone(3600)));
        })
                                     << QByteArray("a1 APPEND Sent (\\Seen) \"03-Nov-2026 09:15:30 +0000\" "
                                                   "{18}\r\n|WAIT|Subject: x\r\n\r\nhi\r\n\r\n");
        QTest::newRow("append literal+")
            << plus << false << Build([](B &b) { return b.append(QStringLiteral("Drafts"), "x"); })
            << QByteArray("a1 APPEND Drafts {1+}\r\nx\r\n");
        QTest::newRow("append literal- small") << minus << false << Build([](B &b) {
            return b.append(QStringLiteral("Drafts"), QByteArray(4096, 'a'));
        }) << QByteArray("a1 APPEND Drafts {4096+}\r\n" + QByteArray(4096, 'a') + "\r\n");
        QTest::newRow("append literal- large is sync") << minus << false << Build([](B &b) {
            return b.append(QStringLiteral("Drafts"), QByteArray(4097, 'a'));
        }) << QByteArray("a1 APPEND Drafts {4097}\r\n|WAIT|" + QByteArray(4097, 'a') + "\r\n");
        QTest::newRow("append binary literal8") << plus << false << Build([](B &b) {
            return b.append(QStringLiteral("Drafts"), QByteArray("a\0b", 3));
        }) << QByteArray("a1 APPEND Drafts ~{3+}\r\na\0b\r\n", 29);
        QTest::newRow("create") << none << false
                                << Build([](B &b) { return b.create(QStringLiteral("Projects/Petrel")); })
                                << QByteArray("a1 CREATE Projects/Petrel\r\n");
        QTest::newRow("rename") << none << false << Build([](B &b) {
            return b.rename(QStringLiteral("Old"), QString::fromUtf8("Neu é"));
        }) << QByteArray("a1 RENAME Old \"Neu &AOk-\"\r\n");
        QTest::newRow("delete") << none << false
                                << Build([](B &b) { return b.deleteMailbox(QStringLiteral("a]b")); })
                                << QByteArray("a1 DELETE \"a]b\"\r\n");
        QTest::newRow("uid search") << none << false << Build([](B &b) {
            return b.uidSearch({ImapSearchArg::key("UNSEEN"), ImapSearchArg::key("SINCE"),
                                ImapSearchArg::key("1-Nov-2026")});
        }) << QByteArray("a1 UID SEARCH UNSEEN SINCE 1-Nov-2026\r\n");
        QTest::newRow("uid search text quoted") << none << false << Build([](B &b) {
            return b.uidSearch(
                {ImapSearchArg::key("SUBJECT"), ImapSearchArg::text(QStringLiteral("hello \"world\""))},
                true);
        }) << QByteArray("a1 UID SEARCH RETURN (ALL) SUBJECT \"hello \\\"world\\\"\"\r\n");
        QTest::newRow("uid search 8-bit charset") << none << false << Build([](B &b) {
            return b.uidSearch({ImapSearchArg::key("FROM"), ImapSearchArg::text(QString::fromUtf8("José"))});
        }) << QByteArray("a1 UID SEARCH CHARSET UTF-8 FROM {5}\r\n|WAIT|Jos\xc3\xa9\r\n");
        QTest::newRow("uid search 8-bit utf8 enabled") << none << true << Build([](B &b) {
            return b.uidSearch({ImapSearchArg::key("FROM"), ImapSearchArg::text(QString::fromUtf8("José"))});
        }) << QByteArray("a1 UID SEARCH FROM \"Jos\xc3\xa9\"\r\n");
    }

    void commands()
    {
        QFETCH(QList<QByteArray>, capabilities);
        QFETCH(bool, utf8);
        QFETCH(Build, build);
        QFETCH(QByteArray, expected);
        ImapCommandBuilder builder;
        builder.setCapabilities(caps(capabilities));
        builder.setUtf8Enabled(utf8);
        const ImapCommand command = build(builder);
        QCOMPARE(render(command), expected);
        QVERIFY(!command.chunks.isEmpty());
        QVERIFY(!command.chunks.last().waitForContinuation);
        QVERIFY(command.bytes().startsWith(QByteArray(command.tag + ' ' + command.name)));
    }

    void doneIsUntagged()
    {
        QCOMPARE(ImapCommandBuilder::done().bytes, QByteArray("DONE\r\n"));
        QVERIFY(!ImapCommandBuilder::done().waitForContinuation);
    }

    void customTagPrefix()
    {
        ImapCommandBuilder builder("P");
        QCOMPARE(builder.noop().tag, QByteArray("P1"));
        QCOMPARE(builder.noop().bytes(), QByteArray("P2 NOOP\r\n"));
    }

    void redaction_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArray>("redacted");
        QTest::newRow("login atom") << QByteArray("a1 LOGIN ana s3cret\r\n")
                                    << QByteArray("a1 LOGIN ana ***\r\n");
        QTest::newRow("login quoted user")
            << QByteArray("a1 LOGIN \"a b\" \"pw\"\r\n") << QByteArray("a1 LOGIN \"a b\" ***\r\n");
        QTest::newRow("login literal user") << QByteArray("a1 LOGIN {3+}\r\nana {4+}\r\npass\r\n")
                                            << QByteArray("a1 LOGIN {3+}\r\nana ***\r\n");
        QTest::newRow("login literal password")
            << QByteArray("a1 LOGIN ana {9}\r\np\xc3\xa4ssword\r\n") << QByteArray("a1 LOGIN ana ***\r\n");
        QTest::newRow("login lower case")
            << QByteArray("x login ana pw\r\n") << QByteArray("x login ana ***\r\n");
        QTest::newRow("login broken quoting")
            << QByteArray("a1 LOGIN \"ana pw\r\n") << QByteArray("a1 LOGIN ***\r\n");
        QTest::newRow("authenticate ir") << QByteArray("a1 AUTHENTICATE PLAIN AGFuYQBwdw==\r\n")
                                         << QByteArray("a1 AUTHENTICATE PLAIN ***\r\n");
        QTest::newRow("authenticate continuation") << QByteArray("a1 AUTHENTICATE PLAIN\r\nAGFuYQBwdw==\r\n")
                                                   << QByteArray("a1 AUTHENTICATE PLAIN\r\n***\r\n");
        QTest::newRow("authenticate alone")
            << QByteArray("a1 AUTHENTICATE PLAIN\r\n") << QByteArray("a1 AUTHENTICATE PLAIN\r\n");
        QTest::newRow("other untouched")
            << QByteArray("a1 SELECT INBOX\r\n") << QByteArray("a1 SELECT INBOX\r\n");
    }
    void redaction()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArray, redacted);
        QCOMPARE(ImapCommandBuilder::redactedForLog(command), redacted);
    }

    void builtCommandsRedactTheirSecrets()
    {
        for (const bool saslIr : {false, true}) {
            ImapCommandBuilder builder;
            builder.setCapabilities(caps(saslIr ? QList<QByteArray>{"SASL-IR"} : QList<QByteArray>{}));
            const QByteArray login =
                builder.login(QStringLiteral("ana"), QString::fromUtf8("tøp secret")).bytes();
            const QByteArray auth =
                builder.authenticatePlain(QStringLiteral("ana"), QStringLiteral("topsecret")).bytes();
            QVERIFY(!ImapCommandBuilder::redactedForLog(login).contains("secret"));
            QVERIFY(!ImapCommandBuilder::redactedForLog(auth).contains(
                QByteArray("\0ana\0topsecret", 14).toBase64()));
            QVERIFY(ImapCommandBuilder::redactedForLog(auth).contains("***"));
        }
    }

    void logRedactorHidesLaterSecretWrites_data()
    {
        QTest::addColumn<QList<QByteArray>>("capabilities");
        QTest::addColumn<bool>("useLogin");
        QTest::newRow("login sync literal") << QList<QByteArray>{} << true;
        QTest::newRow("login literal+") << QList<QByteArray>{"LITERAL+"} << true;
        QTest::newRow("authenticate continuation") << QList<QByteArray>{} << false;
        QTest::newRow("authenticate sasl-ir") << QList<QByteArray>{"SASL-IR"} << false;
    }
    void logRedactorHidesLaterSecretWrites()
    {
        QFETCH(QList<QByteArray>, capabilities);
        QFETCH(bool, useLogin);
        ImapCommandBuilder builder;
        builder.setCapabilities(caps(capabilities));
        const QString password = QString::fromUtf8("pässwörd-xyz");
        const ImapCommand command = useLogin ? builder.login(QStringLiteral("ana"), password)
                                             : builder.authenticatePlain(QStringLiteral("ana"), password);
        const QByteArray secretBase64 = QByteArray("\0ana\0" + password.toUtf8()).toBase64();
        ImapLogRedactor redactor;
        QByteArray logged;
        for (const auto &chunk : command.chunks) // written one chunk at a time, as a session does
            logged += redactor.outgoing(chunk.bytes);
        QVERIFY2(!logged.contains(password.toUtf8()), logged.constData());
        QVERIFY2(!logged.contains(secretBase64), logged.constData());
        QVERIFY(logged.contains("***"));
        QVERIFY(logged.startsWith("a1 "));
        // Once the command completes, normal traffic is logged as is again.
        redactor.responseReceived(*ImapResponseParser::parseOne("a1 OK done\r\n"));
        QVERIFY(!redactor.isHidingWrites());
        QCOMPARE(redactor.outgoing("a2 SELECT INBOX\r\n"), QByteArray("a2 SELECT INBOX\r\n"));
    }

    void internalDateFormat()
    {
        QCOMPARE(ImapCommandBuilder::formatInternalDate(
                     QDateTime(QDate(1996, 7, 17), QTime(2, 44, 25), QTimeZone(-7 * 3600))),
                 QByteArray("17-Jul-1996 09:44:25 +0000"));
    }
};

QTEST_GUILESS_MAIN(TestImapEncoder)
#include "tst_imap_encoder.moc"
