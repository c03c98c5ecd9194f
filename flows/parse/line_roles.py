"""Steps 1 and 2 of reading an article: each line's role from its own text, then from its neighbours.

`read_lines` splits the text into paragraphs (`Para`) and gives each at most one role:

1. what the line itself shows: the predicates of `LINE_ROLES` are tried in order and the first
   that holds wins (sign-off, "Reporting from" place, editorial note, copyright, caption, wire
   credit, photo credit, boilerplate, link box, control, promo, dateline line, stamp, byline, label,
   editor, wire tag, non-Latin byline, caption cue, outlet name, page title); a line that is none of
   them keeps no role (None);
2. what its neighbours show (`NEIGHBOUR_ROLES`): the line after "Text by:" is a byline, the line
   above a photo credit is a caption; then a repeated paragraph becomes a "duplicate" of its first
   copy.

A predicate returns the role's value (a `Byline`, a `StampLine`, an `OutletLine`, a list of names,
a copyright holder...) or None. Roles that depend on where a line stands (the headline, a name
without "By" as a byline, a caption inside the story) come later, from `layout.py`. The dateline
opening a lead paragraph ("TOKYO (AP) -") is found here too (`opening_dateline`), once per line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from flows.parse import datetimes
from flows.parse.lexicon import HEADLINE_MAX_WORDS, PROSE_END, Lexicon, is_title_like, phrase_key
from flows.parse.names import (
    Byline,
    bare_name,
    is_non_latin_name,
    known_city,
    names_in,
    parse_byline,
    title_case,
)
from flows.parse.outlets import Outlet, Outlets, load_outlets
from flows.parse.text import fold, fold_key, paragraphs

LIST_BULLETS = "•·▪►◦‣●○■□*"


@dataclass
class Para:
    """One paragraph of the article and the role the steps give it (None: story text, or not known
    yet). `value` is what the role found: a `Byline` for "byline", a `StampLine` for "stamp", an
    `OutletLine` for "outlet", the names for "signoff" and "editor", the first copy for "duplicate"."""
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
class StampLine:
    """A line that dates the article, and a place printed beside the stamps ("... IST - NEW DELHI")."""
    stamps: list[datetimes.Stamp]
    place: str | None = None


@dataclass
class OutletLine:
    """A line that names the site, and a place printed with it ("BBC News, The Hague")."""
    outlet: Outlet
    place: str | None = None


def read_lines(text: str, lex: Lexicon, outlets: Outlets) -> list[Para]:
    """The text's paragraphs (list bullets dropped), each with the role its own text proves, then
    the roles its neighbours prove."""
    paras = [Para(p, fold(p), i) for i, p in
             enumerate(p for p in (p.lstrip(LIST_BULLETS).strip() for p in paragraphs(text)) if p)]
    for para in paras:
        classify(para, lex, outlets)
        if para.role is None:
            opening_dateline(para, outlets)     # found now, with these outlets: later callers pass none
    for rule in NEIGHBOUR_ROLES:
        rule(paras, lex, outlets)
    _mark_duplicates(paras)
    return paras


# --- datelines ------------------------------------------------------------------------------------
# A dateline opens the lead: "BEIJING, March 3 (Xinhua) --", "MOSCOW:", "WASHINGTON (AP) -",
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


def opening_dateline(para: Para, outlets: Outlets | None = None) -> re.Match | None:
    """The dateline opening a paragraph, if any (found once per paragraph, see read_lines)."""
    if para.dateline_memo is None:
        para.dateline_memo = (_find_dateline(para, outlets or load_outlets()),)
    return para.dateline_memo[0]


def _find_dateline(para: Para, outlets: Outlets) -> re.Match | None:
    match = DATELINE.match(para.folded)
    if match is None or len(match["city"].replace(".", "")) < 3:
        mixed = DATELINE_MIXED.match(para.folded)
        if mixed is None or known_city(mixed["city"]) is None or outlets.named(mixed["credit"]) is None:
            return None
        match = mixed
    strong = match["credit"] or match["date"] or match["slash"]
    if not (strong or match["sep"]) or (not strong and not _known_place(match["city"])):
        return None
    if match.end() >= len(para.folded) or not para.folded[match.end()].isalnum() \
            and para.folded[match.end()] not in "\"'":
        return None
    return match


def _known_place(name: str) -> str | None:
    found = known_city(name)
    return found.name if found else None


# --- 1. roles a line's own text proves: (role, predicate) in order, the first that holds wins -----
# A predicate returns the role's value, or None when the line is not of that role.

Predicate = Callable[[Para, Lexicon, Outlets], object]


SIGNOFF_HINT = re.compile(r"report|contribut|assist|\bby\b|wrote|this (?:story|article|report)")   # on .lower


def _signoff(p: Para, lex: Lexicon, outlets: Outlets):
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
        names = names_in(p.text[offset + match.start("names"):offset + match.end("names")], lex, outlets)
        if names or not needs_name:
            return names
    return None


def _byline_place(p, lex, outlets):
    """ "Reporting from Ottawa": where the byline's author reported from."""
    match = lex.byline_place.fullmatch(p.folded.strip()) if p.words <= 8 else None
    return title_case(p.text[match.start("place"):match.end("place")].strip()) if match else None


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
    """ "(Xinhua)", "-- AP", "Source: Reuters/fh", "(THE SITE with AFP)": outlets credited for the story."""
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
    if found and all(found):
        return found
    # "(THE SITE with AFP)" from a site nobody knows: the agency it names after "with" still counts
    site, _, agency = (match["paren"] or "").partition(" with ")
    wire = outlets.named_loosely(agency.strip()) if agency else None
    if wire is not None and wire.kind == "wire" and 1 <= len(site.split()) <= 4 and site[:1].isupper():
        return [wire]
    return None


