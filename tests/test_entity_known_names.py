"""Names the NER model missed that the actor dictionary knows (``known_names``): numbered groups
of states ('Group of Seven', 'G7', 'G-7', 'G 7', ``numbered_groups``) and organisations the
model read as a number or as nothing. Sentences are written in the style of wire copy, not taken
from the gold sets."""

from __future__ import annotations

import pytest

from storyline.entities.actors import actor_dictionary
from storyline.entities.extract import canonicalise, extract_mentions
from storyline.entities.known_names import dictionary_organisations
from storyline.entities.numbered_groups import numbered_group_key, numbered_heads
from storyline.models import Mention
from storyline.nlp import parse_one
from tests.conftest import make_document


def _mentions(text: str, doc_id: str = "doc") -> list[Mention]:
    document = make_document(text, doc_id=doc_id)
    return extract_mentions(document, parse_one(document.text))


def test_the_convention_is_read_from_the_dictionary() -> None:
    """GROUP_OF_SEVEN_ with +G_7_ and GROUP_OF_EIGHT_ with +G_8_ give the head 'group'."""
    assert "group" in numbered_heads()


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("group of seven", "g 7"),
        ("g7", "g 7"),
        ("g 7", "g 7"),
        ("group of twenty", "g 20"),
        ("group of 20", "g 20"),
        ("g20", "g 20"),
        ("group of seventy seven", "g 77"),
        ("group of states", None),  # 'African, Caribbean and Pacific Group of States'
        ("group of one", None),
        ("f 16", None),  # only the initial of a numbered head
        ("g 05", None),
        ("group", None),
    ],
)
def test_numbered_group_key(key: str, expected: str | None) -> None:
    assert numbered_group_key(key) == expected


def test_a_group_named_with_a_spelled_number_is_a_mention() -> None:
    """The model tags 'Twenty' as a number and names nothing."""
    found = _mentions("Leaders of the Group of Twenty agreed on Saturday to a joint statement.")
    assert [(m.text, m.label) for m in found if m.text.startswith("Group")] == [
        ("Group of Twenty", "ORG")
    ]


def test_spellings_of_one_numbered_group_are_one_entity_across_documents() -> None:
    first = _mentions("The Group of Eight met in Italy on Friday to discuss food prices.", "d1")
    second = _mentions("The G8 leaders ended their meeting in Italy on Saturday.", "d2")
    third = _mentions("A G 8 statement on Sunday said the talks would go on.", "d3")
    groups = [e for e in canonicalise(first + second + third) if e.type == "ORG"]
    assert len(groups) == 1
    assert {m.text for m in groups[0].mentions} == {"Group of Eight", "G8", "G 8"}


def test_two_numbered_groups_stay_apart() -> None:
    first = _mentions("The Group of Seven met in Japan on Friday.", "d1")
    second = _mentions("The Group of Eight met in Italy on Friday.", "d2")
    names = {e.name for e in canonicalise(first + second) if e.type == "ORG"}
    assert names == {"Group of Seven", "Group of Eight"}


def test_a_group_of_people_is_no_name() -> None:
    found = _mentions("A group of seven men attacked the convoy near the border on Monday.")
    assert [m.text for m in found] == []


def test_an_organisation_the_model_missed_is_found_by_the_dictionary() -> None:
    """The model reads a sentence-final 'AT&T.' as nothing; the dictionary lists AT&T."""
    found = _mentions("Pre-orders of the new phone began Tuesday, overwhelming Apple and AT&T.")
    assert any(m.text.startswith("AT&T") and m.label == "ORG" for m in found)


def test_an_office_the_dictionary_lists_as_an_actor_is_no_organisation() -> None:
    """PETRARCH2 lists 'Secretary of State' among its actors: an office, which names nobody."""
    assert "secretary of state" in actor_dictionary().organisations
    doc = parse_one("The Secretary of State flew to Cairo on Monday.")
    doc.ents = ()  # where the model names nothing (it tags 'State' alone today)
    assert [doc[s:e].text for s, e in dictionary_organisations(doc, set())] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # MEANTIME (tuning part): the model reads '[Lockheed] [Martin]', a company and a product
        (
            "That contract was fought for between Boeing and Lockheed Martin, Lockheed"
            " ultimately winning the contest.",
            "Lockheed Martin",
        ),
    ],
)
def test_two_names_cut_out_of_one_listed_organisation_are_that_organisation(
    text: str, name: str
) -> None:
    document = make_document(text)
    labels = {m.text: m.label for m in extract_mentions(document, parse_one(document.text))}
    assert labels.get(name) == "ORG", labels
    assert "Martin" not in labels, labels
