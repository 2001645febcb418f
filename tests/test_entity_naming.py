"""Canonical entities that survive real naming: transliterations, initials and honorifics,
short forms, surnames across a story, acronyms, nested names and mistyped spans."""

from __future__ import annotations

import pytest

from storyline.entities.extract import canonicalise, extract_mentions
from storyline.models import Entity, Mention
from storyline.nlp import parse_one
from tests.conftest import make_document
from tests.event_builders import name_mention as _m


def _context(doc: str, start: int = 500) -> list[Mention]:
    """Names of the story's other actors, so that two documents share context."""
    return [_m("India", "GPE", doc, start), _m("Russia", "GPE", doc, start + 20)]


def _groups(entities: list[Entity]) -> dict[str, set[tuple[str, str]]]:
    return {e.name: {(m.provenance.doc_id, m.text) for m in e.mentions} for e in entities}


def _together(entities: list[Entity], *names: tuple[str, str]) -> bool:
    return any(set(names) <= group for group in _groups(entities).values())


CASES = [
    pytest.param(
        [_m("Sergey Lavrov", "PERSON", "d1"), _m("Sergei Lavrov", "PERSON", "d2")],
        [("d1", "Sergey Lavrov"), ("d2", "Sergei Lavrov")],
        id="transliterated-first-name",
    ),
    pytest.param(
        [_m("Volodymyr Zelenskyy", "PERSON", "d1"), _m("Volodymyr Zelensky", "PERSON", "d2")],
        [("d1", "Volodymyr Zelenskyy"), ("d2", "Volodymyr Zelensky")],
        id="transliterated-surname",
    ),
    pytest.param(
        [_m("Volodymyr Zelenskyy", "PERSON", "d1"), _m("Zelensky", "PERSON", "d2")],
        [("d1", "Volodymyr Zelenskyy"), ("d2", "Zelensky")],
        id="lone-surname-in-another-spelling",
    ),
    pytest.param(
        [_m("Joseph R. Biden", "PERSON", "d1"), _m("Joe Biden", "PERSON", "d2")],
        [("d1", "Joseph R. Biden"), ("d2", "Joe Biden")],
        id="short-form-and-middle-initial",
    ),
    pytest.param(
        [_m("Warren Steed Jeffs", "PERSON", "d1"), _m("Jeffs", "ORG", "d2")],
        [("d1", "Warren Steed Jeffs"), ("d2", "Jeffs")],
        id="surname-the-model-typed-as-an-organisation",
    ),
    pytest.param(
        [_m("Xi Jinping", "PERSON", "d1"), _m("Xi", "PERSON", "d2")],
        [("d1", "Xi Jinping"), ("d2", "Xi")],
        id="family-name-first",
    ),
    pytest.param(
        [_m("Luiz Inacio Lula da Silva", "PERSON", "d1"), _m("Lula", "PERSON", "d1", 40)],
        [("d1", "Luiz Inacio Lula da Silva"), ("d1", "Lula")],
        id="name-inside-the-full-name",
    ),
    pytest.param(
        [
            _m("S Jaishankar", "PERSON", "d1", title="External Affairs Minister"),
            _m("EAM", "ORG", "d1", 40),
        ],
        [("d1", "S Jaishankar"), ("d1", "EAM")],
        id="office-acronym-is-its-holder",
    ),
    pytest.param(
        [
            _m("S Jaishankar", "PERSON", "d1", title="External Affairs Minister"),
            _m("EAM", "ORG", "d2"),
        ],
        [("d1", "S Jaishankar"), ("d2", "EAM")],
        id="office-acronym-across-the-story",
    ),
    pytest.param(
        [_m("Bombay", "GPE", "d1"), _m("Mumbai", "GPE", "d2")],
        [("d1", "Bombay"), ("d2", "Mumbai")],
        id="renamed-city",
    ),
    pytest.param(
        [_m("Kyiv", "GPE", "d1"), _m("Kiev", "GPE", "d2")],
        [("d1", "Kyiv"), ("d2", "Kiev")],
        id="renamed-capital",
    ),
    pytest.param(
        [_m("Samarkand", "GPE", "d1"), _m("Samarqand", "GPE", "d2")],
        [("d1", "Samarkand"), ("d2", "Samarqand")],
        id="k-q-transliteration",
    ),
    pytest.param(
        [_m("Bürgenstock", "LOC", "d1"), _m("Burgenstock", "LOC", "d2")],
        [("d1", "Bürgenstock"), ("d2", "Burgenstock")],
        id="accent",
    ),
    pytest.param(
        [_m("Prime Minister's Office", "ORG", "d1"), _m("PMO", "NORP", "d1", 40)],
        [("d1", "Prime Minister's Office"), ("d1", "PMO")],
        id="acronym-by-initials-whatever-its-label",
    ),
]


