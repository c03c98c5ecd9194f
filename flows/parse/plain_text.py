"""Metadata and clean body from the text of one news article.

The input is text as a person copies it from a web page or a wire feed: page furniture, a site
title, a headline, a byline, photo captions, a dateline, the story, and the page footer, in
whatever order the outlet uses. Each paragraph gets one role; the body is what is left.
Generic patterns live here as constants, outlet knowledge and boilerplate lines in `flows/data/`.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import py3langid

from flows.entities.gazetteer import cities, identity_key
from flows.parse import datetimes
from flows.parse.outlets import Outlet, Outlets, load_outlets
from flows.parse.text import fold, fold_key, paragraphs, word_count
from flows.resources import DATA

BOILERPLATE_FILE = DATA / "boilerplate.toml"

# --- patterns (matched on folded text: straight quotes, ASCII hyphens) --------------------------
UPDATE_TAGS = (r"\d+(?:st|nd|rd|th)\s+LD|LEAD|URGENT|UPDATE(?:\s*\d+)?|CORRECTED|REFILE|WRAPUP(?:\s*\d+)?"
               r"|News Focus|News Analysis|Yonhap Interview|Yonhap Feature|FOCUS|ANALYSIS|EXCLUSIVE"
               r"|INTERVIEW|FEATURE|BREAKING|EDITORIAL|OPINION|PROFILE")
TAGGED_LINE = re.compile(rf"^\((?P<tag>(?:{UPDATE_TAGS})[^()]{{0,30}})\)\s*(?P<rest>.+)$", re.IGNORECASE)
REUTERS_TAG = re.compile(r"^(?P<tag>UPDATE\s*\d+|REFILE|CORRECTED|WRAPUP\s*\d*)\s*-\s*(?P<rest>.+)$")
EDITORIAL_NOTE = re.compile(
    r"^\(?\s*(?:(?:ATTN|EDS?|EDITORS?|CORRECTS?|RECASTS?|ADDS|UPDATES|REFILES?|REPEATS|FIXES)\b"
    r"|(?i:editor'?s'? note|correction|clarification)\s*:"
    r"|(?i:(?:additional )?(?:reporting|writing|editing|compiled|translated) by)\b)")
BYLINE = re.compile(r"^by\s+(?P<names>[^|]+?)\s*(?:\|.*)?$", re.IGNORECASE)
BYLINE_MAX_WORDS = 16
NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,|\s+and\s+|\s*&\s*|\s*;\s*)\s*", re.IGNORECASE)
NAME_PARTICLES = {"de", "da", "del", "della", "di", "van", "von", "der", "den", "bin", "binti", "al", "el",
                  "la", "le", "du", "dos", "das", "ibn", "ben", "y"}
BYLINE_ROLE_WORDS = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|bureau|desk|news|agency)\b",
    re.IGNORECASE)
WRITE_TO = re.compile(r"^(?:write to|contact) (?P<name>[^@,]{3,60}?) (?:at|via) \S+@\S+$", re.IGNORECASE)
SOURCE_LINE = re.compile(r"^(?:source|via|courtesy of)\s*:?\s+(?P<name>[A-Z][^.:]{1,60}?)\.?$", re.IGNORECASE)
ACCOUNT_LINE = re.compile(r"^(?:writer'?s picture|posted by|author:|written by)\s*(?P<name>.+)$", re.IGNORECASE)
ORG_WORDS = re.compile(
    r"\b(?:the|daily|times|news|post|star|journal|herald|tribune|gazette|press|media|magazine|chronicle"
    r"|observer|agency|wire|radio|tv|television|network|online|today|weekly|review|report|inc|ltd)\b",
    re.IGNORECASE)
COPYRIGHT = re.compile(
    r"^\[?\s*(?:copyright\s*)?(?:\(c\)|©|ⓒ)\s*(?:copyright\s*)?(?:\d{4}(?:\s*-\s*\d{4})?\s*,?\s*)?"
    r"(?P<holder>[^.\]|,]*?)\s*(?:[.,|\]].*)?$"
    r"|^copyright\s+(?:\d{4}(?:\s*-\s*\d{4})?\s*,?\s*)(?P<holder2>[^.\]|,]*?)\s*(?:[.,|\]].*)?$",
    re.IGNORECASE)
CREDIT_LINE = re.compile(r"^(?:\(\s*(?P<paren>[A-Z][\w .&'-]{1,40}?)\s*\)|-{1,2}\s*(?P<dash>[A-Z][\w .&'-]{1,40}?))\s*$")
SITE_TITLE_SEPARATOR = re.compile(r"\s+[|»]\s+|\s+-\s+(?=[^-]+$)")
CAPTION_CUE = re.compile("|".join(f"(?:{p})" for p in (
    r"\((?:L|R|C|L-R|R-L|left|right|cent(?:er|re)|front|back|top|bottom|2nd [LR]|3rd [LR])\)",
    r"\bin (?:this|a|an) (?:undated |handout |file |screen ?grab |video |provided )*"
    r"(?:photo|picture|image|photograph|still|grab)\b",
    r"^(?:this|the|a) (?:undated |handout |file |provided )*(?:photo|picture|image|photograph)s?\b,?"
    r"(?: \w+)?,? (?:carried|released|provided|taken|shows?|showing|dated|made available)\b",
    r"^(?:photo|picture|image|file photo|handout)\s*[:|/]",
    r"\([^()]*\b(?:photo|photograph|picture|image)s?\b[^()]*\)\s*$",
    r"\b(?:photo|picture) (?:by|courtesy of|credit)\b",
    r"\bposes? for (?:a )?(?:photo|picture)s?\b",
)), re.IGNORECASE)
CAPTION_MAX_WORDS = 90
DUPLICATE_MIN_WORDS = 8
# A dateline opens the lead: "SEOUL, Sept. 13 (Yonhap) --", "MOSCOW:", "WASHINGTON (AP) -".
DATELINE = re.compile(
    rf"^(?P<city>[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){{0,3}})"
    rf"(?:,\s*(?P<region>(?!{datetimes.MONTH}\b)[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){{0,2}}))?"
    rf"(?:,\s*(?P<date>{datetimes.MONTH}\.?\s+\d{{1,2}}))?"
    rf"\s*(?:\((?P<credit>[^()]{{2,40}})\))?"
    rf"\s*(?P<sep>--|-|:)?\s*")
PROSE_MIN_WORDS = 12
HEADER_PROSE_MIN_WORDS = 4      # shorter lines before the lead are navigation ("Home")
PROSE_END = re.compile(r"[.!?…]['\")\]]*$")
HEADLINE_MAX_WORDS, HEADLINE_MAX_CHARS = 30, 250
HEADLINE_BAD_END = re.compile(r"[.:;,]$")
NON_LATIN_NAME_MAX_CHARS = 12
LANGUAGE_MIN_WORDS = 3
LANGUAGE_SAMPLE_CHARS = 600       # a body's opening hundred words tell its language
LIST_BULLETS = "•·▪►◦‣●○■□*"


@dataclass
class ParsedArticle:
    """Everything the text says about one article; None or empty where it says nothing."""
    headline: str | None = None
    update_tag: str | None = None
    slug: str | None = None
    standfirst: str | None = None
    authors: list[str] = field(default_factory=list)
    authors_native: list[str] = field(default_factory=list)
    publisher: str | None = None
    wire_service: str | None = None
    dateline: str | None = None
    dateline_city: str | None = None
    published: datetimes.Instant | None = None
    captions: list[str] = field(default_factory=list)
    editorial_notes: list[str] = field(default_factory=list)
    body: str = ""
    language: str | None = None
    word_count: int = 0


@dataclass
class _Para:
    text: str            # as written
    folded: str
    role: str | None = None
    value: object = None


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[re.Pattern, re.Pattern]:
    data = tomllib.loads(BOILERPLATE_FILE.read_text(encoding="utf-8"))

    def union(patterns: list[str]) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    return union(data["drop"]), union(data["tail"])


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


def _is_caption(text: str) -> bool:
    return len(text.split()) <= CAPTION_MAX_WORDS and bool(CAPTION_CUE.search(text))


def _looks_like_name(piece: str) -> bool:
    tokens = piece.split()
    if not 1 <= len(tokens) <= 5 or BYLINE_ROLE_WORDS.search(piece):
        return False
    return all(t[0].isupper() or t.lower() in NAME_PARTICLES for t in tokens) and any(ch.isalpha() for ch in piece)


def _split_names(names: str) -> list[str]:
    names = re.sub(r"\s+in\s+[A-Z][\w .-]+$", "", names.strip())   # "By Jane Doe in Paris"
    return [p.strip(" .") for p in NAME_SPLIT.split(names) if p.strip(" .")]


def _title_case(name: str) -> str:
    """'NEW DELHI' -> 'New Delhi', 'WINSTON-SALEM' -> 'Winston-Salem'; mixed case is left alone."""
    if not name.isupper():
        return name
    return " ".join("-".join(part.capitalize() for part in word.split("-")) for word in name.split())


# --- paragraph roles ----------------------------------------------------------------------------

def _classify(para: _Para, outlets: Outlets) -> None:
    """Give a paragraph the role its own text proves, if any."""
    drop, _ = _boilerplate()
    folded = para.folded
    source = SOURCE_LINE.match(folded)
    if source and (outlets.named(source["name"]) or ORG_WORDS.search(source["name"])):
        para.role, para.value = "credit", source["name"]
    elif write_to := WRITE_TO.match(folded):
        para.role, para.value = "byline", [write_to["name"].strip()]
    elif copyright_ := COPYRIGHT.match(folded):
        para.role, para.value = "copyright", (copyright_["holder"] or copyright_["holder2"] or "").strip() or None
    elif drop.fullmatch(folded):
        para.role = "boilerplate"
    elif datetimes.is_stamp_line(folded):
        para.role, para.value = "stamp", datetimes.find_stamp(folded)
    elif account := ACCOUNT_LINE.match(folded):
        para.role, para.value = "account", para.text[account.start("name"):].strip()
    elif EDITORIAL_NOTE.match(folded):
        para.role = "editorial"
    elif tagged := TAGGED_LINE.match(folded) or REUTERS_TAG.match(folded):
        para.role, para.value = "tagged", (tagged["tag"], para.text[tagged.start("rest"):].strip())
    elif (credit := CREDIT_LINE.match(folded)) and outlets.named(credit["paren"] or credit["dash"]) is not None:
        para.role, para.value = "credit", credit["paren"] or credit["dash"]
    elif (byline := BYLINE.match(folded)) and len(folded.split()) <= BYLINE_MAX_WORDS:
        para.role, para.value = "byline", _split_names(para.text[byline.start("names"):byline.end("names")])
    elif _is_non_latin_name(para.text):
        para.role = "native byline"
    elif _is_caption(folded):
        para.role = "caption"


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
        if adjacent and original.role is None and len(para.text.split()) >= DUPLICATE_MIN_WORDS \
                and not _is_title_like(para.text):
            original.role = "caption"
        para.role = "duplicate"


def _find_lead(paras: list[_Para]) -> int | None:
    """The first paragraph of the story: a dateline paragraph, else the first unclaimed prose."""
    for i, para in enumerate(paras):
        if para.role is None and _dateline(para) is not None:
            return i
    for i, para in enumerate(paras):
        if para.role is None and _is_prose(para.text):
            return i
    return None


def _dateline(para: _Para) -> re.Match | None:
    match = DATELINE.match(para.folded)
    if not match or len(match["city"].replace(".", "")) < 3:
        return None
    strong = match["credit"] or match["date"]
    if not (strong or match["sep"]) or (not strong and not _known_place(match["city"])):
        return None
    if match.end() >= len(para.folded) or not para.folded[match.end()].isalnum() and para.folded[match.end()] not in "\"'":
        return None
    return match


def _known_place(name: str) -> str | None:
    found = cities().get(identity_key(name))
    return found.name if found else None


def _city_timezone(name: str) -> str | None:
    found = cities().get(identity_key(name))
    return found.timezone if found else None


# --- assembling the article ---------------------------------------------------------------------

def _header_fields(article: ParsedArticle, header: list[_Para]) -> tuple[list[str], list[str]]:
    """Headline, tag, slug and standfirst from the paragraphs before the lead.

    Returns the header's prose (kept for the body) and the site names printed beside titles."""
    site_titles, titles, prose = [], [], []
    for para in header:
        if para.role == "tagged":
            tag, rest = para.value
            if len(rest.split()) <= 6 and "-" in rest and "," not in rest and article.slug is None:
                article.update_tag, article.slug = tag.strip(), rest
            else:
                article.update_tag = article.update_tag or tag.strip()
                titles.insert(0, rest)
        elif para.role is None:
            parts = SITE_TITLE_SEPARATOR.split(para.text)
            if len(parts) > 1 and _is_title_like(parts[0]):
                site_titles.append((parts[0].strip(), parts[-1].strip()))
            elif _is_title_like(para.text):
                titles.append(para.text)
            elif PROSE_END.search(para.text) and len(para.text.split()) >= HEADER_PROSE_MIN_WORDS:
                prose.append(para.text)
    candidates = titles + [title for title, _ in site_titles]
    if candidates:
        article.headline = candidates[0]
        extra = [t for t in titles[1:] if fold_key(t) != fold_key(article.headline)]
        article.standfirst = " ".join(extra) or None
    return prose, [site for _, site in site_titles]


