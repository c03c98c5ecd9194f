"""Hostile text: parsers never raise, and what they return stays inside what they were given."""
from __future__ import annotations

import string

import pytest
from conftest import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows.parse import datetimes
from flows.parse.decoding import NotText, decode
from flows.parse.plain_text import parse_article
from flows.parse.text import fold, paragraphs

SEED_LINES = [line for p in sorted(SEEDS.iterdir()) for line in p.read_text().splitlines()]
NEWSY = st.sampled_from(SEED_LINES + [
    "By ", "(END)", "SEOUL, Sept. 13 (", "Published - ", "ⓒ", "| ", "(LEAD) ", "MOSCOW:", "Writer's picture",
    "\u2028", "\x00", "\ufeff", "—", "“", "日本語のテキスト", "(L)", "in this photo", "2023-13-45 99:99",
])
HOSTILE_TEXT = st.lists(st.one_of(NEWSY, st.text(max_size=80)), max_size=30).map("\n".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(HOSTILE_TEXT)
def test_parse_article_never_raises_and_body_comes_from_the_text(text):
    article = parse_article(text)
    flat_text = " ".join(text.split())
    for paragraph in article.body.split("\n\n"):     # the parser only ever changes white space
        assert " ".join(paragraph.split()) in flat_text
    assert article.word_count >= 0
    for caption in article.captions:
        assert caption not in article.body


@FAST
@given(st.binary(max_size=2000))
def test_decode_returns_text_or_says_why(data):
    try:
        decoded = decode(data)
    except NotText as exc:
        assert str(exc)
    else:
        assert "\x00" not in decoded.text and "\r" not in decoded.text


@FAST
@given(st.text())
def test_fold_keeps_every_offset(text):
    assert len(fold(text)) == len(text)


@FAST
@given(st.text(alphabet=string.printable + "\u00a0\u2014\u201c"))
def test_paragraphs_are_stripped_and_non_empty(text):
    for paragraph in paragraphs(text):
        assert paragraph and paragraph == paragraph.strip()


@FAST
@given(st.text(max_size=200))
def test_stamp_finding_never_raises(line):
    stamp = datetimes.find_stamp(line)
    assert stamp is None or stamp.precision in {"second", "minute", "day"}
    datetimes.stamp_leftover(line)


def _entities_and_quotes_stay_inside(body: str, spans) -> None:
    from flows.entities.gazetteer import load_gazetteer
    from flows.entities.identity import resolve_in_article
    from flows.entities.mentions import article_mentions
    from flows.entities.quotes import find_quotes

    mentions = article_mentions(body, spans, load_gazetteer())
    resolve_in_article(mentions)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(body) and m.type in {"PERSON", "ORG", "LOC"}
        assert body[m.start:m.end].endswith(m.name)
    assert len({m.start for m in mentions}) == len(mentions)      # one mention per offset, as the load needs
    for q in find_quotes(body, mentions):
        assert 0 <= q.start < q.end <= len(body) and q.text == body[q.start:q.end]


LABELS = st.sampled_from(["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT"])


@FAST
@given(HOSTILE_TEXT, st.data())
def test_entities_and_quotes_stay_inside_the_body_whatever_the_model_proposes(text, data):
    body = parse_article(text).body
    bounds = st.integers(0, len(body))
    spans = data.draw(st.lists(st.tuples(bounds, bounds, LABELS).filter(lambda s: s[0] < s[1]), max_size=12))
    _entities_and_quotes_stay_inside(body, spans)


@pytest.mark.e2e
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_TEXT)
def test_entities_and_quotes_stay_inside_the_body(text):
    from flows.entities import ner

    body = parse_article(text).body
    _entities_and_quotes_stay_inside(body, ner.propose([body], processes=1)[0])


# Characters ftfy's badness patterns are made of, mixed with the ASCII around them in real text.
MOJIBAKE_ALPHABET = st.sampled_from(list("ÂÃÎÐØÙâ€™œžŸ¢£©®°±²³´µ·»¿ÀÑàñ“”‘’–—…•‹›™ƒˆ‰¦¤¨¬¯¸√≈‚Äìîвђ") +
                                    list("abcXYZ 019.,\n\t") + ["\x85", "\x9d", "Œ", "ϕ"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(MOJIBAKE_ALPHABET, st.text(max_size=3)), max_size=60).map("".join))
def test_looking_for_mojibake_near_non_ascii_finds_what_ftfy_finds(text):
    import ftfy.badness

    from flows.parse.decoding import looks_like_mojibake
    assert looks_like_mojibake(text) == ftfy.badness.is_bad(text)


def test_ftfy_badness_matches_are_no_longer_than_the_window_decoding_searches():
    import re

    import ftfy.badness

    from flows.parse.decoding import MOJIBAKE_MAX_CHARS
    pattern = ftfy.badness.BADNESS_RE
    assert re._parser.parse(pattern.pattern, pattern.flags).getwidth()[1] <= MOJIBAKE_MAX_CHARS


NAME_WORDS = st.sampled_from(["Kim", "Jong", "Un", "Korea", "North", "Korean", "Army", "Putin", "A", "B", "-", "'s", "of"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(NAME_WORDS, min_size=2, max_size=4).map(" ".join), min_size=1, max_size=8, unique=True),
       st.lists(st.one_of(NAME_WORDS, st.sampled_from([" ", ", ", "-", "'", "\n", "x"])), max_size=40).map("".join))
def test_the_name_finder_finds_what_one_big_regex_finds(names, text):
    import re

    from flows.entities.mentions import _NameFinder
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    regex = re.compile(r"(?<![\w'-])(?:" + alternation + r")(?![\w-])")
    assert [(s, e, n) for s, e, n in _NameFinder(names).finditer(text)] == \
        [(m.start(), m.end(), m.group()) for m in regex.finditer(text)]
