"""The report's pieces that need no run: words, the map's projection and labels, copy direction, time
axes, tone, themes, latest versions. The report drawn from a loaded warehouse is tested in
test_cross_article.py and test_versions.py."""
from __future__ import annotations

import datetime as dt

import pytest

from flows.analysis import report
from flows.analysis.report import CHAR_PX, LABEL_FONT_PX, MAP_HEIGHT, WIDTH, Mercator, place_labels, plural

# Places the old report piled on top of each other: the Russian Far East and Korea, and western Europe.
CROWDED = [("Vladivostok", 43.12, 131.89, 5), ("Ussuriysk", 43.80, 131.95, 2), ("Pyongyang", 39.03, 125.75, 5),
           ("Seoul", 37.57, 126.98, 4), ("Busan", 35.18, 129.08, 1), ("Moscow", 55.76, 37.62, 5),
           ("Paris", 48.86, 2.35, 3), ("Brussels", 50.85, 4.35, 2), ("Amsterdam", 52.37, 4.90, 2),
           ("London", 51.51, -0.13, 3), ("Berlin", 52.52, 13.40, 1), ("The Hague", 52.08, 4.30, 1)]


@pytest.mark.parametrize("count, words", [(0, "0 stories"), (1, "1 story"), (2, "2 stories"), (1204, "1,204 stories")])
def test_plurals(count, words):
    assert plural(count, "story", "stories") == words


def test_one_mention_is_not_mentions():
    assert plural(1, "mention") == "1 mention" and plural(3, "mention") == "3 mentions"


def test_mercator_goes_there_and_back():
    projection = Mercator.fitting([2.35, 131.89], [37.57, 55.76], WIDTH, MAP_HEIGHT)
    for lon, lat in [(2.35, 48.86), (131.89, 43.12), (-0.13, 51.51)]:
        x, y = projection.point(lon, lat)
        assert 0 <= x <= WIDTH and 0 <= y <= MAP_HEIGHT
        assert projection.lon_lat(x, y) == pytest.approx((lon, lat))


def test_crowded_labels_never_overlap_and_stay_on_the_map():
    places = [{"canonical_name": n, "latitude": lat, "longitude": lon, "articles": a} for n, lat, lon, a in CROWDED]
    projection = Mercator.fitting([p["longitude"] for p in places], [p["latitude"] for p in places], WIDTH, MAP_HEIGHT)
    labels = place_labels(places, projection, WIDTH, MAP_HEIGHT)
    boxes = []
    for label in labels:
        left, middle = projection.point(label["lon"], label["lat"])
        boxes.append((left, middle - LABEL_FONT_PX / 2, left + CHAR_PX * len(label["name"]), middle + LABEL_FONT_PX / 2))
    assert all(0 <= b[0] and b[2] <= WIDTH and 0 <= b[1] and b[3] <= MAP_HEIGHT for b in boxes)
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    named = {label["name"] for label in labels}
    assert {"Vladivostok", "Pyongyang", "Moscow", "Paris"} <= named      # the most covered are labelled first
    assert len(named) >= 8


def test_copies_point_from_the_original_when_times_tell():
    row = {"article_key_a": 1, "article_key_b": 2, "label_a": "K-VIBE", "label_b": "Yonhap", "file_a": "a.txt",
           "file_b": "b.txt", "shared_paragraphs": 3, "similarity": 0.904}
    told, untold = report.copy_pairs([{**row, "origin_article_key": 2}, {**row, "origin_article_key": None}])
    assert told["pair"].startswith("Yonhap → K-VIBE") and told["original"] == "b.txt"
    assert untold["pair"].startswith("K-VIBE ↔ Yonhap") and untold["direction"] == "order unknown"


