"""Raw bytes to text: detect the encoding, refuse what is not text, never raise on bytes."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import ftfy
import ftfy.badness
from charset_normalizer import from_bytes

from flows import settings
from flows.parse.text import normalise

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Above this share of non-printable characters the bytes are an image, an archive or a PDF.
MAX_CONTROL_SHARE = 0.02
MAX_NUL_SHARE = 0.10
# UTF-16 without a byte order mark: ASCII text leaves a NUL in every other byte.
UTF16_NUL_SHARE = 0.40
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufff0-\uffff]")
# ftfy's badness regex matches runs of at most this many characters, each run holding at least one
# non-ASCII character: looking only around non-ASCII runs finds every match (tests check both).
MOJIBAKE_MAX_CHARS = 7
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# On a tie between legacy single-byte encodings, the web's most common one wins.
PREFERRED_LEGACY = "cp1252"
# Bytes that open common binary formats; a text file never starts with them.
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b",
                b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"RIFF", b"\x7fELF", b"OggS", b"ID3")


class NotText(ValueError):
    """The bytes are not a text document; the message says why."""


def too_long(text: str) -> None:
    """Refuse article text longer than any article. It applies to the text an article is read from
    (a page's extracted text, not its markup: a 3 MB news page holds an article of a few pages)."""
    limit = settings.current().max_article_chars
    if len(text) > limit:
        raise NotText(f"{len(text):,} characters is longer than any article "
                      f"(limit {limit:,}, setting WIREHOUSE_MAX_ARTICLE_CHARS)")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _control_share(text: str) -> float:
    """Share of characters that text never has; NUL is judged apart (stray NULs are common)."""
    text = text.replace("\x00", "")
    if not text:
        return 1.0
    return len(_CONTROL.findall(text)) / len(text)


def looks_like_mojibake(text: str) -> bool:
    """ftfy.badness.is_bad, searched only near non-ASCII characters: an article's long ASCII
    stretches cannot hold mojibake, and the full search cost more than the rest of decoding."""
    reach = MOJIBAKE_MAX_CHARS - 1
    return any(ftfy.badness.BADNESS_RE.search(text, max(run.start() - reach, 0), run.end() + reach)
               for run in _NON_ASCII.finditer(text))


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    lane = max(len(sample) // 2, 1)
    even, odd = sample[0::2].count(0) / lane, sample[1::2].count(0) / lane
    if max(even, odd) < UTF16_NUL_SHARE or min(even, odd) > 0.05 or len(data) % 2:
        return None
    try:
        return data.decode("utf-16-le" if odd > even else "utf-16-be")
    except UnicodeDecodeError:
        return None


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    preferred = next((m for m in matches if m.encoding == PREFERRED_LEGACY), None)
    if preferred is not None and preferred.chaos <= best.chaos and preferred.coherence >= best.coherence:
        best = preferred
    return str(best), best.encoding


def _guess(data: bytes) -> tuple[str, str]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding.replace("-sig", "")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _charset_normalizer(data) or (data.decode("utf-8", errors="replace"), "utf-8 (invalid bytes replaced)")


def decode(data: bytes) -> Decoded:
    """Decode article bytes; raise NotText for empty or binary input."""
    if not data.strip():
        raise NotText("empty file")
    if data.startswith(BINARY_MAGIC):
        raise NotText("binary file (known file signature)")
    text, encoding = _guess(data)
    if text.count("\x00") > MAX_NUL_SHARE * len(text) or _control_share(text) > MAX_CONTROL_SHARE:
        raise NotText(f"binary content ({encoding} decoding gives control characters)")
    if looks_like_mojibake(text):   # "Josâ€™s" is UTF-8 read as Windows-1252; ftfy undoes only that
        text, encoding = ftfy.fix_encoding(text), f"{encoding} (mojibake repaired)"
    text = normalise(text)
    if not text.strip():
        raise NotText("no visible text")
    return Decoded(text=text, encoding=encoding)
