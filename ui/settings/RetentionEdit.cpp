#include "settings/RetentionEdit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QSpinBox>

namespace Petrel::Ui {

using Mode = Core::Pop3Retention::Mode;

RetentionEdit::RetentionEdit(QWidget *parent) : QWidget(parent)
{
    m_mode = new QComboBox;
    m_mode->setObjectName(QStringLiteral("retentionMode"));
    m_mode->addItem(tr("Leave messages on the server"), int(Mode::Leave));
    m_mode->addItem(tr("Delete from the server after"), int(Mode::DeleteAfterDays));
    m_mode->addItem(tr("Delete from the server when deleted here"), int(Mode::DeleteOnLocalDelete));
    m_mode->addItem(tr("Delete from the server once downloaded"), int(Mode::DeleteAfterDownload));
    m_days = new QSpinBox;
    m_days->setObjectName(QStringLiteral("retentionDays"));
    m_days->setRange(1, Core::Pop3Retention::MaxDays);
    m_days->setValue(14);
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
    connect(m_days, &QSpinBox::valueChanged, this, &RetentionEdit::changed);
}

void RetentionEdit::setRetention(const Core::Pop3Retention &retention)
{
    const QSignalBlocker modeBlocker(m_mode);
    const QSignalBlocker daysBlocker(m_days);
    m_mode->setCurrentIndex(qMax(0, m_mode->findData(int(retention.mode))));
    if (retention.mode == Mode::DeleteAfterDays)
        m_days->setValue(retention.days);
    updateDays();
}

Core::Pop3Retention RetentionEdit::retention() const
{
    Core::Pop3Retention retention;
    retention.mode = Mode(m_mode->currentData().toInt());
    if (retention.mode == Mode::DeleteAfterDays)
        retention.days = m_days->value();
    return retention;
}

void RetentionEdit::updateDays()
{
    m_days->setEnabled(Mode(m_mode->currentData().toInt()) == Mode::DeleteAfterDays);
}

} // namespace Petrel::Ui
