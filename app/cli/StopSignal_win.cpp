#include "StopSignal.h"

#include <QMetaObject>
#include <QPointer>

#include <atomic>

#include <windows.h>

namespace Petrel::Cli {

namespace {

// The console handler runs on a thread of its own: it only queues the signal to the event loop.
std::atomic<StopSignal *> g_instance{nullptr};

BOOL WINAPI onConsoleEvent(DWORD type)
{
    StopSignal *instance = g_instance.load();
    if (!instance)
        return FALSE;
    const QString why = type == CTRL_C_EVENT ? QStringLiteral("Ctrl+C")
                        : type == CTRL_BREAK_EVENT ? QStringLiteral("Ctrl+Break")
                                                   : QStringLiteral("console closed");
    QMetaObject::invokeMethod(instance, [instance, why] { Q_EMIT instance->stopRequested(why); }, Qt::QueuedConnection);
    return TRUE;
}

} // namespace

StopSignal::StopSignal(QObject *parent) : QObject(parent)
{
    StopSignal *expected = nullptr;
    if (!g_instance.compare_exchange_strong(expected, this))
        return;
    m_installed = SetConsoleCtrlHandler(onConsoleEvent, TRUE) != 0;
    if (!m_installed)
        g_instance.store(nullptr);
}

StopSignal::~StopSignal()
{
    if (!m_installed)
        return;
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
    g_instance.store(nullptr);
}

} // namespace Petrel::Cli
