#pragma once

#include "settings/ModeDaysEdit.h"
#include "sync/pop3/Pop3Retention.h"

namespace Petrel::Ui {

// Chooses when a POP3 account deletes downloaded messages from the server.
class RetentionEdit : public ModeDaysEdit
{
    Q_OBJECT

public:
    explicit RetentionEdit(QWidget *parent = nullptr);

    void setRetention(const Core::Pop3Retention &retention);
    Core::Pop3Retention retention() const;
};

} // namespace Petrel::Ui
