"""A one-file HTML report of the warehouse: charts drawn as inline SVG, no script or font to fetch.

Every chart reads one query in sql/analysis/report_*.sql. Every string from the warehouse goes
through html.escape before it reaches the page.
"""
from __future__ import annotations

import datetime as dt
import math
from html import escape
from pathlib import Path

import duckdb

from flows.resources import SQL

ANALYSIS_SQL = SQL / "analysis"
TYPE_COLOURS = {"PERSON": "#3b6fb6", "ORG": "#c0692b", "LOC": "#3d9a5b", "MISC": "#8a6bb0"}
WIDTH = 760
STYLE = """
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:820px;color:#222}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{font-size:1.15rem;margin:2.2rem 0 .4rem}
p.note{color:#666;margin:.2rem 0 .8rem} svg{display:block;background:#fafafa;border:1px solid #eee}
svg text{font:11px system-ui,sans-serif;fill:#333} .legend span{margin-right:1rem}
.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-1px}
"""
# Marks <body data-charts-drawn="N"> once the browser has laid out N non-empty charts.
CHECK_SCRIPT = """
document.addEventListener('DOMContentLoaded', function () {
  var drawn = 0;
  document.querySelectorAll('svg[data-chart]').forEach(function (svg) {
    var box = svg.getBBox();
    if (box.width > 0 && box.height > 0 && svg.querySelectorAll('rect,circle,line,path').length > 1) drawn++;
  });
  document.body.setAttribute('data-charts-drawn', String(drawn));
});
"""


def _rows(con, name: str, limit: int = 15) -> list[dict]:
    sql = (ANALYSIS_SQL / f"report_{name}.sql").read_text(encoding="utf-8")
    cursor = con.execute(sql, {"limit": limit} if "$limit" in sql else {})
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def _svg(name: str, height: int, body: str) -> str:
    return (f'<svg data-chart="{name}" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
            f'role="img" xmlns="http://www.w3.org/2000/svg">{body}</svg>')


def _empty(name: str) -> str:
    return _svg(name, 60, '<text x="20" y="35">No data yet.</text>')


def top_entities_chart(rows: list[dict]) -> str:
    if not rows:
        return _empty("top-entities")
    bar, left = 22, 230
    most = max(r["articles"] for r in rows)
    parts = []
    for i, r in enumerate(rows):
        y, w = 10 + i * bar, (WIDTH - left - 60) * r["articles"] / most
        parts.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{escape(r["canonical_name"])}</text>'
                     f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{bar - 6}" '
                     f'fill="{TYPE_COLOURS.get(r["entity_type"], "#999")}"><title>{escape(r["canonical_name"])}: '
                     f'{r["articles"]} articles, {r["mentions"]} mentions</title></rect>'
                     f'<text x="{left + w + 6:.1f}" y="{y + 15}">{r["articles"]} · {r["mentions"]}</text>')
    return _svg("top-entities", 20 + bar * len(rows), "".join(parts))


def _circle_layout(names: list[str], cx: float, cy: float, radius: float) -> dict[str, tuple[float, float]]:
    return {n: (cx + radius * math.cos(2 * math.pi * i / len(names) - math.pi / 2),
                cy + radius * math.sin(2 * math.pi * i / len(names) - math.pi / 2)) for i, n in enumerate(names)}


def network_chart(name: str, edges: list[tuple[str, str, float, str]], node_types: dict[str, str]) -> str:
    """Nodes on a circle, edges as lines whose width is their weight; `edges` are (a, b, weight, tip)."""
    if not edges:
        return _empty(name)
    height = 520
    nodes = sorted({n for a, b, _, _ in edges for n in (a, b)})
    at = _circle_layout(nodes, WIDTH / 2, height / 2, min(WIDTH, height) / 2 - 90)
    heaviest = max(w for _, _, w, _ in edges)
    lines = "".join(
        f'<line x1="{at[a][0]:.1f}" y1="{at[a][1]:.1f}" x2="{at[b][0]:.1f}" y2="{at[b][1]:.1f}" stroke="#889" '
        f'stroke-opacity=".55" stroke-width="{1 + 5 * w / heaviest:.1f}"><title>{escape(tip)}</title></line>'
        for a, b, w, tip in edges)
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{TYPE_COLOURS.get(node_types.get(n, ""), "#777")}">'
        f'<title>{escape(n)}</title></circle>'
        f'<text x="{x + (10 if x >= WIDTH / 2 else -10):.1f}" y="{y + 4:.1f}" '
        f'text-anchor="{"start" if x >= WIDTH / 2 else "end"}">{escape(n[:28])}</text>'
        for n, (x, y) in at.items())
    return _svg(name, height, lines + dots)


def timeline_chart(rows: list[dict]) -> str:
    dated = [r for r in rows if r["day"] is not None]
    if not dated:
        return _empty("timeline")
    height, left, bottom = 220, 40, 40
    first, last = dated[0]["day"], dated[-1]["day"]
    span = max((last - first).days, 0) + 1
    most = max(r["articles"] for r in dated)
    step = (WIDTH - left - 20) / span
    bars = []
    for r in dated:
        x = left + (r["day"] - first).days * step
        h = (height - bottom - 20) * r["articles"] / most
        bars.append(f'<rect x="{x + 1:.1f}" y="{height - bottom - h:.1f}" width="{max(step - 2, 1):.1f}" '
                    f'height="{h:.1f}" fill="#3b6fb6"><title>{r["day"]}: {r["articles"]} articles, '
                    f'{r["stories"]} stories</title></rect>')
    labels = [(first, left), (last, left + (span - 1) * step)] if span > 1 else [(first, left)]
    axis = (f'<line x1="{left}" y1="{height - bottom}" x2="{WIDTH - 20}" y2="{height - bottom}" stroke="#999"/>'
            + "".join(f'<text x="{x:.1f}" y="{height - bottom + 16}">{d.isoformat()}</text>' for d, x in labels)
            + f'<text x="{left}" y="14">{most} articles</text>')
    return _svg("timeline", height, axis + "".join(bars))


