#pragma once

#include "imap/ImapEnvelope.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <memory>
#include <optional>

namespace Petrel::Imap {

using ImapParams = QList<QPair<QByteArray, QByteArray>>; // ordered; names as sent

// BODY / BODYSTRUCTURE as a tree. A multipart has parts; a message/rfc822 part has the nested
// envelope and body. Strings stay raw bytes (parameters may be RFC 2231 encoded).
struct ImapBodyStructure
{
    QByteArray type;    // lower-cased: "text", "multipart", ...
    QByteArray subtype; // lower-cased
    ImapParams params;
    std::optional<QByteArray> id;
    std::optional<QByteArray> description;
    QByteArray encoding; // upper-cased, e.g. "BASE64"
    quint64 size = 0;
    quint64 lines = 0; // text/* and message/rfc822
    std::optional<QByteArray> md5;
    std::optional<QByteArray> disposition; // lower-cased, e.g. "attachment"
    ImapParams dispositionParams;
    QList<QByteArray> language;
    std::optional<QByteArray> location;

    QList<ImapBodyStructure> parts;             // multipart children
    std::shared_ptr<ImapEnvelope> envelope;     // message/rfc822
    std::shared_ptr<ImapBodyStructure> message; // message/rfc822 body

    bool isMultipart() const { return type == "multipart"; }
    // Parameter value by case-insensitive name.
    std::optional<QByteArray> param(const QByteArray &name) const
    {
        for (const auto &p : params) {
            if (p.first.compare(name, Qt::CaseInsensitive) == 0)
                return p.second;
        }
        return std::nullopt;
    }
};

} // namespace Petrel::Imap
