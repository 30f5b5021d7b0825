#pragma once

#include <QString>
#include <QUrl>

namespace Petrel::Ui {

// True when a link's visible text looks like a web or mail address other than where the link
// really leads ("www.bank.example" shown, "http://evil.example/" behind it): the classic phishing
// disguise. Text that is not address-like ("click here") never misleads by itself.
bool linkTextMisleads(const QString &shownText, const QUrl &target);

// Schemes the message view hands to the system; anything else (file:, javascript:, …) is refused.
bool isOpenableLink(const QUrl &target);

} // namespace Petrel::Ui
