"""Great Expectations on real parsed batches: failing rows go to quarantine, named by expectation."""
from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl
import pytest
from conftest import SEEDS, chromium_dom

from flows.parse.files import parse_files
from flows.run.summary import RunSummary
from flows.validate import page as validation_page
from flows.validate.expectations import Validator, load_suites

pytestmark = pytest.mark.e2e   # real Prefect, GX, spaCy, DuckDB files or subprocesses

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
FUTURE = ("Tower opens\nPublished - March 3, 2099 10:00 am IST\nNEW DELHI: The tallest tower in the city "
          "opened to visitors on Monday, its owners said, after six years of construction work.")
TOO_SHORT = "Breaking\nMore soon."
BYLINE = ("Council passes budget\nBy John Smith\nThe city council approved the budget on Tuesday after a "
          "long debate about spending on buses and trains, the mayor's office said.")


def validate_batch(batch, now, suites=None):
    return Validator(suites).check(batch, now)


def _batch(documents: dict[str, bytes]):
    files = pl.DataFrame({"source_file": list(documents),
                          "content_sha256": [hashlib.sha256(b).hexdigest() for b in documents.values()]})
    by_sha = {hashlib.sha256(b).hexdigest(): b for b in documents.values()}
    return parse_files(files, by_sha.__getitem__)


@pytest.fixture(scope="module")
def outcome():
    documents = {p.name: p.read_bytes() for p in sorted(SEEDS.iterdir())}
    documents |= {"future.txt": FUTURE.encode(), "short.txt": TOO_SHORT.encode(), "author.txt": BYLINE.encode()}
    batch = _batch(documents)
    # The parser never reads "John2 Smith" as a name; the suite is the backstop if a source does.
    batch.authors = batch.authors.with_columns(pl.col("author_name").replace("John Smith", "John2 Smith"))
    return validate_batch(batch, NOW)


def test_good_rows_pass(outcome):
    assert outcome.passed
    assert set(outcome.batch.articles["source_file"]) == {p.name for p in SEEDS.iterdir()} | {"author.txt"}


def test_rows_failing_a_warning_expectation_are_quarantined_with_its_name(outcome):
    reasons = {(r["source_file"], r["table_name"]): r["reason"] for r in outcome.quarantine.iter_rows(named=True)}
    assert reasons[("future.txt", "fact_article")] == "expect_column_values_to_be_between(published_at)"
    assert reasons[("short.txt", "fact_article")] == "expect_column_values_to_be_between(word_count)"
    assert reasons[("author.txt", "dim_author")] == "expect_column_values_to_not_match_regex(author_name)"
    assert set(outcome.quarantine["stage"]) == {"validate"}


def test_a_bad_author_drops_the_credit_not_the_article(outcome):
    assert "author.txt" in set(outcome.batch.articles["source_file"])
    assert "John2 Smith" not in set(outcome.batch.authors["author_name"])


def test_results_record_every_expectation(outcome):
    suites = load_suites()
    assert outcome.results.height == sum(len(s["expectations"]) for s in suites.values())
    assert outcome.results.filter(~pl.col("success")).height == 3


def test_the_validation_page_reads_offline_in_a_browser(outcome, tmp_path):
    """Every expectation and every quarantined row, in a page that fetches nothing (GX's Data Docs
    load bootstrap and jQuery from CDNs and render blank offline)."""
    summary = RunSummary("run-1", "inbox", "w.duckdb", NOW, files_seen=8, articles_loaded=6, rows_quarantined=3)
    page = validation_page.write(tmp_path / "validation.html", summary, outcome.results, outcome.quarantine)
    html = page.read_text()
    assert "http" not in html.replace("http-equiv", "") and "<script" not in html
    dom = chromium_dom(page, offline=True)
    assert dom.count('<tr class="fail">') == 3 and "future.txt" in dom and "expect_column_values_to_be_between" in dom


def test_a_critical_failure_refuses_the_batch():
    batch = _batch({p.name: p.read_bytes() for p in sorted(SEEDS.iterdir())[:2]})
    batch.articles = pl.concat([batch.articles, batch.articles.head(1)])   # the same content twice
    checked = validate_batch(batch, NOW)
    assert not checked.passed
    assert checked.failures == ["fact_article: expect_column_values_to_be_unique(content_sha256)"]


def test_every_suite_builds_whole(tmp_path):
    broken = load_suites()
    broken["fact_caption"]["expectations"].append({"type": "expect_no_such_thing", "kwargs": {"column": "x"}})
    with pytest.raises(ValueError, match="fact_caption.json: GX refused"):
        validate_batch(_batch({"a.txt": (SEEDS / "000_16e73fbc7140bb2c.txt").read_bytes()}), NOW, suites=broken)


def test_one_bad_row_costs_only_that_row_not_the_batch():
    """A mention without an identity is quarantined on its own; its article and the batch load."""
    batch = _batch({p.name: p.read_bytes() for p in sorted(SEEDS.iterdir())[:2]})
    sha = batch.articles["content_sha256"][0]
    batch.mentions = pl.DataFrame([{"content_sha256": sha, "canonical_name": None, "entity_type": "PERSON",
                                    "surface_form": "Vergleich", "char_start": 0, "char_end": 9, "body_length": 100}],
                                  schema=batch.mentions.schema)
    checked = validate_batch(batch, NOW)
    assert checked.passed
    assert checked.batch.articles.height == 2 and checked.batch.mentions.height == 0
    assert checked.quarantine.select("table_name", "reason").rows() == [
        ("fact_entity_mention", "expect_column_values_to_not_be_null(canonical_name)")]
