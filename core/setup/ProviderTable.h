#pragma once

#include "setup/ServerCandidate.h"

#include <QJsonDocument>
#include <QString>

#include <optional>

namespace Petrel::Core {

// The bundled table of large providers (providers.json, a resource): their servers by the
// address's domain, for providers that publish neither SRV records nor an autoconfig file.
class ProviderTable
{
public:
    struct Provider
    {
        QString name;
        DiscoveryResult servers; // empty for a provider without password access (bridgeOnly)
        bool bridgeOnly = false;
    };

    // The bundled table.
    static const ProviderTable &bundled();
    // A table from JSON (tests); an unreadable document gives an empty table.
    static ProviderTable fromJson(const QByteArray &json);

    std::optional<Provider> lookup(const QString &domain) const;
    int size() const { return int(m_providers.size()); }

private:
    struct Entry
    {
        QStringList domains;
        Provider provider;
    };
    QList<Entry> m_providers;
};

} // namespace Petrel::Core
