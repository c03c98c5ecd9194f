"""Where the package finds the files it ships: data, SQL and expectation suites.

In a checkout, `sql/` and `expectations/` sit at the top of the repository, beside `flows/`; an
installed wheel carries them inside the package as `flows/sql` and `flows/expectations`
(pyproject.toml maps them there). Every lookup goes through here.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name


DATA = PACKAGE / "data"
SQL = _shipped("sql")
EXPECTATIONS = _shipped("expectations")


def sql_text(relative: str) -> str:
    """The text of one SQL file under sql/, e.g. "stories/refresh_dim_story.sql"."""
    return (SQL / relative).read_text(encoding="utf-8")
