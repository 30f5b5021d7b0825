// Petrel's IMAP client against the scripted hostile servers of tests/hostile/imap (README.md).
#include "HostileHarness.h"
#include "imap/ImapFetchOperation.h"
#include "imap/ImapListOperation.h"
#include "imap/ImapNoopOperation.h"
#include "imap/ImapSelectOperation.h"
#include "imap/ImapSession.h"

using namespace Petrel::Imap;

namespace {

QString describe(const ImapResult &r)
{
    QString out = ImapResult::kindName(r.kind) + QStringLiteral(": ") + r.message + QStringLiteral(" / ") + r.serverText;
    if (r.transport)
        out += QStringLiteral(" [") + Petrel::Net::ConnectionError::kindName(r.transport->kind) + QStringLiteral("]");
    return out;
}

bool credentialsSent(const QByteArray &received)
{
    // frank / secret, as LOGIN or AUTHENTICATE PLAIN (base64 of "\0frank\0secret").
    return received.contains("secret") || received.contains("AGZyYW5rAHNlY3JldA==") || received.contains(" LOGIN ")
           || received.contains(" AUTHENTICATE ");
}

} // namespace

class HostileImapTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_certificates.generate();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(HostileCase::files(QStringLiteral("imap")).size() >= 20, "the IMAP cases are missing");
    }

    void script_data() { Hostile::addRows(QStringLiteral("imap")); }

    void script()
    {
        QFETCH(QString, path);
        HostileCase c;
        const QString loadError = HostileCase::load(path, &c);
        QVERIFY2(loadError.isEmpty(), qPrintable(loadError));
        auto server = Hostile::startServer(c, m_certificates, true);
        QVERIFY(server);

        ImapSession session;
        bool ok = true;
        QString outcome = QStringLiteral("Ok");
        std::optional<qint64> count;
        for (const QStringList &step : c.steps) {
            const ImapResult result = run(session, step, c, server->port(), &count);
            if (!result.isOk()) {
                ok = false;
                outcome = describe(result);
                break;
            }
        }
        qInfo("outcome: %s", qPrintable(outcome));
        const QString why = Hostile::verdict(c, *server, ok, outcome, credentialsSent(server->received()), count);
        session.abort();
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

private:
    ImapResult run(ImapSession &session, const QStringList &step, const HostileCase &c, quint16 port,
                   std::optional<qint64> *count)
    {
        const QString verb = step.value(0);
        if (verb == QLatin1String("open")) {
            std::optional<ImapResult> opened;
            const auto connection =
                connect(&session, &ImapSession::opened, this, [&](const ImapResult &r) { opened = r; });
            session.open(Hostile::settings(c, port, m_certificates), ImapCredentials{QStringLiteral("frank"), QStringLiteral("secret")});
            const bool answered = Hostile::waitFor([&] { return opened.has_value(); });
            disconnect(connection);
            if (!answered)
                return ImapResult::make(ImapResult::Kind::Timeout, QStringLiteral("HUNG: no opened()"));
            return *opened;
        }
        std::unique_ptr<ImapOperation> operation;
        ImapFetchOperation *fetch = nullptr;
        ImapListOperation *list = nullptr;
        if (verb == QLatin1String("select"))
            operation = std::make_unique<ImapSelectOperation>(&session, step.value(1));
        else if (verb == QLatin1String("noop"))
            operation = std::make_unique<ImapNoopOperation>(&session);
        else if (verb == QLatin1String("list"))
            operation.reset(list = new ImapListOperation(&session));
        else if (verb == QLatin1String("fetch")) {
            const auto uids = ImapSequenceSet::parse(step.value(1).toLatin1());
            if (!uids)
                return ImapResult::make(ImapResult::Kind::InvalidState, QStringLiteral("SCRIPT: bad UID set"));
            QList<QByteArray> items;
            for (const QString &item : step.mid(2))
                items.append(item.toLatin1());
            operation.reset(fetch = new ImapFetchOperation(&session, *uids, items));
        } else
            return ImapResult::make(ImapResult::Kind::InvalidState, QStringLiteral("SCRIPT: unknown step ") + verb);
        std::optional<ImapResult> finished;
        connect(operation.get(), &ImapOperation::finished, this, [&](const ImapResult &r) { finished = r; });
        operation->start();
        if (!Hostile::waitFor([&] { return finished.has_value(); }))
            return ImapResult::make(ImapResult::Kind::Timeout, QStringLiteral("HUNG: no finished()"));
        if (fetch)
            *count = qint64(fetch->fetchedCount());
        if (list)
            *count = list->entries().size();
        return *finished;
    }

    TestCertificates m_certificates;
};

QTEST_GUILESS_MAIN(HostileImapTest)
#include "tst_hostile_imap.moc"
