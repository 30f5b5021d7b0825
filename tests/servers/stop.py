#!/usr/bin/python3
"""CTest fixture cleanup: stop.py servers RUN_DIR SERVERS_JSON | stop.py keyring RUN_DIR

Stops exactly what the matching start.py started, checks it is gone and removes its files."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import keyringbus  # noqa: E402
import mailservers  # noqa: E402


def main(argv):
    ctest = harness.proc_record(os.getppid())
    try:
        if len(argv) == 4 and argv[1] == "servers":
            ok = mailservers.stop_servers_at(os.path.join(argv[2], "servers.state.json"), ctest)
        elif len(argv) == 3 and argv[1] == "keyring":
            ok = keyringbus.stop_keyring_at(os.path.join(argv[2], "keyring.state.json"), ctest)
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except harness.FixtureError as e:
        harness.log("stop failed: %s" % e)
        return 1
    if not ok:
        harness.log("some processes could not be stopped")
        return 1
    print("%s stopped" % argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