@pytest.mark.parametrize(("mentions", "one"), CASES)
def test_variants_resolve_to_one_entity(mentions: list[Mention], one: list) -> None:
    entities = canonicalise(mentions + _context("d1") + _context("d2"))
    assert _together(entities, *one), _groups(entities)


APART = [
    pytest.param(
        [_m("Paul Smith", "PERSON", "d1"), _m("Paula Smith", "PERSON", "d2")],
        id="gendered-first-names",
    ),
    pytest.param(
        [_m("Sergey Ivanov", "PERSON", "d1"), _m("Sergei Ivanov", "PERSON", "d1", 40)],
        id="both-spellings-in-one-document-are-two-people",
    ),
    pytest.param(
        [_m("Mohammed Khan", "PERSON", "d1"), _m("Muhammad Khan", "PERSON", "d2")],
        id="vowel-change-is-not-enough",
    ),
    pytest.param([_m("Ghana", "GPE", "d1"), _m("Guyana", "GPE", "d2")], id="known-countries"),
    pytest.param([_m("iPad", "PRODUCT", "d1"), _m("iPod", "PRODUCT", "d2")], id="products"),
    pytest.param([_m("Jim Smith", "PERSON", "d1"), _m("James Smith", "PERSON", "d2")], id="nick"),
]


@pytest.mark.parametrize("mentions", APART)
def test_look_alikes_stay_apart(mentions: list[Mention]) -> None:
    entities = canonicalise(mentions + _context("d1") + _context("d2"))
    first, second = mentions[0], mentions[1]
    pair = ((first.provenance.doc_id, first.text), (second.provenance.doc_id, second.text))
    assert not _together(entities, *pair), _groups(entities)


def test_spelling_variants_need_shared_context() -> None:
    """Two documents about unrelated things: 'Sergey' and 'Sergei' Ivanov may be two people."""
    mentions = [
        _m("Sergey Ivanov", "PERSON", "d1"),
        _m("Chess Club", "ORG", "d1", 40),
        _m("Sergei Ivanov", "PERSON", "d2"),
        _m("Vladivostok", "GPE", "d2", 40),
    ]
    assert not _together(canonicalise(mentions), ("d1", "Sergey Ivanov"), ("d2", "Sergei Ivanov"))


def _names(text: str) -> dict[str, tuple[str, str | None]]:
    document = make_document(text)
    mentions = extract_mentions(document, parse_one(document.text))
    return {m.text: (m.label, m.role) for m in mentions}


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Dr S Jaishankar said India would keep buying Russian oil.", "S Jaishankar", "PERSON"),
        (
            "National Security Adviser (NSA) Ajit Doval and EAM S Jaishankar accompanied him.",
            "Ajit Doval",
            "PERSON",
        ),
        (
            "National Security Adviser (NSA) Ajit Doval and EAM S Jaishankar accompanied him.",
            "S Jaishankar",
            "PERSON",
        ),
        (
            "The IAF's C-17 Globemaster III landed in Manila on Friday.",
            "C-17 Globemaster III",
            "PRODUCT",
        ),
        ("Leaders adopted the New Delhi Declaration on Saturday.", "New Delhi Declaration", "WORK"),
        (
            "The Summit on Peace in Ukraine ended on Sunday with a communique.",
            "Summit on Peace in Ukraine",
            "EVENT",
        ),
        (
            "The summit ended at the Burgenstock resort in Switzerland on Sunday.",
            "Burgenstock",
            "LOC",
        ),
        ("Putin congratulated India on the landing near the Moon's south pole.", "Moon", "PRODUCT"),
        (
            "The ministers announced an India-Middle East-Europe Economic Corridor on Saturday.",
            "India-Middle East-Europe Economic Corridor",
            "FAC",
        ),
        (
            "Beijing has poured billions into the China-Pakistan Economic Corridor since 2015.",
            "China-Pakistan Economic Corridor",
            "FAC",
        ),
        (
            "Coast guard ships blocked a resupply mission near Second Thomas Shoal on Sunday.",
            "Second Thomas Shoal",
            "LOC",
        ),
        (
            "Bleaching has hit the Great Barrier Reef again, scientists said.",
            "Great Barrier Reef",
            "LOC",
        ),
        ("The director Michael Bay shot the film in Texas.", "Michael Bay", "PERSON"),
    ],
)
def test_mentions_get_their_name_and_type(text: str, name: str, label: str) -> None:
    names = _names(text)
    assert names.get(name, (None,))[0] == label, names


