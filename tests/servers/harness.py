"""Shared code of Petrel's test fixtures: private Dovecot + Postfix instances and a private
D-Bus session with an unlocked gnome-keyring.

Used by start.py, stop.py and sandbox (stdlib only, system python3). Everything a run starts is
recorded in a state file (pid plus kernel start time, so a recycled pid is never killed) before it
is started, so a stop, a watchdog or the next start can always tear down exactly what was started.
"""

import fcntl
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

DOMAIN = "petrel.test"
HOST = "127.0.0.1"
HOSTNAME = "localhost"
USERS = ("alice", "bob", "carol", "sink")
MAIL_USER = "petrel-mail"
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


def processes_mentioning(text, env_entry=None, env_comm="gnome-keyring"):
    """The safety net for a daemon that was started but whose pid was never recorded (a start
    interrupted at the wrong moment): processes whose command line or working directory contains
    text (a unique run directory name), or, if env_entry is given, processes named env_comm* whose
    environment holds env_entry (gnome-keyring --daemonize leaves no other trace)."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        cmdline = _read_proc(name, "cmdline")
        if "harness.py" in cmdline:
            continue   # a watchdog is stopped through its own record
        hit = text in cmdline or text in _read_proc(name, "cwd")
        if not hit and env_entry and _read_proc(name, "comm").startswith(env_comm):
            hit = env_entry in _read_proc(name, "environ").split("\0")
        if hit:
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


def ensure_mail_user():
    """The system user owning the maildirs (Dovecot refuses to deliver as root)."""
    for _ in range(2):
        try:
            pw = pwd.getpwnam(MAIL_USER)
            return pw.pw_uid, pw.pw_gid
        except KeyError:
            # A concurrent run may create it at the same moment; the second lookup settles it.
            run(["useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                 "--shell", "/usr/sbin/nologin", MAIL_USER])
    raise FixtureError("cannot create the system user %s (useradd failed)" % MAIL_USER)


def make_certificates(tls_dir, log_file):
    """A per-run CA and a server certificate for localhost / 127.0.0.1 signed by it."""
    os.makedirs(tls_dir, mode=0o755)
    ca_key, ca, key, csr, cert = (os.path.join(tls_dir, n) for n in
                                  ("ca.key", "ca.pem", "server.key", "server.csr", "server.pem"))
    ext = os.path.join(tls_dir, "server.ext")
    with open(ext, "w") as f:
        f.write("basicConstraints = critical, CA:FALSE\n"
                "keyUsage = critical, digitalSignature, keyEncipherment\n"
                "extendedKeyUsage = serverAuth\n"
                "subjectKeyIdentifier = hash\n"
                "authorityKeyIdentifier = keyid\n"
                "subjectAltName = DNS:localhost, IP:127.0.0.1\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    steps = [
        ["openssl", "req", "-x509", *ec, "-keyout", ca_key, "-out", ca, "-days", "30",
         "-subj", "/O=Petrel tests/CN=Petrel test CA",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign",
         "-addext", "subjectKeyIdentifier=hash"],
        ["openssl", "req", "-new", *ec, "-keyout", key, "-out", csr, "-subj", "/O=Petrel tests/CN=localhost"],
        ["openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
         "-out", cert, "-days", "30", "-extfile", ext],
    ]
    for args in steps:
        if run(args, log_file) != 0:
            raise FixtureError("openssl failed: %s\n%s" % (" ".join(args[:3]), tail(log_file)))
    os.chmod(key, 0o600)
    os.chmod(ca_key, 0o600)
    return ca, cert, key


# --- Dovecot --------------------------------------------------------------------------------


def write_dovecot(d, ports, users, uid, gid, cert, key):
    with open(os.path.join(d, "users"), "w") as f:
        for u in users:
            f.write("%s:{PLAIN}%s:%d:%d::%s::\n" % (u["login"], u["password"], uid, gid, u["home"]))
    os.chown(os.path.join(d, "users"), 0, pwd.getpwnam("dovecot").pw_gid)
    os.chmod(os.path.join(d, "users"), 0o640)
    dh = "/usr/share/dovecot/dh.pem"
    conf = os.path.join(d, "dovecot.conf")
    with open(conf, "w") as f:
        f.write(template("dovecot.conf.in").format(
            instance="petrel-" + os.path.basename(d), dir=d, cert=cert, key=key,
            ssl_dh=("ssl_dh = <" + dh) if os.path.exists(dh) else "",
            mail_user=MAIL_USER, uid=uid, gid=gid, domain=DOMAIN, **ports))
    return conf


# --- Postfix --------------------------------------------------------------------------------


# Every service runs unchrooted (chroot = n): the queue lives in the run directory.


def write_postfix(d, ports, users, cert, key):
    cfg = os.path.join(d, "postfix")
    os.makedirs(cfg)
    os.makedirs(os.path.join(d, "postfix-queue"))
    data = os.path.join(d, "postfix-data")
    os.makedirs(data)
    pf = pwd.getpwnam("postfix")
    os.chown(data, pf.pw_uid, pf.pw_gid)
    with open(os.path.join(cfg, "main.cf"), "w") as f:
        f.write(template("main.cf.in").format(dir=d, domain=DOMAIN, cert=cert, key=key, **ports))
    with open(os.path.join(cfg, "master.cf"), "w") as f:
        f.write(template("master.cf.in").format(**ports))
    with open(os.path.join(cfg, "virtual_alias"), "w") as f:
        f.write("# Every recipient outside %s goes to the sink.\n" % DOMAIN)
        f.write("!/@%s$/ sink@%s\n" % (DOMAIN.replace(".", "\\."), DOMAIN))
    # Unknown users of the domain are refused at RCPT time rather than bounced later.
    with open(os.path.join(cfg, "mailboxes"), "w") as f:
        for u in users:
            f.write("%s OK\n" % u["login"])
    return cfg


# --- the mail servers -----------------------------------------------------------------------

PORT_NAMES = ("imap", "imaps", "pop3", "pop3s", "lmtp", "submission", "submissions", "inject")


def read_pid(path):
    try:
        with open(path) as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def wait_for(probe, timeout=START_TIMEOUT):
    """probe()'s first true value within timeout, else None."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value or time.monotonic() > deadline:
            return value or None
        time.sleep(0.02)


