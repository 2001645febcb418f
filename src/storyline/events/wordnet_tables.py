"""Read WordNet 3.0's noun database into the lists of nouns that name people.

An event row that applies only to things (``obj:thing``: "released the new iPhone" is a product
launch, "released the hostages" a release) must know which common nouns name persons or groups
of persons. PETRARCH2's agent nouns cover the political actors ("minister", "rebels") but not the
people things happen to ("crew", "inmates", "sailors", "patients"). WordNet files every noun
sense under a lexicographer class (``noun.person`` for persons) and links it to its hypernyms,
so the list is read from it, not written by hand: a noun names people when its most frequent
sense (the first synset ``index.noun`` lists) is a person (``noun.person``, or WordNet's root
"person" itself) or a group of people (a ``noun.group`` synset below "social group" or
"people": "crew", "delegation", "the public"; not "series" or "array", which group things).
Instances (proper names such as "Lincoln") are names, not common nouns, and are left out.

The same test on the second sense decides which of PETRARCH2's agent heads are actors
(``events.petrarch_tables``): WordNet puts the building or the abstract sense of an institution
noun first and the organisation second ("office": the place, then "an administrative unit of
government"; "bank": the river bank, then the institution; "authority": the power, then the
people who hold it), so an agent head is an actor when one of its two most frequent senses
names people; "jail", "crime", "center" and "progress" name people in neither.

``scripts/compile_wordnet_persons.py`` runs this at the package's build time and writes
``data/wordnet_person_nouns.tsv`` (each noun with the rank, 1 or 2, of its most frequent sense
that names people) with WordNet's licence; nothing reads WordNet at run time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: Lexicographer file numbers (WordNet 3.0 ``lexnames``).
NOUN_GROUP = 14
NOUN_PERSON = 18
#: The synsets whose hyponyms in ``noun.group`` are groups of people: the first senses of
#: "social_group" (organisations, crews, delegations) and "people" (the people, a nation's
#: people).
PEOPLE_ROOTS = ("social_group", "people")
#: WordNet's root of the persons ("person, individual, someone"), filed in noun.Tops.
PERSON_ROOT = "person"
#: How many of a noun's most frequent senses are looked at: the first names what the noun
#: usually is; the second is where WordNet files an institution noun's organisation.
SENSES_LOOKED_AT = 2
_HYPERNYM = "@"
_INSTANCE_HYPERNYM = "@i"


@dataclass(frozen=True)
class Synset:
    """One line of ``data.noun``: where its sense is filed and what it is a kind of."""

    lexfile: int
    hypernyms: tuple[str, ...]
    instance: bool


def read_synsets(data_noun: Iterable[str]) -> dict[str, Synset]:
    """Offsets of ``data.noun`` to their lexicographer file and hypernym offsets. The format is
    ``offset lex_filenum ss_type w_cnt (word lex_id)… p_cnt (symbol offset pos source)… | gloss``
    with ``w_cnt`` in hexadecimal and ``p_cnt`` in decimal."""
    synsets: dict[str, Synset] = {}
    for line in data_noun:
        if not line or line.startswith(" "):
            continue  # the licence header lines start with two spaces
        fields = line.split(" | ", 1)[0].split()
        words = int(fields[3], 16)
        at = 4 + 2 * words
        pointers = int(fields[at])
        symbols = [fields[at + 1 + 4 * i : at + 5 + 4 * i] for i in range(pointers)]
        hypernyms = tuple(p[1] for p in symbols if p[0] in (_HYPERNYM, _INSTANCE_HYPERNYM))
        instance = any(p[0] == _INSTANCE_HYPERNYM for p in symbols)
        synsets[fields[0]] = Synset(int(fields[1]), hypernyms, instance)
    return synsets


def read_senses(index_noun: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each noun lemma of ``index.noun`` to the offsets of its senses, most frequent first (the
    synsets are listed by frequency in the sense-tagged corpora)."""
    senses: dict[str, tuple[str, ...]] = {}
    for line in index_noun:
        if not line or line.startswith(" "):
            continue
        fields = line.split()
        count = int(fields[2])
        senses[fields[0]] = tuple(fields[-count:])
    return senses


