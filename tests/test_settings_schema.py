"""Every settings table is checked against its schema when read; a malformed table stops with a
message naming the file and the key (not a crash far from the cause)."""

from __future__ import annotations

from importlib import resources

import pytest

from storyline.data import check_settings, read_toml
from storyline.data.schema import SCHEMAS
from storyline.errors import SettingsError

DATA = resources.files("storyline.data")


def test_every_packaged_table_has_a_schema() -> None:
    tables = {p.name for p in DATA.iterdir() if p.name.endswith(".toml")}
    assert tables <= set(SCHEMAS), f"tables without a schema: {sorted(tables - set(SCHEMAS))}"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_packaged_tables_match_their_schema(name: str) -> None:
    if name == "report.toml":
        read_toml("assets/report.toml", package="storyline.report")
    else:
        read_toml(name)


@pytest.mark.parametrize(
    ("name", "edit", "expected"),
    [
        ("stories.toml", ("threshold = ", "treshold = "), "duplicates.treshold: unknown key"),
        ("stories.toml", ("num_perm = ", "num_perm = 'many' #"), "duplicates.num_perm:"),
        ("summary.toml", ("max_sentences = ", "max_sentences = [1] #"), "max_sentences:"),
        ("furniture.toml", ('where = "anywhere"', 'where = "everywhere"'), "rule[0].where:"),
    ],
)
def test_a_malformed_table_names_file_and_key(
    name: str, edit: tuple[str, str], expected: str
) -> None:
    text = DATA.joinpath(name).read_text("utf-8").replace(*edit, 1)
    with pytest.raises(SettingsError) as raised:
        check_settings(name, text)
    message = str(raised.value)
    assert message.startswith(f"{name}: ")
    assert expected in message


def test_broken_toml_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match=r"^ask\.toml: not valid TOML"):
        check_settings("ask.toml", "max_terms = = 3")


def test_a_backspace_in_a_pattern_is_caught() -> None:
    # "\b" in a double-quoted TOML string is a backspace: the regex would never match
    with pytest.raises(
        SettingsError, match=r"^summary\.toml: weights\.anaphors\[0\]: contains a control"
    ):
        check_settings("summary.toml", '[weights]\nanaphors = ["\\bit\\b"]\n')
