"""Candidate names in one body: the model's proposals cleaned, and names the model missed.

Cleaning follows the CoNLL/ACE convention for a name's extent: no leading article, title or role
word, no trailing common noun or number, no possessive, never across a line break, a comma or an
opening parenthesis, and a span with a number inside is two names ("Detroit 7 Chicago 4").
The model misses names in results lines and all-caps lines, administrative units ("Primorsky
Krai"), people introduced before ", who", and the lone surnames of people it found in full.
What each candidate is, is for flows/entities/evidence.py to vote on.
"""
from __future__ import annotations

from typing import NamedTuple

from flows.entities.gazetteer import Gazetteer, word_key
from flows.entities.lines import CONNECTORS, Body, Line, Token, line_at

# Lines whose names the model tends to miss or garble: results, tables, all-caps headings.
LINE_NAME_KINDS = {"score", "standings", "ranked", "pairs", "money", "table", "caps"}
RESULTS_LINE_KINDS = LINE_NAME_KINDS - {"caps"}
SPLITTERS = {"v", "vs", "v.", "-", "/"}        # "Ajax v PSV": two names
ARTICLES = {"the", "a", "an"}
MAX_NAME_TAIL = 2    # words a known person's name may run on past the model's span
MIN_SURNAME = 3      # letters: shorter words are initials or particles


class Candidate(NamedTuple):
    tokens: list[Token]
    label: str | None              # the model's label; None for a name found another way
    cue: tuple[str, str] | None = None   # (type, reason) the way it was found says


# --- cleaning a proposed span -----------------------------------------------------------------

def _owner(toks: list[Token], gaz: Gazetteer) -> bool:
    """Is this the owner in "Auckland's North Shore", "the North's Korean Central News Agency"
    rather than part of the name ("Moody's Investors Service")?"""
    words = " ".join(t.text for t in toks if t.cap)      # not a leading "the"
    return gaz.place_kind(words) is not None or word_key(words) in gaz.compass_words


def _split_run(toks: list[Token], gaz: Gazetteer) -> list[list[Token]]:
    """Split at numbers, at "v", and at punctuation that breaks a name (comma, parenthesis); a
    possessive before a capital breaks it only after a place."""
    groups, current = [], []
    for t in toks:
        if t.number or t.text in SPLITTERS:
            groups.append(current)
            current = []
            continue
        kept_possessive = current and current[-1].poss and t.cap and not _owner(current, gaz)
        if current and (t.open or current[-1].close and not kept_possessive):
            groups.append(current)
            current = []
        current.append(t)
    return [g for g in groups + [current] if g]


def _strip_titles(toks: list[Token], gaz: Gazetteer) -> list[Token]:
    """"President Bill Clinton" -> "Bill Clinton", "Foreign Minister X" -> "X"."""
    changed = True
    while changed and len(toks) > 1:
        changed = False
        for n in range(min(gaz.max_title_words, len(toks) - 1), 0, -1):
            if word_key(" ".join(t.text for t in toks[:n])).rstrip(".") in gaz.titles:
                toks, changed = toks[n:], True
                break
    return toks


def trim(toks: list[Token], gaz: Gazetteer, label: str | None) -> list[Token]:
    """Drop leading lower-case words, articles, titles and role words; trailing lower-case words."""
    while toks:
        t = toks[0]
        if t.cap and word_key(t.text) not in ARTICLES:
            break
        if t.text == "The" and not t.starts_sentence and len(toks) > 1 and toks[1].cap:
            break       # "at The Oval", "The New York Times" mid-sentence: part of the name
        toks = toks[1:]
    if len(toks) > 1 and toks[0].starts_sentence and word_key(toks[0].text) in gaz.sentence_openers:
        toks = toks[1:]     # "Multiple United Nations Security Council resolutions ..."
    if len(toks) > 2 and toks[0].starts_sentence and label == "PERSON" and word_key(toks[0].text) in gaz.person_roles:
        toks = toks[1:]     # "Wing Pieter Hendriks ..." at the start of a sentence
    if label in (None, "PERSON"):
        toks = _strip_titles(toks, gaz)
    while toks and (not toks[-1].cap or toks[-1].text in CONNECTORS):
        toks = toks[:-1]
    # an inner lower-case word other than a connector ends the name ("Xinhua news agency")
    for k, t in enumerate(toks):
        if not t.cap and t.text not in CONNECTORS and not t.number:
            toks = toks[:k]
            break
    while toks and (not toks[-1].cap or toks[-1].text in CONNECTORS or word_key(toks[-1].text) in ARTICLES):
        toks = toks[:-1]
    return toks


