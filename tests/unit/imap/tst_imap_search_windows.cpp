// ImapSearchOperation's compact listing on servers without ESEARCH: the search goes in UID
// windows, one at a time, so no plain SEARCH line outgrows the parser's line limit. Scripted
// servers on 127.0.0.1; the huge folder's answers are generated, not stored.
#include "ImapReplay.h"
#include "imap/ImapNoopOperation.h"
#include "imap/ImapParserLimits.h"
#include "imap/ImapSearchOperation.h"
#include "imap/ImapSelectOperation.h"

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

    static ImapResult listAll(ImapSearchOperation &search, quint64 atMost, quint64 uidNext)
    {
        search.setCompactResult(atMost);
        search.setUidUpperBound(uidNext);
        return run(search);
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

        auto server = std::make_unique<ImapScriptServer>(FakeServer::Mode::Plain);
        QByteArray script = QByteArrayLiteral("S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\n"
                                              "C: <1> AUTHENTICATE PLAIN AGZyYW5rAHNlY3JldA==\n"
                                              "S: <1> OK [CAPABILITY IMAP4rev1 UIDPLUS] Logged in\n"
                                              "C: <2> SELECT INBOX\n"
                                              "S: * 300000 EXISTS\n"
                                              "S: * OK [UIDVALIDITY 7] UIDs valid\n"
                                              "S: * OK [UIDNEXT 300001] Predicted next UID\n"
                                              "S: <2> OK [READ-WRITE] Select completed.\n");
        int tag = 3;
        for (quint64 first = 1; first <= count; first += ImapSearchOperation::WindowSize, ++tag) {
            const quint64 last = first + ImapSearchOperation::WindowSize - 1;
            const QByteArray window = QByteArray::number(first) + ':' +
                                      (last < count ? QByteArray::number(last) : QByteArrayLiteral("*"));
            const QByteArray t = '<' + QByteArray::number(tag) + '>';
            script += "C: " + t + " UID SEARCH UID " + window + " ALL\n";
            script += "S: " + searchLine(first, qMin(last, count)) + '\n';
            script += "S: " + t + " OK Search completed.\n";
        }
        server->setScript(script);
        Case c = openCase(std::move(server));

        ImapSearchOperation search(c.session.get(), {ImapSearchArg::key("ALL")});
        VERIFY_OK(listAll(search, count * 2, count + 1));
        QCOMPARE(quint64(search.uids().size()), count);
        bool inOrder = true;
        for (qsizetype i = 0; i < search.uids().size(); ++i)
            inOrder = inOrder && search.uids().at(i) == quint32(i + 1);
        QVERIFY(inOrder);
        QCOMPARE(tag, 9); // six windows: 1:50000 ... 200001:250000, then 250001:*
        VERIFY_SCRIPT(*c.server);
    }
};

QTEST_GUILESS_MAIN(ImapSearchWindowsTest)
#include "tst_imap_search_windows.moc"
