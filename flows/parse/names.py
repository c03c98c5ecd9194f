"""People and places in a line of text: is it a person's name, what does a byline say, is it a city.

`looks_like_name` judges one piece ("Jane Doe": capitalised tokens, no job or section words);
`bare_name` a whole line of names and nothing else; `parse_byline` splits a byline's text into
names, outlets and a place; `names_in` finds the people in a credit line. A place is a city the
gazetteer knows (`known_city`). The words that are never part of a name (job titles, section
names, particles such as "van") come from the `Lexicon`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from flows.entities.gazetteer import Known, cities, identity_key
from flows.parse.lexicon import Lexicon
from flows.parse.outlets import Outlet, Outlets
from flows.parse.text import fold

NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,|\s+and\s+|\s*&\s*|\s*;\s*)\s*", re.IGNORECASE)
NAME_MAX_TOKENS = 4
NON_LATIN_NAME_MAX_CHARS = 12
_EMAILS = re.compile(r"\S+@\S+|(?<!\w)@\w+|https?://\S+|www\.\S+")
PARENS = re.compile(r"\(([^()]*)\)")


@dataclass
class Byline:
    """What a byline says: who wrote the story, for which outlets, from where."""
    names: list[str] = field(default_factory=list)
    outlets: list[Outlet] = field(default_factory=list)
    place: str | None = None
    bare: bool = False      # a name line without "By": believed only in the article's header
    stamps: list = field(default_factory=list)     # a date printed in the byline ("By Jo Ma, March 3, 2025")


# --- names ----------------------------------------------------------------------------------------

def _name_token(token: str, allow_caps: bool) -> bool:
    core = token.strip(".,")
    if not core or not core[0].isupper() or any(ch.isdigit() for ch in core):
        return False
    if len(core) == 1 or (len(token) == 2 and token.endswith(".")):      # an initial
        return True
    if not all(ch.isalpha() or ch in "'’-." for ch in core):
        return False
    return allow_caps or any(ch.islower() for ch in core)


def bare_word(token: str) -> str:
    """A word as the word lists hold it: folded, lower case, no closing dot or comma."""
    return fold(token).strip(".,").lower()


def looks_like_name(piece: str, lex: Lexicon, allow_caps: bool = True, min_tokens: int = 1) -> bool:
    """A person's name: capitalised tokens (particles aside), no job or section words."""
    tokens = piece.split()
    if not min_tokens <= len(tokens) <= NAME_MAX_TOKENS + 1 or lex.role_words.search(piece):
        return False
    named = [t for t in tokens if t.lower() not in lex.particles]
    if not named or not all(_name_token(t, allow_caps) for t in named):
        return False
    return not any(bare_word(t) in lex.not_name_words or t.endswith(("'s", "’s")) for t in named)


def bare_name(text: str, lex: Lexicon, outlets: Outlets) -> bool:
    """A line that is only people's names ("Delia Marsh", "Rachel Dunne (now) and Tom Price (earlier)")."""
    if len(text) > 120:
        return False
    key = (text, id(outlets))
    if key not in _BARE_NAMES:
        if len(_BARE_NAMES) > 50_000:
            _BARE_NAMES.clear()
        _BARE_NAMES[key] = _is_bare_name(text, lex, outlets)
    return _BARE_NAMES[key]


_BARE_NAMES: dict[tuple[str, int], bool] = {}     # the same navigation lines come back on every page


def _is_bare_name(text: str, lex: Lexicon, outlets: Outlets) -> bool:
    core = PARENS.sub(" ", text).strip()
    pieces = [p for p in NAME_SPLIT.split(core) if p]
    return bool(pieces) and all(
        looks_like_name(p, lex, allow_caps=False, min_tokens=2) and len(p.split()) <= NAME_MAX_TOKENS
        and outlets.named(p) is None and known_city(p) is None for p in pieces)


def is_non_latin_name(text: str) -> bool:
    """A short line of letters in a script other than Latin: a byline such as "이민지"."""
    if len(text) > NON_LATIN_NAME_MAX_CHARS or len(text.split()) > 2:
        return False
    letters = [ch for ch in text if not ch.isspace()]
    return bool(letters) and all(ch.isalpha() and "LATIN" not in unicodedata.name(ch, "LATIN") for ch in letters)


def title_case(name: str) -> str:
    """'NEW DELHI' -> 'New Delhi', 'WINSTON-SALEM' -> 'Winston-Salem'; mixed case is left alone."""
    if not name.isupper():
        return name
    return " ".join("-".join(part.capitalize() for part in word.split("-")) for word in name.split())


def known_city(name: str) -> Known | None:
    """The city of that name, if the gazetteer knows one."""
    return cities().get(identity_key(name)) if name else None


# --- bylines and credits --------------------------------------------------------------------------

def parse_byline(text: str, lex: Lexicon, outlets: Outlets, bare: bool = False) -> Byline:
    """Names, outlets and a place from a byline's text: "Jane Doe and JOHN ROE, AP", "Jo Ma in Hong
    Kong", "Jane Doe for MailOnline", "Jane Doe (The Island Post)", "Kim Ji-yoon (jykim@example.com)"."""
    found = Byline(bare=bare)
    text = _EMAILS.sub(" ", text.split("|")[0])
    for inner in PARENS.findall(text):
        outlet = outlets.named_loosely(inner.strip())
        if outlet is not None:
            found.outlets.append(outlet)
    text = " ".join(PARENS.sub(" ", text).split()).strip(" ,;.-")
    place = re.search(r"\s+in\s+(?P<place>[A-Z][\w .'-]+)$", text)
    if place:
        found.place = place["place"].strip()
        text = text[:place.start()]
    text, *employer = re.split(r"\s+for\s+", text, maxsplit=1, flags=re.IGNORECASE)   # "Jo Ma for MailOnline"
    if employer and (outlet := outlets.named_loosely(employer[0].strip(" ."))) is not None:
        found.outlets.append(outlet)
    names = []
    for piece in re.split(r"\s+with\s+|" + NAME_SPLIT.pattern, text, flags=re.IGNORECASE):
        piece = (piece or "").strip(" .")
        if not piece:
            continue
        outlet = outlets.named_loosely(piece)
        if outlet is not None:
            found.outlets.append(outlet)
        elif looks_like_name(piece, lex):
            names.append(piece)
    # beside a full name, one word is the outlet nobody told us of ("YUKI ARAKAWA, BLOOMBERG"), not a person
    full = any(len(name.split()) > 1 for name in names)
    found.names += [title_case(name) for name in names if len(name.split()) > 1 or not full]
    return found


def names_in(text: str, lex: Lexicon, outlets: Outlets) -> list[str]:
    """People named in a credit: "Jane Doe and John Roe", "Associated Press writer Jo Ma"."""
    names = []
    text = re.sub(r"\s+in\s+[A-Z][\w .'-]+$", "", text.strip(" ."))      # "Jo Ma in Madrid"
    for piece in NAME_SPLIT.split(text):
        piece = re.sub(r"\s+in\s+[A-Z][\w .'-]+$", "", piece.strip(" ."))
        words = piece.split()
        while words and (lex.role_words.search(words[0]) or outlets.named(words[0]) or words[0][:1].islower()
                         or outlets.named(" ".join(words[:2])) or outlets.named(" ".join(words[:3]))):
            cut = 3 if outlets.named(" ".join(words[:3])) else 2 if outlets.named(" ".join(words[:2])) else 1
            words = words[cut:]
        piece = " ".join(words)
        if piece and looks_like_name(piece, lex):
            names.append(title_case(piece))
    return names