def stop_servers(state):
    """Stops what state records and removes its directory. Safe to call more than once."""
    if not state:
        return True
    if state.get("watchdog") and state["watchdog"].get("pid") != os.getpid():
        signal_record(state["watchdog"], signal.SIGTERM)
    d = state.get("dir")
    procs = [r for r in state.get("procs", []) if r.get("pid")]
    if d and os.path.basename(d).startswith("petrel-servers-"):
        procs += processes_mentioning(os.path.basename(d))
    postfix_cfg = state.get("postfix_config")

    def polite():
        if postfix_cfg and os.path.exists(os.path.join(postfix_cfg, "main.cf")):
            run(["postfix", "-c", postfix_cfg, "stop"], timeout=20)
        # Dovecot stops on SIGTERM to its master (sent by terminate()); "doveadm stop" would wait
        # for the master's pid to vanish, which a not yet reaped zombie delays.

    survivors = terminate(procs, polite)
    keep = os.environ.get("PETREL_FIXTURE_KEEP") == "1"   # keep the logs for a post-mortem
    if d and os.path.isdir(d) and os.path.basename(d).startswith("petrel-servers-") and not keep:
        remove_tree(d)
    if survivors:
        log("processes survived SIGKILL: %s" % [r["pid"] for r in survivors])
    return not survivors


def owned_by_other_run(state, caller):
    """True if state belongs to a still running test run other than caller (the CTest that runs
    this cleanup): a refused concurrent run must not stop the servers of the run it collided with."""
    other = (state or {}).get("watched")
    return bool(caller and other and is_same_process(other) and other["pid"] != caller["pid"])


