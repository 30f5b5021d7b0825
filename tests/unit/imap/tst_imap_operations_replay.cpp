// ImapSession operations against scripted servers on 127.0.0.1: pipelining, IDLE, MOVE and its
// fallback, APPEND with a synchronising literal, FETCH streaming, QRESYNC, and how NO, BAD, BYE,
// garbage and broken literals end. Every case runs whole, one byte at a time and in random chunks.
#include "ImapReplay.h"
#include "imap/ImapAppendOperation.h"
#include "imap/ImapCopyOperation.h"
#include "imap/ImapExpungeOperation.h"
#include "imap/ImapFetchOperation.h"
#include "imap/ImapIdleOperation.h"
#include "imap/ImapListOperation.h"
#include "imap/ImapMailboxOperation.h"
#include "imap/ImapMoveOperation.h"
#include "imap/ImapNoopOperation.h"
#include "imap/ImapSearchOperation.h"
#include "imap/ImapSelectOperation.h"
#include "imap/ImapStatusOperation.h"
#include "imap/ImapStoreOperation.h"

using namespace Petrel::Imap;
using namespace ImapReplay;
using Petrel::Net::Security;

class ImapOperationsReplayTest : public QObject
{
    Q_OBJECT

private:
    struct Case
    {
        std::unique_ptr<ImapScriptServer> server;
        std::unique_ptr<ImapSession> session;
    };

    // Starts the script with this row's chunking and logs in (Security::None: plain loopback).
    Case openCase(const QString &script, const ImapParserLimits &limits = {}, int idleTimeoutMs = 10000)
    {
        QFETCH_GLOBAL(int, chunking);
        Case c;
        c.server = std::make_unique<ImapScriptServer>(FakeServer::Mode::Plain);
        c.server->setChunking(Chunking(chunking), 11);
        if (!c.server->loadScript(script) || !c.server->start())
            qFatal("cannot start script %s: %s", qPrintable(script), qPrintable(c.server->error()));
        c.session = std::make_unique<ImapSession>();
        c.session->setLimits(limits);
        Petrel::Net::ConnectionSettings s = settings(c.server->port(), Security::None, {});
        s.idleTimeoutMs = idleTimeoutMs;
        const ImapResult opened = open(*c.session, s);
        if (!opened.isOk())
            qWarning("open failed: %s", qPrintable(describe(opened)));
        return c;
    }

    static bool select(ImapSession &session)
    {
        ImapSelectOperation op(&session, QStringLiteral("INBOX"));
        const ImapResult result = run(op);
        return result.isOk() && op.info().exists == 2 && op.info().uidValidity == 7;
    }

private Q_SLOTS:
    void initTestCase_data() { addChunkingRows(); }

    void noAndBadKeepTheConnection()
    {
        Case c = openCase(QStringLiteral("ops-no-bad.txt"));
        QSignalSpy exists(c.session.get(), &ImapSession::existsReceived);
        ImapSelectOperation selectOp(c.session.get(), QStringLiteral("Nope"));
        const ImapResult refused = run(selectOp);
        QCOMPARE(refused.kind, Kind::Rejected);
        QCOMPARE(refused.code.kind, ImapResponseCode::Kind::NonExistent);
        QCOMPARE(refused.serverText, QStringLiteral("Mailbox doesn't exist: Nope"));
        QCOMPARE(c.session->state(), ImapSession::State::Authenticated);
        ImapNoopOperation bad(c.session.get());
        QCOMPARE(run(bad).kind, Kind::Rejected);
        ImapNoopOperation good(c.session.get());
        VERIFY_OK(run(good));
        QCOMPARE(exists.size(), 1);
        QCOMPARE(exists.at(0).at(0).toULongLong(), 3u);
        VERIFY_SCRIPT(*c.server);
    }

