"""Body text and MIME parts. A part is a (header bytes, body bytes) pair; bodies end with LF."""

import html
import random

from . import encoders
from .corpus import CLOSINGS, CODECS, GREETINGS, SENTENCES

_QUOTE_INTRO = {
    "de": "Am {date} schrieb {name}:",
    "fr": "Le {date}, {name} a écrit :",
    "es": "El {date}, {name} escribió:",
    "ru": "{date}, {name} пишет:",
    "ja": "{date} {name} wrote:",
}


def encodable(text, charset):
    try:
        text.encode(CODECS[charset.lower()])
        return True
    except UnicodeEncodeError:
        return False


def _pick(rng, items):
    return items[int(rng.random() * len(items))]


def _paragraph(rng, lang):
    """A few sentences wrapped to about 72 columns (36 full-width characters for Japanese)."""
    sentences = SENTENCES[lang]
    cjk = lang == "ja"
    width = 36 if cjk else 72
    sep = "" if cjk else " "
    lines = []
    line = ""
    for _ in range(2 + int(rng.random() * 4)):
        s = _pick(rng, sentences)
        if line and len(line) + len(s) + 1 > width:
            lines.append(line)
            line = s
        else:
            line = line + sep + s if line else s
    lines.append(line)
    return "\n".join(lines)


# Paragraphs are drawn from a fixed bank per language: one draw per paragraph instead of one per
# sentence keeps 100,000 messages within the time budget. The bank has its own fixed seed, so it
# is the same for every run; the --seed decides which paragraphs each message gets.
_BANK_SIZE = 512
_BANK = {}
for _lang in sorted(SENTENCES):
    _bank_rng = random.Random(f"petrel-seed paragraphs {_lang}")
    _BANK[_lang] = [_paragraph(_bank_rng, _lang) for _ in range(_BANK_SIZE)]


def compose_text(rng, lang, target_chars, greet_name, signature, quote=None):
    """Greeting, paragraphs up to target_chars, closing; a reply quotes a few lines of its parent.
    quote is (intro date text, quoted name, parent language) or None."""
    bank = _BANK[lang]
    out = [_pick(rng, GREETINGS[lang]).format(name=greet_name)]
    total = 0
    while total < target_chars:
        paragraph = bank[int(rng.random() * _BANK_SIZE)]
        total += len(paragraph) + 2
        out.append(paragraph)
    out.append(_pick(rng, CLOSINGS[lang]) + "\n" + signature)
    if quote:
        date_text, name, parent_lang = quote
        intro = _QUOTE_INTRO.get(lang, "On {date}, {name} wrote:").format(date=date_text, name=name)
        quoted = [_BANK[parent_lang][int(rng.random() * _BANK_SIZE)]
                  for _ in range(1 + int(rng.random() * 3))]
        out.append(intro)
        out.append("\n>\n".join("> " + q.replace("\n", "\n> ") for q in quoted))
    return "\n\n".join(out) + "\n"


def compose_html(text, charset):
    blocks = []
    for block in text.split("\n\n"):
        if block.startswith(">"):
            inner = "\n".join(x[2:] for x in block.split("\n"))
            blocks.append("<blockquote type=\"cite\">" + html.escape(inner).replace("\n", "<br>\n")
                          + "</blockquote>")
        else:
            blocks.append("<p>" + html.escape(block).replace("\n", "<br>\n") + "</p>")
    return ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset="
            + charset + "\"></head>\n<body>\n" + "\n".join(blocks) + "\n</body></html>\n")


def encode_body(raw, cte):
    if cte == "base64":
        return encoders.base64_lines(raw)
    if cte == "quoted-printable":
        body = encoders.quoted_printable(raw)
    else:
        body = raw
    return body if body.endswith(b"\n") else body + b"\n"


def text_part(subtype, text, charset, cte, extra_params=(), disposition=None):
    raw = text.encode(CODECS[charset.lower()])
    params = "".join(";\n " + p for p in extra_params)
    header = f"Content-Type: text/{subtype}; charset=\"{charset}\"{params}\n"
    if disposition:
        header += disposition
    header += f"Content-Transfer-Encoding: {cte}\n"
    return header.encode("ascii"), encode_body(raw, cte)


def binary_part_header(mime_type, name_params, disposition, content_id=None):
    header = f"Content-Type: {mime_type}" + "".join(";\n " + p for p in name_params) + "\n"
    header += disposition
    if content_id:
        header += f"Content-ID: <{content_id}>\n"
    header += "Content-Transfer-Encoding: base64\n"
    return header.encode("ascii")


def disposition_header(kind, filename_params):
    return f"Content-Disposition: {kind}" + "".join(";\n " + p for p in filename_params) + "\n"


def multipart_body(boundary, parts):
    """Preamble, each part after its delimiter, closing delimiter; boundary is bytes."""
    out = [b"This is a multi-part message in MIME format.\n"]
    for header, body in parts:
        out += [b"\n--", boundary, b"\n", header, b"\n", body]
    out += [b"\n--", boundary, b"--\n"]
    return b"".join(out)


def multipart_part(subtype, boundary, parts):
    header = f"Content-Type: multipart/{subtype};\n boundary=\"{boundary.decode()}\"\n"
    return header.encode("ascii"), multipart_body(boundary, parts)
