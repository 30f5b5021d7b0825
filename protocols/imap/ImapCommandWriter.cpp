#include "imap/ImapCommandWriter.h"

#include <QStringDecoder>

namespace Petrel::Imap {

namespace {

constexpr qsizetype MaxQuoted = 1000; // longer strings go as literals: some servers cap lines
constexpr qsizetype LiteralMinusMax = 4096;

bool isAtomChar(char c)
{
    const uchar u = uchar(c);
    if (u <= 0x20 || u >= 0x7f)
        return false;
    switch (c) {
    case '(':
    case ')':
    case '{':
    case '%':
    case '*':
    case '"':
    case '\\':
    case ']':
        return false;
    default:
        return true;
    }
}

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)decoder(bytes);
    return !decoder.hasError();
}

} // namespace

ImapCommandWriter::ImapCommandWriter(const QByteArray &tag, const QByteArray &name,
                                     const LiteralPolicy &policy)
    : m_policy(policy)
{
    m_command.tag = tag;
    m_command.name = name;
    m_current = tag + ' ' + name;
}

bool ImapCommandWriter::isAtomSafe(const QByteArray &value)
{
    if (value.isEmpty() || value.compare("NIL", Qt::CaseInsensitive) == 0)
        return false;
    for (const char c : value) {
        if (!isAtomChar(c))
            return false;
    }
    return true;
}

bool ImapCommandWriter::isQuotable(const QByteArray &value, bool utf8)
{
    if (value.size() > MaxQuoted)
        return false;
    bool eightBit = false;
    for (const char c : value) {
        const uchar u = uchar(c);
        if (u == 0 || c == '\r' || c == '\n')
            return false;
        if (u >= 0x80)
            eightBit = true;
    }
    return !eightBit || (utf8 && isValidUtf8(value));
}

QByteArray ImapCommandWriter::quoted(const QByteArray &value)
{
    QByteArray out;
    out.reserve(value.size() + 2);
    out += '"';
    for (const char c : value) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

ImapCommandWriter &ImapCommandWriter::raw(const QByteArray &bytes)
{
    m_current += bytes;
    return *this;
}

void ImapCommandWriter::separate()
{
    if (!m_current.endsWith('('))
        m_current += ' ';
}

ImapCommandWriter &ImapCommandWriter::atom(const QByteArray &atom)
{
    separate();
    m_current += atom;
    return *this;
}

ImapCommandWriter &ImapCommandWriter::astring(const QByteArray &value)
{
    if (isAtomSafe(value))
        return atom(value);
    return string(value);
}

ImapCommandWriter &ImapCommandWriter::string(const QByteArray &value)
{
    if (isQuotable(value, m_policy.utf8Quoted)) {
        separate();
        m_current += quoted(value);
        return *this;
    }
    return literal(value);
}

ImapCommandWriter &ImapCommandWriter::listMailbox(const QByteArray &pattern)
{
    bool bare = !pattern.isEmpty();
    for (const char c : pattern) {
        if (!isAtomChar(c) && c != '%' && c != '*' && c != ']')
            bare = false;
    }
    if (bare)
        return atom(pattern);
    return string(pattern);
}

ImapCommandWriter &ImapCommandWriter::literal(const QByteArray &value, bool binary)
{
    const bool nonSync = m_policy.literalPlus || (m_policy.literalMinus && value.size() <= LiteralMinusMax);
    separate();
    if (binary)
        m_current += '~';
    m_current += '{' + QByteArray::number(value.size()) + (nonSync ? "+}\r\n" : "}\r\n");
    if (!nonSync) {
        m_command.chunks.append({m_current, true});
        m_current.clear();
    }
    m_current += value;
    return *this;
}

ImapCommand ImapCommandWriter::finish()
{
    m_current += "\r\n";
    m_command.chunks.append({m_current, false});
    m_current.clear();
    return m_command;
}

} // namespace Petrel::Imap
