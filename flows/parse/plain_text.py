"""Metadata and clean body from the text of one news article.

The input is text as a person copies it from a web page or a wire feed: page furniture, a site
name, a headline, a byline, photo captions, a dateline, the story, and the page footer, in
whatever order the outlet uses. Each line (paragraph) gets one role, decided by evidence:

1. what the line itself shows, tried in the order of `LINE_ROLES` (a table of predicate and role:
   sign-off, editorial note, copyright, caption, photo credit, wire credit, furniture, control, stamp,
   dateline line, byline, wire tag, caption cue, outlet name, page title);
2. what its neighbours show (`NEIGHBOUR_ROLES`): the line above a photo credit is a caption, the
   line after "Text by:" is a byline, a repeated line is a caption;
3. where it stands: the headline is the first title-shaped line that the article's own header
   follows (standfirst lines, then a byline, a name, a stamp, a dateline or the story), never a
   line that navigation follows (`_find_headline`); between the headline and the story a person's
   name is a byline where bylines stand, a job title or a city under it belongs to it, a line closing
   on a "(Credit)" is a caption (`_header_roles`); inside the story a long line that ends no sentence
   between lines that do is a caption (`_body_captions`).
4. the fields, each from its own evidence ranked in one place: publisher (`_pick_publisher`), wire
   (`_pick_wire`), publication time (`_publication`), dateline (`_dateline_fields`).

Words and patterns live in `flows/data/layout.toml` and `boilerplate.toml`, outlet facts in
`outlets.toml`, zone abbreviations in `timezones.toml`; this module holds shapes and the order of
evidence. The body is what the content extractor (`flows/parse/content.py`) keeps of the page,
from the story's lead to a comment section, less every line a role claimed.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import py3langid

from flows.entities.gazetteer import Known, _places, cities, identity_key
from flows.parse import datetimes
from flows.parse.content import main_content
from flows.parse.outlets import Outlet, Outlets, load_outlets
from flows.parse.text import fold, fold_key, paragraphs, word_count
from flows.resources import DATA

BOILERPLATE_FILE = DATA / "boilerplate.toml"
LAYOUT_FILE = DATA / "layout.toml"

# --- shapes (structure, not vocabulary: the vocabulary is in layout.toml) ------------------------
NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,|\s+and\s+|\s*&\s*|\s*;\s*)\s*", re.IGNORECASE)
BYLINE_MAX_WORDS = 16
NAME_MAX_TOKENS = 4
# A dateline opens the lead: "SEOUL, Sept. 13 (Yonhap) --", "MOSCOW:", "WASHINGTON (AP) -",
# "EVERGREEN, Colo.-When", "SAN JOSE, Calif., March 4, 2025 /PRNewswire/ --".
_CITY = r"(?P<city>[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,3})"
_REGION = rf"(?P<region>(?!{datetimes.MONTH}\b)[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){{0,2}})"
DATELINE = re.compile(
    rf"^{_CITY}(?:,\s*{_REGION})?"
    rf"(?:,\s*(?P<date>{datetimes.MONTH}\.?\s+\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?)?"
    rf"\s*(?:\((?P<credit>[^()]{{2,40}})\)|/(?P<slash>[^/]{{2,40}})/)?"
    rf"\s*(?P<sep>--|-|:)?\s*")
# A dateline in mixed case before an outlet's credit: "London CNN - ...", "Paris, France AFP - ...".
DATELINE_MIXED = re.compile(
    r"^(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}))?"
    r"\s+\(?(?P<credit>[A-Z][\w&.]*(?:\s+[A-Z][\w&.]*){0,3})\)?\s*(?P<sep>--|-)\s*"
    r"(?P<date>(?!x)x)?(?P<year>(?!x)x)?(?P<slash>(?!x)x)?")
# A wire's dateline on a line of its own: "LONDON 1996-08-22", "MANCHESTER, England 1996-08-29".
DATELINE_LINE = re.compile(
    rf"^{_CITY}(?:,\s*{_REGION})?"
    rf"\s+(?P<date>\d{{4}}-\d{{2}}-\d{{2}}|{datetimes.MONTH}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?)$")
PROSE_MIN_WORDS = 12
HEADER_PROSE_MIN_WORDS = 4      # shorter lines before the lead are navigation ("Home")
PROSE_END = re.compile(r"[.!?…]['\")\]”’»]*$")
SENTENCE_END = re.compile(r"[.!?…:](?:\s?['\")\]”’»])*$")      # wire copy may space a closing quote
HEADLINE_MAX_WORDS, HEADLINE_MAX_CHARS = 30, 250
HEADLINE_BAD_END = re.compile(r"[:;,]$")
LABEL_MAX_WORDS = 3             # a line this short, not a name, is navigation or a section label
STANDFIRST_MAX_LINES = 4        # title-shaped lines between a headline and its byline
ACCEPT_WINDOW = 24              # lines looked at below a headline candidate
NEIGHBOUR_CAPTION_MIN_WORDS, NEIGHBOUR_CAPTION_MAX_WORDS = 5, 45
NON_LATIN_NAME_MAX_CHARS = 12
LANGUAGE_MIN_WORDS = 3
LANGUAGE_SAMPLE_CHARS = 600       # a body's opening hundred words tell its language
LIST_BULLETS = "•·▪►◦‣●○■□*"
DUPLICATE_MIN_WORDS = 8
CITY_LINE_MIN_POPULATION = 15_000   # a lone place name under a byline is its dateline
_EMAILS = re.compile(r"\S+@\S+|(?<!\w)@\w+|https?://\S+|www\.\S+")
_PARENS = re.compile(r"\(([^()]*)\)")


@dataclass
class ParsedArticle:
    """Everything the text says about one article; None or empty where it says nothing."""
    headline: str | None = None
    section: str | None = None          # a desk prefix printed on the headline line ("SOCCER")
    update_tag: str | None = None
    slug: str | None = None
    standfirst: str | None = None
    authors: list[str] = field(default_factory=list)
    authors_native: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)   # "Additional reporting by ...", "... contributed"
    editors: list[str] = field(default_factory=list)        # "Edited by: ..."
    publisher: str | None = None
    wire_service: str | None = None
    dateline: str | None = None
    dateline_city: str | None = None
    published: datetimes.Instant | None = None
    captions: list[str] = field(default_factory=list)
    editorial_notes: list[str] = field(default_factory=list)
    signoffs: list[str] = field(default_factory=list)        # closing credit lines, kept out of the body
    origins: dict[str, str] = field(default_factory=dict)    # field -> the source that decided it (parse/metadata.py)
    body: str = ""
    language: str | None = None
    word_count: int = 0


@dataclass
class _Para:
    text: str            # as written
    folded: str
    index: int
    role: str | None = None
    value: object = None
    words: int = 0
    dateline_memo: tuple | None = None
    lower: str = ""           # the folded text in lower case, for the quick hints

    def __post_init__(self) -> None:
        self.words = len(self.text.split())
        self.lower = self.folded.lower()


@dataclass
class _Byline:
    names: list[str] = field(default_factory=list)
    outlets: list[Outlet] = field(default_factory=list)
    place: str | None = None
    bare: bool = False      # a name line without "By": believed only in the article's header
    stamps: list = field(default_factory=list)     # a date printed in the byline ("By Jo Ma, March 3, 2025")


@dataclass
class _StampLine:
    stamps: list[datetimes.Stamp]
    place: str | None = None


# --- vocabulary ---------------------------------------------------------------------------------

@lru_cache(maxsize=1 << 15)
def _phrase(text: str) -> str:
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
class _Lexicon:
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
def _lexicon() -> _Lexicon:
    bp = tomllib.loads(BOILERPLATE_FILE.read_text(encoding="utf-8"))
    lx = tomllib.loads(LAYOUT_FILE.read_text(encoding="utf-8"))
    by, cap = lx["bylines"], lx["captions"]
    # "By Jane Doe" needs no colon; "Author: Jane Doe" does, so "Reporter Jane Doe said" is no byline.
    loose = [label for label in by["labels"] if label == "by" or label.endswith(" by")]
    strict = [label for label in by["labels"] if label not in loose]
    return _Lexicon(
        drop=_union(bp["drop"]), tail=_union(bp["tail"]), link_box=_union(bp["link_box"]),
        ui_phrases=frozenset(_phrase(p) for p in lx["ui"]["phrases"]), ui=_union(lx["ui"]["patterns"]),
        ui_words=frozenset(lx["ui"]["words"]), ui_actions=frozenset(lx["ui"]["action_words"]),
        announcers=frozenset(_phrase(p) for p in lx["announcers"]["phrases"]),
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
        site_suffixes=frozenset(_phrase(s) for s in lx["headlines"]["site_suffixes"]),
        caption_label=re.compile(rf"^(?:{_labels(cap['labels'])})\s*[:,]\s*(?P<text>\S.*)$", re.IGNORECASE),
        caption_cue=_union(cap["cues"]), credit_tail=_union(cap["credit_tails"]),
        caption_hints=_words_in(cap["hints"]), credit_hints=_words_in(cap["credit_hints"]),
        header_credit_tail=re.compile(cap["header_credit_tail"]), credit_line=_union(cap["credit_lines"]),
        caption_max_words=cap["max_words"], unterminated_min_words=cap["unterminated_min_words"],
        relative=re.compile(lx["relative_time"]["pattern"], re.IGNORECASE),
    )


# --- small predicates ---------------------------------------------------------------------------

def _is_prose(text: str) -> bool:
    n = len(text.split())
    return n >= PROSE_MIN_WORDS and bool(PROSE_END.search(text)) or n >= 2 * PROSE_MIN_WORDS + 6


def _is_title_like(text: str) -> bool:
    n = len(text.split())
    return (2 <= n <= HEADLINE_MAX_WORDS and len(text) <= HEADLINE_MAX_CHARS
            and not HEADLINE_BAD_END.search(text) and not text.startswith(("(", "[", "|")))


def _is_non_latin_name(text: str) -> bool:
    """A short line of letters in a script other than Latin: a byline such as "이민지"."""
    if len(text) > NON_LATIN_NAME_MAX_CHARS or len(text.split()) > 2:
        return False
    letters = [ch for ch in text if not ch.isspace()]
    return bool(letters) and all(ch.isalpha() and "LATIN" not in unicodedata.name(ch, "LATIN") for ch in letters)


def _name_token(token: str, allow_caps: bool) -> bool:
    core = token.strip(".,")
    if not core or not core[0].isupper() or any(ch.isdigit() for ch in core):
        return False
    if len(core) == 1 or (len(token) == 2 and token.endswith(".")):      # an initial
        return True
    if not all(ch.isalpha() or ch in "'’-." for ch in core):
        return False
    return allow_caps or any(ch.islower() for ch in core)


def _bare_word(token: str) -> str:
    return fold(token).strip(".,").lower()


def _looks_like_name(piece: str, lex: _Lexicon, allow_caps: bool = True, min_tokens: int = 1) -> bool:
    """A person's name: capitalised tokens (particles aside), no job or section words."""
    tokens = piece.split()
    if not min_tokens <= len(tokens) <= NAME_MAX_TOKENS + 1 or lex.role_words.search(piece):
        return False
    named = [t for t in tokens if t.lower() not in lex.particles]
    if not named or not all(_name_token(t, allow_caps) for t in named):
        return False
    return not any(_bare_word(t) in lex.not_name_words or t.endswith(("'s", "’s")) for t in named)


