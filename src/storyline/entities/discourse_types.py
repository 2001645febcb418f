"""One name, one sense in a document: a short form the model typed as a nationality or a
place takes the type of the full name it shortens.

News names a person or a company in full once and by one word after that ("Barnett Slepian"
… "Slepian"; "McCaw Cellular Communications" … "McCaw"). The model, seeing the one word
alone, often calls it a nationality or group (NORP) or a place (GPE): TimeBank/AQUAINT's
reports on Dr Barnett Slepian type "Slepian" NORP 47 times and GPE twice, and "McCaw" NORP 8
times beside "McCaw Cellular Communications"; MEANTIME (tuning) types "Leary" a place after
"Ryanair CEO, Michael O' Leary". A name of one word that no table knows as a nationality, a
group or a place, and that is the last word of a person's full name in the same document, is
that person's surname; the first word of an organisation's full name there is its short form
(one sense per discourse: Gale, Church and Yarowsky 1992).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from storyline.data import read_rows
from storyline.entities.actors import actor_dictionary
from storyline.entities.drafts import D
from storyline.entities.labels import is_place_construction
from storyline.entities.lexicon import Lexicon, name_key

#: The model's labels a short form is mistaken for.
_MISTAKEN = frozenset({"NORP", "GPE"})


def with_full_name_types(doc: Doc, drafts: list[D], lex: Lexicon) -> list[D]:
    """Drafts with each one-word nationality or place the tables do not know retyped as the
    person or organisation whose full name in the document it shortens."""
    surnames: set[str] = set()
    short_forms: set[str] = set()
    for d in drafts:
        if d.end - d.start < 2 or not doc[d.end - 1].is_title:
            continue
        if d.label == "PERSON":
            surnames.add(doc[d.end - 1].text)
        elif d.label == "ORG" and doc[d.start].is_title:
            short_forms.add(doc[d.start].text)
    if not surnames and not short_forms:
        return drafts
    for d in drafts:
        if d.end - d.start != 1 or d.label not in _MISTAKEN:
            continue
        word = doc[d.start].text
        # a city opens many organisations' names ('Buffalo News', 'Moscow State University'),
        # so only a would-be nationality is taken for an organisation's short form
        short_form = d.label == "NORP" and word in short_forms
        if word not in surnames and not short_form:
            continue
        if _known_as_what_the_model_says(word, lex):
            continue
        if d.label == "GPE" and is_place_construction(doc[d.start : d.end]):
            continue  # 'flooding in Jackson' beside 'Michael Jackson' is where, not who
        d.label = "PERSON" if word in surnames else "ORG"
    return drafts


def _known_as_what_the_model_says(word: str, lex: Lexicon) -> bool:
    """A table knows the word as a nationality, a group's member or a place ('French',
    'Democrat', 'Washington'): the model may be right, and the word stays as typed."""
    key = name_key(word)
    return bool(
        lex.country_of_demonym(word)
        or lex.place_country(word)
        or lex.is_region(word)
        or key in actor_dictionary().places
        or key in _group_words()
        or (key.endswith("s") and key[:-1] in _group_words())  # 'Hutus'
    )


@cache
def _group_words() -> frozenset[str]:
    """WordNet's nouns of persons and groups of people ('democrat', 'catholic', 'moslem'),
    compiled into ``data/wordnet_person_nouns.tsv``."""
    return frozenset(row[0] for row in read_rows("wordnet_person_nouns.tsv"))
