// ImapSearchOperation's compact listing on servers without ESEARCH: the search goes in UID
// windows, one at a time, so no plain SEARCH line outgrows the parser's line limit. Scripted
// servers on 127.0.0.1; the huge folder's answers are generated, not stored.
#include "ImapReplay.h"
#include "imap/ImapNoopOperation.h"
#include "imap/ImapParserLimits.h"
#include "imap/ImapSearchOperation.h"
#include "imap/ImapSelectOperation.h"

#include <QSignalSpy>

using namespace Petrel::Imap;
using namespace ImapReplay;
using Petrel::Net::Security;

class ImapSearchWindowsTest : public QObject
{
    Q_OBJECT

private:
    struct Case
    {
        std::unique_ptr<ImapScriptServer> server;
        std::unique_ptr<ImapSession> session;
    };

    // Starts the server on its script, logs in and selects INBOX.
    static Case openCase(std::unique_ptr<ImapScriptServer> server)
    {
        Case c;
        c.server = std::move(server);
        if (!c.server->start())
            qFatal("cannot start the script server: %s", qPrintable(c.server->error()));
        c.session = std::make_unique<ImapSession>();
        const ImapResult opened = open(*c.session, settings(c.server->port(), Security::None, {}));
        if (!opened.isOk())
            qWarning("open failed: %s", qPrintable(describe(opened)));
        ImapSelectOperation select(c.session.get(), QStringLiteral("INBOX"));
        const ImapResult selected = run(select);
        if (!selected.isOk())
            qWarning("select failed: %s", qPrintable(describe(selected)));
        return c;
    }

    static std::unique_ptr<ImapScriptServer> scripted(const QString &name)
    {
        QFETCH(int, chunking);
        auto server = std::make_unique<ImapScriptServer>(FakeServer::Mode::Plain);
        server->setChunking(Chunking(chunking), 5);
        if (!server->loadScript(name))
            qFatal("cannot load %s: %s", qPrintable(name), qPrintable(server->error()));
        return server;
    }

    static ImapResult listAll(ImapSearchOperation &search, quint64 atMost, quint64 uidNext, quint64 count = 0)
    {
        search.setCompactResult(atMost);
        search.setUidUpperBound(uidNext);
        search.setMessageCount(count);
        return run(search);
    }

    // Login and SELECT of a mailbox of `exists` messages, tags <1> and <2>.
    static QByteArray selectScript(quint64 exists, quint64 uidNext)
    {
        return QByteArrayLiteral("S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\n"
                                 "C: <1> AUTHENTICATE PLAIN AGZyYW5rAHNlY3JldA==\n"
                                 "S: <1> OK [CAPABILITY IMAP4rev1 UIDPLUS] Logged in\n"
                                 "C: <2> SELECT INBOX\n"
                                 "S: * ") +
               QByteArray::number(exists) + " EXISTS\nS: * OK [UIDVALIDITY 7] UIDs valid\nS: * OK [UIDNEXT " +
               QByteArray::number(uidNext) + "] Predicted next UID\nS: <2> OK [READ-WRITE] Select completed.\n";
    }

    static Case openScript(const QByteArray &script)
    {
        auto server = std::make_unique<ImapScriptServer>(FakeServer::Mode::Plain);
        server->setScript(script);
        return openCase(std::move(server));
    }