def _bare_name(text: str, lex: _Lexicon, outlets: Outlets) -> bool:
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


def _is_bare_name(text: str, lex: _Lexicon, outlets: Outlets) -> bool:
    core = _PARENS.sub(" ", text).strip()
    pieces = [p for p in NAME_SPLIT.split(core) if p]
    return bool(pieces) and all(
        _looks_like_name(p, lex, allow_caps=False, min_tokens=2) and len(p.split()) <= NAME_MAX_TOKENS
        and outlets.named(p) is None and _place(p) is None for p in pieces)


def _is_label(para: _Para, lex: _Lexicon, outlets: Outlets) -> bool:
    """A short line that is no name and no sentence: navigation, a section label, a kicker."""
    words = re.findall(r"[\w'’.]+", para.text)
    return len(words) <= LABEL_MAX_WORDS and not _bare_name(para.text, lex, outlets)


def _title_case(name: str) -> str:
    """'NEW DELHI' -> 'New Delhi', 'WINSTON-SALEM' -> 'Winston-Salem'; mixed case is left alone."""
    if not name.isupper():
        return name
    return " ".join("-".join(part.capitalize() for part in word.split("-")) for word in name.split())


def _place(name: str) -> Known | None:
    return cities().get(identity_key(name)) if name else None


def _known_place(name: str) -> str | None:
    found = _place(name)
    return found.name if found else None


def _city_timezone(name: str) -> str | None:
    found = _place(name)
    return found.timezone if found else None


def _parse_byline(text: str, lex: _Lexicon, outlets: Outlets, bare: bool = False) -> _Byline:
    """Names, outlets and a place from a byline's text: "Jane Doe and JOHN ROE, AP", "Jo Ma in Hong
    Kong", "Jane Doe for MailOnline", "Jane Doe (The Island Post)", "Kim Ji-yoon (jykim@example.com)"."""
    found = _Byline(bare=bare)
    text = _EMAILS.sub(" ", text.split("|")[0])
    for inner in _PARENS.findall(text):
        outlet = outlets.named_loosely(inner.strip())
        if outlet is not None:
            found.outlets.append(outlet)
    text = " ".join(_PARENS.sub(" ", text).split()).strip(" ,;.-")
    place = re.search(r"\s+in\s+(?P<place>[A-Z][\w .'-]+)$", text)
    if place:
        found.place = place["place"].strip()
        text = text[:place.start()]
    for piece in re.split(r"\s+(?:for|with)\s+|" + NAME_SPLIT.pattern, text, flags=re.IGNORECASE):
        piece = (piece or "").strip(" .")
        if not piece:
            continue
        outlet = outlets.named_loosely(piece)
        if outlet is not None:
            found.outlets.append(outlet)
        elif _looks_like_name(piece, lex):
            found.names.append(_title_case(piece))
    return found


def _names_in(text: str, lex: _Lexicon, outlets: Outlets) -> list[str]:
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
        if piece and _looks_like_name(piece, lex):
            names.append(_title_case(piece))
    return names


# --- roles a line's own text proves: (role, predicate) in order, the first that holds wins --------
# A predicate returns the role's value, or None when the line is not of that role.

Predicate = Callable[[_Para, _Lexicon, Outlets], object]


SIGNOFF_HINT = re.compile(r"report|contribut|assist|\bby\b|wrote|this (?:story|article|report)")   # on .lower


def _signoff(p: _Para, lex: _Lexicon, outlets: Outlets):
    if p.words > 40 or not SIGNOFF_HINT.search(p.lower):
        return None
    core = p.folded.strip(" -()")
    offset = p.folded.index(core) if core else 0
    for pattern, needs_name in lex.signoffs:
        match = pattern.fullmatch(core)
        if match is None:
            continue
        if "names" not in pattern.groupindex or match["names"] is None:
            return []
        names = _names_in(p.text[offset + match.start("names"):offset + match.end("names")], lex, outlets)
        if names or not needs_name:
            return names
    return None


def _byline_place(p, lex, outlets):
    """ "Reporting from Ottawa": where the byline's author reported from."""
    match = lex.byline_place.fullmatch(p.folded.strip()) if p.words <= 8 else None
    return _title_case(p.text[match.start("place"):match.end("place")].strip()) if match else None


def _editorial(p, lex, outlets):
    return True if p.words <= 60 and lex.editorial.fullmatch(p.folded) else None


