"""Metadata and clean body from the text of one news article.

The input is text as a person copies it from a web page or a wire feed: page furniture, a site
name, a headline, a byline, photo captions, a dateline, the story, and the page footer, in
whatever order the outlet uses. `parse_article` gives each line (paragraph) one role, decided by
evidence, then reads the fields off the roles, in four steps:

1. what the line itself shows, tried in the order of `LINE_ROLES` (a table of predicate and role:
   sign-off, editorial note, copyright, caption, photo credit, wire credit, furniture, control,
   stamp, dateline line, byline, wire tag, caption cue, outlet name, page title): `line_roles.py`;
2. what its neighbours show (`NEIGHBOUR_ROLES`): the line above a photo credit is a caption, the
   line after "Text by:" is a byline, a repeated line is a duplicate: `line_roles.py`;
3. where it stands: the headline is the first title-shaped line that the article's own header
   follows, never a line that navigation follows; between the headline and the story a person's
   name is a byline where bylines stand; inside the story a long line that ends no sentence
   between lines that do is a caption: `layout.py`;
4. the fields, each from its own evidence ranked in one place: dateline (`read_dateline`),
   publisher (`pick_publisher`), wire (`pick_wire`), publication time (`publication`): `fields.py`.
   Headline, standfirst, authors, captions, notes and sign-offs are read here, off the roles.

Words and patterns live in `flows/data/layout.toml` and `boilerplate.toml` (read by `lexicon.py`),
outlet facts in `outlets.toml`, zone abbreviations in `timezones.toml`; `names.py` tells people's
names and places. The body is what the content extractor (`flows/parse/content.py`) keeps of the
page, from the story's lead to a comment section, less every line a role claimed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import py3langid

from flows.parse import datetimes
from flows.parse.content import main_content
from flows.parse.fields import pick_publisher, pick_wire, publication, read_dateline
from flows.parse.layout import HEADER_METADATA, beside_header, find_header, find_story, headline_text, story_bylines
from flows.parse.lexicon import Lexicon, is_prose, is_title_like, lexicon
from flows.parse.line_roles import Para, read_lines
from flows.parse.names import names_in
from flows.parse.outlets import Outlets, load_outlets
from flows.parse.text import fold_key, word_count

LANGUAGE_MIN_WORDS = 3
LANGUAGE_SAMPLE_CHARS = 600       # a body's opening hundred words tell its language
GALLERY_COUNTER = re.compile(r"^\[\d{1,2}/\d{1,2}\]\s*")   # "[1/2] " before a gallery's caption


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


def parse_article(text: str, outlets: Outlets | None = None) -> ParsedArticle:
    """Parse one article's decoded text. Never raises on odd text; returns what it can prove."""
    outlets = outlets or load_outlets()
    lex = lexicon()
    paras = read_lines(text, lex, outlets)              # steps 1 and 2: roles from each line's text, then neighbours
    headline, lead = find_header(paras, lex, outlets)   # step 3: headline, lead and the roles between them
    article = ParsedArticle()
    standfirst = _header_fields(article, paras, headline, lead, lex)  # read before find_story claims header lines
    body_lead, end = find_story(paras, lead, lex)       # step 3: the body's bounds, the roles inside the story
    dateline = read_dateline(paras, lead, headline)     # step 4 (this cuts the dateline off the lead paragraph)
    article.dateline, article.dateline_city = dateline.text, dateline.city
    _people(article, paras, lead, end, lex, outlets)
    _captions_and_notes(article, paras)
    article.publisher = pick_publisher(paras, headline, end, dateline.credit, lex, outlets)
    article.wire_service = pick_wire(paras, end, dateline.credit, article.publisher, headline, outlets)
    article.published = publication(article, paras, headline, lead, end, dateline.date, text, outlets)
    article.body = _body(paras, headline, body_lead, end, {p.index for p in standfirst})
    article.word_count = word_count(article.body)
    article.language = detect_language(article.body)
    return article


def _header_fields(article: ParsedArticle, paras: list[Para], headline: int | None, lead: int | None,
                   lex: Lexicon) -> list[Para]:
    """Headline, section, tag, slug and standfirst; returns the standfirst's lines."""
    for para in paras[:lead if lead is not None else len(paras)]:
        if para.role == "tagged":
            tag, rest = para.value
            article.update_tag = article.update_tag or tag
            if len(rest.split()) <= 6 and "-" in rest and "," not in rest and article.slug is None:
                article.slug = rest
    if headline is None:
        return []
    text = headline_text(paras[headline]).strip()
    desk = lex.desk_prefix.match(text)
    if desk and len(desk["rest"].split()) >= 1 and not desk["rest"].startswith("-"):
        article.section, text = desk["desk"], desk["rest"].strip()
    article.headline = text
    standfirst = _standfirst(paras, headline, lead, text)
    article.standfirst = " ".join(p.text for p in standfirst) or None
    return standfirst


