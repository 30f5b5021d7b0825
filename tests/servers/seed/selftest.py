#!/usr/bin/env python3
"""seed_selftest: petrel-seed without servers. Seeds temporary maildirs and proves determinism, the
promised variety, and that Python's own MIME parser reads every message without a defect."""

import base64
import email
import email.policy
import email.utils
import json
import os
import pwd
import re
import struct
import subprocess
import sys
import tempfile
import zlib
from collections import Counter

HERE = os.path.dirname(os.path.realpath(__file__))
TOOL = os.path.join(HERE, "petrel-seed")
COUNT = 300
CHARSETS = {"us-ascii", "utf-8", "iso-8859-1", "windows-1252", "koi8-r", "iso-2022-jp"}

ENCODED_WORD = re.compile(rb"=\?[^?\s]+\?[BQbq]\?[^?\s]*\?=")

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)
    return ok


def seed(*args):
    done = subprocess.run([sys.executable, TOOL, *args], capture_output=True, timeout=600)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def files_of(maildir):
    """{relative path: bytes} of every message file under maildir (all folders)."""
    out = {}
    for dirpath, _, names in os.walk(maildir):
        if os.path.basename(dirpath) not in ("cur", "new"):
            continue
        for n in names:
            path = os.path.join(dirpath, n)
            with open(path, "rb") as f:
                out[os.path.relpath(path, maildir)] = f.read()
    return out