    void byeFailsEverythingInFlight()
    {
        Case c = openCase(QStringLiteral("ops-bye.txt"));
        QSignalSpy closed(c.session.get(), &ImapSession::closed);
        ImapNoopOperation noop(c.session.get());
        ImapStatusOperation status(c.session.get(), QStringLiteral("INBOX"), {"MESSAGES"});
        noop.start();
        status.start();
        const ImapResult first = wait(noop);
        const ImapResult second = wait(status);
        QCOMPARE(first.kind, Kind::Protocol);
        QCOMPARE(first.serverText, QStringLiteral("Server shutting down."));
        QCOMPARE(second.kind, Kind::Protocol);
        QCOMPARE(closed.size(), 1);
        QCOMPARE(c.session->state(), ImapSession::State::Closed);
        // A closed session refuses new work with InvalidState.
        ImapNoopOperation late(c.session.get());
        QCOMPARE(run(late).kind, Kind::InvalidState);
        VERIFY_SCRIPT(*c.server);
    }

    void garbageClosesTheConnection()
    {
        Case c = openCase(QStringLiteral("ops-garbage.txt"));
        ImapNoopOperation noop(c.session.get());
        const ImapResult result = run(noop);
        QCOMPARE(result.kind, Kind::Protocol);
        QCOMPARE(c.session->state(), ImapSession::State::Closed);
        VERIFY_SCRIPT(*c.server);
    }

    void literalLargerThanLimitClosesTheConnection()
    {
        ImapParserLimits limits;
        limits.maxLiteralSize = 1024;
        Case c = openCase(QStringLiteral("ops-literal-too-large.txt"), limits);
        QVERIFY(select(*c.session));
        ImapFetchOperation fetch(c.session.get(), ImapSequenceSet(5), {"BODY.PEEK[]"});
        const ImapResult result = run(fetch);
        QCOMPARE(result.kind, Kind::Protocol);
        QVERIFY2(result.message.contains(QLatin1String("LiteralTooLarge")) || result.message.contains(QLatin1String("literal")),
                 qPrintable(result.message));
        QCOMPARE(c.session->state(), ImapSession::State::Closed);
        VERIFY_SCRIPT(*c.server);
    }

    void connectionDroppedInsideLiteral()
    {
        Case c = openCase(QStringLiteral("ops-literal-dropped.txt"));
        QVERIFY(select(*c.session));
        ImapFetchOperation fetch(c.session.get(), ImapSequenceSet(5), {"BODY.PEEK[]"});
        QSignalSpy batches(&fetch, &ImapFetchOperation::fetched);
        const ImapResult result = run(fetch);
        QCOMPARE(result.kind, Kind::Transport);
        QVERIFY(result.transport.has_value());
        QCOMPARE(result.transport->kind, Petrel::Net::ConnectionError::Kind::RemoteClosed);
        QCOMPARE(batches.size(), 0);
        VERIFY_SCRIPT(*c.server);
    }

    void pipeliningWithOutOfOrderData()
    {
        Case c = openCase(QStringLiteral("pipelining.txt"));
        QSignalSpy exists(c.session.get(), &ImapSession::existsReceived);
        ImapStatusOperation inbox(c.session.get(), QStringLiteral("INBOX"), {"MESSAGES", "UIDNEXT"});
        ImapStatusOperation archive(c.session.get(), QStringLiteral("Archive"), {"MESSAGES", "UIDNEXT"});
        ImapNoopOperation noop(c.session.get());
        inbox.start();
        archive.start();
        noop.start();
        VERIFY_OK(wait(inbox));
        VERIFY_OK(wait(archive));
        VERIFY_OK(wait(noop));
        QCOMPARE(inbox.status().messages, std::optional<quint64>(7));
        QCOMPARE(inbox.status().uidNext, std::optional<quint64>(30));
        QCOMPARE(archive.status().messages, std::optional<quint64>(4));
        QCOMPARE(archive.status().uidNext, std::optional<quint64>(9));
        QCOMPARE(exists.size(), 1);

        ImapListOperation list(c.session.get(), {}, QStringLiteral("*"), {"MESSAGES"});
        VERIFY_OK(run(list));
        QCOMPARE(list.entries().size(), 3);
        QCOMPARE(list.entries().at(1).specialUse, ImapListEntry::SpecialUse::Sent);
        QCOMPARE(list.statuses().size(), 2); // "Shared" is \Noselect
        QCOMPARE(list.statuses().value(QStringLiteral("INBOX")).messages, std::optional<quint64>(7));
        QCOMPARE(list.statuses().value(QStringLiteral("Sent")).messages, std::optional<quint64>(2));
        VERIFY_SCRIPT(*c.server);
    }

