#include "credentials/CoreDumps.h"

#include <QtGlobal>

#include <sys/resource.h>
#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif

namespace Petrel::Core {

bool disableCoreDumps()
{
    if (qEnvironmentVariableIntValue("PETREL_ALLOW_CORE_DUMPS") == 1)
        return true;
    const rlimit none{0, 0};
    bool ok = ::setrlimit(RLIMIT_CORE, &none) == 0;
#if defined(Q_OS_LINUX)
    // A core_pattern that pipes to a handler (systemd-coredump, apport) is not bound by
    // RLIMIT_CORE; a process that is not dumpable gets no dump at all.
    ok = ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 && ok;
#endif
    return ok;
}

} // namespace Petrel::Core
