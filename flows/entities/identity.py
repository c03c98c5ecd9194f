"""One identity per real-world thing: within an article, then across articles and runs.

`resolve_in_article` settles each article's mentions: a lone surname is the person the article
named in full ("Cuttitta" after "Marcello Cuttitta"), mentions of one name agree on one type
unless their own evidence says otherwise (a city that is a team in a score line and a place in
"in Baltimore"), acronyms point at the name they abbreviate. `canonicalize` gives every mention
in a batch an identity shared across articles and with the entities already in the warehouse.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from flows.entities.evidence import best, has_own_evidence
from flows.entities.gazetteer import COUNTRY, REGION, Gazetteer, Known, identity_key, load_gazetteer, word_key
from flows.entities.mentions import ENTITY_TYPES, Mention

# A lone surname is that person: as strong as the article naming them in full.
W_SURNAME = 3.0
INITIAL = re.compile(r"(?:[A-Z]\.?){1,3}")


# --- within one article ----------------------------------------------------------------------

def _full_name(m: Mention) -> str:
    return m.known.name if m.known is not None and m.known.type == "PERSON" else m.name


def _people(mentions: list[Mention]) -> dict[str, str]:
    """Each surname -> the full name it most likely stands for: the one mentioned most, then the
    one named first. (Names written family name first, "Xi Jinping", join their family name
    across the batch in canonicalize; within an article that rule cost F1 on Reuters.)"""
    counts = Counter(_full_name(m) for m in mentions if m.type == "PERSON" and len(m.words) >= 2)
    first_seen = {}
    for m in mentions:
        if m.type == "PERSON" and len(m.words) >= 2:
            first_seen.setdefault(_full_name(m), m.start)
    by_surname: dict[str, str] = {}
    for name in sorted(counts, key=lambda n: (-counts[n], first_seen[n])):
        words = name.split()
        if not INITIAL.fullmatch(words[-1]):
            by_surname.setdefault(word_key(words[-1]), name)
    return by_surname


def _honorific_surnames(mentions: list[Mention]) -> None:
    """"Ms. Sethi" makes "Meera Sethi" a person, whatever the model said of the full name."""
    titled = {word_key(m.name) for m in mentions if m.honorific and len(m.words) == 1}
    for m in mentions:
        if len(m.words) >= 2 and word_key(m.words[-1]) in titled and m.type != "PERSON":
            m.vote("PERSON", W_SURNAME, "surname written with Mr./Ms. in the article")
            m.type = best(m.votes)


def _surnames(mentions: list[Mention], gaz: Gazetteer) -> None:
    """A single word that is the surname of a person named in full in the article is that person."""
    _honorific_surnames(mentions)
    people = _people(mentions)
    for m in mentions:
        if len(m.words) != 1:
            continue
        full = people.get(word_key(m.name))
        place = gaz.place_kind(m.name)
        if full is not None and not (place and place.kind in (COUNTRY, REGION)):
            m.ref = full
            m.vote("PERSON", W_SURNAME, "surname of a person in the article")
            m.type = best(m.votes)


def _one_type_per_name(mentions: list[Mention]) -> None:
    """Mentions of one name take the type all their votes add up to, unless their own evidence
    (beyond the model) says otherwise."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[word_key(m.name)].append(m)
    for group in groups.values():
        if len(group) < 2:
            continue
        total = sum((m.votes for m in group), Counter())
        group_type = best(total)
        for m in group:
            if m.type == group_type or has_own_evidence(m, m.type):
                continue
            m.type = group_type


def _acronym(name: str) -> str:
    """"Azerbaijan National Agency for Mine Action" -> "ANAMA", "Trans-Pacific Partnership" -> "TPP"."""
    return "".join(w[0] for w in re.findall(r"[A-Z][\w']*", name))


def _names_a_place_itself(word: str, gaz: Gazetteer) -> bool:
    """A compass point is no short form of the longer place it starts: "North" is not "North
    Korea" more than "North Sea"; "Baikonur" is "Baikonur Cosmodrome"."""
    return word_key(word) in gaz.compass_words


def _point_at_full_names(mentions: list[Mention], gaz: Gazetteer) -> None:
    """Short forms name the long one: "Jaber Ansari" after "Hossein Jaber Ansari", "ANAMA" after
    "Azerbaijan National Agency for Mine Action", "Baikonur" after "Baikonur Cosmodrome"."""
    long_names = [m for m in mentions if len(m.words) >= 2]
    people = Counter(m.name for m in long_names if m.type == "PERSON")
    for m in mentions:
        if m.ref is not None or (m.known is not None and not m.honorific):
            continue
        words = m.words
        if len(words) >= 2 and m.type == "PERSON":
            longer = [n for n in people if len(n.split()) > len(words) and n.split()[-len(words):] == words]
            m.ref = max(longer, key=lambda n: people[n]) if longer else None
        elif len(words) == 1 and m.name.isupper() and len(m.name) >= 2:
            target = next((o for o in long_names if o.type in ("ORG", "LOC") and _acronym(o.name) == m.name), None)
            if target is not None:
                m.ref, m.type = target.name, target.type
        elif len(words) == 1 and m.type == "LOC" and not _names_a_place_itself(m.name, gaz):
            m.ref = next((o.name for o in long_names if o.type == "LOC" and o.words[0] == m.name), None)


def resolve_in_article(mentions: list[Mention], gaz: Gazetteer | None = None) -> None:
    """Settle one article's mentions in place: types and short names. Only people, organizations
    and places stay: MISC names (events, laws, nationalities) helped decide the others' extents
    and types, but storing them cost F1 and nobody queries them."""
    gaz = gaz or load_gazetteer()
    _surnames(mentions, gaz)
    _one_type_per_name(mentions)
    _point_at_full_names(mentions, gaz)
    mentions[:] = [m for m in mentions if m.type in ENTITY_TYPES]


