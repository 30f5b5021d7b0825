#!/usr/bin/python3
"""Self-test of the petrel_servers fixture: proves that the servers described by
$PETREL_TEST_SERVERS speak TLS with the generated CA, authenticate the users, and deliver mail,
with certificate verification always on. Exit code 0 only if every check passed."""

import email.message
import imaplib
import json
import os
import poplib
import secrets
import smtplib
import ssl
import subprocess
import sys
import time

DELIVERY_TIMEOUT = 20.0


class Check:
    def __init__(self):
        self.failures = 0

    def __call__(self, condition, what):
        print(("ok    " if condition else "FAIL  ") + what, flush=True)
        if not condition:
            self.failures += 1
        return condition


check = Check()


def load():
    path = os.environ.get("PETREL_TEST_SERVERS")
    if not path:
        sys.exit("PETREL_TEST_SERVERS is not set")
    with open(path) as f:
        return json.load(f)


def context(s):
    ctx = ssl.create_default_context(cafile=s["ca"])
    assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname
    return ctx


def user(s, name):
    return next(u for u in s["users"] if u["login"].split("@")[0] == name)


def message(sender, recipient, token):
    m = email.message.EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, recipient, "fixture self-test " + token
    m.set_content("Sent by tests/servers/selftest.py, token %s.\n" % token)
    return m


def poll(probe, timeout=DELIVERY_TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        if probe():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)


def imap_has(s, u, token):
    imap = imaplib.IMAP4_SSL(s["host"], s["imap"]["tls"], ssl_context=context(s), timeout=10)
    try:
        imap.login(u["login"], u["password"])
        imap.select("INBOX", readonly=True)
        typ, data = imap.search(None, "SUBJECT", token)
        return typ == "OK" and bool(data[0].split())
    finally:
        imap.logout()


def pop3_has(s, u, token):
    pop = poplib.POP3_SSL(s["host"], s["pop3"]["tls"], context=context(s), timeout=10)
    try:
        pop.user(u["login"])
        pop.pass_(u["password"])
        count = len(pop.list()[1])
        for i in range(1, min(count, 200) + 1):
            if any(token.encode() in line for line in pop.top(i, 0)[1]):
                return True
        return False
    finally:
        pop.quit()


def test_imap(s):
    imap = imaplib.IMAP4(s["host"], s["imap"]["starttls"], timeout=10)
    imap.starttls(ssl_context=context(s))
    check(isinstance(imap.sock, ssl.SSLSocket), "IMAP STARTTLS negotiated TLS with the CA")
    alice = user(s, "alice")
    check(imap.login(alice["login"], alice["password"])[0] == "OK", "IMAP login after STARTTLS")
    typ, data = imap.capability()
    caps = set(data[0].decode().upper().split())
    for cap in ("IDLE", "CONDSTORE", "QRESYNC", "MOVE", "UIDPLUS", "SPECIAL-USE"):
        check(cap in caps, "IMAP CAPABILITY lists " + cap)
    typ, lines = imap.list()
    listing = b"\n".join(lines).decode()
    for name in ("Sent", "Drafts", "Trash", "Junk", "Archive"):
        check(("\\" + name) in listing, "IMAP LIST shows the \\%s folder" % name)
    imap.logout()

    imaps = imaplib.IMAP4_SSL(s["host"], s["imap"]["tls"], ssl_context=context(s), timeout=10)
    bob = user(s, "bob")
    check(imaps.login(bob["login"], bob["password"])[0] == "OK", "IMAPS (implicit TLS) login")
    try:
        imaps.login(bob["login"], "wrong-" + bob["password"])
        check(False, "IMAPS refuses a wrong password")
    except imaplib.IMAP4.error:
        check(True, "IMAPS refuses a wrong password")
    imaps.logout()

    try:
        imaplib.IMAP4_SSL(s["host"], s["imap"]["tls"], ssl_context=ssl.create_default_context(), timeout=10)
        check(False, "IMAPS is not trusted without the fixture CA")
    except ssl.SSLCertVerificationError:
        check(True, "IMAPS is not trusted without the fixture CA")


