"""Direct quotations in an article body, each with the entity that spoke it.

A quotation is text between quotation marks (straight or curly; a paragraph that opens a quote
and does not close it quotes to its end). Its speaker is found from the reporting verb of its
sentence: the name before the verb ("Kim said his trip is a “clear manifestation”"), the name
after it ("“…,” said Kim"), or, for "he added", the last person the article quoted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flows.entities.mentions import Mention
from flows.parse.text import fold

MIN_QUOTE_WORDS = 2
SUBJECT_WINDOW_WORDS = 15
REPORTING_VERB = re.compile(
    r"\b(?:was quoted(?: by [^\"]{1,60}?)? as saying|were quoted(?: by [^\"]{1,60}?)? as saying"
    r"|(?:said|says|say|told|tells|added|adds|answered|replied|asked|noted|wrote|writes|insisted|stressed"
    r"|explained|warned|declared|continued|argued|recalled|claimed|called|described|urged|announced"
    r"|acknowledged|admitted|commented|remarked|stated|suggested|emphasi[sz]ed|vowed|pledged|promised"
    r"|quipped|tweeted|posted|reported|responded|cautioned|conceded|predicted|concluded|observed"
    r"|underlined|underscored|highlighted|mentioned|reiterated|maintained|contended|asserted|affirmed"
    r"|pointed out|went on|told reporters|wrote on))\b")
QUOTED_AS_SAYING = re.compile(r"\bquoted\s+(?P<who>[^\"]{1,80}?)\s+as saying\b")
ACCORDING_TO = re.compile(r"\baccording to\b")
# "the ministry said": a definite organization noun refers to the last organization of that kind.
ORG_NOUN_SUBJECT = re.compile(r"\bthe\s+(?:[\w-]+\s+){0,2}?(ministry|agency|government|office|department|council"
                              r"|committee|company|court|commission|military|army|police|party|bank|embassy)\s*$",
                              re.IGNORECASE)
POSSESSIVE_AFTER = re.compile(r"'s?\b")
PRONOUN = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
# A period after these does not end a sentence.
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col",
                 "adm", "sgt", "capt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                 "oct", "nov", "dec", "no", "vs", "inc", "corp", "co", "ltd", "u.s", "u.n", "u.k", "e.u"}
QUOTE_MARK = re.compile('"')
SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+")
# A quote left open at a paragraph's end runs on when the next paragraph reopens it (the usual
# convention) or closes it within this many paragraphs.
MAX_CONTINUED_PARAGRAPHS = 3


@dataclass
class Quote:
    start: int                 # offsets of the quoted text (inside the marks) in the body
    end: int
    text: str
    speaker: Mention | None


def _runs_on(paras: list[tuple[int, list[int], int]], i: int) -> bool:
    """Does a quote left open in paragraph i run on? Only if a paragraph soon reopens or closes it."""
    for start, marks, _ in paras[i + 1:i + 1 + MAX_CONTINUED_PARAGRAPHS]:
        if marks:
            return marks[0] == start or len(marks) % 2 == 1
    return False


def _quote_spans(folded: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of double quotes.

    Marks pair up within a paragraph. A quote left open at a paragraph's end runs on into the
    next paragraphs when one of them soon reopens it (the usual convention) or closes it;
    otherwise it ends with its paragraph.
    """
    paras = [(m.start(), [q.start() for q in QUOTE_MARK.finditer(folded, m.start(), m.end())], m.end())
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
    out = []
    for start, end in spans:
        while end > start and folded[end - 1] in " ,":
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


def _person_or_org_before(mentions: list[Mention], pos: int, floor: int, text: str) -> Mention | None:
    """The subject of a verb at `pos`: the nearest person (else organization) before it.

    A name followed by a single comma before the verb opens the sentence ("On the status of
    Roknabadi, the minister said") and is not its subject; one inside an appositive is. A name in
    the possessive ("Yoon's office said") is not the subject either.
    """
    window = [m for m in mentions if floor <= m.start and m.end <= pos and m.type in ("PERSON", "ORG")
              and len(text[m.end:pos].split()) <= SUBJECT_WINDOW_WORDS and text[m.end:pos].count(",") != 1
              and not POSSESSIVE_AFTER.match(text, m.end)]
    people = [m for m in window if m.type == "PERSON"]
    return (people or window or [None])[-1]


def _mention_at(mentions: list[Mention], start: int, end: int) -> Mention | None:
    inside = [m for m in mentions if start <= m.start and m.end <= end and m.type in ("PERSON", "ORG")]
    return next((m for m in inside if m.type == "PERSON"), inside[0] if inside else None)


class _Speakers:
    """Who said what, read from one body's reporting verbs."""

    def __init__(self, body: str, mentions: list[Mention], quotes: list[tuple[int, int]]):
        self.masked = _masked(fold(body), quotes)
        # Names inside quotations are never the speaker of one.
        self.mentions = sorted((m for m in mentions if self.masked[m.start:m.end].strip()), key=lambda m: m.start)
        self.events: list[tuple[int, Mention]] = []   # (position, person) of every attribution

    def by_verb(self, verb: re.Match, floor: int, ceiling: int) -> Mention | None:
        """The speaker of one reporting verb: its subject, or the name right after it."""
        before = self.masked[floor:verb.start()]
        pronoun = list(PRONOUN.finditer(before))
        subject = _person_or_org_before(self.mentions, verb.start(), floor, self.masked)
        if pronoun and (subject is None or subject.end <= floor + pronoun[-1].start()) \
                and len(before[pronoun[-1].end():].split()) <= 3:
            return self.sentence_subject(floor, floor + pronoun[-1].start()) or self.last_person(verb.start())
        if subject is None and (noun := ORG_NOUN_SUBJECT.search(before)):
            subject = next((m for m in reversed(self.mentions) if m.end <= verb.start() and m.type == "ORG"
                            and noun.group(1).casefold() in m.name.casefold()), None)
        if subject is None:
            after = re.match(r"\s*(?:\S+(?:\s+|$)){0,3}", self.masked[verb.end():ceiling])
            subject = _mention_at(self.mentions, verb.end(), verb.end() + (after.end() if after else 0))
        return subject

    def sentence_subject(self, start: int, end: int) -> Mention | None:
        """The first person named (not in the possessive) between start and end."""
        return next((m for m in self.mentions if start <= m.start and m.end <= end and m.type == "PERSON"
                     and not POSSESSIVE_AFTER.match(self.masked, m.end)), None)

    def last_person(self, pos: int) -> Mention | None:
        """Whom "he" or "she" means: the subject of the previous sentence, else the last speaker."""
        start, _ = _sentence_bounds(self.masked, pos)
        previous_start, _ = _sentence_bounds(self.masked, max(start - 2, 0))
        subject = self.sentence_subject(previous_start, start) if start > 0 else None
        if subject is not None:
            return subject
        earlier = [m for p, m in self.events if p < pos and m.type == "PERSON"]
        return earlier[-1] if earlier else None

    def record(self, pos: int, speaker: Mention | None) -> None:
        if speaker is not None:
            self.events.append((pos, speaker))

    def quoted_as(self, lo: int, hi: int, after: int = -1) -> Mention | None:
        """The name in "quoted X as saying" between lo and hi, if that phrase ends after `after`."""
        quoted = QUOTED_AS_SAYING.search(self.masked, lo, hi)
        if quoted is None or quoted.end() < after:
            return None
        return _mention_at(self.mentions, quoted.start("who"), quoted.end("who"))

    def for_quote(self, start: int, end: int) -> Mention | None:
        s_start, s_end = _sentence_bounds(self.masked, start)
        _, q_end = _sentence_bounds(self.masked, max(end - 1, start))
        left = list(REPORTING_VERB.finditer(self.masked, s_start, start))
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
        right = REPORTING_VERB.search(self.masked, end, right_end)
        if right:
            speaker = self.by_verb(right, end, right_end)
            if speaker is not None:
                return speaker
        according = ACCORDING_TO.search(self.masked, end, right_end)
        if according:
            return _mention_at(self.mentions, according.end(), right_end)
        return None


def find_quotes(body: str, mentions: list[Mention]) -> list[Quote]:
    """Every quotation in the body, in order, with its speaker or None."""
    folded = fold(body)
    spans = _quote_spans(folded)
    speakers = _Speakers(body, mentions, spans)
    verbs = list(REPORTING_VERB.finditer(speakers.masked))
    quotes = []
    events = sorted([(s, "quote", e) for s, e in spans] + [(v.start(), "verb", v) for v in verbs],
                    key=lambda x: x[0])
    for pos, kind, item in events:
        if kind == "verb":
            floor, _ = _sentence_bounds(speakers.masked, pos)
            subject = _person_or_org_before(speakers.mentions, pos, floor, speakers.masked)
            if subject is not None and subject.type == "PERSON":
                speakers.record(pos, subject)
            continue
        speaker = speakers.for_quote(pos, item)
        quotes.append(Quote(pos, item, body[pos:item], speaker))
        speakers.record(pos, speaker)
    return quotes
