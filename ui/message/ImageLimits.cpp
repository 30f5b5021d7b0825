#include "message/ImageLimits.h"

#include <QBuffer>
#include <QImageReader>

namespace Petrel::Ui {

bool isImageWithinLimits(const QByteArray &data, const ImageLimits &limits)
{
    if (data.isEmpty() || data.size() > limits.maxEncodedBytes)
        return false;
    QByteArray copy = data; // QBuffer needs a non-const array; this is a shallow copy
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    const QSize size = reader.size(); // from the header only
    if (!size.isValid() || size.isEmpty())
        return false;
    return qint64(size.width()) * qint64(size.height()) <= limits.maxPixels;
}

} // namespace Petrel::Ui
