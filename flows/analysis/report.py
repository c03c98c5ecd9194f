"""A one-file HTML report of the warehouse, for an analyst to open anywhere, offline.

Charts are Vega-Lite specifications built with Altair and drawn in the browser by Vega (tooltips,
scales, legends); Vega's JavaScript comes inlined from vl-convert's bundle, so the page fetches
nothing. The map's country outlines are Natural Earth's public-domain shapes (world-atlas 2.0.2,
countries at 1:110m, flows/data/world-countries-110m.json). Tables list the articles, quotations,
stories and runs. Every query is one file in sql/analysis/report_*.sql and counts the latest
version of each article only.

Article text reaches the page escaped: through html.escape in tables, and as JSON with `<`, `>`
and `&` written as \\u escapes inside the charts' <script type="application/json"> blocks.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

import altair as alt
import duckdb

from flows.load.warehouse import Beside
from flows.resources import DATA, SQL

ANALYSIS_SQL = SQL / "analysis"
WORLD = DATA / "world-countries-110m.json"
VEGA_LITE = "6.4"                 # the Vega-Lite version Altair writes (alt.SCHEMA_VERSION) and the bundle draws
TYPE_COLOURS = {"PERSON": "#3b6fb6", "ORG": "#c0692b", "LOC": "#3d9a5b", "MISC": "#8a6bb0"}
WIDTH = 640                       # of a chart's plotting area, in CSS pixels
MAP_HEIGHT = 400
LARGEST_CIRCLE = 900              # area in px² of the place named in the most articles
LABEL_FONT_PX, CHAR_PX = 11, 6.4  # label text size and a generous average glyph width at that size
STORY_COLOURS = 8                 # stories coloured by name on the timeline; the rest are "other stories"

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:900px;color:#222;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{font-size:1.15rem;margin:2.4rem 0 .3rem}
p.note{color:#555;margin:.2rem 0 .8rem} figure{margin:0} .empty{color:#777;font-style:italic}
table{border-collapse:collapse;width:100%;font-size:13px} th,td{text-align:left;padding:.3rem .5rem;vertical-align:top}
th{border-bottom:2px solid #ccc;white-space:nowrap} td{border-bottom:1px solid #eee} .nowrap{white-space:nowrap} td.n,th.n{text-align:right}
.failed{color:#a12} .quote{font-style:italic} ul.members{margin:.1rem 0;padding-left:1.1rem}
#vg-tooltip-element{font:12px system-ui,sans-serif}
"""
# Draws every chart, then marks <body data-charts-drawn="N"> with the charts that hold marks.
DRAW_SCRIPT = """
Promise.all([...document.querySelectorAll('figure[data-chart]')].map(function (figure) {
  var spec = JSON.parse(figure.querySelector('script[type="application/json"]').textContent);
  return vegaEmbed(figure.querySelector('.view'), spec, {renderer: 'svg', actions: false})
    .then(function () {
      var svg = figure.querySelector('svg'), box = svg && svg.getBBox();
      return box && box.width > 0 && box.height > 0 && svg.querySelectorAll('path,rect,text').length > 1;
    }, function (error) { figure.append(String(error)); return false; });
})).then(function (drawn) {
  document.body.setAttribute('data-charts-drawn', String(drawn.filter(Boolean).length));
});
"""