def png_ok(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return False
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            return False
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        if kind == b"IDAT":
            idat += body
        pos += 12 + length
    return len(zlib.decompress(idat)) == height * (width * 3 + 1)


def test_determinism(tmp):
    a, b, c = (os.path.join(tmp, x) for x in ("a", "b", "c"))
    for d, s in ((a, "42"), (b, "42"), (c, "43")):
        rc, _, err = seed("--maildir", d, "--count", str(COUNT), "--seed", s)
        check(rc == 0, f"seeding {d} failed: {err}")
    fa, fb, fc = files_of(a), files_of(b), files_of(c)
    check(len(fa) == COUNT, f"{len(fa)} files written, expected {COUNT}")
    check(fa == fb, "same seed gave different file names or bytes")
    check(set(fa.values()).isdisjoint(fc.values()), "a different seed repeated some messages")
    check(set(fa) != set(fc), "a different seed gave the same file names")
    return a, fa


def test_messages(maildir, files):
    charsets, ctes, encodings, styles = Counter(), Counter(), Counter(), Counter()
    ids, parents, refs, dates = set(), [], [], []
    flags = Counter()
    sizes = []
    non_ascii_2231 = []
    forwarded = []
    for rel, data in sorted(files.items()):
        name = os.path.basename(rel)
        sizes.append(len(data))
        check(f",S={len(data)}," in name, f"{rel}: S= does not match the size")
        crlf_size = len(data) + data.count(b"\n")
        check(f",W={crlf_size}" in name, f"{rel}: W= is not the CRLF size")
        info = name.split(":2,")[1] if ":2," in name else None
        check((info is None) == rel.startswith("new"), f"{rel}: info suffix in the wrong place")
        flags["new" if info is None else (info or "unseen")] += 1
        head = data.partition(b"\n\n")[0]
        check(head.isascii() and b"\r" not in data, f"{rel}: 8-bit header or CR in the file")
        check(max(map(len, data.split(b"\n"))) <= 998, f"{rel}: a line exceeds 998 octets")
        check(all(len(w) <= 75 for w in ENCODED_WORD.findall(data)),
              f"{rel}: an encoded-word exceeds 75 characters")
        check(b"Content-Transfer-Encoding: 8bit" in data or data.isascii(),
              f"{rel}: 8-bit bytes without an 8bit part")
        msg = email.message_from_bytes(data, policy=email.policy.default)
        check(not msg.defects, f"{rel}: defects {msg.defects}")
        subject = str(msg["subject"])
        check(subject and "=?" not in subject and "\ufffd" not in subject,
              f"{rel}: subject not decoded: {subject!r}")
        raw_subject = data.split(b"\nSubject: ", 1)[1].split(b"\n", 1)[0]
        if b"=?" in raw_subject:
            encodings[raw_subject.split(b"=?", 1)[1].split(b"?")[1].decode().upper()] += 1
        check("\ufffd" not in str(msg["from"]), f"{rel}: From not decoded")
        mid = msg["message-id"]
        check(mid not in ids, f"{rel}: duplicate Message-ID {mid}")
        ids.add(mid)
        if msg["in-reply-to"]:
            parents.append((rel, str(msg["in-reply-to"])))
            check(subject.split(":")[0] in ("Re", "RE", "AW"), f"{rel}: reply without Re: prefix")
            refs.append((rel, str(msg["references"]).split()))
        stamp = email.utils.parsedate_to_datetime(str(msg["date"])).timestamp()
        dates.append(stamp)
        check(int(os.stat(os.path.join(maildir, rel)).st_mtime) == int(stamp),
              f"{rel}: mtime (INTERNALDATE) differs from Date")
        for part in msg.walk():
            check(not part.defects, f"{rel}: part defects {part.defects}")
            if part.get_content_type() == "message/rfc822":
                inner = part.get_content()
                inner_subject = str(inner["subject"])
                forwarded.append(inner_subject)
                check(inner["message-id"] and "=?" not in inner_subject
                      and "\ufffd" not in inner_subject, f"{rel}: forwarded message unreadable")
            if part.is_multipart():
                continue
            cte = part["content-transfer-encoding"]
            ctes[str(cte)] += 1
            content = part.get_content()
            if part.get_content_maintype() == "text":
                charsets[part.get_content_charset()] += 1
                check("\ufffd" not in content, f"{rel}: {part.get_content_charset()} text part "
                      "did not decode cleanly")
                check(len(content.strip()) > 0, f"{rel}: empty text part")
            filename = part.get_filename()
            if filename:
                check("=?" not in filename and "\ufffd" not in filename,
                      f"{rel}: filename not decoded: {filename!r}")
                raw = {k.lower(): v for k, v in part.raw_items()}.get("content-disposition", "")
                if "filename*" in raw and not filename.isascii():
                    non_ascii_2231.append(filename)
            if part.get_content_type() == "image/png":
                check(png_ok(content), f"{rel}: {filename} is not a valid PNG")
            if part.get_content_type() == "application/pdf":
                check(content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF"),
                      f"{rel}: {filename} is not PDF-shaped")
        text = data.decode("latin-1")
        for marker, style in (("filename*=UTF-8''", "2231"), ("filename*0*=", "2231-continued"),
                              ("filename*=ISO-8859-1'", "2231-lang"), ('filename="=?', "2047")):
            if marker.lower() in text.lower():
                styles[style] += 1
    # Threads point at messages that exist.
    for rel, parent in parents:
        check(parent in ids, f"{rel}: In-Reply-To {parent} is not a seeded message")
    for rel, chain in refs:
        check(all(r in ids for r in chain), f"{rel}: References name an unknown message")
    check(len(parents) >= COUNT // 10, f"only {len(parents)} replies")

    check(CHARSETS <= set(charsets), f"charsets missing: {CHARSETS - set(charsets)}")
    check({"7bit", "8bit", "quoted-printable", "base64"} <= set(ctes),
          f"transfer encodings seen: {dict(ctes)}")
    check(encodings["B"] > 0 and encodings["Q"] > 0, f"encoded subjects B/Q: {dict(encodings)}")
    check(non_ascii_2231, "no RFC 2231 file name decodes to non-ASCII")
    check(forwarded, "no forwarded message/rfc822 attachment")
    check(all(styles[s] for s in ("2231", "2231-continued", "2047")),
          f"file name forms seen: {dict(styles)}")
    check(len(flags) >= 5 and flags["new"] and flags["unseen"] and flags["S"],
          f"flags not mixed: {dict(flags)}")
    check(max(dates) - min(dates) > 2 * 365 * 86400, "dates span less than two years")
    sizes.sort()
    check(sizes[0] < 2048 and sizes[len(sizes) // 2] < 20000 and sizes[-1] > 1000000,
          f"size spread: min {sizes[0]}, median {sizes[len(sizes) // 2]}, max {sizes[-1]}")
    print(f"checked {len(files)} messages: charsets {dict(charsets)}, flags {dict(flags)}, "
          f"replies {len(parents)}, file name forms {dict(styles)}")


def test_stats_and_limits(tmp):
    d = os.path.join(tmp, "stats")
    rc, out, err = seed("--maildir", d, "--count", "120", "--seed", "5", "--max-size", "65536",
                        "--folder", "Archive/Zürich", "--stats")
    if not check(rc == 0, f"seeding with --stats failed: {err}"):
        return
    stats = json.loads(out)
    folder = os.path.join(d, ".Archive.Z&APw-rich")
    check(stats["maildir"] == folder, f"folder written to {stats['maildir']}")
    check(os.path.isfile(os.path.join(folder, "maildirfolder")), "maildirfolder marker missing")
    files = files_of(folder)
    check(len(files) == 120 == stats["count"], "stats count differs from the files")
    check(sum(map(len, files.values())) == stats["bytes"], "stats bytes differ from the files")
    check(max(map(len, files.values())) <= 65536, "--max-size not honoured")
    seen = sum(1 for n in files if ":2," in n and "S" in n.split(":2,")[1])
    check(seen == stats["seen"], f"stats seen {stats['seen']}, files {seen}")
    check(sum(stats["charsets"].values()) == 120, "per-charset counts do not add up")
    check(stats["threads"] > 0 and stats["with_attachments"] > 0, f"stats: {stats}")

    # Bad input: a clear error, a non-zero exit and nothing written.
    rc, _, err = seed("--maildir", d, "--count", "10", "--seed", "5", "--folder", "Archive/Zürich")
    check(rc != 0 and "already holds" in err, f"re-seeding the same seed was not refused: {err}")
    check(len(files_of(folder)) == 120, "a refused run changed the folder")
    for bad in (["--count", "-1"], ["--count", "5", "--max-size", "100"],
                ["--count", "5", "--folder", "a.b"], ["--count", "5", "--seed", "-3"]):
        target = os.path.join(tmp, "bad")
        rc, _, err = seed("--maildir", target, *bad)
        check(rc != 0 and "error" in err, f"{bad} was accepted: {err}")
        check(not files_of(target), f"{bad} wrote messages")
    rc, _, err = seed("--servers", os.path.join(tmp, "missing.json"), "--user", "x", "--count", "1")
    check(rc != 0 and "cannot read servers file" in err, f"missing servers file: {err}")
    rc, _, err = seed("--maildir", os.path.join(tmp, "bad"), "--count", "1", "--user", "x",
                      "--doveadm", "doveadm -c x")
    check(rc != 0 and "JSON array" in err, f"a non-JSON --doveadm was accepted: {err}")
    check(not files_of(os.path.join(tmp, "bad")), "a refused --doveadm run wrote messages")


def test_owner(tmp):
    """Files and created directories go to the mail owner, as Dovecot's mail processes need."""
    os.mkdir(os.path.join(tmp, "owned"))
    d = os.path.join(tmp, "owned", "home", "Maildir")
    rc, _, err = seed("--maildir", d, "--count", "5", "--owner", "nobody")
    nobody = pwd.getpwnam("nobody")
    if os.geteuid() != 0:
        check(rc != 0 and "only root" in err, f"non-root chown to nobody not refused: {err}")
        return
    if not check(rc == 0, f"--owner nobody failed: {err}"):
        return
    paths = [os.path.join(tmp, "owned", "home"), d] + \
        [os.path.join(d, sub, n) for sub in ("cur", "new", "tmp") for n in [""] + os.listdir(
            os.path.join(d, sub))]
    wrong = [p for p in paths if (os.stat(p).st_uid, os.stat(p).st_gid)
             != (nobody.pw_uid, nobody.pw_gid)]
    check(not wrong, f"not owned by nobody: {wrong}")
    check(os.stat(os.path.join(tmp, "owned")).st_uid == os.geteuid(),
          "an existing parent directory changed owner")
    check(len(files_of(d)) == 5, "--owner run did not write 5 messages")


def main():
    with tempfile.TemporaryDirectory(prefix="petrel-seed-") as tmp:
        maildir, files = test_determinism(tmp)
        test_messages(maildir, files)
        test_stats_and_limits(tmp)
        test_owner(tmp)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("seed_selftest: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
