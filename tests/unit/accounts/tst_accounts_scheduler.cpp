// CheckScheduler: scheduled checks per account, check-now, never two checks of one account at once.
#include "accounts/CheckScheduler.h"

#include <QSignalSpy>
#include <QTest>

using namespace Petrel::Core;
using namespace std::chrono_literals;

class TestAccountsScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void intervalChecksRepeatAfterEachFinish();
    void noSecondCheckWhileOneRuns();
    void checkNowWhileRunningChecksAgainAfterwards();
    void checkNowWithoutSchedule();
    void removeStopsChecks();
    void accountsAreIndependent();
};

void TestAccountsScheduler::intervalChecksRepeatAfterEachFinish()
{
    CheckScheduler s;
    QSignalSpy due(&s, &CheckScheduler::checkDue);
    s.setInterval(7, 30ms);
    QVERIFY(s.remainingMs(7) >= 0);
    for (int round = 1; round <= 3; ++round) {
        QTRY_COMPARE_WITH_TIMEOUT(due.count(), round, 5000);
        QCOMPARE(due.last().at(0).toLongLong(), qint64(7));
        QVERIFY(s.isChecking(7));
        QCOMPARE(s.remainingMs(7), qint64(-1)); // nothing scheduled while it runs
        s.checkFinished(7);
        QVERIFY(!s.isChecking(7));
        QVERIFY(s.remainingMs(7) >= 0);
    }
}

void TestAccountsScheduler::noSecondCheckWhileOneRuns()
{
    CheckScheduler s;
    QSignalSpy due(&s, &CheckScheduler::checkDue);
    s.setInterval(1, 10ms);
    QTRY_COMPARE_WITH_TIMEOUT(due.count(), 1, 5000);
    // Many intervals pass while the check runs: still one.
    QTest::qWait(150);
    QCOMPARE(due.count(), 1);
    s.checkNow(1);
    QTest::qWait(50);
    QCOMPARE(due.count(), 1);
}

void TestAccountsScheduler::checkNowWhileRunningChecksAgainAfterwards()
{
    CheckScheduler s;
    QSignalSpy due(&s, &CheckScheduler::checkDue);
    s.setInterval(2, std::chrono::hours(1));
    s.checkNow(2);
    QTRY_COMPARE_WITH_TIMEOUT(due.count(), 1, 5000);
    s.checkNow(2); // the user asks again while the first check runs
    s.checkFinished(2);
    QTRY_COMPARE_WITH_TIMEOUT(due.count(), 2, 5000);
    s.checkFinished(2);
    // Back to the hourly schedule.
    QVERIFY(s.remainingMs(2) > 60 * 1000);
    QTest::qWait(50);
    QCOMPARE(due.count(), 2);
}

void TestAccountsScheduler::checkNowWithoutSchedule()
{
    CheckScheduler s;
    QSignalSpy due(&s, &CheckScheduler::checkDue);
    s.checkNow(3);
    QCOMPARE(due.count(), 0); // never from inside the call
    QTRY_COMPARE_WITH_TIMEOUT(due.count(), 1, 5000);
    s.checkFinished(3);
    QCOMPARE(s.remainingMs(3), qint64(-1)); // manual only: nothing scheduled afterwards
    QTest::qWait(50);
    QCOMPARE(due.count(), 1);
}

void TestAccountsScheduler::removeStopsChecks()
{
    CheckScheduler s;
    QSignalSpy due(&s, &CheckScheduler::checkDue);
    s.setInterval(4, 20ms);
    QTRY_COMPARE_WITH_TIMEOUT(due.count(), 1, 5000);
    s.remove(4); // while its check runs
    s.checkFinished(4);
    QTest::qWait(100);
    QCOMPARE(due.count(), 1);
    QCOMPARE(s.remainingMs(4), qint64(-1));
    s.setInterval(4, 20ms);
    s.setInterval(4, 0ms); // zero unschedules
    QTest::qWait(100);
    QCOMPARE(due.count(), 1);
}

void TestAccountsScheduler::accountsAreIndependent()
{
    CheckScheduler s;
    QList<qint64> order;
    connect(&s, &CheckScheduler::checkDue, this, [&](qint64 id) { order.append(id); });
    s.setInterval(10, 20ms);
    s.setInterval(11, std::chrono::hours(1));
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 1, 5000);
    s.checkFinished(10);
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 2, 5000);
    QCOMPARE(order, (QList<qint64>{10, 10}));
    QVERIFY(!s.isChecking(11));
    QVERIFY(s.remainingMs(11) > 60 * 1000);
}

QTEST_GUILESS_MAIN(TestAccountsScheduler)
#include "tst_accounts_scheduler.moc"
