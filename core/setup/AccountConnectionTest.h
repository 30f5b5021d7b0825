#pragma once

#include "accounts/AccountSettings.h"

#include "net/ConnectionError.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace Petrel::Imap {
class ImapSession;
struct ImapResult;
} // namespace Petrel::Imap
namespace Petrel::Pop3 {
class Pop3Session;
struct Pop3Result;
} // namespace Petrel::Pop3
namespace Petrel::Smtp {
class SmtpSession;
struct SmtpResult;
} // namespace Petrel::Smtp

namespace Petrel::Core {

// The answer of a connection test, for the user.
struct ConnectionTestResult
{
    enum class Stage { Incoming, Outgoing };
    bool ok = false;
    Stage stage = Stage::Incoming;   // where it ended
    QString message;                 // precise: the server's own words, host and port, fingerprint
    QString host;
    quint16 port = 0;
    // Set for TLS certificate problems: the certificate the user may accept (pin) after checking it.
    std::optional<Net::ConnectionError> certificateError;
    QString certificateSha256Hex;   // … its fingerprint as AccountSettings::pinnedCertificateSha256 has it
    QString certificateFingerprint; // … and as people read it ("AB:CD:…")
};

// Tries an account's settings with a password: logs in to the incoming server (IMAP or POP3),
// then authenticates to the SMTP server, then logs out. Nothing is read or sent beyond that.
// Asynchronous; finished() comes exactly once. TLS is verified as in real use (trusted CA file,
// pinned certificate), never ignored.
class AccountConnectionTest : public QObject
{
    Q_OBJECT

public:
    explicit AccountConnectionTest(QObject *parent = nullptr);
    ~AccountConnectionTest() override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void start(const AccountSettings &settings, const QString &password);
    void abort();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(const QString &text);
    void finished(const Petrel::Core::ConnectionTestResult &result);

private:
    void testOutgoing();
    void onImapOpened(const Imap::ImapResult &result);
    void onPop3Opened(const Pop3::Pop3Result &result);
    void onSmtpOpened(const Smtp::SmtpResult &result);
    void fail(ConnectionTestResult::Stage stage, const Net::ConnectionSettings &where, const QString &sessionMessage,
              const std::optional<Net::ConnectionError> &transport);
    void finish(const ConnectionTestResult &result);
    Net::ConnectionSettings bounded(Net::ConnectionSettings settings) const;

    AccountSettings m_settings;
    QString m_password;
    int m_timeoutMs = 20000;
    bool m_running = false;
    QPointer<Imap::ImapSession> m_imap;
    QPointer<Pop3::Pop3Session> m_pop3;
    QPointer<Smtp::SmtpSession> m_smtp;
};

} // namespace Petrel::Core

Q_DECLARE_METATYPE(Petrel::Core::ConnectionTestResult)
