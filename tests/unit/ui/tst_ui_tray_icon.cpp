// The tray icon: the unread count drawn on the icon and said in the tooltip; the menu's actions.
#include "status/TrayIcon.h"

#include <QApplication>
#include <QMenu>
#include <QSignalSpy>
#include <QtTest>

using Petrel::Ui::TrayIcon;

static QIcon appIcon()
{
    return QIcon(QStringLiteral(":/petrel/icons/petrel.svg"));
}

namespace {

int differingPixels(const QImage &a, const QImage &b)
{
    int n = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            n += a.pixel(x, y) != b.pixel(x, y);
    return n;
}

} // namespace

class TrayIconTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theCountIsDrawnOnTheIcon()
    {
        const QIcon icon = appIcon();
        QVERIFY(!icon.isNull());
        const QImage plain = TrayIcon::badgedImage(icon, 0, 32);
        const QImage three = TrayIcon::badgedImage(icon, 3, 32);
        const QImage many = TrayIcon::badgedImage(icon, 4711, 32);
        QCOMPARE(plain.size(), QSize(32, 32));
        QCOMPARE(three.size(), QSize(32, 32));
        QVERIFY(differingPixels(plain, three) > 20);
        QVERIFY(differingPixels(three, many) > 5);
        // The badge sits in the lower right corner; the upper left stays the icon.
        QCOMPARE(plain.pixel(2, 2), three.pixel(2, 2));
        QVERIFY(plain.pixel(28, 28) != three.pixel(28, 28));
        // The same count always gives the same picture.
        QCOMPARE(TrayIcon::badgedImage(icon, 3, 32), three);
    }

    void tooltipSaysTheCount()
    {
        TrayIcon tray(appIcon());
        QVERIFY(tray.toolTip().contains(QStringLiteral("no unread")));
        tray.setUnreadCount(1);
        QVERIFY2(tray.toolTip().startsWith(QStringLiteral("Petrel: 1 unread message")), qPrintable(tray.toolTip()));
        tray.setUnreadCount(12);
        QVERIFY2(tray.toolTip().startsWith(QStringLiteral("Petrel: 12 unread message")), qPrintable(tray.toolTip()));
        tray.setUnreadCount(-5);
        QCOMPARE(tray.unreadCount(), 0);
    }

    void menuActionsAreAnnounced()
    {
        TrayIcon tray(appIcon());
        QSignalSpy show(&tray, &TrayIcon::showWindowRequested);
        QSignalSpy check(&tray, &TrayIcon::checkMailRequested);
        QSignalSpy compose(&tray, &TrayIcon::composeRequested);
        QSignalSpy quit(&tray, &TrayIcon::quitRequested);
        const QList<QAction *> actions = tray.menu()->actions();
        QStringList texts;
        for (QAction *action : actions) {
            if (!action->isSeparator()) {
                texts << action->text();
                action->trigger();
            }
        }
        QCOMPARE(texts.size(), 4);
        QCOMPARE(show.size(), 1);
        QCOMPARE(check.size(), 1);
        QCOMPARE(compose.size(), 1);
        QCOMPARE(quit.size(), 1);
    }
};

QTEST_MAIN(TrayIconTest)
#include "tst_ui_tray_icon.moc"