COPYRIGHT = re.compile(
    r"^\[?\s*(?:copyright\s*)?(?:\(c\)|©|ⓒ)\s*(?:copyright\s*)?(?:\d{4}(?:\s*-\s*\d{4})?\s*,?\s*)?"
    r"(?P<holder>[^.\]|,]*?)\s*(?:[.,|\]].*)?$"
    r"|^copyright\s+(?:\d{4}(?:\s*-\s*\d{4})?\s*,?\s*)?(?P<holder2>[^.\]|,]*?)\s*(?:[.,|\]].*)?$",
    re.IGNORECASE)
_COMPANY_ABBREVIATION = re.compile(r"\b(?:L\.P|L\.L\.C|Inc|Ltd|Co|Corp|S\.A|PT|Pte)\.", re.IGNORECASE)


COPYRIGHT_HINTS = re.compile(r"©|ⓒ|\(c\)|copyright")     # on .lower


def _copyright(p, lex, outlets):
    if p.words > 40 or not COPYRIGHT_HINTS.search(p.lower):
        return None
    folded = _COMPANY_ABBREVIATION.sub(lambda m: m.group().rstrip("."), p.folded)
    match = COPYRIGHT.match(folded)
    if match is None or not ("©" in folded or "ⓒ" in folded or "(c)" in folded.lower()
                             or re.search(r"\d{4}|all rights reserved", folded, re.IGNORECASE)):
        return None
    holder = re.split(r"\s+[/|–-]\s+|\s+theme by\b", (match["holder"] or match["holder2"] or "").strip(),
                      flags=re.IGNORECASE)[0]
    holder = outlets.company_name(holder)
    return holder if len(re.findall(r"[^\W\d_]", holder)) >= 2 else ""


def _labelled_caption(p, lex, outlets):
    """ "Image caption: Protesters outside the court", "Photo: Students queue for the bus on Monday." """
    match = lex.caption_label.match(p.folded)
    if match is None:
        return None
    text = p.text[match.start("text"):].strip()
    words = text.split()
    if len(words) < 5 or len(words) > lex.caption_max_words or "/" in text and len(words) <= 8:
        return None
    return text if sum(w[:1].islower() for w in words) >= 2 or PROSE_END.search(text) else None


def _photo_credit(p, lex, outlets):
    """A line that is only a credit; a final full stop is allowed on a short one ("Photo: Jo Ma.")."""
    if p.words > 16 or not lex.credit_hints.search(p.lower):
        return None
    text = p.folded.rstrip(".") if p.words <= 8 else p.folded
    return True if lex.credit_line.fullmatch(text) and not PROSE_END.search(text) else None


SOURCE_LINE = re.compile(r"^(?:source|sources|via|courtesy(?: of)?)\s*:?\s+(?P<name>.{2,80}?)\.?$", re.IGNORECASE)
CREDIT_PARTS = re.compile(r"\s*(?:/|,|;|\s+with\s+|\s+and\s+|\s*&\s*)\s*", re.IGNORECASE)


def _source_credit(p, lex, outlets):
    """ "(Yonhap)", "-- AP", "Source: Reuters/fh", "(THE SITE with AFP)": outlets credited for the story."""
    source = SOURCE_LINE.match(p.folded)
    if source:
        found = [o for part in CREDIT_PARTS.split(source["name"]) if (o := outlets.named_loosely(part))]
        return found or None
    match = re.fullmatch(r"\(\s*(?P<paren>[^()]{2,60}?)\s*\)|-{1,2}\s*(?P<dash>[A-Za-z][\w .&'/-]{1,40}?)",
                         p.folded.strip())
    if match is None:
        return None
    parts = [q for q in CREDIT_PARTS.split(match["paren"] or match["dash"]) if q]
    found = [outlets.named_loosely(q) for q in parts]
    return found if found and all(found) else None


def _link_box(p, lex, outlets):
    return True if lex.link_box.fullmatch(p.folded) else None


def _boilerplate(p, lex, outlets):
    return True if p.words <= 40 and lex.drop.fullmatch(p.folded) else None


def _control(p, lex, outlets):
    if p.words > 12:
        return None
    phrase = _phrase(p.text)
    if phrase in lex.ui_phrases or lex.ui.fullmatch(p.folded.strip()):
        return True
    words = [w for w in phrase.split() if not w.isdigit()]
    return True if words and all(w in lex.ui_words for w in words) and any(w in lex.ui_actions for w in words) \
        else None


def _promo(p, lex, outlets):
    return True if lex.promo.match(p.folded) and p.words <= 40 else None


def _dateline_line(p, lex, outlets):
    match = DATELINE_LINE.match(p.folded)
    if match is None or len(match["city"].replace(".", "")) < 3:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", match["date"]) and datetimes.find_stamp(match["date"]) is None:
        return None                                          # "1996-13-45" is no date
    return match


DIGIT = re.compile(r"\d")
# Every stamp holds a month's name, a numeric date or a clock time; a line without any holds none.
DATE_HINT = re.compile(rf"{datetimes.MONTH.lower()}|\d[-/.]\d|\d:\d|\d\s*[ap]\.?m\b")    # on .lower


def _stamp_line(p, lex, outlets):
    """A line that dates the article: stamps with labels and separators, and beside them at most a
    word, an outlet ("SITE News · Posted: ..."), a place ("... IST - NEW DELHI") or, before a label,
    a desk ("Desk / SITE / Updated: ..."). A relative stamp ("Updated 2 hours ago") has no instant."""
    if p.words > datetimes.STAMP_LINE_MAX_WORDS:
        return None
    def relative_only() -> bool:
        return p.words <= 8 and lex.relative.search(p.folded) is not None and not \
            STAMP_WORDS.sub(" ", lex.relative.sub(" ", p.folded)).split()
    if not DATE_HINT.search(p.lower):
        return _StampLine([]) if relative_only() else None
    stamps, leftover, labelled = datetimes.stamp_leftover(p.folded, lex.relative)
    if not stamps:
        return _StampLine([]) if relative_only() or datetimes.TIME_ONLY_LINE.match(p.folded.strip()) else None
    if len(leftover.split()) <= 1:
        place = leftover if leftover and _place(leftover) and leftover[:1].isupper() else None
        return _StampLine(stamps, _title_case(place) if place else None)
    if outlets.named(outlets.company_name(leftover)):
        return _StampLine(stamps)
    named = outlets.mentioned(p.folded)          # "SITE - Mar 12, 2025 - 18:32 | Japan, All": the site and tags
    if named:
        rest = leftover
        for _, start, stop in named:
            rest = re.sub(re.escape(p.folded[start:stop]), " ", rest, flags=re.IGNORECASE)
        if len(rest.split()) <= 2:
            return _StampLine(stamps)
    if _place(leftover) and leftover[:1].isupper():
        return _StampLine(stamps, _title_case(leftover))
    if labelled and p.words <= 16 and not PROSE_END.search(p.folded):   # "Desk / SITE / Updated: Mar 12, 2025"
        return _StampLine(stamps)
    return None


STAMP_WORDS = re.compile(r"\b(?:first|last|published|updated|posted|modified|issued|edited|on|at)\b|[|:\-·•,()]",
                         re.IGNORECASE)


def _byline(p, lex, outlets):
    if p.words > BYLINE_MAX_WORDS + 4:
        return None
    if lex.write_to.fullmatch(p.folded):
        names = re.findall(r"([A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3})\s+(?:at|via)\s+\S+@", p.text)
        return _Byline(names=[_title_case(n) for n in names]) if names else None
    match = lex.byline.match(p.folded)
    if match is None or len(match["names"].split()) > BYLINE_MAX_WORDS or _reads_as_sentence(match["names"], lex):
        return None
    names, stamps = p.text[match.start("names"):], []
    if DATE_HINT.search(p.lower) and (dated := datetimes.find_stamps(fold(names))):
        names = names[:dated[0][0].start()]                  # "Jo Ma on March 3, 2025 at 10:00"
        names = re.sub(r"(?:[\s,|·•-]|\b(?:on|at|published|posted|updated)\b)+$", "", names, flags=re.IGNORECASE)
        stamps = [stamp for _, stamp in dated]
    found = _parse_byline(names, lex, outlets)
    found.stamps = stamps
    return found if found.names or found.outlets else None


