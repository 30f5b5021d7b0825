#pragma once

#include "imap/ImapBodyStructure.h"
#include "imap/ImapEnvelope.h"
#include "imap/ImapValue.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <memory>
#include <optional>

namespace Petrel::Imap {

// A BODY[section]<origin> or BINARY[section] item: the bytes are shared with the parser's literal,
// never copied.
struct ImapFetchSection
{
    QByteArray item;    // "BODY", "BINARY" or "BINARY.SIZE"
    QByteArray section; // text between the brackets, e.g. "1.2.MIME" or "HEADER.FIELDS (FROM)"
    std::optional<quint64> origin;
    std::optional<QByteArray> bytes; // nullopt for NIL
    quint64 size = 0;                // BINARY.SIZE value
};

// One "* n FETCH (...)" response. Items absent from the response stay unset.
struct ImapFetchData
{
    quint64 sequence = 0;
    std::optional<quint32> uid;
    std::optional<QList<QByteArray>> flags;
    QDateTime internalDate; // UTC; invalid when absent or unparsable
    std::optional<QByteArray> internalDateText;
    std::optional<quint64> rfc822Size;
    std::optional<quint64> modSeq;
    std::shared_ptr<ImapEnvelope> envelope;
    std::shared_ptr<ImapBodyStructure> bodyStructure; // BODYSTRUCTURE, or BODY without section
    QList<ImapFetchSection> sections;
    QList<QPair<QByteArray, ImapValue>> otherItems; // upper-cased name -> value

    const ImapFetchSection *section(const QByteArray &item, const QByteArray &section) const
    {
        for (const auto &s : sections) {
            if (s.item == item && s.section == section)
                return &s;
        }
        return nullptr;
    }
};

} // namespace Petrel::Imap
