"""Direct quotations in an article body, each with the entity that spoke it.

A quotation is text between double quotation marks (straight or curly; a paragraph that opens a
quote and does not close it quotes to its end) or between British single marks, told apart from
apostrophes by where they stand. Its speaker comes from the reporting verb of its sentence:
- the name before the verb ("Kim said his trip is a “clear manifestation”", "“…,” Walsh told reporters"),
  an appositive included ("one venue owner, Ciarán Walsh, told me");
- the name after a verb that can come first ("“…,” said crane driver Peter de Vries");
- for "he"/"she", the person the previous sentence is about, else the last person quoted;
- for "arguing that …", "saying …", the sentence's subject;
- for a description, the person it describes: "the housing minister" is the person the article
  introduces as minister, or names as the next speaker; "an official", "a House GOP aide", "the
  head of X", "the Bench" are nobody the article names, so the quotation has no speaker;
- for "the ministry said", the last ministry the article named.
A quotation that goes on after its attribution ("“…,” he said, “…”) keeps the speaker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from flows.entities.gazetteer import Gazetteer, load_gazetteer
from flows.entities.mentions import Mention
from flows.parse.text import fold

MIN_QUOTE_WORDS = 2
SUBJECT_WINDOW_WORDS = 15
NAME_AFTER_VERB_WORDS = 4      # "said crane driver Peter de Vries": the name starts within these
PRONOUN_BEFORE_VERB_WORDS = 3  # "he later told reporters"
# A period after these does not end a sentence.
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col",
                 "adm", "sgt", "capt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                 "oct", "nov", "dec", "no", "vs", "inc", "corp", "co", "ltd", "u.s", "u.n", "u.k", "e.u"}
SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+")
DOUBLE_MARK = re.compile('"')
# British single marks: an opening one starts a word, a closing one ends it; "Kew's" and "don't"
# have their apostrophe inside a word, so neither.
SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[-]))'(?=[^\s'])")
SINGLE_CLOSE = re.compile(r"(?<=[^\s'])'(?=$|[\s.,;:!?)\]-])")
POSSESSIVE_AFTER = re.compile(r"'s?\b")
PRONOUN = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
INDEFINITE = {"a", "an", "one", "another", "two", "three", "several", "some"}
# A quote left open at a paragraph's end runs on when the next paragraph reopens it (the usual
# convention) or closes it within this many paragraphs.
MAX_CONTINUED_PARAGRAPHS = 3


@dataclass
class Quote:
    start: int                 # offsets of the quoted text (inside the marks) in the body
    end: int
    text: str
    speaker: Mention | None


class _Unnamed:
    """The speaker is someone the article does not name ("an official said")."""


UNNAMED = _Unnamed()


class _Words:
    """The quotation word lists of entities.toml as patterns."""

    def __init__(self, gaz: Gazetteer):
        def alternation(key: str) -> str:
            return "|".join(re.escape(w) for w in sorted(gaz.word_list(key), key=len, reverse=True))

        verbs = alternation("reporting_verbs")
        self.verb = re.compile(rf"\b(?:was quoted(?: by [^\"]{{1,60}}?)? as saying|were quoted(?: by [^\"]{{1,60}}?)? "
                               rf"as saying|{verbs}|{alternation('reporting_participles')})\b")
        self.participles = set(gaz.word_list("reporting_participles"))
        self.verbs_before_speaker = set(gaz.word_list("verbs_before_speaker"))
        self.quoted_as = re.compile(r"\bquoted\s+(?P<who>[^\"]{1,80}?)\s+as saying\b")
        self.according_to = re.compile(r"\baccording to\b")
        self.org_noun = re.compile(rf"\bthe\s+(?:[\w-]+\s+){{0,2}}?({alternation('speaking_org_nouns')})\s*$",
                                   re.IGNORECASE)
        # Before the verb, "A House GOP aide", "the head of the Brotherhood of ...", "a man in his
        # 70s", "the Bench", ", deputy foreign minister": a determiner (or a clause's start), up to
        # four words, a role or group noun, perhaps "of ..." or an aside, perhaps "also".
        # After it, "said a spokeswoman for one of the insurers".
        nouns = alternation("speaker_roles") + "|" + alternation("unnamed_groups")
        determiners = "|".join(sorted(INDEFINITE | {"the"}))
        self.description = re.compile(
            rf"(?:\b(?P<det>{determiners})\s+|(?:^|,)\s*)(?:[\w'.-]+\s+){{0,4}}?"
            rf"(?P<noun>{nouns})\b(?P<rest>(?:\s+(?:of|for|at|with|from|in|on)\s+[^,;]*?)?(?:\s*,[^,]*,)?)"
            rf"(?:\s+(?:also|later|then|again|earlier|\w+ly))?\s*$", re.IGNORECASE)
        self.description_after = re.compile(
            rf"\s*(?P<det>{determiners})\s+(?:[\w'.-]+\s+){{0,3}}?"
            rf"(?P<noun>{nouns})\b(?P<rest>\s+(?:of|for|at|with|from|in|on)\b)?", re.IGNORECASE)
        self.groups = {w.casefold() for w in gaz.word_list("unnamed_groups")}


@lru_cache(maxsize=2)
def _words(gaz: Gazetteer) -> _Words:
    return _Words(gaz)


# --- quotation marks --------------------------------------------------------------------------

def _runs_on(paras: list[tuple[int, list[int], int]], i: int) -> bool:
    """Does a quote left open in paragraph i run on? Only if a paragraph soon reopens or closes it."""
    for start, marks, _ in paras[i + 1:i + 1 + MAX_CONTINUED_PARAGRAPHS]:
        if marks:
            return marks[0] == start or len(marks) % 2 == 1
    return False


def _double_spans(folded: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of double quotes.

    Marks pair up within a paragraph. A quote left open at a paragraph's end runs on into the
    next paragraphs when one of them soon reopens it (the usual convention) or closes it;
    otherwise it ends with its paragraph.
    """
    paras = [(m.start(), [q.start() for q in DOUBLE_MARK.finditer(folded, m.start(), m.end())], m.end())
             for m in re.finditer(r"[^\n]+", folded)]
    spans, open_at = [], None
    for i, (start, marks, end) in enumerate(paras):
        if open_at is not None:
            if marks and marks[0] == start:           # reopened: drop the mark, the quote goes on
                marks = marks[1:]
            if marks:                                 # the next mark closes it
                spans.append((open_at, marks[0]))
                marks, open_at = marks[1:], None
        spans += [(a + 1, b) for a, b in zip(marks[0::2], marks[1::2])]
        if len(marks) % 2 and open_at is None:
            open_at = marks[-1] + 1
        if open_at is not None and not _runs_on(paras, i):
            spans.append((open_at, end))
            open_at = None
    return spans