BYLINE_JOINERS = frozenset({"and", "in", "for", "of", "with", "on", "at", "from"})
BYLINE_MAX_LOWER_WORDS = 3      # "By Wednesday, the whereabouts of the hostages were known" is a sentence


def _reads_as_sentence(names: str, lex: _Lexicon) -> bool:
    lower = [w for w in names.split() if w[:1].islower() and w not in BYLINE_JOINERS and w not in lex.particles]
    return len(lower) > BYLINE_MAX_LOWER_WORDS


def _byline_label(p, lex, outlets):
    """A label whose value is on the next line: "byline" ("Text by:") or "issuer" ("News provided by")."""
    return "byline" if lex.byline_label.fullmatch(p.folded) else "issuer" if lex.issuer_label.fullmatch(p.folded) \
        else None


def _editor(p, lex, outlets):
    match = lex.editor.match(p.folded) if p.words <= BYLINE_MAX_WORDS else None
    if match is None or not match["names"].strip() and ":" not in p.folded:
        return None
    return _parse_byline(p.text[match.start("names"):], lex, outlets).names


def _tagged(p, lex, outlets):
    match = lex.tag_paren.match(p.folded) or lex.tag_dash.match(p.folded)
    return (match["tag"].strip(), p.text[match.start("rest"):].strip()) if match else None


def _native_byline(p, lex, outlets):
    return True if _is_non_latin_name(p.text) else None


TAIL_CHARS = 160     # a credit closing a caption is within its last characters


def _caption_cue(p, lex, outlets):
    if p.words > lex.caption_max_words:
        return None
    tail = p.folded[-TAIL_CHARS:]
    if lex.caption_hints.search(p.lower) and lex.caption_cue.search(p.folded) \
            or lex.caption_hints.search(p.lower[-TAIL_CHARS:]) and lex.credit_tail.search(tail):
        return True
    return None


@dataclass
class _OutletLine:
    outlet: Outlet
    place: str | None = None


GLUED = re.compile(r"[a-z][A-Z]")


def _outlet_line(p, lex, outlets):
    """A line that names the site: "The Island Gazette", "Gazette - back to home", "Gazette, Paris",
    "Democracy Dies in Darkness" (a tagline), "Writer's pictureThe Island Gazette" (glued image text)."""
    if p.words > 8:
        return None
    text = p.folded.strip(" |-")
    found = outlets.named_loosely(text) or outlets.with_tagline(text)
    if found:
        return _OutletLine(found)
    parts = [q.strip() for q in re.split(r"\s+[-|·»]\s+|,\s+", text) if q.strip()]
    if len(parts) == 2:
        first, second = (outlets.named_loosely(q) or outlets.with_tagline(q) for q in parts)
        if first and (_phrase(parts[1]) in lex.site_suffixes or _phrase(parts[1]) in lex.ui_phrases):
            return _OutletLine(first)
        if second and _phrase(parts[0]) in lex.site_suffixes:
            return _OutletLine(second)
        if first and _place(parts[1]):
            return _OutletLine(first, _title_case(parts[1]))
    ending = outlets.ending(text) if GLUED.search(text) else None
    if ending is not None:
        spellings = sorted((ending.name, *ending.aliases), key=len, reverse=True)
        for spelling in spellings:          # glued: "pictureThe Gazette", never "Nusantara"
            start = text.lower().rfind(fold(spelling).lower())
            if start > 0 and start + len(spelling) == len(text) and text[start - 1].islower() \
                    and text[start].isupper():
                return _OutletLine(ending)
    return None


def _page_title(p, lex, outlets):
    """ "Headline | Site" where the site is known by name or tagline."""
    parts = lex.title_separator.split(p.text)
    if len(parts) < 2 or not _is_title_like(parts[0]) or PROSE_END.search(p.folded):
        return None
    site = parts[-1].strip()
    outlet = outlets.named_loosely(site) or outlets.with_tagline(site)
    return (parts[0].strip(), outlet.name) if outlet else None


# (role, predicate, longest line it can hold in words): a line is only offered the roles it can hold.
LINE_ROLES: tuple[tuple[str, Predicate, int], ...] = (
    ("signoff", _signoff, 40),              # "Additional reporting by ...", "Casert reported from Brussels."
    ("dateline place", _byline_place, 8),   # "Reporting from Ottawa"
    ("editorial", _editorial, 60),          # "(ATTN: ...)", "Editor's note: ...", "(Updates with ...)"
    ("copyright", _copyright, 40),          # "© 2024 The Island Gazette. All rights reserved."
    ("caption", _labelled_caption, 95),     # "Image caption: ...", "Photo: <a sentence>"
    ("credit", _source_credit, 20),         # "(Yonhap)", "Source: Reuters/fh", "(SITE with AFP)"
    ("photo credit", _photo_credit, 16),    # "Jane Doe/NPR", "Photographer: Jo Ma", "Illustration: Jo Ma/Site"
    ("boilerplate", _boilerplate, 40),      # boilerplate.toml drop list
    ("link box", _link_box, 12),            # boilerplate.toml link_box: the titles under it go too
    ("control", _control, 12),              # "Share", "Listen to this article", "4:12"
    ("promo", _promo, 40),                  # "Sign up for our newsletter ..."
    ("dateline line", _dateline_line, 12),  # "LONDON 1996-08-22"
    ("stamp", _stamp_line, datetimes.STAMP_LINE_MAX_WORDS),  # "Published: 14:05 BST, 3 Oct 2024", "2 hours ago"
    ("byline", _byline, BYLINE_MAX_WORDS + 4),   # "By Jane Doe", "WRITER: Jane Doe", "Write to Jane Doe at j@x.com"
    ("label", _byline_label, 4),            # "Text by:", "News provided by": the value is on the next line
    ("editor", _editor, BYLINE_MAX_WORDS),  # "Edited by: Jane Doe"
    ("tagged", _tagged, HEADLINE_MAX_WORDS + 4),  # "(LEAD) ...", "UPDATE 2-..."
    ("native byline", _native_byline, 2),   # "이민지"
    ("caption", _caption_cue, 90),          # "(L)", "in this file photo", "... Photo: Jo Ma"
    ("outlet", _outlet_line, 8),            # "The Island Gazette", "Gazette - back to home"
    ("page title", _page_title, HEADLINE_MAX_WORDS + 12),   # "Ferry service resumes | The Island Gazette"
)


def _classify(para: _Para, lex: _Lexicon, outlets: Outlets) -> None:
    for role, predicate, max_words in LINE_ROLES:
        if para.words > max_words:
            continue
        value = predicate(para, lex, outlets)
        if value is not None:
            para.role, para.value = role, value
            return


# --- roles the neighbours prove -----------------------------------------------------------------
# Lines that say nothing about where the article starts: skipped when reading the header.
TRANSPARENT = frozenset({"caption", "photo credit", "credit", "boilerplate", "control", "promo", "duplicate",
                         "editorial", "outlet", "page title", "copyright", "byline role", "native byline",
                         "issuer", "signoff"})
# Lines that only stand between a headline and its story.
HEADER_METADATA = frozenset({"byline", "label", "stamp", "dateline line", "editor", "issuer"})


def _value_after_label(paras: list[_Para], lex: _Lexicon, outlets: Outlets) -> None:
    """ "Text by:" / "NEWS WIRES", "News provided by" / "Acme Robotics": the value line takes the role."""
    for para, after in zip(paras, paras[1:]):
        if para.role == "label" and after.role in (None, "outlet"):
            if para.value == "byline":
                outlet = after.value.outlet if after.role == "outlet" else None
                byline = _parse_byline(after.text, lex, outlets)
                after.role, after.value = "byline", byline if outlet is None else _Byline(outlets=[outlet])
            else:
                after.role = "issuer"