    void idleUpdatesAndDone()
    {
        Case c = openCase(QStringLiteral("idle.txt"));
        QVERIFY(select(*c.session));
        QSignalSpy exists(c.session.get(), &ImapSession::existsReceived);
        QSignalSpy expunged(c.session.get(), &ImapSession::expungeReceived);
        ImapIdleOperation idle(c.session.get());
        QSignalSpy idling(&idle, &ImapIdleOperation::idling);
        QSignalSpy finished(&idle, &ImapOperation::finished);
        idle.start();
        QTRY_COMPARE(expunged.size(), 1);
        QCOMPARE(idling.size(), 1);
        QCOMPARE(exists.size(), 1);
        QCOMPARE(exists.at(0).at(0).toULongLong(), 3u);
        QCOMPARE(expunged.at(0).at(0).toULongLong(), 1u);
        QVERIFY(c.session->isIdling());
        idle.stop();
        QTRY_COMPARE(finished.size(), 1);
        VERIFY_OK(idle.result());
        QVERIFY(!c.session->isIdling());
        VERIFY_SCRIPT(*c.server);
    }

    void idleReissuedAfterInterval()
    {
        Case c = openCase(QStringLiteral("idle-restart.txt"));
        QVERIFY(select(*c.session));
        ImapIdleOperation idle(c.session.get());
        idle.setRestartInterval(50);
        QSignalSpy idling(&idle, &ImapIdleOperation::idling);
        QSignalSpy finished(&idle, &ImapOperation::finished);
        idle.start();
        QTRY_COMPARE(idling.size(), 2);
        idle.stop();
        QTRY_COMPARE(finished.size(), 1);
        VERIFY_OK(idle.result());
        VERIFY_SCRIPT(*c.server);
    }

    void workWhileIdlingEndsIdleFirst()
    {
        Case c = openCase(QStringLiteral("idle-interrupted.txt"));
        QVERIFY(select(*c.session));
        ImapIdleOperation idle(c.session.get());
        QSignalSpy idling(&idle, &ImapIdleOperation::idling);
        idle.start();
        QTRY_COMPARE(idling.size(), 1);
        ImapNoopOperation noop(c.session.get());
        VERIFY_OK(run(noop));
        VERIFY_OK(wait(idle));
        VERIFY_SCRIPT(*c.server);
    }

    void moveReportsCopyUid()
    {
        Case c = openCase(QStringLiteral("move.txt"));
        QVERIFY(select(*c.session));
        QSignalSpy expunged(c.session.get(), &ImapSession::expungeReceived);
        ImapMoveOperation move(c.session.get(), ImapSequenceSet(1, 2), QStringLiteral("Archive"));
        VERIFY_OK(run(move));
        QVERIFY(move.usedMove());
        QCOMPARE(move.copyUid().uidValidity, 7u);
        QCOMPARE(move.copyUid().destinationUids, ImapSequenceSet(10, 11));
        QCOMPARE(expunged.size(), 2);
        VERIFY_SCRIPT(*c.server);
    }

    void moveFallbackWithUidPlus()
    {
        Case c = openCase(QStringLiteral("move-fallback.txt"));
        QVERIFY(select(*c.session));
        ImapMoveOperation move(c.session.get(), ImapSequenceSet(1, 2), QStringLiteral("Archive"));
        VERIFY_OK(run(move));
        QVERIFY(!move.usedMove());
        QCOMPARE(move.copyUid().sourceUids, ImapSequenceSet(1, 2));
        QCOMPARE(move.copyUid().destinationUids, ImapSequenceSet(10, 11));
        VERIFY_SCRIPT(*c.server);
    }

