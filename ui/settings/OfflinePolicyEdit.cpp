#include "settings/OfflinePolicyEdit.h"

namespace Petrel::Ui {

using Mode = Core::ImapOfflinePolicy::Mode;

OfflinePolicyEdit::OfflinePolicyEdit(QWidget *parent)
    : ModeDaysEdit(QStringLiteral("offline"), Core::ImapOfflinePolicy::MaxDays, 30, tr(" days"), parent)
{
    setDaysMode(int(Mode::LastDays));
    addMode(tr("Inbox only"), int(Mode::InboxOnly));
    addMode(tr("All folders"), int(Mode::All));
    addMode(tr("Recent messages (and all of Inbox)"), int(Mode::LastDays));
    addMode(tr("Nothing ahead of time"), int(Mode::None));
}

void OfflinePolicyEdit::setPolicy(const Core::ImapOfflinePolicy &policy)
{
    showMode(int(policy.mode), policy.days);
}

Core::ImapOfflinePolicy OfflinePolicyEdit::policy() const
{
    Core::ImapOfflinePolicy policy;
    policy.mode = Mode(mode());
    if (policy.mode == Mode::LastDays)
        policy.days = days();
    return policy;
}

} // namespace Petrel::Ui
