"""MessageGenerator: deterministic, varied RFC 5322 messages from one seeded random stream.

Message i depends only on the seed, the count and the messages before it, never on the clock or the
OS's randomness, so the same arguments give the same bytes. The first messages follow a fixed
schedule that covers every charset, structure and file-name form, so even a 20-message run shows
the whole variety; the rest are drawn from the weights below.
"""

import random
from bisect import bisect
from collections import deque
from itertools import accumulate

from . import attachments, bodies, encoders
from .corpus import (CHARSET_LANGUAGES, CODECS, DOMAINS, FILE_NAMES, LISTS, MAILERS, PEOPLE,
                     SUBJECTS)
from .errors import SeedError

START = 1672531200          # 2023-01-01T00:00:00Z
SPAN = 3 * 365 * 86400      # dates spread over three years
MIN_MAX_SIZE = 16384
REPLY_RATE = 0.3
THREAD_WINDOW = 400         # replies go to one of the most recent messages


def _table(pairs):
    values = [v for v, _ in pairs]
    return values, list(accumulate(w for _, w in pairs))


CHARSETS = _table([("us-ascii", 16), ("utf-8", 40), ("iso-8859-1", 10), ("windows-1252", 10),
                   ("koi8-r", 12), ("iso-2022-jp", 12)])
# Header spelling of each charset, as common mailers write them.
CHARSET_LABEL = {"us-ascii": "us-ascii", "utf-8": "UTF-8", "iso-8859-1": "ISO-8859-1",
                 "windows-1252": "windows-1252", "koi8-r": "KOI8-R", "iso-2022-jp": "ISO-2022-JP"}
TRANSFER = {
    "us-ascii": _table([("7bit", 85), ("quoted-printable", 15)]),
    "utf-8": _table([("8bit", 35), ("quoted-printable", 35), ("base64", 30)]),
    "iso-8859-1": _table([("quoted-printable", 60), ("8bit", 40)]),
    "windows-1252": _table([("quoted-printable", 60), ("8bit", 40)]),
    "koi8-r": _table([("8bit", 50), ("base64", 30), ("quoted-printable", 20)]),
    "iso-2022-jp": _table([("7bit", 80), ("base64", 20)]),
}
STRUCTURES = _table([("plain", 52), ("alternative", 33), ("mixed", 15)])
# (maildir info flags, delivered to new/): unread mail sits in new/ or in cur/ without S.
FLAGS = _table([(("", True), 8), (("", False), 14), (("S", False), 55), (("RS", False), 12),
                (("FS", False), 6), (("F", False), 2), (("FRS", False), 3)])
TEXT_SIZES = _table([((200, 1200), 60), ((1200, 4000), 30), ((4000, 15000), 8),
                     ((15000, 60000), 2)])
ATTACHMENT_COUNTS = _table([(1, 70), (2, 22), (3, 8)])
ATTACHMENT_KINDS = _table([("pdf", 25), ("png", 18), ("jpg", 14), ("txt", 15), ("docx", 10),
                           ("zip", 6), ("bin", 6), ("csv", 6), ("eml", 5)])
ATTACHMENT_SIZES = _table([((1000, 40000), 82), ((40000, 200000), 17), ((600000, 4500000), 1)])
NAME_STYLES = _table([("2231", 40), ("2231-lang", 15), ("2047", 30), ("tb", 15)])
TIMEZONES = {"en": [-480, -300, 0, 60], "de": [60, 120], "fr": [60, 120], "es": [60, 120],
             "en-1252": [0, 60], "ru": [180], "ja": [540], "mixed": [60, 120, 480, -300, 330]}
LANGUAGE_TAGS = {"de": "de", "fr": "fr", "es": "es", "ru": "ru", "ja": "ja"}

