"""More input formats: saved HTML, WARC crawls, JSON-lines exports, and a sidecar manifest."""
from __future__ import annotations

import datetime as dt
import io
import json

import duckdb
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from flows.run import loop

pytestmark = pytest.mark.e2e   # real DuckDB files, GX, spaCy, worker processes
PAGE = """<!doctype html><html><head><title>Dam releases water after heavy rain - Valley Post</title>
<meta property="og:title" content="Dam releases water after heavy rain">
<meta property="og:site_name" content="Valley Post"><meta name="author" content="Ruth Okafor">
<meta property="article:published_time" content="2024-05-02T08:15:00+01:00"></head><body>
<header><a href="/">Home</a> | <a href="/weather">Weather</a> | Subscribe</header>
<article><h1>Dam releases water after heavy rain</h1>
<p>Engineers opened the floodgates of the Kariba dam on Thursday after a week of heavy rain raised the lake to its highest level in a decade, the river authority said.</p>
<p>"We expect the river to rise by a metre downstream," said Martin Phiri, the authority's chief engineer.</p>
</article><aside>Related stories: Storm warning issued</aside><footer>© 2024 Valley Post</footer></body></html>"""


def _warc(pages: list[tuple[str, str, str]]) -> bytes:
    """A gzipped WARC with a response record per (url, date, html), plus a request and an image."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, date, html in pages:
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                      http_headers=headers, warc_headers_dict={"WARC-Date": date}))
    image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://news.example/logo.png", "response",
                                                  payload=io.BytesIO(b"\x89PNG...."), http_headers=image))
    return buffer.getvalue()


def _articles(path):
    with duckdb.connect(str(path), read_only=True) as con:
        return {r[0]: r[1:] for r in con.execute(
            """select a.source_file, a.url, a.headline, epoch(a.published_at), a.body, a.crawled_at,
                      s.source_name, a.published_precision
               from fact_article a left join dim_source s using (source_key)""").fetchall()}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    inbox = tmp_path_factory.mktemp("inputs")
    (inbox / "page.html").write_text(PAGE)
    (inbox / "crawl.warc.gz").write_bytes(_warc([
        ("https://news.example/2024/05/dam", "2024-05-02T09:00:00Z", PAGE + "<!-- crawled copy -->"),
        ("https://news.example/2024/05/bridge", "2024-05-03T10:30:00Z",
         PAGE.replace("Dam releases water after heavy rain", "Bridge reopens after repairs")
             .replace("floodgates of the Kariba dam", "Chirundu bridge to traffic"))]))
    rows = [
        {"title": "Port strike ends after pay deal", "authors": ["Lena Vogel", "Tom Berg"],
         "date_publish": "2024-04-30 14:05:00", "url": "https://harbour.example/strike",
         "source_domain": "harbour.example",
         "maintext": "HAMBURG (Reuters) - Dock workers in Hamburg ended a three-day strike on Tuesday after unions "
                     "and port operators agreed on a pay rise of six percent, the union said."},
        "this line is not JSON",
        {"title": "No text here"},
    ]
    (inbox / "export.jsonl").write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    (inbox / "plain.txt").write_text("Council approves budget\nThe city council approved next year's budget on "
                                     "Monday after a long debate about spending on public transport, officials said.\n")
    (inbox / "manifest.csv").write_text("file,url,source,published_at\n"
                                        "plain.txt,https://city.example/budget,City Herald,2024-05-06T18:00:00+02:00\n")
    path = inbox.parent / "w" / "wirehouse.duckdb"
    return loop.run(inbox, path), path


def test_every_input_accounted_for(loaded):
    summary, _ = loaded
    # page.html, 2 WARC pages, 3 JSON-lines rows, plain.txt; the manifest and the WARC's image are not inputs
    assert summary.files_seen == 7
    assert summary.files_seen == summary.files_loaded + summary.files_skipped + summary.files_quarantined
    assert summary.files_quarantined == 2      # the line that is not JSON, the row without text


def test_html_page(loaded):
    _, path = loaded
    url, headline, published, body, _, publisher, precision = _articles(path)["page.html"]
    assert headline == "Dam releases water after heavy rain" and publisher == "Valley Post"
    assert body.startswith("Engineers opened the floodgates") and "Subscribe" not in body and "Related" not in body
    # article:published_time keeps its time of day and offset (08:15 at +01:00)
    assert published == dt.datetime(2024, 5, 2, 7, 15, tzinfo=dt.timezone.utc).timestamp() and precision == "minute"


def test_warc_records_carry_url_and_crawl_time(loaded):
    _, path = loaded
    warc = {k: v for k, v in _articles(path).items() if k.startswith("crawl.warc.gz!/")}
    assert sorted(v[0] for v in warc.values()) == ["https://news.example/2024/05/bridge",
                                                   "https://news.example/2024/05/dam"]
    bridge = next(v for v in warc.values() if v[0].endswith("bridge"))
    assert bridge[1] == "Bridge reopens after repairs" and "Chirundu bridge" in bridge[3]
    assert bridge[4] == dt.datetime(2024, 5, 3, 10, 30, tzinfo=dt.timezone.utc)


def test_json_lines_fields(loaded):
    _, path = loaded
    url, headline, published, body, _, publisher, _ = _articles(path)["export.jsonl!/1"]
    assert (url, headline) == ("https://harbour.example/strike", "Port strike ends after pay deal")
    assert body.startswith("Dock workers in Hamburg") and publisher == "harbour.example"
    with duckdb.connect(str(path), read_only=True) as con:
        authors = con.execute("""select d.author_name from bridge_article_author b join dim_author d using (author_key)
                                 join fact_article a using (article_key) where a.source_file = 'export.jsonl!/1'
                                 order by author_position""").fetchall()
        reasons = dict(con.execute("select source_file, reason from quarantine").fetchall())
    assert authors == [("Lena Vogel",), ("Tom Berg",)]
    assert "not JSON" in reasons["export.jsonl!/2"] and "export.jsonl!/3" in reasons


def test_manifest_overrides_the_text(loaded):
    _, path = loaded
    url, _, published, _, _, publisher, _ = _articles(path)["plain.txt"]
    assert (url, publisher) == ("https://city.example/budget", "City Herald")
    assert published == dt.datetime(2024, 5, 6, 16, 0, tzinfo=dt.timezone.utc).timestamp()
