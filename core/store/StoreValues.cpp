// Name conversions for the store's enums, the thread key and the default path: the small free
// functions declared beside the value types.
#include "store/AccountRow.h"
#include "store/FolderRow.h"
#include "store/OutboxRow.h"
#include "store/StoreLogging.h"
#include "store/StorePaths.h"
#include "store/ThreadKey.h"

#include <QDir>

#include <array>
#include <utility>

namespace Petrel::Store {

Q_LOGGING_CATEGORY(lcStore, "petrel.store")

namespace {

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char *>, N> &table, Enum value)
{
    for (const auto &[e, name] : table) {
        if (e == value) {
            return QLatin1String(name);
        }
    }
    return QLatin1String(table[0].second);
}

template <typename Enum, std::size_t N>
Enum valueOf(const std::array<std::pair<Enum, const char *>, N> &table, const QString &name, bool *ok)
{
    for (const auto &[e, text] : table) {
        if (name == QLatin1String(text)) {
            if (ok) {
                *ok = true;
            }
            return e;
        }
    }
    if (ok) {
        *ok = false;
    }
    return table[0].first;
}

constexpr std::array<std::pair<AccountProtocol, const char *>, 2> protocolNames{{
    {AccountProtocol::Imap, "imap"},
    {AccountProtocol::Pop3, "pop3"},
}};

constexpr std::array<std::pair<FolderRole, const char *>, 7> roleNames{{
    {FolderRole::None, "none"},
    {FolderRole::Inbox, "inbox"},
    {FolderRole::Sent, "sent"},
    {FolderRole::Drafts, "drafts"},
    {FolderRole::Trash, "trash"},
    {FolderRole::Junk, "junk"},
    {FolderRole::Archive, "archive"},
}};

constexpr std::array<std::pair<OutboxState, const char *>, 5> outboxStateNames{{
    {OutboxState::Queued, "queued"},
    {OutboxState::Sending, "sending"},
    {OutboxState::Sent, "sent"},
    {OutboxState::Failed, "failed"},
    {OutboxState::Unknown, "unknown"},
}};

QString bareId(const QString &id)
{
    QString s = id.trimmed();
    if (s.startsWith(QLatin1Char('<'))) {
        s.remove(0, 1);
    }
    if (s.endsWith(QLatin1Char('>'))) {
        s.chop(1);
    }
    return s.trimmed();
}

} // namespace

QString accountProtocolName(AccountProtocol protocol)
{
    return nameOf(protocolNames, protocol);
}

AccountProtocol accountProtocolFromName(const QString &name, bool *ok)
{
    return valueOf(protocolNames, name, ok);
}

QString folderRoleName(FolderRole role)
{
    return nameOf(roleNames, role);
}

FolderRole folderRoleFromName(const QString &name, bool *ok)
{
    return valueOf(roleNames, name, ok);
}

QString outboxStateName(OutboxState state)
{
    return nameOf(outboxStateNames, state);
}

OutboxState outboxStateFromName(const QString &name, bool *ok)
{
    return valueOf(outboxStateNames, name, ok);
}

QString threadKeyFor(const QString &messageId, const QString &inReplyTo, const QStringList &references)
{
    for (const QString &ref : references) {
        const QString id = bareId(ref);
        if (!id.isEmpty()) {
            return id;
        }
    }
    QString id = bareId(inReplyTo);
    if (!id.isEmpty()) {
        return id;
    }
    return bareId(messageId);
}

QString defaultDatabasePath(const QString &profileDir)
{
    return QDir(profileDir).filePath(QStringLiteral("petrel.sqlite"));
}

} // namespace Petrel::Store
