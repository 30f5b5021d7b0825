#pragma once

#include "setup/ServerCandidate.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace Petrel::Core {

// Fetches the autoconfig file for an address from the URLs in turn (by default the provider's
// autoconfig host, then its .well-known path; https only) and parses the first one found.
// Bounded: at most MaxRedirects redirects (never from https to http), AutoconfigParser's size
// limit while downloading, and a timeout per URL. finished() comes exactly once.
class AutoconfigFetcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxRedirects = 3;

    explicit AutoconfigFetcher(QObject *parent = nullptr);
    ~AutoconfigFetcher() override;

    static QList<QUrl> defaultUrls(const QString &address);

    // Replaces the default URLs (tests serve the file on loopback). The address is added as the
    // emailaddress query parameter to https URLs only.
    void setUrls(const QList<QUrl> &urls) { m_urls = urls; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    void start(const QString &address);
    void abort();

Q_SIGNALS:
    // error is empty when a file was found; otherwise why none could be used (for logs/details).
    void finished(const Petrel::Core::DiscoveryResult &result, const QString &error);

private:
    void fetchNext();
    void onFinished();
    void finish(const DiscoveryResult &result, const QString &error);

    QNetworkAccessManager *m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    QList<QUrl> m_urls;
    QList<QUrl> m_pending;
    QString m_address;
    QString m_lastError;
    QUrl m_current;
    int m_timeoutMs = 10000;
    bool m_tooLarge = false;
};

} // namespace Petrel::Core
