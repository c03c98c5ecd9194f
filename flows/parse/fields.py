"""Step 4 of reading an article: each field from its own evidence, ranked in one place.

Once every line has its role and the headline and lead are placed, in this order:
- the dateline (`read_dateline`): the one opening the lead ("TOKYO (AP) -", cut off the lead),
  a wire's dateline line, else a place printed with the byline; its credit and date are evidence
  for what follows;
- the publisher (`pick_publisher`): votes from the site's name above the headline, the page title,
  the copyright, bylines, credits and the page's furniture; a site nobody knows by its title bar,
  a name the furniture repeats, its logo's text or the page's first line above a news menu;
- the wire (`pick_wire`): the dateline's credit, a byline's agency, a credit line, a wire's copyright;
- the publication time (`publication`): the best-labelled stamp, header stamps first, else the
  dateline's date, read in the zone and date order of the publisher, the wire and the dateline city
  (`zone_fallbacks`, `zone_countries`, which `metadata.py` also uses for other sources' stamps).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flows.entities.gazetteer import identity_key, places
from flows.parse import datetimes
from flows.parse.lexicon import Lexicon, is_prose, is_title_like, phrase_key
from flows.parse.line_roles import CREDIT_PARTS, TAIL_CHARS, Para, opening_dateline
from flows.parse.names import bare_name, bare_word, known_city, title_case
from flows.parse.outlets import Outlet, Outlets
from flows.parse.text import fold, fold_key

if TYPE_CHECKING:
    from flows.parse.plain_text import ParsedArticle


# --- dateline -------------------------------------------------------------------------------------
MONTH_DAY = re.compile(rf"^{datetimes.MONTH}\.?\s+\d{{1,2}}$")


@dataclass(frozen=True)
class Dateline:
    """Where the story was filed: the dateline as printed, its city, and the credit and date it gives."""
    text: str | None = None
    city: str | None = None
    credit: str | None = None       # "AP" of "(AP) -", "PRNewswire" of "/PRNewswire/": publisher and wire evidence
    date: str | None = None         # an ISO day, or a day without its year ("Sept. 13")


def read_dateline(paras: list[Para], lead: int | None, headline: int | None) -> Dateline:
    """The dateline opening the lead ("TOKYO -"), cut off the lead paragraph; else a wire's dateline
    line; else only a city: a place printed with the byline ("Jo Ma in Hong Kong", a city line under
    the name, "... IST - NEW DELHI")."""
    if lead is not None and (match := opening_dateline(paras[lead])) is not None:
        date = match["date"]
        if match["year"]:                                  # "SAN JOSE, Calif., March 4, 2025 /Wire/ --"
            day = datetimes.find_stamp(f"{match['date']} {match['year']}")
            date = day.local.date().isoformat() if day else None
        text = paras[lead].text[:match.end()].strip()
        paras[lead] = Para(paras[lead].text[match.end():].strip(), paras[lead].folded[match.end():].strip(), lead)
        return Dateline(text, title_case(match["city"]), match["credit"] or match["slash"], date)
    line = next((p for p in paras[:lead if lead is not None else len(paras)] if p.role == "dateline line"), None)
    if line is not None:
        raw = line.value["date"]
        stamp = datetimes.find_stamp(raw)
        date = stamp.local.date().isoformat() if stamp else raw if MONTH_DAY.match(raw) else None
        return Dateline(line.text, title_case(line.value["city"]), None, date)
    return Dateline(city=_header_place(paras, lead if lead is not None else len(paras), headline))


def _header_place(paras: list[Para], end: int, headline: int | None) -> str | None:
    """A place printed with a byline, a stamp or the site's name under the headline."""
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
            return title_case(place)
    return None


# --- publisher ------------------------------------------------------------------------------------
SITE_NAME_MAX_WORDS = 5
SITE_NAME_LINES = 3        # a site's name stands among the page's first lines


def pick_publisher(paras: list[Para], headline: int | None, end: int, dateline_credit: str | None,
                   lex: Lexicon, outlets: Outlets) -> str | None:
    """The outlet whose page it is: named as the site (before the headline), in the copyright, in a
    byline ("for MailOnline", "(The Island Post)"), in a credit ("(SITE with AFP)"), or in the page's
    furniture; a wire is the publisher only when the page names it as the site. A site nobody knows:
    its title bar, a name its furniture repeats, its logo's text, its first line above a news menu, its
    copyright's holder (often the owning company: "SPH Media" for The Straits Times, hence last)."""
    # the page's own header ends at the headline, or without one at the first prose
    top = headline if headline is not None else next((p.index for p in paras if p.role is None and
                                                      is_prose(p.text)), len(paras))
    scores, unknown = _publisher_votes(paras, top, end, dateline_credit, outlets)
    if scores:
        return max(scores.items(), key=lambda kv: (kv[1][0], -kv[1][1]))[0]
    site = _title_bar_site(paras, top)
    if site is not None:
        return site
    return _unknown_site_name(paras, top, end, lex, outlets) or _site_named_by_furniture(paras, top, end, lex, outlets) \
        or (unknown[0] if unknown else None)