def _extend_person(line: Line, toks: list[Token]) -> list[Token]:
    """Take in an initial the model left before a person's name ("A. Mullally")."""
    i = line.tokens.index(toks[0])
    while i > 0 and line.tokens[i - 1].initial and not line.tokens[i - 1].close and not toks[0].open:
        toks = [line.tokens[i - 1]] + toks
        i -= 1
    return toks


def _complete_known_person(text: str, line: Line, toks: list[Token], gaz: Gazetteer) -> list[Token]:
    """Take in the last name the model left out of a person the data knows ("Yoon Suk| Yeol")."""
    i = line.tokens.index(toks[-1])
    for extra in range(1, MAX_NAME_TAIL + 1):
        tail = line.tokens[i + 1:i + 1 + extra]
        if len(tail) < extra or not tail[-1].cap or toks[-1].close or any(t.close for t in tail[:-1]):
            break
        known = gaz.known(text[toks[0].start:tail[-1].end])
        if known is not None and known.type == "PERSON":
            return toks + tail
    return toks


def bare_name(toks: list[Token], gaz: Gazetteer) -> bool:
    """Capitalised words with nothing of an organization, a place or an event about them."""
    words = [t.text for t in toks]
    name_parts = (gaz.org_suffixes, gaz.org_words, gaz.loc_suffixes, gaz.misc_suffixes)
    return all(t.cap for t in toks) and not any(w in part for w in words for part in name_parts) \
        and gaz.place_kind(" ".join(words)) is None


def _org_then_person(text: str, toks: list[Token], gaz: Gazetteer) -> int | None:
    """Where a person named after their organization starts: "the Korean People's Army Pak Jong
    Chon" (an organization the data knows, then two or more capitalised words)."""
    first = next((k for k, t in enumerate(toks) if t.cap), len(toks))
    for i in range(len(toks) - 2, first, -1):
        known = gaz.known(text[toks[first].start:toks[i - 1].end])
        if known is not None and known.type == "ORG" and bare_name(toks[i:], gaz):
            return i
    return None


def _pieces(body: Body, start: int, end: int, label: str, gaz: Gazetteer) -> list[tuple[list[Token], str]]:
    """The clean token runs of one proposed span, within its first line, with their labels."""
    line = line_at(body.lines, start)
    toks = [t for t in line.tokens if t.end > start and t.start < end]
    out = []
    for run in _split_run(toks, gaz):
        split = _org_then_person(body.text, run, gaz) if label == "ORG" else None
        parts = [(run, label)] if split is None else [(run[:split], "ORG"), (run[split:], "PERSON")]
        for part, part_label in parts:
            part = trim(part, gaz, part_label)
            if part:
                out.append((part, part_label))
    return out


# --- where candidates come from ---------------------------------------------------------------

def _overlaps(toks: list[Token], occupied: list[tuple[int, int]]) -> bool:
    return any(a < toks[-1].end and toks[0].start < b for a, b in occupied)


def _whole_run(line: Line, toks: list[Token], label: str, gaz: Gazetteer) -> list[Token]:
    """In a results line the model often proposes part of a name ("1. Per |Nyman| (Sweden)",
    "Widzew |Lodz| 2"): the name is the whole run of capitalised words around it."""
    if line.kind not in RESULTS_LINE_KINDS:
        return toks
    for i, j in line.runs:
        run = line.tokens[i:j]
        if run[0].start <= toks[0].start and toks[-1].end <= run[-1].end:
            k = 0
            while run[k].start < toks[0].start and word_key(run[k].text) in CONNECTORS | gaz.loc_context_before:
                k += 1      # "In Bergen: Brann (Norway) 2 ...": a capitalised preposition is no part of a name
            whole = trim(run[k:], gaz, "PERSON" if label == "PERSON" else None)   # "Economist Rina Wulandari"
            if whole and whole[0].start <= toks[0].start and toks[-1].end <= whole[-1].end \
                    and not any(word_key(t.text) in gaz.not_names for t in whole if t not in toks):
                return whole
            break
    return toks


