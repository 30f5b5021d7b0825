"""MaildirWriter: delivers messages into a Maildir++ folder the way an MDA does (tmp/ then rename),
so a Dovecot that is already running never sees a half-written file."""

import os

from . import encoders
from .errors import SeedError


def folder_directory(root, folder):
    """Maildir++ path of a folder: INBOX is the root, others are .Name with '/' as the hierarchy
    separator ("Archive/2023" is .Archive.2023), each level in modified UTF-7."""
    if not folder or folder.upper() == "INBOX":
        return root
    levels = folder.split("/")
    for level in levels:
        if not level or "." in level or level.startswith("~") or \
                any(ord(c) < 0x20 or c == "\x7f" for c in level):
            raise SeedError(f"folder name {folder!r}: levels are separated by '/', must not be "
                            "empty, contain '.' or control characters, or start with '~'")
    return os.path.join(root, "." + ".".join(encoders.modified_utf7(x) for x in levels))


def nearest_owner(path):
    """uid and gid of path, or of its nearest existing ancestor when it does not exist yet."""
    probe = os.path.abspath(path)
    while not os.path.exists(probe):
        parent = os.path.dirname(probe)
        if parent == probe:
            break
        probe = parent
    st = os.stat(probe)
    return st.st_uid, st.st_gid


def _identity(file_name):
    return file_name.split(",", 1)[0].split(":", 1)[0].partition(".")[2]


class MaildirWriter:
    def __init__(self, root, folder, owner):
        """owner is (uid, gid); files and created directories are given to it when it is not us."""
        self._root = os.path.abspath(root)
        self._dir = folder_directory(self._root, folder)
        self._uid, self._gid = owner
        self._chown = (self._uid, self._gid) != (os.geteuid(), os.getegid())
        if self._chown and os.geteuid() != 0:
            raise SeedError(f"the maildir belongs to uid {self._uid}; only root can write mail "
                            "for another user (or pass --owner with your own user)")
        self._existing = set()

    @property
    def directory(self):
        return self._dir

    def prepare(self):
        """Create the maildir (and folder) if needed and note the names already in it."""
        for d in (self._root, self._dir):
            for sub in ("", "cur", "new", "tmp"):
                self._make_dir(os.path.join(d, sub))
        if self._dir != self._root:
            marker = os.path.join(self._dir, "maildirfolder")
            if not os.path.exists(marker):
                with open(marker, "wb"):
                    pass
                self._give(marker)
        for sub in ("cur", "new"):
            with os.scandir(os.path.join(self._dir, sub)) as entries:
                self._existing.update(_identity(e.name) for e in entries)

    def _make_dir(self, path):
        if os.path.isdir(path):
            return
        if os.path.exists(path):
            raise SeedError(f"{path} exists and is not a directory")
        parent = os.path.dirname(os.path.normpath(path))
        if parent != path:
            self._make_dir(parent)
        os.mkdir(path, 0o700)
        self._give(path)

    def _give(self, path):
        if self._chown:
            os.chown(path, self._uid, self._gid)

    def message_count(self):
        total = 0
        for sub in ("cur", "new"):
            with os.scandir(os.path.join(self._dir, sub)) as entries:
                total += sum(1 for e in entries if not e.name.startswith("."))
        return total

    def collides(self, base_name):
        """Whether a message with the same identity (base name without its timestamp) exists."""
        return _identity(base_name) in self._existing

    def write(self, base_name, data, timestamp, flags, in_new):
        """base_name gets ,S= and ,W= (Dovecot trusts them and skips a stat/read); the file's
        mtime becomes the message's INTERNALDATE."""
        virtual_size = len(data) + data.count(b"\n")
        name = f"{base_name},S={len(data)},W={virtual_size}"
        tmp = os.path.join(self._dir, "tmp", name)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if self._chown:
                os.fchown(fd, self._uid, self._gid)
            os.utime(fd, (timestamp, timestamp))
        except BaseException:
            os.close(fd)
            os.unlink(tmp)
            raise
        os.close(fd)
        final = os.path.join(self._dir, "new", name) if in_new else \
            os.path.join(self._dir, "cur", f"{name}:2,{flags}")
        os.rename(tmp, final)
        return final
