"""Saved pages: trafilatura's metadata with its full time, <figcaption> captions."""
from __future__ import annotations

import datetime as dt

import pytest

from flows.parse.datetimes import metadata_stamp
from flows.parse.html import parse_html
from flows.parse.outlets import load_outlets

PAGE = """<!DOCTYPE html><html><head><title>Tide floods harbour road | The Harbour Herald</title>
<meta property="og:site_name" content="The Harbour Herald">
<meta property="article:published_time" content="{time}"></head><body><article><h1>Tide floods harbour road</h1>
<figure><img src="a.jpg"><figcaption>Water covers the harbour road at high tide on Monday.</figcaption></figure>
<p>A spring tide flooded the harbour road on Monday morning, closing it to traffic for three hours, the council said.</p>
<p>Council crews cleared seaweed and gravel from the road before it reopened at midday, the council said.</p>
</article></body></html>"""


@pytest.mark.parametrize(("time", "utc", "precision"), [
    ("2025-03-12T13:20:05Z", dt.datetime(2025, 3, 12, 13, 20, 5), "second"),
    ("2025-03-12T14:20:00+01:00", dt.datetime(2025, 3, 12, 13, 20), "minute"),
])
def test_published_time_keeps_its_time_of_day(time, utc, precision):
    article = parse_html(PAGE.format(time=time), load_outlets())
    assert article.published.utc == utc.replace(tzinfo=dt.timezone.utc)
    assert article.published.precision == precision
    assert article.publisher == "The Harbour Herald"
    assert article.captions == ["Water covers the harbour road at high tide on Monday."]
    assert "Water covers" not in article.body


@pytest.mark.parametrize(("value", "local", "zone", "precision"), [
    ("2025-03-12T13:20:05+0000", dt.datetime(2025, 3, 12, 13, 20, 5), "+00:00", "second"),
    ("2025-03-12T00:00:00", dt.datetime(2025, 3, 12), None, "day"),    # how a bare day comes back
    ("2025-03-12", dt.datetime(2025, 3, 12), None, "day"),
])
def testmetadata_stamp(value, local, zone, precision):
    stamp = metadata_stamp(value)
    assert (stamp.local, stamp.zone, stamp.precision) == (local, zone, precision)


def test_a_three_megabyte_news_page_loads_its_article():
    """CNN and CNBC pages hold 1 to 3 MB of markup around a few pages of text: the length limit is
    for the extracted text, not for the markup."""
    from flows.parse.files import parse_one
    from flows.parse.outlets import load_outlets

    story = "".join(f"<p>Paragraph {n}: the council approved the budget after a long debate, officials said.</p>"
                    for n in range(12))
    script = "<script>var state = '" + "x" * 3_000_000 + "';</script>"
    page = f"<!doctype html><html><head><title>Budget passes</title>{script}</head><body><article>" \
           f"<h1>Budget passes</h1>{story}</article></body></html>"
    row, _, _ = parse_one(page.encode(), "page.html", "sha", load_outlets())
    assert "Paragraph 11" in row["body"] and len(row["body"]) < 5000