def stop_servers_at(state_path, caller=None):
    """Stops the servers recorded in state_path and removes their files."""
    with RunLock(state_path):
        state = read_json(state_path)
        if owned_by_other_run(state, caller):
            log("leaving the servers of test run %d running" % state["watched"]["pid"])
            return True
        ok = stop_servers(state)
        if state and state.get("json"):
            remove(state["json"])
        remove(state_path)
    return ok


def start_servers(state_path, json_path, watch=None):
    """Starts Dovecot and Postfix in a fresh temporary directory and writes json_path.
    state_path records what runs so that stop_servers() can end exactly that."""
    with RunLock(state_path):
        return _start_servers(state_path, json_path, watch)


def _start_servers(state_path, json_path, watch):
    stale = read_json(state_path)
    check_not_in_use(stale, watch)
    if stale:
        log("cleaning up a stale instance in %s" % stale.get("dir"))
        stop_servers(stale)
    remove(state_path)
    remove(json_path)

    uid, gid = ensure_mail_user()
    d = tempfile.mkdtemp(prefix="petrel-servers-", dir="/tmp")
    os.chmod(d, 0o755)   # the servers' unprivileged processes must reach their sockets
    state = {"dir": d, "procs": [], "json": json_path, "watched": watch}
    write_json(state_path, state)
    try:
        info = _start_in(d, state, state_path, uid, gid)
    except BaseException:
        stop_servers(state)
        remove(state_path)
        raise
    if watch:
        state["watchdog"] = spawn_watchdog("servers", state_path, watch)
        write_json(state_path, state)
    write_json(json_path, info)
    return info


def _start_in(d, state, state_path, uid, gid):
    setup_log = os.path.join(d, "setup.log")
    ca, cert, key = make_certificates(os.path.join(d, "tls"), setup_log)
    mail_root = os.path.join(d, "mail")
    os.makedirs(mail_root)
    os.chown(mail_root, uid, gid)
    users = []
    for name in USERS:
        home = os.path.join(mail_root, DOMAIN, name)
        users.append({"login": "%s@%s" % (name, DOMAIN), "password": secrets.token_urlsafe(12),
                      "home": home, "maildir": os.path.join(home, "Maildir")})
    os.makedirs(os.path.join(mail_root, DOMAIN))
    os.chown(os.path.join(mail_root, DOMAIN), uid, gid)

    last_error = None
    for attempt in range(3):
        ports = dict(zip(PORT_NAMES, free_ports(len(PORT_NAMES))))
        dovecot_conf = write_dovecot(d, ports, users, uid, gid, cert, key)
        postfix_cfg = write_postfix(d, ports, users, cert, key)
        state.update({"dovecot_conf": dovecot_conf, "postfix_config": postfix_cfg, "procs": []})
        write_json(state_path, state)
        try:
            _launch(d, state, state_path, ports, setup_log)
            break
        except FixtureError as e:
            last_error = e
            stop_servers(dict(state, dir=None))
            clash = "Address already in use" in (tail(os.path.join(d, "dovecot.log"), 50) +
                                                 tail(os.path.join(d, "postfix.log"), 50) +
                                                 tail(setup_log, 50))
            if not clash:
                raise
            log("port clash, retrying with new ports (attempt %d)" % (attempt + 2))
            for sub in ("postfix", "postfix-queue", "postfix-data", "dovecot-run", "dovecot-state"):
                shutil.rmtree(os.path.join(d, sub), ignore_errors=True)
            for f in ("dovecot.log", "postfix.log"):
                remove(os.path.join(d, f))
    else:
        raise last_error

    for u in users:
        del u["home"]
    return {
        "dir": d, "host": HOST, "hostname": HOSTNAME, "ca": ca,
        "imap": {"starttls": ports["imap"], "tls": ports["imaps"]},
        "pop3": {"stls": ports["pop3"], "tls": ports["pop3s"]},
        "smtp": {"submission": ports["submission"], "submissions": ports["submissions"],
                 "inject": ports["inject"]},
        "lmtp": ports["lmtp"], "lmtp_socket": os.path.join(d, "dovecot-run", "lmtp"),
        "domain": DOMAIN, "users": users, "sink": "sink@" + DOMAIN,
        "doveadm": ["doveadm", "-c", state["dovecot_conf"]],
        "pids": [r["pid"] for r in state["procs"]],
        "postfix_config": state["postfix_config"],
        "logs": {"dovecot": os.path.join(d, "dovecot.log"), "postfix": os.path.join(d, "postfix.log")},
    }


