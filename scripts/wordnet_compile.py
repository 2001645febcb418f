"""What the WordNet table compilers share: read WordNet 3.0's noun database and licence, write a
table under ``src/storyline/data`` with the licence in its header, or ``--check`` it.

Each ``compile_wordnet_*.py`` script names its table, its header and how WordNet's lines become
its rows (a function of ``storyline.events.wordnet_tables``); this module does the rest, so the
tables are made and checked the same way.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "storyline" / "data"
#: (data.noun lines, index.noun lines) → the table's rows, tab-separated
Rows = Callable[[list[str], list[str]], list[str]]


def compiled(source: Path, header: list[str], columns: str, rows: Rows) -> str:
    """The table's text: the header, WordNet's licence, the column names, the rows."""

    def lines(name: str) -> list[str]:
        return (source / name).read_text("utf-8", errors="replace").splitlines()

    licence = [f"# {line}".rstrip() for line in lines("LICENSE")]
    body = rows(lines("data.noun"), lines("index.noun"))
    return "\n".join([*header, *licence, "#", f"# {columns}", *body]) + "\n"


def main(
    table: Path, header: list[str], columns: str, rows: Rows, script: str, doc: str,
    argv: list[str] | None = None,
) -> int:  # fmt: skip
    """``--source PATH/TO/wordnet-3.0 [--check]``: write ``table``, or exit 1 when the committed
    one differs from what WordNet compiles to."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="WordNet 3.0 dict folder")
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    text = compiled(args.source, header, columns, rows)
    if args.check:
        if not table.is_file() or table.read_text("utf-8") != text:
            print(f"stale: {table.relative_to(ROOT)} (run {script})", file=sys.stderr)
            return 1
        return 0
    table.write_text(text, "utf-8")
    print(f"wrote {table.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    return 0
