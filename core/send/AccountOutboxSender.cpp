#include "send/AccountOutboxSender.h"

#include "send/SentFiler.h"
#include "store/Database.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <memory>

namespace Petrel::Core {

OutboxSender *createAccountOutboxSender(Store::StoreWriter &writer, qint64 accountId, const AccountSettings &settings,
                                        const QString &password, QObject *parent)
{
    auto *sender = new OutboxSender(writer, accountId, parent);
    sender->setConnectionSettings(settings.outgoingConnection());
    sender->setCredentials({settings.outgoingUserName(), password, {}, Smtp::SmtpCredentials::Method::Automatic});
    // The filer reads through a connection of its own, which lives as long as the sender.
    auto reader = std::make_shared<Store::StoreReader>(writer.database().path());
    sender->setSentFiler([&writer, reader, accountId, settings](const Store::OutboxRow &, const QByteArray &raw) {
        return SentFiler(writer, *reader).file(accountId, settings, raw);
    });
    return sender;
}

} // namespace Petrel::Core
