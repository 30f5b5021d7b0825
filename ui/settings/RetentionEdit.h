#pragma once

#include "sync/pop3/Pop3Retention.h"

#include <QWidget>

class QComboBox;
class QSpinBox;

namespace Petrel::Ui {

// Chooses when a POP3 account deletes downloaded messages from the server.
class RetentionEdit : public QWidget
{
    Q_OBJECT

public:
    explicit RetentionEdit(QWidget *parent = nullptr);

    void setRetention(const Core::Pop3Retention &retention);
    Core::Pop3Retention retention() const;

    QComboBox *modeBox() const { return m_mode; }
    QSpinBox *daysBox() const { return m_days; }

Q_SIGNALS:
    void changed();

private:
    void updateDays();

    QComboBox *m_mode = nullptr;
    QSpinBox *m_days = nullptr;
};

} // namespace Petrel::Ui
