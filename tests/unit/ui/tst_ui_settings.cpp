// The settings dialog on a profile of its own (offscreen, no keychain): it lists the accounts,
// saves what was edited (read back through the store), refuses invalid input without saving
// anything, removes an account after a confirmation, edits the remote-content policy's allowed
// senders, and the main window picks up what it saved.
#include "UiTestProfile.h"

#include "DesktopWindows.h"
#include "MainWindow.h"
#include "accounts/AccountRegistry.h"
#include "accounts/CheckScheduler.h"
#include "accounts/ServerSettingsForm.h"
#include "message/RemoteContentPolicy.h"
#include "models/FolderTreeModel.h"
#include "settings/AccountEditor.h"
#include "settings/AccountSettingsPage.h"
#include "settings/OfflinePolicyEdit.h"
#include "settings/RemoteContentPage.h"
#include "settings/RetentionEdit.h"
#include "settings/SettingsDialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

using namespace Petrel;

namespace {

Core::AccountSettings storedSettings(UiTestProfile &profile, const QString &name)
{
    Core::CredentialStore credentials;
    const std::optional<Core::Account> account =
        Core::AccountRegistry(*profile.writer, *profile.reader, credentials).account(name);
    if (!account)
        qFatal("no account %s", qPrintable(name));
    return account->settings;
}

void clickApply(Ui::SettingsDialog &dialog)
{
    dialog.buttons()->button(QDialogButtonBox::Apply)->click();
}

void setComboData(QComboBox *box, int data)
{
    box->setCurrentIndex(box->findData(data));
}

} // namespace

class UiSettingsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheProfilesAccounts()
    {
        UiTestProfile profile;
        profile.addAccount(QStringLiteral("Work"), Store::AccountProtocol::Imap, 993);
        profile.addPop3Account(QStringLiteral("Home"), 995);
        Ui::RemoteContentPolicy policy(profile.path() + QStringLiteral("/remote-content.ini"));
        Ui::SettingsDialog dialog(Store::defaultDatabasePath(profile.path()), policy);

        QCOMPARE(dialog.pageList()->count(), 2);
        QListWidget *list = dialog.accountsPage()->accountList();
        QCOMPARE(list->count(), 2);
        QStringList names{list->item(0)->text(), list->item(1)->text()};
        names.sort();
        QCOMPARE(names, QStringList({QStringLiteral("Home"), QStringLiteral("Work")}));
        // The first one is in the editor, servers included.
        Ui::AccountEditor *editor = dialog.accountsPage()->editor();
        QCOMPARE(editor->nameField()->text(), list->item(0)->text());
        QCOMPARE(editor->serverForm()->findChild<QLineEdit *>(QStringLiteral("incomingHost"))->text(),
                 QStringLiteral("127.0.0.1"));
    }

    void appliedEditsAreStored()
    {
        UiTestProfile profile;
        const qint64 work = profile.addAccount(QStringLiteral("Work"), Store::AccountProtocol::Imap, 993);
        const qint64 home = profile.addPop3Account(QStringLiteral("Home"), 995);
        Ui::RemoteContentPolicy policy(profile.path() + QStringLiteral("/remote-content.ini"));
        Ui::SettingsDialog dialog(Store::defaultDatabasePath(profile.path()), policy);
        QSignalSpy changed(&dialog, &Ui::SettingsDialog::accountsChanged);
        Ui::AccountSettingsPage *page = dialog.accountsPage();
        Ui::AccountEditor *editor = page->editor();

        page->selectAccount(work);
        QCOMPARE(editor->nameField()->text(), QStringLiteral("Work"));
        editor->checkIntervalBox()->setValue(15);
        setComboData(editor->offlinePolicyEdit()->modeBox(), int(Core::ImapOfflinePolicy::Mode::LastDays));
        editor->offlinePolicyEdit()->daysBox()->setValue(10);
        editor->watchFoldersField()->setText(QStringLiteral("INBOX, Lists/Qt"));
        editor->saveSentBox()->setChecked(false);
        editor->displayNameField()->setText(QStringLiteral("Amy Worker"));

        // Edits of the second account are kept while the first is edited, and saved with it.
        page->selectAccount(home);
        QCOMPARE(editor->nameField()->text(), QStringLiteral("Home"));
        setComboData(editor->retentionEdit()->modeBox(), int(Core::Pop3Retention::Mode::DeleteAfterDays));
        editor->retentionEdit()->daysBox()->setValue(7);
        page->selectAccount(work);
        QCOMPARE(editor->checkIntervalBox()->value(), 15); // not lost by looking elsewhere

        clickApply(dialog);
        QVERIFY2(editor->shownProblems().isEmpty(), qPrintable(editor->shownProblems()));
        QCOMPARE(changed.count(), 1);

        const Core::AccountSettings w = storedSettings(profile, QStringLiteral("Work"));
        QCOMPARE(w.checkIntervalMinutes, 15);
        QCOMPARE(w.imapOffline.toString(), QStringLiteral("days:10"));
        QCOMPARE(w.imapWatchFolders, QStringList({QStringLiteral("INBOX"), QStringLiteral("Lists/Qt")}));
        QCOMPARE(w.saveSentCopy, false);
        QCOMPARE(w.displayName, QStringLiteral("Amy Worker"));
        QCOMPARE(w.incoming.port, quint16(993));
        const Core::AccountSettings h = storedSettings(profile, QStringLiteral("Home"));
        QCOMPARE(h.pop3Retention.toString(), QStringLiteral("delete-after-days:7"));
        QCOMPARE(h.checkIntervalMinutes, 0);

        // Applying again with nothing changed saves nothing.
        clickApply(dialog);
        QCOMPARE(changed.count(), 1);
    }

    void invalidInputShowsProblemsAndStoresNothing()
    {
        UiTestProfile profile;
        const qint64 work = profile.addAccount(QStringLiteral("Work"), Store::AccountProtocol::Imap, 993);
        Ui::RemoteContentPolicy policy(profile.path() + QStringLiteral("/remote-content.ini"));
        Ui::SettingsDialog dialog(Store::defaultDatabasePath(profile.path()), policy);
        QSignalSpy changed(&dialog, &Ui::SettingsDialog::accountsChanged);
        Ui::AccountEditor *editor = dialog.accountsPage()->editor();
        dialog.accountsPage()->selectAccount(work);
        auto *host = editor->serverForm()->findChild<QLineEdit *>(QStringLiteral("incomingHost"));
        auto *port = editor->serverForm()->findChild<QLineEdit *>(QStringLiteral("incomingPort"));
        QVERIFY(host && port);

        editor->checkIntervalBox()->setValue(30);
        host->setText(QString());
        QVERIFY(!dialog.apply());
        QVERIFY2(editor->shownProblems().contains(QStringLiteral("The incoming server needs a valid host name.")),
                 qPrintable(editor->shownProblems()));
        host->setText(QStringLiteral("127.0.0.1"));
        port->setText(QStringLiteral("70000")); // typed text is limited by a validator; pasted text is not
        QVERIFY(!dialog.apply());
        QVERIFY2(editor->shownProblems().contains(QStringLiteral("incoming port must be a number from 1 to 65535")),
                 qPrintable(editor->shownProblems()));
        editor->nameField()->setText(QString());
        port->setText(QStringLiteral("993"));
        dialog.buttons()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(editor->shownProblems().contains(QStringLiteral("The account needs a name.")));
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // OK did not close it

        QCOMPARE(changed.count(), 0);
        const Core::AccountSettings w = storedSettings(profile, QStringLiteral("Work"));
        QCOMPARE(w.checkIntervalMinutes, 0);
        QCOMPARE(w.incoming.host, QStringLiteral("127.0.0.1"));

        // Fixed, it saves.
        editor->nameField()->setText(QStringLiteral("Work"));
        QVERIFY(dialog.apply());
        QCOMPARE(storedSettings(profile, QStringLiteral("Work")).checkIntervalMinutes, 30);
    }

    void switchToPop3IsRefusedWhileImapChangesAreQueued()
    {
        UiTestProfile profile;
        const qint64 work = profile.addAccount(QStringLiteral("Work"), Store::AccountProtocol::Imap, 993);
        profile.writer->enqueuePendingOperation(work, QStringLiteral("set-flags"), "{}");

        Ui::RemoteContentPolicy policy(profile.path() + QStringLiteral("/remote-content.ini"));
        Ui::SettingsDialog dialog(Store::defaultDatabasePath(profile.path()), policy);
        Ui::AccountEditor *editor = dialog.accountsPage()->editor();
        dialog.accountsPage()->selectAccount(work);
        setComboData(editor->serverForm()->findChild<QComboBox *>(QStringLiteral("incomingProtocol")),
                     int(Store::AccountProtocol::Pop3));
        QVERIFY(!dialog.apply());
        QVERIFY2(editor->shownProblems().contains(QStringLiteral("1 local changes have not reached the IMAP server yet")),
                 qPrintable(editor->shownProblems()));
        QCOMPARE(profile.reader->accountById(work)->protocol, Store::AccountProtocol::Imap);
    }

    void removingAnAccountRemovesIt()
    {
        UiTestProfile profile;
        const qint64 work = profile.addAccount(QStringLiteral("Work"), Store::AccountProtocol::Imap, 993);
        const qint64 home = profile.addPop3Account(QStringLiteral("Home"), 995);
        // No keychain in unit tests: an account without a keychain entry.
        Store::AccountRow row = *profile.reader->accountById(home);
        Core::AccountSettings s = storedSettings(profile, QStringLiteral("Home"));
        s.credentialKey.clear();
        row.settingsJson = QJsonDocument(s.toJson()).toJson(QJsonDocument::Compact);
        profile.writer->updateAccount(row);

        Ui::RemoteContentPolicy policy(profile.path() + QStringLiteral("/remote-content.ini"));
        Ui::SettingsDialog dialog(Store::defaultDatabasePath(profile.path()), policy);
        QSignalSpy changed(&dialog, &Ui::SettingsDialog::accountsChanged);
        Ui::AccountSettingsPage *page = dialog.accountsPage();
        page->selectAccount(home);

        // Cancelled: nothing happens.
        page->removeButton()->click();
        QVERIFY(page->removeConfirmation());
        QVERIFY(page->removeConfirmation()->text().contains(QStringLiteral("'Home'")));
        page->removeConfirmation()->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!page->removeConfirmation());
        QVERIFY(profile.reader->accountById(home).has_value());

        page->removeButton()->click();
        QVERIFY(page->removeConfirmation());
        page->removeConfirmation()->button(QMessageBox::Yes)->click();
        QTRY_COMPARE(changed.count(), 1);
        QVERIFY(!profile.reader->accountById(home).has_value());
        QVERIFY(profile.reader->folders(home).isEmpty());
        QCOMPARE(page->accountList()->count(), 1);
        QCOMPARE(page->currentAccountId(), work);
    }

    void allowedSendersListEditsThePolicyFile()
    {
        UiTestProfile profile;
        const QString file = profile.path() + QStringLiteral("/remote-content.ini");
        {
            Ui::RemoteContentPolicy seed(file);
            seed.allowSender(QStringLiteral("news@shop.example"));
            seed.allowSender(QStringLiteral("friend@example.org"));
            seed.allowSender(QStringLiteral("bank@example.com"));
        }
        Ui::RemoteContentPolicy policy(file);
        Ui::SettingsDialog dialog(Store::defaultDatabasePath(profile.path()), policy);
        QListWidget *senders = dialog.privacyPage()->senderList();
        QCOMPARE(senders->count(), 3);
        QVERIFY(!dialog.privacyPage()->removeButton()->isEnabled());
        senders->findItems(QStringLiteral("news@shop.example"), Qt::MatchExactly).first()->setSelected(true);
        senders->findItems(QStringLiteral("bank@example.com"), Qt::MatchExactly).first()->setSelected(true);
        QVERIFY(dialog.privacyPage()->removeButton()->isEnabled());
        dialog.privacyPage()->removeButton()->click();
        QCOMPARE(senders->count(), 1);
        // Nothing changes before Apply.
        QCOMPARE(Ui::RemoteContentPolicy(file).allowedSenders().size(), 3);
        clickApply(dialog);
        QCOMPARE(Ui::RemoteContentPolicy(file).allowedSenders(), QStringList{QStringLiteral("friend@example.org")});
        QVERIFY(!policy.isSenderAllowed(QStringLiteral("news@shop.example")));
    }

    void theMainWindowPicksUpSavedChanges()
    {
        UiTestProfile profile;
        const qint64 work = profile.addAccount(QStringLiteral("Work"), Store::AccountProtocol::Imap, 993);
        Ui::DesktopWindows windows(profile.path());
        Ui::MainWindow &main = windows.mainWindow();
        QCOMPARE(main.settingsAction()->shortcut(), QKeySequence(QKeySequence::Preferences));
        QCOMPARE(main.checkScheduler()->remainingMs(work), -1);

        main.settingsAction()->trigger();
        Ui::SettingsDialog *dialog = windows.settingsDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        Ui::AccountEditor *editor = dialog->accountsPage()->editor();
        editor->nameField()->setText(QStringLiteral("Office"));
        editor->checkIntervalBox()->setValue(20);
        dialog->buttons()->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY(!windows.settingsDialog()); // closed and deleted

        const qint64 remaining = main.checkScheduler()->remainingMs(work);
        QVERIFY2(remaining > 19 * 60 * 1000 && remaining <= 20 * 60 * 1000, qPrintable(QString::number(remaining)));
        bool renamed = false;
        for (int row = 0; row < main.folderModel()->rowCount(); ++row)
            renamed = renamed || main.folderModel()->index(row, 0).data().toString() == QLatin1String("Office");
        QVERIFY(renamed);

        // Back to manual checks: unscheduled.
        windows.openSettings();
        windows.settingsDialog()->accountsPage()->editor()->checkIntervalBox()->setValue(0);
        QVERIFY(windows.settingsDialog()->apply());
        QCOMPARE(main.checkScheduler()->remainingMs(work), -1);
    }
};

QTEST_MAIN(UiSettingsTest)
#include "tst_ui_settings.moc"
