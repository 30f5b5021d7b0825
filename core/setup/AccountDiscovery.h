#pragma once

#include "setup/ServerCandidate.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QUrl>

namespace Petrel::Core {

class AutoconfigFetcher;
class ProbeRunner;
class SrvLookup;

// Which sources discovery asks, and where. The defaults ask the real world; tests point each
// source at loopback or switch it off.
struct DiscoveryOptions
{
    bool useSrv = true;
    QHostAddress nameserver;          // null: the system's resolver
    bool useAutoconfig = true;
    QList<QUrl> autoconfigUrls;       // empty: AutoconfigFetcher::defaultUrls
    bool useProviderTable = true;
    bool useProbing = true;
    QList<ServerCandidate> probeCandidates; // empty: ProbeRunner::defaultCandidates
    int timeoutMs = 8000;             // per DNS query set, autoconfig URL and probe
};

// Finds the servers for an address by asking, in order, DNS SRV records (RFC 6186), the
// domain's autoconfig file, the bundled provider table and finally probing the usual host names.
// The incoming servers come from the first source that names any, the SMTP servers likewise;
// discovery stops as soon as both are known. finished() comes once (possibly with nothing found).
class AccountDiscovery : public QObject
{
    Q_OBJECT

public:
    explicit AccountDiscovery(QObject *parent = nullptr);
    ~AccountDiscovery() override;

    void setOptions(const DiscoveryOptions &options) { m_options = options; }
    const DiscoveryOptions &options() const { return m_options; }

    void start(const QString &address);
    void abort();
    bool isRunning() const { return m_step != Step::Idle; }

Q_SIGNALS:
    void progress(const QString &text); // "Looking up DNS records…"
    void finished(const Petrel::Core::DiscoveryResult &result);

private:
    enum class Step { Idle, Srv, Autoconfig, ProviderTable, Probe };

    void runStep(Step step);
    void take(const DiscoveryResult &found);
    void next(Step after);
    void finish();

    DiscoveryOptions m_options;
    Step m_step = Step::Idle;
    QString m_address;
    QString m_domain;
    DiscoveryResult m_result;
    bool m_haveIncoming = false;
    bool m_haveSmtp = false;
    SrvLookup *m_srv = nullptr;
    AutoconfigFetcher *m_autoconfig = nullptr;
    ProbeRunner *m_probes = nullptr;
};

} // namespace Petrel::Core