def plural(count: int, one: str, many: str | None = None) -> str:
    """`1 story`, `2 stories`, `1,204 articles`."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def _rows(con, name: str, limit: int | None = None) -> list[dict]:
    sql = (ANALYSIS_SQL / f"report_{name}.sql").read_text(encoding="utf-8")
    cursor = con.execute(sql, {"limit": limit} if "$limit" in sql else {})
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def _values(rows: list[dict]) -> alt.Data:
    """Rows as inline chart data: dates and times as ISO text, everything else as JSON has it."""
    def plain(value):
        return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value
    return alt.Data(values=[{k: plain(v) for k, v in row.items()} for row in rows])


def _type_colour(title: str = "type") -> alt.Color:
    return alt.Color("entity_type:N", title=title, legend=alt.Legend(orient="top"),
                     scale=alt.Scale(domain=list(TYPE_COLOURS), range=list(TYPE_COLOURS.values())))


COUNT_AXIS = alt.Axis(format="d", tickMinStep=1)          # counts: whole numbers only


# --- charts: each takes its query's rows and returns a chart, or None when there is nothing to draw ---

def top_entities_chart(rows: list[dict]) -> alt.Chart | None:
    if not rows:
        return None
    return alt.Chart(_values(rows)).mark_bar().encode(
        x=alt.X("articles:Q", title="articles naming it", axis=COUNT_AXIS),
        y=alt.Y("canonical_name:N", title=None, sort=None),
        color=_type_colour(),
        tooltip=[alt.Tooltip("canonical_name:N", title="entity"), alt.Tooltip("entity_type:N", title="type"),
                 alt.Tooltip("articles:Q"), alt.Tooltip("mentions:Q")],
    ).properties(width=WIDTH - 160, height=alt.Step(20))


def co_mentions_chart(rows: list[dict]) -> alt.Chart | None:
    """A matrix: one cell per pair named in the same articles, darker for more articles."""
    if not rows:
        return None
    both_ways = rows + [{**r, "entity_a": r["entity_b"], "entity_b": r["entity_a"]} for r in rows]
    base = alt.Chart(_values(both_ways)).encode(
        x=alt.X("entity_b:N", title=None, axis=alt.Axis(labelAngle=-40, orient="top", labelLimit=140)),
        y=alt.Y("entity_a:N", title=None, axis=alt.Axis(labelLimit=160)))
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("articles:Q", title="articles naming both", scale=alt.Scale(scheme="blues", domainMin=0),
                        legend=alt.Legend(orient="bottom", format="d", tickMinStep=1)),
        tooltip=[alt.Tooltip("entity_a:N", title="entity"), alt.Tooltip("entity_b:N", title="with"),
                 alt.Tooltip("articles:Q", title="articles naming both")])
    counts = base.mark_text(fontSize=10).encode(
        text="articles:Q", color=alt.condition("datum.articles > 2", alt.value("white"), alt.value("#333")))
    return (cells + counts).properties(width=alt.Step(26), height=alt.Step(22))


def _day_domain(days: list[dt.date], shortest: int = 14) -> list[str]:
    """The days shown: all of them, and at least `shortest` days so that one day is one bar, not the whole axis."""
    first, last = min(days), max(days)
    spare = max(shortest - ((last - first).days + 1), 2)
    start = first - dt.timedelta(days=spare // 2)
    end = last + dt.timedelta(days=spare - spare // 2 + 1)
    return [start.isoformat(), end.isoformat()]


# (longest span in days, Vega-Lite time unit, name, tooltip format), the first that fits is used
TIME_UNITS = ((62, "utcyearmonthdate", "day", "%Y-%m-%d"), (366, "utcyearweek", "week", "week of %Y-%m-%d"),
              (math.inf, "utcyearmonth", "month", "%B %Y"))


@dataclass(frozen=True)
class TimeAxis:
    """A publication-day axis that counts by day over a few weeks, by week over a few months and by month
    beyond, so that a bar stays wide enough to see (one day is 1/700 of a two-year axis)."""
    unit: str             # the Vega-Lite UTC time unit of a bar
    name: str             # "day", "week", "month": for titles
    tip_format: str
    domain: list[str]     # the axis's first and last instant, whole periods so that no bar spills out

    @classmethod
    def over(cls, days: list[dt.date]) -> "TimeAxis":
        span = (max(days) - min(days)).days
        for longest, unit, name, tip_format in TIME_UNITS:
            if span <= longest:
                if name == "day":
                    return cls(unit, name, tip_format, _day_domain(days))
                start, after_last = period_start(min(days), name), period_start(max(days), name, following=True)
                return cls(unit, name, tip_format, [start.isoformat(), after_last.isoformat()])
        raise AssertionError("the last time unit takes any span")

    def x(self, binned: bool = True) -> alt.X:
        days = (dt.date.fromisoformat(self.domain[1]) - dt.date.fromisoformat(self.domain[0])).days
        return alt.X(f"{self.unit if binned else 'utcyearmonthdate'}(day):T",
                     title=f"publication {self.name if binned else 'day'}", scale=alt.Scale(type="utc", domain=self.domain),
                     axis=alt.Axis(format="%b %-d, %Y" if days < 120 else "%b %Y", labelAngle=0,
                                   tickCount="day" if days < 20 else 8))

    def tip(self, binned: bool = True) -> alt.Tooltip:
        return alt.Tooltip(f"{self.unit if binned else 'utcyearmonthdate'}(day):T",
                           title=self.name if binned else "day", format=self.tip_format if binned else "%Y-%m-%d")


def period_start(day: dt.date, name: str, following: bool = False) -> dt.date:
    """The first day of the day, week (from Sunday, as Vega counts weeks) or month holding `day`; or of
    the period after it."""
    if name == "day":
        return day + dt.timedelta(days=following)
    if name == "week":
        return day - dt.timedelta(days=(day.weekday() + 1) % 7) + dt.timedelta(days=7 * following)
    first = day.replace(day=1)
    return dt.date(first.year + first.month // 12, first.month % 12 + 1, 1) if following else first


def mean_tone_by_period(rows: list[dict], name: str) -> list[dict]:
    """The mean tone of all sources per period, each source-day's mean weighted by its articles."""
    periods: dict[dt.date, tuple[float, int]] = {}
    for r in rows:
        start = period_start(r["day"], name)
        total, articles = periods.get(start, (0.0, 0))
        periods[start] = (total + r["tone_compound"] * r["articles"], articles + r["articles"])
    return [{"period": start, "tone_compound": round(total / articles, 4), "articles": articles}
            for start, (total, articles) in sorted(periods.items())]


