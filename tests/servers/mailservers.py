"""The private Dovecot and Postfix of one test run: certificates, configuration, start and stop."""

import grp
import os
import pwd
import secrets
import shutil
import signal
import tempfile
import time

from harness import (HOST, START_TIMEOUT, FixtureError, RunLock, check_not_in_use, free_ports, is_same_process,
                     log, owned_by_other_run, proc_record, find_processes, read_json, remove, remove_tree,
                     run, signal_record, spawn_watchdog, tail, template, terminate, wait_for, wait_ports,
                     write_json)

DOMAIN = "petrel.test"
HOSTNAME = "localhost"
# One user per test that changes a mailbox (see tests/servers/README.md), so tests can run in
# parallel: alice, bob, carol: servers_selftest and servers_roundtrip (they only add mail);
# dave: seed_dovecot; erin: pop3_dovecot; frank, grace, heidi, ivan: IMAP tests; kim, leo: POP3
# download tests; mia, ned: SMTP tests; olga: IMAP watch (IDLE); pat: IMAP folder actions; quinn:
# IMAP offline bodies; rita, sam: IMAP two profiles and offline replay; tom: the poor IMAP server;
# uma: the 10,000-message folder; ivo: the IMAP resync shortcut; vera, walt: sending (petrel-cli send, outbox, Sent, drafts);
# xena: POP3 local folders, scheduled checks and protocol switch; sink: outside mail.
USERS = ("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "kim", "leo", "mia",
         "ned", "olga", "pat", "quinn", "rita", "sam", "tom", "uma", "vera", "walt", "xena", "yara",
         "zoe", "amy", "ben", "cleo",
         "bea", "dan", "eve", "fay", "gus", "ivo", "sink")
MAIL_USER = "petrel-mail"


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
    values = dict(instance="petrel-" + os.path.basename(d), dir=d, cert=cert, key=key,
                  ssl_dh=("ssl_dh = <" + dh) if os.path.exists(dh) else "",
                  mail_user=MAIL_USER, uid=uid, gid=gid, domain=DOMAIN, **ports)
    for name in ("dovecot-mail.conf", "dovecot.conf", "dovecot-poor.conf"):
        with open(os.path.join(d, name), "w") as f:
            f.write(template(name + ".in").format(**values))
    return os.path.join(d, "dovecot.conf"), os.path.join(d, "dovecot-poor.conf")


# --- Postfix --------------------------------------------------------------------------------


# Every service runs unchrooted (chroot = n): the queue lives in the run directory.


def make_queue(queue):
    """Creates Postfix's queue directories as its own postfix-files table describes them. Doing it
    here instead of "postfix check" (a shell script forking a hundred times) saves about 2 s."""
    owners = {"root": (0, 0), "$mail_owner": (pwd.getpwnam("postfix").pw_uid, 0)}
    made = 0
    with open("/etc/postfix/postfix-files") as f:
        for line in f:
            fields = line.strip().split(":")
            if len(fields) < 5 or fields[1] != "d" or not fields[0].startswith("$queue_directory"):
                continue
            path = queue + fields[0][len("$queue_directory"):]
            uid, gid = owners[fields[2]]
            if fields[3] == "$setgid_group":
                gid = grp.getgrnam("postdrop").gr_gid
            os.makedirs(path, exist_ok=True)
            os.chown(path, uid, gid)
            os.chmod(path, int(fields[4], 8))
            made += 1
    if made < 10:
        raise FixtureError("/etc/postfix/postfix-files does not describe the queue directories")


def write_postfix(d, ports, users, cert, key):
    cfg = os.path.join(d, "postfix")
    os.makedirs(cfg)
    make_queue(os.path.join(d, "postfix-queue"))
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
    # Postfix waits until a configuration file is more than a second old, in case it is still
    # being written (1.5 s per start here); these are complete, so date them back.
    past = time.time() - 60
    for name in os.listdir(cfg):
        os.utime(os.path.join(cfg, name), (past, past))
    return cfg


# --- the mail servers -----------------------------------------------------------------------

PORT_NAMES = ("imap", "imaps", "pop3", "pop3s", "lmtp", "submission", "submissions", "inject", "imap_poor")


