"""One identity per real-world thing: within an article, then across articles and runs.

`resolve_in_article` points short mentions ("Mr. Kim", "Putin", "KCNA") at the full name the
article introduced. `canonicalize` gives every mention in a batch an identity shared across
articles and with the entities already in the warehouse.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from flows.entities.gazetteer import CITY_OVERRIDE_MIN_POPULATION, Gazetteer, Known, identity_key
from flows.entities.mentions import Mention

# When the evidence is a tie, the earlier type wins.
TYPE_PRIORITY = {"PERSON": 0, "ORG": 1, "LOC": 2, "MISC": 3}


# --- within one article ----------------------------------------------------------------------

def _is_surname_of(key: str, name: str) -> bool:
    """Is this identity key the family name of a full name: first (Kim Jong Un) or last (Vladimir Putin)?"""
    tokens = name.split()
    return identity_key(tokens[0]) == key or identity_key(tokens[-1]) == key


def _surname_candidates(token: str, people: dict[str, list[Mention]]) -> list[str]:
    key = identity_key(token)
    return [name for name, ms in people.items() if _is_surname_of(key, ms[0].name)]


def _acronym(name: str) -> str:
    """"Azerbaijan National Agency for Mine Action" -> "ANAMA", "Trans-Pacific Partnership" -> "TPP"."""
    return "".join(w[0] for w in re.findall(r"[A-Z][\w']*", name))


def resolve_in_article(mentions: list[Mention]) -> None:
    """Point surnames, honorific mentions, acronyms and bare facility names at the full name."""
    people: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.type == "PERSON" and len(m.tokens) >= 2 and (m.known is None or m.known.type == "PERSON"):
            people[m.known.name if m.known else m.name].append(m)
    first_seen = {name: ms[0].start for name, ms in people.items()}
    long_names = [m for m in mentions if len(m.tokens) >= 2]
    for m in mentions:
        named_by_data = m.known is not None and m.known.source == "data" and m.known.type != "PERSON"
        if len(m.tokens) >= 2 and m.type == "PERSON" and m.known is None:
            # "Jaber Ansari" after "Hossein Jaber Ansari"
            longer = [n for n in people if len(n.split()) > len(m.tokens) and n.split()[-len(m.tokens):] == m.tokens]
            m.ref = max(longer, key=lambda n: len(people[n])) if longer else None
            continue
        if len(m.tokens) != 1 or (named_by_data and not m.honorific):
            continue
        candidates = _surname_candidates(m.name, people)
        if candidates:
            m.ref = max(candidates, key=lambda n: (len(people[n]), -first_seen[n]))
            m.type = "PERSON"
        elif m.name.isupper() and len(m.name) >= 2:
            target = next((o for o in long_names if o.type != "PERSON" and _acronym(o.name) == m.name), None)
            if target is not None:
                m.ref, m.type = target.name, target.type
        elif m.type == "LOC":
            m.ref = next((p.name for p in long_names if p.type == "LOC" and p.tokens[0] == m.name), None)


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


def _group_type(members: list[Mention], gaz: Gazetteer, earlier: Counter) -> tuple[str, Known | None]:
    """The type of one entity: what the data says, else the words around its mentions, else the
    model's majority, counting the mentions earlier runs and batches typed (`earlier`)."""
    known = next((m.known for m in members if m.known is not None and not m.honorific), None)
    if known is not None:
        return known.type, known
    cues = Counter(m.cue for m in members if m.cue)
    if cues:
        return cues.most_common(1)[0][0], gaz.place(members[0].name) if cues.most_common(1)[0][0] == "LOC" else None
    votes = Counter(m.type for m in members) + earlier
    place = gaz.place(_base(members[0]))
    if place is not None and len(members[0].tokens) == 1 and place.population >= CITY_OVERRIDE_MIN_POPULATION \
            and not any(m.honorific for m in members):
        return "LOC", place
    best = max(votes, key=lambda t: (votes[t], -TYPE_PRIORITY.get(t, 9)))
    return best, place if best == "LOC" else None


