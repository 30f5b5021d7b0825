#include "AutoconfigFetcher.h"

#include "setup/AutoconfigParser.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

namespace Petrel::Core {

AutoconfigFetcher::AutoconfigFetcher(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
}

AutoconfigFetcher::~AutoconfigFetcher()
{
    if (m_reply)
        m_reply->abort();
}

QList<QUrl> AutoconfigFetcher::defaultUrls(const QString &address)
{
    const QString domain = addressDomain(address);
    if (domain.isEmpty())
        return {};
    return {QUrl(QStringLiteral("https://autoconfig.%1/mail/config-v1.1.xml").arg(domain)),
            QUrl(QStringLiteral("https://%1/.well-known/autoconfig/mail/config-v1.1.xml").arg(domain))};
}

void AutoconfigFetcher::start(const QString &address)
{
    abort();
    m_address = address;
    m_pending = m_urls.isEmpty() ? defaultUrls(address) : m_urls;
    m_lastError.clear();
    if (m_pending.isEmpty()) {
        QTimer::singleShot(0, this, [this] { finish({}, tr("The address has no domain to ask.")); });
        return;
    }
    fetchNext();
}

void AutoconfigFetcher::abort()
{
    m_pending.clear();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void AutoconfigFetcher::fetchNext()
{
    if (m_pending.isEmpty()) {
        finish({}, m_lastError.isEmpty() ? tr("No configuration file was found.") : m_lastError);
        return;
    }
    m_current = m_pending.takeFirst();
    QUrl url = m_current;
    // The address identifies the user: it travels only encrypted.
    if (url.scheme() == QLatin1String("https")) {
        QUrlQuery query(url);
        query.addQueryItem(QStringLiteral("emailaddress"), m_address);
        url.setQuery(query);
    }
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(MaxRedirects);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    m_tooLarge = false;
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64 total) {
        if (m_reply && (received > AutoconfigParser::MaxFileSize || total > AutoconfigParser::MaxFileSize)) {
            m_tooLarge = true;
            m_reply->abort();
        }
    });
    connect(m_reply, &QNetworkReply::finished, this, &AutoconfigFetcher::onFinished);
}

void AutoconfigFetcher::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    const QString where = m_current.toDisplayString(QUrl::RemoveQuery);
    if (m_tooLarge) {
        m_lastError = tr("%1: the file is larger than %2 KiB.").arg(where).arg(AutoconfigParser::MaxFileSize / 1024);
    } else if (reply->error() != QNetworkReply::NoError) {
        m_lastError = tr("%1: %2").arg(where, reply->errorString());
    } else {
        const AutoconfigParser::Outcome parsed =
            AutoconfigParser::parse(reply->read(AutoconfigParser::MaxFileSize + 1), m_address);
        if (parsed.isOk()) {
            finish(parsed.result, QString());
            return;
        }
        m_lastError = tr("%1: %2").arg(where, parsed.error);
    }
    fetchNext();
}

void AutoconfigFetcher::finish(const DiscoveryResult &result, const QString &error)
{
    m_pending.clear();
    Q_EMIT finished(result, error);
}

} // namespace Petrel::Core
