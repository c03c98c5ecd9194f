"""Step 3 of reading an article: where things stand, once each line has the role its text proves.

`find_header` finds, in this order:
- the headline: a line that the page's title repeats, else the first title-shaped line above the
  story that the article's own header follows (standfirst lines, then a byline, a name, a stamp, a
  dateline or the story), never a line that navigation follows (`_find_headline`);
- the lead, the story's first paragraph: after a wire's dateline line, a dateline paragraph, else
  the first prose that is no standfirst (`_find_lead`);
- the roles of the lines between them (`_header_roles`): a person's name is a byline where bylines
  stand, a job title or a city under a byline belongs to it, a line closing on "(Credit)" is a
  caption.

`find_story` then finds where the body starts (the first dateline or prose, never after the lead)
and where the page's tail begins (boilerplate.toml `tail`), and inside the story the titles under
a "Related articles" box and the captions between sentences (`_body_captions`).

Lines whose role says nothing about where the article starts (`TRANSPARENT`: captions, credits,
furniture) are skipped when reading the header. `story_bylines` says which bylines are the story's
(those above its lead, else the first one below it).
"""
from __future__ import annotations

import itertools
import re

from flows.parse import datetimes
from flows.parse.lexicon import HEADLINE_MAX_WORDS, SENTENCE_END, Lexicon, is_prose, is_title_like
from flows.parse.line_roles import Para, opening_dateline
from flows.parse.names import PARENS, bare_name, known_city, parse_byline, title_case
from flows.parse.outlets import Outlets
from flows.parse.text import fold_key

# Lines that say nothing about where the article starts: skipped when reading the header.
TRANSPARENT = frozenset({"caption", "photo credit", "credit", "boilerplate", "control", "promo", "duplicate",
                         "editorial", "outlet", "page title", "copyright", "byline role", "native byline",
                         "issuer", "signoff"})
# Lines that only stand between a headline and its story.
HEADER_METADATA = frozenset({"byline", "label", "stamp", "dateline line", "editor", "issuer"})


def find_header(paras: list[Para], lex: Lexicon, outlets: Outlets) -> tuple[int | None, int | None]:
    """The headline's and the lead's index (None when there is none), and the roles of the lines
    between them."""
    headline = _find_headline(paras, lex, outlets)
    lead = _find_lead(paras, headline + 1 if headline is not None else 0, lex, outlets)
    _header_roles(paras, headline, lead, lex, outlets)
    return headline, lead


def find_story(paras: list[Para], lead: int | None, lex: Lexicon) -> tuple[int | None, int]:
    """Where the body starts and where the page's tail begins (its index, or the number of lines);
    the link-box titles and captions inside the story get their roles."""
    body_lead = _body_lead(paras, lead)
    _links_under_box(paras[body_lead or 0:])
    end = next((p.index for p in paras[body_lead or 0:] if p.role is None and lex.tail.fullmatch(p.folded)),
               len(paras))
    if lead is not None:
        _body_captions(paras, lead, end, lex)
    return body_lead, end


# --- the headline ---------------------------------------------------------------------------------
LABEL_MAX_WORDS = 3             # a line this short, not a name, is navigation or a section label
STANDFIRST_MAX_LINES = 4        # title-shaped lines between a headline and its byline
ACCEPT_WINDOW = 24              # lines looked at below a headline candidate
NUMERIC_DATE = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}")


def _find_headline(paras: list[Para], lex: Lexicon, outlets: Outlets) -> int | None:
    """A line the page's title bar repeats; else the first candidate above the story that the
    article's header follows; else the page title."""
    titles = {fold_key(p.value[0]): p.index for p in paras if p.role == "page title"}
    titles.update({fold_key(parts[0]): p.index for p in paras if p.role is None
                   and len(parts := lex.title_separator.split(p.text)) > 1 and is_title_like(parts[0])})
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


def _body_start(paras: list[Para]) -> int:
    """Where the story surely runs: a dateline paragraph, or prose followed by more prose."""
    for i, para in enumerate(paras):
        if para.role == "dateline line" or para.role is None and opening_dateline(para) is not None:
            return i
        if para.role is None and is_prose(para.text):     # prose, and more within a subheading's reach
            for after in itertools.islice(_next_lines(paras, i, 12), 3):
                if after.role in HEADER_METADATA:        # a byline, stamp or dateline follows: header
                    break
                if after.role is None and (is_prose(after.text) or SENTENCE_END.search(after.folded)):
                    return i
    return len(paras)


