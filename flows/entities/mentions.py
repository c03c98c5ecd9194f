"""Entity mentions in article bodies, from the model's proposals.

`article_mentions` turns the model's proposals for one body into clean mentions: names without
honorifics, leading words or possessives, debris dropped, types fixed from data and from the
words around the name. `propagate` finds again, in every body of a batch, the multi-word names
the model found in one of them. Identities come after, in flows/entities/identity.py.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from flows.entities.gazetteer import Gazetteer, Known
from flows.parse.text import fold

MODEL_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
               "NORP": "NORP", "EVENT": "MISC", "LAW": "MISC", "WORK_OF_ART": "MISC"}
NAME_PARTICLES = {"de", "da", "del", "di", "van", "von", "der", "den", "bin", "al", "el", "la", "le", "du", "ibn"}
STOP_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "over",
              "set", "the", "to", "with", "amid", "after", "before", "says", "said", "meet", "meets"}
POSSESSIVE = re.compile(r"(?:'s|'|s')$")
PUNCTUATION = " \t\n.,;:!?\"()[]{}-/|"
COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
           "northern", "southern", "eastern", "western"}
ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$")     # "U.N.", "U.S." keep their last period
NAME_PREFIX = 3        # a multi-word name has at least three characters ("A B")


@dataclass
class Mention:
    start: int                     # offsets into the body; the surface form is body[start:end]
    end: int
    name: str                      # the name alone: no honorific, leading article or possessive
    type: str                      # PERSON, ORG, LOC, MISC
    known: Known | None = None     # what the data says this name is
    cue: str | None = None         # type evidence from the words around it
    honorific: bool = False
    ref: str | None = None         # full name this short mention refers to, within its article
    canonical: str | None = None   # set by canonicalize

    @property
    def tokens(self) -> list[str]:
        return self.name.split()


# --- one article -----------------------------------------------------------------------------

def _words_pattern(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class _Rules:
    """The gazetteer's word lists compiled once."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        w = gaz.word_list
        self.leading = {x.lower() for x in w("leading_words")}
        self.debris = {fold(x).casefold() for x in w("debris")}
        self.org_words = set(w("org_words"))
        self.hyphen_suffix = re.compile(rf"-(?:{_words_pattern(w('hyphen_suffixes'))})$", re.IGNORECASE)
        self.honorific = re.compile(rf"(?:^|(?<=\W))(?:{_words_pattern(w('honorifics'))})\.?\s+$")
        self.place_cue = re.compile(rf"(?:^|\W)(?:{_words_pattern(w('place_cues'))})\s+$", re.IGNORECASE)
        self.admin_after = re.compile(rf"^\s+(?:{_words_pattern([s.lower() for s in w('admin_suffixes')])})\b")
        self.facility_after = re.compile(rf"^\s+(?:{_words_pattern(w('facility_words'))})\b", re.IGNORECASE)
        self.role_after = re.compile(
            rf"^\s*,\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){{0,2}}?(?:{_words_pattern(w('person_roles'))})\b",
            re.IGNORECASE)
        self.admin_name = re.compile(
            rf"\b[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){{0,2}}\s+(?:{_words_pattern(w('admin_suffixes'))})\b")
        acronyms = gaz.acronyms()
        self.acronym = re.compile(rf"(?<![\w.])(?:{_words_pattern(list(acronyms))})(?![\w])") if acronyms else None


def _extend(body: str, start: int, end: int, label: str, rules: _Rules) -> int:
    """Take in what the tokenizer cut off: "Yoon Suk|-yeol", or a known person's last name."""
    rest = re.match(r"-[^\W\d_]+", body[end:end + 30])
    if rest and not rules.hyphen_suffix.match(rest.group()):
        return end + rest.end()
    nxt = re.match(r" ([A-Z][\w-]+)", body[end:end + 30])
    if label == "PERSON" and nxt:
        known = rules.gaz.known(body[start:end + nxt.end()])
        if known is not None and known.type == "PERSON":
            return end + nxt.end()
    return end


def _trim(body: str, start: int, end: int, rules: _Rules) -> tuple[int, int]:
    """Drop leading words ("the", "Multiple"), possessives, adjective suffixes ("-based"), trailing
    common nouns ("village") and stray punctuation from a span, until nothing more comes off."""
    while True:
        before = (start, end)
        while start < end and body[start] in PUNCTUATION:
            start += 1
        while end > start and body[end - 1] in PUNCTUATION and not ABBREVIATION_END.search(body[start:end]):
            end -= 1
        first = re.match(r"[\w'-]+\s+", body[start:end])
        if first and first.group().strip().lower() in rules.leading:
            start += first.end()
        possessive = POSSESSIVE.search(fold(body[start:end]))
        if possessive and end - start > 3:
            end -= len(possessive.group())
        suffix = rules.hyphen_suffix.search(body[start:end])
        if suffix:
            end = start + suffix.start()
        last = re.search(r"\s+([\w'-]+)$", body[start:end])
        if last and last.group(1).islower() and last.group(1) not in NAME_PARTICLES:
            end = start + last.start()
        if (start, end) == before:
            return start, end


def _split_inner_possessive(body: str, start: int, end: int, rules: _Rules) -> int:
    """"the North's Korean Central News Agency" -> start at "Korean Central News Agency"."""
    folded = fold(body[start:end])
    cut = folded.rfind("'s ")
    if cut <= 0 or not folded[cut + 3:cut + 4].isupper():
        return start
    before = folded[:cut].split()
    return start + cut + 3 if len(before) <= 1 or rules.gaz.place(folded[:cut]) else start


