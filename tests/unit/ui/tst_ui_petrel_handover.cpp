// The real petrel program: a second start on the same profile hands its mailto: link to the
// running one and ends at once; on another profile it would be a Petrel of its own.
#include "SingleInstance.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class PetrelHandoverTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondStartHandsOverAndEnds()
    {
        const QString petrel = qEnvironmentVariable("PETREL_BINARY_DIR") + QStringLiteral("/bin/petrel");
        QVERIFY2(QFileInfo(petrel).isExecutable(), qPrintable(petrel));
        QTemporaryDir profile;

        QProcess first;
        first.setProcessChannelMode(QProcess::ForwardedChannels);
        first.start(petrel, {QStringLiteral("--profile"), profile.path()});
        QVERIFY(first.waitForStarted());
        // Running means listening for later starts.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QLocalSocket probe;
                probe.connectToServer(Petrel::Ui::SingleInstance::serverName(profile.path()));
                return probe.waitForConnected(200);
            }(),
            30000);

        QProcess second;
        second.setProcessChannelMode(QProcess::ForwardedChannels);
        second.start(petrel, {QStringLiteral("--profile"), profile.path(),
                              QStringLiteral("mailto:ann@petrel.test?subject=Hello")});
        QVERIFY(second.waitForFinished(20000));
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);
        QCOMPARE(first.state(), QProcess::Running);

        // Another profile is not handed over: that start keeps running as its own Petrel.
        QTemporaryDir otherProfile;
        QProcess other;
        other.start(petrel, {QStringLiteral("--profile"), otherProfile.path()});
        QVERIFY(other.waitForStarted());
        QVERIFY(!other.waitForFinished(2000));

        for (QProcess *p : {&first, &other}) {
            p->terminate();
            if (!p->waitForFinished(10000)) {
                p->kill();
                p->waitForFinished();
            }
        }
        // Terminated programs leave their socket files behind; the next start would replace
        // them, but a test leaves no litter.
        QLocalServer::removeServer(Petrel::Ui::SingleInstance::serverName(profile.path()));
        QLocalServer::removeServer(Petrel::Ui::SingleInstance::serverName(otherProfile.path()));
    }
};

QTEST_MAIN(PetrelHandoverTest)
#include "tst_ui_petrel_handover.moc"