def _publisher_votes(paras: list[Para], top: int, end: int, dateline_credit: str | None, outlets: Outlets
                     ) -> tuple[dict[str, list], list[str]]:
    """Each known outlet's votes and first line ([weight, index]), and copyright holders nobody knows."""
    scores: dict[str, list] = {}

    def vote(outlet: Outlet | None, weight: int, where: int, site: bool = False) -> None:
        if outlet is None or outlet.kind == "wire" and not site:
            return
        entry = scores.setdefault(outlet.name, [0, where])
        entry[0] += weight

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
    return scores, unknown


# "Nisan 17, 5785" (a Hebrew date beside the page's date): no title bar names a site with a day and a year
DAY_AND_YEAR = re.compile(r"\b\d{1,2},?\s+\d{4}\b")


def _title_bar_site(paras: list[Para], top: int) -> str | None:
    """A site nobody knows, named after the title in its title bar ("Ferry service resumes | The Site");
    a dated line ("Tuesday, April 15th 2025 | Nisan 17, 5785") is no title bar."""
    for para in paras:
        if para.role is None and para.index < top:
            parts = re.split(r"\s+[|»]\s+", para.text)
            if len(parts) > 1 and is_title_like(parts[0]) and len(parts[-1].split()) <= SITE_NAME_MAX_WORDS \
                    and not datetimes.STAMP.search(para.text) and not DAY_AND_YEAR.search(parts[-1]):
                return parts[-1].strip()
    return None


def _unknown_site_name(paras: list[Para], top: int, end: int, lex: Lexicon, outlets: Outlets) -> str | None:
    """A site we do not know: a short name among the page's first lines that proves itself. Proofs,
    strongest first: the page's furniture names it again (its copyright, "About ...", "More from ...");
    it is its logo's text ("The Valley Courier - Back to home"); it is the page's first line, above a
    news site's menu ("Courier" / "News" / "Sport" / "Opinion"). Section words ("News") are no site."""
    chrome = [p.folded for p in paras if p.role in ("copyright", "control", "promo", "boilerplate", "credit",
                                                    "outlet", "photo credit")
              or p.role is None and (p.index < top or p.index >= end or not is_prose(p.text)) and p.words <= 20]
    chrome += [p.folded[-TAIL_CHARS:] for p in paras if p.role == "caption"]        # "... | Photo: The Site"
    headline_key = fold_key(paras[top].text) if top < len(paras) else ""
    candidates = []                 # (line, name, the text after its " - ")
    for para in [p for p in paras[:top] if p.role is None and fold_key(p.text) != headline_key][:SITE_NAME_LINES]:
        name, *rest = (part.strip() for part in re.split(r"\s+[-|·»]\s+", para.text.strip()))
        words = re.findall(r"[\w'’.&-]+", name)
        if not 1 <= len(words) <= SITE_NAME_MAX_WORDS or not name[:1].isupper() or len(fold_key(name)) < 4 \
                or _names_no_site(name, words, lex, outlets):
            continue
        candidates.append((para, name, rest))
    for _, name, _ in candidates:
        again = re.compile(rf"(?<![\w-]){re.escape(fold(name))}(?![\w-])", re.IGNORECASE)
        if sum(bool(again.search(q)) for q in chrome) >= 2:            # its own line, and once more
            return name
    named = [(para, name, rest) for para, name, rest in candidates if _is_masthead_like(name)]
    for _, name, rest in named:
        if rest and phrase_key(rest[-1]) in lex.site_suffixes:
            return _without_domain(name)
    for para, name, rest in named:
        if not rest and _opens_above_menu(paras, para, top, lex):
            return _without_domain(name)
    return None


def _site_named_by_furniture(paras: list[Para], top: int, end: int, lex: Lexicon, outlets: Outlets) -> str | None:
    """A site nobody knows that names itself outside the story: "Get the CNA app", "More from The
    Washington Post" (layout.toml's site_phrases); the name a masthead's, no section ("More from Politics")
    and no person ("More from Jo Ma")."""
    for para in paras:
        if top <= para.index < end and para.role is None or para.words > 12:
            continue
        for phrase in lex.site_phrases:
            match = phrase.search(para.text.strip())
            name = match["site"].strip() if match else ""
            if name and _is_masthead_like(name) and not _names_no_site(name, name.split(), lex, outlets):
                return name
    return None


SITE_NAME_LINKS = {"of", "the", "and", "&", "de", "la", "el", "al", "du", "der", "die"}   # "The Times of Israel"
MENU_LINES = 3      # a news site's menu: at least 3 of the 6 lines below its name are its sections


