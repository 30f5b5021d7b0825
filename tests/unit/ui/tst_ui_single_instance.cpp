// One Petrel per profile: a second start hands its arguments to the first over a local socket.
#include "SingleInstance.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>

using Petrel::Ui::SingleInstance;

namespace {

// The second start runs in its own thread, as it would in its own process: its calls block while
// the first instance's event loop (the test's main thread) answers.
bool sendFromAnotherThread(const QString &profile, const QStringList &arguments)
{
    std::atomic<int> result{-1};
    QThread *thread = QThread::create([&] {
        SingleInstance second(profile);
        result = second.sendToRunning(arguments, 5000) ? 1 : 0;
    });
    thread->start();
    QDeadlineTimer deadline(20000);
    while (!thread->isFinished() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    thread->wait();
    delete thread;
    return result == 1;
}

} // namespace

class SingleInstanceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noRunningInstanceMeansStartNormally()
    {
        QTemporaryDir profile;
        SingleInstance instance(profile.path());
        QVERIFY(!instance.sendToRunning({QStringLiteral("mailto:a@example.org")}, 1000));
    }

    void argumentsReachTheRunningInstance()
    {
        QTemporaryDir profile;
        SingleInstance first(profile.path());
        QVERIFY(first.listen());
        QSignalSpy received(&first, &SingleInstance::argumentsReceived);

        const QStringList arguments{QStringLiteral("mailto:bob@example.org?subject=Hi%20there"), QStringLiteral("--show")};
        QVERIFY(sendFromAnotherThread(profile.path(), arguments));
        QTRY_COMPARE(received.size(), 1);
        QCOMPARE(received.at(0).at(0).toStringList(), arguments);
    }

    void otherProfilesAreOtherInstances()
    {
        QTemporaryDir a, b;
        QVERIFY(SingleInstance::serverName(a.path()) != SingleInstance::serverName(b.path()));
        QCOMPARE(SingleInstance::serverName(a.path()), SingleInstance::serverName(a.path() + QStringLiteral("/.")));
        SingleInstance first(a.path());
        QVERIFY(first.listen());
        SingleInstance other(b.path());
        QVERIFY(!other.sendToRunning({QStringLiteral("x")}, 1000));
    }

#ifdef Q_OS_UNIX
    void aSocketLeftByACrashIsReplaced()
    {
        QTemporaryDir profile;
        // What a killed instance leaves behind: the socket's file, with nobody listening.
        const QString path = QDir::tempPath() + QLatin1Char('/') + SingleInstance::serverName(profile.path());
        QFile stale(path);
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.close();

        SingleInstance first(profile.path());
        QVERIFY(!first.sendToRunning({QStringLiteral("x")}, 1000));
        QString error;
        QVERIFY2(first.listen(&error), qPrintable(error));
        QSignalSpy received(&first, &SingleInstance::argumentsReceived);
        QVERIFY(sendFromAnotherThread(profile.path(), {QStringLiteral("--show")}));
        QTRY_COMPARE(received.size(), 1);
    }
#endif

    void garbageIsDroppedWithoutArguments()
    {
        QTemporaryDir profile;
        SingleInstance first(profile.path());
        QVERIFY(first.listen());
        QSignalSpy received(&first, &SingleInstance::argumentsReceived);

        QLocalSocket socket;
        socket.connectToServer(SingleInstance::serverName(profile.path()));
        QVERIFY(socket.waitForConnected(2000));
        socket.write("this is not json\n");
        QTRY_COMPARE(socket.state(), QLocalSocket::UnconnectedState);
        QCOMPARE(received.size(), 0);

        // An endless line without a newline is cut off at the limit.
        QLocalSocket flood;
        flood.connectToServer(SingleInstance::serverName(profile.path()));
        QVERIFY(flood.waitForConnected(2000));
        flood.write(QByteArray(SingleInstance::MaxMessageBytes + 4096, 'x'));
        QTRY_COMPARE_WITH_TIMEOUT(flood.state(), QLocalSocket::UnconnectedState, 10000);
        QCOMPARE(received.size(), 0);
    }
};

QTEST_MAIN(SingleInstanceTest)
#include "tst_ui_single_instance.moc"