def _looks_like_name(tokens: list[str]) -> bool:
    return all(t[:1].isupper() or t.lower() in NAME_PARTICLES for t in tokens)


def _org_person_split(body: str, start: int, end: int, rules: _Rules) -> list[tuple[int, int, str]]:
    """"Korean People's Army Pak Jong Chon": an organization, then a person named after it."""
    tokens = list(re.finditer(r"\S+", body[start:end]))
    for i in range(len(tokens) - 3, -1, -1):
        if tokens[i].group() in rules.org_words and _looks_like_name([t.group() for t in tokens[i + 1:]]):
            return [(start, start + tokens[i].end(), "ORG"), (start + tokens[i + 1].start(), end, "PERSON")]
    return [(start, end, "ORG")]


def _is_debris(name: str, label: str, rules: _Rules) -> bool:
    """Not a name at all, or a headline fragment the model took for a person ("Putin Set for Summit")."""
    tokens = name.split()
    return (len(name) < 2 or not name[:1].isupper() and not name[:1].isdigit()
            or not any(ch.isalpha() for ch in name) or fold(name).casefold() in rules.debris
            or set(re.split(r"[\s-]+", name.casefold())) <= COMPASS
            or (label == "PERSON" and len(tokens) > 1 and any(t.lower() in STOP_WORDS for t in tokens[1:])
                and not rules.gaz.known(name)))


def _build(body: str, start: int, end: int, label: str, rules: _Rules) -> Mention | None:
    name = body[start:end]
    if _is_debris(name, label, rules):
        return None
    mention = Mention(start, end, name, label)
    honorific = rules.honorific.search(body[max(0, start - 8):start])
    if honorific:
        mention.start, mention.honorific, mention.type = start - len(honorific.group()), True, "PERSON"
    mention.known = rules.gaz.known(name) or (rules.gaz.place(name) if label == "LOC" else None)
    after, before = body[end:end + 40], body[max(0, start - 30):start]
    if rules.admin_after.match(after) or rules.place_cue.search(before):
        mention.cue = "LOC"
    elif rules.facility_after.match(after):      # "Vostochny spaceport": a place
        mention.cue = "LOC"
    elif rules.role_after.match(after) and not set(mention.tokens) & rules.org_words:
        mention.cue = "PERSON"
    if mention.known is not None and (mention.known.type != "LOC" or label == "LOC" or not honorific):
        mention.type = mention.known.type
    elif mention.type == "NORP":
        return None
    elif mention.cue and not honorific:
        mention.type = mention.cue
    return mention


def _proposals(body: str, spans, rules: _Rules) -> list[tuple[int, int, str]]:
    """The model's spans, plus names it tends to miss: admin units and known acronyms."""
    taken = [(s, e) for s, e, _ in spans]
    extra = []
    patterns = [(rules.admin_name, "LOC")] + ([(rules.acronym, None)] if rules.acronym else [])
    for pattern, label in patterns:
        for match in pattern.finditer(body):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                known = rules.gaz.known(match.group())
                extra.append((match.start(), match.end(), label or (known.type if known else "ORG")))
                taken.append((match.start(), match.end()))
    return [(s, e, MODEL_TYPES.get(label, label)) for s, e, label in spans if label in MODEL_TYPES] + \
        [(s, e, label) for s, e, label in extra]


def article_mentions(body: str, spans, gaz: Gazetteer) -> list[Mention]:
    """Clean mentions for one body from the model's (start, end, label) proposals."""
    rules = _rules(gaz)
    mentions = []
    for start, end, label in sorted(_proposals(body, spans, rules)):
        start, end = _trim(body, start, _extend(body, start, end, label, rules), rules)
        start = _split_inner_possessive(body, start, end, rules)
        pieces = _org_person_split(body, start, end, rules) if label == "ORG" else [(start, end, label)]
        for s, e, piece_label in pieces:
            mention = _build(body, s, e, piece_label, rules)
            if mention is not None:
                mentions.append(mention)
    return mentions


_RULES: dict[int, _Rules] = {}


def _rules(gaz: Gazetteer) -> _Rules:
    if id(gaz) not in _RULES:
        _RULES[id(gaz)] = _Rules(gaz)
    return _RULES[id(gaz)]


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


def propagate(articles: list[tuple[str, list[Mention]]], gaz: Gazetteer) -> None:
    """Find again, in every body, the multi-word names the model found in some body of the batch.

    The model misses a name in one article that it finds in another ("the Vostochny Cosmodrome,
    a Russian spaceport"); an exact, case-sensitive match of a multi-word name is safe to add.
    """
    types: dict[str, Counter] = defaultdict(Counter)
    for _, mentions in articles:
        for m in mentions:
            if len(m.tokens) >= 2 and m.type in ("PERSON", "ORG", "LOC"):
                types[m.name][m.type] += 1
    if not types:
        return
    finder = _NameFinder(list(types))
    rules = _rules(gaz)
    for body, mentions in articles:
        taken = [(m.start, m.end) for m in mentions]
        for start, end, name in finder.finditer(body):
            if any(s < end and start < e for s, e in taken):
                continue
            mention = _build(body, start, end, types[name].most_common(1)[0][0], rules)
            if mention is not None:
                mentions.append(mention)
        mentions.sort(key=lambda m: m.start)
