// The foundation's end-to-end proof: Petrel's own TLS connection reaches the fixture's real
// Dovecot (IMAP and POP3, implicit TLS and STARTTLS) and Postfix (submission with STARTTLS and
// implicit TLS), verifying certificates against the CA generated for this run; a message
// submitted through Postfix is found delivered in Dovecot over both IMAP and POP3.
#include "LineClient.h"
#include "TestServers.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QUuid>
#include <QtTest>

using Petrel::Net::ConnectionError;
using Petrel::Net::ConnectionSettings;
using Petrel::Net::Security;
using Petrel::Test::LineClient;
using Petrel::Test::TestServers;

namespace {

bool isSmtpLast(const QByteArray &line)
{
    return line.size() >= 4 && line.at(3) == ' ';
}

std::function<bool(const QByteArray &)> imapTagged(const QByteArray &tag)
{
    return [tag](const QByteArray &line) { return line.startsWith(QByteArray(tag + ' ')); };
}

bool isPopStatus(const QByteArray &line)
{
    return line.startsWith("+OK") || line.startsWith("-ERR");
}

bool isPopEnd(const QByteArray &line)
{
    return line == "." || line.startsWith("-ERR");
}

QByteArray plainAuth(const QString &login, const QString &password)
{
    return QByteArray(QByteArray(1, '\0') + login.toUtf8() + QByteArray(1, '\0') + password.toUtf8()).toBase64();
}

} // namespace

class ServersRoundTripTest : public QObject
{
    Q_OBJECT

private:
    TestServers m_servers;
    QString m_messageId;
    QString m_subject;

    ConnectionSettings settings(quint16 port, Security security) const
    {
        ConnectionSettings s = m_servers.connectionSettings(port, security);
        s.idleTimeoutMs = 15000; // a line exchange here never waits long
        return s;
    }

