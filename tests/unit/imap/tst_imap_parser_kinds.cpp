// Every response kind the parser types, one data row each, parsed whole and byte by byte.
#include "ImapParserTestSupport.h"

#include <QTest>

#include <functional>

using namespace Petrel::Imap;
using namespace Petrel::Imap::Test;

using Check = std::function<void(const ImapResponse &)>;
Q_DECLARE_METATYPE(Check)

class TestImapParserKinds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kinds_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<Check>("check");
        using R = ImapResponse;
        using C = ImapResponseCode::Kind;
        QTest::newRow("tagged ok no text") << QByteArray("a1 OK\r\n") << Check([](const R &r) {
            QCOMPARE(r.type, R::Type::Tagged);
            QCOMPARE(r.status, R::Status::Ok);
            QVERIFY(r.text.isEmpty());
        });
        QTest::newRow("tagged bad lower case")
            << QByteArray("A0001 bad Unknown command\r\n") << Check([](const R &r) {
                   QCOMPARE(r.tag, QByteArray("A0001"));
                   QCOMPARE(r.status, R::Status::Bad);
                   QCOMPARE(r.text, QByteArray("Unknown command"));
               });
        QTest::newRow("continuation empty") << QByteArray("+\r\n") << Check([](const R &r) {
            QVERIFY(r.isContinuation());
            QVERIFY(r.text.isEmpty());
        });
        QTest::newRow("continuation base64")
            << QByteArray("+ YmFzZTY0\r\n")
            << Check([](const R &r) { QCOMPARE(r.text, QByteArray("YmFzZTY0")); });
        QTest::newRow("preauth") << QByteArray("* PREAUTH [CAPABILITY IMAP4rev2] ready\r\n")
                                 << Check([](const R &r) {
                                        QCOMPARE(r.status, R::Status::Preauth);
                                        QVERIFY(r.code.capabilities.has(ImapCapability::Imap4rev2));
                                    });
        QTest::newRow("bye") << QByteArray("* BYE [UNAVAILABLE] shutting down\r\n") << Check([](const R &r) {
            QCOMPARE(r.status, R::Status::Bye);
            QCOMPARE(r.code.kind, C::Unavailable);
        });
        const QList<std::pair<QByteArray, C>> simpleCodes = {{"ALERT", C::Alert},
                                                             {"PARSE", C::Parse},
                                                             {"READ-ONLY", C::ReadOnly},
                                                             {"NOMODSEQ", C::NoModSeq},
                                                             {"CLOSED", C::Closed},
                                                             {"OVERQUOTA", C::OverQuota},
                                                             {"INUSE", C::InUse},
                                                             {"NONEXISTENT", C::NonExistent},
                                                             {"ALREADYEXISTS", C::AlreadyExists}};
        for (const auto &[name, kind] : simpleCodes) {
            const C k = kind;
            QTest::newRow(QByteArray("code " + name).constData())
                << QByteArray("* OK [" + name + "] text\r\n")
                << Check([k](const R &r) { QCOMPARE(r.code.kind, k); });
        }
        QTest::newRow("unknown code kept")
            << QByteArray("a2 NO [XWEIRD 1 (a b)] nope\r\n") << Check([](const R &r) {
                   QCOMPARE(r.code.kind, C::Unknown);
                   QCOMPARE(r.code.name, QByteArray("XWEIRD"));
                   QCOMPARE(r.code.argument, QByteArray("1 (a b)"));
                   QCOMPARE(r.text, QByteArray("nope"));
               });
        QTest::newRow("bad known code args kept raw")
            << QByteArray("* OK [UIDNEXT abc] hm\r\n") << Check([](const R &r) {
                   QCOMPARE(r.code.kind, C::Unknown);
                   QCOMPARE(r.code.name, QByteArray("UIDNEXT"));
                   QCOMPARE(r.code.argument, QByteArray("abc"));
               });
        QTest::newRow("text with brackets and quotes")
            << QByteArray("a3 OK done ( \" ] {\r\n")
            << Check([](const R &r) { QCOMPARE(r.text, QByteArray("done ( \" ] {")); });
        QTest::newRow("flags") << QByteArray("* FLAGS (\\Seen $Label1)\r\n") << Check([](const R &r) {
            QCOMPARE(*r.flags(), (QList<QByteArray>{"\\Seen", "$Label1"}));
        });
        QTest::newRow("lsub") << QByteArray("* LSUB () \".\" #news.comp.mail.misc\r\n")
                              << Check([](const R &r) {
                                     QCOMPARE(r.kind, R::Kind::Lsub);
                                     QCOMPARE(r.listEntry()->delimiter, std::optional<char>('.'));
                                     QCOMPARE(r.listEntry()->name, QStringLiteral("#news.comp.mail.misc"));
                                 });
        QTest::newRow("list oldname")
            << QByteArray("* LIST () \"/\" New (\"OLDNAME\" (\"Old\"))\r\n")
            << Check([](const R &r) { QCOMPARE(r.listEntry()->oldName, std::optional<QByteArray>("Old")); });
        QTest::newRow("list bad mutf7 best effort")
            << QByteArray("* LIST () \"/\" \"a&Jjo\"\r\n") << Check([](const R &r) {
                   QVERIFY(r.listEntry()->nameDecodeFailed);
                   QCOMPARE(r.listEntry()->nameBytes, QByteArray("a&Jjo"));
               });
        QTest::newRow("search") << QByteArray("* SEARCH 2 3 6\r\n") << Check([](const R &r) {
            QCOMPARE(r.search()->numbers, (QList<quint32>{2, 3, 6}));
        });
        QTest::newRow("search empty") << QByteArray("* SEARCH\r\n")
                                      << Check([](const R &r) { QVERIFY(r.search()->numbers.isEmpty()); });
        QTest::newRow("search modseq")
            << QByteArray("* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n")
            << Check([](const R &r) {
                   QCOMPARE(r.search()->numbers.size(), 10);
                   QCOMPARE(r.search()->modSeq, std::optional<quint64>(917162500));
               });
        QTest::newRow("esearch")
            << QByteArray(
                   "* ESEARCH (TAG \"a5\") UID MIN 4 MAX 200 ALL 4:18,21,28:200 COUNT 176 MODSEQ 9\r\n")
            << Check([](const R &r) {
                   const ImapSearchResult *s = r.search();
                   QVERIFY(s->isExtended && s->isUid);
                   QCOMPARE(s->tag, QByteArray("a5"));
                   QCOMPARE(s->min, std::optional<quint32>(4));
                   QCOMPARE(s->max, std::optional<quint32>(200));
                   QCOMPARE(s->all.count(), quint64(15 + 1 + 173));
                   QCOMPARE(s->count, std::optional<quint64>(176));
                   QCOMPARE(s->modSeq, std::optional<quint64>(9));
               });
        QTest::newRow("enabled") << QByteArray("* ENABLED CONDSTORE qresync\r\n") << Check([](const R &r) {
            QCOMPARE(*r.flags(), (QList<QByteArray>{"CONDSTORE", "QRESYNC"}));
            QCOMPARE(r.kind, R::Kind::Enabled);
        });
        QTest::newRow("id") << QByteArray("* ID (\"name\" \"Dovecot\" \"version\" NIL)\r\n")
                            << Check([](const R &r) {
                                   QCOMPARE(r.idParams()->size(), 2);
                                   QCOMPARE(r.idParams()->at(0).second, std::optional<QByteArray>("Dovecot"));
                                   QCOMPARE(r.idParams()->at(1).second, std::nullopt);
                               });
        QTest::newRow("id nil") << QByteArray("* ID NIL\r\n") << Check([](const R &r) {
            QCOMPARE(r.kind, R::Kind::Id);
            QVERIFY(r.idParams()->isEmpty());
        });
        QTest::newRow("namespace") << QByteArray("* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" "
                                                 "\"/\" \"X-PARAM\" (\"a\"))(\"#public/\" NIL))\r\n")
                                   << Check([](const R &r) {
                                          const ImapNamespaces *n = r.namespaces();
                                          QCOMPARE(n->personal.size(), 1);
                                          QCOMPARE(n->personal.at(0).delimiter, std::optional<char>('/'));
                                          QCOMPARE(n->otherUsers.at(0).prefix, QByteArray("~"));
                                          QCOMPARE(n->shared.size(), 2);
                                          QCOMPARE(n->shared.at(1).delimiter, std::nullopt);
                                      });
        QTest::newRow("namespace nil")
            << QByteArray("* NAMESPACE ((\"INBOX.\" \".\")) NIL NIL\r\n") << Check([](const R &r) {
                   QCOMPARE(r.namespaces()->personal.at(0).prefix, QByteArray("INBOX."));
                   QVERIFY(r.namespaces()->shared.isEmpty());
               });
        QTest::newRow("status utf8 name literal")
            << QByteArray("* STATUS {6}\r\nCaf\xc3\xa9! (MESSAGES 0 X-FOO (1))\r\n") << Check([](const R &r) {
                   QCOMPARE(r.mailboxStatus()->name, QString::fromUtf8("Café!"));
                   QCOMPARE(r.mailboxStatus()->messages, std::optional<quint64>(0));
               });
        QTest::newRow("expunge") << QByteArray("* 44 EXPUNGE\r\n") << Check([](const R &r) {
            QCOMPARE(r.kind, R::Kind::Expunge);
            QCOMPARE(r.number, quint64(44));
        });
        QTest::newRow("64-bit numbers")
            << QByteArray("* 1 FETCH (MODSEQ (18446744073709551615) RFC822.SIZE 9000000000)\r\n")
            << Check([](const R &r) {
                   QCOMPARE(r.fetch()->modSeq, std::optional<quint64>(18446744073709551615ULL));
                   QCOMPARE(r.fetch()->rfc822Size, std::optional<quint64>(9000000000ULL));
               });
        QTest::newRow("nil versus empty string")
            << QByteArray("* 1 FETCH (ENVELOPE (NIL \"\" NIL NIL NIL NIL NIL NIL \"\" NIL))\r\n")
            << Check([](const R &r) {
                   const ImapEnvelope &e = *r.fetch()->envelope;
                   QCOMPARE(e.date, std::nullopt);
                   QCOMPARE(e.subject, std::optional<QByteArray>(QByteArray("")));
                   QCOMPARE(e.inReplyTo, std::optional<QByteArray>(QByteArray("")));
                   QCOMPARE(e.messageId, std::nullopt);
                   QVERIFY(!e.dateTime.isValid());
               });
        QTest::newRow("quoted escapes")
            << QByteArray(
                   "* 1 FETCH (ENVELOPE (\"x\" \"a \\\"b\\\" \\\\c\" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n")
            << Check([](const R &r) {
                   QCOMPARE(r.fetch()->envelope->subject, std::optional<QByteArray>("a \"b\" \\c"));
               });
        QTest::newRow("simple body") << QByteArray("* 2 FETCH (BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" "
                                                   "\"US-ASCII\") NIL NIL \"7BIT\" 3028 92))\r\n")
                                     << Check([](const R &r) {
                                            const ImapBodyStructure &b = *r.fetch()->bodyStructure;
                                            QCOMPARE(b.type, QByteArray("text"));
                                            QCOMPARE(b.param("charset"),
                                                     std::optional<QByteArray>("US-ASCII"));
                                            QCOMPARE(b.lines, quint64(92));
                                            QCOMPARE(b.md5, std::nullopt);
                                        });
        QTest::newRow("bodystructure with extensions")
            << QByteArray(
                   "* 3 FETCH (BODYSTRUCTURE (\"image\" \"png\" NIL \"<id@x>\" NIL \"base64\" 10 \"md5sum\" "
                   "(\"inline\" (\"filename\" \"a.png\")) \"de\" \"http://x/\" (1 \"ext\" NIL)))\r\n")
            << Check([](const R &r) {
                   const ImapBodyStructure &b = *r.fetch()->bodyStructure;
                   QCOMPARE(b.id, std::optional<QByteArray>("<id@x>"));
                   QCOMPARE(b.md5, std::optional<QByteArray>("md5sum"));
                   QCOMPARE(b.language, QList<QByteArray>{"de"});
                   QCOMPARE(b.location, std::optional<QByteArray>("http://x/"));
                   QCOMPARE(b.dispositionParams.value(0).second, QByteArray("a.png"));
               });
        QTest::newRow("unknown fetch item kept")
            << QByteArray("* 4 FETCH (UID 9 X-GM-LABELS (\\Inbox \"Work\") SAVEDATE NIL)\r\n")
            << Check([](const R &r) {
                   const ImapFetchData *f = r.fetch();
                   QCOMPARE(f->uid, std::optional<quint32>(9));
                   QCOMPARE(f->otherItems.size(), 2);
                   QCOMPARE(f->otherItems.at(0).first, QByteArray("X-GM-LABELS"));
                   QCOMPARE(dumpValue(f->otherItems.at(0).second), QByteArray("(\\Inbox \"Work\")"));
                   QVERIFY(f->otherItems.at(1).second.isNil());
               });
        QTest::newRow("binary size") << QByteArray("* 5 FETCH (BINARY.SIZE[1] 2048)\r\n")
                                     << Check([](const R &r) {
                                            QCOMPARE(r.fetch()->section("BINARY.SIZE", "1")->size,
                                                     quint64(2048));
                                        });
        QTest::newRow("rfc822 header")
            << QByteArray("* 6 FETCH (RFC822.HEADER {4}\r\na: b)\r\n") << Check([](const R &r) {
                   QCOMPARE(r.fetch()->section("RFC822.HEADER", "")->bytes,
                            std::optional<QByteArray>("a: b"));
               });
        QTest::newRow("unknown untagged generic")
            << QByteArray("* XFOO 1 (a \"b\" NIL) {3}\r\nxyz\r\n") << Check([](const R &r) {
                   QCOMPARE(r.kind, R::Kind::Generic);
                   QCOMPARE(r.name, QByteArray("XFOO"));
                   QCOMPARE(r.generic()->size(), 3);
                   QCOMPARE(r.generic()->at(2).bytes, QByteArray("xyz"));
               });
        QTest::newRow("unknown untagged unbalanced kept raw")
            << QByteArray("* XBAR (oops \"x\r\n") << Check([](const R &r) {
                   QCOMPARE(r.kind, R::Kind::Generic);
                   QCOMPARE(r.generic()->size(), 1);
                   QCOMPARE(r.generic()->at(0).bytes, QByteArray("(oops \"x"));
               });
        QTest::newRow("unknown numbered") << QByteArray("* 3 XCOUNT foo\r\n") << Check([](const R &r) {
            QCOMPARE(r.kind, R::Kind::Generic);
            QCOMPARE(r.number, quint64(3));
        });
        QTest::newRow("capabilities case and auth")
            << QByteArray("* CAPABILITY imap4rev1 auth=login AUTH=XOAUTH2 AUTH=SCRAM-SHA-256 "
                          "APPENDLIMIT=1000 UTF8=ONLY X-Custom \r\n")
            << Check([](const R &r) {
                   const ImapCapabilities *c = r.capabilities();
                   QVERIFY(c->has(ImapCapability::Imap4rev1));
                   QVERIFY(c->has(ImapCapability::AuthLogin));
                   QVERIFY(c->has(ImapCapability::AuthXOAuth2));
                   QVERIFY(!c->has(ImapCapability::AuthPlain));
                   QVERIFY(c->hasAuthMechanism("scram-sha-256"));
                   QCOMPARE(c->authMechanisms(), (QList<QByteArray>{"LOGIN", "XOAUTH2", "SCRAM-SHA-256"}));
                   QVERIFY(c->has(ImapCapability::AppendLimit));
                   QVERIFY(c->has(ImapCapability::Utf8Accept)); // implied by UTF8=ONLY
                   QCOMPARE(c->unknown(), QList<QByteArray>{"X-CUSTOM"});
               });
        QTest::newRow("gmail bracket mailbox atom")
            << QByteArray("* LIST (\\HasChildren \\Noselect) \"/\" [Gmail]\r\n") << Check([](const R &r) {
                   QCOMPARE(r.listEntry()->name, QStringLiteral("[Gmail]"));
                   QVERIFY(r.listEntry()->hasAttribute("\\NoSelect"));
               });
        QTest::newRow("partial body with origin")
            << QByteArray("* 8 FETCH (BODY[TEXT]<1024> {3}\r\nabc UID 12)\r\n") << Check([](const R &r) {
                   const ImapFetchSection *s = r.fetch()->section("BODY", "TEXT");
                   QCOMPARE(s->origin, std::optional<quint64>(1024));
                   QCOMPARE(s->bytes, std::optional<QByteArray>("abc"));
                   QCOMPARE(r.fetch()->uid, std::optional<quint32>(12));
               });
        QTest::newRow("non-synchronising literal accepted")
            << QByteArray("* 9 FETCH (BODY[] {2+}\r\nhi)\r\n") << Check([](const R &r) {
                   QCOMPARE(r.fetch()->section("BODY", "")->bytes, std::optional<QByteArray>("hi"));
               });
        QTest::newRow("lf only line ends")
            << QByteArray("* 5 EXISTS\n") << Check([](const R &r) { QCOMPARE(r.kind, R::Kind::Exists); });
    }
    void kinds()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(Check, check);
        for (const Chunking chunking : {Chunking::Whole, Chunking::OneByte}) {
            const Parsed parsed = parseAll(bytes, chunking);
            QVERIFY2(!parsed.error, parsed.error ? qPrintable(parsed.error->toString()) : "");
            QCOMPARE(parsed.responses.size(), 1);
            check(parsed.responses.first());
            if (QTest::currentTestFailed())
                return;
        }
    }
};

QTEST_GUILESS_MAIN(TestImapParserKinds)
#include "tst_imap_parser_kinds.moc"
