#pragma once

#include "accounts/AccountSettings.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace Petrel::Ui {

// Edits the server part of an account: the incoming protocol, the incoming server (host, port,
// security, user name) and the outgoing SMTP server. Everything else in the settings passes
// through unchanged. Used by the account wizard and the account settings dialog.
class ServerSettingsForm : public QWidget
{
    Q_OBJECT

public:
    explicit ServerSettingsForm(QWidget *parent = nullptr);

    // Fills the form; the settings are kept so that applyTo() and problems() see the whole account.
    void setSettings(const Core::AccountSettings &settings);
    // Writes the form's values into settings (protocol, incoming, outgoing); nothing else changes.
    void applyTo(Core::AccountSettings &settings) const;
    // The settings last given to setSettings() with the form's values applied.
    Core::AccountSettings settings() const;
    // Empty when the form's values can be saved; otherwise one message per problem.
    QStringList problems() const;

    // Shows or hides the protocol choice (the settings dialog cannot switch an account's protocol).
    void setProtocolEditable(bool editable);

Q_SIGNALS:
    // The user changed any value (not emitted by setSettings()).
    void changed();

private:
    struct ServerFields
    {
        QLineEdit *host = nullptr;
        QLineEdit *port = nullptr;
        QComboBox *security = nullptr;
        QLineEdit *userName = nullptr;
        QLabel *clearTextWarning = nullptr;
    };

    ServerFields addServerFields(QFormLayout *layout, const QString &prefix);
    void updateHints();
    void fillServer(const ServerFields &fields, const Core::ServerSettings &server);
    static Core::ServerSettings readServer(const ServerFields &fields);
    static Core::Security securityOf(const ServerFields &fields);
    static bool portValid(const ServerFields &fields);
    Core::IncomingProtocol protocol() const;

    Core::AccountSettings m_settings;
    QComboBox *m_protocol = nullptr;
    ServerFields m_incoming;
    ServerFields m_outgoing;
};

} // namespace Petrel::Ui