def test_no_initial_or_honorific_is_a_person() -> None:
    names = _names("Dr S. Jaishankar met Mr Lavrov in Moscow. Dr S Jaishankar spoke first.")
    assert not any(n.rstrip(".") in ("S", "Dr", "Mr") for n in names), names


def test_a_date_after_a_name_is_no_part_of_it() -> None:
    names = _names("Leaders adopted the Declaration on Saturday after the Summit on Monday.")
    assert not any("Saturday" in n or "Monday" in n for n in names), names


def test_a_place_inside_a_named_thing_is_not_the_place() -> None:
    names = _names("Leaders adopted the New Delhi Declaration on Saturday in the capital.")
    assert "New Delhi" not in names, names


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Leaders announced an India-Middle East-Europe Economic Corridor on Saturday.", "India"),
        ("Work on the China-Pakistan Economic Corridor slowed last year.", "China"),
    ],
)
def test_a_country_inside_a_project_name_is_not_the_country(text: str, country: str) -> None:
    assert country not in _names(text)


@pytest.mark.parametrize(
    ("text", "fragment", "person"),
    [
        (
            "The minister held talks with External Affairs Minister (EAM) S Jaishankar on trade.",
            "External Affairs",
            "S Jaishankar",
        ),
        (
            "He later met Foreign Affairs Minister (FM) Ahmed Attaf in the capital.",
            "Foreign Affairs",
            "Ahmed Attaf",
        ),
    ],
)
def test_a_title_cut_by_its_acronym_is_no_organisation(
    text: str, fragment: str, person: str
) -> None:
    names = _names(text)
    assert fragment not in names and names.get(person, (None,))[0] == "PERSON", names


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("The first BrahMos missiles reached the Philippines last week.", "BrahMos", "PRODUCT"),
        ("Kyiv asked Berlin for more Patriot missiles on Monday.", "Patriot", "PRODUCT"),
        ("Hamas rockets hit southern Israel overnight, the army said.", "Hamas", "ORG"),
        ("Gaza rockets hit southern Israel overnight, the army said.", "Gaza", "GPE"),
        ("BrahMos Aerospace is owned by India and Russia.", "BrahMos Aerospace", "ORG"),
    ],
)
def test_a_name_modifying_a_weapon_is_the_weapon(text: str, name: str, label: str) -> None:
    names = _names(text)
    assert names.get(name, (None,))[0] == label, names


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Officials cheered the landing of India's Chandrayaan-3 spacecraft.",
            "Chandrayaan-3",
            True,
        ),
        ("The air force flew Su-30MKI jets over the border on Sunday.", "Su-30MKI", True),
        ("Hospitals admitted more COVID-19 patients this week.", "COVID-19", False),
        ("The team won 3-2 in extra time on Sunday.", "3-2", False),
    ],
)
def test_a_designation_before_a_craft_noun_is_a_product(
    text: str, name: str, expected: bool
) -> None:
    names = _names(text)
    assert (names.get(name, (None,))[0] == "PRODUCT") is expected, names


def test_a_body_named_by_itself_before_a_title_stays() -> None:
    names = _names("Treasury Secretary Janet Yellen flew to Beijing on Thursday.")
    assert "Treasury" in names and "Janet Yellen" in names, names


def test_a_plain_person_span_keeps_its_label() -> None:
    """Without evidence, the model's PERSON stays: the layer must not lose CoNLL-style names."""
    names = _names("Officials said Charlie Smith, an analyst at Fort Pitt Capital, was right.")
    assert names.get("Charlie Smith", (None,))[0] == "PERSON", names