GALLERY_COUNTER = re.compile(r"^\[\d{1,2}/\d{1,2}\]\s*")   # "[1/2] " before a gallery's caption
QUOTATION = re.compile(r'"|\'\s|\s\'')     # a quotation: story text, not a caption


def _captions_beside_credits(paras: list[_Para], lex: _Lexicon, outlets: Outlets) -> None:
    """The line above a photo credit, or below "Open this photo in gallery", is a caption."""
    for i, para in enumerate(paras):
        if para.role == "photo credit" and i > 0:
            above = paras[i - 1]
            if above.role is None and NEIGHBOUR_CAPTION_MIN_WORDS <= above.words <= NEIGHBOUR_CAPTION_MAX_WORDS \
                    and not QUOTATION.search(above.folded) and not _bare_name(above.text, lex, outlets) \
                    and _dateline(above) is None:
                above.role = "caption"
        elif para.role == "control" and _phrase(para.text) in lex.announcers and i + 1 < len(paras):
            below = paras[i + 1]
            if below.role is None and below.words >= 3:
                below.role = "caption"


def _mark_duplicates(paras: list[_Para]) -> None:
    """Pages print a photo caption twice (image text and caption); later copies of any paragraph go."""
    first_seen: dict[str, int] = {}
    for i, para in enumerate(paras):
        key = fold_key(para.text)
        if key not in first_seen:
            first_seen[key] = i
            continue
        original = paras[first_seen[key]]
        adjacent = first_seen[key] == i - 1
        if adjacent and original.role is None and para.words >= DUPLICATE_MIN_WORDS \
                and not _is_title_like(para.text):
            original.role = "caption"
        para.role, para.value = "duplicate", original


LINK_TITLE_MAX_WORDS = 20       # a linked story's title under a link-box heading


def _links_under_box(paras: list[_Para]) -> None:
    """Inside the story, the titles under a link-box heading ("Related articles") are links too, up
    to the next line that ends a sentence: there the story resumes, or the page goes on. (Above the
    story, such a heading is navigation, and the headline may stand under it.)"""
    for i, para in enumerate(paras):
        if para.role != "link box":
            continue
        for below in paras[i + 1:]:
            if below.role is not None and below.role != "link box":
                continue
            if SENTENCE_END.search(below.folded) or below.words > LINK_TITLE_MAX_WORDS:
                break
            below.role = "link box"


NEIGHBOUR_ROLES = (_value_after_label, _captions_beside_credits)


# --- where the article starts ------------------------------------------------------------------

def _dateline(para: _Para, outlets: Outlets | None = None) -> re.Match | None:
    """The dateline opening a paragraph, if any (found once per paragraph, see parse_article)."""
    if para.dateline_memo is None:
        para.dateline_memo = (_find_dateline(para, outlets or load_outlets()),)
    return para.dateline_memo[0]


def _find_dateline(para: _Para, outlets: Outlets) -> re.Match | None:
    match = DATELINE.match(para.folded)
    if match is None or len(match["city"].replace(".", "")) < 3:
        mixed = DATELINE_MIXED.match(para.folded)
        if mixed is None or _place(mixed["city"]) is None or outlets.named(mixed["credit"]) is None:
            return None
        match = mixed
    strong = match["credit"] or match["date"] or match["slash"]
    if not (strong or match["sep"]) or (not strong and not _known_place(match["city"])):
        return None
    if match.end() >= len(para.folded) or not para.folded[match.end()].isalnum() \
            and para.folded[match.end()] not in "\"'":
        return None
    return match


def _next_lines(paras: list[_Para], i: int, limit: int = ACCEPT_WINDOW):
    """The lines after i that may say something about the header (transparent ones skipped)."""
    for para in paras[i + 1:i + 1 + limit]:
        if para.role not in TRANSPARENT:
            yield para


def _body_start(paras: list[_Para]) -> int:
    """Where the story surely runs: a dateline paragraph, or prose followed by more prose."""
    for i, para in enumerate(paras):
        if para.role == "dateline line" or para.role is None and _dateline(para) is not None:
            return i
        if para.role is None and _is_prose(para.text):     # prose, and more within a subheading's reach
            for after in itertools.islice(_next_lines(paras, i, 12), 3):
                if after.role in HEADER_METADATA:        # a byline, stamp or dateline follows: header
                    break
                if after.role is None and (_is_prose(after.text) or SENTENCE_END.search(after.folded)):
                    return i
    return len(paras)


def _headline_text(para: _Para) -> str:
    if para.role == "duplicate" and isinstance(para.value, _Para):
        return _headline_text(para.value)
    if para.role == "tagged":
        return para.value[1]
    if para.role == "page title":
        return para.value[0]
    return para.text


NUMERIC_DATE = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}")


def _is_candidate(para: _Para, after: _Para | None, lex: _Lexicon, outlets: Outlets) -> bool:
    """A line shaped like a headline: a title, not a sentence, a label, a name or a date. A repeated
    title (the page's title bar, then the article's) is judged where it is repeated."""
    if para.role == "duplicate":
        if not (isinstance(para.value, _Para) and para.value.role in (None, "tagged", "page title")):
            return False
    elif para.role not in (None, "tagged", "page title"):
        return False
    text = _headline_text(para)
    if NUMERIC_DATE.search(text) or datetimes.FULL_DATE.search(text):
        return False                                   # a dated line is a stamp or a menu, not a headline
    if para.role == "tagged" and len(text.split()) <= 6 and "-" in text and "," not in text:
        return False                                      # a wire slug: "N Korea-Russia-summit"
    wire_dateline = after is not None and after.role == "dateline line"
    if wire_dateline:
        return 2 <= len(text.split()) <= HEADLINE_MAX_WORDS and not text.startswith(("(", "["))
    words = len(re.findall(r"[\w'’]+", text))
    short = words == LABEL_MAX_WORDS and after is not None and (
        after.role == "byline" or after.role is None and _bare_name(after.text, lex, outlets))
    if not _is_title_like(text) or _is_prose(text) or words <= LABEL_MAX_WORDS and not short:
        return False       # (a three-word headline is believed only right above its byline)
    return not _bare_name(text, lex, outlets)


def _accepted(paras: list[_Para], i: int, body_start: int, lex: _Lexicon, outlets: Outlets) -> bool:
    """A headline candidate is believed when the article's own header follows it: standfirst lines,
    then a byline, a name, a stamp, a dateline or the story; navigation below it refutes it."""
    standfirst = 0
    for para in _next_lines(paras, i):
        if para.role in HEADER_METADATA:
            return True
        if para.role is not None:
            continue
        if _dateline(para) is not None or _bare_name(para.text, lex, outlets) \
                or _name_with_outlet_or_place(para, lex, outlets):
            return True
        if _is_prose(para.text):
            return para.index >= body_start or standfirst == 0 and _metadata_follows(paras, para.index, lex, outlets)
        if _is_label(para, lex, outlets):      # navigation, unless a byline or stamp follows it (a kicker)
            after = next(_next_lines(paras, para.index, 6), None)
            if after is None or not (after.role in HEADER_METADATA or after.role is None
                                     and _name_line(after, lex, outlets)):
                return False
        standfirst += 1
        if standfirst > STANDFIRST_MAX_LINES:
            return False
    return False


def _metadata_follows(paras: list[_Para], i: int, lex: _Lexicon, outlets: Outlets) -> bool:
    """The next telling line is a byline, a name or a stamp: line i is a standfirst, not the lead."""
    after = next(_next_lines(paras, i, 6), None)
    if after is None:
        return False
    return after.role in ("byline", "label", "editor", "stamp") \
        or after.role is None and _bare_name(after.text, lex, outlets)


