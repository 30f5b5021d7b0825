#!/usr/bin/python3
"""watchdog.py servers|keyring STATE_FILE WATCHED_JSON -- started detached by harness.spawn_watchdog.

Tears the fixture recorded in STATE_FILE down when the watched process (CTest) disappears without
running the cleanup fixture; exits quietly when the fixture is stopped or taken over normally."""

import json
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import keyringbus  # noqa: E402
import mailservers  # noqa: E402
from harness import RunLock, is_same_process, log, read_json, remove  # noqa: E402


def main(kind, state_path, watched_json):
    watched = json.loads(watched_json)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    while True:
        time.sleep(0.25)
        state = read_json(state_path)
        me = (state or {}).get("watchdog")
        if me and me.get("pid") != os.getpid():
            return   # a newer run owns this state
        if not os.path.exists(state_path):
            return   # stopped normally
        if not is_same_process(watched):
            break
    with RunLock(state_path):
        state = read_json(state_path)
        if not state or (state.get("watchdog") or {}).get("pid") != os.getpid():
            return   # stopped or taken over while we waited for the lock
        log("%s: watched process %d is gone; tearing down %s" % (time.ctime(), watched["pid"], kind))
        if kind == "servers":
            mailservers.stop_servers(state)
            if state.get("json"):
                remove(state["json"])
        else:
            keyringbus.stop_keyring(state)
        remove(state_path)


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("servers", "keyring"):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3])
