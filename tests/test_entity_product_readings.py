"""A name an organisation unveils, launches or releases, or an apposition calls a version or a
vessel, is a product, in every mention of the document; launched bodies and released people
keep their types."""

from __future__ import annotations

import pytest

from tests.conftest import entity_labels


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # MEANTIME (Wikinews, tuning part): the model types the brand an organisation
        (
            "Apple launches new, faster iPhone. Features new to the iPhone include an upgraded"
            " camera.",
            "iPhone",
        ),
        # Scrapinghub article set: "Apple introduced AirPlay"
        ("Apple introduced AirPlay at its developer conference.", "AirPlay"),
    ],
)
def test_a_name_an_organisation_launches_is_its_product(text: str, product: str) -> None:
    _assert_product(text, product)


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # briefing set (tuning): a launched alliance is a body ("launched the Global Biofuels
        # Alliance")
        (
            "The G20 launched the Global Biofuels Alliance on Saturday.",
            "Global Biofuels Alliance",
            "ORG",
        ),
        # a person an organisation releases is no product
        ("Hamas released Gilad Shalit on Tuesday.", "Gilad Shalit", "PERSON"),
        # a company's legal form says it is a body
        ("Google launched Calico LLC in 2013.", "Calico LLC", "ORG"),
    ],
)
def test_launched_bodies_and_released_people_keep_their_types(
    text: str, name: str, label: str
) -> None:
    assert (name, label) in entity_labels(text)


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # MEANTIME (tuning): the model says person
        (
            "In chatrooms and on bulletin boards, Macintosh users are buzzing about Tiger, the"
            " newest version of Apple Computer's Mac OS X, version 10.4. Apple reports that"
            " Tiger includes more than 200 new features.",
            "Tiger",
        ),
        # ECB+: the model says person
        ("Pirates seized MV Gibe, a merchant vessel flying the Ethiopian flag.", "MV Gibe"),
    ],
)
def test_a_name_an_apposition_calls_a_made_thing_is_a_product(text: str, product: str) -> None:
    _assert_product(text, product)


def test_a_person_described_by_an_office_stays_a_person() -> None:
    # ECB+: "Giannis Panagopoulos, head of the GSEE private sector union"
    text = "Giannis Panagopoulos, head of the GSEE private sector union, called a strike."
    assert ("Giannis Panagopoulos", "PERSON") in entity_labels(text)


def _assert_product(text: str, product: str) -> None:
    """Every mention of ``product`` in ``text`` is typed PRODUCT (and there is one)."""
    labels = entity_labels(text)
    named = [label for name, label in labels if name == product]
    assert named and set(named) == {"PRODUCT"}, labels