def test_pop3(s):
    carol = user(s, "carol")
    pop = poplib.POP3(s["host"], s["pop3"]["stls"], timeout=10)
    pop.stls(context=context(s))
    check(isinstance(pop.sock, ssl.SSLSocket), "POP3 STLS negotiated TLS with the CA")
    pop.user(carol["login"])
    check(pop.pass_(carol["password"]).startswith(b"+OK"), "POP3 login after STLS")
    pop.quit()
    pop = poplib.POP3_SSL(s["host"], s["pop3"]["tls"], context=context(s), timeout=10)
    pop.user(carol["login"])
    check(pop.pass_(carol["password"]).startswith(b"+OK"), "POP3S (implicit TLS) login")
    pop.quit()


DELIVERIES = []   # (user, token, what) sent by test_smtp, checked by test_deliveries


def test_smtp(s):
    deliveries = DELIVERIES
    alice, bob, carol = user(s, "alice"), user(s, "bob"), user(s, "carol")
    sink = next(u for u in s["users"] if u["login"] == s["sink"])

    smtp = smtplib.SMTP(s["host"], s["smtp"]["submission"], timeout=10)
    smtp.ehlo("selftest.petrel.test")
    check(smtp.has_extn("starttls"), "submission offers STARTTLS")
    code, _ = smtp.docmd("AUTH", "PLAIN AGFsaWNlQHBldHJlbC50ZXN0AHdyb25n")
    check(500 <= code < 600, "submission refuses AUTH before STARTTLS (%d)" % code)
    code, _ = smtp.docmd("MAIL", "FROM:<%s>" % alice["login"])
    check(500 <= code < 600, "submission refuses MAIL before STARTTLS (%d)" % code)
    smtp.starttls(context=context(s))
    check(isinstance(smtp.sock, ssl.SSLSocket), "submission STARTTLS negotiated TLS with the CA")
    smtp.ehlo("selftest.petrel.test")
    smtp.mail(alice["login"])
    code, _ = smtp.rcpt(bob["login"])
    check(500 <= code < 600, "submission refuses a recipient without AUTH (%d)" % code)
    smtp.rset()
    smtp.login(alice["login"], alice["password"])
    token = secrets.token_hex(6)
    smtp.send_message(message(alice["login"], bob["login"], token))
    deliveries.append((bob, token, "submission alice -> bob"))
    token = secrets.token_hex(6)
    smtp.send_message(message(alice["login"], "someone@example.com", token))
    deliveries.append((sink, token, "non-local recipient -> sink"))
    smtp.quit()

    smtps = smtplib.SMTP_SSL(s["host"], s["smtp"]["submissions"], context=context(s), timeout=10)
    try:
        smtps.login(bob["login"], "wrong-" + bob["password"])
        check(False, "submissions refuses a wrong password")
    except smtplib.SMTPAuthenticationError:
        check(True, "submissions refuses a wrong password")
    smtps.login(bob["login"], bob["password"])
    token = secrets.token_hex(6)
    smtps.send_message(message(bob["login"], carol["login"], token))
    deliveries.append((carol, token, "submissions (implicit TLS) bob -> carol"))
    smtps.quit()

    inject = smtplib.SMTP(s["host"], s["smtp"]["inject"], timeout=10)
    token = secrets.token_hex(6)
    inject.send_message(message("outsider@example.org", alice["login"], token))
    deliveries.append((alice, token, "injection port -> alice"))
    try:
        inject.send_message(message("outsider@example.org", "someone@example.com", "relay"))
        check(False, "injection port refuses non-local recipients")
    except smtplib.SMTPRecipientsRefused:
        check(True, "injection port refuses non-local recipients")
    inject.quit()


def test_deliveries(s):
    deliveries = DELIVERIES
    for u, token, what in deliveries:
        check(poll(lambda: imap_has(s, u, token)), "IMAP finds the message of " + what)
        check(pop3_has(s, u, token), "POP3 finds the message of " + what)
    u, token, what = deliveries[0]
    p = subprocess.run(s["doveadm"] + ["search", "-u", u["login"], "mailbox", "INBOX", "subject", token],
                       capture_output=True, timeout=30)
    check(p.returncode == 0 and len(p.stdout.split()) == 2, "doveadm from the JSON finds it server-side")
    check(os.path.isdir(os.path.join(u["maildir"], "cur")) or os.path.isdir(os.path.join(u["maildir"], "new")),
          "the user's maildir from the JSON exists")


def main():
    s = load()
    for test in (test_imap, test_pop3, test_smtp, test_deliveries):
        try:
            test(s)
        except Exception as e:   # one broken area must not hide the others
            check(False, "%s raised %s: %s" % (test.__name__, type(e).__name__, e))
    print("%d check(s) failed" % check.failures if check.failures else "all checks passed")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