def _single_spans(folded: str, double: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) inside each pair of single marks, within a paragraph, outside double quotes
    (where they are quotes within the quote)."""
    inside = [False] * (len(folded) + 1)
    for start, end in double:
        inside[start:end] = [True] * (end - start)
    spans = []
    for para in re.finditer(r"[^\n]+", folded):
        opens = [m.start() for m in SINGLE_OPEN.finditer(folded, para.start(), para.end()) if not inside[m.start()]]
        closes = [m.start() for m in SINGLE_CLOSE.finditer(folded, para.start(), para.end()) if not inside[m.start()]]
        at = 0
        for start in opens:
            if spans and spans[-1][1] >= start:
                continue
            end = next((c for c in closes[at:] if c > start), None)
            if end is None:
                break
            spans.append((start + 1, end))
            at = closes.index(end) + 1
    return spans


def quote_spans(folded: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation's text, in order; a trailing comma stays ("This is not charity,")."""
    double = _double_spans(folded)
    out = []
    for start, end in sorted(double + _single_spans(folded, double)):
        while end > start and folded[end - 1].isspace():
            end -= 1
        if len(folded[start:end].split()) >= MIN_QUOTE_WORDS:
            out.append((start, end))
    return out


def _masked(folded: str, spans: list[tuple[int, int]]) -> str:
    """The text with quoted words blanked out, so verbs inside quotes are not reporting verbs."""
    chars = list(folded)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _sentence_bounds(masked: str, pos: int) -> tuple[int, int]:
    start, end = masked.rfind("\n", 0, pos) + 1, masked.find("\n", pos)
    end = len(masked) if end < 0 else end
    for match in SENTENCE_END.finditer(masked, start, end):
        word = re.search(r"(\S+)$", masked[start:match.start()])
        if word and (word.group(1).lower().rstrip(".") in ABBREVIATIONS or re.fullmatch(r"[A-Z]", word.group(1))):
            continue
        if match.end() <= pos:
            start = match.end()
        elif match.start() >= pos:
            return start, match.start() + 1
    return start, end