def _find_headline(paras: list[_Para], lex: _Lexicon, outlets: Outlets) -> int | None:
    titles = {fold_key(p.value[0]): p.index for p in paras if p.role == "page title"}
    titles.update({fold_key(parts[0]): p.index for p in paras if p.role is None
                   and len(parts := lex.title_separator.split(p.text)) > 1 and _is_title_like(parts[0])})
    for para in paras:                          # a headline repeated from the page title
        if para.role is None and titles.get(fold_key(para.text), para.index) < para.index:
            return para.index
    body_start = _body_start(paras)
    for para in paras[:body_start]:
        after = paras[para.index + 1] if para.index + 1 < len(paras) else None
        if _is_candidate(para, after, lex, outlets) and _accepted(paras, para.index, body_start, lex, outlets):
            return para.index
    page_titles = [p.index for p in paras if p.role == "page title"]
    return page_titles[0] if page_titles else None


def _body_lead(paras: list[_Para], lead: int | None) -> int | None:
    """Where the body starts: the first dateline paragraph, else the first prose; the line after a
    wire's dateline line; never later than the story's lead."""
    line = next((p for p in paras[:lead] if p.role == "dateline line"), None) if lead is not None else None
    found = next((p.index for p in paras if p.role is None and _dateline(p) is not None), None) \
        if line is None else lead
    if found is None:
        found = next((p.index for p in paras if p.role is None and _is_prose(p.text)), None)
    return min(i for i in (found, lead) if i is not None) if found is not None or lead is not None else None


def _find_lead(paras: list[_Para], start: int, lex: _Lexicon, outlets: Outlets) -> int | None:
    """The first paragraph of the story: after a wire's dateline line, a dateline paragraph, the
    first prose that is not a standfirst (a byline or stamp follows a standfirst), else any prose."""
    for para in paras[start:start + 5]:
        if para.role == "dateline line":
            return next((q.index for q in paras[para.index + 1:] if q.role is None), None)
    for para in paras[start:]:
        if para.role is None and _dateline(para) is not None:
            return para.index
    telling = 0
    for para in paras[start:]:
        if para.role in TRANSPARENT:
            continue
        telling += 1
        if para.role is None and _is_prose(para.text) and not (
                start > 0 and telling <= 2 and _metadata_follows(paras, para.index, lex, outlets)):
            return para.index
    for para in paras:
        if para.role is None and _is_prose(para.text):
            return para.index
    return None


# --- roles that depend on where a line stands -----------------------------------------------------

def _header_roles(paras: list[_Para], headline: int | None, lead: int | None, lex: _Lexicon,
                  outlets: Outlets) -> None:
    """Between the headline and the story: names are bylines, a job title or a city under a byline
    belongs to it, a line closing on "(Credit)" is a caption, a known wire's name credits the wire."""
    start = headline + 1 if headline is not None else 0
    end = lead if lead is not None else len(paras)
    labelled = any(p.role == "byline" and not p.value.bare for p in paras[:end])
    names = [p for p in paras[start:end] if p.role is None and not labelled and _name_line(p, lex, outlets)
             and _byline_neighbours(paras, p, headline, lex, outlets)]     # judged before any is claimed
    for para in names:
        para.role, para.value = "byline", _parse_byline(para.text, lex, outlets, bare=True)
    for para in paras[start:end]:
        if para.role is not None:
            continue
        if para.words <= 6 and lex.role_words.search(para.text) and _after_byline(paras, para.index):
            para.role = "byline role"
        elif para.words <= 4 and _after_byline(paras, para.index) and (found := _place(para.text)) \
                and found.population >= CITY_LINE_MIN_POPULATION:
            para.role, para.value = "dateline place", _title_case(para.text.strip())
        elif headline is not None and para.words >= 4 and lex.header_credit_tail.search(para.folded) \
                and not _is_prose(para.text[:para.folded.rfind("(")]):
            para.role = "caption"


def _name_with_outlet_or_place(para: _Para, lex: _Lexicon, outlets: Outlets) -> bool:
    """ "Jo Ma in Hong Kong", "Jo Ma (The Island Post)", "Jo Ma, Agency": a name line that says more."""
    if para.words > 10 or not (" in " in para.text or "(" in para.text or "," in para.text):
        return False
    found = _parse_byline(para.text, lex, outlets)
    core = re.sub(r"\s+in\s+[A-Z][\w .'-]+$", "", _PARENS.sub(" ", para.text)).strip()
    core = ", ".join(q for q in (q.strip() for q in core.split(",")) if not outlets.named_loosely(q)
                     and not lex.role_words.search(q))
    return bool(found.names) and (found.place is not None and _place(found.place) is not None
                                  or bool(found.outlets)) and _bare_name(core, lex, outlets)


def _name_line(para: _Para, lex: _Lexicon, outlets: Outlets) -> bool:
    return _bare_name(para.text, lex, outlets) or _name_with_outlet_or_place(para, lex, outlets)


def _telling_neighbours(paras: list[_Para], i: int) -> tuple[_Para | None, _Para | None]:
    before = next((p for p in reversed(paras[max(i - 6, 0):i]) if p.role not in TRANSPARENT), None)
    after = next(_next_lines(paras, i, 6), None)
    return before, after


BYLINE_NEIGHBOURS = frozenset({"stamp", "byline", "byline role", "dateline place", "label"})


def _byline_neighbours(paras: list[_Para], para: _Para, headline: int | None, lex: _Lexicon,
                       outlets: Outlets) -> bool:
    """A name line is a byline where bylines stand: right under the headline or its standfirst, or
    beside a stamp, a job title or a place; a run of name-shaped lines is a menu, not a byline."""
    before, after = _telling_neighbours(paras, para.index)
    if any(q is not None and q.role is None and _name_line(q, lex, outlets) for q in (before, after)):
        return False
    if any(q is not None and q.role in BYLINE_NEIGHBOURS for q in (before, after)):
        return True
    if after is not None and after.role == "outlet" and after.value.place:
        return True                                       # "BBC News, The Hague" under the name
    if headline is None or before is None:
        return False
    return before.index == headline or before.role is None and headline < before.index and not any(
        q.role is None and _is_label(q, lex, outlets) for q in paras[headline + 1:before.index + 1])


def _after_byline(paras: list[_Para], i: int) -> bool:
    for para in reversed(paras[max(i - 3, 0):i]):
        if para.role in ("byline", "byline role"):
            return True
        if para.role not in TRANSPARENT:
            return False
    return False


def _story_bylines(paras: list[_Para], lead: int | None, end: int) -> list[_Para]:
    """The story's bylines: those above its lead; without any, the first one after it (a byline
    printed at the foot of the story). Bylines further down belong to related stories."""
    header = [p for p in paras[:lead if lead is not None else end] if p.role == "byline"]
    if header or lead is None:
        return header
    return [p for p in paras[lead:end] if p.role == "byline"][:1]


def _beside_header(paras: list[_Para], para: _Para) -> bool:
    """A line next to a byline or a stamp (a byline in another script is printed beside them)."""
    return any(q.role in ("byline", "stamp", "tagged") for q in paras[max(para.index - 1, 0):para.index + 2])


def _body_captions(paras: list[_Para], lead: int, end: int, lex: _Lexicon) -> None:
    """Inside the story, a long line that ends no sentence, between lines that do, is a caption."""
    story = [p for p in paras[lead:end] if p.role is None]
    for before, para, after in zip(story, story[1:], story[2:]):
        if lex.unterminated_min_words <= para.words <= lex.caption_max_words and para.text[:1].isupper() \
                and not SENTENCE_END.search(para.folded) and ":" not in para.text[:30] \
                and SENTENCE_END.search(before.folded) and SENTENCE_END.search(after.folded):
            para.role = "caption"


# --- assembling the article ---------------------------------------------------------------------

