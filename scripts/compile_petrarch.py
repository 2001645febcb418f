"""Compile PETRARCH2's CAMEO verb dictionary and agent nouns into storyline's own tables.

    python scripts/compile_petrarch.py [--source ../shared/lexicons/petrarch2] [--check]

writes ``src/storyline/data/cameo_verbs.tsv``, ``src/storyline/data/petrarch_agents.tsv``,
``src/storyline/data/petrarch_discards.tsv``, ``src/storyline/data/petrarch_things.tsv``,
``src/storyline/data/petrarch_statements.tsv`` and ``src/storyline/data/petrarch_threats.tsv``
(with PETRARCH2's MIT licence and copyright lines in their headers; see
``storyline.events.petrarch_tables`` and ``petrarch_speech`` for what each row is). An agent
head is kept when WordNet says it names people: the committed
``src/storyline/data/wordnet_person_nouns.tsv`` (``scripts/compile_wordnet_persons.py``)
decides. ``--check`` writes nothing and exits 1 when the committed tables differ from what the
dictionaries compile to.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storyline.data import read_rows
from storyline.events.petrarch_loose import recode_loose_synonyms
from storyline.events.petrarch_speech import statement_rows, threat_rows
from storyline.events.petrarch_tables import (
    agent_heads,
    discard_rows,
    licence_header,
    people_test,
    thing_rows,
    verb_rows,
)
from storyline.events.petrarch_verbs import read_verb_dictionary

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "storyline" / "data"
VERBS_HEADER = [
    "# storyline verb lexicon compiled from PETRARCH2's CAMEO verb dictionary (CAMEO.2.0.txt):",
    "# every verb and verb pattern with its CAMEO code and the PLOVER type and mode PLOVER's own",
    "# table gives that code (data/cameo_plover.toml). NONE rows code no event (PETRARCH's '---',",
    "# statements and appeals). Format: plover_lexicon.tsv; 'reverse' = the object acts on the",
    "# subject (':173' in PETRARCH: 'faced trial'). plover_lexicon.tsv's hand rows override it.",
    "#",
]
AGENTS_HEADER = [
    "# Agent nouns compiled from PETRARCH2's Phoenix.agents.txt: head noun, CAMEO sector code of",
    "# most phrases with that head, number of phrases. A noun listed here names an actor",
    "# ('the minister', 'rebels', 'police'): a head is kept when one of its two most frequent",
    "# WordNet 3.0 senses is a person or a group of people (data/wordnet_person_nouns.tsv).",
    "#",
]
LEFT_OUT_HEADER = [
    "#",
    "# Heads left out, with their number of phrases: WordNet says they name no people (a place,",
    "# a building, a vehicle, a crime, a ministry name's first word), or they are stems and",
    "# misspellings WordNet does not know.",
]
WORDNET_PEOPLE = "wordnet_person_nouns.tsv"
THINGS_HEADER = [
    "# Thing nouns compiled from PETRARCH2's CAMEO.2.0.txt synonym sets of vehicles, weapons and",
    "# documents (&AIRCRAFT, &WEAPON, &WMD, &CAR, &TREATY, &PROPOSAL, &PROGRAM): noun, synset.",
    "# A phrase headed by one names a thing, never an actor; its operator in front of it may act",
    "# ('Israeli tanks fired': events/things.py).",
    "#",
]
STATEMENTS_HEADER = [
    "# Statement verbs compiled from PETRARCH2's CAMEO.2.0.txt: the verbs whose bare code is a",
    "# public statement (010) in a block of saying, with their block (SPEECH_BLOCKS in",
    "# events/petrarch_speech.py). Refusing one is declining comment (CAMEO 011,",
    "# PETRARCH2's 'REFUSE * COMMENT'), no rejection of anyone ('declined to comment':",
    "# events/senses.py).",
    "#",
]
THREATS_HEADER = [
    "# Threat patterns compiled from PETRARCH2's CAMEO.2.0.txt: under a verb whose bare code is a",
    "# threat (130), the patterns coding a threat (13x), as the words each requires besides its",
    "# prepositions ('WARN * CONSEQUENCES'). A warning whose clause holds them is a threat, one",
    "# that holds no act is a statement ('warned there could be losses': events/senses.py).",
    "#",
]
DISCARDS_HEADER = [
    "# Topic phrases compiled from PETRARCH2's Phoenix.discards.txt: phrase, level. A story whose",
    "# headline or lead names a 'story' phrase (a tournament, a celebrity), or whose headline",
    "# names a 'sentence' phrase ('football', 'bird flu'), is no political news: no event.",
    "#",
]


def build(source: Path) -> dict[Path, str]:
    verbs_text = (source / "CAMEO.2.0.txt").read_text("utf-8", errors="replace")
    agents_text = (source / "Phoenix.agents.txt").read_text("utf-8", errors="replace")
    dictionary = read_verb_dictionary(verbs_text)
    verbs = VERBS_HEADER + licence_header("Copyright (c) 2015 Open Event Data Alliance")
    patterns = recode_loose_synonyms(dictionary.patterns)
    verbs += ["#", "# pattern\tpos\twhen\ttype\tmode\tcameo\tnote", *verb_rows(patterns)]
    heads = agent_heads(agents_text, people_test({row[0] for row in read_rows(WORDNET_PEOPLE)}))
    agents = AGENTS_HEADER + licence_header("Copyright (c) 2014 Open Event Data Alliance")
    agents += LEFT_OUT_HEADER + heads.left_out_lines()
    agents += ["#", "# noun\tsector\tphrases", *heads.rows()]
    discards_text = (source / "Phoenix.discards.txt").read_text("utf-8", errors="replace")
    discards = DISCARDS_HEADER + licence_header("Copyright (c) 2014 Open Event Data Alliance")
    discards += ["#", "# phrase\tlevel", *discard_rows(discards_text)]
    things = THINGS_HEADER + licence_header("Copyright (c) 2015 Open Event Data Alliance")
    things += ["#", "# noun\tsynset", *thing_rows(dictionary.synsets)]
    statements = STATEMENTS_HEADER + licence_header("Copyright (c) 2015 Open Event Data Alliance")
    statements += ["#", "# verb\tblock", *statement_rows(dictionary.patterns)]
    threats = THREATS_HEADER + licence_header("Copyright (c) 2015 Open Event Data Alliance")
    threats += ["#", "# verb\twords\tcameo", *threat_rows(dictionary.patterns)]
    return {
        DATA / "petrarch_threats.tsv": "\n".join(threats) + "\n",
        DATA / "petrarch_statements.tsv": "\n".join(statements) + "\n",
        DATA / "cameo_verbs.tsv": "\n".join(verbs) + "\n",
        DATA / "petrarch_things.tsv": "\n".join(things) + "\n",
        DATA / "petrarch_agents.tsv": "\n".join(agents) + "\n",
        DATA / "petrarch_discards.tsv": "\n".join(discards) + "\n",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared/lexicons/petrarch2")
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    stale = []
    for path, text in build(args.source).items():
        if args.check:
            if not path.is_file() or path.read_text("utf-8") != text:
                stale.append(path)
        else:
            path.write_text(text, "utf-8")
            print(f"wrote {path.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    for path in stale:
        print(f"stale: {path.relative_to(ROOT)} (run scripts/compile_petrarch.py)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