# --- speakers ---------------------------------------------------------------------------------

def _person_or_org_before(mentions: list[Mention], pos: int, floor: int, text: str) -> Mention | None:
    """The subject of a verb at `pos`: the nearest person (else organization) before it.

    A name followed by a single comma before the verb opens the sentence ("On the status of
    Roknabadi, the minister said") and is not its subject, unless a comma also comes before it
    (an appositive: "one venue owner, Ciarán Walsh, told me"). A name in the possessive
    ("Yoon's office said") is not the subject either.
    """
    def subject_like(m: Mention) -> bool:
        between = text[m.end:pos]
        appositive = text[:m.start].rstrip().endswith(",")
        return (len(between.split()) <= SUBJECT_WINDOW_WORDS and (between.count(",") != 1 or appositive)
                and not POSSESSIVE_AFTER.match(text, m.end))

    window = [m for m in mentions if floor <= m.start and m.end <= pos and m.type in ("PERSON", "ORG")
              and subject_like(m)]
    people = [m for m in window if m.type == "PERSON"]
    return (people or window or [None])[-1]


def _named_in(description: re.Match, floor: int, named: Mention | None) -> bool:
    """Is the subject the name in or after the description ("one venue owner, Ciarán Walsh,")
    rather than the description itself? Without a determiner (", deputy foreign minister said")
    any name before it is ("Pak Thae Song, chairman of X, said")."""
    if description.group("det") is None:
        return named is not None
    return named is not None and named.type == "PERSON" and named.start >= floor + description.end("noun")


def _mention_starting_in(mentions: list[Mention], start: int, end: int) -> Mention | None:
    inside = [m for m in mentions if start <= m.start < end and m.type in ("PERSON", "ORG")]
    return next((m for m in inside if m.type == "PERSON"), inside[0] if inside else None)


