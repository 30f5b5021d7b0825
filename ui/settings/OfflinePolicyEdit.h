#pragma once

#include "settings/ModeDaysEdit.h"
#include "sync/imap/ImapOfflinePolicy.h"

namespace Petrel::Ui {

// Chooses an IMAP account's offline policy: which message bodies are downloaded ahead of time
// (Inbox only, everything, the last N days, nothing).
class OfflinePolicyEdit : public ModeDaysEdit
{
    Q_OBJECT

public:
    explicit OfflinePolicyEdit(QWidget *parent = nullptr);

    void setPolicy(const Core::ImapOfflinePolicy &policy);
    Core::ImapOfflinePolicy policy() const;
};

} // namespace Petrel::Ui
