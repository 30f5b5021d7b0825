#pragma once

#include <QWidget>

class QComboBox;
class QSpinBox;

namespace Petrel::Ui {

// A choice of modes, one of which takes a number of days (shown beside it, enabled only for that
// mode). The base of the settings' offline-policy and POP3-retention fields, which fill in their
// own modes and texts.
class ModeDaysEdit : public QWidget
{
    Q_OBJECT

public:
    QComboBox *modeBox() const { return m_mode; }
    QSpinBox *daysBox() const { return m_days; }

Q_SIGNALS:
    void changed();

protected:
    // objectName names the two fields (NAMEMode, NAMEDays) for tests and accessibility.
    ModeDaysEdit(const QString &objectName, int maxDays, int defaultDays, const QString &daysSuffix,
                 QWidget *parent);

    void addMode(const QString &text, int mode);
    void setDaysMode(int mode) { m_daysMode = mode; }
    // Shows mode, and days when the mode takes them; no changed() signal.
    void showMode(int mode, int days);
    int mode() const;
    int days() const; // only meaningful in the days mode

private:
    void updateDays();

    QComboBox *m_mode = nullptr;
    QSpinBox *m_days = nullptr;
    int m_daysMode = -1;
};

} // namespace Petrel::Ui