def _standfirst(paras: list[Para], headline: int, lead: int | None, headline_text: str) -> list[Para]:
    """The lines under the headline that read as a title or prose, up to its first byline or stamp."""
    lines = []
    for para in paras[headline + 1:lead if lead is not None else len(paras)]:
        if para.role in HEADER_METADATA:
            break
        if para.role is None and (is_title_like(para.text) or is_prose(para.text)) \
                and fold_key(para.text) != fold_key(headline_text):
            lines.append(para)
        elif para.role is None:
            break
    return lines


def _people(article: ParsedArticle, paras: list[Para], lead: int | None, end: int, lex: Lexicon,
            outlets: Outlets) -> None:
    """Authors from the story's bylines (else from a byline in another script beside the header), and
    the contributors and editors that sign-offs and "Edited by" lines name."""
    for para in story_bylines(paras, lead, end):
        article.authors += [n for n in para.value.names if fold_key(n) not in map(fold_key, article.authors)]
    for para in paras:
        if para.role == "native byline" and (lead is None or para.index < lead) and beside_header(paras, para):
            article.authors_native.append(para.text)
        elif para.role == "signoff" and (lead is None or para.index >= lead) and para.index < end:
            article.signoffs.append(para.text)
            article.contributors += [n for n in para.value if n not in article.contributors]
            if (editing := lex.editing.search(para.folded)) is not None:
                article.editors += [n for n in names_in(para.text[editing.start("names"):editing.end("names")],
                                                        lex, outlets) if n not in article.editors]
        elif para.role == "editor":
            article.editors += [n for n in para.value if n not in article.editors]
    if not article.authors and article.authors_native:
        article.authors = list(article.authors_native)
    # a sign-off's people who are not the byline's ("Casert reported from ..." names an author)
    author_words = {w for a in article.authors for w in a.lower().split()}
    article.contributors = [n for n in article.contributors if not set(n.lower().split()) <= author_words]


def _captions_and_notes(article: ParsedArticle, paras: list[Para]) -> None:
    """Photo captions, each once and without a gallery's counter, and editorial notes."""
    for para in paras:
        if para.role == "caption":
            caption = GALLERY_COUNTER.sub("", para.value if isinstance(para.value, str) else para.text)
            if fold_key(caption) not in {fold_key(c) for c in article.captions}:
                article.captions.append(caption)
        elif para.role == "editorial":
            article.editorial_notes.append(para.text)


def _body(paras: list[Para], headline: int | None, body_lead: int | None, end: int, standfirst: set[int]) -> str:
    """The article's own paragraphs: what the content extractor keeps of the page, less every line a role
    claimed (byline, stamp, caption, sign-off, furniture) and the standfirst, from the story's lead on; a
    lead the extractor left out (a photo and its credit cut it off the densest run) comes back."""
    kept = set(main_content([p.text for p in paras]))
    if not kept:
        return ""
    start = body_lead if body_lead in kept else min(kept)
    if body_lead is not None and body_lead < start and paras[body_lead].role is None:
        # the story's first prose, cut off from the densest run by a photo or its credit
        kept.update(p.index for p in paras[body_lead:start]
                    if p.role is None and is_prose(p.text) and p.index not in standfirst)
        start = body_lead
    return "\n\n".join(p.text for p in paras[start:end] if p.index in kept and p.index != headline
                       and (p.role is None or _repeated_in_story(p, kept, start)))


def _repeated_in_story(para: Para, kept: set[int], start: int) -> bool:
    """A line the story itself repeats ("Monday: closed" under two pools) stays; a caption printed
    twice, or a line the page prints again elsewhere, does not."""
    original = para.value if para.role == "duplicate" else None
    return original is not None and original.role is None and original.index in kept and original.index >= start


def detect_language(body: str) -> str | None:
    """The body's language (an ISO 639-1 code), when it has a few words."""
    if word_count(body) < LANGUAGE_MIN_WORDS:
        return None
    return py3langid.classify(body[:LANGUAGE_SAMPLE_CHARS])[0]

