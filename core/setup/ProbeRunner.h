#pragma once

#include "setup/ServerCandidate.h"

#include <QList>
#include <QObject>

namespace Petrel::Core {

class ServerProbe;

// Probes a list of candidates, a few at a time, and reports those that answered in the list's
// order (the list is ordered by preference: implicit TLS before STARTTLS, RFC 8314).
class ProbeRunner : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultParallel = 6;

    explicit ProbeRunner(QObject *parent = nullptr);

    // The usual host names, ports and security modes for a domain.
    static QList<ServerCandidate> defaultCandidates(const QString &domain);

    void setParallel(int count) { m_parallel = qMax(1, count); }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    void start(const QList<ServerCandidate> &candidates);
    void abort();

Q_SIGNALS:
    void progressed(int done, int total);
    void finished(const Petrel::Core::DiscoveryResult &result);

private:
    void launchMore();
    void onProbeFinished(int index, bool found);

    QList<ServerCandidate> m_candidates;
    QList<bool> m_found;
    QList<ServerProbe *> m_running;
    int m_next = 0;
    int m_done = 0;
    int m_parallel = DefaultParallel;
    int m_timeoutMs = 5000;
};

} // namespace Petrel::Core
