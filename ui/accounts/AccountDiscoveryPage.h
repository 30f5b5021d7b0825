#pragma once

#include "setup/ServerCandidate.h"

#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Petrel::Core {
class AccountDiscovery;
}

namespace Petrel::Ui {

// The wizard's second page: discovery runs with a progress line; the user may skip it and enter
// the settings by hand. Complete once discovery has finished or was skipped.
class AccountDiscoveryPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit AccountDiscoveryPage(QWidget *parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

    QLabel *statusLabel() const { return m_status; }
    QPushButton *skipButton() const { return m_skip; }
    bool isDone() const { return m_done; }

private:
    void onFinished(const Core::DiscoveryResult &result);
    static QString describe(const Core::DiscoveryResult &result);

    Core::AccountDiscovery *m_discovery = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_busy = nullptr;
    QPushButton *m_skip = nullptr;
    bool m_done = false;
};

} // namespace Petrel::Ui
