#include "ProviderTable.h"

#include "accounts/AccountSettings.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

namespace Petrel::Core {

namespace {

std::optional<ServerCandidate> serverOf(const QJsonValue &value, ServerRole role)
{
    const QJsonObject o = value.toObject();
    ServerCandidate c;
    c.role = role;
    c.host = o.value(QStringLiteral("host")).toString();
    const int port = o.value(QStringLiteral("port")).toInt();
    if (c.host.isEmpty() || port < 1 || port > 65535 || !parseSecurity(o.value(QStringLiteral("security")).toString(), &c.security))
        return std::nullopt;
    c.port = quint16(port);
    c.source = DiscoverySource::ProviderTable;
    return c;
}

} // namespace

const ProviderTable &ProviderTable::bundled()
{
    static const ProviderTable table = [] {
        QFile file(QStringLiteral(":/petrel/setup/providers.json"));
        if (!file.open(QIODevice::ReadOnly)) {
            qWarning("The bundled provider table is missing from the resources.");
            return ProviderTable();
        }
        return fromJson(file.readAll());
    }();
    return table;
}

ProviderTable ProviderTable::fromJson(const QByteArray &json)
{
    ProviderTable table;
    const QJsonArray providers = QJsonDocument::fromJson(json).object().value(QStringLiteral("providers")).toArray();
    for (const QJsonValue &v : providers) {
        const QJsonObject o = v.toObject();
        Entry e;
        e.provider.name = o.value(QStringLiteral("name")).toString();
        e.provider.bridgeOnly = o.value(QStringLiteral("bridgeOnly")).toBool();
        e.provider.servers.saveSentCopy = o.value(QStringLiteral("saveSentCopy")).toBool(true);
        for (const QJsonValue &d : o.value(QStringLiteral("domains")).toArray())
            e.domains.append(d.toString().toLower());
        const std::pair<const char *, ServerRole> roles[] = {
            {"imap", ServerRole::Imap}, {"pop3", ServerRole::Pop3}, {"smtp", ServerRole::Smtp}};
        for (const auto &[key, role] : roles) {
            if (const auto c = serverOf(o.value(QLatin1String(key)), role))
                e.provider.servers.add(*c);
        }
        if (!e.domains.isEmpty())
            table.m_providers.append(e);
    }
    return table;
}

std::optional<ProviderTable::Provider> ProviderTable::lookup(const QString &domain) const
{
    const QString d = domain.trimmed().toLower();
    for (const Entry &e : m_providers) {
        if (e.domains.contains(d))
            return e.provider;
    }
    return std::nullopt;
}

} // namespace Petrel::Core
