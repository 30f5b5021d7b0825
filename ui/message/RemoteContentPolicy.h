#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>

class QSettings;

namespace Petrel::Ui {

// Whether an HTML message may load remote content (images, style sheets…): blocked by default;
// allowed for one message until the application quits, or for a sender always (persisted in the
// settings, addresses compared case-insensitively).
class RemoteContentPolicy
{
public:
    // settingsFile: an INI file to keep the allowed senders in; empty: the application's settings.
    explicit RemoteContentPolicy(const QString &settingsFile = QString());
    ~RemoteContentPolicy();
    RemoteContentPolicy(const RemoteContentPolicy &) = delete;
    RemoteContentPolicy &operator=(const RemoteContentPolicy &) = delete;

    bool mayLoad(qint64 messageId, const QString &senderAddress) const;

    void allowMessage(qint64 messageId);
    bool isMessageAllowed(qint64 messageId) const { return m_allowedMessages.contains(messageId); }

    void allowSender(const QString &senderAddress);
    void forgetSender(const QString &senderAddress);
    bool isSenderAllowed(const QString &senderAddress) const;
    QStringList allowedSenders() const;

private:
    static QString normalized(const QString &address) { return address.trimmed().toLower(); }
    void store(const QStringList &senders);

    std::unique_ptr<QSettings> m_settings;
    QSet<qint64> m_allowedMessages;
};

} // namespace Petrel::Ui