def read_pid(path):
    try:
        with open(path) as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def stop_servers(state, remove_dir=True):
    """Stops what state records (and any daemon running inside its directory) and removes the
    directory. Safe to call more than once."""
    if not state:
        return True
    if state.get("watchdog") and state["watchdog"].get("pid") != os.getpid():
        signal_record(state["watchdog"], signal.SIGTERM)
    d = state.get("dir")
    procs = [r for r in state.get("procs", []) if r.get("pid")]
    if d and os.path.basename(d).startswith("petrel-servers-"):
        procs += find_processes(cwd_under=d)
    postfix_cfg = state.get("postfix_config")

    def polite():
        if postfix_cfg and os.path.exists(os.path.join(postfix_cfg, "main.cf")):
            run(["postfix", "-c", postfix_cfg, "stop"], timeout=20)
        # Dovecot stops on SIGTERM to its master (sent by terminate()); "doveadm stop" would wait
        # for the master's pid to vanish, which a not yet reaped zombie delays.

    survivors = terminate(procs, polite)
    keep = os.environ.get("PETREL_FIXTURE_KEEP") == "1"   # keep the logs for a post-mortem
    if remove_dir and d and os.path.isdir(d) and os.path.basename(d).startswith("petrel-servers-") and not keep:
        remove_tree(d)
    if survivors:
        log("processes survived SIGKILL: %s" % [r["pid"] for r in survivors])
    return not survivors


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
        dovecot_conf, poor_conf = write_dovecot(d, ports, users, uid, gid, cert, key)
        postfix_cfg = write_postfix(d, ports, users, cert, key)
        state.update({"dovecot_conf": dovecot_conf, "dovecot_poor_conf": poor_conf, "postfix_config": postfix_cfg,
                      "procs": []})
        write_json(state_path, state)
        try:
            _launch(d, state, state_path, ports, setup_log)
            break
        except FixtureError as e:
            last_error = e
            stop_servers(state, remove_dir=False)
            clash = "Address already in use" in (tail(os.path.join(d, "dovecot.log"), 50) +
                                                 tail(os.path.join(d, "dovecot-poor.log"), 50) +
                                                 tail(os.path.join(d, "postfix.log"), 50) +
                                                 tail(setup_log, 50))
            if not clash:
                raise
            log("port clash, retrying with new ports (attempt %d)" % (attempt + 2))
            for sub in ("postfix", "postfix-queue", "postfix-data", "dovecot-run", "dovecot-state"):
                shutil.rmtree(os.path.join(d, sub), ignore_errors=True)
            for sub in ("dovecot-poor-run", "dovecot-poor-state"):
                shutil.rmtree(os.path.join(d, sub), ignore_errors=True)
            for f in ("dovecot.log", "dovecot-poor.log", "postfix.log"):
                remove(os.path.join(d, f))
    else:
        raise last_error

    for u in users:
        del u["home"]
    return {
        "dir": d, "host": HOST, "hostname": HOSTNAME, "ca": ca,
        "imap": {"starttls": ports["imap"], "tls": ports["imaps"]},
        "imap_poor": {"tls": ports["imap_poor"], "config": state["dovecot_poor_conf"],
                      "start": ["dovecot", "-c", state["dovecot_poor_conf"]],
                      "stop": ["doveadm", "-c", state["dovecot_poor_conf"], "stop"]},
        "pop3": {"stls": ports["pop3"], "tls": ports["pop3s"]},
        "smtp": {"submission": ports["submission"], "submissions": ports["submissions"],
                 "inject": ports["inject"]},
        "lmtp": ports["lmtp"], "lmtp_socket": os.path.join(d, "dovecot-run", "lmtp"),
        "domain": DOMAIN, "users": users, "sink": "sink@" + DOMAIN,
        "doveadm": ["doveadm", "-c", state["dovecot_conf"]],
        "pids": [r["pid"] for r in state["procs"]],
        "postfix_config": state["postfix_config"],
        "logs": {"dovecot": os.path.join(d, "dovecot.log"), "dovecot_poor": os.path.join(d, "dovecot-poor.log"),
                 "postfix": os.path.join(d, "postfix.log")},
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
    if run(["dovecot", "-c", state["dovecot_poor_conf"]], setup_log) != 0:
        raise FixtureError("the poor dovecot did not start:\n%s\n%s"
                           % (tail(setup_log), tail(os.path.join(d, "dovecot-poor.log"))))
    ppid_poor = wait_for(lambda: read_pid(os.path.join(d, "dovecot-poor-run", "master.pid")))
    if ppid_poor:
        state["procs"].append(proc_record(ppid_poor))
        write_json(state_path, state)
    # The queue is complete (make_queue): the quick-start marker makes "start" skip its integrity
    # check script, which takes seconds here.
    open(os.path.join(d, "postfix-queue", "quick-start"), "w").close()
    if run(["postfix", "-c", postfix_cfg, "start"], setup_log) != 0:
        raise FixtureError("postfix did not start:\n%s\n%s" % (tail(setup_log), tail(os.path.join(d, "postfix.log"))))
    ppid = wait_for(lambda: read_pid(os.path.join(d, "postfix-queue", "pid", "master.pid")))
    if ppid:
        state["procs"].append(proc_record(ppid))
        write_json(state_path, state)
    if not dpid or not ppid or not ppid_poor:
        raise FixtureError("no master pid (dovecot %s, poor dovecot %s, postfix %s):\n%s"
                           % (dpid, ppid_poor, ppid, tail(setup_log)))

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
