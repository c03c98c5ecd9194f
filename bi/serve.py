"""`make bi`: Apache Superset over the warehouse, set up on first use and served on loopback.

Runs with the pipeline's Python (it finds the warehouse's folder as a run does); Superset itself
runs from its own virtual environment, .venv-bi, through its command line. Everything Superset
keeps lives in <warehouse>.files/superset/: the SQLite metadata database, the secret key, the log
and state.json, which records what is already done so that a second start only serves:

1. the metadata schema (`superset db upgrade`, `superset init`), again when Superset's lock changes;
2. the admin user: its password from SUPERSET_ADMIN_PASSWORD (set again on every start that
   gives it), else generated and printed once, when the user is created;
3. the starter dashboard, bi/dashboard/ (Superset's own YAML export format), imported with the
   warehouse's path written into its database connection, again when the repository's copy changes;
4. gunicorn on 127.0.0.1, until Ctrl+C.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

from flows.load.warehouse import Beside

BI = Path(__file__).resolve().parent
ROOT = BI.parent
SUPERSET_BIN = ROOT / ".venv-bi" / "bin"
DASHBOARD = BI / "dashboard"
LOCK = BI / "requirements.lock"
WAREHOUSE_PLACEHOLDER = "__WAREHOUSE__"      # in bi/dashboard/databases/*.yaml
ADMIN = "admin"
PASSWORD_ENV = "SUPERSET_ADMIN_PASSWORD"


def superset_home(warehouse: Path) -> Path:
    """The folder beside the warehouse where Superset keeps everything, with its secret key."""
    home = Beside.of(warehouse).folder / "superset"
    home.mkdir(parents=True, exist_ok=True)
    key = home / "secret_key"
    if not key.exists():
        key.touch(mode=0o600)
        key.write_text(secrets.token_urlsafe(48), encoding="utf-8")
    return home


def superset_env(home: Path) -> dict[str, str]:
    return {**os.environ, "SUPERSET_CONFIG_PATH": str(BI / "superset_config.py"), "WIREHOUSE_BI_HOME": str(home)}


def superset(home: Path, *args: str, stdin: str | None = None) -> str:
    """Run one `superset` command; its output goes to the log, and to the error when it fails."""
    done = subprocess.run([str(SUPERSET_BIN / "superset"), *args], env=superset_env(home), input=stdin,
                          capture_output=True, text=True, timeout=600)
    with (home / "setup.log").open("a", encoding="utf-8") as log:
        log.write(f"$ superset {' '.join(args)}\n{done.stdout}{done.stderr}\n")
    if done.returncode != 0:
        raise SystemExit(f"superset {' '.join(args)} failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout


def read_state(home: Path) -> dict:
    path = home / "state.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write_state(home: Path, state: dict) -> None:
    (home / "state.json").write_text(json.dumps(state, indent=2), encoding="utf-8")


def initialise_metadata(home: Path, state: dict) -> None:
    """Create or upgrade Superset's schema and its roles, once per version of Superset's lock."""
    lock_hash = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if state.get("metadata_for_lock") == lock_hash:
        return
    superset(home, "db", "upgrade")
    superset(home, "init")
    state["metadata_for_lock"] = lock_hash
    write_state(home, state)


def ensure_admin(home: Path, state: dict) -> None:
    """Create the admin user, or set its password when SUPERSET_ADMIN_PASSWORD gives one. There is no
    default password: a generated one is printed once, when the user is created."""
    given = os.environ.get(PASSWORD_ENV)
    password = given or secrets.token_urlsafe(12)
    typed = f"{password}\n{password}\n"             # the password prompt, so it never shows in `ps`
    if not state.get("admin_created"):
        superset(home, "fab", "create-admin", "--username", ADMIN, "--firstname", "Superset", "--lastname", "Admin",
                 "--email", "admin@localhost", stdin=typed)
        state["admin_created"] = True
        write_state(home, state)
        if not given:
            print(f"Superset admin user: {ADMIN}, password: {password}   (printed this once; "
                  f"set {PASSWORD_ENV} to choose another)")
    elif given:
        superset(home, "fab", "reset-password", "--username", ADMIN, stdin=typed)


def dashboard_bundle(warehouse: Path) -> bytes:
    """bi/dashboard/ as the ZIP `superset import-dashboards` reads, the warehouse's path filled in."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for path in sorted(DASHBOARD.rglob("*.yaml")):
            text = path.read_text(encoding="utf-8").replace(WAREHOUSE_PLACEHOLDER, str(warehouse))
            info = zipfile.ZipInfo(f"wirehouse/{path.relative_to(DASHBOARD)}", date_time=(2000, 1, 1, 0, 0, 0))
            bundle.writestr(info, text)
    return buffer.getvalue()