def heatmap_chart(rows: list[dict]) -> str:
    if not rows:
        return _empty("heatmap")
    sources = sorted({r["source_name"] for r in rows})
    entities = sorted({r["canonical_name"] for r in rows})
    left, top, cell = 170, 130, min(38, (WIDTH - 180) // max(len(entities), 1))
    most = max(r["mentions"] for r in rows)
    cells = "".join(
        f'<rect x="{left + entities.index(r["canonical_name"]) * cell}" y="{top + sources.index(r["source_name"]) * cell}" '
        f'width="{cell - 2}" height="{cell - 2}" fill="#c0692b" fill-opacity="{0.15 + 0.85 * r["mentions"] / most:.2f}">'
        f'<title>{escape(r["source_name"])} × {escape(r["canonical_name"])}: {r["mentions"]} mentions</title></rect>'
        for r in rows)
    row_labels = "".join(f'<text x="{left - 8}" y="{top + i * cell + cell / 2 + 3:.1f}" text-anchor="end">'
                         f'{escape(s[:24])}</text>' for i, s in enumerate(sources))
    col_labels = "".join(f'<text transform="translate({left + i * cell + cell / 2:.1f},{top - 6}) rotate(-55)">'
                         f'{escape(e[:22])}</text>' for i, e in enumerate(entities))
    return _svg("heatmap", top + cell * len(sources) + 20, row_labels + col_labels + cells)


def map_chart(rows: list[dict]) -> str:
    if not rows:
        return _empty("map")
    height = WIDTH // 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (lon + 180) / 360 * WIDTH, (90 - lat) / 180 * height

    grid = "".join(f'<line x1="0" y1="{xy(lat, 0)[1]:.1f}" x2="{WIDTH}" y2="{xy(lat, 0)[1]:.1f}" stroke="#e4e4e4"/>'
                   for lat in range(-60, 90, 30))
    grid += "".join(f'<line x1="{xy(0, lon)[0]:.1f}" y1="0" x2="{xy(0, lon)[0]:.1f}" y2="{height}" stroke="#e4e4e4"/>'
                    for lon in range(-150, 180, 30))
    most = max(r["articles"] for r in rows)
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{3 + 9 * math.sqrt(r["articles"] / most):.1f}" fill="#3d9a5b" '
        f'fill-opacity=".7"><title>{escape(r["canonical_name"])} ({escape(r["country_code"] or "")}): '
        f'{r["articles"]} articles</title></circle>'
        f'<text x="{x + 8:.1f}" y="{y - 6:.1f}">{escape(r["canonical_name"])}</text>'
        for r in rows for x, y in [xy(r["latitude"], r["longitude"])])
    return _svg("map", height, grid + dots)


def render(warehouse: Path) -> str:
    """The report as one HTML string."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        counts = con.execute((ANALYSIS_SQL / "report_counts.sql").read_text(encoding="utf-8")).fetchone()
        top = _rows(con, "top_entities", 15)
        pairs = _rows(con, "co_mentions", 30)
        timeline = _rows(con, "timeline")
        heat = _rows(con, "heatmap", 10)
        syndication = _rows(con, "syndication", 40)
        places = _rows(con, "places", 40)
    types = {r["entity_a"]: r["type_a"] for r in pairs} | {r["entity_b"]: r["type_b"] for r in pairs}
    co_edges = [(r["entity_a"], r["entity_b"], r["articles"], f'{r["entity_a"]} + {r["entity_b"]}: '
                 f'{r["articles"]} articles') for r in pairs]
    copy_edges = [(f'#{r["article_key_a"]} {r["label_a"]}', f'#{r["article_key_b"]} {r["label_b"]}',
                   r["shared_paragraphs"], f'{r["shared_paragraphs"]} shared paragraphs, similarity '
                   f'{r["similarity"]:.2f}') for r in syndication]
    undated = sum(r["articles"] for r in timeline if r["day"] is None)
    legend = "".join(f'<span><i style="background:{c}"></i>{t}</span>' for t, c in TYPE_COLOURS.items())
    sections = [
        ("Top entities", "Articles · mentions, per person, organization or place.", top_entities_chart(top)),
        ("Who appears with whom", "Entities named in the same article; thicker lines, more articles.",
         network_chart("co-mentions", co_edges, types)),
        ("Coverage over time", f"Articles per publication day; {undated} undated articles not shown.",
         timeline_chart(timeline)),
        ("Sources × entities", "Mentions of the most covered entities by the busiest sources.", heatmap_chart(heat)),
        ("Who copied whom", "Articles that share paragraphs; thicker lines, more shared paragraphs.",
         network_chart("syndication", copy_edges, {})),
        ("Places", "Places with coordinates in the gazetteer; larger dots, more articles.", map_chart(places)),
    ]
    generated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = "".join(f"<h2>{escape(title)}</h2><p class='note'>{escape(note)}</p>{chart}" for title, note, chart in sections)
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>wirehouse report</title>"
            f"<style>{STYLE}</style><script>{CHECK_SCRIPT}</script></head><body>"
            f"<h1>wirehouse report</h1><p class='note'>{counts[0]} articles, {counts[1]} entities, "
            f"{counts[2]} quotations, {counts[3]} stories · {escape(str(warehouse))} · {generated}</p>"
            f"<p class='legend'>{legend}</p>{body}</body></html>")


def write(warehouse: Path, out: Path) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(warehouse), encoding="utf-8")
    return out
