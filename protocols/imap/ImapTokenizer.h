#pragma once

#include "imap/ImapParseError.h"
#include "imap/ImapParserLimits.h"
#include "imap/ImapRawResponse.h"
#include "imap/ImapValue.h"

#include <QByteArray>

#include <optional>

namespace Petrel::Imap {

// Thrown by the tokenizer and the typed parsers; caught by ImapResponseParser, never escapes it.
struct ImapParseFailure
{
    ImapParseError error;
};

// A cursor over one framed response, reading IMAP tokens on demand. The typed parsers drive it, so
// free-form text (after a status code) is never mistaken for tokens. Every failure throws
// ImapParseFailure with the stream offset of the offending byte.
class ImapTokenizer
{
public:
    ImapTokenizer(const ImapRawResponse &raw, const ImapParserLimits &limits);

    const ImapParserLimits &limits() const { return m_limits; }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text.at(m_pos); }
    bool consumeIf(char c);
    void expect(char c);
    void expectSpace() { expect(' '); }
    // True if the next token is the atom NIL (case-insensitive); consumes it.
    bool consumeNil();
    // True if the next bytes are `word` (case-insensitive) followed by a delimiter; consumes them.
    bool consumeWord(const char *word);

    QByteArray readAtom();               // ATOM-CHARs; '\' and '*' allowed (flags); stops at SP ( ) ] " {
    QByteArray readAtomUntil(char stop); // atom that may not contain `stop` either (e.g. ':')
    quint64 readNumber();                // 64-bit
    quint32 readNzNumber32();            // UIDs and sequence numbers
    QByteArray readString();             // quoted or literal
    std::optional<QByteArray> readNString();
    QByteArray readAString(); // atom or string
    ImapValue readValue(int depth = 0);
    QList<ImapValue> readList(int depth = 0); // "(" values ")"
    QByteArray readRestOfLine();
    // Raw bytes of a balanced "[...]", brackets excluded; quoted strings and literals inside are
    // kept in their wire form.
    QByteArray readBracketed();
    // The next item name of a FETCH list: "UID", "BODY[1.2]<0>" including any brackets.
    QByteArray readFetchItemName();

    struct Mark
    {
        qsizetype pos;
        qsizetype literal;
    };
    Mark mark() const { return {m_pos, m_literal}; }
    void reset(Mark mark) { m_pos = mark.pos, m_literal = mark.literal; }

    void checkDepth(int depth);
    void checkItems(qsizetype count);
    [[noreturn]] void fail(const QString &message,
                           ImapParseError::Kind kind = ImapParseError::Kind::Malformed);

private:
    bool atLiteral() const;
    QByteArray readLiteral(bool *binary);
    QByteArray readQuoted();

    const QByteArray &m_text;
    const QList<QByteArray> &m_literals;
    const QList<qsizetype> &m_literalEnds;
    const ImapParserLimits &m_limits;
    qint64 m_streamOffset;
    qsizetype m_pos = 0;
    qsizetype m_literal = 0; // index of the next literal
};

} // namespace Petrel::Imap
