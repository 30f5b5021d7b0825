#include "sync/imap/ImapPendingAction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>

namespace Petrel::Core {

namespace {

using Kind = ImapPendingAction::Kind;

constexpr std::array<std::pair<Kind, const char *>, 10> kindNames{{
    {Kind::Flags, "imap.flags"},
    {Kind::Move, "imap.move"},
    {Kind::Expunge, "imap.expunge"},
    {Kind::Copy, "imap.copy"},
    {Kind::Append, "imap.append"},
    {Kind::CreateFolder, "imap.create-folder"},
    {Kind::RenameFolder, "imap.rename-folder"},
    {Kind::DeleteFolder, "imap.delete-folder"},
    {Kind::Subscribe, "imap.subscribe"},
    {Kind::Unsubscribe, "imap.unsubscribe"},
}};

constexpr qint64 MaxUid = 0xfffffffe;
constexpr int MaxNameLength = 1000; // no real mailbox name comes near; a longer one is not ours

bool isSystemFlag(const QByteArray &f)
{
    return f == "\\Seen" || f == "\\Flagged" || f == "\\Answered" || f == "\\Deleted" || f == "\\Draft";
}

QJsonArray toArray(const QByteArrayList &flags)
{
    QJsonArray a;
    for (const QByteArray &f : flags)
        a.append(QString::fromLatin1(f));
    return a;
}

bool readFlags(const QJsonValue &value, QByteArrayList *out)
{
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return false;
    for (const QJsonValue &v : value.toArray()) {
        const QByteArray f = v.toString().toLatin1();
        if (!isSystemFlag(f))
            return false;
        out->append(f);
    }
    return true;
}

bool readName(const QJsonObject &o, const QString &key, QString *out)
{
    const QJsonValue v = o.value(key);
    if (!v.isString())
        return false;
    *out = v.toString();
    if (out->isEmpty() || out->size() > MaxNameLength)
        return false;
    for (const QChar c : std::as_const(*out)) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return false; // CR/LF would break the command line
    }
    return true;
}

bool needsUid(Kind k)
{
    return k == Kind::Flags || k == Kind::Move || k == Kind::Expunge || k == Kind::Copy;
}

bool needsTarget(Kind k)
{
    return k == Kind::Move || k == Kind::Copy || k == Kind::RenameFolder;
}

bool needsLocalId(Kind k)
{
    return k == Kind::Copy || k == Kind::Append; // a move without one only skips the clean-up
}

} // namespace

QString ImapPendingAction::kindName(Kind kind)
{
    for (const auto &[k, name] : kindNames) {
        if (k == kind)
            return QLatin1String(name);
    }
    return {};
}

QByteArray ImapPendingAction::toJson() const
{
    QJsonObject o{{QStringLiteral("folder"), folder}};
    if (needsUid(kind))
        o.insert(QStringLiteral("uid"), qint64(uid));
    if (needsTarget(kind))
        o.insert(QStringLiteral("target"), target);
    if (kind == Kind::Move || needsLocalId(kind))
        o.insert(QStringLiteral("localId"), localId);
    if (kind == Kind::Flags || kind == Kind::Append)
        o.insert(QStringLiteral("add"), toArray(add));
    if (kind == Kind::Flags)
        o.insert(QStringLiteral("remove"), toArray(remove));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<ImapPendingAction> ImapPendingAction::fromRow(const QString &kind, const QByteArray &payloadJson)
{
    ImapPendingAction a;
    bool known = false;
    for (const auto &[k, name] : kindNames) {
        if (kind == QLatin1String(name)) {
            a.kind = k;
            known = true;
        }
    }
    if (!known)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(payloadJson, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    if (!readName(o, QStringLiteral("folder"), &a.folder))
        return std::nullopt;
    if (needsUid(a.kind)) {
        const QJsonValue v = o.value(QStringLiteral("uid"));
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 1 || d > MaxUid || d != double(qint64(d)))
            return std::nullopt;
        a.uid = quint32(d);
    }
    if (needsTarget(a.kind) && !readName(o, QStringLiteral("target"), &a.target))
        return std::nullopt;
    if (a.kind == Kind::Move || needsLocalId(a.kind)) {
        const QJsonValue v = o.value(QStringLiteral("localId"));
        const qint64 id = v.toInteger(0);
        if (id < 0 || (needsLocalId(a.kind) && id == 0) || (!v.isUndefined() && !v.isDouble()))
            return std::nullopt;
        a.localId = id;
    }
    if (!readFlags(o.value(QStringLiteral("add")), &a.add) || !readFlags(o.value(QStringLiteral("remove")), &a.remove))
        return std::nullopt;
    return a;
}

} // namespace Petrel::Core