def _header_fields(article: ParsedArticle, paras: list[_Para], headline: int | None, lead: int | None,
                   lex: _Lexicon) -> None:
    """Headline, section, tag, slug and standfirst."""
    for para in paras[:lead if lead is not None else len(paras)]:
        if para.role == "tagged":
            tag, rest = para.value
            article.update_tag = article.update_tag or tag
            if len(rest.split()) <= 6 and "-" in rest and "," not in rest and article.slug is None:
                article.slug = rest
    if headline is None:
        return
    text = _headline_text(paras[headline]).strip()
    desk = lex.desk_prefix.match(text)
    if desk and len(desk["rest"].split()) >= 1 and not desk["rest"].startswith("-"):
        article.section, text = desk["desk"], desk["rest"].strip()
    article.headline = text
    standfirst = []
    for para in paras[headline + 1:lead if lead is not None else len(paras)]:
        if para.role in HEADER_METADATA:
            break
        if para.role is None and (_is_title_like(para.text) or _is_prose(para.text)) \
                and fold_key(para.text) != fold_key(text):
            standfirst.append(para.text)
        elif para.role is None:
            break
    article.standfirst = " ".join(standfirst) or None


def _pick_publisher(paras: list[_Para], headline: int | None, end: int, dateline_credit: str | None,
                    lex: _Lexicon, outlets: Outlets) -> str | None:
    """The outlet whose page it is: named as the site (before the headline), in the copyright, in a
    byline ("for MailOnline", "(The Island Post)"), in a credit ("(SITE with AFP)"), or in the page's
    furniture; a wire is the publisher only when the page names it as the site."""
    scores: dict[str, list] = {}

    def vote(outlet: Outlet | None, weight: int, where: int, site: bool = False) -> None:
        if outlet is None or outlet.kind == "wire" and not site:
            return
        entry = scores.setdefault(outlet.name, [0, where])
        entry[0] += weight

    top = headline if headline is not None else next((p.index for p in paras if p.role is None and
                                                      _is_prose(p.text)), len(paras))
    unknown: list[str] = []
    for para in paras:
        if para.role == "outlet":
            vote(para.value.outlet, 4 if para.index < top else 2, para.index, site=para.index < top)
        elif para.role == "page title":
            vote(outlets.named(para.value[1]) or outlets.with_tagline(para.value[1]), 4, para.index, site=True)
        elif para.role == "copyright":
            known = outlets.named_loosely(para.value) if para.value else None
            vote(known, 3, para.index)
            if known is None and para.value:
                unknown.append(para.value)
        elif para.role == "byline":
            for outlet in para.value.outlets:
                vote(outlet, 2, para.index)
        elif para.role == "credit":
            for outlet in para.value:
                vote(outlet, 2, para.index)
        elif para.role in ("photo credit", "caption"):
            for outlet, _, _ in outlets.mentioned(para.folded[-TAIL_CHARS:]):
                vote(outlet, 1, para.index)
        elif para.role in ("control", "promo", "boilerplate") or para.role is None and (
                para.index < top and para.words <= 12 or para.index >= end):
            for outlet, _, _ in outlets.mentioned(para.folded):
                vote(outlet, 1, para.index)
    if dateline_credit:
        vote(outlets.named_loosely(dateline_credit), 2, 0)
    if scores:
        return max(scores.items(), key=lambda kv: (kv[1][0], -kv[1][1]))[0]
    for para in paras:                                     # a site we do not know: its title bar
        if para.role is None and para.index < top:
            parts = re.split(r"\s+[|»]\s+", para.text)
            if len(parts) > 1 and _is_title_like(parts[0]) and len(parts[-1].split()) <= SITE_NAME_MAX_WORDS:
                return parts[-1].strip()
    return _repeated_site_name(paras, top, end, lex, outlets) or (unknown[0] if unknown else None)


SITE_NAME_MAX_WORDS = 5
SITE_NAME_LINES = 3        # a site's name stands among the page's first lines


def _repeated_site_name(paras: list[_Para], top: int, end: int, lex: _Lexicon, outlets: Outlets) -> str | None:
    """A site we do not know: a short name among the page's first lines ("The Valley Courier",
    "Courier - back to home") that the page's furniture names again (its copyright, "About ...",
    "More from ...", "Download the ... app"). Section words ("News", "Sport") are no site."""
    chrome = [p.folded for p in paras if p.role in ("copyright", "control", "promo", "boilerplate", "credit",
                                                    "outlet", "photo credit")
              or p.role is None and (p.index < top or p.index >= end or not _is_prose(p.text)) and p.words <= 20]
    chrome += [p.folded[-TAIL_CHARS:] for p in paras if p.role == "caption"]        # "... | Photo: The Site"
    headline_key = fold_key(paras[top].text) if top < len(paras) else ""
    for para in [p for p in paras[:top] if p.role is None and fold_key(p.text) != headline_key][:SITE_NAME_LINES]:
        name = re.split(r"\s+[-|·»]\s+", para.text.strip())[0].strip()
        words = re.findall(r"[\w'’.&-]+", name)
        if not 1 <= len(words) <= SITE_NAME_MAX_WORDS or all(_bare_word(w) in lex.not_name_words for w in words) \
                or not name[:1].isupper() or len(fold_key(name)) < 4 or _bare_name(name, lex, outlets) \
                or identity_key(name) in _places():          # "Japan", "Sydney": a section, not the site
            continue
        again = re.compile(rf"(?<![\w-]){re.escape(fold(name))}(?![\w-])", re.IGNORECASE)
        if sum(bool(again.search(q)) for q in chrome) >= 2:            # its own line, and once more
            return name
    return None


def _pick_wire(paras: list[_Para], end: int, dateline_credit: str | None, publisher: str | None,
               headline: int | None, outlets: Outlets) -> str | None:
    """The agency credited for the story: the dateline's credit, a byline's agency ("Jo Ma, AP",
    "with AFP"), a credit line ("(Yonhap)", "Source: Reuters/fh", a wire's name under the headline),
    a wire's copyright. Photo credits do not count."""
    evidence: list[tuple[int, Outlet]] = []
    if dateline_credit:
        for part in CREDIT_PARTS.split(dateline_credit):
            if (outlet := outlets.named_loosely(part)) is not None:
                evidence.append((0, outlet))
    for para in paras[:end]:
        if para.role == "byline":
            evidence += [(1, o) for o in para.value.outlets]
        elif para.role == "credit":
            evidence += [(2, o) for o in para.value]
        elif para.role == "outlet" and headline is not None and para.index > headline:
            evidence.append((2, para.value.outlet))
    for para in paras:
        if para.role == "copyright" and para.value and (known := outlets.named_loosely(para.value)):
            evidence.append((3, known))
    publisher_key = fold_key(publisher or "")
    for rank, outlet in sorted(evidence, key=lambda e: e[0]):
        # a wire's own page: its credits name it, its copyright alone does not make it the wire
        if outlet.kind == "wire" and (rank < 3 or fold_key(outlet.name) != publisher_key):
            return outlet.name
    return None


LABEL_RANK = {"first published": 0, "published": 1, None: 2, "updated": 3}


def _zone_rank(index: int, headline: int | None, lead: int | None) -> int:
    """Stamps in the article's header first, then in the story and footer, then a site header's date."""
    if headline is not None and index < headline:
        return 2
    return 0 if lead is None or index < lead else 1


def _publication(article: ParsedArticle, paras: list[_Para], headline: int | None, lead: int | None, end: int,
                 dateline_date: str | None, text: str, outlets: Outlets) -> None:
    """The first-publication instant: a "first published" stamp, else a "published" one, else an
    unlabelled one, else (said by its label) an update; stamps in the article's header beat a site
    header's date. Without any, a dateline's date. Numeric dates are read in the outlet's order."""
    countries = zone_countries(article, outlets)
    candidates = []
    for para in paras[:end]:
        if para.role == "byline" and para.value.stamps:
            for rank, stamp in enumerate(para.value.stamps):
                stamp = stamp if stamp.label else dataclasses.replace(stamp, label="published")
                candidates.append(((LABEL_RANK[stamp.label], _zone_rank(para.index, headline, lead),
                                    stamp.precision == "day", para.index, rank), stamp))
        if para.role != "stamp" or not para.value.stamps:
            continue
        zones = [s.zone for s in para.value.stamps if s.zone]
        order = datetimes.month_first(countries, zones)
        stamps = [s for _, s in datetimes.find_stamps(para.folded, order)] if re.search(r"\d[./]\d", para.folded) \
            else para.value.stamps
        for rank, stamp in enumerate(stamps):
            candidates.append(((LABEL_RANK[stamp.label], _zone_rank(para.index, headline, lead),
                                stamp.precision == "day", para.index, rank), stamp))
    if dateline_date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dateline_date):   # a dated dateline is a header stamp
        day = dt.datetime.combine(dt.date.fromisoformat(dateline_date), dt.time())
        candidates.append(((LABEL_RANK[None], 0, True, -1, 0), datetimes.Stamp(day, None, "day")))
    stamp = min(candidates, key=lambda c: c[0])[1] if candidates else None
    if stamp is None and dateline_date:
        day = dt.date.fromisoformat(dateline_date) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", dateline_date) \
            else datetimes.dateline_day(dateline_date, text)
        stamp = datetimes.Stamp(dt.datetime.combine(day, dt.time()), None, "day") if day else None
    if stamp is not None:
        article.published = datetimes.settle(stamp, zone_fallbacks(article, outlets), tuple(countries))