def _names_no_site(name: str, words: list[str], lex: Lexicon, outlets: Outlets) -> bool:
    """Section words only ("World News"), a person ("Jo Ma"), or a place ("Japan", "Sydney": a section)."""
    return all(bare_word(w) in lex.not_name_words for w in words) or bare_name(name, lex, outlets) \
        or identity_key(name) in places()


def _is_masthead_like(name: str) -> bool:
    """Words as a title's ("The Korea Herald", "DAWN.COM"), not a phrase ("Print subscriptions") or a slug."""
    words = name.split()
    return all(re.fullmatch(r"[A-Z0-9][\w'’.&-]*", w) or w.lower() in SITE_NAME_LINKS for w in words) \
        and any(len(re.sub(r"\W", "", w)) >= 3 for w in words)


def _opens_above_menu(paras: list[Para], para: Para, top: int, lex: Lexicon) -> bool:
    """The page's first line of text (after "Skip to content" and the like) above a news site's menu
    of sections ("News", "Opinion", "Business", "Sydney"; layout.toml's news_sections)."""
    if any(p.role is None for p in paras[:para.index]):
        return False
    below = paras[para.index + 1:min(top, para.index + 1 + 2 * MENU_LINES)]
    return sum(_is_section(p, lex) for p in below) >= MENU_LINES


def _is_section(para: Para, lex: Lexicon) -> bool:
    words = re.findall(r"[^\W_]+", para.text.lower())          # "Life&Culture": life, culture
    return para.role is None and 1 <= len(words) <= 2 and (
        all(w in lex.news_sections for w in words) or identity_key(para.text) in places())


def _without_domain(name: str) -> str:
    """A logo that shouts its domain names the site without it: "DAWN.COM" is DAWN."""
    return re.sub(r"(?i)\.[a-z]{2,3}(?:\.[a-z]{2})?$", "", name) if name.isupper() else name


# --- wire -----------------------------------------------------------------------------------------

def pick_wire(paras: list[Para], end: int, dateline_credit: str | None, publisher: str | None,
               headline: int | None, outlets: Outlets) -> str | None:
    """The agency credited for the story: the dateline's credit, a byline's agency ("Jo Ma, AP",
    "with AFP"), a credit line ("(Xinhua)", "Source: Reuters/fh", a wire's name under the headline),
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


# --- publication time -----------------------------------------------------------------------------
LABEL_RANK = {"first published": 0, "published": 1, None: 2, "updated": 3}


def publication(article: ParsedArticle, paras: list[Para], headline: int | None, lead: int | None, end: int,
                dateline_date: str | None, text: str, outlets: Outlets) -> datetimes.Instant | None:
    """The first-publication instant: a "first published" stamp, else a "published" one, else an
    unlabelled one, else (said by its label) an update; stamps in the article's header beat a site
    header's date. Without any, a dateline's date. Numeric dates are read in the outlet's order, a
    time without a zone in the zone of the article's publisher, wire or dateline city."""
    countries = zone_countries(article, outlets)
    candidates = _stamp_candidates(paras, headline, lead, end, countries)
    if dateline_date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dateline_date):   # a dated dateline is a header stamp
        day = dt.datetime.combine(dt.date.fromisoformat(dateline_date), dt.time())
        candidates.append(((LABEL_RANK[None], 0, True, -1, 0), datetimes.Stamp(day, None, "day")))
    stamp = min(candidates, key=lambda c: c[0])[1] if candidates else None
    if stamp is None and dateline_date:
        day = dt.date.fromisoformat(dateline_date) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", dateline_date) \
            else datetimes.dateline_day(dateline_date, text)
        stamp = datetimes.Stamp(dt.datetime.combine(day, dt.time()), None, "day") if day else None
    if stamp is None:
        return None
    return datetimes.settle(stamp, zone_fallbacks(article, outlets), tuple(countries))


def _stamp_candidates(paras: list[Para], headline: int | None, lead: int | None, end: int,
                      countries: list[str]) -> list[tuple[tuple, datetimes.Stamp]]:
    """Every stamp above the page's tail, in bylines and stamp lines, with its rank: its label, where
    it stands, a time before a bare day, the first printed first."""
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
    return candidates


def _zone_rank(index: int, headline: int | None, lead: int | None) -> int:
    """Stamps in the article's header first, then in the story and footer, then a site header's date."""
    if headline is not None and index < headline:
        return 2
    return 0 if lead is None or index < lead else 1


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
    place = known_city(article.dateline_city) if article.dateline_city else None
    if place is not None and place.country_code:
        countries.append(place.country_code)
    return countries


def _city_timezone(name: str) -> str | None:
    found = known_city(name)
    return found.timezone if found else None