def timeline_chart(rows: list[dict]) -> alt.Chart | None:
    dated = [r for r in rows if r["day"] is not None]
    if not dated:
        return None
    biggest = sorted({r["story"] for r in dated}, key=lambda s: (-sum(r["articles"] for r in dated if r["story"] == s), s))
    named = set(biggest[:STORY_COLOURS])
    shown = [{**r, "story": r["story"] if r["story"] in named else "other stories"} for r in dated]
    axis = TimeAxis.over([r["day"] for r in dated])
    return alt.Chart(_values(shown)).mark_bar().encode(
        x=axis.x(),
        y=alt.Y("sum(articles):Q", title="articles", axis=COUNT_AXIS),
        color=alt.Color("story:N", legend=alt.Legend(orient="bottom", columns=2, labelLimit=320)),
        tooltip=[axis.tip(), alt.Tooltip("story:N"), alt.Tooltip("sum(articles):Q", title="articles")],
    ).properties(width=WIDTH, height=200)


def heatmap_chart(rows: list[dict]) -> alt.Chart | None:
    if not rows:
        return None
    return alt.Chart(_values(rows)).mark_rect(stroke="white").encode(
        x=alt.X("canonical_name:N", title=None, axis=alt.Axis(labelAngle=-40, orient="top", labelLimit=140)),
        y=alt.Y("source_name:N", title=None, axis=alt.Axis(labelLimit=180)),
        color=alt.Color("mentions:Q", scale=alt.Scale(scheme="oranges", domainMin=0),
                        legend=alt.Legend(orient="bottom", title="mentions", format="d", tickMinStep=1)),
        tooltip=[alt.Tooltip("source_name:N", title="source"), alt.Tooltip("canonical_name:N", title="entity"),
                 alt.Tooltip("mentions:Q")],
    ).properties(width=alt.Step(30), height=alt.Step(24))


def _tone_scale(values: list[float]) -> alt.Scale:
    """Red for negative, blue for positive, white at 0; symmetric so that the colours compare."""
    reach = max(0.1, *(abs(v) for v in values))
    return alt.Scale(scheme="redblue", domain=[-reach, reach])