def _publisher_and_wire(article: ParsedArticle, paras: list[_Para], site_names: list[str],
                        dateline_credit: str | None, outlets: Outlets) -> None:
    publisher_evidence: list[str] = list(site_names)
    wire_evidence: list[str] = []
    for para in paras:
        if para.role == "account" and para.value and (outlets.named(para.value) or ORG_WORDS.search(para.value)):
            publisher_evidence.append(para.value)
        elif para.role == "copyright" and para.value:
            known = outlets.named(para.value)
            (wire_evidence if known and known.kind == "wire" else publisher_evidence).append(para.value)
        elif para.role == "credit":
            wire_evidence.append(para.value)
    publisher = _pick(publisher_evidence, outlets)
    if dateline_credit:
        known = outlets.named(dateline_credit)
        if known is not None and known.kind == "publisher":
            publisher = publisher or known.name
        elif fold_key(outlets.canonical(dateline_credit)) != fold_key(publisher or ""):
            wire_evidence.insert(0, dateline_credit)
    article.publisher = publisher
    wire = _pick(wire_evidence, outlets, kind="wire")
    article.wire_service = wire if wire and fold_key(wire) != fold_key(publisher or "") else None


def _pick(evidence: list[str], outlets: Outlets, kind: str | None = None) -> str | None:
    """The first evidence naming a known outlet (of `kind`, if given), else the first plain name."""
    for text in evidence:
        outlet: Outlet | None = outlets.named(text) or outlets.with_tagline(text)
        if outlet is not None and kind in (None, outlet.kind):
            return outlet.name
    for text in evidence:
        if outlets.with_tagline(text) is None:
            return outlets.canonical(text)
    return None


