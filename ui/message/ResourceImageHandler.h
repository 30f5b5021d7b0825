#pragma once

#include <QObject>
#include <QTextObjectInterface>

class QImage;

namespace Petrel::Ui {

// Lays out and draws <img> objects from what the document's resource() supplies, and from nothing
// else. Qt's own image handler falls back to reading the image's name as a local file path when
// the document has no resource for it, which would let a mail show (and so probe) files from the
// disk. An image without a resource takes only the space its width/height attributes ask for.
class ResourceImageHandler : public QObject, public QTextObjectInterface
{
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)

public:
    using QObject::QObject;

    QSizeF intrinsicSize(QTextDocument *document, int position, const QTextFormat &format) override;
    void drawObject(QPainter *painter, const QRectF &rect, QTextDocument *document, int position,
                    const QTextFormat &format) override;

private:
    static QImage imageFor(QTextDocument *document, const QTextFormat &format);
};

} // namespace Petrel::Ui
