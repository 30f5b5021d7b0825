#include "ProbeRunner.h"

#include "setup/ServerProbe.h"

#include <QTimer>

namespace Petrel::Core {

ProbeRunner::ProbeRunner(QObject *parent)
    : QObject(parent)
{
}

QList<ServerCandidate> ProbeRunner::defaultCandidates(const QString &domain)
{
    QList<ServerCandidate> list;
    const auto add = [&](ServerRole role, const QStringList &prefixes, quint16 port, Net::Security security) {
        for (const QString &prefix : prefixes)
            list.append({role, prefix + domain, port, security, QString(), DiscoverySource::Probe});
    };
    const QString none;
    const QString imap = QStringLiteral("imap."), mail = QStringLiteral("mail."), pop = QStringLiteral("pop."),
                  pop3 = QStringLiteral("pop3."), smtp = QStringLiteral("smtp.");
    add(ServerRole::Imap, {imap, mail, none}, 993, Net::Security::ImplicitTls);
    add(ServerRole::Imap, {imap, mail, none}, 143, Net::Security::StartTls);
    add(ServerRole::Pop3, {pop, pop3, mail, none}, 995, Net::Security::ImplicitTls);
    add(ServerRole::Pop3, {pop, pop3, mail, none}, 110, Net::Security::StartTls);
    add(ServerRole::Smtp, {smtp, mail, none}, 465, Net::Security::ImplicitTls);
    add(ServerRole::Smtp, {smtp, mail, none}, 587, Net::Security::StartTls);
    return list;
}

void ProbeRunner::start(const QList<ServerCandidate> &candidates)
{
    abort();
    m_candidates = candidates;
    m_found = QList<bool>(candidates.size(), false);
    m_next = 0;
    m_done = 0;
    if (m_candidates.isEmpty()) {
        QTimer::singleShot(0, this, [this] { Q_EMIT finished({}); });
        return;
    }
    launchMore();
}

void ProbeRunner::abort()
{
    for (ServerProbe *probe : std::as_const(m_running)) {
        probe->disconnect(this);
        probe->deleteLater();
    }
    m_running.clear();
    m_candidates.clear();
}

void ProbeRunner::launchMore()
{
    while (m_running.size() < m_parallel && m_next < m_candidates.size()) {
        const int index = m_next++;
        auto *probe = new ServerProbe(m_candidates.at(index), this);
        probe->setTimeoutMs(m_timeoutMs);
        connect(probe, &ServerProbe::finished, this, [this, probe, index](bool found) {
            m_running.removeOne(probe);
            probe->deleteLater();
            onProbeFinished(index, found);
        });
        m_running.append(probe);
        probe->start();
    }
}

void ProbeRunner::onProbeFinished(int index, bool found)
{
    m_found[index] = found;
    ++m_done;
    Q_EMIT progressed(m_done, int(m_candidates.size()));
    if (m_done < m_candidates.size()) {
        launchMore();
        return;
    }
    DiscoveryResult result;
    for (int i = 0; i < m_candidates.size(); ++i) {
        if (m_found.at(i))
            result.add(m_candidates.at(i));
    }
    m_candidates.clear();
    Q_EMIT finished(result);
}

} // namespace Petrel::Core