    // Submits one message from alice and returns the server's final reply line.
    QByteArray submit(quint16 port, Security security, const QString &to, const QString &messageId,
                      const QString &subject)
    {
        LineClient smtp;
        if (!smtp.connectTo(settings(port, security)))
            return "connect failed: " + smtp.describe().toUtf8();
        auto greeting = smtp.exchange({}, isSmtpLast);
        if (!greeting || !greeting->last().startsWith("220"))
            return "no greeting";
        auto ehlo = smtp.exchange("EHLO petrel.test", isSmtpLast);
        if (!ehlo)
            return "no EHLO reply";
        if (security == Security::StartTls) {
            // Postfix offers AUTH only once TLS is up (smtpd_tls_auth_only).
            if (ehlo->join('\n').contains("AUTH"))
                return "AUTH offered before TLS";
            if (!ehlo->join('\n').contains("STARTTLS"))
                return "STARTTLS not offered";
            auto started = smtp.exchange("STARTTLS", isSmtpLast);
            if (!started || !started->last().startsWith("220") || !smtp.startTls())
                return "STARTTLS failed: " + smtp.describe().toUtf8();
            ehlo = smtp.exchange("EHLO petrel.test", isSmtpLast);
            if (!ehlo || !ehlo->join('\n').contains("AUTH"))
                return "no AUTH after STARTTLS";
        }
        if (!smtp.connection().isEncrypted())
            return "not encrypted";
        const auto alice = m_servers.user(QStringLiteral("alice"));
        auto auth = smtp.exchange("AUTH PLAIN " + plainAuth(alice.login, alice.password), isSmtpLast);
        if (!auth || !auth->last().startsWith("235"))
            return "AUTH failed: " + (auth ? auth->last() : QByteArray("timeout"));
        const QList<QByteArray> envelope{QByteArray("MAIL FROM:<" + alice.login.toUtf8() + '>'),
                                         QByteArray("RCPT TO:<" + to.toUtf8() + '>')};
        for (const QByteArray &command : envelope) {
            auto reply = smtp.exchange(command, isSmtpLast);
            if (!reply || !reply->last().startsWith("250"))
                return command + " refused: " + (reply ? reply->last() : QByteArray("timeout"));
        }
        auto data = smtp.exchange("DATA", isSmtpLast);
        if (!data || !data->last().startsWith("354"))
            return "DATA refused";
        const QByteArray message = "From: Alice <" + alice.login.toUtf8() + ">\r\nTo: <" + to.toUtf8()
                                   + ">\r\nSubject: " + subject.toUtf8() + "\r\nMessage-ID: <" + messageId.toUtf8()
                                   + ">\r\nDate: " + QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date).toUtf8()
                                   + "\r\n\r\nHello from Petrel's integration test.\r\n.";
        auto accepted = smtp.exchange(message, isSmtpLast);
        smtp.exchange("QUIT", isSmtpLast);
        smtp.close();
        return accepted ? accepted->last() : QByteArray("no reply after DATA");
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_servers = TestServers::load();
        QVERIFY2(m_servers.isValid(), qPrintable(m_servers.errorString()));
        m_messageId = QUuid::createUuid().toString(QUuid::WithoutBraces) + QStringLiteral("@petrel.test");
        m_subject = QStringLiteral("Round trip ") + m_messageId.left(8);
    }

    void submissionWithStartTlsDelivers()
    {
        const QString bob = m_servers.user(QStringLiteral("bob")).login;
        const QByteArray reply = submit(m_servers.submissionPort(), Security::StartTls, bob, m_messageId, m_subject);
        QVERIFY2(reply.startsWith("250"), reply.constData());
    }

    void imapOverImplicitTlsFindsIt()
    {
        const auto bob = m_servers.user(QStringLiteral("bob"));
        LineClient imap;
        QVERIFY2(imap.connectTo(settings(m_servers.imapTlsPort(), Security::ImplicitTls)), qPrintable(imap.describe()));
        QVERIFY(imap.connection().isEncrypted());
        QVERIFY(imap.connection().sessionProtocol() == QSsl::TlsV1_2 || imap.connection().sessionProtocol() == QSsl::TlsV1_3);
        auto greeting = imap.exchange({}, [](const QByteArray &l) { return l.startsWith("* "); });
        QVERIFY(greeting && greeting->first().startsWith("* OK"));
        auto login = imap.exchange("a1 LOGIN \"" + bob.login.toUtf8() + "\" \"" + bob.password.toUtf8() + '"',
                                   imapTagged("a1"));
        QVERIFY2(login && login->last().startsWith("a1 OK"), login ? login->last().constData() : "timeout");

        // Delivery through Postfix and LMTP is asynchronous: poll, bounded.
        QByteArray uid;
        const QDeadlineTimer deadline(30000);
        int n = 0;
        while (uid.isEmpty() && !deadline.hasExpired()) {
            const QByteArray tag = "s" + QByteArray::number(++n);
            QVERIFY(imap.exchange(tag + " SELECT INBOX", imapTagged(tag)));
            const QByteArray tag2 = tag + 'x';
            auto found = imap.exchange(tag2 + " UID SEARCH HEADER Message-ID \"" + m_messageId.toUtf8() + '"',
                                       imapTagged(tag2));
            QVERIFY(found);
            for (const QByteArray &line : *found) {
                const QList<QByteArray> words = line.split(' ');
                if (line.startsWith("* SEARCH") && words.size() > 2)
                    uid = words.at(2);
            }
            if (uid.isEmpty())
                QTest::qWait(200);
        }
        QVERIFY2(!uid.isEmpty(), "the message did not arrive in bob's INBOX within 30 s");
        auto fetched = imap.exchange("f1 UID FETCH " + uid + " BODY.PEEK[HEADER.FIELDS (SUBJECT)]", imapTagged("f1"));
        QVERIFY(fetched);
        QVERIFY2(fetched->join('\n').contains(m_subject.toUtf8()), fetched->join('\n').constData());
        imap.exchange("z LOGOUT", imapTagged("z"));
    }

    void imapStartTlsLogsIn()
    {
        const auto bob = m_servers.user(QStringLiteral("bob"));
        LineClient imap;
        QVERIFY2(imap.connectTo(settings(m_servers.imapStartTlsPort(), Security::StartTls)), qPrintable(imap.describe()));
        QVERIFY(!imap.connection().isEncrypted());
        auto greeting = imap.exchange({}, [](const QByteArray &l) { return l.startsWith("* "); });
        QVERIFY(greeting && greeting->first().contains("STARTTLS"));
        auto started = imap.exchange("a1 STARTTLS", imapTagged("a1"));
        QVERIFY(started && started->last().startsWith("a1 OK"));
        QVERIFY2(imap.startTls(), qPrintable(imap.describe()));
        QVERIFY(imap.connection().isEncrypted());
        auto login = imap.exchange("a3 LOGIN \"" + bob.login.toUtf8() + "\" \"" + bob.password.toUtf8() + '"',
                                   imapTagged("a3"));
        QVERIFY(login && login->last().startsWith("a3 OK"));
        // Dovecot lists its extensions once logged in.
        auto caps = imap.exchange("a4 CAPABILITY", imapTagged("a4"));
        QVERIFY(caps);
        const QByteArray capabilities = caps->join(' ');
        for (const char *cap : {"IDLE", "CONDSTORE", "QRESYNC", "MOVE", "UIDPLUS", "SPECIAL-USE"})
            QVERIFY2(capabilities.contains(cap), capabilities.constData());
        imap.exchange("z LOGOUT", imapTagged("z"));
    }

    void pop3OverImplicitTlsFindsIt()
    {
        const auto bob = m_servers.user(QStringLiteral("bob"));
        LineClient pop;
        QVERIFY2(pop.connectTo(settings(m_servers.pop3TlsPort(), Security::ImplicitTls)), qPrintable(pop.describe()));
        QVERIFY(pop.connection().isEncrypted());
        QVERIFY(pop.exchange({}, isPopStatus));
        auto user = pop.exchange("USER " + bob.login.toUtf8(), isPopStatus);
        QVERIFY(user && user->last().startsWith("+OK"));
        auto pass = pop.exchange("PASS " + bob.password.toUtf8(), isPopStatus);
        QVERIFY2(pass && pass->last().startsWith("+OK"), pass ? pass->last().constData() : "timeout");
        auto stat = pop.exchange("STAT", isPopStatus);
        QVERIFY(stat && stat->last().startsWith("+OK"));
        const int count = stat->last().split(' ').value(1).toInt();
        QVERIFY(count >= 1);
        bool found = false;
        for (int i = count; i >= 1 && !found; --i) {
            auto retr = pop.exchange("RETR " + QByteArray::number(i), isPopEnd);
            QVERIFY(retr && retr->first().startsWith("+OK"));
            found = retr->join('\n').contains(QByteArray("Message-ID: <" + m_messageId.toUtf8() + '>'));
        }
        QVERIFY2(found, "the message submitted through Postfix is not in bob's POP3 maildrop");
        pop.exchange("QUIT", isPopStatus);
    }

    void pop3StlsLogsIn()
    {
        const auto bob = m_servers.user(QStringLiteral("bob"));
        LineClient pop;
        QVERIFY2(pop.connectTo(settings(m_servers.pop3StlsPort(), Security::StartTls)), qPrintable(pop.describe()));
        QVERIFY(pop.exchange({}, isPopStatus));
        auto stls = pop.exchange("STLS", isPopStatus);
        QVERIFY(stls && stls->last().startsWith("+OK"));
        QVERIFY2(pop.startTls(), qPrintable(pop.describe()));
        auto user = pop.exchange("USER " + bob.login.toUtf8(), isPopStatus);
        QVERIFY(user && user->last().startsWith("+OK"));
        auto pass = pop.exchange("PASS " + bob.password.toUtf8(), isPopStatus);
        QVERIFY(pass && pass->last().startsWith("+OK"));
        pop.exchange("QUIT", isPopStatus);
    }

    void implicitTlsSubmissionToOutsideReachesSinkOnly()
    {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces) + QStringLiteral("@petrel.test");
        const QByteArray reply =
            submit(m_servers.submissionsPort(), Security::ImplicitTls, QStringLiteral("someone@example.com"), id,
                   QStringLiteral("Outside"));
        QVERIFY2(reply.startsWith("250"), reply.constData());
        // Nothing leaves the machine: the recipient is rewritten to the local sink mailbox.
        QVERIFY2(m_servers.waitForMessage(m_servers.sink(), QStringLiteral("INBOX"),
                                          {QStringLiteral("HEADER"), QStringLiteral("Message-ID"), id}, 30000),
                 "the message to an outside address did not reach the sink");
    }

    void certificateNotTrustedWithoutTheRunsCa()
    {
        // The same server, without the generated CA: verification must fail, and say why.
        ConnectionSettings s = settings(m_servers.imapTlsPort(), Security::ImplicitTls);
        s.tls.trustedCaFile.clear();
        s.tls.useSystemCas = true;
        LineClient imap;
        QVERIFY(!imap.connectTo(s));
        QVERIFY(imap.error());
        QVERIFY2(imap.error()->kind == ConnectionError::Kind::UntrustedCertificate
                     || imap.error()->kind == ConnectionError::Kind::SelfSigned,
                 qPrintable(ConnectionError::kindName(imap.error()->kind)));
        QCOMPARE(imap.error()->certificateSha256.size(), 32);
    }
};

QTEST_GUILESS_MAIN(ServersRoundTripTest)
#include "tst_servers_roundtrip.moc"
