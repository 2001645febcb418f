"""Records read back from the store, held in less memory with the same values.

The cross-document stages hold every stored analysis at once, and an analysis is a tree of
about a hundred small pydantic models (mentions, their provenance, events, figures,
timexes). Measured on a simulated 1,600-document pile (``storyline bench --big``), 57% of the
memory those analyses held was not their values but the set each pydantic instance keeps of
the fields it was given (``model_fields_set``): a set of five or more names takes 728 bytes,
more than the mention it describes. A record read from its JSON was given every field (the
store writes them all), so every loaded instance of a class holds an equal set; here they
share one. The evidence sentence each mention, event, figure and time expression repeats is
kept once per document, and short strings (document ids, labels, names) are interned. So are
the integers up to ``SHARED_INTS`` (offsets into a document's text): CPython keeps one object
only of those up to 256, and a mention's provenance holds four offsets of 32 bytes each, about
a ninth of what a held mention takes (``Mention`` and ``Provenance``, their ``__dict__``s and
offsets: 841 bytes, benchmarks/results.md "entmem24"); one table of the offsets met serves
every record.

Nothing a stage can observe changes: the values are equal strings; a shared set holds every
field name, so pydantic's ``add`` on assignment leaves it as it was, and ``model_copy`` copies
the set before updating it.

A model whose fields-set is its class's shared one was compacted already (only ``compact``
sets it): its short strings are interned and its sets shared, so only its long strings are
shared with the record's, over the fields that can hold a string (not its numbers). A stage's
results often hold such parts (an entity's mention copies share their provenance with the
compacted analyses; an event's mentions are the entities' copies), and ``derive_corpus``
compacts what each stage adds; walking them whole again was most of the compaction's time (a
second pass over the compacted entities of a +1% build of 1,010 documents took two thirds of
the first). The walk dispatches on the exact type, so the common leaves (strings, numbers,
unset fields) take no call.
"""

from __future__ import annotations

import sys
from types import UnionType
from typing import TypeVar, Union, get_args, get_origin

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

#: Strings up to this length are interned process-wide (ids, labels, names, dates); longer ones
#: (evidence sentences, quotes) are shared within one record only, so they go with it.
INTERNED_CHARS = 40

#: Integers from 0 below this are shared process-wide (offsets into a document's text); the
#: table holds each value met once, so it is bounded by the longest document, not the pile.
SHARED_INTS = 1 << 16

#: The shared integers, each value its one object.
_INTS: dict[int, int] = {}

#: The largest integer CPython itself keeps one object of: only those above it need the table.
_PYTHON_SHARES_UP_TO = 256

#: One set of field names per model class, shared by every fully given instance.
_ALL_FIELDS: dict[type[BaseModel], set[str]] = {}


def compact(record: M) -> M:
    """``record`` with its fields-sets shared and its repeated strings stored once; the same
    object, changed in place (call it on records just read, that nothing else holds yet)."""
    _compact_model(record, {})
    return record


def _compact_model(model: BaseModel, seen: dict[str, str]) -> None:
    cls = type(model)
    everything = _ALL_FIELDS.get(cls)
    if everything is None:
        everything = _ALL_FIELDS.setdefault(cls, set(cls.model_fields))
    fields_set = model.__pydantic_fields_set__
    if fields_set is everything:  # compacted already (the set is shared only here)
        _share_long_strings(model, seen)
        return
    if fields_set == everything:
        object.__setattr__(model, "__pydantic_fields_set__", everything)
    values = model.__dict__
    for name, value in values.items():
        kind = type(value)
        if kind is str:  # most fields are strings, numbers or unset: no call for them
            values[name] = (
                sys.intern(value) if len(value) <= INTERNED_CHARS else seen.setdefault(value, value)
            )
        elif kind is int:
            if _PYTHON_SHARES_UP_TO < value < SHARED_INTS:
                values[name] = _INTS.setdefault(value, value)
        elif kind is list:
            _compact_list(value, seen)
        elif kind in _ALL_FIELDS:  # a model of a class met before
            _compact_model(value, seen)
        elif kind not in _LEAVES:
            values[name] = _compact_value(value, seen)


def _compact_list(items: list[object], seen: dict[str, str]) -> None:
    """A list's items compacted in place: a mention list's models (the bulk of a record) and
    strings without a call each."""
    for index, item in enumerate(items):
        kind = type(item)
        if kind is str:
            text: str = item  # type: ignore[assignment]
            items[index] = (
                sys.intern(text) if len(text) <= INTERNED_CHARS else seen.setdefault(text, text)
            )
        elif kind in _ALL_FIELDS:
            _compact_model(item, seen)  # type: ignore[arg-type]
        elif kind not in _LEAVES:
            items[index] = _compact_value(item, seen)


def _share_long_strings(model: BaseModel, seen: dict[str, str]) -> None:
    """A compacted part's long strings, shared with this record's (equal sentences of copied
    documents are then held once, as when the part was walked whole): its short strings are
    interned already, its fields-sets shared, and its number fields hold neither."""
    cls = type(model)
    names = _TEXT_FIELDS.get(cls)
    if names is None:
        names = _TEXT_FIELDS.setdefault(cls, _text_fields(cls))
    values = model.__dict__
    for name in names:
        value = values[name]
        kind = type(value)
        if kind is str:
            if len(value) > INTERNED_CHARS:
                values[name] = seen.setdefault(value, value)
        elif kind in _ALL_FIELDS:
            _compact_model(value, seen)
        elif kind not in _LEAVES:
            values[name] = _compact_value(value, seen)


#: Value types with nothing inside to compact: a field holding one is left as it is, and a
#: field annotated with only these can hold no string (``_text_fields``).
_LEAVES = frozenset({int, float, bool, type(None)})

#: Per model class, the fields that may hold a string or a model (not only numbers).
_TEXT_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {}


def _text_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    def numbers_only(annotation: object) -> bool:
        if annotation in _LEAVES:
            return True
        arguments = get_args(annotation)
        return get_origin(annotation) in (Union, UnionType) and all(a in _LEAVES for a in arguments)

    return tuple(n for n, f in cls.model_fields.items() if not numbers_only(f.annotation))


def _compact_string(value: str, seen: dict[str, str]) -> str:
    if len(value) <= INTERNED_CHARS:
        return sys.intern(value)
    return seen.setdefault(value, value)


def _compact_value(value: object, seen: dict[str, str]) -> object:
    kind = type(value)
    if kind is str:  # not a str enum: those are singletons already
        return _compact_string(value, seen)  # type: ignore[arg-type]
    if kind is list:
        _compact_list(value, seen)  # type: ignore[arg-type]
    elif isinstance(value, BaseModel):
        _compact_model(value, seen)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _compact_value(item, seen)
    elif isinstance(value, dict):
        for key, item in value.items():
            value[key] = _compact_value(item, seen)
    return value
