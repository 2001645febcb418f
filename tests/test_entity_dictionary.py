"""The PETRARCH2 actor dictionary: its compilation, its licence, and who held which office when."""

from __future__ import annotations

import importlib.util
import json
import sys
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.entities.actor_affiliation import affiliation, code_sector
from storyline.entities.actors import ActorPerson, DatedCode, actor_dictionary
from storyline.entities.known_roles import known_roles
from storyline.models import Entity
from tests.conftest import ROOT, SHARED

SCRIPT = ROOT / "scripts" / "compile_petrarch_actors.py"
SOURCE = SHARED / "lexicons" / "petrarch2"


def _compiler():
    spec = importlib.util.spec_from_file_location("compile_petrarch_actors", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


SAMPLE = """# a comment
RUSSIAN_FEDERATION_  [RUS]
+RUSSIA_
+MOSCOW_

SERGEY_LAVROV_  # CountryInfo.txt
+SERGEI_LAVROV
+RUSSIAN_FOREIGN_MINISTER_SERGEY_LAVROV
+LAVROV
\t[RUSGOV 19940922-20040712] # Amb. to UN
\t[RUSGOV >20040309]
ABDUL_QADIR_  # CountryInfo.txt
+NUR_MOHAMMAD_TARAKI_  # CountryInfo.txt
\t[AFGGOV 780427-780430]
NATIONAL_GUARD_(NG)_ [RUSMIL]
"""


def test_compiler_reads_records_dates_and_synonyms(tmp_path: Path) -> None:
    compiler = _compiler()
    path = tmp_path / "Phoenix.Countries.actors.txt"
    path.write_text(SAMPLE, "utf-8")
    table = compiler.compile_records(compiler.read_actor_file(path))
    assert table["countries"]["RUS"]["names"][:3] == ["russian federation", "russia", "moscow"]
    people = {p[0]: p for p in table["people"]}
    lavrov = people["Sergey Lavrov"]
    assert lavrov[1] == ["sergey lavrov", "sergei lavrov", "lavrov"]  # the title is stripped
    assert lavrov[2] == [["RUSGOV", "1994-09-22", "2004-07-12"], ["RUSGOV", "2004-03-09", ""]]
    # a synonym that shares no name with the primary is another holder of the office
    assert "Nur Mohammad Taraki" in people and "Abdul Qadir" in people
    assert ["national guard", "ng"] in [o[0] for o in table["organisations"]]
    assert table["coverage_end"] == ""  # too few dates to call any year covered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("850115", "1985-01-15"),
        ("080507", "2008-05-07"),  # YY 00-30 is 20YY, as in TABARI
        ("18970101", "1897-01-01"),
        ("20100931", None),  # no such day
        ("abc", None),
    ],
)
def test_dictionary_dates(text: str, expected: str | None) -> None:
    assert _compiler().parse_date(text) == expected


@given(st.text(max_size=80))
def test_restrictions_never_raise(text: str) -> None:
    assert isinstance(_compiler().parse_restrictions(text), list)


def test_packaged_table_keeps_the_licence_and_is_current() -> None:
    """The packaged table is what the script makes of the shared dictionaries (run
    ``python scripts/compile_petrarch_actors.py ../shared/lexicons/petrarch2`` after a change)."""
    packaged = json.loads(
        resources.files("storyline.data").joinpath("petrarch_actors.json").read_text("utf-8")
    )
    assert "Copyright (c) 2014 Open Event Data" in packaged["licence"]
    assert "MIT" in packaged["licence"]
    compiler = _compiler()
    records = [r for name in compiler.ACTOR_FILES for r in compiler.read_actor_file(SOURCE / name)]
    fresh = compiler.compile_records(records)
    assert fresh["people"] == packaged["people"]
    assert fresh["coverage_end"] == packaged["coverage_end"] == "2015"