    void moveFallbackWithoutUidPlus()
    {
        Case c = openCase(QStringLiteral("move-fallback-no-uidplus.txt"));
        QVERIFY(select(*c.session));
        ImapMoveOperation move(c.session.get(), ImapSequenceSet(1, 2), QStringLiteral("Archive"));
        VERIFY_OK(run(move));
        QVERIFY(!move.copyUid().isValid());
        VERIFY_SCRIPT(*c.server);
    }

    void appendWaitsForContinuation()
    {
        Case c = openCase(QStringLiteral("append-sync-literal.txt"));
        ImapAppendOperation append(c.session.get(), QStringLiteral("Sent"), "Subject: hi\r\n\r\nHello\r\n",
                                   {"\\Seen"});
        VERIFY_OK(run(append));
        QCOMPARE(append.uidValidity(), 9u);
        QCOMPARE(append.appendUid(), 42u);
        VERIFY_SCRIPT(*c.server);
    }

    void appendRefusedBeforeLiteral()
    {
        Case c = openCase(QStringLiteral("append-refused-literal.txt"));
        ImapAppendOperation append(c.session.get(), QStringLiteral("Sent"), "Subject: hi\r\n\r\nHello\r\n",
                                   {"\\Seen"});
        const ImapResult result = run(append);
        QCOMPARE(result.kind, Kind::Rejected);
        QCOMPARE(result.code.kind, ImapResponseCode::Kind::OverQuota);
        ImapNoopOperation noop(c.session.get());
        VERIFY_OK(run(noop));
        VERIFY_SCRIPT(*c.server);
    }

    void fetchStreamsInBatches()
    {
        Case c = openCase(QStringLiteral("fetch-stream.txt"));
        QVERIFY(select(*c.session));
        QSignalSpy unsolicited(c.session.get(), &ImapSession::fetchReceived);
        ImapFetchOperation fetch(c.session.get(), ImapSequenceSet(1, ImapSequenceSet::Star), {"UID", "FLAGS"});
        fetch.setBatchSize(2);
        QList<quint32> uids;
        QList<int> sizes;
        connect(&fetch, &ImapFetchOperation::fetched, this, [&](const QList<ImapFetchData> &batch) {
            sizes.append(int(batch.size()));
            for (const auto &item : batch)
                uids.append(*item.uid);
        });
        VERIFY_OK(run(fetch));
        QCOMPARE(sizes, (QList<int>{2, 2, 1}));
        QCOMPARE(uids, (QList<quint32>{3, 4, 7, 8, 11}));
        QCOMPARE(fetch.fetchedCount(), 5u);
        QCOMPARE(unsolicited.size(), 1);
        VERIFY_SCRIPT(*c.server);
    }

    void selectQresyncAndConditionalStore()
    {
        Case c = openCase(QStringLiteral("select-qresync.txt"));
        QVERIFY(c.session->isEnabled("QRESYNC"));
        ImapSelectOptions options;
        options.qresync = ImapSelectOptions::QResync{67890007, 20050715194045000ull, *ImapSequenceSet::parse("41:211,214:541"), {}, {}};
        ImapSelectOperation selectOp(c.session.get(), QStringLiteral("INBOX"), options);
        VERIFY_OK(run(selectOp));
        const ImapSelectInfo &info = selectOp.info();
        QCOMPARE(info.exists, 314u);
        QCOMPARE(info.uidValidity, 67890007u);
        QCOMPARE(info.uidNext, std::optional<quint64>(567));
        QCOMPARE(info.highestModSeq, std::optional<quint64>(90060115205545359ull));
        QVERIFY(info.permanentFlags.contains("\\*"));
        QCOMPARE(info.flags.size(), 5);
        QVERIFY(info.vanished.contains(41) && info.vanished.contains(540) && !info.vanished.contains(117));
        QCOMPARE(info.changes.size(), 2);
        QCOMPARE(info.changes.at(0).uid, std::optional<quint32>(117));
        QVERIFY(!info.readOnly);
        QCOMPARE(c.session->selectedMailbox(), QStringLiteral("INBOX"));

        ImapStoreOperation store(c.session.get(), *ImapSequenceSet::parse("7,9"), ImapCommandBuilder::StoreMode::Add,
                                 {"\\Seen"});
        store.setUnchangedSince(90060115194045001ull);
        VERIFY_OK(run(store));
        QCOMPARE(store.modified(), ImapSequenceSet(7));
        QCOMPARE(store.changes().size(), 1);
        QCOMPARE(store.changes().at(0).modSeq, std::optional<quint64>(90060115205545360ull));
        VERIFY_SCRIPT(*c.server);
    }

