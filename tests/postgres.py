"""A throwaway PostgreSQL server on loopback, from Debian's packages, for the DuckLake tests.

`make test` installs the packages when they are missing. As root (CI), the server runs as the
`postgres` user the package creates, since PostgreSQL refuses to run as root.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from flows.run.server import free_port

DATABASE = "wirehouse_lake"
USER = "wirehouse"


def binaries() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@contextlib.contextmanager
def server():
    """A running server; yields the DuckLake catalog string for a fresh database on it."""
    bindir = binaries()
    folder = Path(tempfile.mkdtemp(prefix="wirehouse-pg-"))
    as_server_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_server_user:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", free_port()

    def run(*command: str) -> None:
        subprocess.run([*as_server_user, *command], check=True, capture_output=True, cwd=folder)

    try:
        run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8", "--no-sync")
        run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "start", "-o",
            f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off")
        run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", USER, DATABASE)
        yield f"postgres:dbname={DATABASE} host=127.0.0.1 port={port} user={USER}"
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)