class _Speakers:
    """Who said what, read from one body's reporting verbs."""

    def __init__(self, body: str, mentions: list[Mention], quotes: list[tuple[int, int]], words: _Words):
        self.words = words
        self.masked = _masked(fold(body), quotes)
        # Names inside quotations are never the speaker of one.
        self.mentions = sorted((m for m in mentions if self.masked[m.start:m.end].strip()), key=lambda m: m.start)
        self.verbs = list(words.verb.finditer(self.masked))
        self.events: list[tuple[int, Mention]] = []   # (position, person) of every attribution

    def subject(self, verb: re.Match) -> Mention | None:
        """The person named as the subject of a reporting verb, if any (for the speaker index)."""
        floor, _ = _sentence_bounds(self.masked, verb.start())
        subject = _person_or_org_before(self.mentions, verb.start(), floor, self.masked)
        return subject if subject is not None and subject.type == "PERSON" else None

    def by_verb(self, verb: re.Match, floor: int, ceiling: int) -> Mention | _Unnamed | None:
        """The speaker of one reporting verb: its subject, or who follows a verb that can come first."""
        if verb.group() in self.words.participles:      # "..., arguing that": the sentence's subject
            return self.sentence_subject(floor, verb.start(), possessive=True)
        speaker = self.subject_before(verb.start(), floor)
        if speaker is None and verb.group() in self.words.verbs_before_speaker:
            speaker = self.subject_after(verb.end(), ceiling)
        return speaker

    def subject_before(self, pos: int, floor: int) -> Mention | _Unnamed | None:
        """Who "he said", "the minister said", "Kim said", "the ministry said" mean."""
        before = self.masked[floor:pos]
        named = _person_or_org_before(self.mentions, pos, floor, self.masked)
        pronoun = list(PRONOUN.finditer(before))
        if pronoun and (named is None or named.end <= floor + pronoun[-1].start()) \
                and len(before[pronoun[-1].end():].split()) <= PRONOUN_BEFORE_VERB_WORDS:
            return self.sentence_subject(floor, floor + pronoun[-1].start()) or self.last_person(pos)
        described = self.words.description.search(before)
        if described and not _named_in(described, floor, named):
            return self.described(described, floor + described.start(), pos)
        if named is None and (noun := self.words.org_noun.search(before)):
            return next((m for m in reversed(self.mentions) if m.end <= pos and m.type == "ORG"
                         and noun.group(1).casefold() in m.name.casefold()), None)
        return named

    def subject_after(self, start: int, ceiling: int) -> Mention | _Unnamed | None:
        """Who follows the verb: "said crane driver Peter de Vries", "said a spokeswoman for ..."."""
        window = re.match(rf"\s*(?:\S+(?:\s+|$)){{0,{NAME_AFTER_VERB_WORDS}}}", self.masked[start:ceiling])
        named = _mention_starting_in(self.mentions, start, start + (window.end() if window else 0))
        if named is not None:
            return named
        described = self.words.description_after.match(self.masked, start, ceiling)
        return self.described(described, start, start) if described else None

    def described(self, description: re.Match, start: int, verb_at: int) -> Mention | _Unnamed:
        """Whom "the housing minister" means: the person the article introduces with that role,
        else the person it quoted last, else the one it names as the next speaker. An indefinite
        description, a group, or a role in a named body ("the head of X") names nobody."""
        noun = description.group("noun").casefold()
        if (description.group("det") or "").casefold() in INDEFINITE or noun in self.words.groups:
            return UNNAMED
        introduced = [m for m in self.mentions if m.type == "PERSON" and self._introduced_as(m, noun)]
        earlier = [m for m in introduced if m.end <= start]
        if earlier or introduced:
            return (earlier or introduced)[-1 if earlier else 0]
        if description.group("rest").strip():
            return UNNAMED
        return self.last_speaker(start) or self.next_speaker(verb_at) or UNNAMED

    def _introduced_as(self, m: Mention, noun: str) -> bool:
        """Is the role word just before the name ("Transport Minister Rebecca Lyons") or in the
        aside just after it ("Matthew Miller, a spokesperson at ...")?"""
        before = self.masked[max(0, m.start - 40):m.start].casefold().split()[-4:]
        after = re.match(r",\s+(?:[\w'.-]+\s+){0,4}?([\w'-]+)", self.masked[m.end:m.end + 80])
        return noun in before or (after is not None and after.group(1).casefold() == noun)

    def next_speaker(self, pos: int) -> Mention | None:
        """The person named as the subject of the next sentence's reporting verb."""
        _, end = _sentence_bounds(self.masked, pos)
        next_start = end + 1
        _, next_end = _sentence_bounds(self.masked, min(next_start + 1, len(self.masked) - 1))
        verb = next((v for v in self.verbs if next_start <= v.start() < next_end), None)
        return self.subject(verb) if verb is not None else None

    def sentence_subject(self, start: int, end: int, possessive: bool = False) -> Mention | None:
        """The first person named between start and end, not in the possessive unless allowed
        ("Yoon's plea ..., saying that")."""
        return next((m for m in self.mentions if start <= m.start and m.end <= end and m.type == "PERSON"
                     and (possessive or not POSSESSIVE_AFTER.match(self.masked, m.end))), None)

    def last_speaker(self, pos: int) -> Mention | None:
        earlier = [m for p, m in self.events if p < pos and m.type == "PERSON"]
        return earlier[-1] if earlier else None

    def last_person(self, pos: int) -> Mention | None:
        """Whom "he" or "she" means: the subject of the previous sentence, else the last speaker."""
        start, _ = _sentence_bounds(self.masked, pos)
        previous_start, _ = _sentence_bounds(self.masked, max(start - 2, 0))
        subject = self.sentence_subject(previous_start, start) if start > 0 else None
        return subject or self.last_speaker(pos)

    def record(self, pos: int, speaker: Mention | None) -> None:
        if isinstance(speaker, Mention):
            self.events.append((pos, speaker))

    def quoted_as(self, lo: int, hi: int, after: int = -1) -> Mention | None:
        """The name in "quoted X as saying" between lo and hi, if that phrase ends after `after`."""
        quoted = self.words.quoted_as.search(self.masked, lo, hi)
        if quoted is None or quoted.end() < after:
            return None
        return _mention_starting_in(self.mentions, quoted.start("who"), quoted.end("who"))

    def for_quote(self, start: int, end: int) -> Mention | _Unnamed | None:
        """The speaker from the verbs before the quote in its sentence, else after it."""
        s_start, s_end = _sentence_bounds(self.masked, start)
        _, q_end = _sentence_bounds(self.masked, max(end - 1, start))
        left = [v for v in self.verbs if s_start <= v.start() and v.end() <= start]
        who = self.quoted_as(s_start, start, after=left[-1].end() if left else -1)
        if who is not None:
            return who
        if left:
            speaker = self.by_verb(left[-1], s_start, start)
            if speaker is not None:
                return speaker
        right_end = max(q_end, s_end)
        who = self.quoted_as(end, right_end)
        if who is not None:
            return who
        right = next((v for v in self.verbs if end <= v.start() and v.end() <= right_end), None)
        if right:
            speaker = self.by_verb(right, end, right_end)
            if speaker is not None:
                return speaker
        according = self.words.according_to.search(self.masked, end, right_end)
        if according:
            return _mention_starting_in(self.mentions, according.end(), right_end)
        return None


def find_quotes(body: str, mentions: list[Mention], gaz: Gazetteer | None = None) -> list[Quote]:
    """Every quotation in the body, in order, with its speaker or None."""
    words = _words(gaz or load_gazetteer())
    spans = quote_spans(fold(body))
    speakers = _Speakers(body, mentions, spans, words)
    events = sorted([(s, "quote", e) for s, e in spans] + [(v.start(), "verb", v) for v in speakers.verbs],
                    key=lambda x: x[0])
    quotes: list[Quote] = []
    attributed_to: Mention | _Unnamed | None = None
    for pos, kind, item in events:
        if kind == "verb":
            speakers.record(pos, speakers.subject(item))
            continue
        speaker = speakers.for_quote(pos, item)
        if speaker is None and quotes and _same_paragraph(body, quotes[-1].end, pos):
            speaker = attributed_to                  # "“…,” he said, “and …”": the same speaker goes on
        attributed_to = speaker
        named = speaker if isinstance(speaker, Mention) else None
        quotes.append(Quote(pos, item, body[pos:item], named))
        speakers.record(pos, named)
    return quotes


def _same_paragraph(body: str, a: int, b: int) -> bool:
    return "\n" not in body[a:b]
