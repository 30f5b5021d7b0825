"""Shared code of Petrel's test fixtures (start.py, stop.py, watchdog.py, sandbox; stdlib only,
system python3): processes, state files, the run lock, ports and the crash watchdog.

Everything a run starts is recorded in a state file (pid plus kernel start time, so a recycled pid
is never killed) before it is started, so a stop, a watchdog or the next start can always tear
down exactly what was started. mailservers.py and keyring.py build on this.
"""

import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HOST = "127.0.0.1"
START_TIMEOUT = 15.0   # seconds for every port to accept connections
STOP_TIMEOUT = 10.0    # seconds for the started processes to exit after a polite stop
LOCK_TIMEOUT = 45.0    # seconds to wait for another start/stop/teardown of the same state


TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")


def template(name):
    """A configuration template from templates/ (str.format syntax: braces are doubled)."""
    with open(os.path.join(TEMPLATES, name)) as f:
        return f.read()


class FixtureError(Exception):
    pass


def log(message):
    print("[petrel-fixture] " + message, file=sys.stderr, flush=True)


# --- processes ------------------------------------------------------------------------------

def start_time(pid):
    """Kernel start time of pid (clock ticks since boot), or None if it is gone."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            data = f.read().decode("ascii", "replace")
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # The command name may contain spaces and parentheses; the fields after it are fixed.
    fields = data[data.rfind(")") + 2:].split()
    if fields and fields[0] == "Z":
        return None   # a zombie has already exited
    return int(fields[19])


def proc_record(pid):
    return {"pid": pid, "start": start_time(pid)}


def is_same_process(record):
    return record.get("start") is not None and start_time(record["pid"]) == record["start"]


def children_map():
    result = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as f:
                data = f.read().decode("ascii", "replace")
        except OSError:
            continue
        ppid = int(data[data.rfind(")") + 2:].split()[1])
        result.setdefault(ppid, []).append(int(name))
    return result


def descendants(pids):
    """pids and all their descendants, as process records."""
    kids = children_map()
    seen, todo = [], list(pids)
    while todo and len(seen) < 10000:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.append(pid)
        todo.extend(kids.get(pid, []))
    return [r for r in (proc_record(p) for p in seen) if r["start"] is not None]


def _read_proc(pid, what):
    try:
        if what == "cwd":
            return os.readlink("/proc/%s/cwd" % pid)
        with open("/proc/%s/%s" % (pid, what), "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def find_processes(cwd_under=None, daemon=None, cmdline_has=None, env_has=None):
    """The safety net for daemons that were started but whose pids were never recorded (a start
    interrupted at the wrong moment). Matches processes whose working directory lies under
    cwd_under (Dovecot and Postfix run inside their run directory), or processes whose name starts
    with daemon and whose command line contains cmdline_has or whose environment holds env_has
    (gnome-keyring --daemonize leaves no other trace). Never matches a watchdog or this process."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        hit = False
        if cwd_under:
            cwd = _read_proc(name, "cwd")
            hit = cwd == cwd_under or cwd.startswith(cwd_under + "/")
        if not hit and daemon and _read_proc(name, "comm").startswith(daemon):
            hit = bool(cmdline_has and cmdline_has in _read_proc(name, "cmdline")) or \
                bool(env_has and env_has in _read_proc(name, "environ").split("\0"))
        if hit and "watchdog.py" not in _read_proc(name, "cmdline"):
            found.append(proc_record(int(name)))
    return [r for r in found if r["start"] is not None]


def signal_record(record, sig):
    if is_same_process(record):
        try:
            os.kill(record["pid"], sig)
        except ProcessLookupError:
            pass


