#pragma once

#include <QObject>

namespace Petrel::Cli {

// Turns the platform's "please stop" (SIGINT and SIGTERM on POSIX; Ctrl+C, Ctrl+Break and closing
// the console on Windows) into a Qt signal delivered on the event loop, so a long-running command
// can end cleanly (log out, commit) instead of dying mid-write. One instance at a time; the
// platform's default handling is restored when it is destroyed.
// StopSignal_posix.cpp and StopSignal_win.cpp implement it; CMake picks one.
class StopSignal : public QObject
{
    Q_OBJECT

public:
    explicit StopSignal(QObject *parent = nullptr);
    ~StopSignal() override;

    bool isInstalled() const { return m_installed; }

Q_SIGNALS:
    void stopRequested(const QString &why); // e.g. "SIGTERM"

private:
    bool m_installed = false;
};

} // namespace Petrel::Cli