def tone_chart(rows: list[dict]) -> alt.Chart | None:
    """A circle per source and day, and a line through the mean of all sources per day, week or month
    (each source's mean weighted by its articles)."""
    if not rows:
        return None
    axis = TimeAxis.over([r["day"] for r in rows])
    y = alt.Y("tone_compound:Q", title="mean tone (VADER compound)")
    zero = alt.Chart(alt.Data(values=[{"zero": 0}])).mark_rule(color="#999", strokeDash=[3, 3]).encode(y="zero:Q")
    mean = alt.Chart(_values(mean_tone_by_period(rows, axis.name))).mark_line(
        color="#555", strokeWidth=1.2, point=alt.OverlayMarkDef(color="#555", size=12)).encode(
            x=alt.X("period:T", title="publication day"), y=y,
            tooltip=[alt.Tooltip("period:T", title=axis.name, format=axis.tip_format),
                     alt.Tooltip("tone_compound:Q", title="mean tone, all sources"), alt.Tooltip("articles:Q")])
    most = max(r["articles"] for r in rows)
    sources = alt.Chart(_values(rows)).mark_circle(opacity=0.8, stroke="#555", strokeWidth=0.4).encode(
        x=axis.x(binned=False), y=y,
        size=alt.Size("articles:Q", scale=alt.Scale(domain=[0, most], range=[0, 400]),
                      legend=alt.Legend(orient="bottom", title="articles", format="d", tickMinStep=1) if most > 1
                      else None),
        color=alt.Color("tone_compound:Q", scale=_tone_scale([r["tone_compound"] for r in rows]), legend=None),
        tooltip=[alt.Tooltip("source_name:N", title="source"), axis.tip(binned=False), alt.Tooltip("articles:Q"),
                 alt.Tooltip("tone_compound:Q", title="tone"), alt.Tooltip("tone_positive:Q", title="positive"),
                 alt.Tooltip("tone_negative:Q", title="negative")])
    return (zero + mean + sources).properties(width=WIDTH, height=220)


