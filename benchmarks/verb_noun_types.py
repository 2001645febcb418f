"""Audit the event lexicon: verbs and their own nominalisations that the coder types differently.

    PYTHONPATH=src python benchmarks/verb_noun_types.py [--all]

Why: two reports of one act, one told with the verb ("negotiated with") and one with its noun
("the negotiations"), can only be merged into one event when both get one PLOVER type. The coder
types a verb by PETRARCH2's compiled verb table (``data/cameo_verbs.tsv``) and the hand layer
(``data/plover_lexicon.tsv``), and a noun by the hand layer's nominal rows or by the dictionary's
own light-verb patterns ("engage in / hold / conduct N"); nothing keeps the two sides in step.

For every verb lemma the lexicon codes (its bare row and its rows whose other words are only a
preposition: "negotiate with"), the nouns derived from it (``derivations.nominalisations``: the
regular English suffixes -ion/-ation/-ment/-al/-ing and zero derivation, "attack") that the
lexicon codes as a nominal event (a pos N row of one word, or the object of a doing light verb in
a compiled pattern) are listed with both types; only pairs whose PLOVER types differ are printed
unless ``--all``. The class column says whether the two CAMEO codes share their cue category
(two digits: a mode-level difference) or not (a type-level difference).
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from storyline.events.derivations import DOING_LIGHT_VERBS, PREPOSITIONS, nominalisations
from storyline.events.lexicon import Entry, default_lexicon


def verb_rows(entries: list[Entry]) -> dict[str, list[Entry]]:
    """Verb rows by lemma: the bare verb and the verb with a preposition only."""
    rows: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.pos != "V" or not entry.codes_event or entry.when - {"dyad"}:
            continue
        if all(slot <= PREPOSITIONS for slot in entry.others):
            for lemma in entry.head:
                rows[lemma].append(entry)
    return rows


def noun_rows(entries: list[Entry]) -> dict[str, list[tuple[str, Entry]]]:
    """Nominal codings by noun: a one-word N row, or the noun under a doing light verb."""
    rows: dict[str, list[tuple[str, Entry]]] = defaultdict(list)
    for entry in entries:
        if not entry.codes_event:
            continue
        if entry.pos == "N" and len(entry.slots) == 1:
            for noun in entry.slots[0]:
                rows[noun].append(("N", entry))
        elif entry.pos == "V" and any(_is_light(entry, light) for light in DOING_LIGHT_VERBS):
            for noun in entry.slots[-1]:
                rows[noun].append((" ".join(_light_words(entry)), entry))
    return rows


def _is_light(entry: Entry, light: tuple[str, ...]) -> bool:
    return len(entry.slots) == len(light) + 1 and all(
        light[i] in entry.slots[i] for i in range(len(light))
    )


def _light_words(entry: Entry) -> list[str]:
    return ["|".join(sorted(slot)) for slot in entry.slots[:-1]]


def differing_pairs(show_all: bool = False) -> list[tuple[str, ...]]:
    """(verb, verb row, verb type, noun, noun row, noun type, class) for each derived pair."""
    entries = default_lexicon().entries
    verbs, nouns = verb_rows(entries), noun_rows(entries)
    table = []
    for verb in sorted(verbs):
        for noun in sorted(nominalisations(verb) & nouns.keys()):
            for ventry in verbs[verb]:
                for where, nentry in nouns[noun]:
                    same = ventry.type == nentry.type
                    if same and not show_all:
                        continue
                    family = (ventry.cameo or "")[:2] == (nentry.cameo or "")[:2]
                    table.append(
                        (
                            verb,
                            f"{ventry.key} [{ventry.origin}]",
                            f"{ventry.type} {ventry.cameo or '-'}",
                            noun,
                            f"{where}: {nentry.key} [{nentry.origin}]",
                            f"{nentry.type} {nentry.cameo or '-'}",
                            "same" if same else ("mode" if family else "type"),
                        )
                    )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="also the pairs that agree")
    args = parser.parse_args()
    rows = differing_pairs(args.all)
    print("verb\tverb row\tverb type\tnoun\tnoun row\tnoun type\tdiffers in")
    for row in rows:
        print("\t".join(row))
    print(f"# {len(rows)} pairs", "(all)" if args.all else "whose types differ")


if __name__ == "__main__":
    main()
