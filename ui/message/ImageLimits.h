#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace Petrel::Ui {

// Bounds on an image a message may make Petrel decode (inline cid: parts and fetched remote
// images). The size check reads only the image's header: a 100-byte file announcing 60000 x 60000
// pixels is refused before anything is allocated for it.
struct ImageLimits
{
    qint64 maxEncodedBytes = 32LL * 1024 * 1024; // the file itself
    qint64 maxPixels = 40LL * 1000 * 1000;       // width x height as the header announces it
};

// True when data is an image whose header can be read and whose dimensions and size are within
// limits; false for anything else (unreadable, empty, oversized).
bool isImageWithinLimits(const QByteArray &data, const ImageLimits &limits = {});

} // namespace Petrel::Ui
