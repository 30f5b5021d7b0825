#include "message/SafeTextBrowser.h"

#include "message/HtmlSanitizer.h"
#include "message/ResourceImageHandler.h"

#include <QAbstractTextDocumentLayout>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimer>

namespace Petrel::Ui {

namespace {

bool isWebUrl(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("http") || scheme == QLatin1String("https");
}

// QTextDocument::loadResource falls back to reading local files (and decoding data: URLs) when
// the browser returns nothing; this document asks the browser and nothing else.
class ResourceGuardedDocument : public QTextDocument
{
public:
    explicit ResourceGuardedDocument(SafeTextBrowser *browser) : QTextDocument(browser), m_browser(browser) {}

protected:
    QVariant loadResource(int type, const QUrl &name) override { return m_browser->resource(type, name); }

private:
    SafeTextBrowser *m_browser;
};

} // namespace

SafeTextBrowser::SafeTextBrowser(QWidget *parent) : QTextBrowser(parent)
{
    setDocument(new ResourceGuardedDocument(this));
    // Images come from resource() only, never from a file named like the image's URL.
    document()->documentLayout()->registerHandler(QTextFormat::ImageObject, new ResourceImageHandler(this));
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setReadOnly(true);
    setSearchPaths({});
}

void SafeTextBrowser::setInlineResources(const QHash<QString, QByteArray> &byContentId)
{
    m_inline = byContentId;
}

void SafeTextBrowser::setRemoteAllowed(bool allowed)
{
    if (m_remoteAllowed == allowed)
        return;
    m_remoteAllowed = allowed;
    if (m_showingHtml) {
        m_blocked.clear();
        render();
    }
}

void SafeTextBrowser::showHtml(const QString &html)
{
    ++m_generation;
    m_blocked.clear();
    m_fetched.clear();
    m_pending.clear();
    m_failed.clear();
    m_html = sanitizeMailHtml(html);
    m_showingHtml = true;
    render();
}

void SafeTextBrowser::showText(const QString &text)
{
    ++m_generation;
    m_blocked.clear();
    m_fetched.clear();
    m_pending.clear();
    m_failed.clear();
    m_html.clear();
    m_showingHtml = false;
    setPlainText(text);
}

void SafeTextBrowser::render()
{
    const int scroll = verticalScrollBar()->value();
    document()->clear(); // drops cached resources, so loadResource is asked again
    setHtml(m_html);
    // Resources are requested during layout; lay out now so that blocking is known at once.
    document()->setTextWidth(viewport()->width() > 0 ? viewport()->width() : 600);
    (void)document()->size();
    verticalScrollBar()->setValue(scroll);
}

QString SafeTextBrowser::anchorText(const QUrl &href) const
{
    QStringList parts;
    QString current;
    const auto flush = [&] {
        if (!current.isEmpty())
            parts << current;
        current.clear();
    };
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        for (QTextBlock::iterator it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QTextCharFormat format = fragment.charFormat();
            if (format.isAnchor() && QUrl(format.anchorHref()) == href)
                current += fragment.text();
            else
                flush();
        }
        flush();
    }
    parts.removeDuplicates();
    return parts.join(QLatin1Char(' '));
}

// An image resource is handed to the document (which decodes it) only within m_imageLimits.
QVariant SafeTextBrowser::image(int type, const QByteArray &bytes) const
{
    if (type == QTextDocument::ImageResource && !isImageWithinLimits(bytes, m_imageLimits))
        return {};
    return bytes;
}

QVariant SafeTextBrowser::loadResource(int type, const QUrl &name)
{
    return resource(type, name);
}

QVariant SafeTextBrowser::resource(int type, const QUrl &name)
{
    if (name.scheme().compare(QLatin1String("cid"), Qt::CaseInsensitive) == 0) {
        const QString id = QUrl::fromPercentEncoding(name.path().toUtf8());
        if (const auto it = m_inline.constFind(id); it != m_inline.constEnd())
            return image(type, *it);
        for (auto it = m_inline.cbegin(); it != m_inline.cend(); ++it) {
            if (it.key().compare(id, Qt::CaseInsensitive) == 0)
                return image(type, it.value());
        }
        return {};
    }
    if (!isWebUrl(name))
        return {}; // file:, relative paths, qrc:, ftp:… never reach the disk or the network
    // Remote content means images: style sheets (@import, which could pull in more) and documents
    // are never fetched, allowed or not.
    if (type != QTextDocument::ImageResource)
        return {};
    if (m_fetched.contains(name))
        return image(type, m_fetched.value(name));
    if (!m_remoteAllowed) {
        if (!m_blocked.contains(name)) {
            m_blocked << name;
            if (m_blocked.size() == 1) {
                // Called during layout: tell the owner once the layout is done.
                QTimer::singleShot(0, this, [this, generation = m_generation] {
                    if (generation == m_generation && !m_blocked.isEmpty())
                        Q_EMIT remoteContentBlocked();
                });
            }
        }
        return {};
    }
    fetch(name);
    return {};
}

void SafeTextBrowser::fetch(const QUrl &url)
{
    if (m_pending.contains(url) || m_failed.contains(url) || m_pending.size() + m_fetched.size() >= MaxRemoteResources)
        return;
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    m_pending.insert(url);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(5);
    request.setTransferTimeout(30000);
    QNetworkReply *reply = m_network->get(request);
    const quint64 generation = m_generation;
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > MaxRemoteResourceBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, generation] {
        reply->deleteLater();
        if (generation == m_generation)
            fetched(reply, url);
    });
}

void SafeTextBrowser::fetched(QNetworkReply *reply, const QUrl &url)
{
    m_pending.remove(url);
    const QByteArray data = reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
    if (data.isEmpty() || data.size() > MaxRemoteResourceBytes) {
        m_failed.insert(url);
        return;
    }
    m_fetched.insert(url, data);
    render();
    Q_EMIT remoteResourceLoaded(url);
}

} // namespace Petrel::Ui