def _is_candidate(para: Para, after: Para | None, lex: Lexicon, outlets: Outlets) -> bool:
    """A line shaped like a headline: a title, not a sentence, a label, a name or a date. A repeated
    title (the page's title bar, then the article's) is judged where it is repeated."""
    if para.role == "duplicate":
        if not (isinstance(para.value, Para) and para.value.role in (None, "tagged", "page title")):
            return False
    elif para.role not in (None, "tagged", "page title"):
        return False
    text = headline_text(para)
    if NUMERIC_DATE.search(text) or datetimes.FULL_DATE.search(text):
        return False                                   # a dated line is a stamp or a menu, not a headline
    if para.role == "tagged" and len(text.split()) <= 6 and "-" in text and "," not in text:
        return False                                      # a wire slug: "N Korea-Russia-summit"
    wire_dateline = after is not None and after.role == "dateline line"
    if wire_dateline:
        return 2 <= len(text.split()) <= HEADLINE_MAX_WORDS and not text.startswith(("(", "["))
    words = len(re.findall(r"[\w'’]+", text))
    short = words == LABEL_MAX_WORDS and after is not None and (
        after.role == "byline" or after.role is None and bare_name(after.text, lex, outlets))
    if not is_title_like(text) or is_prose(text) or words <= LABEL_MAX_WORDS and not short:
        return False       # (a three-word headline is believed only right above its byline)
    return not bare_name(text, lex, outlets)


def _accepted(paras: list[Para], i: int, body_start: int, lex: Lexicon, outlets: Outlets) -> bool:
    """A headline candidate is believed when the article's own header follows it: standfirst lines,
    then a byline, a name, a stamp, a dateline or the story; navigation below it refutes it."""
    standfirst = 0
    for para in _next_lines(paras, i):
        if para.role in HEADER_METADATA:
            return True
        if para.role is not None:
            continue
        if opening_dateline(para) is not None or bare_name(para.text, lex, outlets) \
                or _name_with_outlet_or_place(para, lex, outlets):
            return True
        if is_prose(para.text):
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


def _metadata_follows(paras: list[Para], i: int, lex: Lexicon, outlets: Outlets) -> bool:
    """The next telling line is a byline, a name or a stamp: line i is a standfirst, not the lead."""
    after = next(_next_lines(paras, i, 6), None)
    if after is None:
        return False
    return after.role in ("byline", "label", "editor", "stamp") \
        or after.role is None and bare_name(after.text, lex, outlets)


def _next_lines(paras: list[Para], i: int, limit: int = ACCEPT_WINDOW):
    """The lines after i that may say something about the header (transparent ones skipped)."""
    for para in paras[i + 1:i + 1 + limit]:
        if para.role not in TRANSPARENT:
            yield para


def _is_label(para: Para, lex: Lexicon, outlets: Outlets) -> bool:
    """A short line that is no name and no sentence: navigation, a section label, a kicker."""
    words = re.findall(r"[\w'’.]+", para.text)
    return len(words) <= LABEL_MAX_WORDS and not bare_name(para.text, lex, outlets)


def headline_text(para: Para) -> str:
    """A headline line's title: without its wire tag ("(LEAD)") or the site's name ("| Site")."""
    if para.role == "duplicate" and isinstance(para.value, Para):
        return headline_text(para.value)
    if para.role == "tagged":
        return para.value[1]
    if para.role == "page title":
        return para.value[0]
    return para.text


# --- the lead and the body's start ----------------------------------------------------------------

def _find_lead(paras: list[Para], start: int, lex: Lexicon, outlets: Outlets) -> int | None:
    """The first paragraph of the story: after a wire's dateline line, a dateline paragraph, the
    first prose that is not a standfirst (a byline or stamp follows a standfirst), else any prose."""
    for para in paras[start:start + 5]:
        if para.role == "dateline line":
            return next((q.index for q in paras[para.index + 1:] if q.role is None), None)
    for para in paras[start:]:
        if para.role is None and opening_dateline(para) is not None:
            return para.index
    telling = 0
    for para in paras[start:]:
        if para.role in TRANSPARENT:
            continue
        telling += 1
        if para.role is None and is_prose(para.text) and not (
                start > 0 and telling <= 2 and _metadata_follows(paras, para.index, lex, outlets)):
            return para.index
    for para in paras:
        if para.role is None and is_prose(para.text):
            return para.index
    return None


def _body_lead(paras: list[Para], lead: int | None) -> int | None:
    """Where the body starts: the first dateline paragraph, else the first prose; the line after a
    wire's dateline line; never later than the story's lead."""
    line = next((p for p in paras[:lead] if p.role == "dateline line"), None) if lead is not None else None
    found = next((p.index for p in paras if p.role is None and opening_dateline(p) is not None), None) \
        if line is None else lead
    if found is None:
        found = next((p.index for p in paras if p.role is None and is_prose(p.text)), None)
    return min(i for i in (found, lead) if i is not None) if found is not None or lead is not None else None


# --- the roles of the header's lines --------------------------------------------------------------
CITY_LINE_MIN_POPULATION = 15_000   # a lone place name under a byline is its dateline
BYLINE_NEIGHBOURS = frozenset({"stamp", "byline", "byline role", "dateline place", "label"})


