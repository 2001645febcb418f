"""Names other than people that are one thing written several ways: acronyms and the
transliterations and spellings of places and organisations.

* An all-capitals name joins the one organisation it abbreviates, by an alias stated in the
  text ("Shanghai Cooperation Organization (SCO)") or by the initials of its words; the long
  form then names the entity and gives its type (the acronym's own label is the model's guess
  on an opaque word: "PMO" read as a nationality).
* Two spellings of a place or organisation ("Kyiv"/"Kiev", "Samarkand"/"Samarqand",
  "Organisation"/"Organization") join when every word is a spelling variant (``variants``),
  they have one type, their documents share context, and the tables do not know them as two
  different things (Ghana and Guyana, Benin and Bonn share a skeleton). A multi-word name must
  also keep one word exactly.
* A named document or event written short ("the New Delhi Declaration" for "the New Delhi
  Leaders' Declaration", "the Paris Agreement" for "the Paris Climate Agreement") joins the one
  longer name of its type that keeps its first word and its head word and contains all its
  words in order, when their documents share context. This is the "strict head match" of
  coreference sieves (head match plus word inclusion: Raghunathan et al. 2010, Lee et al. 2013);
  it is kept to documents and events, whose short forms drop modifiers, and refused when the
  longer name adds a number ("Minsk II Agreement" is not the first "Minsk Agreement").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from storyline.entities.actors import actor_dictionary
from storyline.entities.lexicon import Lexicon
from storyline.entities.name_items import Context, Keys, NameItem
from storyline.entities.names import initials
from storyline.entities.variants import fold, skeleton, spelling_variants
from storyline.models import Mention
from storyline.models.language import EntityType

_ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "de", "du", "des", "la", "le", "in", "on"})
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,9}$")
_SPELLING_TYPES = frozenset({"GPE", "LOC", "FAC", "ORG", "EVENT", "PRODUCT", "WORK"})
#: Types whose names are written short by dropping modifiers (named documents and events).
_SHORT_FORM_TYPES = frozenset({"WORK", "EVENT"})
#: Words that make a longer name another instance, not the same thing written fully.
_ORDINAL = re.compile(r"^(?:\d+\w*|[ivx]+|first|second|third|fourth|fifth|sixth|seventh|new|old)$")


def is_acronym(display: str) -> bool:
    return bool(_ACRONYM.match(display))


def link_acronyms(
    items: list[NameItem], mentions: Sequence[Mention], types: dict[str, EntityType], keys: Keys
) -> set[str]:
    """Join acronyms to the one organisation they abbreviate; returns the acronym keys so
    joined (their labels do not vote on the entity's type)."""
    stated: dict[str, set[str]] = defaultdict(set)
    by_initials: dict[str, set[str]] = defaultdict(set)
    for item in items:
        alias = mentions[item.index].alias
        if alias and not alias.startswith("@"):
            stated[fold(alias)].add(item.key)
        words = tuple(w for w in item.key.split() if w not in _ACRONYM_SKIP)
        if types[item.key] in ("ORG", "FAC", "GPE") and len(words) > 1:
            by_initials[initials(words)].add(item.key)
    joined: set[str] = set()
    for item in items:
        if item.fixed or " " in item.key or not is_acronym(item.display):
            continue
        candidates = stated.get(fold(item.key)) or by_initials.get(item.key.replace(" ", ""), set())
        candidates = {c for c in candidates if c != item.key}
        if len(candidates) == 1:
            keys.union(item.key, next(iter(candidates)))
            joined.add(item.key)
    return joined


def link_spellings(
    items: list[NameItem], types: dict[str, EntityType], keys: Keys, context: Context, lex: Lexicon
) -> None:
    """Join spelling variants of places and organisations, blocked by type and skeleton."""
    blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in items:
        kind = types[item.key]
        if kind in _SPELLING_TYPES and not is_acronym(item.display):
            shape = " ".join(skeleton(w) for w in item.key.split())
            blocks[(kind, shape)].add(item.key)
    displays = {item.key: item.display for item in items}
    for block in blocks.values():
        ordered = sorted(block)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if _one_thing(a, b, displays, context, lex):
                    keys.union(a, b)


def link_short_forms(
    items: list[NameItem], types: dict[str, EntityType], keys: Keys, context: Context
) -> None:
    """Join a document or event written short to the one longer name of its type that keeps
    its first and head words and all its words in order ('new delhi declaration' → 'new delhi
    leaders declaration'); blocked by (type, first word, head word), so only names that share
    both are compared."""
    blocks: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for item in items:
        kind = types[item.key]
        words = item.key.split()
        if kind in _SHORT_FORM_TYPES and len(words) > 1:
            blocks[(kind, words[0], words[-1])].add(item.key)
    for block in blocks.values():
        for short in sorted(block):
            longer = [k for k in sorted(block) if is_short_form(short, k)]
            if len(longer) == 1 and context.shared(short, longer[0]):
                keys.union(short, longer[0])


def link_first_words(
    items: list[NameItem], types: dict[str, EntityType], keys: Keys, context: Context
) -> None:
    """Join an organisation written by its first word alone to the one longer organisation's
    name beginning with that word that a document writes beside it: the wire's second
    reference to a company ("Northrop Grumman" / "Northrop", "Apple Computer" / "Apple" in
    MEANTIME; "Compaq Computer Corp." / "Compaq", "Delta Air Lines" / "Delta" in TimeBank).
    Never when the documents of the short name write two such names beside it ("Ford" next to
    "Ford Motor Co." and "Ford Australia"), nor for an acronym (``link_acronyms`` reads those:
    "UN" is not the "UN Security Council"), nor across types ("Qatar" and "Qatar Airways"),
    nor for a name written with a small first letter, a product's ("iPhone" is not the
    "iPhone Developer Program")."""
    orgs = {item.key for item in items if types[item.key] == "ORG"}
    unfit = {
        item.key for item in items if is_acronym(item.display) or not item.display[:1].isupper()
    }
    longer: dict[str, set[str]] = defaultdict(set)
    for key in orgs:
        first, _, rest = key.partition(" ")
        if rest:
            longer[first].add(key)
    for short in sorted(orgs - unfit):
        beside = {keys.find(k) for k in longer.get(short, ()) if context.together(short, k)}
        if len(beside) == 1:
            keys.union(short, next(iter(beside)))


def link_country_led(
    items: list[NameItem], types: dict[str, EntityType], keys: Keys, context: Context, lex: Lexicon
) -> None:
    """Join an organisation named after its country to the same body named with the country
    written another way or left out: 'US Air Force', 'U.S. Air Force', 'United States Air
    Force' and 'the Air Force'; 'Indian Air Force' and 'Air Force'. The country is read by the
    tables (a name, an alias or a demonym of the country); the shorter name joins the one
    country's body of that name its own documents name, else the one of the pile whose
    documents share context with it — never when there are two ('Air Force' next to both an
    Indian and a Pakistani one).

    News names a national body in full on first reference and drops the country after (the
    wire style books' second reference): MEANTIME's "US Air Force" / "the U.S. Air Force" /
    "the Air Force", ECB+'s "the Indian Navy" / "the Navy", TimeML's "U.S. Air Force" / "the
    Air Force"; the events layer reads the same construction for places ("the Angels")."""
    led: dict[tuple[str, str], set[str]] = defaultdict(set)  # (country, rest) → keys
    orgs = {item.key for item in items if types[item.key] == "ORG" and not is_acronym(item.display)}
    for key in sorted(orgs):
        words = key.split()
        for size in range(1, min(3, len(words) - 1) + 1):
            lead = " ".join(words[:size])
            country = lex.country_of_place(lead) or lex.country_of_demonym(lead)
            if country:
                led[(country, " ".join(words[size:]))].add(key)
                break
    by_rest: dict[str, set[str]] = defaultdict(set)
    for (_, rest), same in led.items():
        ordered = sorted(same)
        for other in ordered[1:]:
            if context.shared(ordered[0], other):
                keys.union(ordered[0], other)
        by_rest[rest] |= same
    for rest, fuller in by_rest.items():
        if rest not in orgs:
            continue
        beside = {keys.find(k) for k in fuller if context.together(rest, k)}
        roots = beside or {keys.find(k) for k in fuller if context.shared(rest, k)}
        if len(roots) == 1:
            keys.union(rest, next(iter(roots)))


def is_short_form(short: str, full: str) -> bool:
    """``short`` is ``full`` less modifiers: same first and last word, every word of ``short``
    in ``full`` in order, and no number or ordinal among the words ``full`` adds."""
    ws, wf = short.split(), full.split()
    if len(ws) >= len(wf) or ws[0] != wf[0] or ws[-1] != wf[-1]:
        return False
    rest = iter(wf)
    if not all(any(w == f for f in rest) for w in ws):
        return False
    added = list(wf)
    for w in ws:
        added.remove(w)
    return not any(_ORDINAL.match(w) for w in added)


def _one_thing(a: str, b: str, displays: dict[str, str], context: Context, lex: Lexicon) -> bool:
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or not all(spelling_variants(x, y) for x, y in zip(wa, wb, strict=True)):
        return False
    if len(wa) > 1 and not any(fold(x) == fold(y) for x, y in zip(wa, wb, strict=True)):
        return False
    if _known_apart(displays.get(a, a), displays.get(b, b), lex):
        return False
    return context.shared(a, b)


def _known_apart(a: str, b: str, lex: Lexicon) -> bool:
    """The tables name the two as different things: places of different countries, two
    different organisations, two different countries."""
    places = actor_dictionary().places
    country_a, country_b = lex.place_country(a), lex.place_country(b)
    if country_a and country_b and country_a != country_b:
        return True
    if lex.country_of_place(a) and lex.country_of_place(b):
        return lex.country_of_place(a) != lex.country_of_place(b)
    code_a, code_b = places.get(fold_key(a)), places.get(fold_key(b))
    if code_a and code_b and code_a != code_b:
        return True
    org_a, org_b = lex.organisation(a), lex.organisation(b)
    return bool(org_a and org_b and org_a != org_b)


def fold_key(text: str) -> str:
    return " ".join(fold(w) for w in text.split())
