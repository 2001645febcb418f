"""Names with a name inside: "Summit on Peace in Ukraine", "New Delhi Leaders' Declaration".

The NER model tags the place inside such a name ("Ukraine", "New Delhi") and misses the whole,
so the place gets a mention that is not about the place and the summit or declaration gets
none. A capitalised run is one name when

* it begins with a head noun of the ``name_heads`` table ("Summit", "Conference", "Museum") that
  no entity covers, and continues through connectors (of, on, for, and, the; "in" only for
  events, whose official names carry their subject: "Summit on Peace in Ukraine") to at least
  one more capitalised word;
* it ends with a named-document, event or facility head ("Declaration", "Summit",
  "Corridor") right after capitalised words, hyphen-joined ones included, that hold a place
  ("Paris Agreement", "New Delhi Leaders' Declaration", "India-Middle East-Europe Economic
  Corridor": a project named after the countries it joins is not those countries); or
* it is the name of a museum, memorial or meeting with a complement ("National Museum of the
  History of Ukraine", a span of the model; a head of ``name_heads``, not an office) run on
  through "in" to a capitalised name that is no place, person or body ("… in the Second World
  War"): an institution is located in places, so "in" + a place is where it is ("the Court of
  Appeals in Atlanta", "the Institute for Astrophysics in Munich", "the Moscone Center in San
  Francisco" in TimeML and MEANTIME), while "in" + a war, an era or a field is part of what
  the institution is about, and so of its name.

Entity spans wholly inside such a run are dropped; a run that cuts an entity span in two, or
holds a person, is left alone.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from functools import cache

from spacy.tokens import Doc, Token

from storyline.data import read_toml
from storyline.entities.lexicon import lexicon
from storyline.models.language import EntityType
from storyline.nlp_tokens import tokens

_CONNECTORS = frozenset({"of", "on", "for", "and", "the"})
_POSSESSIVE = frozenset({"'", "’", "'s", "’s"})
_LAST_HEAD_TYPES = frozenset({"WORK", "EVENT", "FAC"})
_HYPHENS = frozenset({"-", "–"})


@cache
def name_heads() -> dict[str, EntityType]:
    return read_toml("entities_orgs.toml")["name_heads"]


def whole_names(
    doc: Doc, spans: list[tuple[int, int, str]]
) -> tuple[list[tuple[int, int, EntityType]], set[int]]:
    """New spans for names that hold other names, and the indices of ``spans`` they swallow."""
    owner = {t: n for n, (s, e, _) in enumerate(spans) for t in range(s, e)}
    heads = name_heads()
    found: list[tuple[int, int, EntityType]] = []
    swallowed: set[int] = set()
    table = tokens(doc)
    texts, is_title = table.text, table.is_title
    i = 0
    while i < len(doc):
        kind = heads.get(texts[i])
        run = None
        if kind and is_title[i] and i not in owner:
            run = _head_first(doc, i, kind) or (
                _head_last(doc, i) if kind in _LAST_HEAD_TYPES else None
            )
        if run is not None:
            inside = _inside_spans(run, spans, owner)
            if inside is not None:
                found.append((run[0], run[1], kind))  # type: ignore[arg-type]
                swallowed |= inside
                i = run[1]
                continue
        i += 1
    for n, (s, e, label) in enumerate(spans):
        end = _through_in(doc, s, e, label, owner, spans) if n not in swallowed else None
        if end is not None:
            inside = _inside_spans((s, end), spans, owner)
            if inside is not None:
                kind = next((heads[t] for t in texts[s:e] if t in heads), None)
                found.append((s, end, kind or label))  # type: ignore[arg-type]
                swallowed |= inside
    return found, swallowed


_NOT_IN_A_NAME = frozenset({"GPE", "LOC", "FAC", "NORP", "PERSON", "ORG"})


def _through_in(
    doc: Doc,
    start: int,
    end: int,
    label: str,
    owner: dict[int, int],
    spans: list[tuple[int, int, str]],
) -> int | None:
    """Where an institution's name with a complement ends when "in" + a capitalised name
    that is not a place, a person or a body follows it; None when no such name follows."""
    heads = name_heads()
    if label not in ("ORG", "FAC") or not any(
        t.lower_ in ("of", "for", "on") for t in doc[start + 1 : end - 1]
    ):
        return None
    if not any(heads.get(t.text) in ("FAC", "EVENT") for t in doc[start:end]):
        return None  # an office ('the Ministry of Defence in the war years') is no subject
    j = end + 1
    if end >= len(doc) or doc[end].lower_ != "in":
        return None
    sent_end = tokens(doc).sentence(end)[1]
    if j >= sent_end:
        return None
    if doc[j].lower_ == "the" and j + 1 < sent_end:
        j += 1
    stop = j
    while stop < sent_end and _capitalised(doc[stop]):
        stop += 1
    if stop == j:
        return None
    stop = capitalised_run_end(doc, stop)
    lex = lexicon()
    words = doc[j:stop]
    if any(t.ent_type_ in _NOT_IN_A_NAME for t in words) or any(
        spans[owner[t]][2] in _NOT_IN_A_NAME for t in range(j, stop) if t in owner
    ):
        return None
    if lex.country_of_place(words.text) or lex.city(words.text) or lex.is_region(words.text):
        return None
    return stop


def _head_first(doc: Doc, start: int, kind: str) -> tuple[int, int] | None:
    connectors = _CONNECTORS | ({"in"} if kind == "EVENT" else set())
    end = capitalised_run_end(doc, start + 1, connectors)
    return (start, end) if end - start >= 3 else None


def _head_last(doc: Doc, head: int) -> tuple[int, int] | None:
    sent_start = tokens(doc).sentence(head)[0]
    start = head
    while start > sent_start:
        if _capitalised(doc[start - 1]) or doc[start - 1].text in _POSSESSIVE:
            start -= 1
        elif start - 2 >= sent_start and _joins(doc, start - 1):
            start -= 2  # 'India-Middle East-Europe Economic Corridor': names joined by hyphens
        else:
            break
    while start < head and (doc[start].lower_ == "the" or doc[start].text in _POSSESSIVE):
        start += 1
    if head - start < 1:
        return None
    has_place = any(doc[t].ent_type_ in ("GPE", "LOC", "NORP") for t in range(start, head))
    if not has_place:  # the model saw nothing: a place the tables know ('New Delhi Declaration')
        lex = lexicon()
        words = [t.text for t in doc[start:head] if t.text not in _POSSESSIVE]
        has_place = any(
            lex.country_of_place(" ".join(words[:n]))
            or lex.capital(" ".join(words[:n]))
            or lex.city(" ".join(words[:n]))
            for n in range(1, len(words) + 1)
        )
    return (start, head + 1) if has_place else None


def _joins(doc: Doc, hyphen: int) -> bool:
    """A hyphen written tight between two capitalised words ('India-Middle East')."""
    before = doc[hyphen - 1]
    return (
        doc[hyphen].text in _HYPHENS
        and not before.whitespace_
        and not doc[hyphen].whitespace_
        and _capitalised(before)
    )


def capitalised_run_end(doc: Doc, end: int, connectors: AbstractSet[str] = _CONNECTORS) -> int:
    """Where a name that ends at ``end`` really ends, over connectors and capitalised words
    ('the Order of St Andrew' + ' the Apostle')."""
    sent_end = tokens(doc).sentence(end - 1)[1]
    while end < sent_end:
        j = end
        while j < sent_end and doc[j].lower_ in connectors:
            j += 1
        if j == end or j >= sent_end or not _capitalised(doc[j]):
            break
        while j < sent_end and _capitalised(doc[j]):
            j += 1
        end = j
    return end


def _capitalised(token: Token) -> bool:
    """A capitalised word that can be part of a name: no 'the', no day or month ('the
    Declaration on Saturday' is a declaration and a date)."""
    return (
        token.is_alpha
        and (token.is_title or token.is_upper)
        and token.lower_ != "the"
        and token.ent_type_ not in ("DATE", "TIME")
    )


def _inside_spans(
    run: tuple[int, int], spans: list[tuple[int, int, str]], owner: dict[int, int]
) -> set[int] | None:
    """Indices of the spans inside ``run``; None when one crosses its edge or is a person."""
    start, end = run
    inside = {owner[t] for t in range(start, end) if t in owner}
    for n in inside:
        s, e, label = spans[n]
        if s < start or e > end or label == "PERSON":
            return None
    return inside


#: The objects of a verb: a ditransitive ("awarded Modi the Order") has two, a name fills one.
_OBJECTS = frozenset({"dobj", "dative"})


def first_argument_end(doc: Doc, start: int, end: int) -> int:
    """Where a span that runs over two objects of one verb should end: the NER model reads
    "awarded Modi the Order of St Andrew" as one person, but the parse gives "Modi" and "the
    Order" each an object slot of "awarded" (who receives, what is given); one name fills one.
    Only objects: a title before a name is often parsed as a modifier of the verb ("PM Modi
    spoke"), so subjects and adverbials say nothing here. Returns ``end`` when the span holds
    at most one object of any verb."""
    verbs: set[int] = set()
    for token in doc[start:end]:
        head = token.head
        if start <= head.i < end or token.dep_ not in _OBJECTS or head.pos_ != "VERB":
            continue
        if head.i in verbs and token.left_edge.i > start:
            return token.left_edge.i
        verbs.add(head.i)
    return end
