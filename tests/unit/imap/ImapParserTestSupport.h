#pragma once

// Feeding helpers shared by the parser tests: the same bytes whole, one byte at a time, or in
// random chunks (fixed seed), so every test can check that splitting never changes the result.
#include "ImapResponseDump.h"
#include "imap/ImapResponseParser.h"

#include <QFile>
#include <QRandomGenerator>

#include <algorithm>

namespace Petrel::Imap::Test {

enum class Chunking { Whole, OneByte, Random };

struct Parsed
{
    QList<ImapResponse> responses;
    std::optional<ImapParseError> error;
};

inline Parsed parseAll(const QByteArray &bytes, Chunking chunking, quint32 seed = 1,
                       const ImapParserLimits &limits = {})
{
    ImapResponseParser parser(limits);
    Parsed out;
    QRandomGenerator rng(seed);
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        qsizetype n = bytes.size() - pos;
        if (chunking == Chunking::OneByte)
            n = 1;
        else if (chunking == Chunking::Random)
            n = std::min<qsizetype>(n, 1 + qsizetype(rng.bounded(40)));
        parser.feed(bytes.mid(pos, n));
        pos += n;
        while (auto r = parser.next())
            out.responses.append(*r);
    }
    out.error = parser.error();
    return out;
}

inline QByteArray transcript(const QString &name)
{
    QFile file(qEnvironmentVariable("PETREL_TEST_DATA") + QStringLiteral("/data/dovecot/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open transcript %s", qPrintable(file.fileName()));
    return file.readAll();
}

inline ImapResponse one(const QByteArray &bytes)
{
    const Parsed parsed = parseAll(bytes, Chunking::Whole);
    if (parsed.error)
        qWarning("unexpected parse error: %s", qPrintable(parsed.error->toString()));
    return parsed.responses.value(0);
}

} // namespace Petrel::Imap::Test
