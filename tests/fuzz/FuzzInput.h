#pragma once

// Shared by the libFuzzer targets: the input as a QByteArray, and a split of it into chunks whose
// sizes come from the input itself, so the incremental parsers meet every way of being fed.
#include <QByteArray>
#include <QList>

#include <cstddef>
#include <cstdint>

namespace Fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// The first byte picks a chunk size (0: whole); the rest is the stream.
inline QList<QByteArray> chunks(const QByteArray &input)
{
    if (input.isEmpty())
        return {};
    const int step = uchar(input.at(0)) % 64;
    const QByteArray stream = input.mid(1);
    if (step == 0)
        return {stream};
    QList<QByteArray> out;
    for (qsizetype at = 0; at < stream.size(); at += step)
        out.append(stream.mid(at, step));
    return out;
}

} // namespace Fuzz
