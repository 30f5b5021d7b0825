#include "TinyDisk.h"

#include <QDir>
#include <QFile>
#include <QProcess>

namespace Petrel::Test {

namespace {
QString fillerPath(const QString &dir)
{
    return dir + QStringLiteral("/filler");
}
} // namespace

TinyDisk::TinyDisk(const QString &mountPoint, int sizeKb) : m_path(mountPoint)
{
    QDir().mkpath(mountPoint);
    QProcess mount;
    mount.start(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                          QStringLiteral("size=%1k").arg(sizeKb), QStringLiteral("petrel-tiny"),
                                          mountPoint});
    if (!mount.waitForFinished(30000) || mount.exitStatus() != QProcess::NormalExit || mount.exitCode() != 0) {
        m_error = QStringLiteral("mount tmpfs on %1 failed: %2")
                      .arg(mountPoint, QString::fromLocal8Bit(mount.readAllStandardError()) + mount.errorString());
        return;
    }
    m_mounted = true;
}

TinyDisk::~TinyDisk()
{
    if (!m_mounted)
        return;
    QProcess umount;
    umount.start(QStringLiteral("umount"), {QStringLiteral("-l"), m_path});
    umount.waitForFinished(30000);
}

bool TinyDisk::fill()
{
    QFile filler(fillerPath(m_path));
    if (!filler.open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    const QByteArray block(4096, 'f');
    for (int i = 0; i < 1000000; ++i) {
        if (filler.write(block) != block.size() || !filler.flush())
            break;
    }
    // The last partial block: byte by byte until nothing fits.
    while (filler.write("f", 1) == 1 && filler.flush()) {
    }
    filler.close();
    return true;
}

void TinyDisk::release()
{
    QFile::remove(fillerPath(m_path));
}

bool TinyDisk::setReadOnly(bool readOnly)
{
    QProcess mount;
    mount.start(QStringLiteral("mount"), {QStringLiteral("-o"), readOnly ? QStringLiteral("remount,ro") : QStringLiteral("remount,rw"),
                                          m_path});
    if (!mount.waitForFinished(30000) || mount.exitStatus() != QProcess::NormalExit || mount.exitCode() != 0) {
        m_error = QStringLiteral("remount of %1 failed: %2")
                      .arg(m_path, QString::fromLocal8Bit(mount.readAllStandardError()) + mount.errorString());
        return false;
    }
    return true;
}

} // namespace Petrel::Test
