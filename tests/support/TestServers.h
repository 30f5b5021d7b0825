#pragma once

#include "TestUser.h"
#include "net/ConnectionSettings.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

namespace Petrel::Test {

// The real Dovecot and Postfix of the petrel_servers fixture, as described by the JSON file that
// tests/servers/start.py writes (environment variable PETREL_TEST_SERVERS, set for tests declared
// with FIXTURES servers). All ports are on host() and all TLS is signed by caFile().
class TestServers
{
public:
    struct DoveadmResult
    {
        int exitCode = -1;   // -1: doveadm could not be run or timed out (see stdErr)
        QByteArray stdOut;
        QByteArray stdErr;
    };

    // Reads $PETREL_TEST_SERVERS. On failure isValid() is false and errorString() says why
    // (also printed as a warning, so a test's log shows it).
    static TestServers load();
    static TestServers loadFile(const QString &path);

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    QString directory() const { return m_directory; }
    QString host() const { return m_host; }            // "127.0.0.1": where to connect
    QString hostName() const { return m_hostName; }    // "localhost": the certificate's name
    QString caFile() const { return m_caFile; }
    QList<QSslCertificate> caCertificates() const;

    quint16 imapStartTlsPort() const { return m_imapStartTls; }
    quint16 imapTlsPort() const { return m_imapTls; }
    quint16 pop3StlsPort() const { return m_pop3Stls; }
    quint16 pop3TlsPort() const { return m_pop3Tls; }
    quint16 submissionPort() const { return m_submission; }    // STARTTLS required before AUTH
    quint16 submissionsPort() const { return m_submissions; }  // implicit TLS
    quint16 injectPort() const { return m_inject; }            // plain, no AUTH, domain() only
    quint16 lmtpPort() const { return m_lmtp; }
    // A second Dovecot over the same mailboxes without CONDSTORE, QRESYNC, MOVE, UIDPLUS,
    // LITERAL+ and IDLE (implicit TLS). Only tests that need such a server use it, and they may
    // stop and start it to take the server away.
    quint16 poorImapTlsPort() const { return m_poorImapTls; }
    // Stops the poor Dovecot and waits until its port refuses connections (false + *error if not).
    bool stopPoorServer(QString *error) const;
    // Starts it again and waits until its port accepts connections.
    bool startPoorServer(QString *error) const;

    QString domain() const { return m_domain; }
    QList<TestUser> users() const { return m_users; }
    // By local part ("alice") or full login; an invalid TestUser if there is none.
    TestUser user(const QString &name) const;
    QString sink() const { return m_sink; }   // receives every message to another domain
    QString postfixConfig() const { return m_postfixConfig; }

    // Runs doveadm against the fixture's Dovecot, e.g. {"search", "-u", login, "mailbox", "INBOX", "all"}.
    QStringList doveadmCommand() const { return m_doveadm; }
    DoveadmResult doveadm(const QStringList &args, int timeoutMs = 30000) const;

    // How many messages login's mailbox holds now; -1 when doveadm fails.
    int messageCount(const QString &login, const QString &mailbox) const;
    // How many messages of login's mailbox match searchQuery (doveadm search terms, e.g.
    // {"HEADER", "Message-ID", id}): a delivery count; -1 when doveadm fails.
    int matchCount(const QString &login, const QString &mailbox, const QStringList &searchQuery) const;
    // Waits until Postfix has handed on everything it accepted; false after timeoutMs.
    bool waitForEmptyMailQueue(int timeoutMs = 60000) const;

    // Polls doveadm until a message matching searchQuery (doveadm search terms, e.g. {"HEADER",
    // "Message-ID", id}) is in login's mailbox; false when none came within timeoutMs. A failing
    // doveadm counts as "not yet" (its last error is printed as a warning). *hits gets doveadm's
    // output: one "<mailbox-guid> <uid>" line per match.
    bool waitForMessage(const QString &login, const QString &mailbox, const QStringList &searchQuery, int timeoutMs,
                        QByteArray *hits = nullptr) const;

    // Settings for a Petrel session to one of the fixture's ports that trust the fixture's CA only.
    Net::ConnectionSettings connectionSettings(quint16 port, Net::Security security) const;

    // Drops a raw RFC 5322 message into the recipients' mailboxes through the plain injection
    // port (line ends are normalised to CRLF, dots stuffed). Returns false with *error on failure.
    bool injectMessage(const QString &from, const QStringList &recipients, const QByteArray &message,
                       QString *error = nullptr) const;

private:
    static TestServers failed(const QString &why);

    QString m_error;
    QString m_directory, m_host, m_hostName, m_caFile, m_domain, m_sink, m_postfixConfig;
    quint16 m_imapStartTls = 0, m_imapTls = 0, m_pop3Stls = 0, m_pop3Tls = 0;
    quint16 m_submission = 0, m_submissions = 0, m_inject = 0, m_lmtp = 0, m_poorImapTls = 0;
    QStringList m_poorStart, m_poorStop;
    QList<TestUser> m_users;
    QStringList m_doveadm;
};

} // namespace Petrel::Test