# --- across articles -------------------------------------------------------------------------

@dataclass(frozen=True)
class Entity:
    canonical_name: str
    entity_type: str
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None


def _base(m: Mention) -> str:
    if m.known is not None:
        return m.known.name
    return m.ref or m.name


def _merge_short_names(groups: dict[str, list[Mention]], previous: dict[str, tuple[str, str]],
                       weight: Counter, gaz: Gazetteer) -> None:
    """A lone surname joins the full name sharing it; a lone place word joins the one long place
    name that starts with it ("Baikonur" -> "Baikonur Cosmodrome"), across the batch and runs."""
    full_people = {key: _base(ms[0]) for key, ms in groups.items()
                   if len(_base(ms[0]).split()) >= 2 and any(m.type == "PERSON" for m in ms)}
    full_people.update({key: name for key, (name, etype) in previous.items()
                        if etype == "PERSON" and len(name.split()) >= 2 and key not in full_people})
    long_places = {key: _base(ms[0]) for key, ms in groups.items() if len(_base(ms[0]).split()) >= 2
                   and any(m.type == "LOC" for m in ms)}
    long_places.update({key: name for key, (name, etype) in previous.items()
                        if etype == "LOC" and len(name.split()) >= 2})
    people_by_surname: dict[str, list[str]] = defaultdict(list)
    for key, name in full_people.items():
        words = name.split()
        for surname in dict.fromkeys((identity_key(words[0]), identity_key(words[-1]))):
            people_by_surname[surname].append(key)
    places_by_first_word: dict[str, list[str]] = defaultdict(list)
    for key, name in long_places.items():
        places_by_first_word[identity_key(name.split()[0])].append(key)
    merged: dict[str, str] = {}
    for key, ms in groups.items():
        if len(ms[0].words) != 1 or ms[0].ref is not None or ms[0].known is not None:
            continue
        if any(m.type == "PERSON" for m in ms):
            # A long name can share its key with a short one ("Vergleich ++", "Vergleich"): never merge into itself.
            matches = [k for k in people_by_surname.get(key, []) if k != key]
            if matches:
                merged[key] = max(matches, key=lambda k: weight[k])
        elif any(m.type == "LOC" for m in ms) and not _names_a_place_itself(ms[0].name, gaz):
            matches = [k for k in places_by_first_word.get(key, []) if k != key]
            if len(matches) == 1:
                merged[key] = matches[0]
    for key, target in merged.items():
        groups[target].extend(groups.pop(key))


def _group_type(members: list[Mention], earlier: Counter) -> tuple[str, Known | None]:
    """What the data says, else the members' types, counting the mentions earlier runs and
    batches typed (`earlier`)."""
    known = next((m.known for m in members if m.known is not None and not m.honorific), None)
    if known is not None:
        return known.type, known
    votes = Counter()
    for m in members:       # a mention typed by its own evidence counts twice against the model's guesses
        votes[m.type] += 2 if has_own_evidence(m, m.type) else 1
    votes += earlier
    return best(votes), None


def _canonical_name(members: list[Mention], etype: str, known: Known | None,
                    previous: tuple[str, str] | None) -> str:
    """The name an earlier run gave it, else the data's, else the longest form written most often."""
    if previous is not None and previous[1] == etype:
        return previous[0]
    if known is not None and known.type == etype:
        return known.name
    bases = [_base(m) for m in members]
    longest = max(len(b.split()) for b in bases)
    forms = Counter(b for b in bases if len(b.split()) == longest)
    first_at: dict[str, int] = {}
    for i, b in enumerate(bases):
        first_at.setdefault(b, i)
    return max(forms, key=lambda f: (forms[f], -first_at[f]))


def canonicalize(articles: list[list[Mention]], gaz: Gazetteer,
                 existing: list[tuple[str, str, int]] = ()) -> list[Entity]:
    """Give every mention its entity's canonical name and type; return the batch's entities.

    `existing` holds (canonical_name, entity_type, mentions) already in the warehouse, so a name
    keeps the identity it was given in an earlier run. A mention whose own evidence (beyond the
    model) gave it its type keeps that type against the batch's vote: a team city stays a club in
    a score line however often the batch names the place.
    """
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mentions in articles:
        for m in mentions:
            groups[identity_key(_base(m))].append(m)
    weight = Counter({key: len(ms) for key, ms in groups.items()})
    previous = {identity_key(name): (name, etype) for name, etype, _ in existing}
    earlier_types: dict[str, Counter] = defaultdict(Counter)
    for name, etype, count in existing:
        weight[identity_key(name)] += count
        earlier_types[identity_key(name)][etype] += count
    _merge_short_names(groups, previous, weight, gaz)

    entities: dict[tuple[str, str], Entity] = {}
    for key, members in groups.items():
        group_type, known = _group_type(members, earlier_types.get(key, Counter()))
        by_type: dict[str, list[Mention]] = defaultdict(list)
        for m in members:
            keeps_own = m.type != group_type and has_own_evidence(m, m.type)
            by_type[m.type if keeps_own else group_type].append(m)
        for etype, typed in by_type.items():
            name = _canonical_name(typed, etype, known, previous.get(key))
            for m in typed:
                m.canonical, m.type = name, etype
            located = None
            if etype == "LOC":
                located = known if known is not None and known.type == "LOC" else gaz.place(name)
            entities[(name, etype)] = Entity(name, etype, *((located.country_code, located.latitude,
                                                             located.longitude) if located else (None,) * 3))
    return list(entities.values())
