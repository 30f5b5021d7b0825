#pragma once

// A canonical text form of parsed responses, so one chunking can be compared with another field by
// field (a mismatch shows exactly which field differs).
#include "imap/ImapResponse.h"

#include <QStringList>

namespace Petrel::Imap::Test {

inline QByteArray dumpOpt(const std::optional<QByteArray> &v)
{
    return v ? '"' + *v + '"' : QByteArray("NIL");
}

inline QByteArray dumpValue(const ImapValue &v)
{
    switch (v.type) {
    case ImapValue::Type::Atom:
        return v.bytes;
    case ImapValue::Type::String:
        return (v.isLiteral ? "{lit}" : "") + ('"' + v.bytes + '"');
    case ImapValue::Type::Nil:
        return "NIL";
    case ImapValue::Type::List: {
        QList<QByteArray> parts;
        for (const auto &i : v.items)
            parts.append(dumpValue(i));
        return '(' + parts.join(' ') + ')';
    }
    }
    return {};
}

inline QByteArray dumpAddresses(const QList<ImapAddress> &list)
{
    QByteArray out = "[";
    for (const auto &a : list)
        out += '(' + dumpOpt(a.name) + ' ' + dumpOpt(a.adl) + ' ' + dumpOpt(a.mailbox) + ' ' +
               dumpOpt(a.host) + ')';
    return out + ']';
}

inline QByteArray dumpEnvelope(const ImapEnvelope &e)
{
    return "env(" + dumpOpt(e.date) + ' ' + e.dateTime.toString(Qt::ISODate).toUtf8() + ' ' +
           dumpOpt(e.subject) + ' ' + dumpAddresses(e.from) + dumpAddresses(e.sender) +
           dumpAddresses(e.replyTo) + dumpAddresses(e.to) + dumpAddresses(e.cc) + dumpAddresses(e.bcc) + ' ' +
           dumpOpt(e.inReplyTo) + ' ' + dumpOpt(e.messageId) + ')';
}

inline QByteArray dumpParams(const ImapParams &p)
{
    QByteArray out = "{";
    for (const auto &kv : p)
        out += kv.first + '=' + kv.second + ';';
    return out + '}';
}

inline QByteArray dumpBody(const ImapBodyStructure &b)
{
    QByteArray out = "body(" + b.type + '/' + b.subtype + ' ' + dumpParams(b.params) + ' ' + dumpOpt(b.id) +
                     ' ' + dumpOpt(b.description) + ' ' + b.encoding + ' ' + QByteArray::number(b.size) +
                     ' ' + QByteArray::number(b.lines) + ' ' + dumpOpt(b.md5) + ' ' + dumpOpt(b.disposition) +
                     dumpParams(b.dispositionParams) + ' ' + b.language.join(',') + ' ' + dumpOpt(b.location);
    for (const auto &p : b.parts)
        out += ' ' + dumpBody(p);
    if (b.envelope)
        out += ' ' + dumpEnvelope(*b.envelope);
    if (b.message)
        out += ' ' + dumpBody(*b.message);
    return out + ')';
}

inline QByteArray dumpCode(const ImapResponseCode &c)
{
    return "code(" + QByteArray::number(int(c.kind)) + ' ' + c.name + ' ' + c.argument + ' ' +
           QByteArray::number(c.number) + ' ' + c.flags.join(',') + ' ' + c.sourceUids.toString() + ' ' +
           c.uids.toString() + ' ' + QByteArray::number(c.capabilities.bits()) + ')';
}

inline QByteArray dump(const ImapResponse &r)
{
    QByteArray out = QByteArray::number(int(r.type)) + ' ' + QByteArray::number(int(r.kind)) + ' ' + r.tag +
                     ' ' + r.name + ' ' + QByteArray::number(int(r.status)) + ' ' + dumpCode(r.code) +
                     " text=" + r.text + " n=" + QByteArray::number(r.number);
    if (const auto *c = r.capabilities())
        out += " caps=" + QByteArray::number(c->bits()) + ' ' + c->authMechanisms().join(',') + ' ' +
               c->unknown().join(',');
    if (const auto *f = r.flags())
        out += " flags=" + f->join(',');
    if (const auto *l = r.listEntry())
        out += " list=" + l->attributes.join(',') + ' ' +
               (l->delimiter ? QByteArray(1, *l->delimiter) : "NIL") + ' ' + l->nameBytes + ' ' +
               l->name.toUtf8() + ' ' + l->childInfo.join(',') + ' ' + QByteArray::number(int(l->specialUse));
    if (const auto *s = r.mailboxStatus())
        out += " status=" + s->nameBytes + ' ' + QByteArray::number(s->messages.value_or(0)) + ' ' +
               QByteArray::number(s->uidNext.value_or(0)) + ' ' + QByteArray::number(s->size.value_or(0));
    if (const auto *v = r.vanished())
        out += " vanished=" + QByteArray(v->earlier ? "earlier " : "") + v->uids.toString();
    if (const auto *f = r.fetch()) {
        out += " fetch=" + QByteArray::number(f->sequence) + " uid=" + QByteArray::number(f->uid.value_or(0));
        if (f->flags)
            out += " flags=" + f->flags->join(',');
        out += " date=" + f->internalDate.toString(Qt::ISODate).toUtf8() +
               " size=" + QByteArray::number(f->rfc822Size.value_or(0)) +
               " modseq=" + QByteArray::number(f->modSeq.value_or(0));
        if (f->envelope)
            out += ' ' + dumpEnvelope(*f->envelope);
        if (f->bodyStructure)
            out += ' ' + dumpBody(*f->bodyStructure);
        for (const auto &s : f->sections)
            out += " section(" + s.item + '[' + s.section + "]<" + QByteArray::number(s.origin.value_or(0)) +
                   "> " + dumpOpt(s.bytes) + ')';
        for (const auto &o : f->otherItems)
            out += ' ' + o.first + '=' + dumpValue(o.second);
    }
    if (const auto *g = r.generic()) {
        for (const auto &v : *g)
            out += ' ' + dumpValue(v);
    }
    return out;
}

} // namespace Petrel::Imap::Test
