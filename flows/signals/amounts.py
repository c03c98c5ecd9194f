"""Amounts: counted quantities, the thing counted and where they are in the body.

"two short-range ballistic missiles" is 2 x "short-range ballistic missiles"; "1,000 kilometers" is
1000 x "kilometers"; "tens of millions of aging artillery shells" is 10,000,000 to 100,000,000 x
"aging artillery shells"; "$2.1 billion" is 2,100,000,000 x "dollars". Numbers come as digits or
words; a currency sign says what is counted.

A number is a count only when the thing counted follows it: a few words ending on a plural noun
("missiles") or a unit ("percent", "km", "baht", "people"), before any word that ends a noun phrase
(a preposition, verb, pronoun, month: flows/data/amounts.toml). A count of one needs a unit: "one"
is as often a pronoun ("one of them", "no one"). So years, dates, times, scores
("473-6"), ages ("36-year-old"), names ("Soyuz-2") and numbers standing alone are left out.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flows.resources import DATA

AMOUNTS_FILE = DATA / "amounts.toml"
# The thing counted is at most this many words.
MAX_COUNTED_WORDS = 4
# A bare four-digit number in this range is a year, not a count ("2023 elections").
YEARS = range(1800, 2101)

# A number in digits: 1,000 / 2.5 / 30; not glued to letters or hyphens before it (Soyuz-2, KSE-100),
# and not a score, time or range after it (473-6, 2:01, 36-year-old).
_DIGITS = r"(?<![\w.,:/-])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w:/-]|[.,]\d)|(?<![\w.,:/-])\d+(?:\.\d+)?(?![:/-]|[.,]\d)"
_WORD = re.compile(r"[A-Za-z%][A-Za-z'’.-]*[A-Za-z%]|[A-Za-z%]")
# A scale word after a number ("2.1 billion"), or after a vague count with "of" ("tens of millions").
_SCALE = re.compile(r"\s*([A-Za-z]+)\b")
_VAGUE_SCALE = re.compile(r"\s*of\s+([A-Za-z]+)\b")
_OF = re.compile(r"\s*of\b")


@dataclass(frozen=True)
class Amount:
    amount: float
    amount_high: float | None      # a vague count ("tens of millions") is the range [amount, amount_high)
    counted: str
    surface_form: str
    char_start: int
    char_end: int


class Lexicon:
    def __init__(self, document: dict):
        self.numbers = {k: float(v) for k, v in document["numbers"].items()}
        self.scales = {k: float(v) for k, v in document["scales"].items()}
        self.vague = {k: (float(lo), float(hi)) for k, (lo, hi) in document["vague"].items()}
        self.signs = document["currency_signs"]
        words = document["words"]
        self.units = {u.lower() for u in words["units"]}
        self.stop = {w.lower() for w in words["stop"]}
        self.not_counts_before = {w.lower() for w in words["not_counts_before"]}
        signs = "|".join(re.escape(s) for s in sorted(self.signs, key=len, reverse=True))
        number_words = "|".join(sorted({*self.numbers, *self.vague}, key=len, reverse=True))
        # A number: a currency sign and digits, or number words (with hyphens: "twenty-five"), then scale words.
        self.number = re.compile(
            rf"(?:(?P<sign>{signs})\s?)?(?P<digits>{_DIGITS})"
            rf"|\b(?P<words>(?:{number_words})(?:[- ](?:{number_words}|hundred|and))*)\b", re.IGNORECASE)


@lru_cache(maxsize=2)
def load_lexicon(path: Path = AMOUNTS_FILE) -> Lexicon:
    return Lexicon(tomllib.loads(Path(path).read_text(encoding="utf-8")))


def _words_value(words: str, lexicon: Lexicon) -> tuple[float, float | None] | None:
    """The value of number words ("twenty-five", "two hundred", "tens"), or a vague range."""
    parts = [p for p in re.split(r"[- ]+", words.lower()) if p != "and"]
    if len(parts) == 1 and parts[0] in lexicon.vague:
        return lexicon.vague[parts[0]]
    value = 0.0
    for part in parts:
        if part in lexicon.numbers:
            value += lexicon.numbers[part]
        elif part == "hundred":
            value = max(value, 1) * 100
        else:
            return None                     # "tens" inside a longer phrase: no value
    return value, None


def _scaled(value: tuple[float, float | None], text: str, at: int, lexicon: Lexicon) -> tuple[tuple, int]:
    """Apply scale words after a number ("2.1 billion", "tens of millions of"); returns the value and
    where the scale words end."""
    low, high = value
    vague = high is not None
    while match := (_VAGUE_SCALE if vague else _SCALE).match(text, at):
        word = match.group(1).lower()
        factor = lexicon.scales.get(word) or (vague and word.endswith("s") and lexicon.scales.get(word[:-1]))
        if not factor:
            break
        low, high = low * factor, None if high is None else high * factor
        at = match.end()
    return (low, high), at


def _counted(text: str, at: int, plural: bool, lexicon: Lexicon) -> tuple[str, int] | None:
    """The thing counted after a number: words up to a unit, or (when `plural`) a plural noun that
    is not a name ("Nantes 0 Lens 1"), none of them a stop word. None when no such phrase follows."""
    if of := _OF.match(text, at):                        # "tens of ...", "millions of ..."
        at = of.end()
    words, end = [], at
    for match in _WORD.finditer(text, at):
        between = text[end:match.start()]
        if between.strip() or (words and "\n" in between):     # punctuation or a new paragraph ends it
            break
        word = match.group().rstrip(".")
        lower = word.lower().replace("’", "'")
        if lower in lexicon.stop or len(words) == MAX_COUNTED_WORDS:
            break
        words.append(word)
        end = match.start() + len(word)
        if lower in lexicon.units or (plural and _is_plural(lower) and not word[0].isupper()):
            return " ".join(words), end
    return None


def _is_plural(word: str) -> bool:
    return len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "'s", "us", "is"))


def _previous_word(text: str, at: int) -> str:
    match = re.search(r"([A-Za-z]+)\.?\s*$", text[max(0, at - 30):at])
    return match.group(1).lower() if match else ""


def amounts(body: str, lexicon: Lexicon | None = None) -> list[Amount]:
    """Every counted quantity in a body, in order, with offsets into it."""
    lexicon = lexicon or load_lexicon()
    found = []
    for match in lexicon.number.finditer(body):
        inside_last = found and match.start() < found[-1].char_end        # "millions" in "tens of millions"
        if inside_last or _previous_word(body, match.start()) in lexicon.not_counts_before:
            continue
        sign, digits = match.group("sign"), match.group("digits")
        if digits:
            if digits.isdigit() and int(digits) in YEARS and not sign:
                continue
            value = (float(digits.replace(",", "")), None)
        else:
            value = _words_value(match.group("words"), lexicon)
            if value is None:
                continue
        (low, high), after = _scaled(value, body, match.end(), lexicon)
        if sign:
            counted, end = lexicon.signs[sign], after
        else:
            found_thing = _counted(body, after, plural=high is not None or low != 1, lexicon=lexicon)
            if found_thing is None:
                continue
            counted, end = found_thing
        found.append(Amount(low, high, counted, body[match.start():end], match.start(), end))
    return found
