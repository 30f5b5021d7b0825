#!/usr/bin/env python3
"""seed_dovecot: petrel-seed against the fixture's Dovecot. Seeds user dave (its own user: other
tests use the others) and asks Dovecot, through doveadm, whether it counts what was written."""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.realpath(__file__))
TOOL = os.path.join(HERE, "petrel-seed")
USER = "dave"
COUNT = 500
FOLDER = "Archiv/Prüfung"
FOLDER_COUNT = 40

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)
    return ok


def run(cmd, allow_failure=False):
    done = subprocess.run(cmd, capture_output=True, timeout=600)
    if done.returncode != 0 and not allow_failure:
        raise RuntimeError(f"{' '.join(cmd)} exited with {done.returncode}: "
                           f"{done.stderr.decode('utf-8', 'replace')}")
    return done.stdout.decode("utf-8", "replace")


def main():
    servers_file = os.environ.get("PETREL_TEST_SERVERS")
    if not servers_file or not os.path.isfile(servers_file):
        print(f"PETREL_TEST_SERVERS does not name the servers JSON ({servers_file!r})")
        return 1
    with open(servers_file, encoding="utf-8") as f:
        servers = json.load(f)
    doveadm = servers["doveadm"]
    user = next(u for u in servers["users"] if u["login"].split("@")[0] == USER)
    login, maildir = user["login"], user["maildir"]

    def count(mailbox, *query):
        out = run(doveadm + ["search", "-u", login, "mailbox", mailbox, *query])
        return sum(1 for line in out.splitlines() if line.strip())

    # Start from empty mailboxes so a repeated run within one fixture counts the same.
    for mailbox in ("INBOX", FOLDER):
        run(doveadm + ["expunge", "-u", login, "mailbox", mailbox, "ALL"], allow_failure=True)

    out = run([sys.executable, TOOL, "--servers", servers_file, "--user", USER,
               "--count", str(COUNT), "--seed", "2024", "--stats"])
    stats = json.loads(out)
    print(f"seeded {COUNT} messages: write {stats['write_seconds']} s, "
          f"index {stats['index_seconds']} s, flags {stats['flags']}")
    check(stats["dovecot_count"] == COUNT, f"the tool saw Dovecot count {stats['dovecot_count']}")
    check(count("INBOX", "ALL") == COUNT, "Dovecot does not count every seeded message")
    flags = stats["flags"]
    flagged = sum(n for f, n in flags.items() if "F" in f and f != "new")
    answered = sum(n for f, n in flags.items() if "R" in f)
    check(count("INBOX", "SEEN") == stats["seen"],
          f"SEEN: Dovecot {count('INBOX', 'SEEN')}, written {stats['seen']}")
    check(count("INBOX", "UNSEEN") == COUNT - stats["seen"], "UNSEEN count differs")
    check(count("INBOX", "FLAGGED") == flagged, f"FLAGGED differs from {flagged}")
    check(count("INBOX", "ANSWERED") == answered, f"ANSWERED differs from {answered}")
    check(0 < stats["seen"] < COUNT and flagged > 0, f"flags are not mixed: {flags}")
    # Dates: INTERNALDATE (the file mtime) and Date: both spread over years.
    before = count("INBOX", "BEFORE", "2024-01-01")
    sent_before = count("INBOX", "SENTBEFORE", "2024-01-01")
    check(0 < before < COUNT and 0 < sent_before < COUNT,
          f"dates not spread: {before} received and {sent_before} sent before 2024")
    check(count("INBOX", "HEADER", "In-Reply-To", "@") == stats["replies"],
          "Dovecot counts a different number of replies")
    # Encoded subjects are searchable decoded: the Russian and Japanese subjects of the corpus.
    check(count("INBOX", "SUBJECT", "Отчёт") > 0 or count("INBOX", "SUBJECT", "Встреча") > 0,
          "no decoded KOI8-R/UTF-8 Russian subject found by Dovecot")
    check(count("INBOX", "SUBJECT", "議事録") > 0 or count("INBOX", "SUBJECT", "資料") > 0,
          "no decoded Japanese subject found by Dovecot")

    # Ownership: the mail user's, never root's, so Dovecot can keep writing its indexes.
    owner = os.stat(maildir).st_uid
    check(owner != 0, "the maildir belongs to root")
    wrong = [n for sub in ("cur", "new") for n in os.listdir(os.path.join(maildir, sub))
             if os.stat(os.path.join(maildir, sub, n)).st_uid != owner]
    check(not wrong, f"{len(wrong)} message files not owned by the mail user")

    # A subfolder: created on disk in Maildir++ form, indexed and subscribed.
    out = run([sys.executable, TOOL, "--servers", servers_file, "--user", USER,
               "--count", str(FOLDER_COUNT), "--seed", "7", "--folder", FOLDER, "--stats"])
    check(json.loads(out)["dovecot_count"] == FOLDER_COUNT, "folder count reported wrongly")
    check(count(FOLDER, "ALL") == FOLDER_COUNT, f"Dovecot does not count {FOLDER}")
    subscribed = run(doveadm + ["mailbox", "list", "-s", "-u", login]).split()
    check(FOLDER in subscribed, f"{FOLDER} is not subscribed: {subscribed}")
    check(count("INBOX", "ALL") == COUNT, "seeding a folder changed INBOX")

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("seed_dovecot: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
