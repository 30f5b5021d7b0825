#include "DesktopWindows.h"

#include "MainWindow.h"
#include "accounts/AccountWizard.h"
#include "accounts/ProfileDirectory.h"
#include "compose/ComposerWindow.h"
#include "message/MessageView.h"
#include "message/RemoteContentPolicy.h"
#include "settings/SettingsDialog.h"
#include "status/MailChecker.h"
#include "status/TrayIcon.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"

#include <QApplication>
#include <QDir>
#include <QStatusBar>

namespace Petrel::Ui {

DesktopWindows::DesktopWindows(const QString &profileDir, QObject *parent)
    : QObject(parent), m_databasePath(Core::ProfileDirectory(profileDir).databasePath()),
      m_policy(std::make_unique<RemoteContentPolicy>(QDir(profileDir).filePath(QStringLiteral("remote-content.ini")))),
      m_main(std::make_unique<MainWindow>(profileDir))
{
    m_view = new MessageView(m_databasePath, *m_policy);
    m_main->setMessageView(m_view);
    connect(m_main.get(), &MainWindow::currentMessageChanged, m_view, [this](qint64 id) { m_view->showMessage(id); });
    // A headers-only message's body comes on demand; the view shows it once it is stored.
    connect(m_view, &MessageView::bodyRequested, m_main.get(), &MainWindow::fetchBody);
    connect(m_main.get(), &MainWindow::bodyFetched, m_view, [this](qint64 id, bool, const QString &) {
        if (m_view->messageId() == id)
            m_view->showMessage(id);
    });
    connect(m_main.get(), &MainWindow::composeRequested, this, &DesktopWindows::openComposer);
    connect(m_main.get(), &MainWindow::replyRequested, this, &DesktopWindows::openReply);
    connect(m_main.get(), &MainWindow::forwardRequested, this, &DesktopWindows::openForward);
    if (TrayIcon *tray = m_main->trayIcon()) {
        connect(tray, &TrayIcon::showWindowRequested, this, &DesktopWindows::raiseMainWindow);
        connect(tray, &TrayIcon::toggleWindowRequested, this, [this] {
            if (m_main->isVisible() && !m_main->isMinimized())
                m_main->hide();
            else
                raiseMainWindow();
        });
        connect(tray, &TrayIcon::quitRequested, qApp, &QCoreApplication::quit);
    }
    connect(m_main.get(), &MainWindow::settingsRequested, this, &DesktopWindows::openSettings);
    connect(m_main.get(), &MainWindow::addAccountRequested, this, &DesktopWindows::openAccountWizard);
}

DesktopWindows::~DesktopWindows()
{
    delete m_settings.data();
    for (const QPointer<ComposerWindow> &c : std::as_const(m_composers))
        delete c.data();
    delete m_wizard.data();
}

QList<ComposerWindow *> DesktopWindows::composers() const
{
    QList<ComposerWindow *> open;
    for (const QPointer<ComposerWindow> &c : m_composers) {
        if (c)
            open.append(c.data());
    }
    return open;
}

void DesktopWindows::show(ComposerWindow *composer)
{
    composer->setAttribute(Qt::WA_DeleteOnClose);
    connect(composer, &ComposerWindow::queued, this, [this](qint64 accountId, qint64) { m_main->checkAccount(accountId); });
    m_composers.append(composer);
    composer->show();
}

void DesktopWindows::openComposer()
{
    show(new ComposerWindow(m_databasePath));
}

void DesktopWindows::openMailto(const QString &url)
{
    QString error;
    const std::optional<Mime::MailtoLink> link = Mime::MailtoLink::parse(url, &error);
    if (!link) {
        m_main->statusBar()->showMessage(tr("Cannot open the link: %1").arg(error), 15000);
        return;
    }
    auto *composer = new ComposerWindow(m_databasePath);
    composer->fillFromMailto(*link);
    show(composer);
    composer->raise();
    composer->activateWindow();
}

void DesktopWindows::handleArguments(const QStringList &arguments)
{
    bool composed = false;
    for (const QString &argument : arguments) {
        if (Mime::MailtoLink::isMailto(argument)) {
            openMailto(argument);
            composed = true;
        }
    }
    if (!composed)
        raiseMainWindow();
}

void DesktopWindows::raiseMainWindow()
{
    if (m_main->isMinimized())
        m_main->showNormal();
    else
        m_main->show();
    m_main->raise();
    m_main->activateWindow();
}

void DesktopWindows::openReply(qint64 messageId, bool all)
{
    QString error;
    ComposerWindow *c = ComposerWindow::create(m_databasePath, messageId,
                                               all ? ComposerWindow::Mode::ReplyAll : ComposerWindow::Mode::Reply, &error);
    if (!c) {
        m_main->statusBar()->showMessage(tr("Cannot reply: %1").arg(error), 10000);
        return;
    }
    show(c);
}

void DesktopWindows::openForward(qint64 messageId)
{
    QString error;
    ComposerWindow *c = ComposerWindow::create(m_databasePath, messageId, ComposerWindow::Mode::Forward, &error);
    if (!c) {
        m_main->statusBar()->showMessage(tr("Cannot forward: %1").arg(error), 10000);
        return;
    }
    show(c);
}

SettingsDialog *DesktopWindows::settingsDialog() const
{
    return m_settings.data();
}

void DesktopWindows::openSettings()
{
    if (!m_settings) {
        m_settings = new SettingsDialog(m_databasePath, *m_policy, m_main.get());
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
        m_settings->setAccountBusy([this](qint64 accountId) {
            return m_main->mailChecker() && m_main->mailChecker()->isChecking(accountId);
        });
        connect(m_settings, &SettingsDialog::accountsChanged, m_main.get(), &MainWindow::reload);
    }
    m_settings->show();
    m_settings->raise();
    m_settings->activateWindow();
}


AccountWizard *DesktopWindows::accountWizard() const
{
    return m_wizard.data();
}

AccountWizard *DesktopWindows::openAccountWizard()
{
    if (m_wizard) {
        m_wizard->raise();
        m_wizard->activateWindow();
        return m_wizard;
    }
    m_wizard = new AccountWizard(m_databasePath);
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_wizard, &AccountWizard::accountCreated, this, [this](qint64 accountId) {
        m_main->reload();
        m_main->checkAccount(accountId);
    });
    m_wizard->show();
    return m_wizard;
}

bool DesktopWindows::openAccountWizardIfNoAccount()
{
    try {
        Store::StoreReader reader(m_databasePath);
        if (!reader.accounts().isEmpty())
            return false;
    } catch (const Store::StoreError &) {
        return false; // the main window already shows why the profile cannot be read
    }
    openAccountWizard();
    return true;
}

} // namespace Petrel::Ui
