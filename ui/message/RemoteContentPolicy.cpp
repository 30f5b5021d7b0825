#include "message/RemoteContentPolicy.h"

#include <QSettings>

namespace Petrel::Ui {

namespace {
const QString sendersKey = QStringLiteral("remoteContent/allowedSenders");
}

RemoteContentPolicy::RemoteContentPolicy(const QString &settingsFile)
    : m_settings(settingsFile.isEmpty() ? std::make_unique<QSettings>()
                                        : std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
}

RemoteContentPolicy::~RemoteContentPolicy() = default;

bool RemoteContentPolicy::mayLoad(qint64 messageId, const QString &senderAddress) const
{
    return isMessageAllowed(messageId) || isSenderAllowed(senderAddress);
}

void RemoteContentPolicy::allowMessage(qint64 messageId)
{
    m_allowedMessages.insert(messageId);
}

void RemoteContentPolicy::allowSender(const QString &senderAddress)
{
    const QString address = normalized(senderAddress);
    // An address without '@' would be a wildcard of sorts (an empty From); never allow that.
    if (!address.contains(QLatin1Char('@')))
        return;
    QStringList senders = allowedSenders();
    if (!senders.contains(address)) {
        senders << address;
        store(senders);
    }
}

void RemoteContentPolicy::forgetSender(const QString &senderAddress)
{
    QStringList senders = allowedSenders();
    if (senders.removeAll(normalized(senderAddress)) > 0)
        store(senders);
}

bool RemoteContentPolicy::isSenderAllowed(const QString &senderAddress) const
{
    const QString address = normalized(senderAddress);
    return address.contains(QLatin1Char('@')) && allowedSenders().contains(address);
}

QStringList RemoteContentPolicy::allowedSenders() const
{
    return m_settings->value(sendersKey).toStringList();
}

void RemoteContentPolicy::store(const QStringList &senders)
{
    m_settings->setValue(sendersKey, senders);
    m_settings->sync();
}

} // namespace Petrel::Ui
