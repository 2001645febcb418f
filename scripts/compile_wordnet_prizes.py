"""Compile WordNet 3.0's nouns of prizes and titles into storyline's own table.

    python scripts/compile_wordnet_prizes.py --source PATH/TO/wordnet-3.0 [--check]

writes ``src/storyline/data/wordnet_prize_nouns.tsv`` (WordNet's licence in its header; which
nouns: ``storyline.events.wordnet_tables.prize_nouns``; why: ``storyline.events.senses.
contests_prize``). WordNet's files are found as for ``compile_wordnet_persons.py``. ``--check``
writes nothing and exits 1 when the committed table differs from what WordNet compiles to.
"""

from __future__ import annotations

import sys
from pathlib import Path

from wordnet_compile import DATA, main

from storyline.events.wordnet_tables import prize_nouns

TABLE = DATA / "wordnet_prize_nouns.tsv"
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


if __name__ == "__main__":
    sys.exit(main(TABLE, HEADER, "noun", prize_nouns, Path(__file__).name, __doc__))
