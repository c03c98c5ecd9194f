"""Type votes for each candidate name, from the model, the gazetteer and the words in and around it.

Each rule in `RULES` adds weight to one type (PERSON, ORG, LOC, MISC for names that are none of
these, NONE for what is no name at all) and records why. A candidate's type is the heaviest vote.
The weights say how far each kind of evidence is trusted against the model's label (weight 1);
they and the rules were measured on the 820 Reuters stories of the development corpus, a rule
kept only when it raised F1 on both its halves or, never exercised there, served the seeds.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flows.entities.gazetteer import COUNTRY, REGION, STATE, Gazetteer, PlaceKind, word_key

if TYPE_CHECKING:
    from flows.entities.lines import Body
    from flows.entities.mentions import Mention

W_MODEL = 1.0
# Votes that only say someone proposed the name: the model, or the model in another article.
MODEL, BATCH = "model", "found elsewhere in the batch"
PROPOSALS = {MODEL, BATCH}
W_KNOWN = 4.0
W_NOT_A_NAME = 10.0
# A city of this size outside a sports story is more likely the place than a namesake.
BIG_CITY = 100_000
# A mention keeps its own type against its article's or batch's vote when its own evidence beyond
# the model weighs this much (measured: 1.0 beat 1.5 to 3.0 on the held-out half).
OWN_EVIDENCE = 1.0
# When the votes tie, the earlier type wins.
PRIORITY = {"PERSON": 0, "ORG": 1, "LOC": 2, "MISC": 3, "NONE": 4}
LEAGUE_WORDS = ("League", "Division", "Conference")
# A league in a sports story is a competition whatever its organisation suffix says: the vote
# outweighs the model and an organisation suffix together (1.0 + 2.5).
W_LEAGUE = 4.0
# A row of business figures is about a company: less than a city's name counts (2.0) with the model's.
W_MONEY_ROW, MONEY_ROW_MAX_LOWER = 1.5, 2
ACRONYM = re.compile(r"[A-Z][A-Z&]{1,6}")
NAME_THEN_COUNTRY = re.compile(r"\s*\(([A-Z][\w.'\- ]+)\)")
_FIRST_WORD = re.compile(r" ([a-z]+)\b(?: ([a-z]+)\b)?")    # "X region", "X container terminals"
_AGE_AFTER = re.compile(r",\s+\d{1,3},")
# "Ilie Lazar (32nd)", "Nilis 42nd, Cocu 54th": a goal and the minute it was scored.
_MINUTE_AFTER = re.compile(r"\s*\(?\d{1,3}(?:st|nd|rd|th)\b")
_WORDS = re.compile(r"[\w'.\-]+")
# "X said it ...", "X says its ...": the pronoun that takes up the name says what it is.
PRONOUN_AFTER = re.compile(r"\s+(?:said|says|added|announced|reported|told \w+)\s+(?P<pronoun>it|its|he|she|his|her)\b")
PRONOUN_TYPE = {"it": "ORG", "its": "ORG", "he": "PERSON", "she": "PERSON", "his": "PERSON", "her": "PERSON"}
# The model's labels as votes. MISC names (nationalities, events, laws, works) are read so that
# they take their words out of other names, and are never stored.
MODEL_VOTE = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
              "NORP": "MISC", "EVENT": "MISC", "LAW": "MISC", "WORK_OF_ART": "MISC", "LANGUAGE": "MISC",
              "PRODUCT": "MISC"}


def best(votes: Counter) -> str | None:
    """The heaviest type, None without any vote."""
    if not votes:
        return None
    return max(votes, key=lambda t: (votes[t], -PRIORITY.get(t, 9)))


def has_own_evidence(m: Mention, type_: str) -> bool:
    """Do the mention's own words and context, not a proposal alone, make it this type?"""
    return sum(w for reason, t, w in m.reasons if t == type_ and reason not in PROPOSALS) >= OWN_EVIDENCE


@dataclass
class _Around:
    """What the rules look at for one candidate."""
    words: list[str]
    place: PlaceKind | None
    team_line: bool                # the line's form makes it a team (score line, standings row)
    before: list[str]              # up to three words before it on its line, keyed
    after: str                     # the rest of its line, up to 40 characters
    sports: bool

    @property
    def strong_place(self) -> bool:
        return self.place is not None and self.place.kind in (COUNTRY, REGION)


