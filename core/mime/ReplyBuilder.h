#pragma once

#include "mime/Envelope.h"
#include "mime/OutgoingMessage.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Petrel::Mime {

enum class ReplyMode { Sender, All };

struct DraftResult {
    OutgoingMessage message; // a skeleton: no Date and no Message-ID yet (the outbox sets those)
    QString error;           // empty on success

    bool isOk() const { return error.isEmpty(); }
};

// Drafts of replies and forwards made from the raw bytes of the original message. The identity
// becomes From; its address (and ownAddresses) never become recipients of a reply-all.
class ReplyBuilder {
public:
    // To = Reply-To or else From (the original's To when it was sent by the identity); reply-all adds
    // the original To and Cc. In-Reply-To and References follow RFC 5322 section 3.6.4.
    static DraftResult reply(const QByteArray &original, const MailAddress &identity, ReplyMode mode,
                             const QStringList &ownAddresses = {});
    // The original's header summary and text in the body; its attachments carried over.
    static DraftResult forwardInline(const QByteArray &original, const MailAddress &identity);
    // The original, byte for byte, as a message/rfc822 attachment.
    static DraftResult forwardAsAttachment(const QByteArray &original, const MailAddress &identity);

    // "Re: " once: "Re: x", "RE: x" and "Re[2]: x" stay as they are.
    static QString replySubject(const QString &subject);
    // "Fwd: " once: "Fwd: x" and "Fw: x" stay as they are.
    static QString forwardSubject(const QString &subject);
    // The original's References (or its In-Reply-To) plus its Message-ID, at most maxIds long:
    // the first id (the thread's root) and the latest ones are kept.
    static QStringList replyReferences(const Envelope &original, int maxIds = 20);
    // Every line prefixed with "> " (">" before an already quoted or empty line).
    static QString quote(const QString &text);
};

} // namespace Petrel::Mime
