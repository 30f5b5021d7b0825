// Incremental response parser: every response kind, Dovecot transcripts under any chunking, and
// refusal of what exceeds the limits.
#include "ImapResponseDump.h"
#include "imap/ImapResponseParser.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <functional>

using namespace Petrel::Imap;
using namespace Petrel::Imap::Test;

using Check = std::function<void(const ImapResponse &)>;
Q_DECLARE_METATYPE(Check)
Q_DECLARE_METATYPE(ImapParseError::Kind)

namespace {

enum class Chunking { Whole, OneByte, Random };

struct Parsed
{
    QList<ImapResponse> responses;
    std::optional<ImapParseError> error;
};

Parsed parseAll(const QByteArray &bytes, Chunking chunking, quint32 seed = 1,
                const ImapParserLimits &limits = {})
{
    ImapResponseParser parser(limits);
    Parsed out;
    QRandomGenerator rng(seed);
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        qsizetype n = bytes.size() - pos;
        if (chunking == Chunking::OneByte)
            n = 1;
        else if (chunking == Chunking::Random)
            n = std::min<qsizetype>(n, 1 + qsizetype(rng.bounded(40)));
        parser.feed(bytes.mid(pos, n));
        pos += n;
        while (auto r = parser.next())
            out.responses.append(*r);
    }
    out.error = parser.error();
    return out;
}

QByteArray transcript(const QString &name)
{
    QFile file(qEnvironmentVariable("PETREL_TEST_DATA") + QStringLiteral("/data/dovecot/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open transcript %s", qPrintable(file.fileName()));
    return file.readAll();
}

ImapResponse one(const QByteArray &bytes)
{
    const Parsed parsed = parseAll(bytes, Chunking::Whole);
    if (parsed.error)
        qWarning("unexpected parse error: %s", qPrintable(parsed.error->toString()));
    return parsed.responses.value(0);
}

} // namespace

class TestImapParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transcriptsUnderAnyChunking_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("responses");
        QTest::newRow("greeting") << QStringLiteral("greeting.txt") << 1;
        QTest::newRow("capability") << QStringLiteral("capability.txt") << 3;
        QTest::newRow("list special-use") << QStringLiteral("list-special-use.txt") << 12;
        QTest::newRow("select qresync") << QStringLiteral("select-qresync.txt") << 12;
        QTest::newRow("fetch envelope bodystructure")
            << QStringLiteral("fetch-envelope-bodystructure.txt") << 2;
        QTest::newRow("fetch body literal") << QStringLiteral("fetch-body-literal.txt") << 2;
        QTest::newRow("appenduid copyuid") << QStringLiteral("appenduid-copyuid.txt") << 10;
    }
    void transcriptsUnderAnyChunking()
    {
        QFETCH(QString, file);
        QFETCH(int, responses);
        const QByteArray bytes = transcript(file);
        const Parsed whole = parseAll(bytes, Chunking::Whole);
        QVERIFY2(!whole.error, whole.error ? qPrintable(whole.error->toString()) : "");
        QCOMPARE(whole.responses.size(), responses);
        QList<QByteArray> expected;
        for (const auto &r : whole.responses)
            expected.append(dump(r));
        const auto compare = [&](const Parsed &other) {
            QVERIFY(!other.error);
            QCOMPARE(other.responses.size(), expected.size());
            for (qsizetype i = 0; i < expected.size(); ++i)
                QCOMPARE(dump(other.responses.at(i)), expected.at(i));
        };
        compare(parseAll(bytes, Chunking::OneByte));
        for (quint32 seed : {1u, 7u, 42u, 2026u})
            compare(parseAll(bytes, Chunking::Random, seed));
    }

    void greetingCapabilities()
    {
        const ImapResponse r = one(transcript(QStringLiteral("greeting.txt")));
        QCOMPARE(r.kind, ImapResponse::Kind::Status);
        QCOMPARE(r.status, ImapResponse::Status::Ok);
        QCOMPARE(r.code.kind, ImapResponseCode::Kind::Capability);
        QVERIFY(r.code.capabilities.has(ImapCapability::Imap4rev1));
        QVERIFY(r.code.capabilities.has(ImapCapability::StartTls));
        QVERIFY(r.code.capabilities.has(ImapCapability::LiteralPlus));
        QVERIFY(r.code.capabilities.has(ImapCapability::AuthPlain));
        QVERIFY(!r.code.capabilities.has(ImapCapability::Move));
        QCOMPARE(r.code.capabilities.authMechanisms(), QList<QByteArray>{"PLAIN"});
        QVERIFY(r.code.capabilities.unknown().contains("LOGIN-REFERRALS"));
        QCOMPARE(r.text, QByteArray("Dovecot (Debian) ready."));
    }

    void capabilityTranscript()
    {
        const Parsed p = parseAll(transcript(QStringLiteral("capability.txt")), Chunking::Whole);
        const ImapCapabilities *caps = p.responses.at(0).capabilities();
        QVERIFY(caps);
        for (const auto c : {ImapCapability::Idle, ImapCapability::Move, ImapCapability::CondStore,
                             ImapCapability::QResync, ImapCapability::SpecialUse, ImapCapability::ListStatus,
                             ImapCapability::Binary, ImapCapability::ESearch, ImapCapability::UidPlus,
                             ImapCapability::StatusSize, ImapCapability::Namespace, ImapCapability::Unselect})
            QVERIFY2(caps->has(c), ImapCapabilities::name(c).constData());
        QVERIFY(!caps->has(ImapCapability::StartTls));
        QVERIFY(caps->unknown().contains("SNIPPET=FUZZY"));
        QCOMPARE(p.responses.at(1).type, ImapResponse::Type::Tagged);
        QCOMPARE(p.responses.at(1).tag, QByteArray("a1"));
        QVERIFY(p.responses.at(2).code.capabilities.has(ImapCapability::Utf8Accept));
    }

    void listTranscript()
    {
        const Parsed p = parseAll(transcript(QStringLiteral("list-special-use.txt")), Chunking::Whole);
        using Use = ImapListEntry::SpecialUse;
        const QList<std::tuple<QString, Use, QByteArray>> expected = {
            {QStringLiteral("INBOX"), Use::None, "INBOX"},
            {QStringLiteral("Drafts"), Use::Drafts, "Drafts"},
            {QStringLiteral("Sent Messages"), Use::Sent, "Sent Messages"},
            {QStringLiteral("Trash"), Use::Trash, "Trash"},
            {QStringLiteral("Junk"), Use::Junk, "Junk"},
            {QStringLiteral("Archive"), Use::Archive, "Archive"},
            {QString::fromUtf8("Archive/Été"), Use::None, "Archive/&AMk-t&AOk-"},
        };
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const ImapListEntry *e = p.responses.at(i).listEntry();
            QVERIFY(e);
            QCOMPARE(e->name, std::get<0>(expected.at(i)));
            QCOMPARE(e->specialUse, std::get<1>(expected.at(i)));
            QCOMPARE(e->nameBytes, std::get<2>(expected.at(i)));
            QCOMPARE(e->delimiter, std::optional<char>('/'));
            QVERIFY(!e->nameDecodeFailed);
        }
        const ImapListEntry *shared = p.responses.at(7).listEntry();
        QVERIFY(shared->hasAttribute("\\nonexistent"));
        QCOMPARE(shared->childInfo, QList<QByteArray>{"SUBSCRIBED"});
        QCOMPARE(p.responses.at(8).listEntry()->delimiter, std::nullopt);
        // An 8-bit name in a literal: raw UTF-8 accepted even without UTF8=ACCEPT.
        QCOMPARE(p.responses.at(9).listEntry()->name, QString::fromUtf8("Prüfung \"x\""));
        const ImapMailboxStatus *st = p.responses.at(10).mailboxStatus();
        QVERIFY(st);
        QCOMPARE(st->messages, std::optional<quint64>(12));
        QCOMPARE(st->uidNext, std::optional<quint64>(45));
        QCOMPARE(st->uidValidity, std::optional<quint64>(1700000000));
        QCOMPARE(st->unseen, std::optional<quint64>(3));
        QCOMPARE(st->highestModSeq, std::optional<quint64>(91));
        QCOMPARE(st->size, std::optional<quint64>(123456));
        QCOMPARE(st->recent, std::nullopt);
    }

    void selectTranscript()
    {
        const Parsed p = parseAll(transcript(QStringLiteral("select-qresync.txt")), Chunking::Whole);
        QCOMPARE(p.responses.at(0).flags()->size(), 7);
        const auto &perm = p.responses.at(1).code;
        QCOMPARE(perm.kind, ImapResponseCode::Kind::PermanentFlags);
        QVERIFY(perm.flags.contains("\\*"));
        QCOMPARE(p.responses.at(2).kind, ImapResponse::Kind::Exists);
        QCOMPARE(p.responses.at(2).number, quint64(172));
        QCOMPARE(p.responses.at(3).kind, ImapResponse::Kind::Recent);
        QCOMPARE(p.responses.at(4).code.kind, ImapResponseCode::Kind::Unseen);
        QCOMPARE(p.responses.at(4).code.number, quint64(12));
        QCOMPARE(p.responses.at(5).code.kind, ImapResponseCode::Kind::UidValidity);
        QCOMPARE(p.responses.at(5).code.number, quint64(3857529045));
        QCOMPARE(p.responses.at(6).code.kind, ImapResponseCode::Kind::UidNext);
        QCOMPARE(p.responses.at(7).code.kind, ImapResponseCode::Kind::HighestModSeq);
        QCOMPARE(p.responses.at(7).code.number, quint64(90060128194045007ULL));
        const ImapVanished *v = p.responses.at(8).vanished();
        QVERIFY(v && v->earlier);
        QCOMPARE(v->uids.toString(), QByteArray("41,43:116,118,120:211,214:540"));
        QVERIFY(v->uids.contains(100) && !v->uids.contains(117));
        const ImapFetchData *f = p.responses.at(9).fetch();
        QCOMPARE(f->sequence, quint64(49));
        QCOMPARE(f->uid, std::optional<quint32>(117));
        QCOMPARE(f->modSeq, std::optional<quint64>(90060115194045001ULL));
        QCOMPARE(*f->flags, (QList<QByteArray>{"\\Seen", "\\Answered"}));
        QCOMPARE(p.responses.at(11).code.kind, ImapResponseCode::Kind::ReadWrite);
        QCOMPARE(p.responses.at(11).status, ImapResponse::Status::Ok);
    }

    void fetchEnvelopeAndBodyStructure()
    {
        const Parsed p =
            parseAll(transcript(QStringLiteral("fetch-envelope-bodystructure.txt")), Chunking::OneByte);
        QVERIFY(!p.error);
        const ImapFetchData *f = p.responses.at(0).fetch();
        QVERIFY(f);
        QCOMPARE(f->uid, std::optional<quint32>(4391));
        QCOMPARE(f->rfc822Size, std::optional<quint64>(48213));
        QCOMPARE(f->internalDate, QDateTime(QDate(2026, 11, 3), QTime(9, 15, 30), Qt::UTC));
        QVERIFY(f->envelope);
        const ImapEnvelope &e = *f->envelope;
        QCOMPARE(e.dateTime, QDateTime(QDate(2026, 11, 3), QTime(9, 15, 28), Qt::UTC));
        QCOMPARE(e.subject,
                 std::optional<QByteArray>(QString::fromUtf8("Rapport trimestriel – résumé").toUtf8()));
        QCOMPARE(e.from.size(), 1);
        QCOMPARE(e.from.at(0).name, std::optional<QByteArray>("Ana Mar\"a"));
        QCOMPARE(e.from.at(0).address(), QByteArray("ana@example.org"));
        QVERIFY(e.replyTo.isEmpty());
        QCOMPARE(e.to.size(), 3); // group start, member, group end
        QVERIFY(e.to.at(0).isGroupStart());
        QCOMPARE(e.to.at(0).mailbox, std::optional<QByteArray>("team"));
        QVERIFY(e.to.at(2).isGroupEnd());
        QCOMPARE(e.cc.at(0).name, std::nullopt);
        QCOMPARE(e.inReplyTo, std::optional<QByteArray>("<prev@example.org>"));
        QCOMPARE(e.messageId, std::optional<QByteArray>("<4391@example.org>"));

        QVERIFY(f->bodyStructure);
        const ImapBodyStructure &b = *f->bodyStructure;
        QVERIFY(b.isMultipart());
        QCOMPARE(b.subtype, QByteArray("mixed"));
        QCOMPARE(b.param("BOUNDARY"), std::optional<QByteArray>("b1"));
        QCOMPARE(b.language, (QList<QByteArray>{"en", "fr"}));
        QCOMPARE(b.parts.size(), 3);
        const ImapBodyStructure &alt = b.parts.at(0);
        QCOMPARE(alt.subtype, QByteArray("alternative"));
        QCOMPARE(alt.parts.size(), 2);
        QCOMPARE(alt.parts.at(0).type, QByteArray("text"));
        QCOMPARE(alt.parts.at(0).lines, quint64(31));
        QCOMPARE(alt.parts.at(1).subtype, QByteArray("html"));
        QCOMPARE(alt.parts.at(1).encoding, QByteArray("QUOTED-PRINTABLE"));
        const ImapBodyStructure &pdf = b.parts.at(1);
        const QByteArray name = QString::fromUtf8("Übersicht 2026.pdf").toUtf8();
        QCOMPARE(pdf.param("name"), std::optional<QByteArray>(name));
        QCOMPARE(pdf.disposition, std::optional<QByteArray>("attachment"));
        QCOMPARE(pdf.dispositionParams.value(0).second, name);
        QCOMPARE(pdf.description, std::optional<QByteArray>("Quarterly report"));
        QCOMPARE(pdf.size, quint64(40210));
        const ImapBodyStructure &msg = b.parts.at(2);
        QCOMPARE(msg.type, QByteArray("message"));
        QVERIFY(msg.envelope && msg.message);
        QCOMPARE(msg.envelope->subject, std::optional<QByteArray>("Fwd"));
        QCOMPARE(msg.message->subtype, QByteArray("plain"));
        QCOMPARE(msg.message->lines, quint64(4));
        QCOMPARE(msg.lines, quint64(12));
        QCOMPARE(msg.disposition, std::optional<QByteArray>("inline"));
    }

    void fetchBodyLiterals()
    {
        const Parsed p = parseAll(transcript(QStringLiteral("fetch-body-literal.txt")), Chunking::OneByte);
        QVERIFY(!p.error);
        const ImapFetchData *f = p.responses.at(0).fetch();
        QVERIFY(f);
        const ImapFetchSection *whole = f->section("BODY", "");
        QVERIFY(whole && whole->bytes);
        // Protocol-looking bytes inside a literal stay data.
        QVERIFY(whole->bytes->endsWith(")) {5}\r\n* 3 EXISTS\r\n"));
        QCOMPARE(f->section("BODY", "HEADER.FIELDS (FROM SUBJECT)")->bytes,
                 std::optional<QByteArray>("From: a\r\n\r\n"));
        const ImapFetchSection *partial = f->section("BODY", "1");
        QCOMPARE(partial->origin, std::optional<quint64>(0));
        QCOMPARE(partial->bytes, std::optional<QByteArray>(QByteArray(""))); // "" is not NIL
        QCOMPARE(f->section("BINARY", "2")->bytes, std::optional<QByteArray>(QByteArray("\0\1\xff", 3)));
        QCOMPARE(f->section("BODY", "3")->bytes, std::nullopt);
        QCOMPARE(p.responses.at(1).tag, QByteArray("a6"));
    }

    void appendAndCopyUid()
    {
        const Parsed p = parseAll(transcript(QStringLiteral("appenduid-copyuid.txt")), Chunking::Whole);
        QVERIFY(p.responses.at(0).isContinuation());
        QCOMPARE(p.responses.at(0).text, QByteArray("OK"));
        const auto &append = p.responses.at(1).code;
        QCOMPARE(append.kind, ImapResponseCode::Kind::AppendUid);
        QCOMPARE(append.number, quint64(1700000000));
        QCOMPARE(append.uids.toString(), QByteArray("4392"));
        const auto &copy = p.responses.at(2).code;
        QCOMPARE(copy.kind, ImapResponseCode::Kind::CopyUid);
        QCOMPARE(copy.sourceUids.toString(), QByteArray("3:5,9"));
        QCOMPARE(copy.uids.toString(), QByteArray("100:103"));
        QCOMPARE(p.responses.at(3).kind, ImapResponse::Kind::Expunge);
        QCOMPARE(p.responses.at(3).number, quint64(3));
        QVERIFY(!p.responses.at(4).vanished()->earlier);
        QCOMPARE(p.responses.at(6).status, ImapResponse::Status::No);
        QCOMPARE(p.responses.at(6).code.kind, ImapResponseCode::Kind::TryCreate);
        QCOMPARE(p.responses.at(6).text, QByteArray("Mailbox doesn't exist: Nope"));
        QCOMPARE(p.responses.at(7).code.kind, ImapResponseCode::Kind::Modified);
        QCOMPARE(p.responses.at(7).code.uids.toString(), QByteArray("7,9"));
        QCOMPARE(p.responses.at(8).code.kind, ImapResponseCode::Kind::AuthenticationFailed);
        QCOMPARE(p.responses.at(9).status, ImapResponse::Status::Bye);
    }

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

    void errors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<ImapParseError::Kind>("kind");
        using K = ImapParseError::Kind;
        QTest::newRow("garbage") << QByteArray("garbage\r\n") << K::Malformed;
        QTest::newRow("binary garbage") << QByteArray("\x01\x02\xff\xfe\r\n") << K::Malformed;
        QTest::newRow("empty line") << QByteArray("\r\n") << K::Malformed;
        QTest::newRow("bad tagged status") << QByteArray("a1 MAYBE ok\r\n") << K::Malformed;
        QTest::newRow("star without space") << QByteArray("*OK\r\n") << K::Malformed;
        QTest::newRow("unterminated code") << QByteArray("* OK [UIDNEXT 5\r\n") << K::Malformed;
        QTest::newRow("fetch without list") << QByteArray("* 1 FETCH UID 5\r\n") << K::Malformed;
        QTest::newRow("fetch item without value") << QByteArray("* 1 FETCH (UID)\r\n") << K::Malformed;
        QTest::newRow("unterminated quoted") << QByteArray("* 1 FETCH (BODY[] \"abc)\r\n") << K::Malformed;
        QTest::newRow("bad escape") << QByteArray("* 1 FETCH (BODY[] \"a\\nb\")\r\n") << K::Malformed;
        QTest::newRow("literal marker mid-line")
            << QByteArray("* 1 FETCH (BODY[] {3} x)\r\n") << K::Malformed;
        QTest::newRow("number overflow")
            << QByteArray("* 99999999999999999999999 EXISTS\r\n") << K::Malformed;
        QTest::newRow("uid zero") << QByteArray("* 1 FETCH (UID 0)\r\n") << K::Malformed;
        QTest::newRow("unbalanced bodystructure")
            << QByteArray("* 1 FETCH (BODYSTRUCTURE (\"text\" \"plain\")\r\n") << K::Malformed;
        QTest::newRow("bad vanished set") << QByteArray("* VANISHED 1:x\r\n") << K::Malformed;
        QTest::newRow("trailing junk after exists") << QByteArray("* 3 EXISTS junk\r\n") << K::Malformed;
        QTest::newRow("huge literal")
            << QByteArray("* 1 FETCH (BODY[] {4294967295}\r\n") << K::LiteralTooLarge;
        QTest::newRow("absurd literal")
            << QByteArray("* 1 FETCH (BODY[] {99999999999999999999999999}\r\n") << K::LiteralTooLarge;
        QTest::newRow("deep nesting")
            << QByteArray("* XDEEP " + QByteArray(100, '(') + QByteArray(100, ')') + "\r\n")
            << K::NestingTooDeep;
        QTest::newRow("deep bodystructure")
            << QByteArray("* 1 FETCH (BODYSTRUCTURE " + QByteArray(70, '(') + "\r\n") << K::NestingTooDeep;
    }
    void errors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(ImapParseError::Kind, kind);
        for (const Chunking chunking : {Chunking::Whole, Chunking::OneByte}) {
            const Parsed parsed = parseAll(bytes, chunking);
            QVERIFY(parsed.responses.isEmpty());
            QVERIFY(parsed.error);
            QCOMPARE(ImapParseError::kindName(parsed.error->kind), ImapParseError::kindName(kind));
            QVERIFY(!parsed.error->message.isEmpty());
        }
    }

    void errorIsStickyAndResponsesBeforeItSurvive()
    {
        ImapResponseParser parser;
        parser.feed("* 1 EXISTS\r\nbroken\r\n* 2 EXISTS\r\n");
        QVERIFY(parser.next());
        QVERIFY(!parser.next());
        QVERIFY(parser.hasError());
        QCOMPARE(parser.error()->kind, ImapParseError::Kind::Malformed);
        QCOMPARE(parser.error()->offset, qint64(18)); // "broken" (at 12) ends where a space was due
        parser.feed("* 3 EXISTS\r\n");
        QVERIFY(!parser.next());
    }

    void nestingAtTheLimit()
    {
        ImapParserLimits limits;
        limits.maxNestingDepth = 5;
        const QByteArray ok = "* XDEEP " + QByteArray(5, '(') + QByteArray(5, ')') + "\r\n";
        const QByteArray deep = "* XDEEP " + QByteArray(6, '(') + QByteArray(6, ')') + "\r\n";
        QVERIFY(!parseAll(ok, Chunking::Whole, 1, limits).error);
        const auto error = parseAll(deep, Chunking::Whole, 1, limits).error;
        QVERIFY(error);
        QCOMPARE(error->kind, ImapParseError::Kind::NestingTooDeep);
    }

    void lineTooLong()
    {
        ImapParserLimits limits;
        limits.maxLineLength = 100;
        const QByteArray fits = "* OK " + QByteArray(93, 'x') + "\r\n"; // 98 bytes + CRLF
        QVERIFY(!parseAll(fits, Chunking::Whole, 1, limits).error);
        // Refused as soon as the limit is passed, before any line end arrives.
        ImapResponseParser parser(limits);
        parser.feed("* OK " + QByteArray(200, 'x'));
        QVERIFY(!parser.next());
        QVERIFY(parser.hasError());
        QCOMPARE(parser.error()->kind, ImapParseError::Kind::LineTooLong);
        // The default limit is 1 MiB.
        ImapResponseParser defaults;
        defaults.feed("* OK " + QByteArray(1024 * 1024 + 10, 'x'));
        QVERIFY(!defaults.next());
        QCOMPARE(defaults.error()->kind, ImapParseError::Kind::LineTooLong);
    }

    void literalLimitRefusedOnAnnouncement()
    {
        ImapParserLimits limits;
        limits.maxLiteralSize = 1000;
        ImapResponseParser parser(limits);
        // Only the announcement arrives: the refusal must not wait for (or buffer) the bytes.
        parser.feed("* 1 FETCH (BODY[] {1001}\r\n");
        QVERIFY(!parser.next());
        QVERIFY(parser.hasError());
        QCOMPARE(parser.error()->kind, ImapParseError::Kind::LiteralTooLarge);
        QVERIFY(parser.error()->message.contains(QStringLiteral("1001")));
        const QByteArray fits = "* 1 FETCH (BODY[] {1000}\r\n" + QByteArray(1000, 'a') + ")\r\n";
        QVERIFY(!parseAll(fits, Chunking::Whole, 1, limits).error);
    }

    void announcedLiteralWaitsForBytes()
    {
        // A permitted but large announcement followed by a few bytes: incomplete, no error.
        ImapResponseParser parser;
        parser.feed("* 1 FETCH (BODY[] {60000000}\r\nabc");
        QVERIFY(!parser.next());
        QVERIFY(!parser.hasError());
    }

    void tooManyItems()
    {
        ImapParserLimits limits;
        limits.maxListItems = 10;
        QByteArray line = "* FLAGS (";
        for (int i = 0; i < 11; ++i)
            line += "\\F" + QByteArray::number(i) + ' ';
        line.chop(1);
        line += ")\r\n";
        const auto error = parseAll(line, Chunking::Whole, 1, limits).error;
        QVERIFY(error);
        QCOMPARE(error->kind, ImapParseError::Kind::TooManyItems);
    }

    void literalSplitAcrossReads()
    {
        ImapResponseParser parser;
        parser.feed("* 9 FETCH (UID 1 BODY[] {1");
        QVERIFY(!parser.next());
        parser.feed("0}\r");
        QVERIFY(!parser.next());
        parser.feed("\n01234");
        QVERIFY(!parser.next());
        parser.feed("56789 FLAGS");
        QVERIFY(!parser.next());
        parser.feed(" (\\Seen))\r\na1 OK done\r\n");
        const auto r = parser.next();
        QVERIFY(r);
        QCOMPARE(r->fetch()->section("BODY", "")->bytes, std::optional<QByteArray>("0123456789"));
        QCOMPARE(*r->fetch()->flags, QList<QByteArray>{"\\Seen"});
        QCOMPARE(parser.next()->tag, QByteArray("a1"));
        QVERIFY(!parser.next());
        QVERIFY(!parser.hasError());
    }

    void twentyMegabyteLiteral()
    {
        const qsizetype size = 20 * 1024 * 1024;
        QByteArray body(size, 'x');
        for (qsizetype i = 0; i < size; i += 77)
            body[i] = '\n';
        QElapsedTimer timer;
        timer.start();
        ImapResponseParser parser;
        parser.feed("* 1 FETCH (UID 5 BODY[] {" + QByteArray::number(size) + "}\r\n");
        const qsizetype chunk = 16 * 1024; // socket-sized reads
        for (qsizetype pos = 0; pos < size; pos += chunk) {
            parser.feed(QByteArray::fromRawData(body.constData() + pos, std::min(chunk, size - pos)));
            QVERIFY(!parser.next());
        }
        parser.feed(")\r\n");
        const auto r = parser.next();
        QVERIFY(r);
        const auto *section = r->fetch()->section("BODY", "");
        QVERIFY(section && section->bytes);
        QCOMPARE(section->bytes->size(), size);
        QVERIFY(*section->bytes == body);
        qInfo("20 MiB literal parsed in %lld ms", qint64(timer.elapsed()));
        QVERIFY2(timer.elapsed() < 10000, "a 20 MiB literal must parse in linear time");
    }

    void utf8MailboxNames()
    {
        ImapResponseParser parser;
        parser.setUtf8Enabled(true);
        parser.feed("* LIST () \"/\" \"Entw\xc3\xbcrfe\"\r\n* LIST () \"/\" \"&AOk-\"\r\n");
        QCOMPARE(parser.next()->listEntry()->name, QString::fromUtf8("Entwürfe"));
        // With UTF-8 enabled '&' is literal: no mUTF-7 decoding.
        QCOMPARE(parser.next()->listEntry()->name, QStringLiteral("&AOk-"));
    }

    void parseOneHelper()
    {
        QCOMPARE(ImapResponseParser::parseOne("* 3 RECENT\r\n")->number, quint64(3));
        ImapParseError error;
        QVERIFY(!ImapResponseParser::parseOne("* 3 RECENT", &error));
        QCOMPARE(error.kind, ImapParseError::Kind::Malformed);
    }

    void mutatedTranscriptsGiveTheSameResultUnderAnyChunking()
    {
        // Damaged server output must still parse identically however it is split, ending in the same
        // responses and the same error (if any) at the same offset.
        const QStringList files = {
            QStringLiteral("capability.txt"),         QStringLiteral("list-special-use.txt"),
            QStringLiteral("select-qresync.txt"),     QStringLiteral("fetch-envelope-bodystructure.txt"),
            QStringLiteral("fetch-body-literal.txt"), QStringLiteral("appenduid-copyuid.txt")};
        const QByteArray specials = "()[]{}\"\\ \r\n0~+*NIL";
        QRandomGenerator rng(4242);
        ImapParserLimits limits;
        limits.maxLiteralSize = 100000;
        for (const QString &file : files) {
            const QByteArray original = transcript(file);
            for (int round = 0; round < 150; ++round) {
                QByteArray bytes = original;
                const int edits = 1 + int(rng.bounded(4));
                for (int e = 0; e < edits; ++e) {
                    const qsizetype at = qsizetype(rng.bounded(int(bytes.size())));
                    const char c = specials.at(rng.bounded(int(specials.size())));
                    switch (rng.bounded(3)) {
                    case 0:
                        bytes[at] = c;
                        break;
                    case 1:
                        bytes.insert(at, c);
                        break;
                    default:
                        bytes.remove(at, 1 + qsizetype(rng.bounded(5)));
                    }
                }
                const Parsed whole = parseAll(bytes, Chunking::Whole, 1, limits);
                const Parsed split = parseAll(bytes, Chunking::Random, quint32(round), limits);
                QCOMPARE(split.responses.size(), whole.responses.size());
                for (qsizetype i = 0; i < whole.responses.size(); ++i)
                    QCOMPARE(dump(split.responses.at(i)), dump(whole.responses.at(i)));
                QCOMPARE(bool(split.error), bool(whole.error));
                if (whole.error) {
                    QCOMPARE(split.error->kind, whole.error->kind);
                    QCOMPARE(split.error->offset, whole.error->offset);
                }
            }
        }
    }

    void randomGarbageNeverCrashes()
    {
        // Fuzz-like: random bytes biased towards IMAP syntax must give responses or a clean error.
        QRandomGenerator rng(99);
        const QByteArray alphabet = "()[]{}<>\"\\ *+~0123456789NILOKBADFETCHUID\r\n.%:,";
        ImapParserLimits limits;
        limits.maxLiteralSize = 4096;
        for (int round = 0; round < 3000; ++round) {
            QByteArray bytes = round % 2 ? "* 1 FETCH (" : "* ";
            const int length = int(rng.bounded(120));
            for (int i = 0; i < length; ++i)
                bytes += alphabet.at(rng.bounded(int(alphabet.size())));
            bytes += "\r\n";
            const Parsed parsed = parseAll(bytes, Chunking::Random, quint32(round), limits);
            QVERIFY(parsed.responses.size() <= bytes.count('\n'));
        }
    }
};

QTEST_GUILESS_MAIN(TestImapParser)
#include "tst_imap_parser.moc"