    void operationsCheckStateAndCapabilities()
    {
        Case c = openCase(QStringLiteral("move-fallback-no-uidplus.txt"));
        // Nothing selected yet: refused locally, nothing sent.
        ImapFetchOperation fetch(c.session.get(), ImapSequenceSet(1), {"FLAGS"});
        QCOMPARE(run(fetch).kind, Kind::InvalidState);
        QVERIFY(select(*c.session));
        // No CONDSTORE: a conditional store is refused locally.
        ImapStoreOperation store(c.session.get(), ImapSequenceSet(1), ImapCommandBuilder::StoreMode::Add, {"\\Seen"});
        store.setUnchangedSince(5);
        QCOMPARE(run(store).kind, Kind::NotSupported);
        ImapMoveOperation move(c.session.get(), ImapSequenceSet(1, 2), QStringLiteral("Archive"));
        VERIFY_OK(run(move));
        VERIFY_SCRIPT(*c.server);
    }

    void cancelInFlightOperation()
    {
        Case c = openCase(QStringLiteral("cancel-in-flight.txt"));
        ImapSelectOperation selectOp(c.session.get(), QStringLiteral("Nope"));
        QSignalSpy selectFinished(&selectOp, &ImapOperation::finished);
        selectOp.start();
        selectOp.cancel(); // on the wire already: its answer is read and ignored
        ImapNoopOperation noop(c.session.get());
        VERIFY_OK(run(noop));
        QCOMPARE(selectFinished.size(), 1);
        QCOMPARE(selectOp.result().kind, Kind::Cancelled);
        QCOMPARE(c.session->state(), ImapSession::State::Authenticated);
        VERIFY_SCRIPT(*c.server);
    }

    void silentServerTimesOut()
    {
        Case c = openCase(QStringLiteral("idle-timeout.txt"), {}, 400);
        QCOMPARE(c.session->state(), ImapSession::State::Authenticated);
        ImapNoopOperation noop(c.session.get());
        const ImapResult result = run(noop);
        QCOMPARE(result.kind, Kind::Timeout);
        QVERIFY(result.transport.has_value());
        QCOMPARE(result.transport->kind, Petrel::Net::ConnectionError::Kind::IdleTimeout);
        QCOMPARE(c.session->state(), ImapSession::State::Closed);
        VERIFY_SCRIPT(*c.server);
    }

