#include "settings/ModeDaysEdit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSpinBox>

namespace Petrel::Ui {

ModeDaysEdit::ModeDaysEdit(const QString &objectName, int maxDays, int defaultDays, const QString &daysSuffix,
                           QWidget *parent)
    : QWidget(parent)
{
    m_mode = new QComboBox;
    m_mode->setObjectName(objectName + QStringLiteral("Mode"));
    m_days = new QSpinBox;
    m_days->setObjectName(objectName + QStringLiteral("Days"));
    m_days->setRange(1, maxDays);
    m_days->setValue(defaultDays);
    m_days->setSuffix(daysSuffix);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_mode, 1);
    layout->addWidget(m_days);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateDays();
        Q_EMIT changed();
    });
    connect(m_days, &QSpinBox::valueChanged, this, &ModeDaysEdit::changed);
}

void ModeDaysEdit::addMode(const QString &text, int mode)
{
    const QSignalBlocker blocker(m_mode);
    m_mode->addItem(text, mode);
    updateDays();
}

void ModeDaysEdit::showMode(int mode, int days)
{
    const QSignalBlocker modeBlocker(m_mode);
    const QSignalBlocker daysBlocker(m_days);
    m_mode->setCurrentIndex(qMax(0, m_mode->findData(mode)));
    if (mode == m_daysMode)
        m_days->setValue(days);
    updateDays();
}

int ModeDaysEdit::mode() const
{
    return m_mode->currentData().toInt();
}

int ModeDaysEdit::days() const
{
    return m_days->value();
}

void ModeDaysEdit::updateDays()
{
    m_days->setEnabled(mode() == m_daysMode);
}

} // namespace Petrel::Ui
