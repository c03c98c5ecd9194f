"""What we know about news outlets, read from `flows/data/outlets.toml`."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from flows.parse.text import fold, fold_key
from flows.resources import DATA

DEFAULT_OUTLETS = DATA / "outlets.toml"
KINDS = ("wire", "publisher")
# An outlet's name at the end of a line longer than it counts only when the name is this long
# ("Writer's pictureThe Island Gazette": glued image text), so "AP" ending a word does not.
MIN_SUFFIX_KEY = 6
MAX_NAME_WORDS = 6
_WORD = re.compile(r"[\w&.'’-]+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_PARENTHESES = re.compile(r"\s*\([^()]*\)\s*")
_YEARS = re.compile(r"\b\d{4}(?:\s*-\s*\d{4})?\b")


@dataclass(frozen=True)
class Outlet:
    name: str
    kind: str
    timezone: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    taglines: tuple[str, ...] = ()


@dataclass
class Outlets:
    """Look-ups by any spelling of an outlet's name, or by its tagline."""
    entries: list[Outlet]
    corporate_suffixes: tuple[str, ...] = ()
    _by_name: dict[str, Outlet] = field(default_factory=dict, repr=False)
    _by_tagline: dict[str, Outlet] = field(default_factory=dict, repr=False)
    _suffix: re.Pattern | None = field(default=None, repr=False)
    _loose: dict = field(default_factory=dict, repr=False)      # named_loosely's answers, by text
    _by_spelling: dict[str, Outlet] = field(default_factory=dict, repr=False)   # "thetimes", not "times"

    def __post_init__(self) -> None:
        for outlet in self.entries:
            for spelling in (outlet.name, *outlet.aliases):
                self._by_name.setdefault(fold_key(spelling), outlet)
                self._by_spelling.setdefault(_word_key(spelling), outlet)
            for tagline in outlet.taglines:
                self._by_tagline.setdefault(fold_key(tagline), outlet)
        if self.corporate_suffixes:
            words = "|".join(re.escape(s) for s in sorted(self.corporate_suffixes, key=len, reverse=True))
            self._suffix = re.compile(rf"(?:[\s,&]+(?:{words})\.?)+\s*$", re.IGNORECASE)

    def named(self, text: str | None) -> Outlet | None:
        return self._by_name.get(fold_key(text)) if text else None

    def with_tagline(self, text: str | None) -> Outlet | None:
        return self._by_tagline.get(fold_key(text)) if text else None

    def canonical(self, text: str | None) -> str | None:
        """The outlet's canonical name when known, else the text itself."""
        outlet = self.named(text) or self.with_tagline(text)
        return outlet.name if outlet else text

    def company_name(self, text: str) -> str:
        """A holder's name without years, parentheses and company words: "Bloomberg L.P." -> "Bloomberg"."""
        text = _YEARS.sub(" ", _PARENTHESES.sub(" ", text))
        text = " ".join(text.split()).strip(" .,;:&-|")
        if self._suffix is not None:
            text = self._suffix.sub("", text).strip(" .,;:&-|")
        return text

    def named_loosely(self, text: str | None) -> Outlet | None:
        """The outlet a holder or credit names, allowing company words, years and "/"-joined parts
        ("Bloomberg L.P.", "South China Morning Post Publishers Ltd", "CBC/Radio-Canada", "Reuters/fh")."""
        if not text:
            return None
        if text in self._loose:
            return self._loose[text]
        if len(self._loose) > 50_000:
            self._loose.clear()
        found = self._loose[text] = self._named_loosely(text)
        return found

    def _named_loosely(self, text: str) -> Outlet | None:
        found = self.named(text) or self.named(self.company_name(text))
        if found is None and "/" in text:
            for part in text.split("/"):
                found = found or self.named(part) or self.named(self.company_name(part))
        return found

    def ending(self, text: str) -> Outlet | None:
        """The outlet whose name ends a short line ("Writer's pictureThe Island Gazette")."""
        key = fold_key(text)
        for size in range(min(len(key), 60), MIN_SUFFIX_KEY - 1, -1):
            found = self._by_name.get(key[-size:])
            if found is not None and len(fold_key(found.name)) >= MIN_SUFFIX_KEY:
                return found
        return None

    def mentioned(self, text: str) -> list[tuple[Outlet, int, int]]:
        """Known outlets named inside a line, with their spans: runs of up to six capitalised words
        spelt as a name is listed ("The Times", never a bare "Times"); a short all-capital name ("AP")
        counts only in capitals."""
        words = [(m.start(), m.end(), _word_key(m.group())) for m in _WORD.finditer(text)]
        found, i = [], 0
        while i < len(words):
            for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
                key = "".join(w[2] for w in words[i:i + n])
                outlet = self._by_spelling.get(key)
                first = text[words[i][0]]
                if outlet is not None and (first.isupper() or first.isdigit() or "." in key) \
                        and (len(key) > 4 or text[words[i][0]:words[i + n - 1][1]].isupper()) \
                        and not _longer_name(text, words, i, i + n):
                    found.append((outlet, words[i][0], words[i + n - 1][1]))
                    i += n - 1
                    break
            i += 1
        return found


_JOINERS = {"of", "and", "&", "de", "du", "del", "la", "le"}


def _longer_name(text: str, words: list, start: int, stop: int) -> bool:
    """The words around a span continue a longer name: "The Times" inside "The Times of Israel",
    "Herald" inside "Bay Herald" (a capitalised word before it that does not open the line)."""
    def capital(k: int) -> bool:
        return 0 <= k < len(words) and text[words[k][0]].isupper()
    after = text[words[stop][0]:words[stop][1]].lower() if stop < len(words) else ""
    if capital(stop) or after in _JOINERS and capital(stop + 1):
        return True
    return start > 0 and capital(start - 1) and not re.search(r"[.:|·•\-–—]\s*$", text[:words[start][0]])


@lru_cache(maxsize=1 << 15)
def _word_key(word: str) -> str:
    return _NOT_ALNUM.sub("", fold(word).casefold())


def parse_outlets(document: dict, corporate_suffixes: tuple[str, ...] = ()) -> Outlets:
    entries = []
    for raw in document.get("outlet", []):
        kind = raw.get("kind", "publisher")
        if kind not in KINDS:
            raise ValueError(f"outlet {raw.get('name')!r}: kind must be one of {KINDS}, not {kind!r}")
        entries.append(Outlet(
            name=raw["name"], kind=kind, timezone=raw.get("timezone"), country=raw.get("country"),
            aliases=tuple(raw.get("aliases", ())), taglines=tuple(raw.get("taglines", ())),
        ))
    return Outlets(entries, corporate_suffixes)


@lru_cache(maxsize=4)
def load_outlets(path: Path = DEFAULT_OUTLETS) -> Outlets:
    layout = DATA / "layout.toml"
    suffixes = tuple(tomllib.loads(layout.read_text(encoding="utf-8")).get("outlets", {}).get("corporate_suffixes", ()))
    return parse_outlets(tomllib.loads(Path(path).read_text(encoding="utf-8")), suffixes)
