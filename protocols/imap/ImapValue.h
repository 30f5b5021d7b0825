#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

namespace Petrel::Imap {

// One token of a response kept generically: what the typed parsers fall back to for data they
// do not know, so an unknown response or FETCH item is kept rather than refused.
struct ImapValue
{
    enum class Type { Atom, String, Nil, List };

    Type type = Type::Nil;
    QByteArray bytes;       // Atom or String
    QList<ImapValue> items; // List
    bool isLiteral = false; // String sent as {n} or ~{n}
    bool isBinary = false;  // String sent as a literal8 ~{n}

    static ImapValue atom(const QByteArray &a) { return ImapValue{Type::Atom, a, {}, false, false}; }
    static ImapValue string(const QByteArray &s) { return ImapValue{Type::String, s, {}, false, false}; }
    static ImapValue nil() { return ImapValue{}; }
    static ImapValue list(const QList<ImapValue> &l) { return ImapValue{Type::List, {}, l, false, false}; }

    bool isNil() const { return type == Type::Nil; }
    bool isList() const { return type == Type::List; }
    std::optional<quint64> toNumber() const;

    bool operator==(const ImapValue &other) const
    {
        return type == other.type && bytes == other.bytes && items == other.items;
    }
};

inline std::optional<quint64> ImapValue::toNumber() const
{
    if (type != Type::Atom || bytes.isEmpty() || bytes.size() > 20)
        return std::nullopt;
    quint64 value = 0;
    for (const char c : bytes) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const quint64 digit = quint64(c - '0');
        if (value > (~quint64(0) - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

} // namespace Petrel::Imap