def test_role_for_an_articles_date() -> None:
    actors = actor_dictionary()
    person = ActorPerson(
        "Sergey Lavrov",
        ("sergey lavrov",),
        (DatedCode("RUSGOV", "1994-09-22", "2004-07-12"), DatedCode("RUSGOV", "2004-03-09", "")),
    )
    in_range = actors.role_on(person, "2010-05-01")
    assert in_range is not None and in_range.text == "Government of Russia"
    assert "records end" not in in_range.describe(actors.coverage_end)
    later = actors.role_on(person, "2024-08-27")
    assert later is not None and later.after_coverage
    assert "its records end in 2015" in later.describe(actors.coverage_end)
    assert actors.role_on(person, "1990-01-01") is None
    ended = ActorPerson("X", ("x y",), (DatedCode("USAGOV", "2001-01-20", "2009-01-20"),))
    assert actors.role_on(ended, "2024-01-01") is None  # no code still open at the end


def test_known_roles_of_a_canonical_entity() -> None:
    from storyline.models import Entity, Mention, Provenance

    mention = Mention(
        text="Narendra Modi",
        label="PERSON",
        model_label="PERSON",
        provenance=Provenance(
            doc_id="d1", start=0, end=13, sentence="x", sentence_start=0, sentence_end=13
        ),
    )
    modi = Entity(
        id="person:narendra-modi",
        name="Narendra Modi",
        type="PERSON",
        documents=["d1", "d2"],
        mentions=[mention],
    )
    roles = known_roles(modi, {"d1": "2010-01-01", "d2": "2015-03-01"})
    assert roles == ["Government of India (PETRARCH2 actor dictionary, since 26 May 2014)"]
    unknown = modi.model_copy(update={"name": "Zzyzx Qwerty", "mentions": []})
    assert known_roles(unknown, {"d1": "2015-03-01"}) == []


def test_affiliation_falls_back_on_the_dictionary() -> None:
    from storyline.entities.actor_affiliation import affiliation
    from storyline.models import Entity

    bare = Entity(id="person:sergey-lavrov", name="Sergey Lavrov", type="PERSON")
    assert affiliation(bare) == ("Russia", "GOV")
    stated = bare.model_copy(update={"roles": ["Ambassador of India"]})
    assert affiliation(stated)[0] == "India"  # the text's own role comes first
    unknown = bare.model_copy(update={"name": "Zzyzx Qwerty"})
    assert affiliation(unknown) == (None, None)


@pytest.mark.parametrize(
    ("entity", "expected"),
    [
        # no sector word in the name: the organisation records say what each one is
        (Entity(id="o", name="Boeing", type="ORG"), (None, "MNC")),
        (Entity(id="o", name="Greenpeace", type="ORG"), (None, "NGO")),
        (Entity(id="o", name="Washington Post", type="ORG"), (None, "MED")),
        (Entity(id="o", name="Hamas", type="ORG"), (None, "REB")),
        # through an alias the records list when the name is not there
        (
            Entity(
                id="o",
                name="OSCE",
                type="ORG",
                aliases=["Organization for Security and Co-operation in Europe"],
            ),
            (None, "IGO"),
        ),
        # a sector word in the name still comes first
        (Entity(id="o", name="Indian Army", type="ORG"), ("India", "MIL")),
        (Entity(id="o", name="Society for Conservation Biology", type="ORG"), (None, None)),
    ],
)
def test_organisations_take_their_sector_from_the_actor_dictionary(
    entity: Entity, expected: tuple[str | None, str | None]
) -> None:
    """PETRARCH2's organisation codes give the sector a name without a sector word lacks, and
    never the country an international actor's code names (Boeing is MNCUSA, not the US)."""
    assert affiliation(entity) == expected


@pytest.mark.parametrize(
    ("code", "sector"),
    [
        ("MNCUSA", "MNC"),
        ("PSEREBHMS", "REB"),
        ("IGOUNODEVWBK", "IGO"),
        ("USAGOV", "GOV"),
        ("IMGMUSALQ", "IMG"),
        ("ZZZ", None),
    ],
)
def test_code_sector_is_the_first_role_part(code: str, sector: str | None) -> None:
    assert code_sector(code, actor_dictionary().role_words) == sector