def people_sense_ranks(data_noun: Iterable[str], index_noun: Iterable[str]) -> dict[str, int]:
    """Single-word common nouns to the rank (1 = most frequent) of their most frequent sense
    that names a person or a group of people, for the nouns where that is one of the first
    ``SENSES_LOOKED_AT`` senses."""
    synsets = read_synsets(data_noun)
    senses = read_senses(index_noun)
    first = {lemma: offsets[0] for lemma, offsets in senses.items()}
    roots = {first[name] for name in PEOPLE_ROOTS if name in first}
    person = first.get(PERSON_ROOT)
    people_groups: dict[str, bool] = {}

    def names_people(offset: str) -> bool:
        synset = synsets.get(offset)
        if synset is None or synset.instance:
            return False
        if synset.lexfile == NOUN_PERSON or offset == person:
            return True
        return synset.lexfile == NOUN_GROUP and _below(offset, roots, synsets, people_groups)

    ranks: dict[str, int] = {}
    for lemma, offsets in senses.items():
        if not (lemma.isalpha() and lemma.islower()):
            continue
        rank = next(
            (i for i, o in enumerate(offsets[:SENSES_LOOKED_AT], 1) if names_people(o)), None
        )
        if rank is not None:
            ranks[lemma] = rank
    return dict(sorted(ranks.items()))


def person_nouns(data_noun: Iterable[str], index_noun: Iterable[str]) -> list[str]:
    """Single-word common nouns whose most frequent sense names a person or a group of people,
    sorted."""
    ranks = people_sense_ranks(data_noun, index_noun)
    return [lemma for lemma, rank in ranks.items() if rank == 1]


def _below(offset: str, roots: set[str], synsets: dict[str, Synset], seen: dict[str, bool]) -> bool:
    """Is ``offset`` one of ``roots`` or a hyponym of one (memoised in ``seen``)?"""
    if offset in seen:
        return seen[offset]
    seen[offset] = False  # WordNet's noun hierarchy has no cycles; this guards a damaged file
    synset = synsets.get(offset)
    found = offset in roots or (
        synset is not None and any(_below(h, roots, synsets, seen) for h in synset.hypernyms)
    )
    seen[offset] = found
    return found


#: The synsets of what a contest is for, as (lemma, sense rank) of ``index.noun``: "award,
#: accolade, honor, laurels" (a symbol of distinction: the Oscar, a medal, a trophy), "prize,
#: award" (something given for victory in a contest), "championship, title" (the status of
#: being a champion).
PRIZE_ROOTS = (("award", 2), ("prize", 1), ("championship", 1))
#: Awards that are earned, not contested: academic degrees ("an MA", "a doctorate").
EARNED_ROOTS = (("academic_degree", 1),)
#: Lexicographer file of acts: a noun whose most frequent sense is one ("award": the act of
#: awarding) names a decision that can be challenged, not the prize.
NOUN_ACT = 4


def prize_nouns(data_noun: Iterable[str], index_noun: Iterable[str]) -> list[str]:
    """Single-word common nouns that name what a contest is won for, sorted: nouns whose most
    frequent sense is a kind of a prize root (``PRIZE_ROOTS``: "oscar", "trophy", "medal",
    "pennant", "prize"), and the lemmas of a root synset whose most frequent sense is not an
    act ("title", first a heading; not "award", first the act of awarding: "Boeing challenged
    the award" is a protest against a decision, MEANTIME). Academic degrees are earned, not
    contested, and left out."""
    synsets = read_synsets(data_noun)
    senses = read_senses(index_noun)
    roots = {senses[lemma][rank - 1] for lemma, rank in PRIZE_ROOTS if lemma in senses}
    earned = {senses[lemma][rank - 1] for lemma, rank in EARNED_ROOTS if lemma in senses}
    seen: dict[str, bool] = {}
    seen_earned: dict[str, bool] = {}
    nouns = set()
    for lemma, offsets in senses.items():
        if not (lemma.isalpha() and lemma.islower()):
            continue
        first = synsets.get(offsets[0])
        if first is None:
            continue
        kind = _below(offsets[0], roots, synsets, seen)
        if kind and _below(offsets[0], earned, synsets, seen_earned):
            continue
        if kind or (roots & set(offsets) and first.lexfile != NOUN_ACT):
            nouns.add(lemma)
    return sorted(nouns)