def wait_gone(records, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(is_same_process(r) for r in records):
            return True
        time.sleep(0.05)
    return not any(is_same_process(r) for r in records)


def terminate(records, polite=None, timeout=STOP_TIMEOUT):
    """Stops records (and their process trees): polite() first if given, else SIGTERM; SIGKILL
    whatever is still alive after timeout. Returns the records that survived even SIGKILL."""
    live = [r for r in records if is_same_process(r)]
    tree = descendants([r["pid"] for r in live])
    if not tree:
        return []
    if polite is not None:
        try:
            polite()
        except Exception as e:   # a broken polite stop still ends in signals below
            log("polite stop failed: %s" % e)
    for r in live:
        signal_record(r, signal.SIGTERM)
    if not wait_gone(tree, timeout):
        for r in tree:
            signal_record(r, signal.SIGKILL)
        wait_gone(tree, 3.0)
    return [r for r in tree if is_same_process(r)]


def run(args, log_file=None, env=None, input_bytes=None, timeout=60):
    """Runs a command to completion; its output goes to log_file (never to our stdout, so a
    daemon it leaves behind cannot hold CTest's pipe open)."""
    out = open(log_file, "ab") if log_file else subprocess.DEVNULL
    try:
        stdin = {} if input_bytes is not None else {"stdin": subprocess.DEVNULL}
        p = subprocess.run(args, input=input_bytes, **stdin, stdout=out, stderr=out, env=env, timeout=timeout,
                           close_fds=True)
    finally:
        if log_file:
            out.close()
    return p.returncode


def tail(path, lines=30):
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return "(no log at %s)" % path
    return "\n".join(text.splitlines()[-lines:])


# --- state files ----------------------------------------------------------------------------

def write_json(path, data, mode=0o600):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
    with os.fdopen(fd, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


class RunLock:
    """Serialises start, stop and watchdog teardown of one state file, so that a start cleaning
    up after a killed run never races that run's still unfinished start or its watchdog."""

    def __init__(self, state_path):
        self.path = state_path + ".lock"
        self.fd = None

    def __enter__(self):
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(self.fd)
                    raise FixtureError("another fixture run still holds %s" % self.path)
                time.sleep(0.05)

    def __exit__(self, *exc):
        os.close(self.fd)   # releases the lock
        return False


def remove_tree(path):
    """rmtree that retries: on some filesystems a just-exited daemon's files linger a moment."""
    for _ in range(20):
        shutil.rmtree(path, ignore_errors=True)
        if not os.path.exists(path):
            return True
        time.sleep(0.1)
    log("could not remove %s" % path)
    return False


def check_not_in_use(stale, watch):
    """Refuses to take over the state of another test run that is still alive: two CTest runs
    in the same build directory would stop each other's servers."""
    if owned_by_other_run(stale, watch):
        raise FixtureError("the fixture of this build directory is in use by another test run "
                           "(pid %d); wait for it to finish or stop it first" % stale["watched"]["pid"])


def owned_by_other_run(state, caller):
    """True if state belongs to a still running test run other than caller (the CTest that runs
    this cleanup): a refused concurrent run must not stop the servers of the run it collided with."""
    other = (state or {}).get("watched")
    return bool(caller and other and is_same_process(other) and other["pid"] != caller["pid"])


def wait_for(probe, timeout=START_TIMEOUT):
    """probe()'s first true value within timeout, else None."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value or time.monotonic() > deadline:
            return value or None
        time.sleep(0.02)


def remove(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


# --- ports, users, certificates -------------------------------------------------------------

def free_ports(count):
    """count distinct ports that were free a moment ago (bound to port 0, then released)."""
    socks, ports = [], []
    try:
        while len(ports) < count:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind((HOST, 0))
            socks.append(s)
            ports.append(s.getsockname()[1])
    finally:
        for s in socks:
            s.close()
    return ports


def wait_ports(ports, timeout, alive):
    """Waits until every port accepts a TCP connection; alive() says whether waiting still
    makes sense. Returns the ports that never did."""
    deadline = time.monotonic() + timeout
    pending = list(ports)
    while pending and time.monotonic() < deadline:
        for port in list(pending):
            try:
                with socket.create_connection((HOST, port), timeout=0.5):
                    pending.remove(port)
            except OSError:
                pass
        if pending:
            if not alive():
                break
            time.sleep(0.05)
    return pending


# --- the crash watchdog ---------------------------------------------------------------------

def spawn_watchdog(kind, state_path, watched):
    """A detached process that tears the fixture down when the watched process (CTest, recorded
    before the start began) disappears, so a crashed or killed test run leaves nothing running."""
    with open(os.devnull, "rb") as null_in, open(state_path + ".watchdog.log", "ab") as out:
        p = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "watchdog.py"),
                              kind, state_path, json.dumps(watched)],
                             stdin=null_in, stdout=out, stderr=out, close_fds=True, start_new_session=True)
    return proc_record(p.pid)
