"""WordNet's nouns of persons (``events.wordnet_tables``), read from a small database in
WordNet 3.0's own format: a noun names people by its most frequent sense, filed in noun.person
or in noun.group below "social group"/"people"; groups of things, later senses and instances
(proper names) do not count. The committed table holds the people an obj:thing row must not take
for things."""

from __future__ import annotations

from storyline.events.lexicon import person_nouns
from storyline.events.wordnet_tables import people_sense_ranks
from storyline.events.wordnet_tables import person_nouns as compile_person_nouns

LICENCE = "  1 This software and database is being provided to you, the LICENSEE"
DATA_NOUN = [
    LICENCE,
    "00000001 03 n 01 entity 0 000 | that which exists",
    "00000002 14 n 01 group 0 001 @ 00000001 n 0000 | any number of entities",
    "00000003 14 n 01 social_group 0 001 @ 00000002 n 0000 | people sharing something",
    "00000004 14 n 02 crew 0 gang 0 001 @ 00000003 n 0000 | the men and women who man a vessel",
    "00000005 14 n 01 series 0 001 @ 00000002 n 0000 | things in a row",
    "00000006 18 n 01 sailor 0 001 @ 00000001 n 0000 | a person who serves at sea",
    "00000007 18 n 01 lincoln 0 001 @i 00000006 n 0000 | a president (an instance)",
    "00000008 06 n 01 album 0 001 @ 00000001 n 0000 | a record",
    "00000009 14 n 01 people 0 001 @ 00000002 n 0000 | human beings as a group",
    "00000010 14 n 01 public 0 001 @ 00000009 n 0000 | the people in general",
    "00000011 06 n 01 office 0 001 @ 00000001 n 0000 | where professional duties are performed",
    "00000012 14 n 02 office 0 agency 0 001 @ 00000003 n 0000 | an administrative unit",
    "00000013 03 n 02 person 0 individual 0 001 @ 00000001 n 0000 | a human being",
    "00000014 26 n 01 condition 0 001 @ 00000001 n 0000 | the way something is",
]
INDEX_NOUN = [
    LICENCE,
    "crew n 1 1 @ 1 0 00000004",
    "gang n 1 1 @ 1 0 00000004",
    "series n 1 1 @ 1 0 00000005",
    "sailor n 1 1 @ 1 0 00000006",
    "lincoln n 1 1 @ 1 0 00000007",
    "album n 2 1 @ 2 0 00000008 00000006",
    "public n 1 1 @ 1 0 00000010",
    "social_group n 1 1 @ 1 0 00000003",
    "people n 1 1 @ 1 0 00000009",
    "office n 2 1 @ 2 0 00000011 00000012",
    "person n 1 1 @ 1 0 00000013",
    "state n 3 1 @ 3 0 00000014 00000011 00000012",
]


def test_first_senses_of_persons_and_groups_of_people_name_people():
    assert compile_person_nouns(DATA_NOUN, INDEX_NOUN) == [
        "crew",
        "gang",
        "people",
        "person",  # WordNet's root of the persons, filed in noun.Tops
        "public",
        "sailor",
    ]


def test_a_second_sense_of_people_is_ranked_a_third_is_not_looked_at():
    """ "office": the place first, the agency second (an agent head that names an actor);
    "state" here names people only in its third sense."""
    ranks = people_sense_ranks(DATA_NOUN, INDEX_NOUN)
    assert ranks["office"] == 2 and ranks["crew"] == 1 and ranks["album"] == 2
    assert "state" not in ranks and "series" not in ranks


def test_a_later_person_sense_does_not_make_a_noun_a_person():
    """ "album"'s second sense is filed under persons here; its first names a thing."""
    assert "album" not in compile_person_nouns(DATA_NOUN, INDEX_NOUN)


def test_the_committed_table_holds_people_and_no_things():
    nouns = person_nouns()
    assert {"crew", "inmate", "sailor", "passenger", "hostage", "delegation"} <= nouns
    assert not {"album", "series", "report", "statement", "figure", "chip", "console"} & nouns