    void mailboxSearchCopyExpunge()
    {
        using MK = ImapMailboxOperation::Kind;
        Case c = openCase(QStringLiteral("mailbox-ops.txt"));
        QCOMPARE(c.session->state(), ImapSession::State::Authenticated); // ENABLE refused: not fatal
        QVERIFY(c.session->enabled().isEmpty());
        QSignalSpy vanished(c.session.get(), &ImapSession::vanishedReceived);
        ImapMailboxOperation create(c.session.get(), MK::Create, QStringLiteral("Projects/Petrel"));
        VERIFY_OK(run(create));
        ImapMailboxOperation again(c.session.get(), MK::Create, QStringLiteral("Projects/Petrel"));
        const ImapResult exists = run(again);
        QCOMPARE(exists.kind, Kind::Rejected);
        QCOMPARE(exists.code.kind, ImapResponseCode::Kind::AlreadyExists);
        ImapMailboxOperation rename(c.session.get(), MK::Rename, QStringLiteral("Projects/Petrel"), QStringLiteral("Projects/Old"));
        VERIFY_OK(run(rename));
        ImapMailboxOperation subscribe(c.session.get(), MK::Subscribe, QStringLiteral("Projects/Old"));
        VERIFY_OK(run(subscribe));
        ImapMailboxOperation remove(c.session.get(), MK::Delete, QStringLiteral("Projects/Old"));
        VERIFY_OK(run(remove));
        ImapSelectOperation selectOp(c.session.get(), QStringLiteral("INBOX"));
        VERIFY_OK(run(selectOp));
        ImapSearchOperation search(c.session.get(), {ImapSearchArg::key("UNSEEN"), ImapSearchArg::key("SINCE"),
                                                     ImapSearchArg::key("1-Nov-2026")});
        VERIFY_OK(run(search));
        QCOMPARE(search.uids(), (QList<quint32>{3, 9, 12}));
        ImapCopyOperation copy(c.session.get(), *ImapSequenceSet::parse("3,9"), QStringLiteral("Trash"));
        VERIFY_OK(run(copy));
        QCOMPARE(copy.copyUid().uidValidity, 5u);
        QCOMPARE(copy.copyUid().destinationUids, ImapSequenceSet(100, 101));
        ImapExpungeOperation uidExpunge(c.session.get(), ImapSequenceSet(3));
        VERIFY_OK(run(uidExpunge));
        QCOMPARE(vanished.size(), 1);
        QCOMPARE(vanished.at(0).at(0).value<ImapSequenceSet>(), ImapSequenceSet(3));
        ImapExpungeOperation expunge(c.session.get());
        VERIFY_OK(run(expunge));
        VERIFY_SCRIPT(*c.server);
    }

    void compactSearchResult()
    {
        Case c = openCase(QStringLiteral("search-compact.txt"));
        ImapSelectOperation selectOp(c.session.get(), QStringLiteral("INBOX"));
        VERIFY_OK(run(selectOp));
        ImapSearchOperation search(c.session.get(), {ImapSearchArg::key("ALL")});
        search.setCompactResult(12);
        search.setUidUpperBound(4000000000); // with ESEARCH one command, never UID windows
        VERIFY_OK(run(search));
        QCOMPARE(search.uids(), (QList<quint32>{1, 2, 3, 7, 9, 10}));
        ImapSearchOperation lying(c.session.get(), {ImapSearchArg::key("ALL")});
        lying.setCompactResult(12);
        const ImapResult r = run(lying);
        QCOMPARE(r.kind, Kind::Protocol);
        QVERIFY2(r.message.contains(QLatin1String("4294967294 UIDs")), qPrintable(r.message));
        QVERIFY(lying.uids().isEmpty());
        ImapNoopOperation noop(c.session.get()); // the session goes on
        VERIFY_OK(run(noop));
        VERIFY_SCRIPT(*c.server);
    }

    void utf8AcceptNames()
    {
        Case c = openCase(QStringLiteral("utf8-accept.txt"));
        QVERIFY(c.session->isEnabled("UTF8=ACCEPT"));
        const QString name = QString::fromUtf8("Entw\xc3\xbcrfe");
        ImapMailboxOperation subscribe(c.session.get(), ImapMailboxOperation::Kind::Subscribe, name);
        VERIFY_OK(run(subscribe));
        ImapListOperation list(c.session.get());
        VERIFY_OK(run(list));
        QCOMPARE(list.entries().size(), 1);
        QCOMPARE(list.entries().at(0).name, name);
        VERIFY_SCRIPT(*c.server);
    }

    void listWithSubscriptionsExtended()
    {
        Case c = openCase(QStringLiteral("list-subscribed-extended.txt"));
        ImapListOperation list(c.session.get());
        list.setWantSubscriptions(true);
        VERIFY_OK(run(list));
        QCOMPARE(list.entries().size(), 3);
        QVERIFY(list.subscriptionsKnown());
        QCOMPARE(list.subscribed(), (QSet<QString>{QStringLiteral("INBOX"), QStringLiteral("Sent")}));
        QCOMPARE(list.entries().at(2).specialUse, ImapListEntry::SpecialUse::Sent);
        VERIFY_SCRIPT(*c.server);
    }

