#include "imap/ImapCapabilities.h"

namespace Petrel::Imap {

namespace {

struct Known
{
    ImapCapability capability;
    const char *name;
};

const Known KnownCapabilities[] = {
    {ImapCapability::Imap4rev1, "IMAP4REV1"},
    {ImapCapability::Imap4rev2, "IMAP4REV2"},
    {ImapCapability::StartTls, "STARTTLS"},
    {ImapCapability::LoginDisabled, "LOGINDISABLED"},
    {ImapCapability::AuthPlain, "AUTH=PLAIN"},
    {ImapCapability::AuthLogin, "AUTH=LOGIN"},
    {ImapCapability::AuthXOAuth2, "AUTH=XOAUTH2"},
    {ImapCapability::AuthOAuthBearer, "AUTH=OAUTHBEARER"},
    {ImapCapability::SaslIr, "SASL-IR"},
    {ImapCapability::Idle, "IDLE"},
    {ImapCapability::LiteralPlus, "LITERAL+"},
    {ImapCapability::LiteralMinus, "LITERAL-"},
    {ImapCapability::UidPlus, "UIDPLUS"},
    {ImapCapability::Move, "MOVE"},
    {ImapCapability::CondStore, "CONDSTORE"},
    {ImapCapability::QResync, "QRESYNC"},
    {ImapCapability::Enable, "ENABLE"},
    {ImapCapability::Id, "ID"},
    {ImapCapability::Namespace, "NAMESPACE"},
    {ImapCapability::SpecialUse, "SPECIAL-USE"},
    {ImapCapability::CreateSpecialUse, "CREATE-SPECIAL-USE"},
    {ImapCapability::ListExtended, "LIST-EXTENDED"},
    {ImapCapability::ListStatus, "LIST-STATUS"},
    {ImapCapability::Utf8Accept, "UTF8=ACCEPT"},
    {ImapCapability::Utf8Only, "UTF8=ONLY"},
    {ImapCapability::ESearch, "ESEARCH"},
    {ImapCapability::Binary, "BINARY"},
    {ImapCapability::Unselect, "UNSELECT"},
    {ImapCapability::Children, "CHILDREN"},
    {ImapCapability::Quota, "QUOTA"},
    {ImapCapability::Sort, "SORT"},
    {ImapCapability::Thread, "THREAD=REFERENCES"},
    {ImapCapability::AppendLimit, "APPENDLIMIT"},
    {ImapCapability::ObjectId, "OBJECTID"},
    {ImapCapability::StatusSize, "STATUS=SIZE"},
};

} // namespace

ImapCapabilities ImapCapabilities::fromAtoms(const QList<QByteArray> &atoms)
{
    ImapCapabilities caps;
    for (const QByteArray &atom : atoms) {
        const QByteArray upper = atom.toUpper();
        bool known = false;
        for (const Known &k : KnownCapabilities) {
            if (upper == k.name) {
                caps.insert(k.capability);
                known = true;
                break;
            }
        }
        if (upper.startsWith("AUTH=")) {
            const QByteArray mech = upper.mid(5);
            if (!mech.isEmpty() && !caps.m_authMechanisms.contains(mech))
                caps.m_authMechanisms.append(mech);
            continue;
        }
        // APPENDLIMIT=n and UTF8=ONLY imply their plain forms.
        if (!known && upper.startsWith("APPENDLIMIT=")) {
            caps.insert(ImapCapability::AppendLimit);
            known = true;
        }
        if (!known && !upper.isEmpty() && !caps.m_unknown.contains(upper))
            caps.m_unknown.append(upper);
    }
    if (caps.has(ImapCapability::Utf8Only))
        caps.insert(ImapCapability::Utf8Accept);
    return caps;
}

QByteArray ImapCapabilities::name(ImapCapability capability)
{
    for (const Known &k : KnownCapabilities) {
        if (k.capability == capability)
            return QByteArray(k.name);
    }
    return QByteArray();
}

bool ImapCapabilities::hasAuthMechanism(const QByteArray &mechanism) const
{
    return m_authMechanisms.contains(mechanism.toUpper());
}

} // namespace Petrel::Imap
