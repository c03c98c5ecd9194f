"""Open a page in Debian's headless Chromium, wait for its charts to draw, save a PNG of the whole page.

Runs with Superset's environment (.venv-bi/bin/python), which has Playwright; Playwright drives
the Chromium already installed (/usr/bin/chromium) and downloads no browser of its own. Every request
that would leave this machine is refused, so a page that needs the network shows it.

    .venv-bi/bin/python bi/screenshot.py http://127.0.0.1:8088/superset/dashboard/wirehouse/ docs/dashboard.png --login admin
    .venv-bi/bin/python bi/screenshot.py file:///tmp/report.html docs/report.png

With --login the password comes from SUPERSET_ADMIN_PASSWORD and the page is a Superset dashboard:
it waits until every chart has drawn or failed. Prints what it saw as JSON: each chart's name and
whether it drew, and the requests refused for leaving the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from urllib.parse import urlsplit

from playwright.sync_api import Page, Route, sync_playwright

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]"}

# One entry per chart on a Superset dashboard: drawn when it holds a canvas (ECharts), an SVG
# with shapes (maps, big numbers), table rows, or Superset's "no results" notice; failed on an error.
DASHBOARD_CHARTS = """() => [...document.querySelectorAll('[data-test="chart-grid-component"]')].map(chart => {
  const name = chart.querySelector('[data-test="editable-title"], .header-title')?.innerText.trim() ?? '';
  const error = chart.querySelector('[role="alert"], .alert-danger, [data-test="error-tooltip"]');
  const canvas = [...chart.querySelectorAll('canvas')].some(c => c.width > 0 && c.height > 0);
  const shapes = chart.querySelectorAll('svg path, svg rect, svg circle, svg text').length > 0;
  const rows = chart.querySelectorAll('table tbody tr').length > 0;
  const empty = /No results were returned/.test(chart.innerText);
  return {name, drawn: !error && (canvas || shapes || rows || empty), error: error ? error.innerText : null};
})"""
ALL_SETTLED = f"() => ({DASHBOARD_CHARTS})().every(c => c.drawn || c.error) && ({DASHBOARD_CHARTS})().length > 0"


def keep_local(refused: list[str]):
    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")) or urlsplit(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            refused.append(url)
            route.abort("blockedbyclient")
    return route


def log_in(page: Page, site: str, user: str) -> None:
    """Log in through Superset's own form, as a person would."""
    page.goto(f"{site}/login/")
    page.fill("#username, input[name=username]", user)
    page.fill("#password, input[name=password]", os.environ["SUPERSET_ADMIN_PASSWORD"])
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url, timeout=60_000)


def fit_to_content(page: Page) -> None:
    """Grow the window to the page's height: Superset draws charts only while they are in view, and
    redraws them when a full-page screenshot resizes the window."""
    height = page.evaluate("Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": height})
    page.wait_for_timeout(3000)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("out", help="where to save the PNG")
    parser.add_argument("--login", metavar="USER", help="log in to Superset first; the page is a dashboard")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for the charts")
    args = parser.parse_args(argv)
    refused: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": args.width, "height": 1000})
        page.route("**/*", keep_local(refused))
        if args.login:
            split = urlsplit(args.url)
            log_in(page, f"{split.scheme}://{split.netloc}", args.login)
        page.goto(args.url)
        if args.login:
            page.wait_for_function(ALL_SETTLED, timeout=args.timeout * 1000, polling=500)
            page.wait_for_timeout(1500)                # ECharts animates its bars in
            charts = page.evaluate(DASHBOARD_CHARTS)
        else:
            page.wait_for_load_state("load")
            page.wait_for_timeout(1000)
            charts = []
        fit_to_content(page)
        page.screenshot(path=args.out, full_page=True)
        browser.close()
    json.dump({"charts": charts, "refused": refused}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
