"""Identities across articles and runs, on mentions built by hand (no model)."""
from __future__ import annotations

from flows.entities.gazetteer import load_gazetteer
from flows.entities.identity import canonicalize
from flows.entities.mentions import Mention


def _mention(name: str, etype: str) -> Mention:
    return Mention(0, len(name), name, etype)


def test_a_short_name_whose_key_an_earlier_long_name_shares_keeps_an_identity():
    """A page's "Vergleich ++" loaded in an earlier batch shares the key "vergleich" with a later
    "Vergleich": the short name once merged into itself and lost every mention (495 pages refused)."""
    mentions = [[_mention("Vergleich", "PERSON")], [_mention("Saarland", "LOC")]]
    canonicalize(mentions, load_gazetteer(), existing=[("Vergleich ++", "PERSON", 2), ("Saarland Saarland", "LOC", 1)])
    assert all(m.canonical for ms in mentions for m in ms)
