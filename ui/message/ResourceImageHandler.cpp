#include "message/ResourceImageHandler.h"

#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QTextDocument>
#include <QUrl>

namespace Petrel::Ui {

QImage ResourceImageHandler::imageFor(QTextDocument *document, const QTextFormat &format)
{
    // Asked even when width and height are given, so a blocked 1×1 tracking pixel is noticed at
    // layout time, not only once painted.
    const QVariant resource =
        document->resource(QTextDocument::ImageResource, QUrl(format.toImageFormat().name()));
    switch (resource.userType()) {
    case QMetaType::QImage:
        return resource.value<QImage>();
    case QMetaType::QPixmap:
        return resource.value<QPixmap>().toImage();
    case QMetaType::QByteArray:
        return QImage::fromData(resource.toByteArray());
    default:
        return {};
    }
}

QSizeF ResourceImageHandler::intrinsicSize(QTextDocument *document, int, const QTextFormat &format)
{
    const QTextImageFormat image = format.toImageFormat();
    const QSizeF natural = imageFor(document, format).size();
    const bool hasWidth = image.hasProperty(QTextFormat::ImageWidth);
    const bool hasHeight = image.hasProperty(QTextFormat::ImageHeight);
    if (hasWidth && hasHeight)
        return {image.width(), image.height()};
    if (natural.isEmpty())
        return {hasWidth ? image.width() : 0.0, hasHeight ? image.height() : 0.0};
    if (hasWidth) // keep the aspect ratio
        return {image.width(), natural.height() * image.width() / natural.width()};
    if (hasHeight)
        return {natural.width() * image.height() / natural.height(), image.height()};
    return natural;
}

void ResourceImageHandler::drawObject(QPainter *painter, const QRectF &rect, QTextDocument *document, int,
                                      const QTextFormat &format)
{
    const QImage image = imageFor(document, format);
    if (!image.isNull())
        painter->drawImage(rect, image);
}

} // namespace Petrel::Ui