# The opening schedule: every charset, structure and file-name form within the first messages.
SCHEDULE = [
    dict(charset="utf-8", structure="plain", cte="8bit"),
    dict(charset="iso-8859-1", structure="alternative", cte="quoted-printable"),
    dict(charset="windows-1252", structure="plain", cte="8bit"),
    dict(charset="koi8-r", structure="mixed", cte="base64", attach=["txt", "png"]),
    dict(charset="iso-2022-jp", structure="plain", cte="7bit", reply=True),
    dict(charset="us-ascii", structure="mixed", cte="7bit", attach=["pdf", "png"], style="2231"),
    dict(charset="utf-8", structure="mixed", cte="quoted-printable", attach=["pdf"],
         style="2231-long", size="large"),
    dict(charset="utf-8", structure="alternative", cte="base64", reply=True),
    dict(charset="windows-1252", structure="mixed", cte="quoted-printable", attach=["docx"],
         style="2047"),
    dict(charset="iso-2022-jp", structure="alternative", cte="base64", reply=True),
    dict(charset="koi8-r", structure="plain", cte="8bit", reply=True),
    dict(charset="iso-8859-1", structure="mixed", cte="8bit", attach=["txt"], style="2231-lang"),
    dict(charset="utf-8", structure="mixed", cte="8bit", attach=["jpg", "csv", "eml"], style="tb"),
]


class Message:
    __slots__ = ("data", "timestamp", "flags", "in_new", "charset", "attachments", "thread",
                 "is_reply", "message_id")


class _Record:
    __slots__ = ("message_id", "references", "subject", "lang", "charset", "timestamp", "thread",
                 "sender")


