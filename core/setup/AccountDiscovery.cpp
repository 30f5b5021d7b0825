#include "AccountDiscovery.h"

#include "setup/AutoconfigFetcher.h"
#include "setup/ProbeRunner.h"
#include "setup/ProviderTable.h"
#include "setup/SrvLookup.h"

#include <QTimer>

namespace Petrel::Core {

AccountDiscovery::AccountDiscovery(QObject *parent)
    : QObject(parent)
    , m_srv(new SrvLookup(this))
    , m_autoconfig(new AutoconfigFetcher(this))
    , m_probes(new ProbeRunner(this))
{
    connect(m_srv, &SrvLookup::finished, this, [this](const DiscoveryResult &found) {
        take(found);
        next(Step::Srv);
    });
    connect(m_autoconfig, &AutoconfigFetcher::finished, this, [this](const DiscoveryResult &found) {
        take(found);
        next(Step::Autoconfig);
    });
    connect(m_probes, &ProbeRunner::progressed, this, [this](int done, int total) {
        Q_EMIT progress(tr("Trying the usual server names (%1 of %2)…").arg(done).arg(total));
    });
    connect(m_probes, &ProbeRunner::finished, this, [this](const DiscoveryResult &found) {
        take(found);
        next(Step::Probe);
    });
}

AccountDiscovery::~AccountDiscovery() = default;

void AccountDiscovery::start(const QString &address)
{
    abort();
    m_address = address.trimmed();
    m_domain = addressDomain(m_address);
    m_result = DiscoveryResult();
    m_haveIncoming = false;
    m_haveSmtp = false;
    if (m_domain.isEmpty()) {
        m_step = Step::Probe;
        QTimer::singleShot(0, this, &AccountDiscovery::finish);
        return;
    }
    m_srv->setTimeoutMs(m_options.timeoutMs);
    m_srv->setNameserver(m_options.nameserver);
    m_autoconfig->setTimeoutMs(m_options.timeoutMs);
    m_autoconfig->setUrls(m_options.autoconfigUrls);
    m_probes->setTimeoutMs(m_options.timeoutMs);
    // Started from the event loop, so that a caller connecting after start() sees every signal.
    m_step = Step::Srv;
    QTimer::singleShot(0, this, [this] {
        if (m_step == Step::Srv)
            runStep(Step::Srv);
    });
}

void AccountDiscovery::abort()
{
    m_srv->abort();
    m_autoconfig->abort();
    m_probes->abort();
    m_step = Step::Idle;
}

void AccountDiscovery::runStep(Step step)
{
    m_step = step;
    switch (step) {
    case Step::Srv:
        if (!m_options.useSrv)
            return next(step);
        Q_EMIT progress(tr("Looking up DNS records…"));
        m_srv->start(m_domain);
        return;
    case Step::Autoconfig:
        if (!m_options.useAutoconfig)
            return next(step);
        Q_EMIT progress(tr("Asking %1 for its configuration…").arg(m_domain));
        m_autoconfig->start(m_address);
        return;
    case Step::ProviderTable: {
        if (m_options.useProviderTable) {
            Q_EMIT progress(tr("Looking for %1 among the known providers…").arg(m_domain));
            if (const auto provider = ProviderTable::bundled().lookup(m_domain)) {
                if (provider->bridgeOnly)
                    m_result.note = tr("%1 offers IMAP and SMTP only through its own bridge program; "
                                       "enter the bridge's settings by hand.")
                                        .arg(provider->name);
                take(provider->servers);
            }
        }
        return next(step);
    }
    case Step::Probe:
        if (!m_options.useProbing)
            return next(step);
        Q_EMIT progress(tr("Trying the usual server names…"));
        m_probes->start(m_options.probeCandidates.isEmpty() ? ProbeRunner::defaultCandidates(m_domain)
                                                            : m_options.probeCandidates);
        return;
    case Step::Idle:
        return;
    }
}

void AccountDiscovery::take(const DiscoveryResult &found)
{
    if (!m_haveIncoming && found.hasIncoming()) {
        m_result.imap = found.imap;
        m_result.pop3 = found.pop3;
        m_result.saveSentCopy = found.saveSentCopy;
        m_haveIncoming = true;
    }
    if (!m_haveSmtp && !found.smtp.isEmpty()) {
        m_result.smtp = found.smtp;
        m_haveSmtp = true;
    }
}

void AccountDiscovery::next(Step after)
{
    if (m_step != after)
        return; // aborted meanwhile
    if ((m_haveIncoming && m_haveSmtp) || after == Step::Probe) {
        finish();
        return;
    }
    runStep(Step(int(after) + 1));
}

void AccountDiscovery::finish()
{
    m_step = Step::Idle;
    Q_EMIT finished(m_result);
}

} // namespace Petrel::Core
