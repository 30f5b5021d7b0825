#pragma once

#include <QtGlobal>

// What the operating system knows about this process, for the start-up instrumentation
// (FirstPaintProbe). One implementation per platform: ProcessStats_linux.cpp, _win.cpp, _mac.cpp,
// chosen by CMake.
namespace Petrel::App {

// Seconds since the OS created this process (so the dynamic loader and Qt's start are counted
// too); negative when the OS cannot say.
double secondsSinceProcessStart();

// The most memory this process has had resident so far, in bytes; negative when unknown.
qint64 peakResidentBytes();

} // namespace Petrel::App