def _link_box(p, lex, outlets):
    return True if lex.link_box.fullmatch(p.folded) else None


def _boilerplate(p, lex, outlets):
    return True if p.words <= 40 and lex.drop.fullmatch(p.folded) else None


def _control(p, lex, outlets):
    if p.words > 12:
        return None
    phrase = phrase_key(p.text)
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
        return StampLine([]) if relative_only() else None
    stamps, leftover, labelled = datetimes.stamp_leftover(p.folded, lex.relative)
    if not stamps:
        return StampLine([]) if relative_only() or datetimes.TIME_ONLY_LINE.match(p.folded.strip()) else None
    if len(leftover.split()) <= 1:
        place = leftover if leftover and known_city(leftover) and leftover[:1].isupper() else None
        return StampLine(stamps, title_case(place) if place else None)
    if outlets.named(outlets.company_name(leftover)):
        return StampLine(stamps)
    named = outlets.mentioned(p.folded)          # "SITE - Mar 12, 2025 - 18:32 | Japan, All": the site and tags
    if named:
        rest = leftover
        for _, start, stop in named:
            rest = re.sub(re.escape(p.folded[start:stop]), " ", rest, flags=re.IGNORECASE)
        if len(rest.split()) <= 2:
            return StampLine(stamps)
    if known_city(leftover) and leftover[:1].isupper():
        return StampLine(stamps, title_case(leftover))
    if labelled and p.words <= 16 and not PROSE_END.search(p.folded):   # "Desk / SITE / Updated: Mar 12, 2025"
        return StampLine(stamps)
    return None


STAMP_WORDS = re.compile(r"\b(?:first|last|published|updated|posted|modified|issued|edited|on|at)\b|[|:\-·•,()]",
                         re.IGNORECASE)


BYLINE_MAX_WORDS = 16


def _byline(p, lex, outlets):
    if p.words > BYLINE_MAX_WORDS + 4:
        return None
    if lex.write_to.fullmatch(p.folded):
        names = re.findall(r"([A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3})\s+(?:at|via)\s+\S+@", p.text)
        return Byline(names=[title_case(n) for n in names]) if names else None
    match = lex.byline.match(p.folded)
    if match is None or len(match["names"].split()) > BYLINE_MAX_WORDS or _reads_as_sentence(match["names"], lex):
        return None
    names, stamps = p.text[match.start("names"):], []
    if DATE_HINT.search(p.lower) and (dated := datetimes.find_stamps(fold(names))):
        names = names[:dated[0][0].start()]                  # "Jo Ma on March 3, 2025 at 10:00"
        names = re.sub(r"(?:[\s,|·•-]|\b(?:on|at|published|posted|updated)\b)+$", "", names, flags=re.IGNORECASE)
        stamps = [stamp for _, stamp in dated]
    found = parse_byline(names, lex, outlets)
    found.stamps = stamps
    return found if found.names or found.outlets else None


BYLINE_JOINERS = frozenset({"and", "in", "for", "of", "with", "on", "at", "from"})
BYLINE_MAX_LOWER_WORDS = 3      # "By Wednesday, the whereabouts of the hostages were known" is a sentence


def _reads_as_sentence(names: str, lex: Lexicon) -> bool:
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
    return parse_byline(p.text[match.start("names"):], lex, outlets).names


def _tagged(p, lex, outlets):
    match = lex.tag_paren.match(p.folded) or lex.tag_dash.match(p.folded)
    return (match["tag"].strip(), p.text[match.start("rest"):].strip()) if match else None


def _native_byline(p, lex, outlets):
    return True if is_non_latin_name(p.text) else None


TAIL_CHARS = 160     # a credit closing a caption is within its last characters


def _caption_cue(p, lex, outlets):
    if p.words > lex.caption_max_words:
        return None
    tail = p.folded[-TAIL_CHARS:]
    if lex.caption_hints.search(p.lower) and lex.caption_cue.search(p.folded) \
            or lex.caption_hints.search(p.lower[-TAIL_CHARS:]) and lex.credit_tail.search(tail):
        return True
    return None


