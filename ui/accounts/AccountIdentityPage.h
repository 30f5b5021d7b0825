#pragma once

#include <QWizardPage>

class QLineEdit;

namespace Petrel::Ui {

// The wizard's first page: display name, address and password (fields "displayName",
// "address", "password").
class AccountIdentityPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit AccountIdentityPage(QWidget *parent = nullptr);

    QLineEdit *displayNameField() const { return m_displayName; }
    QLineEdit *addressField() const { return m_address; }
    QLineEdit *passwordField() const { return m_password; }

    bool isComplete() const override;

private:
    QLineEdit *m_displayName = nullptr;
    QLineEdit *m_address = nullptr;
    QLineEdit *m_password = nullptr;
};

} // namespace Petrel::Ui
