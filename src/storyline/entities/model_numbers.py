"""A maker's or a product line's name followed by its model number is one product name:
'the Boeing 747', 'Airbus A380', 'the Airbus 380', 'iPhone 3GS', 'a Mi-26 helicopter'.

News names aircraft, phones and cars by maker or line plus designation (TimeBank/AQUAINT
APW19980818.0515 "an engine of the Boeing 747", the PLOVER gold file "a Mi-26 helicopter",
MEANTIME "The Boeing 737-800", "the Airbus 380", "the iPhone 3GS"). The model reads the maker
as an organisation and the number as a cardinal or a product of its own ("[Airbus] [380]"), so
the scored name is the maker, which is not what the sentence talks about. The number is the
name's model when syntax ties them (the number modifies the name or the name the number),
nothing but a hyphen stands between its pieces, and it reads as a designation: letters in it
('A380', '3GS', '737s'), hyphenated pieces ('737-800') or the model's own PRODUCT label
('[380]'). A bare number the model did not call a product is a count or a score ('BJP 303
seats', 'Knicks 70'), and a year is no model number ('Apple 2008').
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from storyline.entities.drafts import D
from storyline.nlp_tokens import tokens

#: A model designation: digits, optionally with letters before or after ('737', 'A380',
#: '3GS', '500X'), or the letters of a designation already split off by the tokenizer.
_MODEL_NUMBER = re.compile(r"^[A-Z]{0,3}\d{1,4}[A-Za-z]{0,3}s?$")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
#: Model labels that a number read as such keeps: a date, an amount or a measure is no model.
_NOT_A_MODEL = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
#: The labels a maker or a line is given by the model (a line such as 'iPhone' is often an
#: organisation to it).
_MAKER_LABELS = frozenset({"ORG", "PRODUCT"})


def is_model_number(doc: Doc, i: int) -> bool:
    """``doc[i]`` reads as a model designation and the model did not take it for a date, an
    amount or a measure."""
    text = doc[i].text
    return (
        bool(_MODEL_NUMBER.match(text))
        and any(c.isdigit() for c in text)
        and not _YEAR.match(text)
        and doc[i].ent_type_ not in _NOT_A_MODEL
    )


def model_number_end(doc: Doc, start: int, end: int) -> int | None:
    """End of the model number right after the name ``doc[start:end]`` ('Boeing' + '737 -
    800'), when syntax ties it to the name; None when no model number follows."""
    i = end
    table = tokens(doc)
    if i >= len(doc) or table.sentence(end - 1) != table.sentence(i) or not is_model_number(doc, i):
        return None
    name = range(start, end)
    tied = doc[i].head.i in name or any(doc[j].head.i == i for j in name)
    if not tied:
        return None
    stop = i + 1
    while (
        stop + 1 < len(doc)
        and doc[stop].text == "-"
        and not doc[stop].whitespace_
        and is_model_number(doc, stop + 1)
    ):
        stop += 2
    designated = stop > i + 1 or not doc[i].text.isdigit() or doc[i].ent_type_ == "PRODUCT"
    if not designated:
        return None  # a bare count or score: 'BJP 303 seats', 'Knicks 70'
    if (  # the line's own name after the number: '787 Dreamliner'
        stop < len(doc)
        and doc[stop].pos_ == "PROPN"
        and doc[stop].is_title
        and doc[stop - 1].head.i == stop
    ):
        stop += 1
    return stop


def with_model_numbers(doc: Doc, drafts: list[D]) -> list[D]:
    """Drafts with each maker's or line's name run on over its model number and typed a
    product; a draft the model made of the number ('[380]', '[787 Dreamliners]') is taken
    into it."""
    by_start = {d.start: d for d in drafts}
    swallowed: set[int] = set()
    for draft in sorted(drafts, key=lambda d: d.start):
        if id(draft) in swallowed or draft.label not in _MAKER_LABELS:
            continue
        stop = model_number_end(doc, draft.start, draft.end)
        if stop is None:
            continue
        for i in range(draft.end, stop):
            inner = by_start.get(i)
            if inner is not None and inner is not draft:  # '[380]', '[787 Dreamliners]'
                swallowed.add(id(inner))
                stop = max(stop, inner.end)
        draft.end, draft.label = stop, "PRODUCT"
    return [d for d in drafts if id(d) not in swallowed]
