"""The body's lines, their tokens, what kind of line each is, and whether the story is sports.

Newswire copy writes results in a few fixed forms that every agency uses: score lines ("Bahia 2
Atletico Paranaense 0"), standings rows ("Celtic 4 3 1 0 9 2 10"), ranked lists ("1. Michael
Johnson (U.S.) 19.32"), player-country pairs ("Michael Chang (U.S.) beat Sergi Bruguera (Spain)").
Business copy writes figures in the same shapes ("Net Income 821 512 565 301", "Shr 0.31 vs 0.34"):
such a line is a money line, no results line. A line's kind comes from its shape alone; a score or
standings line also records which of its spans its form makes teams.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flows.entities.gazetteer import Gazetteer

ABBREVIATIONS = {"St.", "Inc.", "Co.", "Corp.", "Ltd.", "Jr.", "Sr.", "Mr.", "Mrs.", "Ms.", "Dr.", "Mt.",
                 "Gen.", "Sen.", "Rep.", "Gov.", "Lt.", "Col.", "Capt.", "Prof.", "Sgt.", "Adm.", "Maj.", "Brig.",
                 "Bros.", "No.", "Ft.", "Ave.", "Rd."}
OPEN = "\"'([{\u201c\u2018<"
CLOSE = "\"')]}\u201d\u2019>"
BREAK = ",;:!?"
SENTENCE_END = ".!?"
PARTICLES = {"de", "da", "del", "della", "dei", "di", "do", "dos", "das", "du", "van", "von", "der", "den",
             "ter", "te", "le", "la", "el", "al", "bin", "ibn", "y", "e", "&", "ul", "ud", "abu", "ben", "zu", "vom"}
CONNECTORS = PARTICLES | {"of", "for", "and", "the", "on", "in", "at", "des", "et", "und", "upon"}
NUMBER = re.compile(r"^[+\-]?\d[\d.,:/\-]*(?:st|nd|rd|th|s|pct|%)?$", re.IGNORECASE)
SCORE = re.compile(r"^\d{1,3}$")
INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
RANK = re.compile(r"\d{1,3}[.=]?|\d{1,3}\)")
# A figure as business copy writes it: decimals or thousands ("0.31", "2,383", "3,907.5", "4.45%").
FIGURE = re.compile(r"[+\-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)%?")
MONEY_MIN_FIGURES = 2
NAME_COUNTRY = re.compile(r"\b[A-Z][\w'.\-]+(?: [A-Z][\w'.\-]+)* \([A-Z][\w .'\-]+\)")
_UPPER = re.compile(r"[^\W\d_a-z]")     # letters not lower case (ASCII view; accents count as upper)
_LOWER = re.compile(r"[a-z\u00df-\u00ff]")
_WORD = re.compile(r"\S+")
LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z]+(?![\w-])")     # a word written in lower case
# A line this long and mostly lower case is prose, even when it holds "Name (Country)".
PROSE_MIN_TOKENS = 30
CAPS_SHARE = 0.85
# A sports story has this many results lines, or this many words of match reports, and at least
# this many per hundred words (a long news story's "set", "stage" and "title" do not make one).
RESULTS_KINDS = ("score", "standings", "ranked", "pairs")
SPORTS_MIN_RESULTS_LINES, SPORTS_MIN_WORDS, SPORTS_WORDS_PER_100 = 2, 3, 1.0


class Token:
    """One word of a line. A plain class with slots, not a dataclass: a batch makes millions."""
    __slots__ = ("start", "end", "text", "open", "close", "poss", "ends_sentence", "starts_sentence",
                 "cap", "number", "initial")

    def __init__(self, start: int, end: int, text: str, open_: bool, close: bool, poss: bool = False,
                 ends_sentence: bool = False, starts_sentence: bool = False):
        self.start, self.end, self.text = start, end, text      # offsets of the core (punctuation stripped)
        self.open = open_                   # punctuation opened before it ("(Spain")
        self.close = close                  # punctuation closed or broke after it ("Spain)", "Chang,", "end.")
        self.poss = poss                    # the word carried a possessive "'s", cut off here ("Moody's")
        self.ends_sentence = ends_sentence  # a full stop, "!" or "?" follows it
        self.starts_sentence = starts_sentence   # first of its line, or after a token that ends a sentence
        first = text[0]
        self.cap = first.isupper()          # starts with a capital
        self.number = (first.isdigit() or first in "+-") and NUMBER.match(text) is not None   # "3", "6-3", "2nd"
        self.initial = self.cap and text[-1] == "." and INITIALS.fullmatch(text) is not None   # "J.", "J.R."

    def __eq__(self, other) -> bool:
        return isinstance(other, Token) and (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end))

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


@dataclass
class Line:
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)
    kind: str = "prose"        # prose | score | standings | ranked | pairs | money | table | caps | furniture | blank
    teams: list[tuple[int, int]] = field(default_factory=list)   # spans the line's form makes teams
    runs: list[tuple[int, int]] = field(default_factory=list)    # its runs of capitalised words

    @property
    def prose_like(self) -> bool:
        """Long, mostly lower-case text: a paragraph, not a results line."""
        lower = sum(1 for t in self.tokens if t.text[:1].islower())
        return len(self.tokens) > PROSE_MIN_TOKENS and lower > len(self.tokens) / 2


def _core(raw: str) -> tuple[int, int, bool, bool]:
    """(i, j, close, ends_sentence): where a whitespace-separated word's core lies within it."""
    i, j = 0, len(raw)
    while i < j and raw[i] in OPEN:
        i += 1
    close = ends = False
    while j > i and (raw[j - 1] in CLOSE or raw[j - 1] in BREAK or raw[j - 1] == "."):
        core = raw[i:j]
        if raw[j - 1] == "." and (core in ABBREVIATIONS or re.fullmatch(r"(?:[A-Za-z]\.)+", core)):
            break
        close = True
        ends = ends or raw[j - 1] in SENTENCE_END
        j -= 1
    return i, j, close, ends