def themes_chart(rows: list[dict]) -> alt.Chart | None:
    """The topics found in the most articles, coloured by their articles' mean tone."""
    if not rows:
        return None
    named = [{**r, "topic": r["label"] if r["parent_label"] is None else f"{r['label']} ({r['parent_label']})"}
             for r in rows]
    return alt.Chart(_values(named)).mark_bar(stroke="#777", strokeWidth=0.4).encode(
        x=alt.X("articles:Q", title="articles about it", axis=COUNT_AXIS),
        y=alt.Y("topic:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
        color=alt.Color("tone_compound:Q", scale=_tone_scale([r["tone_compound"] for r in rows]),
                        legend=alt.Legend(orient="bottom", title="mean tone of its articles")),
        tooltip=[alt.Tooltip("label:N", title="topic"), alt.Tooltip("theme_code:N", title="IPTC code"),
                 alt.Tooltip("parent_label:N", title="within"), alt.Tooltip("articles:Q"),
                 alt.Tooltip("articles_leading:Q", title="articles where it leads"),
                 alt.Tooltip("tone_compound:Q", title="mean tone")],
    ).properties(width=WIDTH - 260, height=alt.Step(20))


def copy_pairs(rows: list[dict]) -> list[dict]:
    """Each pair of articles sharing paragraphs, from the original to the copy where the times tell."""
    pairs = []
    for r in rows:
        flipped = r["origin_article_key"] == r["article_key_b"]
        first, second = ("b", "a") if flipped else ("a", "b")
        arrow = "→" if r["origin_article_key"] is not None else "↔"
        pairs.append({"pair": f"{r[f'label_{first}']} {arrow} {r[f'label_{second}']} "
                              f"(#{r[f'article_key_{first}']}, #{r[f'article_key_{second}']})",
                      "original": r[f"file_{first}"], "copy": r[f"file_{second}"],
                      "direction": "original → copy" if arrow == "→" else "order unknown",
                      "shared_paragraphs": r["shared_paragraphs"], "similarity": round(r["similarity"], 2)})
    return pairs


def syndication_chart(rows: list[dict]) -> alt.Chart | None:
    if not rows:
        return None
    return alt.Chart(_values(copy_pairs(rows))).mark_bar().encode(
        x=alt.X("shared_paragraphs:Q", title="shared paragraphs", axis=COUNT_AXIS),
        y=alt.Y("pair:N", title=None, sort="-x", axis=alt.Axis(labelLimit=360)),
        color=alt.Color("similarity:Q", scale=alt.Scale(scheme="purples", domain=[0, 1]),
                        legend=alt.Legend(orient="bottom", title="similarity of the shared text")),
        tooltip=["pair:N", "direction:N", alt.Tooltip("original:N", title="file (first)"),
                 alt.Tooltip("copy:N", title="file (second)"), "shared_paragraphs:Q", "similarity:Q"],
    ).properties(width=WIDTH - 300, height=alt.Step(24))


@dataclass(frozen=True)
class Mercator:
    """d3's Mercator projection with a fixed scale and translation (what Vega draws with), so that the
    report knows where each place lands in pixels and can place its labels apart."""
    scale: float
    x0: float
    y0: float

    @classmethod
    def fitting(cls, lons: list[float], lats: list[float], width: float, height: float) -> "Mercator":
        west, east = min(lons) - 12, max(lons) + 12
        south, north = max(min(lats) - 8, -75), min(max(lats) + 8, 80)
        x_min, x_max = math.radians(west), math.radians(east)
        y_min, y_max = cls._y(south), cls._y(north)
        scale = min(width / (x_max - x_min), height / (y_max - y_min))
        return cls(scale, width / 2 - scale * (x_min + x_max) / 2, height / 2 + scale * (y_min + y_max) / 2)

    @staticmethod
    def _y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return self.x0 + self.scale * math.radians(lon), self.y0 - self.scale * self._y(lat)

    def lon_lat(self, x: float, y: float) -> tuple[float, float]:
        return (math.degrees((x - self.x0) / self.scale),
                math.degrees(2 * math.atan(math.exp((self.y0 - y) / self.scale)) - math.pi / 2))


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(places: list[dict], projection: Mercator, width: float, height: float) -> list[dict]:
    """Labels beside their circles (right, left, above or below), the most covered places first; a label
    that would cover another label or circle, or leave the map, is left out (its tooltip stays)."""
    most = max(p["articles"] for p in places)
    circles = []
    for p in places:
        x, y = projection.point(p["longitude"], p["latitude"])
        r = math.sqrt(LARGEST_CIRCLE * p["articles"] / most / math.pi)
        circles.append((p, x, y, r))
    taken = [(x - r, y - r, x + r, y + r) for _, x, y, r in circles]
    labels = []
    for p, x, y, r in circles:
        w, h = CHAR_PX * len(p["canonical_name"]), LABEL_FONT_PX + 2
        for left, top in ((x + r + 3, y - h / 2), (x - r - 3 - w, y - h / 2), (x - w / 2, y - r - 2 - h),
                          (x - w / 2, y + r + 2)):
            box = (left, top, left + w, top + h)
            own = (x - r, y - r, x + r, y + r)
            inside = 0 <= left and left + w <= width and 0 <= top and top + h <= height
            if inside and not any(_overlaps(box, other) for other in taken if other != own):
                taken.append(box)
                lon, lat = projection.lon_lat(left, top + h / 2)
                labels.append({"name": p["canonical_name"], "lon": lon, "lat": lat})
                break
    return labels


@cache
def _world() -> dict:
    return json.loads(WORLD.read_text(encoding="utf-8"))


def map_chart(rows: list[dict]) -> alt.Chart | None:
    if not rows:
        return None
    projection = Mercator.fitting([r["longitude"] for r in rows], [r["latitude"] for r in rows], WIDTH, MAP_HEIGHT)
    view = {"type": "mercator", "scale": projection.scale, "translate": [projection.x0, projection.y0]}
    countries = alt.Chart(alt.Data(values=_world(), format=alt.DataFormat(type="topojson", feature="countries"))) \
        .mark_geoshape(fill="#eceae4", stroke="#fff", strokeWidth=0.7, clip=True).project(**view)
    most = max(r["articles"] for r in rows)
    places = alt.Chart(_values(rows)).mark_circle(color="#3d9a5b", opacity=0.7, stroke="#1f5c33", strokeWidth=0.6) \
        .encode(longitude="longitude:Q", latitude="latitude:Q",
                size=alt.Size("articles:Q", scale=alt.Scale(domain=[0, most], range=[0, LARGEST_CIRCLE]),
                              legend=alt.Legend(title="articles naming it", orient="bottom", format="d",
                                                tickMinStep=1)),
                tooltip=[alt.Tooltip("canonical_name:N", title="place"), alt.Tooltip("country_code:N", title="country"),
                         alt.Tooltip("articles:Q")]).project(**view)
    labels = alt.Chart(alt.Data(values=place_labels(rows, projection, WIDTH, MAP_HEIGHT))) \
        .mark_text(align="left", baseline="middle", fontSize=LABEL_FONT_PX, color="#222") \
        .encode(longitude="lon:Q", latitude="lat:Q", text="name:N").project(**view)
    return (countries + places + labels).properties(width=WIDTH, height=MAP_HEIGHT)


# --- tables ---

def _table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    """An HTML table; cells are HTML already escaped by the caller."""
    if not rows:
        return "<p class='empty'>None.</p>"
    head = "".join(f"<th{' class=n' if i in numeric else ''}>{escape(h)}</th>" for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f"<td{' class=n' if i in numeric else ''}>{cell}</td>"
                                   for i, cell in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _text(value, missing: str = "—") -> str:
    return escape(str(value)) if value is not None else missing


def articles_table(rows: list[dict], raw: Path) -> str:
    """Headline, outlet, day, and a link to the copy of the file the warehouse keeps."""
    def link(r: dict) -> str:
        copy = raw / r["content_sha256"][:2] / r["content_sha256"]
        return f"<a href='{escape(copy.as_uri())}'>{escape(r['source_file'])}</a>"
    return _table(["headline", "outlet", "day", "words", "file"],
                  [[("<span class='empty'>(no headline)</span> " if r["untitled"] else "") + escape(r["headline"]),
                    _text(r["outlet"]), f"<span class='nowrap'>{_text(r['day'])}</span>", f"{r['word_count']:,}",
                    link(r)] for r in rows], {3})


def quotes_table(rows: list[dict]) -> str:
    """One row per quotation; the speaker is named on the first of theirs."""
    def speaker(i: int, r: dict) -> str:
        if i and rows[i - 1]["speaker"] == r["speaker"]:
            return ""
        return f"{escape(r['speaker'])} <span class='empty'>({plural(r['speaker_quotes'], 'quotation')})</span>"
    return _table(["speaker", "quotation", "outlet", "file"],
                  [[speaker(i, r),
                    f"<span class='quote'>“{escape(r['quote_text'])}”</span>", _text(r["outlet"]),
                    escape(r["source_file"])] for i, r in enumerate(rows)])


def stories_table(rows: list[dict]) -> str:
    def members(r: dict) -> str:
        return "<ul class='members'>" + "".join(
            f"<li>{escape(m['headline'])} <span class='empty'>({_text(m['outlet'], 'unknown outlet')}, "
            f"{_text(m['day'], 'undated')})</span></li>" for m in r["members"]) + "</ul>"
    return _table(["story", "articles"], [[f"<b>{_text(r['label'], '(unlabelled)')}</b>"
                                           f"{members(r)}", f"{r['articles']:,}"] for r in rows], {1})


def runs_table(runs: list[dict], quarantined: list[dict]) -> str:
    history = _table(["started (UTC)", "status", "files seen", "loaded", "skipped", "quarantined", "articles", "note"],
                      [[escape(r["started_at"].astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")),
                        f"<span class='{'failed' if r['status'] != 'success' else ''}'>{escape(r['status'])}</span>",
                        f"{r['files_seen']:,}", f"{r['files_loaded'] or 0:,}", f"{r['files_skipped']:,}",
                        f"{r['files_quarantined'] or 0:,}", f"{r['articles_loaded']:,}", _text(r["message"], "")]
                     for r in runs], {2, 3, 4, 5, 6})
    refused = _table(["quarantined (UTC)", "file", "stage", "reason"],
                     [[escape(r["quarantined_at"].astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")),
                       _text(r["source_file"]), escape(r["stage"]),
                       escape(r["reason"]) + (f" ({escape(r['table_name'])})" if r["table_name"] else "")]
                      for r in quarantined])
    return history + f"<h3>Quarantined files and rows</h3>{refused}"


# --- the page ---

def _figure(name: str, chart: alt.Chart | None) -> str:
    if chart is None:
        return "<p class='empty'>No data yet.</p>"
    spec = json.dumps(chart.to_dict(), separators=(",", ":"))
    spec = spec.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (f"<figure data-chart='{name}'><div class='view'></div>"
            f"<script type='application/json'>{spec}</script></figure>")


@cache
def _vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (vl-convert ships them: nothing is downloaded)."""
    import vl_convert

    return vl_convert.javascript_bundle(vl_version=VEGA_LITE).replace("</script", "<\\/script")


def render(warehouse: Path) -> str:
    """The report as one HTML string."""
    warehouse = Path(warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        articles, entities, quotes, stories = con.execute(
            (ANALYSIS_SQL / "report_counts.sql").read_text(encoding="utf-8")).fetchone()
        rows = {name: _rows(con, name, limit) for name, limit in [
            ("top_entities", 15), ("co_mentions", 30), ("timeline", None), ("heatmap", 10), ("syndication", 40),
            ("places", 40), ("tone", None), ("themes", 15), ("articles", None), ("quotes", 200), ("stories", 50), ("runs", 50), ("quarantine", 200)]}
    undated = sum(r["articles"] for r in rows["timeline"] if r["day"] is None)
    charts = [
        ("top-entities", "Top entities", "The people, organizations and places named in the most articles.",
         top_entities_chart(rows["top_entities"])),
        ("co-mentions", "Who appears with whom", "Pairs named in the same articles; the number is how many.",
         co_mentions_chart(rows["co_mentions"])),
        ("timeline", "Coverage over time",
         f"Articles per publication day, week or month (as the span allows), by story; "
         f"{plural(undated, 'undated article')} not shown.",
         timeline_chart(rows["timeline"])),
        ("tone", "Tone over time",
         "The mean tone of each source's articles per day (VADER compound, -1 to 1; red below 0, blue above); "
         "the line is the mean of all sources per day, week or month as the span allows. A lexicon's tone: "
         "compare sources and periods within the warehouse, not with other tools' scores.",
         tone_chart(rows["tone"])),
        ("themes", "Themes", "The IPTC Media Topics found in the most articles, coloured by their articles' mean tone.",
         themes_chart(rows["themes"])),
        ("heatmap", "Sources × entities", "Mentions of the most covered entities by the busiest sources.",
         heatmap_chart(rows["heatmap"])),
        ("syndication", "Who copied whom",
         "Articles sharing paragraphs: → points from the original to the copy when publication times tell, "
         "↔ when they do not.", syndication_chart(rows["syndication"])),
        ("map", "Places", "Places the gazetteer locates, sized by the articles naming them; a label that would "
         "cover another is left out (hover a circle for its name).", map_chart(rows["places"])),
    ]
    tables = [
        ("Articles", f"{plural(len(rows['articles']), 'article')}, the latest version of each; the file link opens "
         "the copy the warehouse keeps.", articles_table(rows["articles"], Beside.of(warehouse).raw)),
        ("Quotations by speaker", "The most quoted speakers first.", quotes_table(rows["quotes"])),
        ("Stories", "News events and the articles that report them.", stories_table(rows["stories"])),
        ("Runs", "Every pipeline run, the latest first, and what runs refused.",
         runs_table(rows["runs"], rows["quarantine"])),
    ]
    drawn = sum(chart is not None for *_, chart in charts)
    body = "".join(f"<h2>{escape(title)}</h2><p class='note'>{escape(note)}</p>{_figure(name, chart)}"
                   for name, title, note, chart in charts)
    body += "".join(f"<h2>{escape(title)}</h2><p class='note'>{escape(note)}</p>{table}" for title, note, table in tables)
    generated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    summary = ", ".join([plural(articles, "article"), plural(entities, "entity", "entities"),
                         plural(quotes, "quotation"), plural(stories, "story", "stories")])
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>wirehouse report</title>"
            f"<style>{STYLE}</style><script>{_vega_bundle()}</script></head><body data-charts='{drawn}'>"
            f"<h1>wirehouse report</h1><p class='note'>{summary} · {escape(str(warehouse))} · {generated}</p>"
            f"{body}<script>{DRAW_SCRIPT}</script></body></html>")


def write(warehouse: Path, out: Path) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(warehouse), encoding="utf-8")
    return out
