#include "AccountUpdate.h"

#include "localmail/ProtocolSwitch.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QJsonDocument>

namespace Petrel::Core {

AccountUpdate::Outcome AccountUpdate::apply(Store::StoreWriter &writer, Store::StoreReader &reader, qint64 accountId,
                                            const AccountSettings &settings)
{
    Outcome outcome;
    if (const QStringList problems = settings.validate(); !problems.isEmpty()) {
        outcome.error = problems.join(QLatin1Char(' '));
        return outcome;
    }
    std::optional<Store::AccountRow> row;
    try {
        row = reader.accountById(accountId);
        if (!row) {
            outcome.error = QStringLiteral("The account no longer exists.");
            return outcome;
        }
        // Checked before a protocol switch, so a refused rename does not leave half a change.
        if (const std::optional<Store::AccountRow> other = reader.account(settings.name); other && other->id != accountId) {
            outcome.error = QStringLiteral("An account named '%1' already exists; choose another name.").arg(settings.name);
            return outcome;
        }
        if (settings.protocol != row->protocol) {
            const QString why = ProtocolSwitch::apply(writer, reader, accountId, settings);
            if (!why.isEmpty()) {
                outcome.error = why;
                return outcome;
            }
            outcome.protocolSwitched = true;
        }
        row->name = settings.name;
        row->address = settings.address;
        row->displayName = settings.displayName;
        row->protocol = settings.protocol;
        row->settingsJson = QJsonDocument(settings.toJson()).toJson(QJsonDocument::Compact);
        writer.updateAccount(*row);
    } catch (const Store::StoreError &e) {
        outcome.error = outcome.protocolSwitched
                            ? QStringLiteral("The protocol was switched, but saving the other settings failed: %1").arg(e.text())
                            : QStringLiteral("Could not save the account: %1").arg(e.text());
        return outcome;
    }
    outcome.ok = true;
    return outcome;
}

} // namespace Petrel::Core