def import_dashboard(home: Path, state: dict, warehouse: Path) -> None:
    """Import the starter dashboard with its charts, datasets and database connection when the bundle
    changed. Superset's import replaces the dashboard and adds what is missing; charts, datasets and the
    connection already there are kept as they are, with the edits made to them."""
    bundle = dashboard_bundle(warehouse)
    bundle_hash = hashlib.sha256(bundle).hexdigest()
    if state.get("dashboard_bundle") == bundle_hash:
        return
    path = home / "dashboard.zip"
    path.write_bytes(bundle)
    superset(home, "import-dashboards", "--path", str(path), "--username", ADMIN)
    state["dashboard_bundle"] = bundle_hash
    write_state(home, state)


def port_is_free(port: int) -> bool:
    """Whether nothing listens on 127.0.0.1:port (else the health check would ask someone else's server)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_until_healthy(url: str, server: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"Superset stopped while starting (exit {server.returncode}); see its log")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"Superset did not answer at {url} within {seconds:.0f} s; see its log")


def serve(home: Path, port: int) -> None:
    """gunicorn on loopback until Ctrl+C (or SIGTERM); prints the address once Superset answers."""
    url = f"http://127.0.0.1:{port}"
    log = home / "superset.log"
    with log.open("a", encoding="utf-8") as out:
        server = subprocess.Popen(
            [str(SUPERSET_BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
             "--worker-class", "gthread", "--timeout", "120", "superset.app:create_app()"],
            env=superset_env(home), stdout=out, stderr=subprocess.STDOUT)
    signal.signal(signal.SIGTERM, lambda *_: server.terminate())
    try:
        wait_until_healthy(url, server)
        print(f"Superset: {url}/superset/dashboard/wirehouse/   (user {ADMIN}; log {log}; Ctrl+C to stop)",
              flush=True)
        server.wait()
    except KeyboardInterrupt:
        print("stopped", flush=True)
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=30)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, required=True, help="the DuckDB warehouse file")
    parser.add_argument("--port", type=int, default=8088, help="port on 127.0.0.1 (default 8088)")
    args = parser.parse_args(argv)
    warehouse = args.warehouse.resolve()
    if not warehouse.is_file():
        raise SystemExit(f"no warehouse at {warehouse}: run `wirehouse run` first")
    if not (SUPERSET_BIN / "superset").exists():
        raise SystemExit("Superset is not installed: `make bi` installs it into .venv-bi")
    if not port_is_free(args.port):
        raise SystemExit(f"port {args.port} on 127.0.0.1 is taken (another Superset?): choose one with --port "
                         "(make bi BI_PORT=...)")
    started = time.monotonic()
    home = superset_home(warehouse)
    state = read_state(home)
    initialise_metadata(home, state)
    ensure_admin(home, state)
    import_dashboard(home, state, warehouse)
    print(f"Superset set up in {time.monotonic() - started:.1f} s; metadata in {home}", flush=True)
    serve(home, args.port)


if __name__ == "__main__":
    sys.exit(main())