def _header_roles(paras: list[Para], headline: int | None, lead: int | None, lex: Lexicon,
                  outlets: Outlets) -> None:
    """Between the headline and the story: names are bylines, a job title or a city under a byline
    belongs to it, a line closing on "(Credit)" is a caption."""
    start = headline + 1 if headline is not None else 0
    end = lead if lead is not None else len(paras)
    labelled = any(p.role == "byline" and not p.value.bare for p in paras[:end])
    names = [p for p in paras[start:end] if p.role is None and not labelled and _name_line(p, lex, outlets)
             and _byline_neighbours(paras, p, headline, lex, outlets)]     # judged before any is claimed
    for para in names:
        para.role, para.value = "byline", parse_byline(para.text, lex, outlets, bare=True)
    for para in paras[start:end]:
        if para.role is not None:
            continue
        if para.words <= 6 and lex.role_words.search(para.text) and _after_byline(paras, para.index):
            para.role = "byline role"
        elif para.words <= 4 and _after_byline(paras, para.index) and (found := known_city(para.text)) \
                and found.population >= CITY_LINE_MIN_POPULATION:
            para.role, para.value = "dateline place", title_case(para.text.strip())
        elif headline is not None and para.words >= 4 and lex.header_credit_tail.search(para.folded) \
                and not is_prose(para.text[:para.folded.rfind("(")]):
            para.role = "caption"


def _byline_neighbours(paras: list[Para], para: Para, headline: int | None, lex: Lexicon,
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


def _telling_neighbours(paras: list[Para], i: int) -> tuple[Para | None, Para | None]:
    """The nearest lines above and below line i that are not transparent."""
    before = next((p for p in reversed(paras[max(i - 6, 0):i]) if p.role not in TRANSPARENT), None)
    after = next(_next_lines(paras, i, 6), None)
    return before, after


def _after_byline(paras: list[Para], i: int) -> bool:
    """Line i follows a byline (or its job title), only transparent lines between."""
    for para in reversed(paras[max(i - 3, 0):i]):
        if para.role in ("byline", "byline role"):
            return True
        if para.role not in TRANSPARENT:
            return False
    return False


def _name_line(para: Para, lex: Lexicon, outlets: Outlets) -> bool:
    """A line of names, with or without an outlet or a place."""
    return bare_name(para.text, lex, outlets) or _name_with_outlet_or_place(para, lex, outlets)


def _name_with_outlet_or_place(para: Para, lex: Lexicon, outlets: Outlets) -> bool:
    """ "Jo Ma in Hong Kong", "Jo Ma (The Island Post)", "Jo Ma, Agency": a name line that says more."""
    if para.words > 10 or not (" in " in para.text or "(" in para.text or "," in para.text):
        return False
    found = parse_byline(para.text, lex, outlets)
    core = re.sub(r"\s+in\s+[A-Z][\w .'-]+$", "", PARENS.sub(" ", para.text)).strip()
    core = ", ".join(q for q in (q.strip() for q in core.split(",")) if not outlets.named_loosely(q)
                     and not lex.role_words.search(q))
    return bool(found.names) and (found.place is not None and known_city(found.place) is not None
                                  or bool(found.outlets)) and bare_name(core, lex, outlets)


# --- inside the story -----------------------------------------------------------------------------
LINK_TITLE_MAX_WORDS = 20       # a linked story's title under a link-box heading


def _links_under_box(paras: list[Para]) -> None:
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


def _body_captions(paras: list[Para], lead: int, end: int, lex: Lexicon) -> None:
    """Inside the story, a long line that ends no sentence, between lines that do, is a caption."""
    story = [p for p in paras[lead:end] if p.role is None]
    for before, para, after in zip(story, story[1:], story[2:]):
        if lex.unterminated_min_words <= para.words <= lex.caption_max_words and para.text[:1].isupper() \
                and not SENTENCE_END.search(para.folded) and ":" not in para.text[:30] \
                and SENTENCE_END.search(before.folded) and SENTENCE_END.search(after.folded):
            para.role = "caption"


# --- the story's bylines --------------------------------------------------------------------------

def story_bylines(paras: list[Para], lead: int | None, end: int) -> list[Para]:
    """The story's bylines: those above its lead; without any, the first one after it (a byline
    printed at the foot of the story). Bylines further down belong to related stories."""
    header = [p for p in paras[:lead if lead is not None else end] if p.role == "byline"]
    if header or lead is None:
        return header
    return [p for p in paras[lead:end] if p.role == "byline"][:1]


def beside_header(paras: list[Para], para: Para) -> bool:
    """A line next to a byline or a stamp (a byline in another script is printed beside them)."""
    return any(q.role in ("byline", "stamp", "tagged") for q in paras[max(para.index - 1, 0):para.index + 2])
