#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace Petrel::Mime {

// A mailto: URL (RFC 6068) taken apart into what a composer may be filled with. Only the
// recipients, subject, body and In-Reply-To are taken; every other field (From, attach, headers a
// web page could use to trick a user) is ignored and listed. Header values never keep CR/LF, so a
// link cannot add headers to the message.
struct MailtoLink
{
    QStringList to;
    QStringList cc;
    QStringList bcc;
    QString subject;
    QString body;        // line breaks normalised to "\n"
    QString inReplyTo;   // bare id, without angle brackets
    QStringList ignoredFields;

    static constexpr int MaxLinkLength = 2 * 1024 * 1024; // a long body fits; a hostile page's does not
    static constexpr int MaxRecipients = 500;

    static bool isMailto(const QString &text);
    // nullopt and *error when text is not a mailto: URL or exceeds the limits.
    static std::optional<MailtoLink> parse(const QString &text, QString *error = nullptr);
};

} // namespace Petrel::Mime
