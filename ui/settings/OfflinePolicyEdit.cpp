#include "settings/OfflinePolicyEdit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QSpinBox>

namespace Petrel::Ui {

using Mode = Core::ImapOfflinePolicy::Mode;

OfflinePolicyEdit::OfflinePolicyEdit(QWidget *parent) : QWidget(parent)
{
    m_mode = new QComboBox;
    m_mode->setObjectName(QStringLiteral("offlineMode"));
    m_mode->addItem(tr("Inbox only"), int(Mode::InboxOnly));
    m_mode->addItem(tr("All folders"), int(Mode::All));
    m_mode->addItem(tr("Recent messages (and all of Inbox)"), int(Mode::LastDays));
    m_mode->addItem(tr("Nothing ahead of time"), int(Mode::None));
    m_days = new QSpinBox;
    m_days->setObjectName(QStringLiteral("offlineDays"));
    m_days->setRange(1, Core::ImapOfflinePolicy::MaxDays);
    m_days->setValue(30);
    m_days->setSuffix(tr(" days"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_mode, 1);
    layout->addWidget(m_days);
    updateDays();
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateDays();
        Q_EMIT changed();
    });
    connect(m_days, &QSpinBox::valueChanged, this, &OfflinePolicyEdit::changed);
}

void OfflinePolicyEdit::setPolicy(const Core::ImapOfflinePolicy &policy)
{
    const QSignalBlocker modeBlocker(m_mode);
    const QSignalBlocker daysBlocker(m_days);
    m_mode->setCurrentIndex(qMax(0, m_mode->findData(int(policy.mode))));
    if (policy.mode == Mode::LastDays)
        m_days->setValue(policy.days);
    updateDays();
}

Core::ImapOfflinePolicy OfflinePolicyEdit::policy() const
{
    Core::ImapOfflinePolicy policy;
    policy.mode = Mode(m_mode->currentData().toInt());
    if (policy.mode == Mode::LastDays)
        policy.days = m_days->value();
    return policy;
}

void OfflinePolicyEdit::updateDays()
{
    m_days->setEnabled(Mode(m_mode->currentData().toInt()) == Mode::LastDays);
}

} // namespace Petrel::Ui