def from_model(body: Body, spans, labels, gaz: Gazetteer) -> list[Candidate]:
    """The model's spans with one of `labels`, cleaned; two spans that clean to the same words
    give one candidate ("Paris-Berlin" holds two proposals and is one word)."""
    out, taken = [], set()
    for start, end, label in sorted(spans):
        if label not in labels:
            continue
        for toks, piece_label in _pieces(body, start, end, label, gaz):
            line = line_at(body.lines, toks[0].start)
            if line.kind == "furniture":
                continue
            if piece_label == "PERSON":
                toks = _complete_known_person(body.text, line, _extend_person(line, toks), gaz)
            toks = _whole_run(line, toks, piece_label, gaz)
            if taken.isdisjoint(t.start for t in toks):
                taken.update(t.start for t in toks)
                out.append(Candidate(toks, piece_label))
    return out


def from_lines(body: Body, occupied: list[tuple[int, int]], gaz: Gazetteer) -> list[Candidate]:
    """Names in results lines and all-caps lines that the model did not propose."""
    out = []
    for line in body.lines:
        if line.kind not in LINE_NAME_KINDS:
            continue
        for i, j in line.runs:
            toks = trim(line.tokens[i:j], gaz, None)
            if not toks or _overlaps(toks, occupied):
                continue
            text = body.text[toks[0].start:toks[-1].end]
            if word_key(text) in gaz.not_names or len(text) < 2:
                continue
            out.append(Candidate(toks, None))
            occupied.append((toks[0].start, toks[-1].end))
    return out


def from_place_names(body: Body, occupied: list[tuple[int, int]], gaz: Gazetteer) -> list[Candidate]:
    """Names of administrative units and natural features the model missed ("Primorsky Krai")."""
    out = []
    for line in body.lines:
        for i, j in line.runs:
            if j - i < 2 or line.tokens[j - 1].text not in gaz.admin_suffixes:
                continue
            toks = trim(line.tokens[i:j], gaz, None)
            if len(toks) >= 2 and toks[-1].text in gaz.admin_suffixes and not _overlaps(toks, occupied):
                out.append(Candidate(toks, None))
    return out


def from_relative_clauses(body: Body, occupied: list[tuple[int, int]], gaz: Gazetteer) -> list[Candidate]:
    """People the model missed, named before ", who": "Lucía Benítez, who won the event last year"."""
    out = []
    for line in body.lines:
        for i, j in line.runs:
            if j - i < 2 or j >= len(line.tokens) or line.tokens[j].text != "who" \
                    or not body.text.startswith(",", line.tokens[j - 1].end):
                continue
            toks = trim(line.tokens[i:j], gaz, None)
            if len(toks) < 2 or _overlaps(toks, occupied) or not bare_name(toks, gaz) \
                    or any(gaz.place_kind(t.text) for t in toks):
                continue        # "PSV Eindhoven, who": a club, named after its city
            out.append(Candidate(toks, None, ("PERSON", "Name, who")))
    return out


def _in_a_name(tokens: list[Token], i: int) -> bool:
    """Is the token one word of a longer capitalised name ("Webb Street")?"""
    before = i > 0 and tokens[i - 1].cap and not tokens[i - 1].close and not tokens[i - 1].starts_sentence \
        and not tokens[i].open
    after = i + 1 < len(tokens) and tokens[i + 1].cap and not tokens[i].close and not tokens[i + 1].open
    return before or after


def lone_surnames(body: Body, people: list[list[Token]], taken: set[int]) -> list[Candidate]:
    """The surnames of the article's people (their names' tokens) where the model missed them
    ("Webb says" after "Marcus Webb"); `taken` holds the starts of tokens already in a name."""
    surnames = {toks[-1].text for toks in people if len(toks) >= 2
                and len(toks[-1].text) >= MIN_SURNAME and not toks[-1].initial}
    out = []
    for line in body.lines if surnames else ():
        if line.kind == "furniture":
            continue
        for i, t in enumerate(line.tokens):
            if t.text in surnames and t.start not in taken and not _in_a_name(line.tokens, i):
                out.append(Candidate([t], None))
    return out