def _around(m: Mention, body: Body, gaz: Gazetteer) -> _Around:
    before = body.text[max(0, m.start - 40):m.start]
    before = before[before.rfind("\n") + 1:]
    team_line = any(s <= m.start and m.end <= e for s, e in m.line.teams)
    return _Around(m.words, gaz.place_kind(m.name), team_line, [word_key(w) for w in _WORDS.findall(before)[-3:]],
                   body.text[m.end:m.end + 40].split("\n")[0], body.sports)


# --- the rules, each (mention, what is around it, gazetteer) -> votes -------------------------

def _model(m: Mention, a: _Around | None, gaz: Gazetteer) -> None:
    if m.label:
        m.vote(MODEL_VOTE[m.label], W_MODEL, MODEL)


def _known(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """An organization, place or person our data files name, under any of its spellings."""
    if m.known is not None:
        m.vote(m.known.type, W_KNOWN, "named in the data")


def _place(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """Countries and regions are places; in a sports story a city is a club unless after in/at."""
    if a.place is None:
        return
    if a.strong_place or (a.place.kind == STATE and not a.team_line and not a.sports):
        m.vote("LOC", 4.0, f"gazetteer {a.place.kind}")
    elif a.sports:
        if a.before and a.before[-1] in gaz.locatives:
            m.vote("LOC", 2.5, f"gazetteer {a.place.kind} after in/at (sports story)")
        else:
            m.vote("ORG", 1.2, f"gazetteer {a.place.kind} in a sports story: a club")
    else:
        m.vote("LOC", 2.0 if a.place.population >= BIG_CITY else 1.0, f"gazetteer {a.place.kind}")


def _team(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """A name in a team's place in a score line or standings row, unless a country or a golfer."""
    # "J. Smith 70 68", "290 Tom Watson 79 70 68 73": a player's score, no team's record
    golfer = m.line.kind == "standings" and (m.tokens[0].initial or m.line.tokens[0].number and len(a.words) >= 2)
    if a.team_line and not (a.place is not None and a.place.kind == COUNTRY) and not golfer:
        m.vote("ORG", 3.0, "team in a results line")


def _money_row(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """"SKODA PLZEN 1,440.00 1,460.00", "- AHOLD 7,190 1,123": a row of a table of business figures
    opens with the company it is about, unless a place (a market's city, a trading country) or the
    figure's own name ("Services Revenue"). In a sports story such a row is a player's figures."""
    line = m.line
    if line.kind != "money" or a.sports or a.place is not None:
        return
    figure_name = any(word_key(w) in gaz.money_words for w in a.words)
    after_a_number = any(t.number for t in line.tokens if t.start < m.start)
    if not figure_name and not after_a_number \
            and sum(t.text[:1].islower() for t in line.tokens) <= MONEY_ROW_MAX_LOWER:
        m.vote("ORG", W_MONEY_ROW, "company in a row of business figures")


def _initials(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """"J. Murray", "D. Cork"; glued initials ("A.P. Moller-Maersk", "J.P. Morgan") name companies
    as often as people, and count less."""
    if len(a.words) >= 2 and m.tokens[0].initial and a.words[-1][:1].isupper() and not m.tokens[-1].initial:
        m.vote("PERSON", 3.0 if len(m.tokens[0].text) <= 2 else 1.0, "initial + surname")


def _name_country(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """"Michael Chang (U.S.)": a player and his country."""
    country = NAME_THEN_COUNTRY.match(a.after)
    if country and len(a.words) >= 2 and gaz.place_kind(country.group(1)) and a.place is None:
        m.vote("PERSON", 1.5, "Name (Country)")


def _role_after(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """"Pak Thae Song, chairman of ...": a name and the role it holds."""
    if len(a.words) >= 2 and gaz.role_after.match(a.after) and not any(w in gaz.org_words for w in a.words):
        m.vote("PERSON", 1.5, "name, role")


def _age(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """A name and an age: "Marcus Bell, 62, sat with ..."."""
    if len(a.words) >= 2 and _AGE_AFTER.match(a.after):
        m.vote("PERSON", 2.0, "Name, age,")


def _scorer(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """A name and the minute of a goal: "Ilie Lazar (32nd)", "(Balakow 50th, Bobic 61st)"."""
    if _MINUTE_AFTER.match(a.after) and a.place is None:
        m.vote("PERSON", 3.0, "Name (minute)")


def _ampersand(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """"Marks & Spencer", "Procter & Gamble"."""
    if "&" in a.words and len(a.words) >= 3:
        m.vote("ORG", 2.5, "A & B")


def _org_words(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """"Deutsche Bank AG", "Real Madrid", "Bank of Japan"."""
    words = a.words
    if len(words) < 2:
        return
    if words[-1] in gaz.org_suffixes and not a.strong_place:
        m.vote("ORG", 2.5, "org suffix")
    elif words[0] in gaz.org_prefixes and a.place is None:
        m.vote("ORG", 2.0, "org prefix")
    elif any(w in gaz.org_words for w in words[1:-1]):
        m.vote("ORG", 1.5, "org word inside")


def _org_before(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """"newspaper Hurriyet", "side Ajax"."""
    if a.before and a.before[-1] in gaz.org_context_before and a.place is None:
        m.vote("ORG", 1.0, "org word before")


def _pronoun(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """"Maersk said it had rerouted vessels": a company; "Bakker said he": a person."""
    found = PRONOUN_AFTER.match(a.after)
    if found and a.place is None:
        m.vote(PRONOUN_TYPE[found.group("pronoun")], 1.5, "said it / said he")


def _acronym(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """A bare acronym is most often an organization ("OPEC"), weakly."""
    if len(a.words) == 1 and ACRONYM.fullmatch(a.words[0]) and a.place is None and m.line.kind != "caps":
        m.vote("ORG", 0.7, "acronym")


def _place_words(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """"Wembley Stadium", "the Amur region" (not "the Kurdish region": an adjective the model saw),
    "the city of X", "in X"."""
    if len(a.words) >= 2 and a.words[-1] in gaz.loc_suffixes:
        m.vote("LOC", 2.0, "place suffix")
    after = _FIRST_WORD.match(a.after)
    if after and (after.group(1) in gaz.place_nouns_after or after.group(2) in gaz.place_nouns_after) \
            and MODEL_VOTE.get(m.label) != "MISC":
        m.vote("LOC", 2.0, "X region")
    if len(a.before) >= 2 and a.before[-1] == "of" and a.before[-2] in gaz.place_nouns:
        m.vote("LOC", 2.0, "the city of X")
    if a.before and a.before[-1] in gaz.loc_context_before and not m.tokens[0].initial:
        m.vote("LOC", 0.8, "in/at/near X")


def _misc(m: Mention, a: _Around, gaz: Gazetteer) -> None:
    """Competitions, events, treaties: names, but of none of the stored types."""
    words = a.words
    if len(words) < 2:
        return
    if words[-1] in gaz.misc_suffixes or " ".join(words[-2:]) in gaz.misc_suffixes:
        m.vote("MISC", 3.0, "competition/event word")
    if a.sports and words[-1].title() in LEAGUE_WORDS:      # "American League", "NATIONAL LEAGUE"
        m.vote("MISC", W_LEAGUE, "league or division (sports story)")
    if words[0] in gaz.misc_first_words:
        m.vote("MISC", 2.0, "event first word")


RULES = (_model, _known, _place, _team, _money_row, _initials, _name_country, _role_after, _age, _scorer,
         _ampersand, _org_words, _org_before, _pronoun, _acronym, _place_words, _misc)


SENTENCE_OPENING = re.compile(r"(?:^|\n|[.!?][\"'”’]?\s+)[\"'“‘]?$")


def _common_word_opening_a_sentence(m: Mention, body: Body) -> bool:
    """"Cranes stood idle ...": a single capitalised word that opens a sentence, and that the same
    body also writes in lower case ("remote-controlled cranes"), is a common word."""
    return len(m.words) == 1 and m.name.lower() in body.common_words \
        and SENTENCE_OPENING.search(body.text, max(0, m.start - 4), m.start) is not None


def _table_heading(m: Mention, gaz: Gazetteer) -> bool:
    """"W L PCT GB", "Net Income 821 512": outside prose, a name of words that are never names is a
    table's column or row heading."""
    return m.line.kind != "prose" and len(m.words) >= 2 and all(word_key(w) in gaz.not_names for w in m.words)


def vote(m: Mention, body: Body, gaz: Gazetteer) -> None:
    """Add every rule's votes to the mention; a word that is never a name ("Monday", "Results",
    "Attendance") outvotes them all."""
    if word_key(m.name) in gaz.not_names or _common_word_opening_a_sentence(m, body) or _table_heading(m, gaz):
        _model(m, None, gaz)
        m.vote("NONE", W_NOT_A_NAME, "not a name")
        return
    around = _around(m, body, gaz)
    for rule in RULES:
        rule(m, around, gaz)
