#pragma once

#include "mime/MailAddress.h"

#include <QString>

namespace Petrel::Ui {

struct AddressFieldResult
{
    Mime::MailAddressList addresses;
    QString error; // empty when every entry is a usable address

    bool isOk() const { return error.isEmpty(); }
};

// What the user typed in To, Cc or Bcc: entries separated by ',' or ';' (not inside quotes or
// <…>), each "addr", "Name <addr>" or "\"Last, First\" <addr>". An entry without a plausible
// address ("bob", "a b@c", "<>") is an error naming it; empty entries are skipped.
AddressFieldResult parseAddressField(const QString &text);

} // namespace Petrel::Ui