def tokenize(text: str, offset: int, adjective_suffix: re.Pattern | None = None) -> list[Token]:
    """The line's words; `adjective_suffix` cuts "-based" off "Seoul-based", which ends a name."""
    tokens: list[Token] = []
    for m in _WORD.finditer(text):
        raw, s = m.group(), m.start()
        i, j, close, ends = _core(raw)
        suffix = adjective_suffix.search(raw, i, j) if adjective_suffix else None
        if suffix is not None and suffix.start() > i:
            j, close = suffix.start(), True
        poss = False
        if raw[j - 2:j] in ("'s", "\u2019s") and j - 2 > i:      # possessive: the name ends before it
            poss = not close
            j -= 2
            close = True
        if i == j:
            continue
        first = not tokens or tokens[-1].ends_sentence
        tokens.append(Token(offset + s + i, offset + s + j, raw[i:j], i > 0, close, poss, ends, first))
    return tokens


def split_lines(body: str, gaz: Gazetteer) -> list[Line]:
    out, pos = [], 0
    for text in body.split("\n"):
        line = Line(pos, pos + len(text), text, tokenize(text, pos, gaz.adjective_suffix))
        line.kind = classify(line, gaz.furniture, gaz.money_words, gaz.not_names)
        out.append(line)
        pos += len(text) + 1
    return out


def line_at(lines: list[Line], offset: int) -> Line:
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lines[lo]


def name_runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of maximal runs of capitalised tokens, particles allowed inside."""
    runs, i, n = [], 0, len(tokens)
    while i < n:
        if not tokens[i].cap or tokens[i].number:
            i += 1
            continue
        j = i + 1
        while j < n and not tokens[j - 1].close and not tokens[j].open:
            if tokens[j].cap and not tokens[j].number:
                j += 1
            elif tokens[j].text in PARTICLES and j + 1 < n and tokens[j + 1].cap and not tokens[j].close \
                    and not tokens[j + 1].open:
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _score_line(line: Line, runs) -> bool:
    """NAME n NAME n, the names being the line's first two runs: "Detroit 7 Chicago 4"."""
    toks = line.tokens
    (a0, a1), (b0, b1) = runs[0], runs[1]
    if a0 == 0 and a1 < len(toks) and SCORE.match(toks[a1].text) and a1 + 1 == b0 \
            and b1 < len(toks) and SCORE.match(toks[b1].text):
        line.teams = [(toks[a0].start, toks[a1 - 1].end), (toks[b0].start, toks[b1 - 1].end)]
        return True
    return False


