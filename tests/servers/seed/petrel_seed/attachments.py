"""Binary attachment bodies: a valid PNG, a PDF-shaped file, office/zip-shaped blobs.

All bytes come from one seeded pool sliced at seeded offsets, which is as deterministic as fresh
random bytes and a hundred times faster for multi-megabyte attachments.
"""

import struct
import zlib

# kind -> (MIME type, file extension)
KINDS = {
    "pdf": ("application/pdf", ".pdf"),
    "png": ("image/png", ".png"),
    "jpg": ("image/jpeg", ".jpg"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "zip": ("application/zip", ".zip"),
    "bin": ("application/octet-stream", ".bin"),
}

MIN_SIZE = 512
_PNG_WIDTH = 128  # RGB pixels per row


class BytePool:
    def __init__(self, rng, size=1 << 21):
        block = rng.randbytes(size)
        self._doubled = block + block
        self._size = size

    def take(self, rng, n):
        offset = rng.randrange(self._size)
        if n <= self._size:
            return self._doubled[offset:offset + n]
        parts = []
        while n > 0:
            k = min(n, self._size)
            parts.append(self._doubled[offset:offset + k])
            n -= k
        return b"".join(parts)


def _png_chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def make_png(pool, rng, size):
    """A decodable truecolour PNG of at most size bytes (stored, uncompressed deflate blocks)."""
    row = _PNG_WIDTH * 3
    # Signature, IHDR, IDAT and IEND framing, zlib's header and 5 bytes per stored block
    # (blocks hold up to 64 KiB; assume 16 KiB to stay under size whatever zlib chooses).
    overhead = 8 + 25 + 12 + 12 + 6 + 5 * (size // 16384 + 1)
    rows = max(1, (size - overhead) // (row + 1))
    pixels = pool.take(rng, rows * row)
    raw = b"".join([b"\x00" + pixels[r * row:(r + 1) * row] for r in range(rows)])
    header = struct.pack(">IIBBBBB", _PNG_WIDTH, rows, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(raw, 0)) + _png_chunk(b"IEND", b""))


def make_pdf(pool, rng, size):
    head = (b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
            b"3 0 obj\n<< /Filter /FlateDecode >>\nstream\n")
    tail = b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    return head + pool.take(rng, max(0, size - len(head) - len(tail))) + tail


def make_jpeg(pool, rng, size):
    head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00"
    return head + pool.take(rng, max(0, size - len(head) - 2)) + b"\xff\xd9"


def make_zip(pool, rng, size):
    return b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + pool.take(rng, max(0, size - 10))


def make(kind, pool, rng, size):
    """Bytes of an attachment of the given kind, at most max(size, MIN_SIZE) long."""
    size = max(size, MIN_SIZE)
    if kind == "png":
        return make_png(pool, rng, size)
    if kind == "pdf":
        return make_pdf(pool, rng, size)
    if kind == "jpg":
        return make_jpeg(pool, rng, size)
    if kind in ("docx", "zip"):
        return make_zip(pool, rng, size)
    return pool.take(rng, size)
