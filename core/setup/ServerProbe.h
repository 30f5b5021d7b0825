#pragma once

#include "setup/ServerCandidate.h"

#include "net/Connection.h"

#include <QObject>

namespace Petrel::Core {

// Asks one host and port whether it speaks the candidate's protocol: connects (with TLS for
// implicit TLS) and reads the greeting ("* OK", "+OK", "220"). Sends nothing, no credential.
// A TLS certificate Petrel does not trust still counts as found (a TLS server is there; the
// connection test then shows the certificate and offers to accept it). finished() comes once.
class ServerProbe : public QObject
{
    Q_OBJECT

public:
    explicit ServerProbe(const ServerCandidate &candidate, QObject *parent = nullptr);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void start();
    const ServerCandidate &candidate() const { return m_candidate; }

Q_SIGNALS:
    void finished(bool found, const QString &detail);

private:
    void onReadyRead();
    void done(bool found, const QString &detail);

    ServerCandidate m_candidate;
    Net::Connection m_connection{this};
    int m_timeoutMs = 5000;
    bool m_done = false;
};

} // namespace Petrel::Core