GLUED = re.compile(r"[a-z][A-Z]")


def _outlet_line(p, lex, outlets):
    """A line that names the site: "The Island Gazette", "Gazette - back to home", "Gazette, Paris",
    "Democracy Dies in Darkness" (a tagline), "Writer's pictureThe Island Gazette" (glued image text)."""
    if p.words > 8:
        return None
    text = p.folded.strip(" |-")
    found = outlets.named_loosely(text) or outlets.with_tagline(text)
    if found:
        return OutletLine(found)
    parts = [q.strip() for q in re.split(r"\s+[-|·»]\s+|,\s+", text) if q.strip()]
    if len(parts) == 2:
        first, second = (outlets.named_loosely(q) or outlets.with_tagline(q) for q in parts)
        if first and (phrase_key(parts[1]) in lex.site_suffixes or phrase_key(parts[1]) in lex.ui_phrases):
            return OutletLine(first)
        if second and phrase_key(parts[0]) in lex.site_suffixes:
            return OutletLine(second)
        if first and known_city(parts[1]):
            return OutletLine(first, title_case(parts[1]))
    ending = outlets.ending(text) if GLUED.search(text) else None
    if ending is not None:
        spellings = sorted((ending.name, *ending.aliases), key=len, reverse=True)
        for spelling in spellings:          # glued: "pictureThe Gazette", never "Nusantara"
            start = text.lower().rfind(fold(spelling).lower())
            if start > 0 and start + len(spelling) == len(text) and text[start - 1].islower() \
                    and text[start].isupper():
                return OutletLine(ending)
    return None


def _page_title(p, lex, outlets):
    """ "Headline | Site" where the site is known by name or tagline."""
    parts = lex.title_separator.split(p.text)
    if len(parts) < 2 or not is_title_like(parts[0]) or PROSE_END.search(p.folded):
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
    ("credit", _source_credit, 20),         # "(Xinhua)", "Source: Reuters/fh", "(SITE with AFP)"
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


def classify(para: Para, lex: Lexicon, outlets: Outlets) -> None:
    """Give the line the first role of LINE_ROLES its text proves, with that role's value."""
    for role, predicate, max_words in LINE_ROLES:
        if para.words > max_words:
            continue
        value = predicate(para, lex, outlets)
        if value is not None:
            para.role, para.value = role, value
            return


# --- 2. roles the neighbours prove ----------------------------------------------------------------
NEIGHBOUR_CAPTION_MIN_WORDS, NEIGHBOUR_CAPTION_MAX_WORDS = 5, 45
DUPLICATE_MIN_WORDS = 8


def _value_after_label(paras: list[Para], lex: Lexicon, outlets: Outlets) -> None:
    """ "Text by:" / "NEWS WIRES", "News provided by" / "Acme Robotics": the value line takes the role."""
    for para, after in zip(paras, paras[1:]):
        if para.role == "label" and after.role in (None, "outlet"):
            if para.value == "byline":
                outlet = after.value.outlet if after.role == "outlet" else None
                byline = parse_byline(after.text, lex, outlets)
                after.role, after.value = "byline", byline if outlet is None else Byline(outlets=[outlet])
            else:
                after.role = "issuer"


QUOTATION = re.compile(r'"|\'\s|\s\'')     # a quotation: story text, not a caption


def _captions_beside_credits(paras: list[Para], lex: Lexicon, outlets: Outlets) -> None:
    """The line above a photo credit, or below "Open this photo in gallery", is a caption."""
    for i, para in enumerate(paras):
        if para.role == "photo credit" and i > 0:
            above = paras[i - 1]
            if above.role is None and NEIGHBOUR_CAPTION_MIN_WORDS <= above.words <= NEIGHBOUR_CAPTION_MAX_WORDS \
                    and not QUOTATION.search(above.folded) and not bare_name(above.text, lex, outlets) \
                    and opening_dateline(above) is None:
                above.role = "caption"
        elif para.role == "control" and phrase_key(para.text) in lex.announcers and i + 1 < len(paras):
            below = paras[i + 1]
            if below.role is None and below.words >= 3:
                below.role = "caption"


NEIGHBOUR_ROLES = (_value_after_label, _captions_beside_credits)


def _mark_duplicates(paras: list[Para]) -> None:
    """Pages print a photo caption twice (image text and caption); later copies of any paragraph go."""
    first_seen: dict[str, int] = {}
    for i, para in enumerate(paras):
        key = fold_key(para.text)
        if key not in first_seen:
            first_seen[key] = i
            continue
        original = paras[first_seen[key]]
        adjacent = first_seen[key] == i - 1
        # a sentence printed twice in a row is a photo's text and its caption; a title is a headline
        if adjacent and original.role is None and para.words >= DUPLICATE_MIN_WORDS \
                and (PROSE_END.search(para.folded) or not is_title_like(para.text)):
            original.role = "caption"
        para.role, para.value = "duplicate", original

