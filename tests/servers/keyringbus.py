"""The private D-Bus session bus with an unlocked gnome-keyring of one test run."""

import os
import secrets
import signal
import subprocess
import time

from harness import (START_TIMEOUT, FixtureError, RunLock, check_not_in_use, log, owned_by_other_run,
                     proc_record, find_processes, read_json, remove, remove_tree, run, signal_record,
                     spawn_watchdog, tail, template, terminate, write_json)


# --- the keyring ----------------------------------------------------------------------------


def find_bus_processes(bus_dir, address):
    """The private bus daemon (its config lives in bus_dir) and keyring daemons started in it."""
    env = "DBUS_SESSION_BUS_ADDRESS=" + address
    return (find_processes(daemon="dbus-daemon", cmdline_has=bus_dir + "/")
            + find_processes(daemon="gnome-keyring", env_has=env))


def stop_keyring(state):
    if not state:
        return True
    if state.get("watchdog") and state["watchdog"].get("pid") != os.getpid():
        signal_record(state["watchdog"], signal.SIGTERM)
    procs = [r for r in state.get("procs", []) if r.get("pid")]
    bus_dir = state.get("bus_dir")
    if bus_dir and os.path.basename(bus_dir).startswith("petrel-bus-") and state.get("address"):
        procs += find_bus_processes(bus_dir, state["address"])
    survivors = terminate(procs, timeout=5.0)
    if bus_dir and os.path.basename(bus_dir).startswith("petrel-bus-"):
        remove_tree(bus_dir)
    return not survivors


def stop_keyring_at(state_path, caller=None):
    with RunLock(state_path):
        state = read_json(state_path)
        if owned_by_other_run(state, caller):
            log("leaving the keyring of test run %d running" % state["watched"]["pid"])
            return True
        ok = stop_keyring(state)
        remove(state_path)
    return ok


def start_keyring(state_path, bus_dir, address, watch=None):
    with RunLock(state_path):
        return _start_keyring(state_path, bus_dir, address, watch)


def _start_keyring(state_path, bus_dir, address, watch):
    stale = read_json(state_path)
    check_not_in_use(stale, watch)
    if stale:
        log("cleaning up a stale keyring in %s" % stale.get("bus_dir"))
        stop_keyring(stale)
    remove(state_path)
    if not os.path.basename(bus_dir).startswith("petrel-bus-"):
        raise FixtureError("refusing to use %s as the bus directory" % bus_dir)
    # The bus path is fixed per build directory, so a bus whose state file was lost is still ours.
    orphans = find_bus_processes(bus_dir, address)
    if orphans:
        log("stopping an unrecorded bus on %s: %s" % (address, [r["pid"] for r in orphans]))
        terminate(orphans, timeout=5.0)
    if not remove_tree(bus_dir):
        raise FixtureError("cannot clear the bus directory %s" % bus_dir)
    os.makedirs(bus_dir, mode=0o700)
    os.chmod(bus_dir, 0o700)
    state = {"bus_dir": bus_dir, "address": address, "procs": [], "watched": watch}
    write_json(state_path, state)
    try:
        _start_keyring_in(state, state_path, bus_dir, address)
    except BaseException:
        stop_keyring(state)
        remove(state_path)
        raise
    if watch:
        state["watchdog"] = spawn_watchdog("keyring", state_path, watch)
        write_json(state_path, state)
    return state


def _start_keyring_in(state, state_path, bus_dir, address):
    log_file = os.path.join(bus_dir, "keyring.log")
    conf = os.path.join(bus_dir, "session.conf")
    with open(conf, "w") as f:
        f.write(template("dbus-session.conf.in").format(address=address))
    with open(log_file, "ab") as out:
        bus = subprocess.Popen(["dbus-daemon", "--config-file=" + conf, "--nofork", "--nopidfile"],
                               stdin=subprocess.DEVNULL, stdout=out, stderr=out, close_fds=True,
                               start_new_session=True)
    state["procs"].append(proc_record(bus.pid))
    write_json(state_path, state)
    socket_path = address.split("path=", 1)[1].split(",")[0]
    deadline = time.monotonic() + START_TIMEOUT
    while not os.path.exists(socket_path):
        if bus.poll() is not None or time.monotonic() > deadline:
            raise FixtureError("dbus-daemon did not start:\n%s" % tail(log_file))
        time.sleep(0.02)

    env = dict(os.environ)
    env.update({"DBUS_SESSION_BUS_ADDRESS": address,
                "XDG_RUNTIME_DIR": os.path.join(bus_dir, "runtime"),
                "XDG_DATA_HOME": os.path.join(bus_dir, "data"),
                "XDG_CONFIG_HOME": os.path.join(bus_dir, "config")})
    for k in ("XDG_RUNTIME_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        os.makedirs(env[k], mode=0o700, exist_ok=True)
    # gnome-keyring only creates the "login" collection when unlocked with a non-empty password.
    password = secrets.token_urlsafe(16).encode()
    rc = run(["gnome-keyring-daemon", "--daemonize", "--unlock", "--components=secrets"], log_file, env,
             input_bytes=password, timeout=30)
    if rc != 0:
        raise FixtureError("gnome-keyring-daemon failed (%d):\n%s" % (rc, tail(log_file)))
    # Its pid, exactly: the owner of the Secret Service name on our bus.
    pid = None
    while pid is None and time.monotonic() < deadline:
        p = subprocess.run(["dbus-send", "--bus=" + address, "--print-reply", "--dest=org.freedesktop.DBus",
                            "/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID",
                            "string:org.freedesktop.secrets"], capture_output=True, env=env, timeout=10)
        if p.returncode == 0 and b"uint32" in p.stdout:
            pid = int(p.stdout.split(b"uint32")[1].split()[0])
        else:
            time.sleep(0.05)
    if pid is None:
        raise FixtureError("gnome-keyring-daemon never owned org.freedesktop.secrets:\n%s" % tail(log_file))
    state["procs"].append(proc_record(pid))
    write_json(state_path, state)

    # Prove a secret round-trips before any test relies on it.
    value = secrets.token_hex(8).encode()
    attrs = ["petrel-fixture", "selfcheck"]
    p = subprocess.run(["secret-tool", "store", "--label=Petrel fixture check", *attrs],
                       input=value, capture_output=True, env=env, timeout=20)
    if p.returncode != 0:
        raise FixtureError("secret-tool store failed: %s\n%s" % (p.stderr.decode(errors="replace"), tail(log_file)))
    p = subprocess.run(["secret-tool", "lookup", *attrs], capture_output=True, env=env, timeout=20)
    if p.returncode != 0 or p.stdout.strip() != value:
        raise FixtureError("secret-tool lookup did not return the stored secret: %s" % p.stderr.decode(errors="replace"))
    subprocess.run(["secret-tool", "clear", *attrs], capture_output=True, env=env, timeout=20)
