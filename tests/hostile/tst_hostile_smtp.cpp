// Petrel's SMTP submission against the scripted hostile servers of tests/hostile/smtp (README.md).
#include "HostileHarness.h"
#include "smtp/SmtpSession.h"
#include "smtp/SmtpSubmission.h"

using namespace Petrel::Smtp;

namespace {

QString describe(const SmtpResult &r)
{
    QString out = SmtpResult::kindName(r.kind) + QStringLiteral(" at ") + SmtpResult::stageName(r.stage)
                  + QStringLiteral(": ") + r.message + QStringLiteral(" / ") + r.serverText;
    if (r.kind == SmtpResult::Kind::Transport || r.kind == SmtpResult::Kind::Timeout)
        out += QStringLiteral(" [") + Petrel::Net::ConnectionError::kindName(r.transport.kind) + QStringLiteral("]");
    return out;
}

bool credentialsSent(const QByteArray &received)
{
    // mia / pw; base64("\0mia\0pw") = AG1pYQBwdw==
    return received.contains("AUTH") || received.contains("AG1pYQBwdw==");
}

} // namespace

class HostileSmtpTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_certificates.generate();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(HostileCase::files(QStringLiteral("smtp")).size() >= 15, "the SMTP cases are missing");
    }

    void script_data() { Hostile::addRows(QStringLiteral("smtp")); }

    void script()
    {
        QFETCH(QString, path);
        HostileCase c;
        const QString loadError = HostileCase::load(path, &c);
        QVERIFY2(loadError.isEmpty(), qPrintable(loadError));
        auto server = Hostile::startServer(c, m_certificates, false);
        QVERIFY(server);

        SmtpSession session;
        bool ok = true;
        QString outcome = QStringLiteral("Ok");
        for (const QStringList &step : c.steps) {
            std::optional<SmtpResult> result;
            const QString verb = step.value(0);
            QMetaObject::Connection connection;
            if (verb == QLatin1String("open")) {
                connection = connect(&session, &SmtpSession::opened, this, [&](const SmtpResult &r) { result = r; });
                SmtpCredentials mia;
                mia.user = QStringLiteral("mia");
                mia.password = QStringLiteral("pw");
                session.open(Hostile::settings(c, server->port(), m_certificates), mia);
            } else if (verb == QLatin1String("send")) {
                SmtpMessage m;
                m.sender = QStringLiteral("mia@petrel.test");
                m.recipients = {QStringLiteral("bob@petrel.test")};
                m.data = "Subject: hi\r\n\r\nHello\r\n";
                connection = connect(session.submit(m), &SmtpSubmission::finished, this,
                                     [&](const SmtpResult &r) { result = r; });
            } else
                QFAIL(qPrintable(QStringLiteral("unknown step ") + verb));
            const bool answered = Hostile::waitFor([&] { return result.has_value(); });
            disconnect(connection);
            if (!answered) {
                ok = false;
                outcome = QStringLiteral("HUNG: no answer to ") + verb;
                break;
            }
            if (!result->isOk()) {
                ok = false;
                outcome = describe(*result);
                break;
            }
        }
        qInfo("outcome: %s", qPrintable(outcome));
        const QString why = Hostile::verdict(c, *server, ok, outcome, credentialsSent(server->received()), {});
        session.abort();
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

private:
    TestCertificates m_certificates;
};

QTEST_GUILESS_MAIN(HostileSmtpTest)
#include "tst_hostile_smtp.moc"
