// The desktop windows (ui/DesktopWindows, as app/petrel wires them) driven like a user with mouse
// and keyboard on a real X display (Xvfb), against the fixture's Dovecot and Postfix, user ben:
// open a message, change flags, move and copy by drag and drop, compose and send, search. Each
// outcome is checked on the server (doveadm) and in the window. The functions run in order and
// build on each other's mailbox state (QtTest runs them as declared).
#include "GuiHarness.h"

#include "DesktopWindows.h"
#include "MainWindow.h"
#include "actions/MessageActions.h"
#include "compose/AddressLineEdit.h"
#include "compose/ComposerWindow.h"
#include "message/MessageView.h"
#include "message/SafeTextBrowser.h"
#include "status/MailChecker.h"
#include "store/OutboxStore.h"
#include "store/StorePaths.h"

#include <QDrag>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>

#include <memory>

using namespace Petrel;
using namespace Petrel::GuiTest;

namespace {

const QString AccountName = QStringLiteral("Ben");
const QString Lighthouse = QStringLiteral("Harbour lighthouse schedule");
const QString Budget = QStringLiteral("Quarterly budget draft");
const QString Ferry = QStringLiteral("Ferry tickets for Saturday");
const QString DragMe = QStringLiteral("Drag me to Projects");
const QString CopyMe = QStringLiteral("Copy me to Projects");

struct Seed
{
    QString subject;
    QByteArray from;
    QByteArray body;
};

} // namespace

class UiGuiBenTest : public QObject
{
    Q_OBJECT

private:
    Test::TestServers servers;
    Test::TestUser ben;
    QString stamp;
    QHash<QString, QString> messageIds; // subject -> Message-ID of the seeded messages
    QTemporaryDir dir;
    QString profile;
    QString keychainKey;
    std::unique_ptr<Ui::DesktopWindows> windows;
    std::unique_ptr<QSignalSpy> finished;

    Ui::MainWindow &main() { return windows->mainWindow(); }
    Ui::MessageListModel &list() { return *main().messageModel(); }

    // Clicks Check Mail in the toolbar and waits for the check's outcome; empty when it went well.
    QString checkMail()
    {
        const qsizetype before = finished->count();
        if (!clickToolbarButton(main(), main().checkMailAction()))
            return QStringLiteral("no Check Mail button in the toolbar");
        return waitForCheck(before);
    }

    QString waitForCheck(qsizetype before)
    {
        if (!QTest::qWaitFor([&] { return finished->count() > before; }, 120000))
            return QStringLiteral("the check did not finish");
        const QList<QVariant> outcome = finished->last();
        return outcome.at(1).toBool() ? QString() : QStringLiteral("check failed: %1").arg(outcome.at(2).toString());
    }

    // Clicks a folder of ben's account in the tree.
    bool openFolder(const QString &path)
    {
        const QModelIndex folder = folderIndex(*main().folderModel(), AccountName, path);
        if (!folder.isValid())
            return false;
        clickIndex(main().folderTree(), folder);
        return main().folderTree()->currentIndex() == folder;
    }

    // Clicks the list row with this subject; false when no row has it.
    bool clickMessage(const QString &subject, Qt::KeyboardModifiers modifiers = {})
    {
        const int row = rowWithSubject(list(), subject);
        if (row < 0)
            return false;
        clickIndex(main().messageList(), list().index(row, Ui::MessageListModel::SubjectColumn), modifiers);
        return true;
    }

    bool onServer(const QString &mailbox, const QString &subject, const QStringList &more = {})
    {
        return serverSearch(servers, ben.login, mailbox, byMessageId(messageIds.value(subject), more)).size() == 1;
    }

