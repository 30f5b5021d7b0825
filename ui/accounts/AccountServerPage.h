#pragma once

#include "accounts/AccountSettings.h"
#include "setup/AccountConnectionTest.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace Petrel::Ui {

class ServerSettingsForm;

// The wizard's last page: IMAP or POP3 (the choice shown when discovery found both), the account
// name and every server setting, a Test button whose answer appears in place, an offer to accept
// the certificate a failed test showed, and Finish, which stores the account.
class AccountServerPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit AccountServerPage(QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    QRadioButton *imapChoice() const { return m_imapChoice; }
    QRadioButton *pop3Choice() const { return m_pop3Choice; }
    QWidget *protocolChoice() const { return m_choice; }
    QLineEdit *accountNameField() const { return m_name; }
    ServerSettingsForm *serverForm() const { return m_form; }
    QPushButton *testButton() const { return m_test; }
    QLabel *testResultLabel() const { return m_result; }
    QPushButton *pinButton() const { return m_pin; }
    bool isTesting() const { return m_tester->isRunning(); }
    // The account as the page would store it now.
    Core::AccountSettings settings() const;

private:
    static QString outgoingHost(const Core::AccountSettings &s);
    void useCandidates(Core::IncomingProtocol protocol);
    void startTest();
    void onTestFinished(const Core::ConnectionTestResult &result);
    void acceptCertificate();
    void showResult(const QString &text, bool good);
    void forgetResult();

    QWidget *m_choice = nullptr;
    QRadioButton *m_imapChoice = nullptr;
    QRadioButton *m_pop3Choice = nullptr;
    QLineEdit *m_name = nullptr;
    ServerSettingsForm *m_form = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_pin = nullptr;
    Core::AccountConnectionTest *m_tester = nullptr;
    QString m_offeredPin; // hex fingerprint of the certificate the last test could not trust
    bool m_offeredForOutgoing = false; // … which the SMTP server showed, not the incoming one
    QString m_pinned;     // the certificate the user accepted
    QString m_pinnedHost; // … for this incoming server
    QString m_pinnedOutgoing;     // the SMTP server's certificate the user accepted
    QString m_pinnedOutgoingHost; // … for this SMTP host
};

} // namespace Petrel::Ui
