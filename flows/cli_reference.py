"""The command-line reference in README.md, written from `wirehouse --help` so it cannot drift.

    .venv/bin/python -m flows.cli_reference           # rewrite the README's reference
    .venv/bin/python -m flows.cli_reference --check   # exit 1 if it is out of date (tests/test_cli.py)
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN = "<!-- cli-reference: written by `python -m flows.cli_reference` from --help; do not edit by hand -->"
END = "<!-- end of cli-reference -->"
WIDTH = "100"


def _help(args: list[str]) -> str:
    from typer.testing import CliRunner

    from flows.cli import app

    result = CliRunner().invoke(app, [*args, "--help"], prog_name="wirehouse", env={"COLUMNS": WIDTH, "TERMINAL_WIDTH": WIDTH, "NO_COLOR": "1"})
    return "\n".join(line.rstrip() for line in result.output.strip("\n").splitlines())


def commands() -> list[str]:
    """Every command's name, in the order --help lists them."""
    import typer.main

    from flows.cli import app

    return list(typer.main.get_command(app).commands)


def reference() -> str:
    """The block between BEGIN and END: `wirehouse --help`, then each command's help."""
    parts = [BEGIN, "", "```console", "$ wirehouse --help", _help([]), "```"]
    for name in commands():
        parts += ["", f"### `wirehouse {name}`", "", "```console", f"$ wirehouse {name} --help", _help([name]), "```"]
    return "\n".join(parts + ["", END])


def with_reference(readme: str) -> str:
    start, end = readme.index(BEGIN), readme.index(END) + len(END)
    return readme[:start] + reference() + readme[end:]


def main() -> int:
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    current = README.read_text(encoding="utf-8")
    wanted = with_reference(current)
    if "--check" in sys.argv:
        if wanted != current:
            print("README.md's command-line reference is out of date: run python -m flows.cli_reference", file=sys.stderr)
            return 1
        return 0
    README.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
