"""`make bi`: Superset over a real warehouse, through its API and in headless Chromium.

Skipped where Superset's own environment (.venv-bi, `make bi` or `make test` builds it) is missing.
One Superset serves the whole module; the last test replaces the warehouse under it.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from conftest import ROOT, SEEDS

from flows.run import loop
from flows.run.server import free_port

pytestmark = pytest.mark.e2e
BI_PYTHON = ROOT / ".venv-bi" / "bin" / "python"
CHARTS = {"Articles", "Top entities", "Coverage over time", "Quotes by speaker", "Places by country",
          "Who copied whom", "Copies", "Quarantine", "Runs", "Tone over time", "Themes"}
ANOTHER_ARTICLE = ("Flooding closes schools in Jakarta\nJAKARTA, Jan. 5, 2024 (Reuters) - Heavy rain flooded large "
                   "parts of Jakarta on Friday, closing schools and cutting power to thousands of homes.\n")


@pytest.fixture(scope="module")
def superset(tmp_path_factory):
    """bi/serve.py on a warehouse of the seeds and one empty file (quarantined): (address, password, inbox, warehouse)."""
    if not (BI_PYTHON.parent / "superset").exists():
        pytest.skip("Superset is not installed (.venv-bi: `make bi` or `make test` installs it)")
    root = tmp_path_factory.mktemp("bi")
    inbox, warehouse = root / "inbox", root / "warehouse" / "wirehouse.duckdb"
    shutil.copytree(SEEDS, inbox)
    (inbox / "empty.txt").write_text("")
    loop.run(inbox, warehouse)
    password = secrets.token_urlsafe(12)
    server = subprocess.Popen([sys.executable, str(ROOT / "bi" / "serve.py"), "--warehouse", str(warehouse),
                               "--port", str(free_port())],
                              env={**os.environ, "SUPERSET_ADMIN_PASSWORD": password}, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        said = []
        for line in server.stdout:                      # ends when serve.py gives up (it has its own time limits)
            said.append(line)
            if line.startswith("Superset: "):
                break
        else:
            pytest.fail("Superset did not start:\n" + "".join(said))
        yield line.split()[1].split("/superset/")[0], password, inbox, warehouse
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


@pytest.fixture(scope="module")
def api(superset):
    """An API client logged in as the admin, with the CSRF token SQL Lab's POSTs need."""
    address, password, _, _ = superset
    client = httpx.Client(base_url=address, timeout=120, headers={"Referer": address})
    login = client.post("/api/v1/security/login",
                        json={"username": "admin", "password": password, "provider": "db", "refresh": False})
    assert login.status_code == 200, login.text
    client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
    client.headers["X-CSRFToken"] = client.get("/api/v1/security/csrf_token/").json()["result"]
    yield client
    client.close()


def sql_lab(api, sql: str) -> httpx.Response:
    database = api.get("/api/v1/database/").json()["result"][0]
    return api.post("/api/v1/sqllab/execute/", json={"database_id": database["id"], "sql": sql, "runAsync": False})


def test_sql_lab_reads_the_warehouse(api):
    answer = sql_lab(api, "select count(*) as articles from fact_article where is_latest")
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"] == [{"articles": 5}]


@pytest.mark.parametrize("sql, refusal", [
    ("select * from read_text('/etc/passwd')", "file system operations are disabled by configuration"),
    ("COPY (select 1 as leaked) TO '{leak}'", "file system operations are disabled by configuration"),
    ("SET enable_external_access = true", "the configuration has been locked"),
])
def test_sql_lab_cannot_reach_the_servers_files(api, tmp_path, sql, refusal):
    leak = tmp_path / "leak.csv"
    answer = sql_lab(api, sql.format(leak=leak))
    assert answer.status_code >= 400
    assert refusal in answer.json()["errors"][0]["message"]
    assert not leak.exists()


def test_a_dashboard_chart_query_runs(api):
    charts = {c["slice_name"]: c for c in api.get("/api/v1/dashboard/wirehouse/charts").json()["result"]}
    assert set(charts) == CHARTS
    form = charts["Top entities"]["form_data"]
    dataset_id = int(form["datasource"].split("__")[0])
    answer = api.post("/api/v1/chart/data", json={
        "datasource": {"id": dataset_id, "type": "table"}, "form_data": form,
        "queries": [{"columns": [form["x_axis"]], "metrics": form["metrics"], "row_limit": form["row_limit"],
                     "orderby": [[form["timeseries_limit_metric"], False]]}],
        "result_format": "json", "result_type": "full"})
    assert answer.status_code == 200, answer.text
    rows = answer.json()["result"][0]["data"]
    assert len(rows) == 15
    assert {"canonical_name": "Kim Jong Un", "articles": 5} in rows


def test_the_dashboard_draws_every_chart_in_chromium(superset, tmp_path):
    if shutil.which("chromium") is None:
        pytest.skip("Debian's chromium package is not installed (make test installs it)")
    address, password, _, _ = superset
    picture = Path(os.environ.get("WIREHOUSE_SCREENSHOTS", tmp_path)) / "dashboard.png"
    shot = subprocess.run([str(BI_PYTHON), str(ROOT / "bi" / "screenshot.py"), f"{address}/superset/dashboard/wirehouse/",
                           str(picture), "--login", "admin"], env={**os.environ, "SUPERSET_ADMIN_PASSWORD": password},
                          capture_output=True, text=True, timeout=300)
    assert shot.returncode == 0, shot.stderr[-3000:]
    seen = json.loads(shot.stdout)
    assert {c["name"] for c in seen["charts"]} == CHARTS
    assert [c for c in seen["charts"] if not c["drawn"]] == []
    assert seen["refused"] == []                      # nothing on the page reached for another host
    assert picture.stat().st_size > 50_000


def test_superset_sees_the_next_run_without_a_restart(api, superset):
    """A run replaces the warehouse file (copy-and-swap); Superset opens the new one on its next query."""
    _, _, inbox, warehouse = superset
    assert sql_lab(api, "select count(*) as n from fact_article").json()["data"] == [{"n": 5}]
    (inbox / "jakarta.txt").write_text(ANOTHER_ARTICLE)
    assert loop.run(inbox, warehouse).ok
    assert sql_lab(api, "select count(*) as n from fact_article").json()["data"] == [{"n": 6}]
