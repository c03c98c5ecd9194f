"""Progress bars for long work, on a terminal only: logs and scripts get none."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

MIN_ITEMS = 50      # shorter work finishes before a bar is worth drawing


def track(items: Iterable, total: int, description: str) -> Iterator:
    if total < MIN_ITEMS or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import track as rich_track

    yield from rich_track(items, total=total, description=description, console=Console(stderr=True), transient=True)
