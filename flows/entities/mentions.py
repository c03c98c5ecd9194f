"""Entity mentions in article bodies, from the model's proposals.

`article_mentions` turns the model's proposals for one body into mentions: the candidate names of
flows/entities/candidates.py, each with the votes of flows/entities/evidence.py for its type and
the type they add up to. `propagate` finds again, in every body of a batch, the multi-word names
found in one of them. Identities come after, in flows/entities/identity.py.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from flows.entities import candidates, evidence
from flows.entities.gazetteer import Gazetteer, Known
from flows.entities.lines import Body, Line, Token, line_at, read_body

ENTITY_TYPES = ("PERSON", "ORG", "LOC")
MISC = "MISC"
NAME_PREFIX = 3        # a multi-word name has at least three characters ("A B")
# An organisation's acronym found in one article ("the FNV union") is found again in the others.
ACRONYM = re.compile(r"[A-Z]{3,6}")


@dataclass
class Mention:
    start: int                     # offsets into the body; the surface form is body[start:end]
    end: int
    name: str                      # the name alone: no honorific, title, leading article or possessive
    type: str | None = None        # PERSON, ORG, LOC, MISC; NONE or None for what is no name at all
    known: Known | None = None     # what the data says this name is
    honorific: bool = False        # "Mr. Kim": the surface form starts with the honorific
    ref: str | None = None         # full name this short mention refers to, within its article
    canonical: str | None = None   # set by canonicalize
    tokens: list[Token] = field(default_factory=list, repr=False)
    line: Line | None = field(default=None, repr=False)
    label: str | None = None       # the model's label; None for a name found another way
    votes: Counter = field(default_factory=Counter, repr=False)
    reasons: list[tuple[str, str, float]] = field(default_factory=list, repr=False)

    def vote(self, type_: str, weight: float, reason: str) -> None:
        self.votes[type_] += weight
        self.reasons.append((reason, type_, weight))

    @property
    def words(self) -> list[str]:
        return [t.text for t in self.tokens] if self.tokens else self.name.split()


def _mention(body: Body, candidate: candidates.Candidate, gaz: Gazetteer) -> Mention:
    """A candidate with what the data says of it, its honorific, its votes and its type."""
    toks = candidate.tokens
    start, end = toks[0].start, toks[-1].end
    m = Mention(start, end, body.text[start:end], tokens=toks, line=line_at(body.lines, start),
                label=candidate.label)
    if evidence.MODEL_VOTE.get(m.label) != MISC:    # "Sun" as a proposal of a work of art is not the newspaper The Sun
        m.known = gaz.known(m.name)
    honorific = gaz.honorific_before.search(body.text, max(0, start - 8), start)
    if honorific is not None:                        # "Mr. Kim": in the surface form, never in the name
        m.start, m.honorific = honorific.start(), True
    if candidate.cue is not None:
        type_, reason = candidate.cue
        m.vote(type_, evidence.W_MODEL, reason)
    evidence.vote(m, body, gaz)
    m.type = evidence.best(m.votes)
    return m


def article_mentions(text: str, spans, gaz: Gazetteer, body: Body | None = None) -> list[Mention]:
    """Mentions for one body from the model's (start, end, label) proposals, each with the votes
    for its type and the type they add up to (NONE or None: not a name). `body` is the text read
    by read_body, when the caller has it already."""
    body = body or read_body(text, gaz)
    found = candidates.from_model(body, spans, evidence.MODEL_VOTE, gaz)
    occupied = [(c.tokens[0].start, c.tokens[-1].end) for c in found]
    for source in (candidates.from_lines, candidates.from_place_names, candidates.from_relative_clauses):
        more = source(body, occupied, gaz)
        occupied += [(c.tokens[0].start, c.tokens[-1].end) for c in more]
        found += more
    mentions = [_mention(body, c, gaz) for c in found]
    people = [m.tokens for m in mentions if m.type == "PERSON"]
    taken = {t.start for m in mentions for t in m.tokens}
    mentions += [_mention(body, c, gaz) for c in candidates.lone_surnames(body, people, taken)]
    return without_overlaps(mentions)


def without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """The mentions in order, none overlapping another: where an honorific reaches back over a
    lone "Dr." the model proposed ("Dr. Oetker Gelatine"), the longer mention stays."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if kept and m.start < kept[-1].end:
            if m.end - m.start <= kept[-1].end - kept[-1].start:
                continue
            kept.pop()
        kept.append(m)
    return kept


# --- across a batch ---------------------------------------------------------------------------

class _NameFinder:
    r"""Find any of many names in a text, as the regex `(?<![\w'-])(?:longest|...|shortest)(?![\w-])`
    would, without its cost: Python's regex engine tries every name of an alternation in turn,
    so a batch's thousands of names made that regex quadratic in the batch size."""

    def __init__(self, names: list[str]):
        self.by_prefix: dict[str, list[str]] = defaultdict(list)
        for name in sorted(names, key=len, reverse=True):
            self.by_prefix[name[:NAME_PREFIX]].append(name)
        first_chars = "".join(sorted({re.escape(name[0]) for name in names}))
        self.starts = re.compile(rf"(?<![\w'-])[{first_chars}]") if names else None

    def finditer(self, text: str):
        """(start, end, name) of each leftmost, longest, non-overlapping occurrence."""
        resume = 0
        for start in (m.start() for m in self.starts.finditer(text)) if self.starts else ():
            if start < resume:
                continue
            for name in self.by_prefix.get(text[start:start + NAME_PREFIX], ()):
                end = start + len(name)
                if text.startswith(name, start) and not (end < len(text) and _is_name_char(text[end])):
                    yield start, end, name
                    resume = end
                    break


def _is_name_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def propagate(articles: list[tuple[str, list[Mention]]], gaz: Gazetteer, bodies: list[Body] | None = None) -> None:
    """Find again, in every body, the multi-word names found in some body of the batch.

    The model misses a name in one article that it finds in another ("the Baikonur Cosmodrome,
    a Russian spaceport"); an exact, case-sensitive match of a multi-word name, or of an
    organisation's acronym of three letters or more, is safe to add.
    It votes as a model proposal would, for the type the name has across the batch.
    """
    types: dict[str, Counter] = defaultdict(Counter)
    for _, mentions in articles:
        for m in mentions:
            if m.type in ENTITY_TYPES and (len(m.tokens) >= 2 or m.type == "ORG" and ACRONYM.fullmatch(m.name)):
                types[m.name][m.type] += 1
    if not types:
        return
    finder = _NameFinder(list(types))
    for number, (text, mentions) in enumerate(articles):
        taken = [(m.start, m.end) for m in mentions]
        hits = [hit for hit in finder.finditer(text) if not any(s < hit[1] and hit[0] < e for s, e in taken)]
        if not hits:
            continue
        body = bodies[number] if bodies else read_body(text, gaz)
        for start, end, name in hits:
            line = line_at(body.lines, start)
            toks = [t for t in line.tokens if start <= t.start and t.end <= end]
            if toks and line.kind != "furniture":
                cue = (types[name].most_common(1)[0][0], evidence.BATCH)
                mentions.append(_mention(body, candidates.Candidate(toks, None, cue), gaz))
        mentions[:] = without_overlaps(mentions)