    void listWithSubscriptionsByLsub()
    {
        Case c = openCase(QStringLiteral("list-subscribed-lsub.txt"));
        ImapListOperation list(c.session.get());
        list.setWantSubscriptions(true);
        VERIFY_OK(run(list));
        QCOMPARE(list.entries().size(), 4);
        QVERIFY(list.subscriptionsKnown());
        QCOMPARE(list.subscribed(),
                 (QSet<QString>{QStringLiteral("INBOX"), QStringLiteral("Shared/Team"), QStringLiteral("Gone")}));
        ImapListOperation refused(c.session.get());
        refused.setWantSubscriptions(true);
        VERIFY_OK(run(refused)); // the folder list stands without LSUB
        QCOMPARE(refused.entries().size(), 1);
        QVERIFY(!refused.subscriptionsKnown());
        QVERIFY(refused.subscribed().isEmpty());
        VERIFY_SCRIPT(*c.server);
    }

    void largeFetchNeverHoldsMoreThanABatch()
    {
        QFETCH_GLOBAL(int, chunking);
        // Thousands of messages when the bytes come whole; fewer byte by byte, to keep the run short.
        const int count = chunking == int(Chunking::Whole) ? 20000 : 60;
        QByteArray script = "S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\n"
                            "C: <1> AUTHENTICATE PLAIN AGZyYW5rAHNlY3JldA==\n"
                            "S: <1> OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] Logged in\n"
                            "C: <2> SELECT INBOX\nS: * " + QByteArray::number(count) + " EXISTS\n"
                            "S: * OK [UIDVALIDITY 7] UIDs valid\nS: <2> OK [READ-WRITE] Select completed.\n"
                            "C: <3> UID FETCH 1:* (FLAGS RFC822.SIZE)\n";
        for (int i = 1; i <= count; ++i)
            script += "S: * " + QByteArray::number(i) + " FETCH (UID " + QByteArray::number(i * 2)
                      + " FLAGS (\\Seen) RFC822.SIZE 1234)\n";
        script += "S: <3> OK Fetch completed.\n";
        Case c;
        c.server = std::make_unique<ImapScriptServer>(FakeServer::Mode::Plain);
        c.server->setChunking(Chunking(chunking), 5);
        c.server->setScript(script);
        QVERIFY(c.server->start());
        c.session = std::make_unique<ImapSession>();
        VERIFY_OK(open(*c.session, settings(c.server->port(), Security::None, {})));
        ImapSelectOperation selectOp(c.session.get(), QStringLiteral("INBOX"));
        VERIFY_OK(run(selectOp));
        ImapFetchOperation fetch(c.session.get(), ImapSequenceSet(1, ImapSequenceSet::Star), {"FLAGS", "RFC822.SIZE"});
        fetch.setBatchSize(500);
        qsizetype largest = 0;
        quint32 lastUid = 0;
        bool ordered = true;
        connect(&fetch, &ImapFetchOperation::fetched, this, [&](const QList<ImapFetchData> &batch) {
            largest = qMax(largest, batch.size());
            for (const auto &item : batch) {
                ordered = ordered && item.uid.value_or(0) > lastUid && item.rfc822Size == 1234u;
                lastUid = item.uid.value_or(0);
            }
        });
        QSignalSpy finished(&fetch, &ImapOperation::finished);
        fetch.start();
        QVERIFY(finished.wait(120000));
        VERIFY_OK(fetch.result());
        QCOMPARE(fetch.fetchedCount(), quint64(count));
        QVERIFY(largest <= 500);
        QVERIFY(ordered);
        QCOMPARE(lastUid, quint32(count * 2));
        VERIFY_SCRIPT(*c.server);
    }
};

QTEST_GUILESS_MAIN(ImapOperationsReplayTest)
#include "tst_imap_operations_replay.moc"
