#include "ServerSettingsForm.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace Petrel::Ui {

using Core::IncomingProtocol;
using Core::Security;

ServerSettingsForm::ServerSettingsForm(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *incomingBox = new QGroupBox(tr("Incoming mail"), this);
    auto *incomingForm = new QFormLayout(incomingBox);
    m_protocol = new QComboBox(incomingBox);
    m_protocol->setObjectName(QStringLiteral("incomingProtocol"));
    m_protocol->addItem(tr("IMAP (mail stays on the server)"), int(IncomingProtocol::Imap));
    m_protocol->addItem(tr("POP3 (mail is downloaded)"), int(IncomingProtocol::Pop3));
    incomingForm->addRow(tr("&Protocol:"), m_protocol);
    m_incoming = addServerFields(incomingForm, QStringLiteral("incoming"));
    layout->addWidget(incomingBox);

    auto *outgoingBox = new QGroupBox(tr("Outgoing mail (SMTP)"), this);
    auto *outgoingForm = new QFormLayout(outgoingBox);
    m_outgoing = addServerFields(outgoingForm, QStringLiteral("outgoing"));
    m_outgoing.host->setPlaceholderText(tr("same as the incoming server"));
    layout->addWidget(outgoingBox);

    connect(m_protocol, &QComboBox::currentIndexChanged, this, [this] {
        updateHints();
        Q_EMIT changed();
    });
    updateHints();
}

ServerSettingsForm::ServerFields ServerSettingsForm::addServerFields(QFormLayout *form, const QString &prefix)
{
    QWidget *owner = form->parentWidget();
    ServerFields f;
    f.host = new QLineEdit(owner);
    f.host->setObjectName(prefix + QStringLiteral("Host"));
    f.port = new QLineEdit(owner);
    f.port->setObjectName(prefix + QStringLiteral("Port"));
    f.port->setValidator(new QIntValidator(1, 65535, f.port));
    f.security = new QComboBox(owner);
    f.security->setObjectName(prefix + QStringLiteral("Security"));
    f.security->addItem(tr("TLS (recommended)"), int(Security::ImplicitTls));
    f.security->addItem(tr("STARTTLS"), int(Security::StartTls));
    f.security->addItem(tr("None (unencrypted)"), int(Security::None));
    f.clearTextWarning = new QLabel(tr("Without encryption, your password and your mail travel in clear text: "
                                       "anyone on the network path can read them."),
                                    owner);
    f.clearTextWarning->setObjectName(prefix + QStringLiteral("ClearTextWarning"));
    f.clearTextWarning->setWordWrap(true);
    f.clearTextWarning->setStyleSheet(QStringLiteral("color: #b00020;"));
    f.userName = new QLineEdit(owner);
    f.userName->setObjectName(prefix + QStringLiteral("UserName"));
    f.userName->setPlaceholderText(tr("same as the address"));

    form->addRow(tr("&Server:"), f.host);
    form->addRow(tr("P&ort:"), f.port);
    form->addRow(tr("S&ecurity:"), f.security);
    form->addRow(QString(), f.clearTextWarning);
    form->addRow(tr("&User name:"), f.userName);

    for (QLineEdit *edit : {f.host, f.port, f.userName})
        connect(edit, &QLineEdit::textEdited, this, &ServerSettingsForm::changed);
    connect(f.security, &QComboBox::currentIndexChanged, this, [this] {
        updateHints();
        Q_EMIT changed();
    });
    return f;
}

void ServerSettingsForm::setSettings(const Core::AccountSettings &settings)
{
    m_settings = settings;
    const QSignalBlocker blockProtocol(m_protocol);
    m_protocol->setCurrentIndex(m_protocol->findData(int(settings.protocol)));
    fillServer(m_incoming, settings.incoming);
    fillServer(m_outgoing, settings.outgoing);
    updateHints();
}

void ServerSettingsForm::fillServer(const ServerFields &fields, const Core::ServerSettings &server)
{
    const QSignalBlocker blockSecurity(fields.security);
    fields.host->setText(server.host);
    fields.port->setText(server.port ? QString::number(server.port) : QString());
    fields.security->setCurrentIndex(fields.security->findData(int(server.security)));
    fields.userName->setText(server.userName);
}

Core::Security ServerSettingsForm::securityOf(const ServerFields &fields)
{
    return Security(fields.security->currentData().toInt());
}

Core::IncomingProtocol ServerSettingsForm::protocol() const
{
    return IncomingProtocol(m_protocol->currentData().toInt());
}

bool ServerSettingsForm::portValid(const ServerFields &fields)
{
    const QString text = fields.port->text().trimmed();
    if (text.isEmpty())
        return true;
    bool ok = false;
    const uint port = text.toUInt(&ok);
    return ok && port >= 1 && port <= 65535;
}

Core::ServerSettings ServerSettingsForm::readServer(const ServerFields &fields)
{
    Core::ServerSettings s;
    s.host = fields.host->text().trimmed();
    s.port = portValid(fields) ? quint16(fields.port->text().trimmed().toUInt()) : 0;
    s.security = securityOf(fields);
    s.userName = fields.userName->text().trimmed();
    return s;
}

void ServerSettingsForm::applyTo(Core::AccountSettings &settings) const
{
    settings.protocol = protocol();
    settings.incoming = readServer(m_incoming);
    settings.outgoing = readServer(m_outgoing);
}

Core::AccountSettings ServerSettingsForm::settings() const
{
    Core::AccountSettings s = m_settings;
    applyTo(s);
    return s;
}

QStringList ServerSettingsForm::problems() const
{
    QStringList problems;
    if (!portValid(m_incoming))
        problems << tr("The incoming port must be a number from 1 to 65535 (or empty for the default).");
    if (!portValid(m_outgoing))
        problems << tr("The outgoing port must be a number from 1 to 65535 (or empty for the default).");
    problems += settings().validate();
    return problems;
}

void ServerSettingsForm::setProtocolEditable(bool editable)
{
    m_protocol->setEnabled(editable);
}

void ServerSettingsForm::updateHints()
{
    m_incoming.port->setPlaceholderText(
        tr("default: %1").arg(Core::defaultPort(protocol(), securityOf(m_incoming))));
    m_outgoing.port->setPlaceholderText(tr("default: %1").arg(Core::defaultSubmissionPort(securityOf(m_outgoing))));
    m_incoming.clearTextWarning->setVisible(securityOf(m_incoming) == Security::None);
    m_outgoing.clearTextWarning->setVisible(securityOf(m_outgoing) == Security::None);
}

} // namespace Petrel::Ui
