#pragma once

#include "sync/imap/ImapOfflinePolicy.h"

#include <QWidget>

class QComboBox;
class QSpinBox;

namespace Petrel::Ui {

// Chooses an IMAP account's offline policy: which message bodies are downloaded ahead of time
// (Inbox only, everything, the last N days, nothing).
class OfflinePolicyEdit : public QWidget
{
    Q_OBJECT

public:
    explicit OfflinePolicyEdit(QWidget *parent = nullptr);

    void setPolicy(const Core::ImapOfflinePolicy &policy);
    Core::ImapOfflinePolicy policy() const;

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
