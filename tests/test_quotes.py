"""Quotations and their speakers, on sentences shaped like real copy, with the model's own proposals
(tests/test_quote_shapes.py has every shape with proposals written by hand)."""
from __future__ import annotations

import pytest

from flows.entities import ner
from flows.entities.gazetteer import load_gazetteer
from flows.entities.identity import resolve_in_article
from flows.entities.mentions import article_mentions
from flows.entities.quotes import find_quotes

pytestmark = pytest.mark.e2e   # real Prefect, GX, spaCy, DuckDB files or subprocesses


def quotes(body: str) -> list[tuple[str, str | None]]:
    mentions = article_mentions(body, ner.propose([body], processes=1)[0], load_gazetteer())
    resolve_in_article(mentions)
    return [(q.text, q.speaker.ref or q.speaker.name if q.speaker else None) for q in find_quotes(body, mentions)]


CASES = [
    ('"We will win this election," Maria Lopez said on Monday.', "We will win this election,", "Maria Lopez"),
    ('"We will win this election," said Maria Lopez, the party leader.', "We will win this election,", "Maria Lopez"),
    ("Maria Lopez said the vote was “a turning point for the city” and thanked her staff.",
     "a turning point for the city", "Maria Lopez"),
    ("Maria Lopez told reporters in Madrid that her party would “fight for every vote” in the capital.",
     "fight for every vote", "Maria Lopez"),
    ('Jose Garcia was quoted as saying, "the talks have failed completely."', "the talks have failed completely.",
     "Jose Garcia"),
    ("“We will talk about all issues, without haste,” Vladimir Putin answered when asked by journalists.",
     "We will talk about all issues, without haste,", "Vladimir Putin"),
    ("Ahn Chan-il, a researcher who heads a think tank in Seoul, told AFP the deal was likely. "
     "“It could have a significant impact on the war,” he added.", "It could have a significant impact on the war,",
     "Ahn Chan-il"),
    ("On the status of the former ambassador Ghazanfar Roknabadi, the deputy minister said, "
     "“he had been reported alive after the incident.”", "he had been reported alive after the incident.", None),
    ("The crowd chanted “no more war” outside the building for an hour on Sunday.", "no more war", None),
]


@pytest.mark.parametrize(("body", "text", "speaker"), CASES, ids=[c[2] or "none" for c in CASES])
def test_speaker(body, text, speaker):
    assert (text, speaker) in quotes(body)


def test_a_single_quoted_word_is_not_a_quotation():
    assert quotes('The minister called the plan "reckless" on Monday, officials said.') == []
