#include "credentials/CoreDumps.h"

#include <QtGlobal>

#include <windows.h>

namespace Petrel::Core {

bool disableCoreDumps()
{
    if (qEnvironmentVariableIntValue("PETREL_ALLOW_CORE_DUMPS") == 1)
        return true;
    // No crash dialog, whose report would offer to send a memory dump. Windows Error Reporting's
    // LocalDumps are an administrator's choice, made in the registry, not by the program.
    ::SetErrorMode(::GetErrorMode() | SEM_NOGPFAULTERRORBOX);
    return true;
}

} // namespace Petrel::Core