    // "* SEARCH first first+1 ... last"
    static QByteArray searchLine(quint64 first, quint64 last)
    {
        QByteArray line = QByteArrayLiteral("* SEARCH");
        line.reserve(qsizetype((last - first + 1) * 8 + 10));
        for (quint64 uid = first; uid <= last; ++uid)
            line += ' ' + QByteArray::number(uid);
        return line;
    }

private Q_SLOTS:
    void windowsFromScript_data() { addChunkingRows(); }
    void windowsFromScript()
    {
        Case c = openCase(scripted(QStringLiteral("search-windows.txt")));
        const QList<ImapSearchArg> all{ImapSearchArg::key("ALL")};

        ImapSearchOperation three(c.session.get(), all);
        VERIFY_OK(listAll(three, 100, 120001));
        QCOMPARE(three.uids(), (QList<quint32>{3, 1, 49999, 50001, 99999, 120000, 120001}));

        ImapSearchOperation highestBelow(c.session.get(), all);
        VERIFY_OK(listAll(highestBelow, 100, 120001));
        QCOMPARE(highestBelow.uids(), (QList<quint32>{7}));

        ImapSearchOperation refused(c.session.get(), all);
        const ImapResult no = listAll(refused, 100, 120001);
        QCOMPARE(no.kind, Kind::Rejected);
        QCOMPARE(no.serverText, QStringLiteral("Search failed: index is being rebuilt"));
        QVERIFY2(no.message.contains(QLatin1String("Search failed: index is being rebuilt")),
                 qPrintable(no.message));
        QVERIFY(refused.uids().isEmpty()); // the first window's UIDs are not a listing

        ImapSearchOperation outside(c.session.get(), all);
        const ImapResult wrongWindow = listAll(outside, 100, 120001);
        QCOMPARE(wrongWindow.kind, Kind::Protocol);
        QVERIFY2(wrongWindow.message.contains(QLatin1String("UID 50001")) &&
                     wrongWindow.message.contains(QLatin1String("1:50000")),
                 qPrintable(wrongWindow.message));
        QVERIFY(outside.uids().isEmpty());

        ImapSearchOperation tooMany(c.session.get(), all);
        const ImapResult overBound = listAll(tooMany, 3, 120001);
        QCOMPARE(overBound.kind, Kind::Protocol);
        QVERIFY2(overBound.message.contains(QLatin1String("more than 3 UIDs")),
                 qPrintable(overBound.message));
        QVERIFY(tooMany.uids().isEmpty());

        ImapSearchOperation oneWindow(c.session.get(), all);
        VERIFY_OK(listAll(oneWindow, 100, 50001));
        QCOMPARE(oneWindow.uids(), (QList<quint32>{1, 2, 3}));
        ImapSearchOperation unknownBound(c.session.get(), all);
        VERIFY_OK(listAll(unknownBound, 100, 0));
        QCOMPARE(unknownBound.uids(), (QList<quint32>{4, 5}));

        ImapNoopOperation noop(c.session.get()); // the session goes on after every failure
        VERIFY_OK(run(noop));
        VERIFY_SCRIPT(*c.server);
    }

    // 300,000 dense UIDs: as one SEARCH line about 2 MB, over the 1 MiB line limit; in windows of
    // 50,000 each line is about 340 KB. The server answers each window the client asks for.
    void hugeFolderStaysUnderTheLineLimit()
    {
        constexpr quint64 count = 300000;
        const ImapParserLimits limits;
        QVERIFY(searchLine(1, count).size() > limits.maxLineLength);
        // Even ten-digit UIDs keep a full window's line under the limit, with margin.
        QVERIFY(ImapSearchOperation::WindowSize * 11 + 10 < quint64(limits.maxLineLength) * 3 / 4);

        QByteArray script = selectScript(count, count + 1);
        // The windows' bounds: the UIDs at every 50,000th message.
        script += "C: <3> FETCH 50000,100000,150000,200000,250000 (UID)\n";
        for (quint64 n = 50000; n < count; n += 50000)
            script += "S: * " + QByteArray::number(n) + " FETCH (UID " + QByteArray::number(n) + ")\n";
        script += "S: <3> OK Fetch completed.\n";
        int tag = 4;
        for (quint64 first = 1; first <= count; first += ImapSearchOperation::WindowSize, ++tag) {
            const quint64 last = first + ImapSearchOperation::WindowSize - 1;
            const QByteArray window = QByteArray::number(first) + ':' +
                                      (last < count ? QByteArray::number(last) : QByteArrayLiteral("*"));
            const QByteArray t = '<' + QByteArray::number(tag) + '>';
            script += "C: " + t + " UID SEARCH UID " + window + " ALL\n";
            script += "S: " + searchLine(first, qMin(last, count)) + '\n';
            script += "S: " + t + " OK Search completed.\n";
        }
        Case c = openScript(script);

        ImapSearchOperation search(c.session.get(), {ImapSearchArg::key("ALL")});
        VERIFY_OK(listAll(search, count * 2, count + 1, count));
        QCOMPARE(quint64(search.uids().size()), count);
        bool inOrder = true;
        for (qsizetype i = 0; i < search.uids().size(); ++i)
            inOrder = inOrder && search.uids().at(i) == quint32(i + 1);
        QVERIFY(inOrder);
        QCOMPARE(tag, 10); // the bounds, then six windows: 1:50000 ... 200001:250000, then 250001:*
        VERIFY_SCRIPT(*c.server);
    }

