// DesktopWindows: the message view follows the main window's current message, and new, reply and
// forward open composers filled in from the original.
#include "UiTestStore.h"

#include "DesktopWindows.h"
#include "MainWindow.h"
#include "compose/AddressLineEdit.h"
#include "compose/ComposerWindow.h"
#include "message/MessageView.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTreeView>

using namespace Petrel;

class TestUiDesktopWindows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void viewFollowsTheCurrentMessageAndComposersOpen();
    void mailtoLinksOpenFilledComposers();
};

void TestUiDesktopWindows::viewFollowsTheCurrentMessageAndComposersOpen()
{
    UiTest::Profile profile;
    const qint64 account = profile.addAccount(QStringLiteral("home"), QStringLiteral("me@petrel.test"),
                                              Store::AccountProtocol::Pop3, QStringLiteral("Me"));
    const qint64 inbox = profile.folder(account, Store::FolderRole::Inbox);
    const qint64 id = profile.insert(inbox, "From: Ann <ann@petrel.test>\r\nTo: me@petrel.test\r\n"
                                            "Subject: Lunch on Friday\r\nMessage-ID: <lunch@petrel.test>\r\n"
                                            "Date: Sun, 22 Nov 2026 07:00:00 +0000\r\n\r\nShall we?\r\n");
    QVERIFY(id > 0);

    Ui::DesktopWindows windows(profile.dir.path());
    Q_EMIT windows.mainWindow().currentMessageChanged(id);
    QCOMPARE(windows.messageView().messageId(), id);
    QVERIFY(windows.messageView().headerLabel(QStringLiteral("subject"))->text().contains(QStringLiteral("Lunch")));

    Q_EMIT windows.mainWindow().replyRequested(id, false);
    QCOMPARE(windows.composers().size(), 1);
    QCOMPARE(windows.composers().first()->subjectField()->text(), QStringLiteral("Re: Lunch on Friday"));
    Q_EMIT windows.mainWindow().forwardRequested(id);
    QCOMPARE(windows.composers().last()->subjectField()->text(), QStringLiteral("Fwd: Lunch on Friday"));
    Q_EMIT windows.mainWindow().composeRequested();
    QCOMPARE(windows.composers().size(), 3);
    QVERIFY(windows.composers().last()->subjectField()->text().isEmpty());
    // A reply to a message that is not there says so, and opens nothing.
    Q_EMIT windows.mainWindow().replyRequested(999999, true);
    QCOMPARE(windows.composers().size(), 3);
}

void TestUiDesktopWindows::mailtoLinksOpenFilledComposers()
{
    UiTest::Profile profile;
    profile.addAccount(QStringLiteral("home"), QStringLiteral("me@petrel.test"), Store::AccountProtocol::Pop3,
                       QStringLiteral("Me"));
    Ui::DesktopWindows windows(profile.dir.path());
    QVERIFY(!windows.mainWindow().isVisible());

    // What a second start or the desktop hands over: a link with recipients, subject and body.
    windows.handleArguments({QStringLiteral(
        "mailto:ann@petrel.test?cc=bo@petrel.test&subject=Tickets%20for%20Friday&body=Two%20please.%0D%0AThanks")});
    QCOMPARE(windows.composers().size(), 1);
    const Ui::ComposerWindow *composer = windows.composers().first();
    QCOMPARE(composer->toField()->text(), QStringLiteral("ann@petrel.test"));
    QCOMPARE(composer->ccField()->text(), QStringLiteral("bo@petrel.test"));
    QCOMPARE(composer->subjectField()->text(), QStringLiteral("Tickets for Friday"));
    QCOMPARE(composer->bodyEditor()->toPlainText(), QStringLiteral("Two please.\nThanks"));
    QVERIFY(composer->isVisible());

    // A link trying to add headers gets one subject line, and no extra Bcc.
    windows.openMailto(QStringLiteral("mailto:x@petrel.test?subject=Hi%0D%0ABcc:%20spy@evil.test"));
    QCOMPARE(windows.composers().size(), 2);
    QCOMPARE(windows.composers().last()->subjectField()->text(), QStringLiteral("Hi Bcc: spy@evil.test"));
    QVERIFY(windows.composers().last()->bccField()->text().isEmpty());

    // Not a link: nothing opens and the status bar says why.
    windows.openMailto(QStringLiteral("https://petrel.test/"));
    QCOMPARE(windows.composers().size(), 2);
    QVERIFY(windows.mainWindow().statusBar()->currentMessage().contains(QStringLiteral("mailto")));

    // A start without links brings the main window to the front.
    windows.handleArguments({QStringLiteral("--show")});
    QVERIFY(windows.mainWindow().isVisible());
    QCOMPARE(windows.composers().size(), 2);
}

QTEST_MAIN(TestUiDesktopWindows)
#include "tst_ui_desktopwindows.moc"
