// Petrel's POP3 client against the scripted hostile servers of tests/hostile/pop3 (README.md).
#include "HostileHarness.h"
#include "pop3/Pop3Session.h"

using namespace Petrel::Pop3;

namespace {

QString describe(const Pop3Result &r)
{
    QString out = Pop3Result::errorName(r.error) + QStringLiteral(": ") + r.message + QStringLiteral(" / ")
                  + QString::fromUtf8(r.serverText);
    if (r.connectionError)
        out += QStringLiteral(" [") + Petrel::Net::ConnectionError::kindName(r.connectionError->kind) + QStringLiteral("]");
    return out;
}

bool credentialsSent(const QByteArray &received)
{
    return received.contains("USER") || received.contains("PASS") || received.contains("AUTH")
           || received.contains("APOP") || received.contains("pw");
}

} // namespace

class HostilePop3Test : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_certificates.generate();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(HostileCase::files(QStringLiteral("pop3")).size() >= 15, "the POP3 cases are missing");
    }

    void script_data() { Hostile::addRows(QStringLiteral("pop3")); }

    void script()
    {
        QFETCH(QString, path);
        HostileCase c;
        const QString loadError = HostileCase::load(path, &c);
        QVERIFY2(loadError.isEmpty(), qPrintable(loadError));
        auto server = Hostile::startServer(c, m_certificates, false);
        QVERIFY(server);

        Pop3Session session;
        bool ok = true;
        QString outcome = QStringLiteral("None");
        std::optional<qint64> count;
        for (const QStringList &step : c.steps) {
            Pop3Job *job = start(session, step, c, server->port());
            QVERIFY2(job, qPrintable(QStringLiteral("unknown step ") + step.join(QLatin1Char(' '))));
            std::optional<Pop3Result> result;
            connect(job, &Pop3Job::finished, this, [&](const Pop3Result &r) { result = r; });
            if (!Hostile::waitFor([&] { return result.has_value(); })) {
                ok = false;
                outcome = QStringLiteral("HUNG: the job never finished");
                break;
            }
            if (!result->isOk()) {
                ok = false;
                outcome = describe(*result);
                break;
            }
            const QString verb = step.value(0);
            count = verb == QLatin1String("uidl") ? result->uniqueIds.size()
                    : verb == QLatin1String("list") ? result->listings.size()
                    : verb == QLatin1String("retr") ? result->data.size()
                                                    : count;
        }
        qInfo("outcome: %s", qPrintable(outcome));
        const QString why = Hostile::verdict(c, *server, ok, outcome, credentialsSent(server->received()), count);
        session.abort();
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

private:
    Pop3Job *start(Pop3Session &session, const QStringList &step, const HostileCase &c, quint16 port)
    {
        const QString verb = step.value(0);
        if (verb == QLatin1String("open"))
            return session.open(Hostile::settings(c, port, m_certificates), 
                                {QStringLiteral("carol"), QStringLiteral("pw"), Pop3Credentials::Method::Automatic});
        if (verb == QLatin1String("stat"))
            return session.stat();
        if (verb == QLatin1String("list"))
            return session.list(step.value(1).toUInt());
        if (verb == QLatin1String("uidl"))
            return session.uidl(step.value(1).toUInt());
        if (verb == QLatin1String("retr"))
            return session.retrieve(step.value(1).toUInt());
        if (verb == QLatin1String("quit"))
            return session.quit();
        return nullptr;
    }

    TestCertificates m_certificates;
};

QTEST_GUILESS_MAIN(HostilePop3Test)
#include "tst_hostile_pop3.moc"