    // 120,000 messages whose UIDs run up to near 4,000,000,000: windows by UIDNEXT would take
    // 80,000 round trips; by the message count it is one FETCH and three windows. A FETCH of
    // another client's flag change at a bound's message is passed on, not swallowed.
    void sparseFolderTakesWindowsByCount()
    {
        QByteArray script = selectScript(120000, 3999999990);
        script += "C: <3> FETCH 50000,100000 (UID)\n"
                  "S: * 7 FETCH (FLAGS (\\Seen))\n"
                  "S: * 100000 FETCH (UID 3000000000)\n"
                  "S: * 50000 FETCH (UID 1000000000 FLAGS (\\Flagged))\n"
                  "S: <3> OK Fetch completed.\n"
                  "C: <4> UID SEARCH UID 1:1000000000 ALL\n"
                  "S: * SEARCH 5 999999999 1000000000\n"
                  "S: <4> OK Search completed.\n"
                  "C: <5> UID SEARCH UID 1000000001:3000000000 ALL\n"
                  "S: * SEARCH 3000000000\n"
                  "S: <5> OK Search completed.\n"
                  "C: <6> UID SEARCH UID 3000000001:* ALL\n"
                  "S: * SEARCH 3999999989\n"
                  "S: <6> OK Search completed.\n";
        Case c = openScript(script);
        QSignalSpy passedOn(c.session.get(), &ImapSession::fetchReceived);

        ImapSearchOperation search(c.session.get(), {ImapSearchArg::key("ALL")});
        VERIFY_OK(listAll(search, 240000, 3999999990, 120000));
        QCOMPARE(search.uids(), (QList<quint32>{5, 999999999, 1000000000, 3000000000, 3999999989}));
        QCOMPARE(passedOn.size(), 2);
        QCOMPARE(passedOn.at(0).at(0).value<ImapFetchData>().sequence, 7u);
        QCOMPARE(passedOn.at(1).at(0).value<ImapFetchData>().uid, std::optional<quint32>(1000000000));
        VERIFY_SCRIPT(*c.server);
    }

    // The bounds' FETCH refused: windows by UIDNEXT. Bounds that do not ascend: a protocol error
    // before any search. A folder of at most one window: one plain search, whatever its UIDNEXT.
    void windowBoundsFallbacks()
    {
        QByteArray script = selectScript(60000, 100001);
        script += "C: <3> FETCH 50000 (UID)\n"
                  "S: <3> NO Server busy\n"
                  "C: <4> UID SEARCH UID 1:50000 ALL\n"
                  "S: * SEARCH 1 2\n"
                  "S: <4> OK Search completed.\n"
                  "C: <5> UID SEARCH UID 50001:* ALL\n"
                  "S: * SEARCH 100000\n"
                  "S: <5> OK Search completed.\n"
                  "C: <6> FETCH 50000,100000 (UID)\n"
                  "S: * 50000 FETCH (UID 900)\n"
                  "S: * 100000 FETCH (UID 800)\n"
                  "S: <6> OK Fetch completed.\n"
                  "C: <7> UID SEARCH ALL\n"
                  "S: * SEARCH 3999999999\n"
                  "S: <7> OK Search completed.\n"
                  "C: <8> NOOP\n"
                  "S: <8> OK NOOP completed.\n";
        Case c = openScript(script);

        ImapSearchOperation refused(c.session.get(), {ImapSearchArg::key("ALL")});
        VERIFY_OK(listAll(refused, 120000, 100001, 60000));
        QCOMPARE(refused.uids(), (QList<quint32>{1, 2, 100000}));

        ImapSearchOperation descending(c.session.get(), {ImapSearchArg::key("ALL")});
        const ImapResult bad = listAll(descending, 240000, 100001, 110000);
        QCOMPARE(bad.kind, Kind::Protocol);
        QVERIFY2(bad.message.contains(QLatin1String("do not ascend")) &&
                     bad.message.contains(QLatin1String("UID 800 at message 100000")),
                 qPrintable(bad.message));
        QVERIFY(descending.uids().isEmpty());

        ImapSearchOperation small(c.session.get(), {ImapSearchArg::key("ALL")});
        VERIFY_OK(listAll(small, 100, 4000000000, 3));
        QCOMPARE(small.uids(), (QList<quint32>{3999999999}));

        ImapNoopOperation noop(c.session.get());
        VERIFY_OK(run(noop));
        VERIFY_SCRIPT(*c.server);
    }
};

QTEST_GUILESS_MAIN(ImapSearchWindowsTest)
#include "tst_imap_search_windows.moc"
