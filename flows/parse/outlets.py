"""What we know about news outlets, read from `flows/data/outlets.toml`."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from flows.parse.text import fold_key
from flows.resources import DATA

DEFAULT_OUTLETS = DATA / "outlets.toml"
KINDS = ("wire", "publisher")


@dataclass(frozen=True)
class Outlet:
    name: str
    kind: str
    timezone: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    taglines: tuple[str, ...] = ()


@dataclass
class Outlets:
    """Look-ups by any spelling of an outlet's name, or by its tagline."""
    entries: list[Outlet]
    _by_name: dict[str, Outlet] = field(default_factory=dict, repr=False)
    _by_tagline: dict[str, Outlet] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for outlet in self.entries:
            for spelling in (outlet.name, *outlet.aliases):
                self._by_name.setdefault(fold_key(spelling), outlet)
            for tagline in outlet.taglines:
                self._by_tagline.setdefault(fold_key(tagline), outlet)

    def named(self, text: str | None) -> Outlet | None:
        return self._by_name.get(fold_key(text)) if text else None

    def with_tagline(self, text: str | None) -> Outlet | None:
        return self._by_tagline.get(fold_key(text)) if text else None

    def canonical(self, text: str | None) -> str | None:
        """The outlet's canonical name when known, else the text itself."""
        outlet = self.named(text) or self.with_tagline(text)
        return outlet.name if outlet else text


def parse_outlets(document: dict) -> Outlets:
    entries = []
    for raw in document.get("outlet", []):
        kind = raw.get("kind", "publisher")
        if kind not in KINDS:
            raise ValueError(f"outlet {raw.get('name')!r}: kind must be one of {KINDS}, not {kind!r}")
        entries.append(Outlet(
            name=raw["name"], kind=kind, timezone=raw.get("timezone"), country=raw.get("country"),
            aliases=tuple(raw.get("aliases", ())), taglines=tuple(raw.get("taglines", ())),
        ))
    return Outlets(entries)


@lru_cache(maxsize=4)
def load_outlets(path: Path = DEFAULT_OUTLETS) -> Outlets:
    return parse_outlets(tomllib.loads(Path(path).read_text(encoding="utf-8")))