def test_one_day_of_coverage_is_one_bar_among_two_weeks():
    start, end = report._day_domain([dt.date(2023, 9, 13)])
    assert (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days == 14
    assert start < "2023-09-13" < end


def test_map_circles_grow_with_area_not_radius():
    """The circle of a place in half the articles covers half the area (an honest size scale)."""
    places = [{"canonical_name": "A", "latitude": 0.0, "longitude": 0.0, "articles": 4},
              {"canonical_name": "B", "latitude": 10.0, "longitude": 10.0, "articles": 2}]
    chart = report.map_chart([{**p, "country_code": None} for p in places]).to_dict()
    size = next(layer for layer in chart["layer"] if layer["mark"]["type"] == "circle")["encoding"]["size"]
    assert size["scale"] == {"domain": [0, 4], "range": [0, report.LARGEST_CIRCLE]}    # linear from zero


def test_only_the_latest_version_of_an_article_is_listed():
    """Two versions of one file in the warehouse's own schema: the tables show the newer one once."""
    import duckdb

    from flows.load.warehouse import apply_schema, create_marts

    con = duckdb.connect()
    apply_schema(con)
    create_marts(con)
    con.execute("INSERT INTO dim_date (date_key, date) VALUES (-1, NULL)")
    con.execute("INSERT INTO dim_story (story_key, label) VALUES (1, 'Summit')")
    con.execute("""INSERT INTO fact_article (article_key, article_id, article_version, is_latest, source_file,
                       content_sha256, headline, body, word_count, date_key, story_key, run_id, loaded_at)
                   VALUES (1, 'a', 1, false, 'a.txt', 'aa11', 'First draft', 'Body.', 1, -1, 1, 'r', now()),
                          (2, 'a', 2, true, 'a.txt', 'bb22', 'Final', 'Body, edited.', 2, -1, 1, 'r', now())""")
    articles = report._rows(con, "articles")
    assert [(a["headline"], a["content_sha256"]) for a in articles] == [("Final", "bb22")]
    assert [s["articles"] for s in report._rows(con, "stories", 10)] == [1]


@pytest.mark.parametrize(("first", "last", "unit", "domain"), [
    (dt.date(2025, 3, 1), dt.date(2025, 3, 20), "day", None),                        # a few weeks: by day
    (dt.date(2024, 7, 10), dt.date(2024, 10, 2), "week", ["2024-07-07", "2024-10-06"]),  # Sundays, as Vega counts
    (dt.date(2023, 9, 13), dt.date(2025, 4, 27), "month", ["2023-09-01", "2025-05-01"]),
])
def test_a_longer_span_counts_by_week_or_month_with_whole_periods_on_the_axis(first, last, unit, domain):
    axis = report.TimeAxis.over([first, last])
    assert axis.name == unit
    assert axis.domain == (domain or report._day_domain([first, last]))
    assert axis.domain[0] <= first.isoformat() and last.isoformat() < axis.domain[1]


def test_the_mean_tone_weighs_each_source_by_its_articles():
    rows = [{"day": dt.date(2024, 5, 2), "tone_compound": 0.5, "articles": 3},
            {"day": dt.date(2024, 5, 30), "tone_compound": -0.5, "articles": 1},
            {"day": dt.date(2024, 6, 1), "tone_compound": -0.2, "articles": 2}]
    assert report.mean_tone_by_period(rows, "month") == [
        {"period": dt.date(2024, 5, 1), "tone_compound": 0.25, "articles": 4},
        {"period": dt.date(2024, 6, 1), "tone_compound": -0.2, "articles": 2}]


def test_themes_name_their_parent_and_tone_colours_are_symmetric_around_zero():
    rows = [{"label": "government", "parent_label": "politics", "theme_code": "medtop:20000593", "level": 2,
             "articles": 3, "articles_leading": 1, "tone_compound": -0.3},
            {"label": "sport", "parent_label": None, "theme_code": "medtop:15000000", "level": 1,
             "articles": 2, "articles_leading": 2, "tone_compound": 0.1}]
    chart = report.themes_chart(rows).to_dict()
    values = chart["data"]["values"] if "values" in chart["data"] else chart["datasets"][chart["data"]["name"]]
    assert [v["topic"] for v in values] == ["government (politics)", "sport"]
    assert chart["encoding"]["color"]["scale"]["domain"] == [-0.3, 0.3]
    assert report.themes_chart([]) is None and report.tone_chart([]) is None
