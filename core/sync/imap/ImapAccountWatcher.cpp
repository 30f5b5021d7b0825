#include "sync/imap/ImapAccountWatcher.h"

namespace Petrel::Core {

ImapAccountWatcher::ImapAccountWatcher(Store::StoreWriter &writer, qint64 accountId, const Options &options,
                                       QObject *parent)
    : QObject(parent)
{
    QStringList seen;
    for (const QString &folder : options.folders) {
        if (folder.isEmpty() || seen.contains(folder))
            continue;
        seen.append(folder);
        auto *w = new ImapFolderWatcher(writer, accountId, folder, this);
        w->setOfflinePolicy(options.offlinePolicy);
        w->setPollIntervalMs(options.pollIntervalMs);
        w->setBackoff(options.backoff);
        w->setReplayPending(m_watchers.isEmpty());
        connect(w, &ImapFolderWatcher::changed, this, [this](const ImapFolderChange &c) {
            if (!c.newMessageIds.isEmpty())
                Q_EMIT newMessages(c.folder, c.newMessageIds, c.initial);
            Q_EMIT changed(c);
        });
        connect(w, &ImapFolderWatcher::stateChanged, this,
                [this, w](ImapFolderWatcher::State state, const QString &why) { Q_EMIT stateChanged(w->folder(), state, why); });
        connect(w, &ImapFolderWatcher::alert, this, &ImapAccountWatcher::alert);
        connect(w, &ImapFolderWatcher::stopped, this, [this] {
            if (m_running > 0 && --m_running == 0)
                Q_EMIT stopped();
        });
        m_watchers.append(w);
    }
}

ImapAccountWatcher::~ImapAccountWatcher() = default;

void ImapAccountWatcher::setConnectionSettings(const Net::ConnectionSettings &settings)
{
    for (ImapFolderWatcher *w : std::as_const(m_watchers))
        w->setConnectionSettings(settings);
}

void ImapAccountWatcher::setCredentials(const Imap::ImapCredentials &credentials)
{
    for (ImapFolderWatcher *w : std::as_const(m_watchers))
        w->setCredentials(credentials);
}

void ImapAccountWatcher::start()
{
    for (ImapFolderWatcher *w : std::as_const(m_watchers)) {
        if (w->state() == ImapFolderWatcher::State::Stopped) {
            ++m_running;
            w->start();
        }
    }
}

void ImapAccountWatcher::stop()
{
    if (m_running == 0) {
        QMetaObject::invokeMethod(this, &ImapAccountWatcher::stopped, Qt::QueuedConnection);
        return;
    }
    for (ImapFolderWatcher *w : std::as_const(m_watchers))
        w->stop();
}

void ImapAccountWatcher::replayLocalChanges()
{
    if (!m_watchers.isEmpty())
        m_watchers.first()->replayLocalChanges();
}

bool ImapAccountWatcher::isOnline() const
{
    for (const ImapFolderWatcher *w : m_watchers) {
        if (w->state() != ImapFolderWatcher::State::Idling && w->state() != ImapFolderWatcher::State::Polling)
            return false;
    }
    return !m_watchers.isEmpty();
}

} // namespace Petrel::Core
