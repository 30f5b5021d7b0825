#include "localmail/ProtocolSwitch.h"

#include "importing/MessageRecordBuilder.h"
#include "localmail/LocalFolders.h"
#include "store/ProtocolSwitchStore.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QJsonDocument>

namespace Petrel::Core {

QString ProtocolSwitch::apply(Store::StoreWriter &writer, Store::StoreReader &reader, qint64 accountId,
                              const AccountSettings &settings)
{
    const std::optional<Store::AccountRow> account = reader.accountById(accountId);
    if (!account)
        return QStringLiteral("there is no account %1").arg(accountId);
    if (account->protocol == settings.protocol)
        return QStringLiteral("the account uses %1 already")
            .arg(settings.protocol == IncomingProtocol::Imap ? QStringLiteral("IMAP") : QStringLiteral("POP3"));
    if (const QStringList problems = settings.validate(); !problems.isEmpty())
        return problems.join(QLatin1Char(' '));
    const QByteArray json = QJsonDocument(settings.toJson()).toJson(QJsonDocument::Compact);
    const QString root = QString::fromLatin1(ArchiveRoot);
    Store::ProtocolSwitchStore store(writer.database());
    if (settings.protocol == IncomingProtocol::Imap) {
        for (const Store::FolderRow &f : reader.folders(accountId)) {
            if (f.path == root)
                return QStringLiteral("the account already has a folder named '%1'").arg(root);
        }
        store.toImap(accountId, json, root);
        return {};
    }
    // Changes not yet sent to the IMAP server would be lost with its cache: send them first.
    if (const qsizetype pending = reader.pendingOperations(accountId).size(); pending > 0)
        return QStringLiteral("%1 local changes have not reached the IMAP server yet; sync the account first, then "
                              "switch")
            .arg(pending);
    store.toPop3(accountId, json, root, [](const QString &path) { return roleForFolderName(path); });
    LocalFolders::ensureDefaults(writer, reader, accountId);
    return {};
}

} // namespace Petrel::Core
