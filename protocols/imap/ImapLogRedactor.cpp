#include "imap/ImapLogRedactor.h"

#include "imap/ImapCommandBuilder.h"

#include <algorithm>

namespace Petrel::Imap {

QByteArray ImapLogRedactor::outgoing(const QByteArray &bytes)
{
    if (!m_secretTag.isEmpty())
        return QByteArrayLiteral("***\r\n");
    const QByteArray redacted = ImapCommandBuilder::redactedForLog(bytes);
    const qsizetype tagEnd = bytes.indexOf(' ');
    if (tagEnd <= 0)
        return redacted;
    const qsizetype nameEnd = bytes.indexOf(' ', tagEnd + 1);
    const qsizetype lineEnd = bytes.indexOf('\r', tagEnd + 1);
    const qsizetype end = nameEnd < 0 ? lineEnd : (lineEnd < 0 ? nameEnd : std::min(nameEnd, lineEnd));
    const QByteArray name = bytes.mid(tagEnd + 1, end < 0 ? -1 : end - tagEnd - 1).toUpper();
    // Every client write during a SASL exchange is secret; so is the rest of a LOGIN whose write
    // stops at a synchronising literal.
    const bool continues = bytes.endsWith("}\r\n") && !bytes.endsWith("+}\r\n");
    if (name == "AUTHENTICATE" || (name == "LOGIN" && continues))
        m_secretTag = bytes.left(tagEnd);
    return redacted;
}

void ImapLogRedactor::responseReceived(const ImapResponse &response)
{
    if (response.isTagged() && response.tag == m_secretTag)
        m_secretTag.clear();
}

} // namespace Petrel::Imap