def canonicalize(articles: list[list[Mention]], gaz: Gazetteer,
                 existing: list[tuple[str, str, int]] = ()) -> list[Entity]:
    """Give every mention its entity's canonical name and type; return the batch's entities.

    `existing` holds (canonical_name, entity_type, mentions) already in the warehouse, so a name
    keeps the identity it was given in an earlier run.
    """
    everything = [m for mentions in articles for m in mentions]
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in everything:
        groups[identity_key(_base(m))].append(m)
    weight = Counter({key: len(ms) for key, ms in groups.items()})
    previous = {identity_key(name): (name, etype) for name, etype, _ in existing}
    earlier_types: dict[str, Counter] = defaultdict(Counter)
    for name, etype, count in existing:
        weight[identity_key(name)] += count
        earlier_types[identity_key(name)][etype] += count
    full_people = {key: ms for key, ms in groups.items()
                   if len(_base(ms[0]).split()) >= 2 and any(m.type == "PERSON" for m in ms)}
    full_people.update({key: [] for key, (name, etype) in previous.items()
                        if etype == "PERSON" and len(name.split()) >= 2 and key not in full_people})
    long_places = {key: _base(ms[0]) for key, ms in groups.items() if len(_base(ms[0]).split()) >= 2
                   and any(m.type == "LOC" for m in ms)}
    long_places.update({key: name for key, (name, etype) in previous.items()
                        if etype == "LOC" and len(name.split()) >= 2})
    # Surnames and first words index the long names, so each short name looks up its candidates.
    people_by_surname: dict[str, list[str]] = defaultdict(list)
    for k, ms in full_people.items():
        tokens = (_base(ms[0]) if ms else previous[k][0]).split()
        for surname in dict.fromkeys((identity_key(tokens[0]), identity_key(tokens[-1]))):
            people_by_surname[surname].append(k)
    places_by_first_word: dict[str, list[str]] = defaultdict(list)
    for k, name in long_places.items():
        places_by_first_word[identity_key(name.split()[0])].append(k)
    merged: dict[str, str] = {}
    for key, ms in groups.items():
        single = ms[0].tokens if len(ms[0].tokens) == 1 and ms[0].ref is None and ms[0].known is None else None
        if not single:
            continue
        if any(m.type == "PERSON" for m in ms):
            # A long name can share its key with a short one ("Vergleich ++", "Vergleich"): never merge into itself.
            matches = [k for k in people_by_surname.get(key, []) if k != key]
            if matches:
                merged[key] = max(matches, key=lambda k: weight[k])
        elif any(m.type == "LOC" for m in ms):
            matches = [k for k in places_by_first_word.get(key, []) if k != key]
            if len(matches) == 1:
                merged[key] = matches[0]
    for key, target in merged.items():
        groups[target].extend(groups.pop(key))

    entities: dict[tuple[str, str], Entity] = {}
    for key, members in groups.items():
        etype, known = _group_type(members, gaz, earlier_types.get(key, Counter()))
        if key in previous and previous[key][1] == etype:
            name = previous[key][0]
        elif known is not None and known.type == etype:
            name = known.name
        else:
            bases = [_base(m) for m in members]
            longest = max(len(b.split()) for b in bases)
            forms = Counter(b for b in bases if len(b.split()) == longest)
            first_at = {}
            for i, b in enumerate(bases):
                first_at.setdefault(b, i)
            name = max(forms, key=lambda f: (forms[f], -first_at[f]))
        for m in members:
            m.canonical, m.type = name, etype
        located = known if known is not None and etype == "LOC" else None
        entities[(name, etype)] = Entity(name, etype, located.country_code if located else None,
                                         located.latitude if located else None,
                                         located.longitude if located else None)
    return list(entities.values())
