"""Entity layer: name normalisation, roles, mention corrections, canonical entities."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.entities.extract import affiliation, canonicalise, extract_mentions
from storyline.entities.lexicon import name_key
from storyline.entities.names import normalise_name, split_title
from storyline.models import Entity, Mention
from storyline.nlp import parse_one
from tests.conftest import make_document
from tests.event_builders import name_mention as _m

# --------------------------------------------------------------------------------------------
# Names


@pytest.mark.parametrize(
    ("text", "person", "expected"),
    [
        ("Prime Minister Narendra Modi", True, "Narendra Modi"),
        ("Narendra Modi (@narendramodi)", True, "Narendra Modi"),
        ("PM Modi", True, "Modi"),
        ("S Jaishankar", True, "S. Jaishankar"),
        ("S Jaishankar’s", True, "S. Jaishankar"),
        ("Putin's", True, "Putin"),
        ("Russian President Vladimir Putin", True, "Vladimir Putin"),
        ("India's Foreign Minister S Jaishankar", True, "S. Jaishankar"),
        ("former US President Joe Biden", True, "Joe Biden"),
        ("Mr. Justice Anthony Mann", True, "Anthony Mann"),
        ("Chancellor Olaf Scholz", True, "Olaf Scholz"),
        ("Dr Manmohan Singh", True, "Manmohan Singh"),
        ("President", True, "President"),  # a bare title is never emptied
        ("the Russian Federation", False, "Russian Federation"),
        ("the Kremlin", False, "Kremlin"),
        ("Apple Inc.,", False, "Apple Inc."),
        ("U.S.", False, "U.S."),
        ("General Motors", False, "General Motors"),  # titles are stripped from people only
        ("Shanghai Cooperation Organization (SCO", False, "Shanghai Cooperation Organization"),
        ("@narendramodi", False, "@narendramodi"),
        ("Jones'", False, "Jones"),
        ("", True, ""),
        ("((", False, ""),
    ],
)
def test_normalise_name(text: str, person: bool, expected: str) -> None:
    assert normalise_name(text, person=person) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prime Minister Narendra Modi", ("Prime Minister", "Narendra Modi")),
        ("US President Joe Biden", ("US President", "Joe Biden")),
        ("Mr Putin", ("Mr", "Putin")),
        ("Vladimir Putin", (None, "Vladimir Putin")),
        ("US Steel", (None, "US Steel")),
        ("Prime Minister", (None, "Prime Minister")),
    ],
)
def test_split_title(text: str, expected: tuple[str | None, str]) -> None:
    assert split_title(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [("S. Jaishankar", "S Jaishankar"), ("U.S.", "US"), ("Côte d’Ivoire", "Cote d'Ivoire")],
)
def test_name_key_folds_spelling_variants(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@given(st.text(max_size=80), st.booleans())
def test_normalise_name_never_raises(text: str, person: bool) -> None:
    result = normalise_name(text, person=person)
    assert isinstance(result, str)
    assert result == result.strip()
    assert isinstance(name_key(result), str)


# --------------------------------------------------------------------------------------------
# Mentions and roles (through the spaCy model)


def _mentions(text: str, doc_id: str = "doc") -> list[Mention]:
    document = make_document(text, doc_id=doc_id)
    return extract_mentions(document, parse_one(document.text))


def _roles(text: str) -> dict[str, str | None]:
    return {m.text: m.role for m in _mentions(text) if m.label == "PERSON"}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Russian President Vladimir Putin arrived on Monday.",
            "Vladimir Putin",
            "President of Russia",
        ),
        (
            "India's Foreign Minister, S Jaishankar, met officials in Moscow.",
            "S Jaishankar",
            "Foreign Minister of India",
        ),
        (
            "Indian Prime Minister Narendra Modi spoke to reporters.",
            "Narendra Modi",
            "Prime Minister of India",
        ),
        (
            "Sergey Lavrov, Russia's foreign minister, said the talks went well.",
            "Sergey Lavrov",
            "Foreign Minister of Russia",
        ),
        ("US President Joe Biden signed the bill.", "Joe Biden", "President of the United States"),
        ("Chancellor Olaf Scholz said little.", "Olaf Scholz", "Chancellor"),
        (
            "Former British Prime Minister Boris Johnson visited Kyiv.",
            "Boris Johnson",
            "former Prime Minister of the United Kingdom",
        ),
        ("Apple CEO Tim Cook unveiled the phone.", "Tim Cook", "Chief Executive of Apple"),
        ("Mr Putin did not comment.", "Putin", None),
        ("Vladimir Putin did not comment.", "Vladimir Putin", None),
    ],
)
def test_role_from_title_or_apposition(text: str, name: str, role: str | None) -> None:
    assert _roles(text)[name] == role


def test_counterpart_takes_the_subjects_office_in_its_own_country() -> None:
    text = (
        "India's Foreign Minister, S Jaishankar, arrived in Moscow on Tuesday. "
        "Jaishankar engaged in discussions with his Russian counterpart, Sergey Lavrov, "
        "on Wednesday."
    )
    assert _roles(text)["Sergey Lavrov"] == "Foreign Minister of Russia"


def test_counterpart_with_a_country_specific_title_uses_the_generic_office() -> None:
    text = (
        "External Affairs Minister S Jaishankar landed in Beijing. Jaishankar later met his "
        "Chinese counterpart, Wang Yi."
    )
    assert _roles(text)["Wang Yi"] == "Foreign Minister of China"


def test_title_makes_a_name_of_the_words_after_it() -> None:
    mentions = _mentions("PM Modi spoke with President Putin on Tuesday.")
    modi = next(m for m in mentions if m.text == "Modi")
    assert (modi.label, modi.title, modi.role) == ("PERSON", "PM", "Prime Minister")


def test_handle_after_a_name_is_its_alias() -> None:
    mentions = _mentions(
        "Spoke with President Putin and congratulated him on his re-election, wrote "
        "Narendra Modi (@narendramodi) on March 20, 2024, tagging @KremlinRussia in the post."
    )
    modi = next(m for m in mentions if m.text == "Narendra Modi")
    assert modi.alias == "@narendramodi"
    assert not any(m.text.startswith("@") for m in mentions)


def test_acronym_in_parentheses_is_the_alias() -> None:
    mentions = _mentions("The Shanghai Cooperation Organization (SCO) met in Astana.")
    sco = next(m for m in mentions if m.label == "ORG")
    assert (sco.text, sco.alias) == ("Shanghai Cooperation Organization", "SCO")


def test_heading_fragments_are_not_entities() -> None:
    text = (
        "Prime Minister Narendra Modi spoke with Russian President Vladimir Putin on Wednesday."
        "\n\nStrategic Significance\n\n"
        "The strategic significance of the call was clear to everyone who followed it."
        "\n\nHistorical Context\n\n"
        "India and Russia have long been close partners, and Putin said so."
    )
    names = {m.text for m in _mentions(text)}
    assert {"Narendra Modi", "Vladimir Putin", "India", "Russia"} <= names
    assert not names & {"Strategic Significance", "Historical Context", "Significance"}


def test_name_in_a_heading_is_kept_when_the_body_names_it_too() -> None:
    text = "Sergey Lavrov Meets Wang Yi\n\nSergey Lavrov and Wang Yi met in Beijing on Monday."
    in_heading = [m for m in _mentions(text) if m.provenance.start < text.index("\n")]
    assert "Sergey Lavrov" in {m.text for m in in_heading}


def test_mention_spans_and_sentences_index_the_document_text() -> None:
    text = "Russian President Vladimir Putin met Narendra Modi. Modi's visit lasted two days."
    document = make_document(text)
    mentions = extract_mentions(document, parse_one(document.text))
    assert len(mentions) >= 4
    for m in mentions:
        p = m.provenance
        assert document.text[p.start : p.end] == m.text
        assert document.text[p.sentence_start : p.sentence_end] == p.sentence
        assert p.sentence_start <= p.start < p.end <= p.sentence_end
        assert not m.text.endswith(("'s", "’s"))


def test_labels_the_tables_know_correct_the_model() -> None:
    labels = {
        m.text: m.label
        for m in _mentions(
            "Jaishankar met Putin at the Kremlin, and the BRICS and ASEAN leaders met in Kyiv."
        )
    }
    assert labels["Kremlin"] == "FAC"
    assert labels["BRICS"] == "ORG"
    assert labels["ASEAN"] == "ORG"


@pytest.mark.parametrize(
    ("sentence", "name", "label"),
    [
        ("Putin will host the forum in Vladivostok next week.", "Vladivostok", "GPE"),
        ("The plant was built by engineers from Chennai and Mumbai.", "Chennai", "GPE"),
        ("Both navies patrol the Indo-Pacific together.", "Indo-Pacific", "LOC"),
        ("Naomi Osaka won the final in straight sets.", "Naomi Osaka", "PERSON"),
        # a country of two words is no person with an honorific: the model reads "Sri" as one
        # (PLOVER gold: "Sri Lanka has established diplomatic ties with ... Tehran")
        ("Sri Lanka defaulted on its debt in 2022.", "Sri Lanka", "GPE"),
        ("Sri Lanka's president met the envoy on Monday.", "Sri Lanka", "GPE"),
        ("Saint Lucia's prime minister spoke at the forum.", "Saint Lucia", "GPE"),
    ],
)
def test_city_and_region_tables_correct_the_model(sentence: str, name: str, label: str) -> None:
    labels = {m.text: m.label for m in _mentions(sentence)}
    assert labels.get(name) == label, labels


# --------------------------------------------------------------------------------------------
# Canonical entities (pure: mentions built by hand)


def _by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def _groups(entities: list[Entity]) -> set[frozenset[tuple[str, str]]]:
    return {frozenset((m.provenance.doc_id, m.text) for m in e.mentions) for e in entities}


CANONICAL_CASES = [
    pytest.param(
        [
            _m("Narendra Modi", "PERSON", "d1", 0, title="Prime Minister", role="Prime Minister"),
            _m("Modi", "GPE", "d1", 50),
            _m("Modi", "PERSON", "d2", 0, title="PM"),
            _m("Narendra Modi", "PERSON", "d3", 0, alias="@narendramodi"),
            _m("Modi", "GPE", "d4", 0),
        ],
        {
            "Narendra Modi": {
                ("d1", "Narendra Modi"),
                ("d1", "Modi"),
                ("d2", "Modi"),
                ("d3", "Narendra Modi"),
                ("d4", "Modi"),
            }
        },
        id="modi-variants-and-a-GPE-tag",
    ),
    pytest.param(
        [
            _m("S Jaishankar", "PERSON", "d1", 0),
            _m("Jaishankar", "PERSON", "d1", 40),
            _m("Jaishankar", "ORG", "d2", 0),
        ],
        {"S. Jaishankar": {("d1", "S Jaishankar"), ("d1", "Jaishankar"), ("d2", "Jaishankar")}},
        id="initial-and-surname",
    ),
    pytest.param(
        [
            _m(
                "Joe Biden",
                "PERSON",
                "d1",
                0,
                title="President",
                role="President of the United States",
            ),
            _m("Biden", "PERSON", "d1", 40),
            _m("Biden", "PERSON", "d2", 0, title="President", role="President"),
        ],
        {"Joe Biden": {("d1", "Joe Biden"), ("d1", "Biden"), ("d2", "Biden")}},
        id="biden-across-documents",
    ),
    pytest.param(
        [
            _m("Joe Biden", "PERSON", "d1", 0),
            _m("Biden", "PERSON", "d1", 40),
            _m("Hunter Biden", "PERSON", "d2", 0),
            _m("Biden", "PERSON", "d2", 40),
            _m("Biden", "PERSON", "d3", 0),
        ],
        {
            "Joe Biden": {("d1", "Joe Biden"), ("d1", "Biden")},
            "Hunter Biden": {("d2", "Hunter Biden"), ("d2", "Biden")},
            "Biden": {("d3", "Biden")},
        },
        id="shared-surname-not-merged-blindly",
    ),
    pytest.param(
        [_m("Olaf Scholz", "PERSON", "d1", 0, title="Chancellor"), _m("Scholz", "PERSON", "d2", 0)],
        {"Olaf Scholz": {("d1", "Olaf Scholz"), ("d2", "Scholz")}},
        id="scholz",
    ),
    pytest.param(
        [_m("Subrahmanyam Jaishankar", "PERSON", "d1", 0), _m("S. Jaishankar", "PERSON", "d2", 0)],
        {"Subrahmanyam Jaishankar": {("d1", "Subrahmanyam Jaishankar"), ("d2", "S. Jaishankar")}},
        id="initial-fits-one-first-name",
    ),
    pytest.param(
        [
            _m("John Smith", "PERSON", "d1", 0),
            _m("Jane Smith", "PERSON", "d2", 0),
            _m("J. Smith", "PERSON", "d3", 0),
        ],
        {
            "John Smith": {("d1", "John Smith")},
            "Jane Smith": {("d2", "Jane Smith")},
            "J. Smith": {("d3", "J. Smith")},
        },
        id="ambiguous-initial-stays-apart",
    ),
    pytest.param(
        [
            _m("Russia", "GPE", "d1", 0),
            _m("the Russian Federation", "GPE", "d2", 0),
            _m("Moscow", "GPE", "d1", 20),
            _m("Kremlin", "ORG", "d1", 40),
        ],
        {
            "Russia": {("d1", "Russia"), ("d2", "the Russian Federation")},
            "Moscow": {("d1", "Moscow")},
            "Kremlin": {("d1", "Kremlin")},
        },
        id="country-forms-and-places",
    ),
    pytest.param(
        [
            _m("Shanghai Cooperation Organization", "ORG", "d1", 0, alias="SCO"),
            _m("SCO", "ORG", "d2", 0),
            _m("SCO", "GPE", "d2", 30),
        ],
        {
            "Shanghai Cooperation Organization": {
                ("d1", "Shanghai Cooperation Organization"),
                ("d2", "SCO"),
            }
        },
        id="acronym",
    ),
    pytest.param(
        [_m("United States Air Force", "ORG", "d1", 0), _m("USAF", "ORG", "d2", 0)],
        {"United States Air Force": {("d1", "United States Air Force"), ("d2", "USAF")}},
        id="acronym-by-initials",
    ),
    pytest.param(
        [
            _m("Apple Inc.", "ORG", "d1", 0),
            _m("Apple", "ORG", "d1", 30),
            _m("Apple", "ORG", "d2", 0),
        ],
        {"Apple": {("d1", "Apple Inc."), ("d1", "Apple"), ("d2", "Apple")}},
        id="legal-suffix",
    ),
    pytest.param(
        [
            _m("William Clay Ford Jr.", "PERSON", "d1", 0),
            _m("Ford Motor Company", "ORG", "d1", 30),
            _m("Ford", "ORG", "d1", 60),
        ],
        {
            "William Clay Ford Jr.": {("d1", "William Clay Ford Jr.")},
            # the company's second reference (spellings.link_first_words), not the person's
            "Ford Motor Company": {("d1", "Ford Motor Company"), ("d1", "Ford")},
        },
        id="company-word-is-not-a-surname",
    ),
    pytest.param(
        [
            _m("Paris Climate Agreement", "WORK", "d1", 0),
            _m("Paris Agreement", "WORK", "d1", 40),
            _m("Paris", "GPE", "d1", 80),
        ],
        {
            "Paris Climate Agreement": {
                ("d1", "Paris Climate Agreement"),
                ("d1", "Paris Agreement"),
            },
            "Paris": {("d1", "Paris")},
        },
        id="document-written-short",
    ),
    pytest.param(
        [
            _m("Minsk II Agreement", "WORK", "d1", 0),
            _m("Minsk Agreement", "WORK", "d1", 40),
        ],
        {"Minsk Agreement": {("d1", "Minsk Agreement")}},
        id="numbered-document-is-another-one",
    ),
    pytest.param(
        [
            _m("Geneva Peace Conference", "EVENT", "d1", 0),
            _m("Geneva Donors Conference", "EVENT", "d1", 40),
            _m("Geneva Conference", "EVENT", "d1", 80),
        ],
        {"Geneva Conference": {("d1", "Geneva Conference")}},
        id="short-form-of-two-events-joins-neither",
    ),
]


@pytest.mark.parametrize(("mentions", "expected"), CANONICAL_CASES)
def test_canonical_merging(mentions: list[Mention], expected: dict[str, set]) -> None:
    entities = _by_name(canonicalise(mentions))
    for name, members in expected.items():
        assert name in entities, sorted(entities)
        assert {(m.provenance.doc_id, m.text) for m in entities[name].mentions} == members


def test_majority_type_wins_and_mentions_carry_the_entity() -> None:
    mentions = [
        _m("Modi", "PERSON", "d1", 0),
        _m("Modi", "PERSON", "d2", 0),
        _m("Modi", "GPE", "d3", 0),
    ]
    (entity,) = canonicalise(mentions)
    assert entity.type == "PERSON"
    assert entity.mention_count == 3
    assert entity.documents == ["d1", "d2", "d3"]
    assert {m.entity_id for m in entity.mentions} == {entity.id}
    assert {m.label for m in entity.mentions} == {"PERSON"}
    assert {m.model_label for m in entity.mentions} == {"PERSON", "GPE"}


def test_demonym_links_to_its_country() -> None:
    entities = _by_name(
        canonicalise(
            [
                _m("Russian", "NORP", "d1", 0),
                _m("Russians", "NORP", "d2", 0),
                _m("Russia", "GPE", "d2", 20),
            ]
        )
    )
    assert entities["Russian"].type == "NORP"
    assert entities["Russian"].mention_count == 2
    assert entities["Russian"].linked_to == entities["Russia"].id


def test_roles_aliases_and_ids() -> None:
    mentions = [
        _m("Vladimir Putin", "PERSON", "d1", 0, title="President", role="President of Russia"),
        _m("Putin", "PERSON", "d2", 0, title="President", role="President"),
        _m("Putin", "PERSON", "d2", 40),
    ]
    (putin,) = canonicalise(mentions)
    assert putin.id == "person:vladimir-putin"
    assert putin.roles == ["President of Russia"]
    assert {"Putin", "President Putin", "President Vladimir Putin"} <= set(putin.aliases)
    assert "Vladimir Putin" not in putin.aliases


def test_entity_ids_are_deterministic_whatever_the_order() -> None:
    mentions = [m for case in CANONICAL_CASES for m in case.values[0]]
    forward = {e.id: (e.name, e.mention_count) for e in canonicalise(mentions)}
    backward = {e.id: (e.name, e.mention_count) for e in canonicalise(list(reversed(mentions)))}
    assert forward == backward


@pytest.mark.parametrize(
    ("entity", "expected"),
    [
        (
            Entity(id="p", name="Vladimir Putin", type="PERSON", roles=["President of Russia"]),
            ("Russia", "GOV"),
        ),
        (
            Entity(
                id="p",
                name="Joe Biden",
                type="PERSON",
                roles=["former President of the United States"],
            ),
            ("United States", "GOV"),
        ),
        (
            Entity(id="p", name="Tim Cook", type="PERSON", roles=["Chief Executive of Apple"]),
            (None, "BUS"),
        ),
        (
            Entity(id="p", name="Ann Lee", type="PERSON", roles=["Chancellor of the Exchequer"]),
            (None, "GOV"),
        ),
        (Entity(id="p", name="Nobody", type="PERSON"), (None, None)),
        (Entity(id="g", name="Russia", type="GPE"), ("Russia", None)),
        (Entity(id="g", name="Moscow", type="GPE"), ("Russia", None)),
        (Entity(id="g", name="Vladivostok", type="GPE"), ("Russia", None)),
        (Entity(id="l", name="Indo-Pacific", type="LOC"), (None, None)),
        (Entity(id="n", name="Indian", type="NORP"), ("India", None)),
        (Entity(id="f", name="Kremlin", type="FAC"), ("Russia", "GOV")),
        (Entity(id="o", name="Indian Army", type="ORG"), ("India", "MIL")),
        (Entity(id="o", name="Russian Foreign Ministry", type="ORG"), ("Russia", "GOV")),
    ],
)
def test_affiliation(entity: Entity, expected: tuple[str | None, str | None]) -> None:
    assert affiliation(entity) == expected


# --------------------------------------------------------------------------------------------
# The demo corpus


@pytest.fixture(scope="module")
def sample_entities(parsed_samples) -> list[Entity]:
    mentions = [
        m for document, doc in parsed_samples.values() for m in extract_mentions(document, doc)
    ]
    return canonicalise(mentions)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Narendra Modi", "Prime Minister of India"),
        ("Vladimir Putin", "President of Russia"),
        ("S. Jaishankar", "Foreign Minister of India"),
        ("Sergey Lavrov", "Foreign Minister of Russia"),
    ],
)
def test_sample_people_appear_once_with_their_roles(sample_entities, name: str, role: str) -> None:
    people = [e for e in sample_entities if e.name == name]
    assert len(people) == 1
    assert people[0].type == "PERSON"
    assert role in people[0].roles
    assert not [e for e in sample_entities if e is not people[0] and name.split()[-1] in e.name]


def test_sample_modi_is_one_person_everywhere(sample_entities, parsed_samples) -> None:
    (modi,) = [e for e in sample_entities if e.name == "Narendra Modi"]
    assert modi.documents == sorted(parsed_samples)
    assert "Modi" in modi.aliases


def test_sample_places_and_demonyms(sample_entities) -> None:
    by_name = _by_name(sample_entities)
    assert by_name["Russia"].type == "GPE"
    assert by_name["Russian"].linked_to == by_name["Russia"].id
    assert by_name["Moscow"].type == "GPE"
    assert by_name["Kremlin"].type == "FAC"
    assert "Russian Federation" not in by_name


def test_sample_headings_are_not_entities(sample_entities, parsed_samples) -> None:
    documents = {document.id: document for document, _ in parsed_samples.values()}
    headings = {
        doc_id: [(b.start, b.end) for b in document.blocks if b.kind == "heading"]
        for doc_id, document in documents.items()
    }
    heading_keys = {
        name_key(document.text[start:end])
        for doc_id, document in documents.items()
        for start, end in headings[doc_id]
    }
    assert {"historical context", "strategic significance"} <= {
        w for k in heading_keys for w in [k, *k.split(" and ")]
    }
    for entity in sample_entities:
        assert name_key(entity.name) not in heading_keys, entity.name
        assert "Significance" not in entity.name and "Context" not in entity.name
        outside = [
            m
            for m in entity.mentions
            if not any(s <= m.provenance.start < e for s, e in headings[m.provenance.doc_id])
        ]
        assert outside, f"{entity.name} is only ever a heading word"


@pytest.mark.parametrize(
    ("text", "surname", "expected"),
    [
        # a bare surname after the full name is the same person, even where the model misses it
        (
            "Kenyan President William Ruto arrived in Addis Ababa on Monday. Ruto made the "
            "remark at the start of his meeting with Abiy.",
            "Ruto",
            2,
        ),
        (
            "Prime Minister Narendra Modi spoke in Samarkand. Modi made the comment in front "
            "of cameras.",
            "Modi",
            2,
        ),
        # before the full name, or joined to another proper noun, it is not claimed
        ("Ruto Stadium was full. Later William Ruto spoke there.", "Ruto", 1),
    ],
)
def test_a_bare_surname_after_the_full_name_is_the_person(text, surname, expected) -> None:
    people = [m for m in _mentions(text) if m.label == "PERSON" and surname in m.text]
    assert len(people) == expected, [(m.text, m.label) for m in _mentions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an acronym the model read as an organisation once is that organisation elsewhere
        (
            "Kenya joined the talks as a member of the EAC in 2000. The 23rd EAC Summit was held "
            "in Arusha on Friday.",
            2,
        ),
        ("The 23rd EAC Summit was held in Arusha on Friday.", 0),  # nothing to repeat
    ],
)
def test_an_acronym_keeps_its_label_across_the_document(text, expected) -> None:
    named = [m for m in _mentions(text) if m.text == "EAC" and m.label == "ORG"]
    assert len(named) == expected, [(m.text, m.label) for m in _mentions(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("President Vladimir Putin awarded Narendra Modi the Order of St Andrew.", "Narendra Modi"),
        ("The president gave Angela Merkel the Presidential Medal of Freedom.", "Angela Merkel"),
    ],
)
def test_a_name_fills_one_slot_of_its_verb(text: str, name: str) -> None:
    """A recipient and the honour given are two arguments: the NER model may run them into one
    name, the parse keeps them apart."""
    people = [m.text for m in _mentions(text) if m.label == "PERSON"]
    assert name in people
    assert not any(p.startswith(name) and p != name for p in people)
