#pragma once

#include "imap/ImapCommand.h"

#include <QByteArray>

namespace Petrel::Imap {

// Appends arguments to a command and cuts it into chunks where a synchronising literal needs the
// server's "+". Chooses the cheapest safe form per string: atom, quoted, or literal.
class ImapCommandWriter
{
public:
    struct LiteralPolicy
    {
        bool literalPlus = false;  // LITERAL+: every literal non-synchronising
        bool literalMinus = false; // LITERAL-: non-synchronising up to 4096 bytes
        bool utf8Quoted = false;   // UTF8=ACCEPT enabled: UTF-8 may be quoted
    };

    ImapCommandWriter(const QByteArray &tag, const QByteArray &name, const LiteralPolicy &policy);

    ImapCommandWriter &raw(const QByteArray &bytes);     // as is, no separator
    ImapCommandWriter &atom(const QByteArray &atom);     // SP (none after '(') + atom
    ImapCommandWriter &astring(const QByteArray &value); // SP (none after '(') + atom, quoted or literal
    ImapCommandWriter &string(const QByteArray &value);  // SP + quoted or literal (never atom)
    ImapCommandWriter &listMailbox(const QByteArray &pattern); // SP + pattern (% and * kept bare)
    ImapCommandWriter &literal(const QByteArray &value, bool binary = false); // SP + {n} / {n+} / ~{n}
    ImapCommand finish();                                                     // adds CRLF

    static bool isAtomSafe(const QByteArray &value);
    static bool isQuotable(const QByteArray &value, bool utf8);
    static QByteArray quoted(const QByteArray &value);

private:
    void separate(); // a space between arguments, none right after '('

    ImapCommand m_command;
    QByteArray m_current;
    LiteralPolicy m_policy;
};

} // namespace Petrel::Imap
