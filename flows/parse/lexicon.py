"""The words a layout is read with, and the two shapes every step asks about.

`lexicon()` reads `flows/data/layout.toml` (bylines, captions, sign-offs, page furniture, tags)
and `boilerplate.toml` (lines dropped everywhere, the page's tail) once, into one `Lexicon` of
compiled patterns and word sets; the role predicates (`line_roles.py`) take it as `lex`. The words
are data; this module only says how each list is matched (a label needs a colon or not, a hint is
matched on the lower-cased line).

Shapes are structure, not vocabulary: `is_prose` (a sentence, or a long line) and `is_title_like`
(a headline's length and ending).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from flows.parse.text import fold
from flows.resources import DATA

BOILERPLATE_FILE = DATA / "boilerplate.toml"
LAYOUT_FILE = DATA / "layout.toml"

# --- vocabulary -----------------------------------------------------------------------------------

@lru_cache(maxsize=1 << 15)
def phrase_key(text: str) -> str:
    """A line as a phrase key: lower case words, punctuation and spacing aside."""
    return " ".join(re.findall(r"[\w']+", fold(text).lower()))


def _union(patterns, flags=re.IGNORECASE) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


def _labels(labels: list[str]) -> str:
    return "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in sorted(labels, key=len, reverse=True))


def _words_in(hints: list[str]) -> re.Pattern:
    """Literal hints, matched case-sensitively on a lower-cased line (ten times faster than ignoring case)."""
    return re.compile("|".join(re.escape(h.lower()) for h in hints))


@dataclass(frozen=True)
class Lexicon:
    """layout.toml and boilerplate.toml compiled: patterns a line is matched with, sets its words are looked up in."""
    drop: re.Pattern
    tail: re.Pattern
    link_box: re.Pattern
    ui_phrases: frozenset
    ui: re.Pattern
    ui_words: frozenset
    ui_actions: frozenset
    announcers: frozenset
    promo: re.Pattern
    not_name_words: frozenset
    particles: frozenset
    role_words: re.Pattern
    byline: re.Pattern
    byline_label: re.Pattern
    editor: re.Pattern
    issuer_label: re.Pattern
    write_to: re.Pattern
    byline_place: re.Pattern
    editing: re.Pattern
    signoffs: tuple           # (pattern, needs a name)
    editorial: re.Pattern
    tag_paren: re.Pattern
    tag_dash: re.Pattern
    desk_prefix: re.Pattern
    title_separator: re.Pattern
    site_suffixes: frozenset
    news_sections: frozenset
    site_phrases: tuple       # patterns with a (?P<site>) group
    caption_label: re.Pattern
    caption_cue: re.Pattern
    caption_hints: re.Pattern
    credit_hints: re.Pattern
    credit_tail: re.Pattern
    header_credit_tail: re.Pattern
    credit_line: re.Pattern
    caption_max_words: int
    unterminated_min_words: int
    relative: re.Pattern


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The vocabulary, read once per process."""
    bp = tomllib.loads(BOILERPLATE_FILE.read_text(encoding="utf-8"))
    lx = tomllib.loads(LAYOUT_FILE.read_text(encoding="utf-8"))
    by, cap = lx["bylines"], lx["captions"]
    # "By Jane Doe" needs no colon; "Author: Jane Doe" does, so "Reporter Jane Doe said" is no byline.
    loose = [label for label in by["labels"] if label == "by" or label.endswith(" by")]
    strict = [label for label in by["labels"] if label not in loose]
    return Lexicon(
        drop=_union(bp["drop"]), tail=_union(bp["tail"]), link_box=_union(bp["link_box"]),
        ui_phrases=frozenset(phrase_key(p) for p in lx["ui"]["phrases"]), ui=_union(lx["ui"]["patterns"]),
        ui_words=frozenset(lx["ui"]["words"]), ui_actions=frozenset(lx["ui"]["action_words"]),
        announcers=frozenset(phrase_key(p) for p in lx["announcers"]["phrases"]),
        promo=re.compile("(?:" + "|".join(re.escape(fold(s)) for s in lx["promos"]["starts"]) + ")", re.IGNORECASE),
        not_name_words=frozenset(w.lower() for w in lx["names"]["not_name_words"]),
        particles=frozenset(lx["names"]["particles"]),
        role_words=re.compile(r"\b(?:" + "|".join(map(re.escape, lx["names"]["role_words"])) + r")\b", re.IGNORECASE),
        byline=re.compile(rf"^(?:(?:{_labels(loose)})\s*:?\s+|(?:{_labels(strict)})\s*:\s*)(?P<names>\S.*)$",
                          re.IGNORECASE),
        byline_label=re.compile(rf"^(?:{_labels(by['labels'])})\s*:?$", re.IGNORECASE),
        editor=re.compile(rf"^(?:{_labels(by['editor_labels'])})\s*:?\s*(?P<names>.*)$", re.IGNORECASE),
        issuer_label=re.compile(rf"^(?:{_labels(by['issuer_labels'])})\s*:?$", re.IGNORECASE),
        write_to=re.compile(by["write_to"], re.IGNORECASE),
        byline_place=re.compile(by["place"], re.IGNORECASE), editing=re.compile(by["editing"], re.IGNORECASE),
        signoffs=tuple((re.compile(p, re.IGNORECASE), False) for p in lx["signoffs"]["labelled"])
        + tuple((re.compile(p, re.IGNORECASE), True) for p in lx["signoffs"]["named"]),
        editorial=_union(lx["editorial"]["patterns"]),
        tag_paren=re.compile(lx["tags"]["paren"], re.IGNORECASE), tag_dash=re.compile(lx["tags"]["dash"]),
        desk_prefix=re.compile(lx["headlines"]["desk_prefix"]),
        title_separator=re.compile(lx["headlines"]["page_title_separator"]),
        site_suffixes=frozenset(phrase_key(s) for s in lx["headlines"]["site_suffixes"]),
        news_sections=frozenset(lx["headlines"]["news_sections"]),
        site_phrases=tuple(re.compile(q, re.IGNORECASE) for q in lx["headlines"]["site_phrases"]),
        caption_label=re.compile(rf"^(?:{_labels(cap['labels'])})\s*[:,]\s*(?P<text>\S.*)$", re.IGNORECASE),
        caption_cue=_union(cap["cues"]), credit_tail=_union(cap["credit_tails"]),
        caption_hints=_words_in(cap["hints"]), credit_hints=_words_in(cap["credit_hints"]),
        header_credit_tail=re.compile(cap["header_credit_tail"]), credit_line=_union(cap["credit_lines"]),
        caption_max_words=cap["max_words"], unterminated_min_words=cap["unterminated_min_words"],
        relative=re.compile(lx["relative_time"]["pattern"], re.IGNORECASE),
    )


# --- shapes (structure, not vocabulary) -----------------------------------------------------------
PROSE_MIN_WORDS = 12
PROSE_END = re.compile(r"[.!?…]['\")\]”’»]*$")
SENTENCE_END = re.compile(r"[.!?…:](?:\s?['\")\]”’»])*$")      # wire copy may space a closing quote
HEADLINE_MAX_WORDS, HEADLINE_MAX_CHARS = 30, 250
HEADLINE_BAD_END = re.compile(r"[:;,]$")


def is_prose(text: str) -> bool:
    """A sentence of twelve words or more, or a line too long to be anything else."""
    n = len(text.split())
    return n >= PROSE_MIN_WORDS and bool(PROSE_END.search(text)) or n >= 2 * PROSE_MIN_WORDS + 6


def is_title_like(text: str) -> bool:
    """A headline's shape: two to thirty words, no closing colon or comma, not opening on a bracket or a bar."""
    n = len(text.split())
    return (2 <= n <= HEADLINE_MAX_WORDS and len(text) <= HEADLINE_MAX_CHARS
            and not HEADLINE_BAD_END.search(text) and not text.startswith(("(", "[", "|")))