def zone_fallbacks(article: ParsedArticle, outlets: Outlets) -> list[tuple[str, str]]:
    """Zones for a stamp that states none: the publisher's, the wire's, the dateline city's."""
    fallbacks = []
    for name in (article.publisher, article.wire_service):
        outlet = outlets.named(name)
        if outlet is not None and outlet.timezone:
            fallbacks.append((outlet.timezone, "outlet"))
    if article.dateline_city:
        zone = _city_timezone(article.dateline_city)
        if zone:
            fallbacks.append((zone, "dateline city"))
    return fallbacks


def zone_countries(article: ParsedArticle, outlets: Outlets) -> list[str]:
    """Countries that read an ambiguous zone abbreviation or a numeric date: the publisher's, the
    wire's, the dateline city's, in that order."""
    countries = []
    for name in (article.publisher, article.wire_service):
        outlet = outlets.named(name)
        if outlet is not None and outlet.country:
            countries.append(outlet.country)
    place = _place(article.dateline_city) if article.dateline_city else None
    if place is not None and place.country_code:
        countries.append(place.country_code)
    return countries


def detect_language(body: str) -> str | None:
    if word_count(body) < LANGUAGE_MIN_WORDS:
        return None
    return py3langid.classify(body[:LANGUAGE_SAMPLE_CHARS])[0]


MONTH_DAY = re.compile(rf"^{datetimes.MONTH}\.?\s+\d{{1,2}}$")


def _body(paras: list[_Para], headline: int | None, body_lead: int | None, end: int) -> str:
    """The article's own paragraphs: what the content extractor keeps of the page, from the story's
    lead on, less every line a role claimed (byline, stamp, caption, sign-off, furniture)."""
    kept = set(main_content([p.text for p in paras]))
    if not kept:
        return ""
    start = body_lead if body_lead in kept else min(kept)
    return "\n\n".join(p.text for p in paras[start:end] if p.index in kept and p.role is None and p.index != headline)


def _dateline_fields(article: ParsedArticle, paras: list[_Para], lead: int | None, headline: int | None
                     ) -> tuple[str | None, str | None]:
    """The dateline and its city: the lead's ("TOKYO -"), a wire's dateline line, else a place printed
    with the byline ("Jo Ma in Hong Kong", a city line under the name, "... IST - NEW DELHI")."""
    if lead is not None and (match := _dateline(paras[lead])) is not None:
        article.dateline = paras[lead].text[:match.end()].strip()
        article.dateline_city = _title_case(match["city"])
        credit, date = match["credit"] or match["slash"], match["date"]
        if match["year"]:                                  # "SAN JOSE, Calif., March 4, 2025 /Wire/ --"
            day = datetimes.find_stamp(f"{match['date']} {match['year']}")
            date = day.local.date().isoformat() if day else None
        paras[lead] = _Para(paras[lead].text[match.end():].strip(), paras[lead].folded[match.end():].strip(), lead)
        return credit, date
    line = next((p for p in paras[:lead if lead is not None else len(paras)] if p.role == "dateline line"), None)
    if line is not None:
        article.dateline = line.text
        article.dateline_city = _title_case(line.value["city"])
        raw = line.value["date"]
        stamp = datetimes.find_stamp(raw)
        return None, stamp.local.date().isoformat() if stamp else raw if MONTH_DAY.match(raw) else None
    end = lead if lead is not None else len(paras)
    for para in paras[:end]:
        place = None
        if para.role == "byline" and para.value.place and (headline is None or para.index > headline):
            place = para.value.place
        elif para.role == "dateline place":
            place = para.value
        elif para.role == "stamp" and para.value.place:
            place = para.value.place
        elif para.role == "outlet" and para.value.place and headline is not None and para.index > headline:
            place = para.value.place
        if place:
            article.dateline_city = _title_case(place)
            break
    return None, None


def parse_article(text: str, outlets: Outlets | None = None) -> ParsedArticle:
    """Parse one article's decoded text. Never raises on odd text; returns what it can prove."""
    outlets = outlets or load_outlets()
    lex = _lexicon()
    paras = [_Para(p, fold(p), i) for i, p in
             enumerate(p for p in (p.lstrip(LIST_BULLETS).strip() for p in paragraphs(text)) if p)]
    for para in paras:
        _classify(para, lex, outlets)
        if para.role is None:
            _dateline(para, outlets)
    for rule in NEIGHBOUR_ROLES:
        rule(paras, lex, outlets)
    _mark_duplicates(paras)

    article = ParsedArticle()
    headline = _find_headline(paras, lex, outlets)
    lead = _find_lead(paras, headline + 1 if headline is not None else 0, lex, outlets)
    _header_roles(paras, headline, lead, lex, outlets)
    _header_fields(article, paras, headline, lead, lex)

    body_lead = _body_lead(paras, lead)
    _links_under_box(paras[body_lead or 0:])
    end = next((p.index for p in paras[body_lead or 0:] if p.role is None and lex.tail.fullmatch(p.folded)),
               len(paras))
    if lead is not None:
        _body_captions(paras, lead, len(paras), lex)
    dateline_credit, dateline_date = _dateline_fields(article, paras, lead, headline)

    for para in _story_bylines(paras, lead, end):
        article.authors += [n for n in para.value.names if fold_key(n) not in map(fold_key, article.authors)]
    for para in paras:
        if para.role == "native byline" and (lead is None or para.index < lead) and _beside_header(paras, para):
            article.authors_native.append(para.text)
        elif para.role == "caption":
            caption = GALLERY_COUNTER.sub("", para.value if isinstance(para.value, str) else para.text)
            if fold_key(caption) not in {fold_key(c) for c in article.captions}:
                article.captions.append(caption)
        elif para.role == "editorial":
            article.editorial_notes.append(para.text)
        elif para.role == "signoff" and (lead is None or para.index >= lead) and para.index < end:
            article.signoffs.append(para.text)
            article.contributors += [n for n in para.value if n not in article.contributors]
            if (editing := lex.editing.search(para.folded)) is not None:
                article.editors += [n for n in _names_in(para.text[editing.start("names"):editing.end("names")],
                                                         lex, outlets) if n not in article.editors]
        elif para.role == "editor":
            article.editors += [n for n in para.value if n not in article.editors]
    if not article.authors and article.authors_native:
        article.authors = list(article.authors_native)
    # a sign-off's people who are not the byline's ("Casert reported from ..." names an author)
    author_words = {w for a in article.authors for w in a.lower().split()}
    article.contributors = [n for n in article.contributors if not set(n.lower().split()) <= author_words]

    article.publisher = _pick_publisher(paras, headline, end, dateline_credit, lex, outlets)
    article.wire_service = _pick_wire(paras, end, dateline_credit, article.publisher, headline, outlets)
    _publication(article, paras, headline, lead, end, dateline_date, text, outlets)
    article.body = _body(paras, headline, body_lead, end)
    article.word_count = word_count(article.body)
    article.language = detect_language(article.body)
    return article