    // Drags the selected list rows onto the tree's folder at path with a real Qt drag (QDrag::exec
    // on the xcb platform): press on the row and move past the drag distance, which enters the
    // drag's own event loop; timers inside that loop move the pointer over the folder and release.
    // Pointer events with the modifier held (Ctrl: copy) go through the application, where the
    // running drag watches them, just as it watches the X server's.
    bool dragSelectionTo(const QString &subject, const QString &path, Qt::KeyboardModifiers modifiers)
    {
        const int row = rowWithSubject(list(), subject);
        const QModelIndex target = folderIndex(*main().folderModel(), AccountName, path);
        if (row < 0 || !target.isValid())
            return false;
        QWidget *source = main().messageList()->viewport();
        QWidget *onto = main().folderTree()->viewport();
        const QPoint start = centreOf(main().messageList(), list().index(row, Ui::MessageListModel::SubjectColumn));
        const QPoint drop = centreOf(main().folderTree(), target);

        // A new drag waits until the previous one is wholly done (its QDrag deleted once the
        // platform has finished the drop); started earlier, xcb ends it at once.
        if (!QTest::qWaitFor([this] { return main().messageList()->findChildren<QDrag *>().isEmpty(); }, 10000))
            return false;

        // Over the folder, a little closer, then let go: each step once the one before has run.
        auto released = std::make_shared<bool>(false);
        QTimer::singleShot(200, this, [this, onto, drop, modifiers, released] {
            sendMouse(onto, QEvent::MouseMove, drop + QPoint(4, 0), Qt::NoButton, Qt::LeftButton, modifiers);
            QTimer::singleShot(200, this, [this, onto, drop, modifiers, released] {
                sendMouse(onto, QEvent::MouseMove, drop, Qt::NoButton, Qt::LeftButton, modifiers);
                QTimer::singleShot(200, this, [onto, drop, modifiers, released] {
                    *released = true;
                    QTest::mouseRelease(onto, Qt::LeftButton, modifiers, drop);
                });
            });
        });
        QTimer giveUp; // a drag that never saw the release must not hang the test
        giveUp.setSingleShot(true);
        connect(&giveUp, &QTimer::timeout, this, [] { QDrag::cancel(); });
        giveUp.start(20000);

        QTest::mousePress(source, Qt::LeftButton, {}, start);
        // Sideways, so the row under the pointer stays the same. The first move puts the view into
        // its dragging state, the second (past the drag distance) starts the drag and returns
        // once it has ended.
        QTest::mouseMove(source, start + QPoint(2, 0));
        QTest::mouseMove(source, start + QPoint(QApplication::startDragDistance() * 4, 0));
        giveUp.stop();
        if (!*released) { // no drag ran: the button is let go (by the timer) before anything else
            (void)QTest::qWaitFor([released] { return *released; }, 5000);
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        servers = Test::TestServers::load();
        QVERIFY2(servers.isValid(), qPrintable(servers.errorString()));
        ben = servers.user(QStringLiteral("ben"));
        QVERIFY(ben.isValid());
        QVERIFY(dir.isValid());
        stamp = QString::number(QDateTime::currentMSecsSinceEpoch());

        // A clean mailbox on every run; Projects is the drop target.
        servers.doveadm({QStringLiteral("mailbox"), QStringLiteral("create"), QStringLiteral("-u"), ben.login,
                         QStringLiteral("Projects")}); // fails harmlessly when it is there already
        for (const char *box : {"INBOX", "Sent", "Drafts", "Trash", "Archive", "Projects"}) {
            const auto r = servers.doveadm({QStringLiteral("expunge"), QStringLiteral("-u"), ben.login,
                                            QStringLiteral("mailbox"), QLatin1String(box), QStringLiteral("all")});
            QVERIFY2(r.exitCode == 0, r.stdErr.constData());
        }
        const QList<Seed> seeds = {
            {Lighthouse, "Olga Quist <olga@petrel.test>", "The keeper rotates every week.\r\nBring marmalade."},
            {Budget, "Pavel Novak <pavel@petrel.test>", "The numbers follow soon, zeppelin included."},
            {Ferry, "Olga Quist <olga@petrel.test>", "Two tickets, the early crossing."},
            {DragMe, "Rex Ruiz <rex@petrel.test>", "Please file this one."},
            {CopyMe, "Rex Ruiz <rex@petrel.test>", "Keep one here and one there."},
        };
        int minute = 0;
        for (const Seed &seed : seeds) {
            const QString id = QStringLiteral("<gui-%1-%2@petrel.test>").arg(minute).arg(stamp);
            messageIds.insert(seed.subject, id);
            const QByteArray message = "From: " + seed.from + "\r\nTo: Ben Gui <" + ben.login.toUtf8() +
                                       ">\r\nSubject: " + seed.subject.toUtf8() + "\r\nMessage-ID: " + id.toUtf8() +
                                       "\r\nDate: Mon, 1 Jan 2024 10:0" + QByteArray::number(minute) +
                                       ":00 +0000\r\n\r\n" + seed.body + "\r\n";
            ++minute;
            QString error;
            QVERIFY2(servers.injectMessage(QStringLiteral("zed@petrel.test"), {ben.login}, message, &error),
                     qPrintable(error));
        }
        for (const QString &id : std::as_const(messageIds))
            QVERIFY(servers.waitForMessage(ben.login, QStringLiteral("INBOX"), byMessageId(id), 30000));

        profile = dir.filePath(QStringLiteral("profile"));
        QVERIFY(QDir().mkpath(profile));
        keychainKey = QStringLiteral("ui-gui-ben-%1").arg(stamp);
        Core::AccountSettings settings = fixtureImapAccount(servers, ben, AccountName, keychainKey);
        settings.displayName = QStringLiteral("Ben Gui");
        const QString error = addAccount(Store::defaultDatabasePath(profile), settings, ben.password);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        windows = std::make_unique<Ui::DesktopWindows>(profile);
        finished = std::make_unique<QSignalSpy>(main().mailChecker(), &Ui::MailChecker::finished);
        main().show();
        QVERIFY(QTest::qWaitForWindowExposed(&main()));
        main().activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&main())); // shortcuts need the active window
        const QString checked = checkMail();
        QVERIFY2(checked.isEmpty(), qPrintable(checked));
        QTRY_VERIFY_WITH_TIMEOUT(folderIndex(*main().folderModel(), AccountName, QStringLiteral("Projects")).isValid(),
                                 10000);
    }

    void cleanupTestCase()
    {
        finished.reset();
        windows.reset();
        if (!keychainKey.isEmpty())
            Core::CredentialStore().removeSecretBlocking(keychainKey);
    }

    // A click on a message shows it in the view; it turns read in the list and, after the next
    // check, on the server.
    void openingAMessageShowsItAndMarksItRead()
    {
        QVERIFY(openFolder(QStringLiteral("INBOX")));
        QTRY_COMPARE_WITH_TIMEOUT(list().rowCount(), 5, 10000);
        const int row = rowWithSubject(list(), Lighthouse);
        QVERIFY(row >= 0);
        QVERIFY(isBold(list(), row)); // new mail, unread
        QVERIFY(!onServer(QStringLiteral("INBOX"), Lighthouse, {QStringLiteral("SEEN")}));

        QVERIFY(clickMessage(Lighthouse));
        Ui::MessageView &view = windows->messageView();
        QTRY_COMPARE_WITH_TIMEOUT(view.headerLabel(QStringLiteral("subject"))->text(), Lighthouse, 10000);
        QVERIFY2(view.headerLabel(QStringLiteral("from"))->text().contains(QStringLiteral("Olga Quist")),
                 qPrintable(view.headerLabel(QStringLiteral("from"))->text()));
        QTRY_VERIFY_WITH_TIMEOUT(view.bodyBrowser()->toPlainText().contains(QStringLiteral("Bring marmalade.")), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!isBold(list(), rowWithSubject(list(), Lighthouse)), 10000);
        QCOMPARE(main().selectedMessageIds().size(), 1);

        const QString checked = checkMail();
        QVERIFY2(checked.isEmpty(), qPrintable(checked));
        QVERIFY(onServer(QStringLiteral("INBOX"), Lighthouse, {QStringLiteral("SEEN")}));
        // The check keeps it read and selected.
        QVERIFY(!isBold(list(), rowWithSubject(list(), Lighthouse)));
        QCOMPARE(windows->messageView().headerLabel(QStringLiteral("subject"))->text(), Lighthouse);
    }

    // S flags, the Message menu's Toggle Flag flags, Ctrl+Shift+U marks unread: the server follows.
    void flagsChangedInTheWindowReachTheServer()
    {
        QVERIFY(clickMessage(Budget));
        QTest::keyClick(main().messageList(), Qt::Key_S);
        QTRY_VERIFY_WITH_TIMEOUT(isFlaggedInList(list(), rowWithSubject(list(), Budget)), 5000);

        QVERIFY(clickMessage(Ferry));
        QVERIFY(clickMenuItem(main(), QStringLiteral("&Message"), main().messageActions()->toggleFlag()));
        QTRY_VERIFY_WITH_TIMEOUT(isFlaggedInList(list(), rowWithSubject(list(), Ferry)), 5000);

        QVERIFY(clickMessage(Lighthouse)); // read since the test before
        QTest::keyClick(main().messageList(), Qt::Key_U, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(isBold(list(), rowWithSubject(list(), Lighthouse)), 5000);
        QVERIFY(!isFlaggedInList(list(), rowWithSubject(list(), Lighthouse)));

        const QString checked = checkMail();
        QVERIFY2(checked.isEmpty(), qPrintable(checked));
        QVERIFY(onServer(QStringLiteral("INBOX"), Budget, {QStringLiteral("FLAGGED")}));
        QVERIFY(onServer(QStringLiteral("INBOX"), Ferry, {QStringLiteral("FLAGGED")}));
        QVERIFY(onServer(QStringLiteral("INBOX"), Lighthouse, {QStringLiteral("UNSEEN")}));
        QVERIFY(onServer(QStringLiteral("INBOX"), Lighthouse, {QStringLiteral("UNFLAGGED")}));
        const QStringList flagged = serverSearch(servers, ben.login, QStringLiteral("INBOX"), {QStringLiteral("FLAGGED")});
        QCOMPARE(flagged.size(), 2);
        // After the check the list still shows what the server has.
        QVERIFY(isBold(list(), rowWithSubject(list(), Lighthouse)));
        QVERIFY(isFlaggedInList(list(), rowWithSubject(list(), Ferry)));
    }

    // What is typed into the search field narrows the list while typing; clearing it restores the folder.
    void theSearchFieldNarrowsTheListAsYouType()
    {
        QVERIFY(openFolder(QStringLiteral("INBOX")));
        QTRY_COMPARE_WITH_TIMEOUT(list().rowCount(), 5, 10000);
        QLineEdit *search = main().searchField();
        QTest::keyClick(main().messageList(), Qt::Key_F, Qt::ControlModifier); // Find
        QTRY_VERIFY_WITH_TIMEOUT(search->hasFocus(), 5000);

        const auto typeAndExpect = [&](const QString &query, const QSet<QString> &expected) {
            QTest::keyClick(search, Qt::Key_A, Qt::ControlModifier);
            QTest::keyClick(search, Qt::Key_Backspace);
            QTest::keyClicks(search, query);
            QCOMPARE(search->text(), query);
            QTRY_COMPARE_WITH_TIMEOUT(listedSubjects(list()), expected, 10000);
        };
        typeAndExpect(QStringLiteral("subject:lighthouse"), {Lighthouse});
        if (QTest::currentTestFailed())
            return;
        typeAndExpect(QStringLiteral("from:olga"), {Lighthouse, Ferry});
        if (QTest::currentTestFailed())
            return;
        typeAndExpect(QStringLiteral("zeppelin"), {Budget}); // a word of the body only
        if (QTest::currentTestFailed())
            return;
        typeAndExpect(QStringLiteral("is:flagged"), {Budget, Ferry});
        if (QTest::currentTestFailed())
            return;
        typeAndExpect(QStringLiteral("from:rex subject:copy"), {CopyMe});
        if (QTest::currentTestFailed())
            return;

        // The field's clear button brings the whole folder back.
        QToolButton *clear = nullptr;
        for (QToolButton *b : search->findChildren<QToolButton *>()) {
            if (b->isVisible())
                clear = b;
        }
        QVERIFY(clear);
        QTest::mouseClick(clear, Qt::LeftButton);
        QVERIFY(search->text().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(listedSubjects(list()), (QSet<QString>{Lighthouse, Budget, Ferry, DragMe, CopyMe}),
                                  10000);
    }

    // A message dragged onto Projects moves there; with Ctrl held it is copied.
    void dragAndDropOntoAFolderMovesAndCopies()
    {
        QVERIFY(openFolder(QStringLiteral("INBOX")));
        QTRY_COMPARE_WITH_TIMEOUT(list().rowCount(), 5, 10000);

        QVERIFY(clickMessage(DragMe));
        QVERIFY2(dragSelectionTo(DragMe, QStringLiteral("Projects"), {}), "the drag did not start");
        QTRY_COMPARE_WITH_TIMEOUT(rowWithSubject(list(), DragMe), -1, 10000); // gone from the Inbox list

        QVERIFY(clickMessage(CopyMe));
        QVERIFY2(dragSelectionTo(CopyMe, QStringLiteral("Projects"), Qt::ControlModifier), "the drag did not start");
        // A copy: the original stays in the list, the profile's Projects now holds both.
        const qint64 projects = folderIndex(*main().folderModel(), AccountName, QStringLiteral("Projects"))
                                    .data(Ui::FolderTreeModel::FolderIdRole)
                                    .toLongLong();
        Store::StoreReader reader(Store::defaultDatabasePath(profile));
        QTRY_COMPARE_WITH_TIMEOUT(reader.folder(projects)->totalCount, 2, 10000);
        QVERIFY(rowWithSubject(list(), CopyMe) >= 0);

        const QString checked = checkMail();
        QVERIFY2(checked.isEmpty(), qPrintable(checked));
        QVERIFY(onServer(QStringLiteral("Projects"), DragMe));
        QVERIFY(!onServer(QStringLiteral("INBOX"), DragMe));
        QVERIFY(onServer(QStringLiteral("Projects"), CopyMe));
        QVERIFY(onServer(QStringLiteral("INBOX"), CopyMe));
        QCOMPARE(servers.messageCount(ben.login, QStringLiteral("Projects")), 2);
        QCOMPARE(servers.messageCount(ben.login, QStringLiteral("INBOX")), 4);

        // The window agrees: Projects lists both.
        QVERIFY(openFolder(QStringLiteral("Projects")));
        QTRY_COMPARE_WITH_TIMEOUT(listedSubjects(list()), (QSet<QString>{DragMe, CopyMe}), 10000);
    }

    // Ctrl+N, type To, Subject and text, click Send: the outbox sends it through Postfix's
    // submission port, it arrives in ben's Inbox as typed, a copy lands in Sent, the outbox is empty.
    void composeAndSendArrives()
    {
        QVERIFY(openFolder(QStringLiteral("INBOX")));
        main().activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&main()));
        QTest::keyClick(main().messageList(), Qt::Key_N, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(windows->composers().size(), 1, 5000);
        QPointer<Ui::ComposerWindow> composer = windows->composers().first();
        QVERIFY(QTest::qWaitForWindowExposed(composer));

        const QString subject = QStringLiteral("Typed in the window %1").arg(stamp);
        QTest::mouseClick(composer->toField(), Qt::LeftButton);
        QTest::keyClicks(composer->toField(), ben.login);
        QTest::mouseClick(composer->subjectField(), Qt::LeftButton);
        QTest::keyClicks(composer->subjectField(), subject);
        QTest::mouseClick(composer->bodyEditor()->viewport(), Qt::LeftButton);
        QTest::keyClicks(composer->bodyEditor(), QStringLiteral("Hello Ben, a quokka waved."));
        QTest::keyClick(composer->bodyEditor(), Qt::Key_Return);
        QTest::keyClicks(composer->bodyEditor(), QStringLiteral("Second line %1").arg(stamp));
        QCOMPARE(composer->toField()->text(), ben.login);
        QCOMPARE(composer->windowTitle(), subject);

        QPushButton *send = nullptr;
        for (QPushButton *b : composer->findChildren<QPushButton *>()) {
            if (b->text() == QLatin1String("Send"))
                send = b;
        }
        QVERIFY(send);
        QSignalSpy sent(main().mailChecker(), &Ui::MailChecker::sent);
        const qsizetype before = finished->count();
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(composer.isNull(), 10000); // closed (and gone) once queued
        QVERIFY(windows->composers().isEmpty());
        // Queuing starts a check of the account, which sends the outbox first.
        const QString checked = waitForCheck(before);
        QVERIFY2(checked.isEmpty(), qPrintable(checked));
        QCOMPARE(sent.count(), 1);
        QVERIFY2(sent.at(0).at(1).toBool(), qPrintable(sent.at(0).at(2).toString()));
        QCOMPARE(sent.at(0).at(3).toInt(), 1);

        const QStringList bySubject{QStringLiteral("HEADER"), QStringLiteral("Subject"), subject};
        QByteArray hits;
        QVERIFY(servers.waitForMessage(ben.login, QStringLiteral("INBOX"), bySubject, 60000, &hits));
        const auto body = servers.doveadm(QStringList{QStringLiteral("fetch"), QStringLiteral("-u"), ben.login,
                                                      QStringLiteral("text"), QStringLiteral("mailbox"),
                                                      QStringLiteral("INBOX")} +
                                          bySubject);
        QVERIFY2(body.exitCode == 0, body.stdErr.constData());
        QVERIFY2(body.stdOut.contains("Hello Ben, a quokka waved."), body.stdOut.constData());
        QVERIFY2(body.stdOut.contains(QByteArray("Second line " + stamp.toUtf8())), body.stdOut.constData());
        QVERIFY2(body.stdOut.contains(QByteArray("From: Ben Gui <" + ben.login.toUtf8() + ">")), body.stdOut.constData());
        QVERIFY(servers.waitForMessage(ben.login, QStringLiteral("Sent"), bySubject, 60000));

        {
            Store::StoreWriter writer(Store::defaultDatabasePath(profile));
            const qint64 account = folderIndex(*main().folderModel(), AccountName, QStringLiteral("INBOX"))
                                       .data(Ui::FolderTreeModel::AccountIdRole)
                                       .toLongLong();
            QVERIFY(account > 0);
            QVERIFY(Store::OutboxStore(writer.database()).list(account).isEmpty());
        }

        // The next check brings it into the window's Inbox.
        const QString again = checkMail();
        QVERIFY2(again.isEmpty(), qPrintable(again));
        QTRY_VERIFY_WITH_TIMEOUT(rowWithSubject(list(), subject) >= 0, 10000);
        QVERIFY(clickMessage(subject));
        QTRY_VERIFY_WITH_TIMEOUT(
            windows->messageView().bodyBrowser()->toPlainText().contains(QStringLiteral("a quokka waved")), 30000);
    }
};

QTEST_MAIN(UiGuiBenTest)
#include "tst_ui_gui_ben.moc"
