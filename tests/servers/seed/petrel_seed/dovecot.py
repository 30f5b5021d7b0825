"""The fixture's servers JSON and the doveadm calls that make Dovecot see freshly written files."""

import json
import pwd
import subprocess

from .errors import SeedError

DOVEADM_TIMEOUT = 3600


def load_user(servers_file, user):
    """(login, maildir, owner user name or None, doveadm argv prefix) for user, which may be the
    full login or its local part."""
    try:
        with open(servers_file, encoding="utf-8") as f:
            servers = json.load(f)
    except (OSError, ValueError) as e:
        raise SeedError(f"cannot read servers file {servers_file}: {e}") from e
    if not isinstance(servers, dict):
        raise SeedError(f"{servers_file}: expected a JSON object")
    users = servers.get("users")
    if not isinstance(users, list):
        raise SeedError(f"{servers_file}: no \"users\" list")
    for entry in users:
        login = entry.get("login", "") if isinstance(entry, dict) else ""
        if login and user in (login, login.split("@")[0]):
            maildir = entry.get("maildir")
            if not isinstance(maildir, str) or not maildir:
                raise SeedError(f"{servers_file}: user {login} has no \"maildir\"")
            dovecot = servers.get("dovecot") if isinstance(servers.get("dovecot"), dict) else {}
            owner = (entry.get("owner") or servers.get("mail_user") or servers.get("owner")
                     or dovecot.get("mail_user"))
            return login, maildir, owner, parse_doveadm(servers.get("doveadm"), servers_file)
    raise SeedError(f"{servers_file}: no user {user!r}")


def parse_doveadm(value, origin="--doveadm"):
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as e:
            raise SeedError(f"{origin}: doveadm must be a JSON array of strings: {e}") from e
    if value is None:
        return None
    if not isinstance(value, list) or not value or not all(isinstance(a, str) for a in value):
        raise SeedError(f"{origin}: doveadm must be a non-empty JSON array of strings")
    return value


def owner_ids(name):
    try:
        pw = pwd.getpwnam(name)
    except KeyError as e:
        raise SeedError(f"no such user: {name}") from e
    return pw.pw_uid, pw.pw_gid


class Doveadm:
    def __init__(self, argv, user, mailbox):
        self._argv = argv
        self._user = user
        self._mailbox = mailbox

    def _run(self, *args):
        cmd = self._argv + list(args)
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=DOVEADM_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise SeedError(f"{' '.join(cmd)}: {e}") from e
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", "replace").strip()
            raise SeedError(f"{' '.join(cmd)} exited with {done.returncode}: {err}")
        return done.stdout

    def count(self, *query):
        out = self._run("search", "-u", self._user, "mailbox", self._mailbox, *(query or ("ALL",)))
        return sum(1 for line in out.splitlines() if line.strip())

    def subscribe(self):
        self._run("mailbox", "subscribe", "-u", self._user, self._mailbox)

    def synchronize(self, expected):
        """Index the mailbox; if Dovecot still counts fewer messages than files on disk, resync.
        Returns Dovecot's count."""
        self._run("index", "-u", self._user, self._mailbox)
        seen = self.count()
        if seen < expected:
            self._run("force-resync", "-u", self._user, self._mailbox)
            self._run("index", "-u", self._user, self._mailbox)
            seen = self.count()
        if seen < expected:
            raise SeedError(f"Dovecot sees {seen} messages in {self._mailbox} of {self._user}, "
                            f"expected at least {expected}")
        return seen