def _publication(article: ParsedArticle, paras: list[_Para], dateline_date: str | None,
                 text: str, outlets: Outlets) -> None:
    stamps = [p.value for p in paras if p.role == "stamp" and p.value is not None]
    stamp = next((s for s in stamps if not s.updated), stamps[0] if stamps else None)
    if stamp is None and dateline_date:
        day = datetimes.dateline_day(dateline_date, text)
        stamp = datetimes.Stamp(dt.datetime.combine(day, dt.time()), None, "day") if day else None
    if stamp is not None:
        article.published = datetimes.settle(stamp, zone_fallbacks(article, outlets))


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


def detect_language(body: str) -> str | None:
    if word_count(body) < LANGUAGE_MIN_WORDS:
        return None
    return py3langid.classify(body[:LANGUAGE_SAMPLE_CHARS])[0]


def parse_article(text: str, outlets: Outlets | None = None) -> ParsedArticle:
    """Parse one article's decoded text. Never raises on odd text; returns what it can prove."""
    outlets = outlets or load_outlets()
    paras = [_Para(p, fold(p)) for p in (p.lstrip(LIST_BULLETS).strip() for p in paragraphs(text)) if p]
    for para in paras:
        _classify(para, outlets)
    _mark_duplicates(paras)
    article = ParsedArticle()
    lead = _find_lead(paras)
    header = paras[:lead] if lead is not None else paras
    kept_prose, site_names = _header_fields(article, header)

    body_paras: list[str] = list(kept_prose)
    dateline_credit = dateline_date = None
    if lead is not None:
        _, tail = _boilerplate()
        match = _dateline(paras[lead])
        if match is not None:
            article.dateline = paras[lead].text[:match.end()].strip()
            article.dateline_city = _known_place(match["city"]) or _title_case(match["city"])
            dateline_credit, dateline_date = match["credit"], match["date"]
            paras[lead] = _Para(paras[lead].text[match.end():].strip(), paras[lead].folded[match.end():].strip())
        for para in paras[lead:]:
            if para.role is None and tail.fullmatch(para.folded):
                break
            if para.role is None:
                body_paras.append(para.text)

    for para in paras:
        if para.role == "byline":
            names = [_title_case(n) for n in para.value if _looks_like_name(n)]
            article.authors += [n for n in names if n not in article.authors]
        elif para.role == "native byline" and (lead is None or paras.index(para) < lead):
            article.authors_native.append(para.text)
        elif para.role == "caption" and fold_key(para.text) not in {fold_key(c) for c in article.captions}:
            article.captions.append(para.text)
        elif para.role == "editorial":
            article.editorial_notes.append(para.text)
    if not article.authors and article.authors_native:
        article.authors = list(article.authors_native)

    _publisher_and_wire(article, paras, site_names, dateline_credit, outlets)
    if not article.authors:
        article.authors = [p.value for p in paras if p.role == "account" and p.value and
                           not (outlets.named(p.value) or ORG_WORDS.search(p.value)) and _looks_like_name(p.value)]
    _publication(article, paras, dateline_date, text, outlets)
    article.body = "\n\n".join(body_paras)
    article.word_count = word_count(article.body)
    article.language = detect_language(article.body)
    return article

