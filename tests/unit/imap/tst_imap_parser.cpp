// Incremental response parser over Dovecot transcripts: identical results whole, in 1-byte and in
// random chunks, and the typed values each transcript must yield.
#include "ImapParserTestSupport.h"
#include "imap/ImapEnvelopeParser.h"

#include <QTest>

#include <functional>

using namespace Petrel::Imap;
using namespace Petrel::Imap::Test;

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

    void messageDates_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QDateTime>("utc");
        const QDateTime t(QDate(2026, 11, 3), QTime(9, 15, 28), Qt::UTC);
        QTest::newRow("full") << QByteArray("Tue, 3 Nov 2026 10:15:28 +0100") << t;
        QTest::newRow("comment") << QByteArray("Tue, 03 Nov 2026 10:15:28 +0100 (CET)") << t;
        QTest::newRow("no weekday") << QByteArray("3 Nov 2026 04:15:28 -0500") << t;
        QTest::newRow("gmt") << QByteArray("Tue, 3 Nov 2026 09:15:28 GMT") << t;
        QTest::newRow("obsolete zone") << QByteArray("Tue, 3 Nov 2026 01:15:28 PST") << t;
        QTest::newRow("two-digit year") << QByteArray("3 Nov 26 09:15:28 +0000") << t;
        QTest::newRow("no seconds") << QByteArray("3 Nov 2026 09:15 +0000") << t.addSecs(-28);
        QTest::newRow("extra spaces") << QByteArray("  Tue,  3   Nov 2026 10:15:28   +0100 ") << t;
        QTest::newRow("garbage") << QByteArray("yesterday at noon") << QDateTime();
        QTest::newRow("bad month") << QByteArray("3 Foo 2026 09:15:28 +0000") << QDateTime();
        QTest::newRow("bad day") << QByteArray("31 Feb 2026 09:15:28 +0000") << QDateTime();
        QTest::newRow("unknown zone") << QByteArray("3 Nov 2026 09:15:28 XYZ") << QDateTime();
        QTest::newRow("empty") << QByteArray() << QDateTime();
    }
    void messageDates()
    {
        QFETCH(QByteArray, text);
        QFETCH(QDateTime, utc);
        const QDateTime parsed = ImapEnvelopeParser::parseMessageDate(text);
        QCOMPARE(parsed.isValid(), utc.isValid());
        if (utc.isValid()) {
            QCOMPARE(parsed, utc);
            QCOMPARE(parsed.timeSpec(), Qt::UTC);
        }
    }

    void internalDates_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QDateTime>("utc");
        QTest::newRow("rfc example") << QByteArray("17-Jul-1996 02:44:25 -0700")
                                     << QDateTime(QDate(1996, 7, 17), QTime(9, 44, 25), Qt::UTC);
        QTest::newRow("space-padded day") << QByteArray(" 3-Nov-2026 10:15:30 +0100")
                                          << QDateTime(QDate(2026, 11, 3), QTime(9, 15, 30), Qt::UTC);
        QTest::newRow("missing zone") << QByteArray("3-Nov-2026 10:15:30") << QDateTime();
        QTest::newRow("bad") << QByteArray("3/11/2026 10:15:30 +0000") << QDateTime();
    }
    void internalDates()
    {
        QFETCH(QByteArray, text);
        QFETCH(QDateTime, utc);
        QCOMPARE(ImapEnvelopeParser::parseInternalDate(text), utc);
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
};

QTEST_GUILESS_MAIN(TestImapParser)
#include "tst_imap_parser.moc"
