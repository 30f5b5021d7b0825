#include "settings/RetentionEdit.h"

namespace Petrel::Ui {

using Mode = Core::Pop3Retention::Mode;

RetentionEdit::RetentionEdit(QWidget *parent)
    : ModeDaysEdit(QStringLiteral("retention"), Core::Pop3Retention::MaxDays, 14, tr(" days"), parent)
{
    setDaysMode(int(Mode::DeleteAfterDays));
    addMode(tr("Leave messages on the server"), int(Mode::Leave));
    addMode(tr("Delete from the server after"), int(Mode::DeleteAfterDays));
    addMode(tr("Delete from the server when deleted here"), int(Mode::DeleteOnLocalDelete));
    addMode(tr("Delete from the server once downloaded"), int(Mode::DeleteAfterDownload));
}

void RetentionEdit::setRetention(const Core::Pop3Retention &retention)
{
    showMode(int(retention.mode), retention.days);
}

Core::Pop3Retention RetentionEdit::retention() const
{
    Core::Pop3Retention retention;
    retention.mode = Mode(mode());
    if (retention.mode == Mode::DeleteAfterDays)
        retention.days = days();
    return retention;
}

} // namespace Petrel::Ui
