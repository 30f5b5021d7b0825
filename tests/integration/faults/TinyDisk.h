#pragma once

#include <QString>

namespace Petrel::Test {

// A small tmpfs mounted for one test (the tests run as root), to put a profile on a disk that
// fills up. fill() takes every free byte with a filler file; release() gives the room back.
// setReadOnly() remounts it read-only (a failing disk the kernel switched to read-only; root
// cannot write either), which needs every file on it closed.
// Unmounted (lazily, should something still hold a file) when the object goes.
class TinyDisk
{
public:
    TinyDisk(const QString &mountPoint, int sizeKb);
    ~TinyDisk();
    TinyDisk(const TinyDisk &) = delete;
    TinyDisk &operator=(const TinyDisk &) = delete;

    bool isMounted() const { return m_mounted; }
    QString errorString() const { return m_error; }
    QString path() const { return m_path; }

    bool fill();    // true once a write failed for want of space
    void release(); // removes the filler
    bool setReadOnly(bool readOnly);

private:
    QString m_path;
    QString m_error;
    bool m_mounted = false;
};

} // namespace Petrel::Test