def _launch(d, state, state_path, ports, setup_log):
    dovecot_conf, postfix_cfg = state["dovecot_conf"], state["postfix_config"]
    if run(["dovecot", "-c", dovecot_conf], setup_log) != 0:
        raise FixtureError("dovecot did not start:\n%s\n%s" % (tail(setup_log), tail(os.path.join(d, "dovecot.log"))))
    # The dovecot command returns before its forked master has written the pid file.
    dpid = wait_for(lambda: read_pid(os.path.join(d, "dovecot-run", "master.pid")))
    if dpid:
        state["procs"].append(proc_record(dpid))
        write_json(state_path, state)
    if run(["postfix", "-c", postfix_cfg, "start"], setup_log) != 0:
        raise FixtureError("postfix did not start:\n%s\n%s" % (tail(setup_log), tail(os.path.join(d, "postfix.log"))))
    ppid = wait_for(lambda: read_pid(os.path.join(d, "postfix-queue", "pid", "master.pid")))
    if ppid:
        state["procs"].append(proc_record(ppid))
        write_json(state_path, state)
    if not dpid or not ppid:
        raise FixtureError("no master pid (dovecot %s, postfix %s):\n%s" % (dpid, ppid, tail(setup_log)))

    missing = wait_ports(ports.values(), START_TIMEOUT, lambda: all(is_same_process(r) for r in state["procs"]))
    if missing:
        names = [n for n, p in ports.items() if p in missing]
        raise FixtureError("ports never accepted connections: %s\n--- dovecot.log\n%s\n--- postfix.log\n%s"
                           % (", ".join(names), tail(os.path.join(d, "dovecot.log")),
                              tail(os.path.join(d, "postfix.log"))))
    # Postfix authenticates through this socket; it appears with Dovecot's auth service.
    auth = os.path.join(d, "dovecot-run", "auth-postfix")
    deadline = time.monotonic() + START_TIMEOUT
    while not os.path.exists(auth) and time.monotonic() < deadline:
        time.sleep(0.05)
    if not os.path.exists(auth):
        raise FixtureError("dovecot's auth socket %s never appeared:\n%s" % (auth, tail(os.path.join(d, "dovecot.log"))))


# --- the keyring ----------------------------------------------------------------------------


def stop_keyring(state):
    if not state:
        return True
    if state.get("watchdog") and state["watchdog"].get("pid") != os.getpid():
        signal_record(state["watchdog"], signal.SIGTERM)
    procs = [r for r in state.get("procs", []) if r.get("pid")]
    bus_dir = state.get("bus_dir")
    if bus_dir and os.path.basename(bus_dir).startswith("petrel-bus-") and state.get("address"):
        procs += processes_mentioning(bus_dir, "DBUS_SESSION_BUS_ADDRESS=" + state["address"])
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


# --- the crash watchdog ---------------------------------------------------------------------

def spawn_watchdog(kind, state_path, watched):
    """A detached process that tears the fixture down when the watched process (CTest, recorded
    before the start began) disappears, so a crashed or killed test run leaves nothing running."""
    with open(os.devnull, "rb") as null_in, open(state_path + ".watchdog.log", "ab") as out:
        p = subprocess.Popen([sys.executable, os.path.abspath(__file__), "watchdog", kind, state_path,
                              json.dumps(watched)],
                             stdin=null_in, stdout=out, stderr=out, close_fds=True, start_new_session=True)
    return proc_record(p.pid)


def watchdog_main(kind, state_path, watched_json):
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
            stop_servers(state)
            if state.get("json"):
                remove(state["json"])
        else:
            stop_keyring(state)
        remove(state_path)


if __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "watchdog":
    watchdog_main(sys.argv[2], sys.argv[3], sys.argv[4])
