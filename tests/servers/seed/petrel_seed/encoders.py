"""Encoders for the parts of RFC 5322/2045/2047/2231 the generator writes, plus IMAP modified UTF-7.

Hand-rolled rather than email.generator: building 100,000 messages with the email package takes
far longer than the two minutes the tool is allowed, and we want to choose every encoding ourselves.
"""

import base64
import binascii
import time

from .corpus import CODECS

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# RFC 2047 5(3): inside a phrase only these may stay literal in a Q-encoded word.
_Q_SAFE = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")
_Q_TABLE = [chr(b) if b in _Q_SAFE else "=%02X" % b for b in range(256)]
_Q_TABLE[0x20] = "_"

# RFC 2231 attribute-char: everything else in an extended value is %-encoded.
_ATTR_SAFE = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")
_PCT_TABLE = [chr(b) if b in _ATTR_SAFE else "%%%02X" % b for b in range(256)]

# Characters that force an ASCII display name into a quoted-string (RFC 5322 specials).
_SPECIALS = set('()<>[]:;@\\,."')

ENCODED_WORD_MAX = 75
BASE64_LINE = 76


def rfc5322_date(timestamp, offset_minutes):
    t = time.gmtime(timestamp + offset_minutes * 60)
    sign = "+" if offset_minutes >= 0 else "-"
    off = abs(offset_minutes)
    return (f"{_DAYS[t.tm_wday]}, {t.tm_mday} {_MONTHS[t.tm_mon - 1]} {t.tm_year} "
            f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} {sign}{off // 60:02d}{off % 60:02d}")


def _encode_chunk(chunk, codec, mode):
    raw = chunk.encode(codec)
    if mode == "B":
        return binascii.b2a_base64(raw, newline=False).decode("ascii")
    return "".join([_Q_TABLE[b] for b in raw])


def encoded_words(text, charset, mode):
    """RFC 2047 words for text, each at most 75 characters and each decodable on its own
    (a chunk never splits a character, and ISO-2022-JP chunks return to ASCII)."""
    codec = CODECS[charset.lower()]
    prefix = f"=?{charset}?{mode}?"
    budget = ENCODED_WORD_MAX - len(prefix) - 2
    words = []
    pending = [text]
    while pending:
        chunk = pending.pop()
        encoded = _encode_chunk(chunk, codec, mode)
        if len(encoded) <= budget or len(chunk) == 1:
            words.append(prefix + encoded + "?=")
        else:
            middle = len(chunk) // 2
            pending.append(chunk[middle:])
            pending.append(chunk[:middle])
    return words


def encode_phrase(text, charset, mode):
    """A header value: ASCII text as it is, anything else as folded encoded words."""
    if text.isascii():
        return text
    return "\n ".join(encoded_words(text, charset, mode))


def address(name, addr, charset, mode):
    if not name:
        return addr
    if name.isascii():
        if any(c in _SPECIALS for c in name):
            escaped = name.replace("\\", "\\\\").replace('"', '\\"')
            return f'"{escaped}" <{addr}>'
        return f"{name} <{addr}>"
    return f"{encode_phrase(name, charset, mode)} <{addr}>"


def rfc2231_params(attribute, text, charset, language=""):
    """attribute*=charset'lang'%XX..., split into *0*, *1*... continuations when long. Sections
    break between characters, never inside one, so each section decodes on its own too."""
    codec = CODECS[charset.lower()]
    pieces = ["".join([_PCT_TABLE[b] for b in ch.encode(codec)]) for ch in text]
    whole = "".join(pieces)
    head = f"{charset}'{language}'"
    if len(whole) <= 60:
        return [f"{attribute}*={head}{whole}"]
    sections = []
    current = ""
    for piece in pieces:
        if len(current) + len(piece) > 45 and current:
            sections.append(current)
            current = ""
        current += piece
    sections.append(current)
    params = [f"{attribute}*0*={head}{sections[0]}"]
    params += [f"{attribute}*{n}*={s}" for n, s in enumerate(sections[1:], start=1)]
    return params


def quoted_param(attribute, value):
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{attribute}="{escaped}"'


def base64_lines(data):
    """Base64 in 76-character lines, each ending in LF."""
    encoded = binascii.b2a_base64(data, newline=False)
    if not encoded:
        return b""
    lines = [encoded[i:i + BASE64_LINE] for i in range(0, len(encoded), BASE64_LINE)]
    lines.append(b"")
    return b"\n".join(lines)


def base64_size(n):
    """Length of base64_lines() output for n input bytes, without building it."""
    chars = (n + 2) // 3 * 4
    return chars + (chars + BASE64_LINE - 1) // BASE64_LINE


def quoted_printable(data):
    """Text quoted-printable: LF stays a line break, soft breaks keep lines at 76."""
    return binascii.b2a_qp(data, quotetabs=False, istext=True, header=False)


def modified_utf7(name):
    """RFC 3501 5.1.3 mailbox name encoding, which Dovecot uses for Maildir++ folder names."""
    out = []
    run = []

    def flush():
        if run:
            raw = "".join(run).encode("utf-16-be")
            out.append("&" + base64.b64encode(raw).rstrip(b"=").replace(b"/", b",").decode() + "-")
            run.clear()

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7E:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            run.append(ch)
    flush()
    return "".join(out)
