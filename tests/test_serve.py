"""`wirehouse serve` as a user meets it: a schedule that really runs, loads a dropped file, shows as
Completed in Prefect's API, and stops the server it started when it is interrupted."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, SEEDS

pytestmark = pytest.mark.e2e   # a real Prefect server on loopback, a serving process, scheduled runs
WIREHOUSE = ROOT / ".venv" / "bin" / "wirehouse"


def _articles(path: Path) -> int:
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            return con.execute("select count(*) from fact_article").fetchone()[0]
    except duckdb.Error:          # not there yet, or being replaced this instant
        return 0


def _wait(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(1)
    raise AssertionError(f"gave up waiting for {what}")


def _completed_runs(api: str) -> int:
    request = urllib.request.Request(f"{api}/flow_runs/filter", method="POST", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}).encode())
    with urllib.request.urlopen(request, timeout=10) as response:
        return len(json.loads(response.read()))


def test_a_scheduled_run_loads_a_file_dropped_into_the_inbox(tmp_path):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "w.duckdb"
    inbox.mkdir()
    seeds = sorted(SEEDS.iterdir())
    shutil.copy(seeds[0], inbox)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-client"), PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS="5",
               PREFECT_RUNNER_POLL_FREQUENCY="5")
    log = tmp_path / "serve.log"             # a file, not a pipe: a full pipe would stall the serving process
    with log.open("w") as out:
        serving = subprocess.Popen([str(WIREHOUSE), "serve", "--inbox", str(inbox), "--warehouse", str(warehouse),
                                    "--every", "10"], cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        ui = _wait(lambda: re.search(r"Prefect UI: (http://127\.0\.0\.1:\d+)", log.read_text()), 180,
                   "serve to print the Prefect UI's address")
        _wait(lambda: _articles(warehouse) == 1, 240, "the first scheduled run")
        shutil.copy(seeds[1], inbox)                                   # dropped while serving
        _wait(lambda: _articles(warehouse) == 2, 240, "a later run to load the dropped file")
        assert _completed_runs(f"{ui.group(1)}/api") >= 2
    finally:
        os.killpg(serving.pid, signal.SIGINT)
        serving.wait(timeout=60)
    with pytest.raises(OSError):                                       # the server it started is gone
        urllib.request.urlopen(f"{ui.group(1)}/api/health", timeout=5)
