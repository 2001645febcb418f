"""Who a figure is about: the countries, organisations and people around it.

A figure's grouping key carries its parties ("india|russia"), so two sources reporting the
same trade total group together and a figure about another pair of countries does not. This
module turns entity spans into normalised parties (a demonym to its country, a person to a
surname key) and looks for them where a reader would: the figure's clause, its sentence, the
previous sentence, then the (unparsed) title.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.tokens import Span, Token

from storyline.entities.lexicon import lexicon as entity_lexicon
from storyline.entities.lexicon import name_key
from storyline.figures.syntax import VERBS, Context, clause_head, words
from storyline.models import Entity
from storyline.nlp import doc_ents, span_ents, span_text
from storyline.nlp_tokens import tokens

CLAUSE_DEPS = ("ROOT", "ccomp", "advcl", "relcl", "conj", "parataxis", "acl")


_THE = re.compile(r"^(the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"'s$")
_TRAILING = re.compile(r"\W+$")


@dataclass(frozen=True)
class Party:
    key: str  # normalised, for grouping: "india", "united states", "putin"
    name: str  # as the text names it: "India", "Vladimir Putin"
    label: str


def party(ent: Span | Token) -> Party | None:
    """A normalised party for an entity span (NORP → its country); None for other types."""
    if isinstance(ent, Token):
        return None
    return party_of_name(span_text(ent), ent.label_)


@lru_cache(maxsize=4096)
def party_of_name(name: str, label: str) -> Party | None:
    """The party a name of an entity type stands for (see ``party``). Kept per (name, label):
    the same few names are asked for every figure of a document (a party is frozen and the
    entity tables are read once per process)."""
    text = _THE.sub("", name.replace("’", "'"))
    text = _POSSESSIVE.sub("", text).strip()
    places = entity_lexicon()  # the entity layer's country tables: one source of truth
    if label == "NORP":
        country = places.country_of_demonym(text)
        if country is None:
            return None
        return Party(country.lower(), country, "GPE")
    if label in ("GPE", "LOC"):
        country = places.country_of_place(text)
        return Party((country or text).lower(), country or text, "GPE")
    if label == "ORG":
        return Party(text.lower(), text, "ORG")
    if label == "PERSON":
        last = _TRAILING.sub("", text.split()[-1]) if text.split() else text
        return Party(last.lower(), text, "PERSON")
    return None


def parties_in(spans: Iterable[Span | Token]) -> list[Party]:
    seen: dict[str, Party] = {}
    for span in spans:
        found = party(span)
        if found is not None and found.key and found.key not in seen:
            seen[found.key] = found
    return list(seen.values())


def _prioritised(parties: list[Party]) -> list[Party]:
    for label in words().priority:
        chosen = [p for p in parties if p.label == label]
        if chosen:
            return chosen
    return []


def _clause_tokens(anchor: Token) -> list[int]:
    """Indices of the tokens of the anchor's clause (its verb's subtree, less the clauses
    below that do not hold the anchor), walked on the token table: a figure's clause is
    walked for every figure, and ``token.children`` makes a ``Token`` per child."""
    table = tokens(anchor.doc)
    children, dep, pos = table.children, table.dep, table.pos
    inside = {anchor.i, *table.ancestors(anchor.i)}
    found: list[int] = []

    def walk(i: int) -> None:
        found.append(i)
        for child in children(i):
            if dep[child] in CLAUSE_DEPS and pos[child] in VERBS and child not in inside:
                continue
            walk(child)

    walk(clause_head(anchor).i)
    return found


def context_parties(anchor: Token, ctx: Context) -> list[Party]:
    """Parties from the figure's clause, else its sentence, the previous sentence, the title."""
    clause = _clause_tokens(anchor)
    clause_ents = {id(ctx.ents[i]): ctx.ents[i] for i in clause if i in ctx.ents}
    windows: list[Iterable[Span]] = [clause_ents.values(), span_ents(anchor.sent)]
    previous = ctx.previous_sentence(anchor)
    if previous is not None:
        windows.append(span_ents(previous))
    for spans in windows:
        chosen = _prioritised(parties_in(spans))
        if chosen:
            return chosen
    if ctx.title:
        return title_parties(ctx)
    return []


def title_parties(ctx: Context) -> list[Party]:
    """Parties named in the title (which is not parsed): the document's own names found in it,
    else country names and aliases from the data tables."""
    title = ctx.title or ""
    found = _prioritised(parties_in(e for e in doc_ents(ctx.doc) if span_text(e) in title))
    if found:
        return found
    parties: dict[str, tuple[int, Party]] = {}
    for pattern in _title_country_patterns():
        for match in pattern.finditer(title):
            country = _country_by_key()[name_key(match.group(0))]
            if country.lower() not in parties:
                parties[country.lower()] = (match.start(), Party(country.lower(), country, "GPE"))
    return [party for _, party in sorted(parties.values(), key=lambda item: item[0])]


@cache
def _country_by_key() -> dict[str, str]:
    places = entity_lexicon()
    table: dict[str, str] = {}
    for key, country in [*places.countries.items(), *places.demonyms.items()]:
        table.setdefault(key, country)
    return table


@cache
def _title_country_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Two compiled alternations over the country tables (compiled once: one search per key
    would recompile hundreds of patterns per title). Short keys ("us", "uk") match only as
    capitals, dotted or not ("US", "U.S."), so "join us" names no country; longer ones match
    in any case."""
    keys = sorted(_country_by_key(), key=lambda k: (-len(k), k))
    short = "|".join("".join(rf"{re.escape(c)}\.?" for c in k.upper()) for k in keys if len(k) <= 3)
    long = "|".join(re.escape(k) for k in keys if len(k) > 3)
    return (
        re.compile(rf"(?<!\w)(?:{short})(?!\w)"),
        re.compile(rf"(?<!\w)(?:{long})(?!\w)", re.IGNORECASE),
    )


def party_countries(
    entities: Iterable[Entity], affiliation: Callable[[Entity], tuple[str | None, str | None]]
) -> dict[str, str]:
    """Party key → its country's key, for every entity the entity layer places in a country
    ("modi" → "india", "kyiv" → "ukraine"): participants of one act are the same parties whether
    a report names the leader or the country."""
    out: dict[str, str] = {}
    for entity in entities:
        country = affiliation(entity)[0]
        if not country:
            continue
        for name in {entity.name, *entity.aliases}:
            found = party_of_name(name, entity.type)
            if found is not None and found.key != country.lower():
                out.setdefault(found.key, country.lower())
    return out