def _standings_row(line: Line, runs) -> bool:
    """One name, then three or more numbers: "Celtic 4 3 1 0 9 2 10"."""
    toks = line.tokens
    i, j = runs[0]
    if i <= 1 and j < len(toks) and all(t.number for t in toks[j:j + 3]) and len(runs) == 1 and not toks[i].open:
        line.teams = [(toks[i].start, toks[j - 1].end)]
        return True
    return False


def _money_line(toks: list[Token], money_words: frozenset[str]) -> bool:
    """Figures of business copy: a money word ("mln", "pct", "Shr", "Revs") among figures, a figure
    "vs" a figure ("0.31 vs 0.34"), or two figures with a decimal point or thousands separator."""
    if sum(FIGURE.fullmatch(t.text) is not None for t in toks) >= MONEY_MIN_FIGURES:
        return True
    if not any(t.number for t in toks):
        return False
    for k, t in enumerate(toks):
        key = t.text.casefold()
        if key in ("vs", "v") and 0 < k < len(toks) - 1 and toks[k - 1].number and toks[k + 1].number:
            return True
        if key in money_words:
            return True
    return False


def classify(line: Line, furniture: list[re.Pattern], money_words: frozenset[str], not_names: frozenset[str]) -> str:
    """The line's kind from its shape; figures in a results shape that read as business copy are money."""
    kind = _classify(line, furniture, not_names)
    if kind in RESULTS_KINDS and _money_line(line.tokens, money_words):
        line.teams = []
        return "money"
    return kind


def _dates(line: Line, runs, not_names: frozenset[str]) -> bool:
    """A table's heading of dates ("Jul 31, Jul 31,", "April' 96 March' 96") is no score line."""
    return all(line.tokens[k].text.casefold().rstrip("'") in not_names for i, j in runs[:2] for k in range(i, j))


def _classify(line: Line, furniture: list[re.Pattern], not_names: frozenset[str]) -> str:
    text = line.text.strip()
    if not text:
        return "blank"
    if any(p.search(text) for p in furniture):
        return "furniture"
    toks = line.tokens
    nums = sum(t.number for t in toks)
    words = len(toks) - nums
    upper, lower = len(_UPPER.findall(text)), len(_LOWER.findall(text))
    runs = line.runs = name_runs(toks)
    if len(runs) >= 2 and nums >= 2 and not _dates(line, runs, not_names) and _score_line(line, runs):
        return "score"
    if runs and nums >= 3 and _standings_row(line, runs):
        return "standings"
    if upper + lower > 3 and upper / (upper + lower) > CAPS_SHARE:
        return "caps"
    if line.prose_like:
        return "prose"      # a paragraph that happens to hold "Name (Country)" or numbers
    if len(toks) > 1 and RANK.fullmatch(toks[0].text) and toks[1].cap:
        return "ranked"
    if NAME_COUNTRY.search(text):
        return "pairs"
    if nums >= 3 and nums >= words / 2:
        return "table"
    return "prose"


@dataclass
class Body:
    """One article body read for names: its lines and whether it is a sports story, where a
    city's name is usually its club."""
    text: str
    lines: list[Line]
    sports: bool
    common_words: frozenset[str] = frozenset()     # words the body also writes in lower case


def is_sports(text: str, lines: list[Line], sports_words: re.Pattern) -> bool:
    """A sports story: results lines, or the vocabulary of match reports often enough."""
    results = sum(line.kind in RESULTS_KINDS for line in lines)
    words = len(sports_words.findall(text))
    return results >= SPORTS_MIN_RESULTS_LINES or (
        words >= SPORTS_MIN_WORDS and words * 100 >= SPORTS_WORDS_PER_100 * len(text.split()))


def read_body(text: str, gaz: Gazetteer) -> Body:
    lines = split_lines(text, gaz)
    return Body(text, lines, is_sports(text, lines, gaz.sports_words), frozenset(LOWER_WORD.findall(text)))
