#include "imap/ImapResponseCodeParser.h"

#include "imap/ImapTokenizer.h"

namespace Petrel::Imap {

namespace {

using Kind = ImapResponseCode::Kind;

struct Simple
{
    const char *name;
    Kind kind;
};

const Simple SimpleCodes[] = {
    {"ALERT", Kind::Alert},
    {"PARSE", Kind::Parse},
    {"READ-ONLY", Kind::ReadOnly},
    {"READ-WRITE", Kind::ReadWrite},
    {"TRYCREATE", Kind::TryCreate},
    {"NOMODSEQ", Kind::NoModSeq},
    {"UIDNOTSTICKY", Kind::UidNotSticky},
    {"CLOSED", Kind::Closed},
    {"AUTHENTICATIONFAILED", Kind::AuthenticationFailed},
    {"AUTHORIZATIONFAILED", Kind::AuthorizationFailed},
    {"EXPIRED", Kind::Expired},
    {"PRIVACYREQUIRED", Kind::PrivacyRequired},
    {"CONTACTADMIN", Kind::ContactAdmin},
    {"NOPERM", Kind::NoPerm},
    {"INUSE", Kind::InUse},
    {"EXPUNGEISSUED", Kind::ExpungeIssued},
    {"CORRUPTION", Kind::Corruption},
    {"SERVERBUG", Kind::ServerBug},
    {"CLIENTBUG", Kind::ClientBug},
    {"CANNOT", Kind::CannotSpecify},
    {"LIMIT", Kind::Limit},
    {"OVERQUOTA", Kind::OverQuota},
    {"ALREADYEXISTS", Kind::AlreadyExists},
    {"NONEXISTENT", Kind::NonExistent},
    {"UNAVAILABLE", Kind::Unavailable},
};

ImapSequenceSet readSet(ImapTokenizer &tokens)
{
    const QByteArray text = tokens.readAtom();
    const auto set = ImapSequenceSet::parse(text);
    if (!set)
        tokens.fail(QStringLiteral("invalid UID set '%1'").arg(QString::fromLatin1(text)));
    return *set;
}

void parseArguments(ImapTokenizer &t, ImapResponseCode &code)
{
    const QByteArray &n = code.name;
    if (n == "UIDVALIDITY" || n == "UIDNEXT" || n == "UNSEEN" || n == "HIGHESTMODSEQ") {
        t.expectSpace();
        code.number = t.readNumber();
        code.kind = n == "UIDVALIDITY" ? Kind::UidValidity
                    : n == "UIDNEXT"   ? Kind::UidNext
                    : n == "UNSEEN"    ? Kind::Unseen
                                       : Kind::HighestModSeq;
    } else if (n == "PERMANENTFLAGS" || n == "BADCHARSET") {
        if (t.consumeIf(' ')) {
            for (const ImapValue &v : t.readList(1))
                code.flags.append(v.bytes);
        }
        code.kind = n == "PERMANENTFLAGS" ? Kind::PermanentFlags : Kind::BadCharset;
    } else if (n == "CAPABILITY") {
        QList<QByteArray> atoms;
        while (t.consumeIf(' ')) {
            if (t.atEnd())
                break;
            atoms.append(t.readAtom());
            t.checkItems(atoms.size());
        }
        code.capabilities = ImapCapabilities::fromAtoms(atoms);
        code.kind = Kind::Capability;
    } else if (n == "APPENDUID") {
        t.expectSpace();
        code.number = t.readNumber();
        t.expectSpace();
        code.uids = readSet(t);
        code.kind = Kind::AppendUid;
    } else if (n == "COPYUID") {
        t.expectSpace();
        code.number = t.readNumber();
        t.expectSpace();
        code.sourceUids = readSet(t);
        t.expectSpace();
        code.uids = readSet(t);
        code.kind = Kind::CopyUid;
    } else if (n == "MODIFIED") {
        t.expectSpace();
        code.uids = readSet(t);
        code.kind = Kind::Modified;
    } else {
        code.kind = Kind::Unknown;
        for (const Simple &s : SimpleCodes) {
            if (n == s.name) {
                code.kind = s.kind;
                break;
            }
        }
        return; // arguments of simple and unknown codes are kept raw only
    }
    while (t.consumeIf(' ')) {
    }
    if (!t.atEnd())
        t.fail(QStringLiteral("unexpected data after response code %1").arg(QString::fromLatin1(n)));
}

} // namespace

ImapResponseCode ImapResponseCodeParser::parse(ImapTokenizer &tokens)
{
    return parseInside(tokens.readBracketed(), tokens);
}

ImapResponseCode ImapResponseCodeParser::parseInside(const QByteArray &inside,
                                                     const ImapTokenizer &limitsFrom)
{
    ImapResponseCode code;
    ImapRawResponse raw;
    raw.text = inside;
    ImapTokenizer t(raw, limitsFrom.limits());
    try {
        code.name = t.readAtom().toUpper();
        const qsizetype space = inside.indexOf(' ');
        if (space >= 0)
            code.argument = inside.mid(space + 1);
        parseArguments(t, code);
    } catch (const ImapParseFailure &) {
        const qsizetype space = inside.indexOf(' ');
        ImapResponseCode raw;
        raw.kind = Kind::Unknown;
        raw.name = (space < 0 ? inside : inside.left(space)).toUpper();
        raw.argument = space < 0 ? QByteArray() : inside.mid(space + 1);
        return raw;
    }
    return code;
}

} // namespace Petrel::Imap
