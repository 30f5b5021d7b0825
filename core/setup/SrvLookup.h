#pragma once

#include "setup/ServerCandidate.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTimer>

class QDnsLookup;

namespace Petrel::Core {

// RFC 6186 (and RFC 8314) service records of a domain: _imaps, _imap, _pop3s, _pop3, _submissions
// and _submission, all asked at once. Candidates are ordered by priority, then implicit TLS before
// STARTTLS, then weight; a single record with the target "." means the service is not offered.
// finished() comes exactly once, after every answer or the timeout.
class SrvLookup : public QObject
{
    Q_OBJECT

public:
    explicit SrvLookup(QObject *parent = nullptr);
    ~SrvLookup() override;

    // The DNS server to ask (tests: a scripted server on loopback); null: the system's.
    void setNameserver(const QHostAddress &address) { m_nameserver = address; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    void start(const QString &domain);
    void abort();

Q_SIGNALS:
    // error: empty when DNS answered (even "no records"); otherwise why it could not be asked.
    void finished(const Petrel::Core::DiscoveryResult &result, const QString &error);

private:
    struct Service
    {
        const char *prefix;
        ServerRole role;
        Net::Security security;
    };
    struct Found
    {
        ServerCandidate candidate;
        quint16 priority = 0;
        quint16 weight = 0;
    };

    void onLookupFinished(QDnsLookup *lookup, const Service &service);
    void finishIfDone();
    void finish();

    QHostAddress m_nameserver;
    int m_timeoutMs = 8000;
    QList<QDnsLookup *> m_lookups;
    QList<Found> m_found;
    QString m_error;
    int m_answered = 0;
    QTimer m_timer{this};
    bool m_running = false;
};

} // namespace Petrel::Core
