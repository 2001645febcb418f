"""Compile WordNet 3.0's nouns of prizes and titles into storyline's own table.

    python scripts/compile_wordnet_prizes.py --source PATH/TO/wordnet-3.0 [--check]

writes ``src/storyline/data/wordnet_prize_nouns.tsv`` (WordNet's licence in its header; which
nouns: ``storyline.events.wordnet_tables.prize_nouns``; why: ``storyline.events.senses.
contests_prize``). WordNet's files are found as for ``compile_wordnet_persons.py``. ``--check``
writes nothing and exits 1 when the committed table differs from what WordNet compiles to.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storyline.events.wordnet_tables import prize_nouns

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "src" / "storyline" / "data" / "wordnet_prize_nouns.tsv"
HEADER = [
    "# Common nouns that name what a contest is won for, compiled from WordNet 3.0 by",
    "# scripts/compile_wordnet_prizes.py: single-word nouns whose most frequent sense is a kind",
    "# of 'award, accolade, honor' (sense 2), 'prize' (sense 1) or 'championship, title' (sense",
    "# 1), academic degrees left out, and the lemmas of those synsets whose most frequent sense",
    "# is not an act ('title'; not 'award', the act of awarding). A bare verb row whose object",
    "# is one of them codes no event ('will host the Oscars', 'defend his WBC title'). Do not",
    "# edit.",
    "#",
]


def build(source: Path) -> str:
    def lines(name: str) -> list[str]:
        return (source / name).read_text("utf-8", errors="replace").splitlines()

    licence = [f"# {line}".rstrip() for line in lines("LICENSE")]
    rows = prize_nouns(lines("data.noun"), lines("index.noun"))
    return "\n".join([*HEADER, *licence, "#", "# noun", *rows]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="WordNet 3.0 dict folder")
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    text = build(args.source)
    if args.check:
        if not TABLE.is_file() or TABLE.read_text("utf-8") != text:
            print(f"stale: {TABLE.relative_to(ROOT)} (run {Path(__file__).name})", file=sys.stderr)
            return 1
        return 0
    TABLE.write_text(text, "utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
