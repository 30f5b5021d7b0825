#pragma once

#include <QList>
#include <QString>

namespace Petrel::Mime {

// One mailbox from an address header; group syntax is flattened into its members.
struct MailAddress {
    QString name;
    QString address;

    // "Name <addr>", quoting the name when RFC 5322 specials would otherwise change its meaning.
    QString toDisplayString() const;

    bool operator==(const MailAddress &other) const = default;
};

using MailAddressList = QList<MailAddress>;

} // namespace Petrel::Mime
