"""Raw bytes to text: detect the encoding, refuse what is not text, never raise on bytes."""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from flows.text import normalise

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Above this share of non-printable characters the bytes are an image, an archive or a PDF.
MAX_CONTROL_SHARE = 0.02
# Bytes that open common binary formats; a text file never starts with them.
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b",
                b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"RIFF", b"\x7fELF", b"OggS", b"ID3")


class NotText(ValueError):
    """The bytes are not a text document; the message says why."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ch < " " and ch not in "\n\r\t\f") or "\ufff0" <= ch <= "\uffff")
    return bad / len(text)


def _guess(data: bytes) -> tuple[str, str]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding.replace("-sig", "")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    return data.decode("utf-8", errors="replace"), "utf-8 (invalid bytes replaced)"


def decode(data: bytes) -> Decoded:
    """Decode article bytes; raise NotText for empty or binary input."""
    if not data.strip():
        raise NotText("empty file")
    if data.startswith(BINARY_MAGIC):
        raise NotText("binary file (known file signature)")
    text, encoding = _guess(data)
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise NotText(f"binary content ({encoding} decoding gives control characters)")
    text = normalise(text)
    if not text.strip():
        raise NotText("no visible text")
    return Decoded(text=text, encoding=encoding)