class MessageGenerator:
    def __init__(self, seed, count, recipient, max_size):
        if max_size < MIN_MAX_SIZE:
            raise SeedError(f"max size {max_size} is below the minimum of {MIN_MAX_SIZE} bytes")
        self._seed = seed
        self._count = max(count, 1)
        self._recipient = recipient
        self._recipient_name = recipient.split("@")[0].capitalize()
        self._max_size = max_size
        self._rng = random.Random(seed)
        self._pool = attachments.BytePool(self._rng)
        self._recent = deque(maxlen=THREAD_WINDOW)
        self._attachment_count = 0

    def _weighted(self, table):
        values, cumulative = table
        return values[bisect(cumulative, self._rng.random() * cumulative[-1])]

    def _pick(self, items):
        return items[int(self._rng.random() * len(items))]

    def message(self, index):
        rng = self._rng
        plan = SCHEDULE[index] if index < len(SCHEDULE) else {}
        parent = self._choose_parent(plan)
        if parent:
            lang = parent.lang
            charset = plan.get("charset") or (parent.charset if rng.random() < 0.7 else "utf-8")
        else:
            charset = plan.get("charset") or self._weighted(CHARSETS)
            lang = self._pick(CHARSET_LANGUAGES[charset])
        sender = self._sender(lang)
        timestamp = START + SPAN * index // self._count + rng.randrange(max(1, SPAN // self._count))
        if parent:
            timestamp = max(timestamp, parent.timestamp + rng.randrange(300, 2 * 86400))
        domain = sender[1].split("@")[1]
        message_id = f"{index:x}.{self._seed:x}.{rng.getrandbits(32):08x}@{domain}"
        record = _Record()
        record.message_id = message_id
        record.lang = lang
        record.charset = charset
        record.timestamp = timestamp
        record.sender = sender
        if parent:
            refs = parent.references + (parent.message_id,)
            record.references = refs if len(refs) <= 12 else refs[:1] + refs[-11:]
            record.subject = parent.subject
            record.thread = parent.thread
        else:
            record.references = ()
            record.subject = self._pick(SUBJECTS[lang])
            if rng.random() < 0.3:
                record.subject += f" #{rng.randrange(100, 10000)}"
            record.thread = index

        structure = plan.get("structure") or self._weighted(STRUCTURES)
        cte = plan.get("cte") or self._weighted(TRANSFER[charset])
        flags, in_new = self._weighted(FLAGS)
        headers = self._headers(record, parent, charset, sender)
        scale = 1.0
        for _ in range(12):
            body_header, body = self._body(index, plan, record, parent, structure, charset, cte,
                                           scale, self._max_size - len(headers) - 2)
            data = b"".join([headers, body_header, b"\n", body])
            if len(data) <= self._max_size:
                break
            scale /= 2
        else:
            raise SeedError(f"message {index} stays above --max-size {self._max_size}")

        self._recent.append(record)
        msg = Message()
        msg.data = data
        msg.timestamp = timestamp
        msg.flags = flags
        msg.in_new = in_new
        msg.charset = charset
        msg.attachments = self._attachment_count
        msg.thread = record.thread
        msg.is_reply = parent is not None
        msg.message_id = message_id
        return msg

    def _choose_parent(self, plan):
        if not self._recent:
            return None
        if plan:
            if not plan.get("reply"):
                return None
            langs = CHARSET_LANGUAGES[plan["charset"]]
            fits = [r for r in self._recent if r.lang in langs]
            return fits[-1] if fits else None
        if self._rng.random() >= REPLY_RATE:
            return None
        # Mostly recent messages, now and then an old one.
        n = len(self._recent)
        return self._recent[n - 1 - int(self._rng.random() ** 2 * n)]

    def _sender(self, lang):
        rng = self._rng
        if rng.random() < 0.1:
            n = rng.randrange(1, 5000)
            return ("", f"user{n}@{DOMAINS[n % len(DOMAINS)]}")
        matching = [i for i, p in enumerate(PEOPLE) if p[2] == lang]
        i = self._pick(matching) if matching and rng.random() < 0.7 else rng.randrange(len(PEOPLE))
        name, local, _ = PEOPLE[i]
        return (name, f"{local}@{DOMAINS[i % len(DOMAINS)]}")

    def _header_charset(self, text, charset):
        if charset != "us-ascii" and bodies.encodable(text, charset):
            return CHARSET_LABEL[charset]
        return "UTF-8"

    def _mode(self, charset_label):
        if charset_label == "ISO-2022-JP":
            return "B"
        return "B" if self._rng.random() < 0.5 else "Q"

    def _headers(self, record, parent, charset, sender):
        rng = self._rng
        date = encoders.rfc5322_date(record.timestamp, self._pick(TIMEZONES[record.lang]))
        name_cs = self._header_charset(sender[0], charset)
        lines = [
            f"Return-Path: <{sender[1]}>",
            f"Received: from mx{rng.randrange(1, 9)}.{sender[1].split('@')[1]} "
            f"(mx.{sender[1].split('@')[1]} [192.0.2.{rng.randrange(1, 255)}])\n"
            f"\tby mail.petrel.test with ESMTPS id {rng.getrandbits(40):010x}\n"
            f"\tfor <{self._recipient}>; {date}",
            f"Date: {date}",
            "From: " + encoders.address(sender[0], sender[1], name_cs, self._mode(name_cs)),
            f"To: {self._recipient_name} <{self._recipient}>",
        ]
        if rng.random() < 0.25:
            other = self._sender(record.lang)
            cs = self._header_charset(other[0], charset)
            field = "Cc" if rng.random() < 0.5 else "To"
            if field == "To":
                lines[-1] += ",\n " + encoders.address(other[0], other[1], cs, self._mode(cs))
            else:
                lines.append("Cc: " + encoders.address(other[0], other[1], cs, self._mode(cs)))
        subject = record.subject
        listed = None
        if not parent and rng.random() < 0.08:
            listed = self._pick(LISTS)
        if listed:
            subject = f"[{listed[0]}] {subject}"
        prefix = self._pick(["Re: "] * 8 + ["RE: ", "AW: "]) if parent else ""
        subject_cs = self._header_charset(subject, charset)
        lines.append("Subject: " + prefix + encoders.encode_phrase(subject, subject_cs,
                                                                   self._mode(subject_cs)))
        lines.append(f"Message-ID: <{record.message_id}>")
        if parent:
            lines.append(f"In-Reply-To: <{parent.message_id}>")
            lines.append("References: " + "\n ".join(f"<{r}>" for r in record.references))
        if listed:
            name, _, list_id = listed[1].rpartition(" ")
            lines.append("List-Id: " + (encoders.encode_phrase(name, "UTF-8", "Q") + " "
                                        if name else "") + list_id)
        lines.append("MIME-Version: 1.0")
        mailer = self._pick(MAILERS)
        lines.append(("X-Mailer: " if rng.random() < 0.5 else "User-Agent: ") + mailer)
        return ("\n".join(lines) + "\n").encode("ascii")

    def _body(self, index, plan, record, parent, structure, charset, cte, scale, room):
        rng = self._rng
        low, high = plan.get("text") or self._weighted(TEXT_SIZES)
        target = int(rng.randrange(low, high) * scale)
        target = min(target, max(100, room // 12))
        label = CHARSET_LABEL[charset]
        greet = self._recipient_name
        signature = record.sender[0] if bodies.encodable(record.sender[0], charset) else ""
        signature = signature or record.sender[1].split("@")[0]
        quote = None
        if parent:
            name = parent.sender[0] if bodies.encodable(parent.sender[0], charset) else ""
            quote = (encoders.rfc5322_date(parent.timestamp, 0), name or parent.sender[1],
                     parent.lang)
        text = bodies.compose_text(rng, record.lang, target, greet, signature, quote)
        self._attachment_count = 0
        plain = bodies.text_part("plain", text, label, cte)
        if structure == "plain":
            return plain
        boundary = f"=_petrel_{index:x}_{rng.getrandbits(48):012x}".encode("ascii")
        if structure == "alternative" or (structure == "mixed" and rng.random() < 0.4):
            html_text = bodies.compose_html(text, label)
            html_cte = cte if cte != "8bit" or rng.random() < 0.5 else "quoted-printable"
            alternative = bodies.multipart_part(
                "alternative", boundary + b"_alt",
                [plain, bodies.text_part("html", html_text, label, html_cte)])
            if structure == "alternative":
                return alternative
            first = alternative
        else:
            first = plain
        parts = [first]
        fixed = len(first[0]) + len(first[1])
        kinds = plan.get("attach") or [self._weighted(ATTACHMENT_KINDS)
                                       for _ in range(self._weighted(ATTACHMENT_COUNTS))]
        pending = []
        for kind in kinds:
            part = self._attachment(index, kind, plan, record, charset, scale)
            fixed += len(part[0]) + (len(part[1]) if part[1] is not None else 0) + 80
            pending.append(part)
        binaries = [p for p in pending if p[1] is None]
        allowed = (room - fixed - 200) // max(1, len(binaries))
        for header, body, kind, size in pending:
            if body is None:
                raw_size = min(size, allowed * 57 // 77)
                if raw_size < attachments.MIN_SIZE:
                    continue
                body = encoders.base64_lines(attachments.make(kind, self._pool, rng, raw_size))
            parts.append((header, body))
        self._attachment_count = len(parts) - 1
        return bodies.multipart_part("mixed", boundary, parts)

    def _attachment(self, index, kind, plan, record, charset, scale):
        """(header, body or None, kind, raw size): binary bodies are made once the budget is known."""
        rng = self._rng
        lang = record.lang if rng.random() < 0.7 else self._pick(list(FILE_NAMES))
        base = self._pick(FILE_NAMES[lang])
        style = plan.get("style") or self._weighted(NAME_STYLES)
        if style == "2231-long":
            base = f"{base} — {self._pick(FILE_NAMES['mixed'])} ({self._pick(FILE_NAMES['ja'])})"
        if kind in ("txt", "csv", "eml"):
            ext = "." + kind
        else:
            mime_type, ext = attachments.KINDS[kind]
        filename = base + ext
        name_params, file_params = self._name_params(filename, style, charset, lang)
        inline = kind in ("png", "jpg") and rng.random() < 0.3
        disposition = bodies.disposition_header("inline" if inline else "attachment", file_params)
        if kind == "txt":
            text_cs = charset if bodies.encodable(filename, charset) else "utf-8"
            text_lang = record.lang
            text = bodies.compose_text(rng, text_lang, int(rng.randrange(300, 6000) * scale),
                                       "Team", "-", None)
            cte = "base64" if rng.random() < 0.5 else "quoted-printable"
            header, body = bodies.text_part("plain", text, CHARSET_LABEL[text_cs], cte,
                                            name_params, disposition)
            return header, body, kind, 0
        if kind == "eml":
            header = "Content-Type: message/rfc822" + "".join(";\n " + p for p in name_params)
            header = (header + "\n" + disposition + "Content-Transfer-Encoding: 7bit\n")
            return header.encode("ascii"), self._forwarded(record, charset, scale), kind, 0
        if kind == "csv":
            rows = ["date;item;amount"] + [
                f"2024-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d};"
                f"{self._pick(FILE_NAMES[record.lang])};{rng.randrange(1, 99999) / 100:.2f}"
                for _ in range(int(rng.randrange(5, 400) * scale) + 1)]
            header, body = bodies.text_part("csv", "\n".join(rows) + "\n", "UTF-8", "base64",
                                            name_params, disposition)
            return header, body, kind, 0
        if plan.get("size") == "large":
            low, high = 1000000, 2500000
        else:
            low, high = self._weighted(ATTACHMENT_SIZES)
        size = int(rng.randrange(low, high) * scale)
        content_id = f"part{index:x}.{rng.getrandbits(32):08x}@petrel.test" if inline else None
        return bodies.binary_part_header(mime_type, name_params, disposition, content_id), \
            None, kind, size

    def _forwarded(self, record, charset, scale):
        """A complete earlier message, attached as message/rfc822. Its body is quoted-printable or
        base64 so the attachment stays 7bit, as RFC 2046 wants for message/rfc822."""
        rng = self._rng
        sender = self._sender(record.lang)
        timestamp = record.timestamp - rng.randrange(3600, 30 * 86400)
        date = encoders.rfc5322_date(timestamp, self._pick(TIMEZONES[record.lang]))
        name_cs = self._header_charset(sender[0], charset)
        subject = self._pick(SUBJECTS[record.lang])
        subject_cs = self._header_charset(subject, charset)
        label = CHARSET_LABEL[charset]
        cte = "base64" if rng.random() < 0.4 else "quoted-printable"
        signature = sender[0] if bodies.encodable(sender[0], charset) else sender[1]
        text = bodies.compose_text(rng, record.lang, int(rng.randrange(200, 3000) * scale),
                                   self._recipient_name, signature)
        headers = "\n".join([
            f"Date: {date}",
            "From: " + encoders.address(sender[0], sender[1], name_cs, self._mode(name_cs)),
            f"To: {self._recipient_name} <{self._recipient}>",
            "Subject: " + encoders.encode_phrase(subject, subject_cs, self._mode(subject_cs)),
            f"Message-ID: <fwd.{rng.getrandbits(64):016x}@{sender[1].split('@')[1]}>",
            "MIME-Version: 1.0",
            f"Content-Type: text/plain; charset=\"{label}\"",
            f"Content-Transfer-Encoding: {cte}",
        ])
        return headers.encode("ascii") + b"\n\n" + bodies.encode_body(
            text.encode(CODECS[charset]), cte)

    def _name_params(self, filename, style, charset, lang):
        """Content-Type name and Content-Disposition filename parameters in one of the forms
        mailers use: RFC 2231 (optionally with a language tag, continued when long), RFC 2047
        inside quotes (Outlook and friends), or 2047 name with 2231 filename (Thunderbird)."""
        if filename.isascii():
            return [encoders.quoted_param("name", filename)], \
                [encoders.quoted_param("filename", filename)]
        if style in ("2231", "2231-long"):
            return encoders.rfc2231_params("name", filename, "UTF-8"), \
                encoders.rfc2231_params("filename", filename, "UTF-8")
        if style == "2231-lang":
            cs = charset if charset not in ("us-ascii", "iso-2022-jp") and \
                bodies.encodable(filename, charset) else "utf-8"
            tag = LANGUAGE_TAGS.get(lang, "en")
            return encoders.rfc2231_params("name", filename, cs, tag), \
                encoders.rfc2231_params("filename", filename, cs, tag)
        cs = self._header_charset(filename, charset)
        words = " ".join(encoders.encoded_words(filename, cs, self._mode(cs)))
        if style == "2047":
            return [encoders.quoted_param("name", words)], \
                [encoders.quoted_param("filename", words)]
        return [encoders.quoted_param("name", words)], \
            encoders.rfc2231_params("filename", filename, "UTF-8")
