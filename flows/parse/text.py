"""Text helpers shared by the parsers: folding for matching, and splitting into paragraphs.

Folding maps each character to exactly one character, so an offset found in the folded text is
the same offset in the text as written. Parsers match on the fold and keep the original.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FOLD_MAP = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u0060", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                    "\u200a\u202f\u205f\u3000\t\u200b\ufeff", " "),
}
# str.translate with a mapping walks non-ASCII text a character at a time in Python objects; a
# character-class search jumps between the few characters that fold, some twenty times faster.
_FOLDABLE = re.compile("[" + "".join(re.escape(ch) for ch in _FOLD_MAP) + "]")

# A block of short lines that all end near one width was wrapped by an editor, not by the author.
WRAP_MIN_LINES = 3
WRAP_MIN_WIDTH, WRAP_MAX_WIDTH = 30, 100
# A whole text hard-wrapped at one width (see wrap_width): the widths looked at, how far below the
# width a broken line may end, and the shares of broken and unbroken lines that prove it.
WRAP_MIN, WRAP_MAX, WRAP_SLACK, WRAP_SHARE, WRAP_OVER = 50, 160, 12, 0.5, 0.03
SENTENCE_CLOSE = re.compile(r"[.!?…:][\"'”’»)\]]*$")
BULLET_START = re.compile(r"^\s*(?:[•◦▪▫■□○●☆★►▸‣⁃·∙*]|[-–—](?=\s))")

_WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LEADING_THE = re.compile(r"^the\s+")
_NOT_ALNUM = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Straight quotes, ASCII hyphens and plain spaces, one character for one character."""
    return _FOLDABLE.sub(_fold_match, text)


def _fold_match(match: re.Match) -> str:
    return _FOLD_MAP[match.group()]


@lru_cache(maxsize=1 << 16)   # outlet and place look-ups fold the same short strings again and again
def fold_key(text: str) -> str:
    """A lookup key: folded, lower case, letters and digits only, without a leading 'the'."""
    lowered = _LEADING_THE.sub("", fold(text).casefold().strip())
    return _NOT_ALNUM.sub("", lowered)


def normalise(text: str) -> str:
    """Canonical Unicode (NFC), Unix line ends, no control characters; otherwise as written."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _CONTROL.sub("", text)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


JOIN_MIN_WORDS = 3      # a shorter lower-case line is a page control ("e-mail", "shares"), not a continuation
_ADDRESS = re.compile(r"^(?:https?://|www\.)|^\S+@\S+$")


def _join_broken_lines(block: list[str]) -> list[str]:
    """A line that starts in lower case after one that ends mid-sentence continues it (a web address
    or a word or two of page controls does not)."""
    out: list[str] = []
    for line in block:
        if out and line[:1].islower() and not out[-1].endswith((".", "!", "?", ":", '"', "”", "’")) \
                and len(line.split()) >= JOIN_MIN_WORDS and not _ADDRESS.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _looks_wrapped(block: list[str]) -> bool:
    if len(block) < WRAP_MIN_LINES:
        return False
    widths = [len(line) for line in block[:-1]]
    return max(widths) <= WRAP_MAX_WIDTH and min(widths) >= WRAP_MIN_WIDTH


def wrap_width(lines: list[str]) -> int | None:
    """The width a text was hard-wrapped at, or None when it was not.

    A line was broken at width w when it ends within WRAP_SLACK characters below w and the next line's
    first word would not have fitted after it; a line longer than w with a space before w could have
    been broken there but was not. The width is the w (WRAP_MIN..WRAP_MAX) with the most broken lines
    less twice the unbroken ones. The text counts as wrapped when 3+ lines were broken there, they
    are at least WRAP_SHARE of the lines ending in that window, and unbroken lines are at most
    WRAP_OVER of the lines of w/2+ characters. Rows with tabs (table rows) are left out."""
    top = WRAP_MAX + 2
    broken, over, ends, longer = [0] * top, [0] * top, [0] * top, [0] * top
    for i, raw in enumerate(lines):
        line = raw.rstrip()
        n = len(line)
        if not n or "\t" in line:
            continue
        ends[min(n, top - 1)] += 1
        longer[min(n, top - 1)] += 1
        nxt = lines[i + 1].split(None, 1) if i + 1 < len(lines) else None
        if nxt:  # broken at every w in [n, n + len(next word)], within the slack
            lo, hi = max(n, WRAP_MIN), min(n + len(nxt[0]), n + WRAP_SLACK, WRAP_MAX)
            if lo <= hi:
                broken[lo] += 1
                broken[hi + 1] -= 1
        space = line.find(" ", 1)
        if 0 < space < n - 1:  # could have been broken at every w in [space, n - 1]
            lo, hi = max(space, WRAP_MIN), min(n - 1, WRAP_MAX)
            if lo <= hi:
                over[lo] += 1
                over[hi + 1] -= 1
    best, width, b, o = 0, 0, 0, 0
    for w in range(WRAP_MIN, WRAP_MAX + 1):
        b += broken[w]
        o += over[w]
        if b - 2 * o > best:
            best, width, nb, no = b - 2 * o, w, b, o
    if not width or nb < 3:
        return None
    in_window = sum(ends[width - WRAP_SLACK:width + 1])
    longish = sum(longer[(width + 1) // 2:])
    return width if nb >= WRAP_SHARE * in_window and no <= WRAP_OVER * longish else None


def continues(lines: list[str], i: int, width: int | None) -> bool:
    """Does line i of a text wrapped at `width` run on into the next? It does when the next line's
    first word would not have fitted after it, unless the line closes a sentence (a wire's
    headline or a paragraph that happens to fill the width) or the next line is a list item."""
    if not width or i + 1 >= len(lines) or SENTENCE_CLOSE.search(lines[i].rstrip()):
        return False
    following = lines[i + 1].split(None, 1)
    return bool(following) and not BULLET_START.match(lines[i + 1]) \
        and len(lines[i].rstrip()) + 1 + len(following[0]) > width


def _unwrapped(lines: list[str], width: int) -> list[str]:
    out, joined = [], False
    for i, line in enumerate(lines):
        line = line.strip()
        if not line:
            joined = False
            continue
        if joined:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        joined = continues(lines, i, width)
    return out


def paragraphs(text: str) -> list[str]:
    """Paragraphs as written, stripped of surrounding space.

    Text copied from a web page has one paragraph per line; a plain-text e-mail or wire feed
    wraps paragraphs at a fixed width. A text wrapped at one width throughout is joined back by
    that width; otherwise a block of lines of about one width, between blank lines, is a paragraph.
    """
    lines = text.split("\n")
    width = wrap_width(lines)
    if width:
        return _unwrapped(lines, width)
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        line = line.strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    out: list[str] = []
    for block in blocks:
        if _looks_wrapped(block):
            out.append(" ".join(block))
        else:
            out.extend(_join_broken_lines(block))
    return out
