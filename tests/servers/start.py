#!/usr/bin/python3
"""CTest fixture setup: start.py servers RUN_DIR SERVERS_JSON | start.py keyring RUN_DIR BUS_DIR ADDRESS

Starts the private mail servers (or the private D-Bus session with gnome-keyring) and a watchdog
that tears them down if CTest, our parent, disappears without running the cleanup fixture."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import keyringbus  # noqa: E402
import mailservers  # noqa: E402


def main(argv):
    # Recorded first: if CTest dies while we start, the watchdog must still see it gone.
    ctest = harness.proc_record(os.getppid())
    try:
        if len(argv) == 4 and argv[1] == "servers":
            if os.geteuid() != 0:
                raise harness.FixtureError("the servers need root: they run Dovecot and Postfix as system daemons "
                                           "and create the system user %s" % mailservers.MAIL_USER)
            info = mailservers.start_servers(os.path.join(argv[2], "servers.state.json"), argv[3],
                                             watch=ctest)
            print("servers up in %s: imap %d/%d pop3 %d/%d smtp %d/%d/%d lmtp %d; description in %s"
                  % (info["dir"], info["imap"]["starttls"], info["imap"]["tls"], info["pop3"]["stls"],
                     info["pop3"]["tls"], info["smtp"]["submission"], info["smtp"]["submissions"],
                     info["smtp"]["inject"], info["lmtp"], argv[3]))
            return 0
        if len(argv) == 5 and argv[1] == "keyring":
            keyringbus.start_keyring(os.path.join(argv[2], "keyring.state.json"), argv[3], argv[4],
                                     watch=ctest)
            print("keyring up on %s" % argv[4])
            return 0
    except harness.FixtureError as e:
        harness.log("start failed: %s" % e)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
