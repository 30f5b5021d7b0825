#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace Petrel::Store {

enum class AccountProtocol { Imap, Pop3 };

QString accountProtocolName(AccountProtocol protocol); // "imap" / "pop3"
AccountProtocol accountProtocolFromName(const QString &name, bool *ok = nullptr);

struct AccountRow
{
    qint64 id = 0;
    QString name; // unique, chosen by the user
    AccountProtocol protocol = AccountProtocol::Imap;
    QString address;
    QString displayName;
    QByteArray settingsJson = "{}"; // a JSON object owned by core/accounts; the store only checks it is one
    QDateTime createdAt;            // set by the store on addAccount()
};

} // namespace Petrel::Store

Q_DECLARE_METATYPE(Petrel::Store::AccountRow)
