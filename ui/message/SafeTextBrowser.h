#pragma once

#include "message/ImageLimits.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QTextBrowser>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace Petrel::Ui {

// A QTextBrowser for untrusted mail HTML. It resolves only cid: images of the message itself;
// every other resource (http, https, file, relative paths…) is refused and, for web URLs,
// recorded as blocked, unless remote content was allowed for the document shown, in which case
// http(s) resources are fetched asynchronously and the document is laid out again when they
// arrive. Links are never followed inside the browser (openLinks is off): anchorClicked goes to
// the owner, which decides.
class SafeTextBrowser : public QTextBrowser
{
    Q_OBJECT

public:
    static constexpr qint64 MaxRemoteResourceBytes = 10 * 1024 * 1024;
    static constexpr int MaxRemoteResources = 100;

    explicit SafeTextBrowser(QWidget *parent = nullptr);

    // Content ids without angle brackets; compared case-sensitively as RFC 2392 asks, with a
    // case-insensitive fallback for senders that change case.
    void setInlineResources(const QHash<QString, QByteArray> &byContentId);
    void setRemoteAllowed(bool allowed);
    // Images beyond these (by their header) are not shown; see ImageLimits.h.
    void setImageLimits(const ImageLimits &limits) { m_imageLimits = limits; }
    bool isRemoteAllowed() const { return m_remoteAllowed; }

    // Sanitises the HTML and shows it; forgets what was blocked or fetched for the previous one.
    void showHtml(const QString &html);
    void showText(const QString &text);

    // Remote URLs refused since the last showHtml, in first-seen order.
    QList<QUrl> blockedUrls() const { return m_blocked; }
    // Remote URLs fetched (and now shown) for the current document.
    QList<QUrl> loadedUrls() const { return m_fetched.keys(); }
    // What the document may show for a resource: the cid: image, a fetched remote resource, or
    // nothing (recording a refused web URL).
    QVariant resource(int type, const QUrl &name);
    // The visible text of the document's link(s) to href (joined if several).
    QString anchorText(const QUrl &href) const;

Q_SIGNALS:
    // Once per document, after the first remote resource was refused.
    void remoteContentBlocked();
    void remoteResourceLoaded(const QUrl &url);

protected:
    QVariant loadResource(int type, const QUrl &name) override;

private:
    void fetch(const QUrl &url);
    void fetched(QNetworkReply *reply, const QUrl &url);
    void render();

    QVariant image(int type, const QByteArray &bytes) const;

    QHash<QString, QByteArray> m_inline;
    ImageLimits m_imageLimits;
    bool m_remoteAllowed = false;
    QString m_html;
    bool m_showingHtml = false;
    QList<QUrl> m_blocked;
    QHash<QUrl, QByteArray> m_fetched;
    QSet<QUrl> m_pending;
    QSet<QUrl> m_failed; // not fetched again for this document
    QNetworkAccessManager *m_network = nullptr;
    quint64 m_generation = 0; // replies for an older document are dropped
};

} // namespace Petrel::Ui
