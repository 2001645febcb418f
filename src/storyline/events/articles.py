"""Actor names as a label says them: "gave aid to the Philippines", "warned the United States".

English puts "the" before a country or body name that is plural or built on a common noun ("the
Philippines", "the United States", "the African Union", "the Security Council") and before no
other ("India", "Moscow", "NATO"). Which names those are is measured, not listed by hand:
``scripts/measure_definite_names.py`` counts how often news writes each PETRARCH2 country and
organisation name with "the" (the demo corpus, the body-extraction gold articles, TimeBank/
AQUAINT, ECB+, the publication-date test pages) and, for names it has not seen, how often names
built on the same head word take it ("the Ministry of …", "the … Department": the word before
"of", else the last). ``data/definite_names.tsv`` holds both counts.

A demonym standing for a party ("India cooperated with Russian", "American imposed sanctions")
reads as its country: the PETRARCH2 country dictionary files "RUSSIAN", "BRITISH" under the
country, and the entity layer gives the actor that country.
"""

from __future__ import annotations

from functools import cache

from storyline.data import read_rows
from storyline.models import Actor

DEFINITE_FILE = "definite_names.tsv"
#: A name takes "the" when news writes it so at least this often (the measured shares are
#: bimodal: "the United States" 117 of 120, "the Philippines" 6 of 8, "Miami" 1 of 60).
DEFINITE_SHARE = 0.5
#: Entity types whose names never take an article in a label: people.
ARTICLELESS = frozenset({"PERSON"})


@cache
def _measured() -> tuple[dict[str, bool], dict[str, bool]]:
    """Whole names and head words, each mapped to whether it takes "the"."""
    names: dict[str, bool] = {}
    heads: dict[str, bool] = {}
    for kind, name, definite, bare in read_rows(DEFINITE_FILE):
        table = names if kind == "name" else heads
        table[name] = int(definite) >= DEFINITE_SHARE * (int(definite) + int(bare))
    return names, heads


def takes_article(name: str) -> bool:
    """Whether news writes ``name`` (a country or body, not a person) with "the"."""
    words = name.lower().split()
    if not words or words[0] == "the":
        return False
    names, heads = _measured()
    if " ".join(words) in names:
        return names[" ".join(words)]
    if len(words) < 2:
        return False
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return heads.get(head, False)


def said_name(actor: Actor) -> str:
    """The actor's name as a label says it: a demonym as its country, "the" where English puts
    it. A phrase that names no entity ("central banks") is said as written."""
    if actor.label == "NORP" and actor.country:
        return _with_article(actor.country)
    if actor.name is None:
        return actor.text
    if actor.label in ARTICLELESS or actor.label is None:
        return actor.name
    return _with_article(actor.name)


def _with_article(name: str) -> str:
    return f"the {name}" if takes_article(name) else name
