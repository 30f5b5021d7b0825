// Screenshots of Petrel's windows in English and German, on a real X server (Xvfb) with real fonts:
// the main window on a seeded folder, a message whose remote image is blocked, and a composer.
// The PNGs go to <build>/screenshots/<language>/ for people to look at; the test checks each is
// written, sized and not blank, that the German windows really show German, and that the German
// main window differs from the English one.
//
// One more window is one more ScreenshotSet::take() call in shootWindows().
#include "ScreenshotSet.h"
#include "UiTestStore.h"

#include "DesktopWindows.h"
#include "Localisation.h"
#include "MainWindow.h"
#include "accounts/AccountWizard.h"
#include "compose/AddressLineEdit.h"
#include "compose/ComposerWindow.h"
#include "message/MessageView.h"
#include "models/FolderTreeModel.h"
#include "models/MessageListModel.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QTreeView>

using namespace Petrel;
using Petrel::Store::FolderRole;
using Petrel::Store::MessageFlag;

namespace {

struct Seeded
{
    qint64 inbox = 0;
    qint64 plainMessage = 0; // newest, with an attachment: the one the main window shows
    qint64 remoteImageMessage = 0;
};

const QStringList senders{
    QStringLiteral("Ann Lindqvist <ann@lindqvist.test>"), QStringLiteral("Bruno Keller <bruno@keller.test>"),
    QStringLiteral("Chloé Martin <chloe@martin.test>"),   QStringLiteral("Dev Team <dev@petrel.test>"),
    QStringLiteral("Erik Jansen <erik@jansen.test>"),     QStringLiteral("Fatima Rahman <fatima@rahman.test>"),
    QStringLiteral("Garden Club <news@garden.test>"),     QStringLiteral("Hiro Tanaka <hiro@tanaka.test>")};

const QStringList subjects{
    QStringLiteral("Lunch on Friday?"),          QStringLiteral("Quarterly report draft"),
    QStringLiteral("Photos from the trip"),      QStringLiteral("Re: Server migration plan"),
    QStringLiteral("Invoice #2041"),             QStringLiteral("Meeting notes 14 Nov"),
    QStringLiteral("Your parcel is on its way"), QStringLiteral("Re: Re: Holiday rota"),
    QStringLiteral("Garden club newsletter"),    QStringLiteral("Question about the API"),
    QStringLiteral("Book recommendations"),      QStringLiteral("Fwd: Conference tickets"),
    QStringLiteral("Updated floor plan"),        QStringLiteral("Happy birthday!"),
    QStringLiteral("Release 0.2 checklist")};

Mime::MailAddress addressOf(const QString &text)
{
    const qsizetype open = text.indexOf(QLatin1Char('<'));
    return {text.left(open).trimmed(), text.mid(open + 1).chopped(1)};
}

Seeded seed(UiTest::Profile &profile)
{
    Seeded s;
    const qint64 account = profile.addAccount(QStringLiteral("Robin (home)"), QStringLiteral("robin@petrel.test"),
                                              Store::AccountProtocol::Pop3, QStringLiteral("Robin Meyer"));
    s.inbox = profile.folder(account, FolderRole::Inbox);
    const QDateTime newest(QDate(2026, 11, 20), QTime(17, 45), Qt::UTC);
    for (int i = 0; i < 30; ++i) {
        Mime::OutgoingMessage m;
        m.from = addressOf(senders.at(i % senders.size()));
        m.to = {{QStringLiteral("Robin Meyer"), QStringLiteral("robin@petrel.test")}};
        m.subject = subjects.at(i % subjects.size());
        m.textBody = QStringLiteral("Hi Robin,\n\nhere is what we talked about (%1).\n\nBest,\n%2\n")
                         .arg(i)
                         .arg(m.from.name);
        m.date = newest.addSecs(-3600LL * 7 * i);
        m.messageId = Mime::generateMessageId(m.from.address);
        if (i % 4 == 0)
            m.attachments << Mime::OutgoingAttachment{QStringLiteral("report-%1.pdf").arg(i),
                                                      QStringLiteral("application/pdf"),
                                                      QByteArray("%PDF-1.4\n") + QByteArray(2048 * (i + 1), 'x')};
        if (i % 7 == 3)
            m.attachments << Mime::OutgoingAttachment{QStringLiteral("photo-%1.png").arg(i), QStringLiteral("image/png"),
                                                      UiTest::pngBytes(Qt::darkCyan)};
        const QByteArray raw = UiTest::composed(m);
        Store::MessageRecord record =
            Core::buildMessageRecord(raw, Mime::MessageParser::parse(raw).message);
        if (i % 3 != 0)
            record.flags |= MessageFlag::Seen; // a third unread
        if (i % 5 == 1)
            record.flags |= MessageFlag::Flagged;
        const qint64 id = profile.insertRecord(s.inbox, record);
        if (i == 0)
            s.plainMessage = id;
    }

    // A newsletter whose image lives on a web server: the view blocks it and says so. The address
    // is loopback and never contacted (blocked content is not fetched).
    Mime::OutgoingMessage html;
    html.from = {QStringLiteral("Garden Club"), QStringLiteral("news@garden.test")};
    html.to = {{QStringLiteral("Robin Meyer"), QStringLiteral("robin@petrel.test")}};
    html.subject = QStringLiteral("November newsletter: bulbs, frost and the winter fair");
    html.textBody = QStringLiteral("Our November newsletter.");
    html.htmlBody = QStringLiteral(
        "<html><body><h2>Garden Club — November</h2>"
        "<p><img src=\"http://127.0.0.1:9/newsletter/banner.png\" width=\"480\" height=\"120\" alt=\"banner\"></p>"
        "<p>Plant your <b>tulip bulbs</b> before the first frost, and join us at the <i>winter fair</i> on "
        "Saturday.</p><ul><li>Bulb swap from 10:00</li><li>Talk on composting at 14:00</li></ul></body></html>");
    html.date = newest.addSecs(-1800);
    html.messageId = Mime::generateMessageId(html.from.address);
    s.remoteImageMessage = profile.insert(s.inbox, UiTest::composed(html));
    return s;
}

void selectMessage(Ui::MainWindow &window, qint64 id)
{
    const int row = window.messageModel()->rowOfMessage(id);
    QVERIFY2(row >= 0, "the seeded message is not listed");
    window.messageList()->setCurrentIndex(window.messageModel()->index(row, 0));
}

QString labelTexts(QWidget &widget)
{
    QStringList texts;
    for (QLabel *label : widget.findChildren<QLabel *>())
        texts << label->text();
    return texts.join(QLatin1Char('|'));
}

} // namespace

class UiScreenshotsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void windowsInEnglishAndGerman();

private:
    // Every window of the set, in the language installed now.
    void shootWindows(ScreenshotSet &shots);

    UiTest::Profile m_profile;
    Seeded m_seeded;
};

void UiScreenshotsTest::initTestCase()
{
    QVERIFY(!qEnvironmentVariableIsEmpty("PETREL_BINARY_DIR"));
    m_seeded = seed(m_profile);
    QVERIFY(m_seeded.plainMessage > 0 && m_seeded.remoteImageMessage > 0);
}

void UiScreenshotsTest::cleanupTestCase()
{
    Ui::Localisation::install(QLocale(QLocale::English));
}

void UiScreenshotsTest::shootWindows(ScreenshotSet &shots)
{
    Ui::DesktopWindows windows(m_profile.dir.path());
    Ui::MainWindow &main = windows.mainWindow();
    main.resize(1280, 800);
    main.folderTree()->setCurrentIndex(main.folderModel()->folderIndex(m_seeded.inbox));
    QTRY_COMPARE(main.messageModel()->rowCount(), 31);
    selectMessage(main, m_seeded.plainMessage);
    QTRY_COMPARE(windows.messageView().messageId(), m_seeded.plainMessage);
    shots.take(QStringLiteral("main-window"), main);

    selectMessage(main, m_seeded.remoteImageMessage);
    QTRY_VERIFY(!windows.messageView().remoteContentBar()->isHidden());
    shots.take(QStringLiteral("message-remote-content"), main);

    windows.openComposer();
    QCOMPARE(windows.composers().size(), 1);
    Ui::ComposerWindow &composer = *windows.composers().first();
    composer.toField()->setText(QStringLiteral("Ann Lindqvist <ann@lindqvist.test>"));
    composer.subjectField()->setText(QStringLiteral("Lunch on Friday"));
    composer.bodyEditor()->setPlainText(
        QStringLiteral("Hi Ann,\n\nFriday works for me: shall we meet at the usual place at 12:30?\n\nRobin\n"));
    shots.take(QStringLiteral("composer"), composer);

    // The account wizard on its first page, filled in as a user would before pressing Next.
    Ui::AccountWizard &wizard = *windows.openAccountWizard();
    wizard.findChild<QLineEdit *>(QStringLiteral("displayName"))->setText(QStringLiteral("Robin Berg"));
    wizard.findChild<QLineEdit *>(QStringLiteral("address"))->setText(QStringLiteral("robin@berg.test"));
    wizard.findChild<QLineEdit *>(QStringLiteral("password"))->setText(QStringLiteral("not-a-real-password"));
    shots.take(QStringLiteral("account-wizard"), wizard);

    if (shots.directory().endsWith(QLatin1String("/de"))) {
        // What the German PNGs show is German, not English with German dates.
        QCOMPARE(main.menuBar()->actions().first()->text(), QStringLiteral("&Datei"));
        QCOMPARE(main.messageModel()->headerData(Ui::MessageListModel::SubjectColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Betreff"));
        QVERIFY2(labelTexts(windows.messageView()).contains(QStringLiteral("Externe Inhalte wurden")),
                 qPrintable(labelTexts(windows.messageView())));
        QVERIFY2(labelTexts(composer).contains(QStringLiteral("Betreff:")), qPrintable(labelTexts(composer)));
        QCOMPARE(composer.windowTitle(), QStringLiteral("Lunch on Friday"));
        QCOMPARE(wizard.windowTitle(), QStringLiteral("Konto hinzufügen"));
    }
}

void UiScreenshotsTest::windowsInEnglishAndGerman()
{
    QMap<QString, QImage> mainWindows; // by language
    QString directory;
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("de")}) {
        QCOMPARE(Ui::Localisation::install(QLocale(language)), language);
        ScreenshotSet shots(language);
        shootWindows(shots);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(shots.images().size() >= 3);
        for (const QString &name : shots.images().keys())
            QVERIFY2(QFileInfo::exists(shots.pathOf(name)), qPrintable(shots.pathOf(name)));
        mainWindows.insert(language, shots.images().value(QStringLiteral("main-window")));
        directory = QFileInfo(shots.directory()).path();
    }
    const QImage english = mainWindows.value(QStringLiteral("en"));
    const QImage german = mainWindows.value(QStringLiteral("de"));
    // Menus, columns, folder names and dates change: far more than a few stray pixels.
    QVERIFY2(ScreenshotSet::differingPixels(english, german) > 2000,
             qPrintable(QString::number(ScreenshotSet::differingPixels(english, german))));
    qInfo("screenshots written to %s", qPrintable(directory));
}

QTEST_MAIN(UiScreenshotsTest)
#include "tst_ui_screenshots.moc"
