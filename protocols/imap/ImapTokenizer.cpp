#include "imap/ImapTokenizer.h"

namespace Petrel::Imap {

namespace {

bool isAtomChar(char c)
{
    const uchar u = uchar(c);
    if (u <= 0x20 || u == 0x7f)
        return false;
    switch (c) {
    case '(':
    case ')':
    case '{':
    case '"':
    case ']':
    case '[':
        return false;
    default:
        return true;
    }
}

} // namespace

ImapTokenizer::ImapTokenizer(const ImapRawResponse &raw, const ImapParserLimits &limits)
    : m_text(raw.text), m_literals(raw.literals), m_literalEnds(raw.literalEnds), m_limits(limits),
      m_streamOffset(raw.streamOffset)
{
}

void ImapTokenizer::fail(const QString &message, ImapParseError::Kind kind)
{
    qint64 literalBytes = 0;
    for (qsizetype i = 0; i < m_literal && i < m_literals.size(); ++i)
        literalBytes += m_literals.at(i).size();
    throw ImapParseFailure{ImapParseError{kind, message, m_streamOffset + m_pos + literalBytes}};
}

void ImapTokenizer::checkDepth(int depth)
{
    if (depth >= m_limits.maxNestingDepth)
        fail(QStringLiteral("lists nested deeper than %1").arg(m_limits.maxNestingDepth),
             ImapParseError::Kind::NestingTooDeep);
}

void ImapTokenizer::checkItems(qsizetype count)
{
    if (count > m_limits.maxListItems)
        fail(QStringLiteral("more than %1 items in a list").arg(m_limits.maxListItems),
             ImapParseError::Kind::TooManyItems);
}

bool ImapTokenizer::consumeIf(char c)
{
    if (peek() != c || atEnd())
        return false;
    ++m_pos;
    return true;
}

void ImapTokenizer::expect(char c)
{
    if (!consumeIf(c)) {
        if (atEnd())
            fail(QStringLiteral("expected '%1' but the response ended").arg(QLatin1Char(c)));
        fail(QStringLiteral("expected '%1' but found '%2'")
                 .arg(QChar(QLatin1Char(c)))
                 .arg(QChar(QLatin1Char(peek()))));
    }
}

bool ImapTokenizer::consumeWord(const char *word)
{
    const qsizetype len = qsizetype(qstrlen(word));
    if (m_pos + len > m_text.size())
        return false;
    if (qstrnicmp(m_text.constData() + m_pos, word, len) != 0)
        return false;
    if (m_pos + len < m_text.size() && isAtomChar(m_text.at(m_pos + len)))
        return false;
    m_pos += len;
    return true;
}

bool ImapTokenizer::consumeNil()
{
    return consumeWord("NIL");
}

QByteArray ImapTokenizer::readAtomUntil(char stop)
{
    const qsizetype start = m_pos;
    while (m_pos < m_text.size() && isAtomChar(m_text.at(m_pos)) && m_text.at(m_pos) != stop)
        ++m_pos;
    if (m_pos == start) {
        if (atEnd())
            fail(QStringLiteral("expected an atom but the response ended"));
        fail(QStringLiteral("expected an atom but found '%1'").arg(QLatin1Char(peek())));
    }
    return m_text.mid(start, m_pos - start);
}

QByteArray ImapTokenizer::readAtom()
{
    return readAtomUntil('\0');
}

quint64 ImapTokenizer::readNumber()
{
    const qsizetype start = m_pos;
    quint64 value = 0;
    while (m_pos < m_text.size() && m_text.at(m_pos) >= '0' && m_text.at(m_pos) <= '9') {
        const quint64 digit = quint64(m_text.at(m_pos) - '0');
        if (value > (~quint64(0) - digit) / 10)
            fail(QStringLiteral("number does not fit in 64 bits"));
        value = value * 10 + digit;
        ++m_pos;
    }
    if (m_pos == start)
        fail(QStringLiteral("expected a number"));
    return value;
}

quint32 ImapTokenizer::readNzNumber32()
{
    const quint64 value = readNumber();
    if (value == 0 || value > 0xffffffffULL)
        fail(QStringLiteral("number out of range for a UID or sequence number"));
    return quint32(value);
}

bool ImapTokenizer::atLiteral() const
{
    const char c = peek();
    return c == '{' || (c == '~' && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == '{');
}

QByteArray ImapTokenizer::readLiteral(bool *binary)
{
    *binary = consumeIf('~');
    expect('{');
    readNumber();
    consumeIf('+');
    expect('}');
    if (m_literal >= m_literals.size() || m_literalEnds.at(m_literal) != m_pos)
        fail(QStringLiteral("literal marker not at the end of a line"));
    return m_literals.at(m_literal++);
}

QByteArray ImapTokenizer::readQuoted()
{
    expect('"');
    QByteArray out;
    while (true) {
        if (atEnd())
            fail(QStringLiteral("unterminated quoted string"));
        const char c = m_text.at(m_pos++);
        if (c == '"')
            return out;
        if (c == '\\') {
            if (atEnd())
                fail(QStringLiteral("unterminated quoted string"));
            const char escaped = m_text.at(m_pos++);
            if (escaped != '\\' && escaped != '"')
                fail(QStringLiteral("invalid escape in a quoted string"));
            out += escaped;
        } else {
            out += c;
        }
    }
}

QByteArray ImapTokenizer::readString()
{
    if (peek() == '"')
        return readQuoted();
    if (atLiteral()) {
        bool binary = false;
        return readLiteral(&binary);
    }
    fail(QStringLiteral("expected a string"));
}

std::optional<QByteArray> ImapTokenizer::readNString()
{
    if (consumeNil())
        return std::nullopt;
    return readString();
}

QByteArray ImapTokenizer::readAString()
{
    if (peek() == '"' || atLiteral())
        return readString();
    // astring atoms may contain ']' (resp-specials), e.g. a mailbox named "a]b".
    const qsizetype start = m_pos;
    while (m_pos < m_text.size() &&
           (isAtomChar(m_text.at(m_pos)) || m_text.at(m_pos) == ']' || m_text.at(m_pos) == '['))
        ++m_pos;
    if (m_pos == start)
        fail(QStringLiteral("expected an atom or string"));
    return m_text.mid(start, m_pos - start);
}

QByteArray ImapTokenizer::readBracketed()
{
    expect('[');
    const qsizetype start = m_pos;
    int depth = 1;
    while (true) {
        if (atEnd())
            fail(QStringLiteral("unterminated '['"));
        const char c = peek();
        if (c == '"') {
            readQuoted();
        } else if (atLiteral()) {
            bool binary = false;
            readLiteral(&binary);
        } else {
            ++m_pos;
            if (c == '[') {
                checkDepth(depth);
                ++depth;
            } else if (c == ']' && --depth == 0) {
                return m_text.mid(start, m_pos - 1 - start);
            }
        }
    }
}

QByteArray ImapTokenizer::readFetchItemName()
{
    QByteArray name = peek() == '[' ? QByteArray() : readAtom();
    if (peek() == '[') {
        name += '[' + readBracketed() + ']';
        if (peek() == '<') {
            const qsizetype start = m_pos;
            const qsizetype close = m_text.indexOf('>', m_pos);
            if (close < 0)
                fail(QStringLiteral("unterminated '<' partial origin"));
            m_pos = close + 1;
            name += m_text.mid(start, m_pos - start);
        }
    }
    return name;
}

ImapValue ImapTokenizer::readValue(int depth)
{
    const char c = peek();
    if (c == '(')
        return ImapValue::list(readList(depth));
    if (c == '"')
        return ImapValue::string(readQuoted());
    if (atLiteral()) {
        ImapValue v;
        v.type = ImapValue::Type::String;
        v.isLiteral = true;
        v.bytes = readLiteral(&v.isBinary);
        return v;
    }
    if (consumeNil())
        return ImapValue::nil();
    return ImapValue::atom(readFetchItemName());
}

QList<ImapValue> ImapTokenizer::readList(int depth)
{
    checkDepth(depth);
    expect('(');
    QList<ImapValue> items;
    if (consumeIf(')'))
        return items;
    while (true) {
        items.append(readValue(depth + 1));
        checkItems(items.size());
        if (consumeIf(')'))
            return items;
        // Some servers put two spaces or none before a nested list; accept one or more spaces.
        if (!consumeIf(' ') && peek() != '(')
            fail(QStringLiteral("expected ' ' or ')' in a list"));
        while (consumeIf(' ')) {
        }
        if (consumeIf(')'))
            return items; // tolerate a trailing space before ')'
    }
}

QByteArray ImapTokenizer::readRestOfLine()
{
    const QByteArray rest = m_text.mid(m_pos);
    m_pos = m_text.size();
    return rest;
}

} // namespace Petrel::Imap
