#include "SrvLookup.h"

#include <QDnsLookup>

#include <algorithm>
#include <array>
#include <tuple>

namespace Petrel::Core {

namespace {

constexpr std::array services = {
    std::tuple{"_imaps._tcp.", ServerRole::Imap, Net::Security::ImplicitTls},
    std::tuple{"_imap._tcp.", ServerRole::Imap, Net::Security::StartTls},
    std::tuple{"_pop3s._tcp.", ServerRole::Pop3, Net::Security::ImplicitTls},
    std::tuple{"_pop3._tcp.", ServerRole::Pop3, Net::Security::StartTls},
    std::tuple{"_submissions._tcp.", ServerRole::Smtp, Net::Security::ImplicitTls},
    std::tuple{"_submission._tcp.", ServerRole::Smtp, Net::Security::StartTls},
};

} // namespace

SrvLookup::SrvLookup(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_error.isEmpty() && m_found.isEmpty())
            m_error = tr("The DNS server did not answer in time.");
        finish();
    });
}

SrvLookup::~SrvLookup()
{
    abort();
}

void SrvLookup::start(const QString &domain)
{
    abort();
    m_running = true;
    m_found.clear();
    m_error.clear();
    m_answered = 0;
    for (const auto &[prefix, role, security] : services) {
        auto *lookup = new QDnsLookup(QDnsLookup::SRV, QLatin1String(prefix) + domain, this);
        if (!m_nameserver.isNull())
            lookup->setNameserver(m_nameserver);
        const Service service{prefix, role, security};
        connect(lookup, &QDnsLookup::finished, this, [this, lookup, service] { onLookupFinished(lookup, service); });
        m_lookups.append(lookup);
        lookup->lookup();
    }
    m_timer.start(m_timeoutMs);
}

void SrvLookup::abort()
{
    m_timer.stop();
    m_running = false;
    for (QDnsLookup *lookup : std::as_const(m_lookups)) {
        lookup->disconnect(this);
        lookup->abort();
        lookup->deleteLater();
    }
    m_lookups.clear();
}

void SrvLookup::onLookupFinished(QDnsLookup *lookup, const Service &service)
{
    ++m_answered;
    if (lookup->error() == QDnsLookup::NoError) {
        const QList<QDnsServiceRecord> records = lookup->serviceRecords();
        for (const QDnsServiceRecord &r : records) {
            const QString target = r.target();
            // RFC 2782: a lone "." target says the service is decidedly not available.
            if (target.isEmpty() || target == QLatin1String("."))
                continue;
            Found f;
            f.candidate.role = service.role;
            f.candidate.security = service.security;
            f.candidate.host = target.endsWith(QLatin1Char('.')) ? target.chopped(1) : target;
            f.candidate.port = r.port();
            f.candidate.source = DiscoverySource::Srv;
            f.priority = r.priority();
            f.weight = r.weight();
            if (f.candidate.port != 0)
                m_found.append(f);
        }
    } else if (lookup->error() != QDnsLookup::NotFoundError && m_error.isEmpty()) {
        m_error = tr("DNS lookup of %1 failed: %2").arg(lookup->name(), lookup->errorString());
    }
    finishIfDone();
}

void SrvLookup::finishIfDone()
{
    if (m_answered == int(m_lookups.size()))
        finish();
}

void SrvLookup::finish()
{
    if (!m_running)
        return;
    abort();
    // Lower priority first; at equal priority implicit TLS (RFC 8314), then the heavier weight.
    std::stable_sort(m_found.begin(), m_found.end(), [](const Found &a, const Found &b) {
        if (a.priority != b.priority)
            return a.priority < b.priority;
        const bool aTls = a.candidate.security == Net::Security::ImplicitTls;
        const bool bTls = b.candidate.security == Net::Security::ImplicitTls;
        if (aTls != bTls)
            return aTls;
        return a.weight > b.weight;
    });
    DiscoveryResult result;
    for (const Found &f : std::as_const(m_found))
        result.add(f.candidate);
    // Records answered: lookup errors of other services do not matter.
    const QString error = result.isEmpty() ? m_error : QString();
    Q_EMIT finished(result, error);
}

} // namespace Petrel::Core
