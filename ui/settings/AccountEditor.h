#pragma once

#include "accounts/AccountSettings.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Petrel::Ui {

class OfflinePolicyEdit;
class RetentionEdit;
class ServerSettingsForm;

// The form for one account's settings: identity, a new password, the servers and protocol
// (ServerSettingsForm; switching between IMAP and POP3 included), check interval, the IMAP
// offline policy and watched folders, the POP3 retention, saving a copy of sent mail. Settings it
// does not show pass through unchanged. Problems are shown in place, under the form.
class AccountEditor : public QWidget
{
    Q_OBJECT

public:
    explicit AccountEditor(QWidget *parent = nullptr);

    // Fills the form (no changed() signal); the password field starts empty ("unchanged").
    void setSettings(const Core::AccountSettings &settings);
    // The settings given to setSettings() with the form's values applied.
    Core::AccountSettings settings() const;
    // The new password, when one was typed.
    std::optional<QString> password() const;
    void setPassword(const std::optional<QString> &password);
    // Empty when the form's values can be saved; otherwise one message per problem.
    QStringList problems() const;
    // Shows problems (or an error) under the form; an empty list hides the area.
    void showProblems(const QStringList &problems);
    QString shownProblems() const;

    QLineEdit *nameField() const { return m_name; }
    QLineEdit *displayNameField() const { return m_displayName; }
    QLineEdit *addressField() const { return m_address; }
    QLineEdit *passwordField() const { return m_password; }
    ServerSettingsForm *serverForm() const { return m_server; }
    QSpinBox *checkIntervalBox() const { return m_checkInterval; }
    OfflinePolicyEdit *offlinePolicyEdit() const { return m_offline; }
    QLineEdit *watchFoldersField() const { return m_watchFolders; }
    QCheckBox *saveSentBox() const { return m_saveSent; }
    RetentionEdit *retentionEdit() const { return m_retention; }

Q_SIGNALS:
    // The user changed a value (not emitted by setSettings()).
    void changed();

private:
    void showSectionsFor(Core::IncomingProtocol protocol);

    Core::AccountSettings m_settings;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_displayName = nullptr;
    QLineEdit *m_address = nullptr;
    QLineEdit *m_password = nullptr;
    ServerSettingsForm *m_server = nullptr;
    QSpinBox *m_checkInterval = nullptr;
    QCheckBox *m_saveSent = nullptr;
    QGroupBox *m_imapGroup = nullptr;
    OfflinePolicyEdit *m_offline = nullptr;
    QLineEdit *m_watchFolders = nullptr;
    QGroupBox *m_pop3Group = nullptr;
    RetentionEdit *m_retention = nullptr;
    QLabel *m_problems = nullptr;
};

} // namespace Petrel::Ui
