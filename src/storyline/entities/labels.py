"""The entity type of one NER span, corrected where the words around it or the tables know
better than the model.

Each correction needs evidence; a plain PERSON, ORG or LOC span the tables know nothing about
and no construction contradicts keeps the model's label:

* the tables (countries, demonyms, seats of government, organisations, capitals, cities,
  regions) and the PETRARCH2 actor dictionary's places, people and organisations (a name it
  lists as an organisation only is one where the model says person, product or nationality);
* a capitalised person's title right before the span ("Prime Minister [Modi]", "EAM S Jaishankar");
  a company's office right after it makes it the company ("[Ryanair] CEO Michael O'Leary");
* the form of the name: an acronym is no nationality ("PMO" typed NORP is an organisation), a
  name with digits is no person ("C-17 Globemaster III" is a product), a name ending in a
  named-document head is a document ("the Paris Agreement"), one ending in a natural feature's
  head is a location ("Second Thomas Shoal");
* the construction: a name modifying a weapon noun is the weapon ("BrahMos missiles"), one
  modifying a building noun is the building ("the Filoli estate", not a town);
* the construction: a "person" that is where something happens ("the summit at Burgenstock",
  "talks in Samarkand") is a place; one that takes "the" is a thing ("the Dreamliner") or a
  group ("the Beatles").
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span, Token

from storyline.data import read_toml
from storyline.entities.actors import actor_dictionary
from storyline.entities.lexicon import Lexicon, key_words, name_key
from storyline.entities.nested import name_heads
from storyline.entities.roles import title_ending_at, token_words
from storyline.models.language import EntityType
from storyline.nlp_tokens import tokens

_ACRONYM = re.compile(r"^[A-Z][A-Z.&]{1,9}$")
#: A designation: a capitalised word and a number, hyphenated or run together ('Su-30MKI').
_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]*-?\d+[A-Za-z0-9]*$")
#: A model designation in the plural: digits, optionally after a letter prefix, then the plural
#: 's' right after a digit ('777s', 'A380s', 'KC-30s', 'AK-47s'); not '12KOs' (knock-outs).
_PLURAL_DESIGNATION = re.compile(r"^(?:[A-Z]{1,3}-?)?\d{2,4}s$")
#: A decade or a round figure in the plural is a period or a range, never a fleet ('1990s',
#: 'the 80s', 'in the 300s').
_DECADE = re.compile(r"^\d*0s$")
#: Labels under which a plural number is a time or an amount, not a fleet of a model.
_NOT_A_FLEET = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
_MAX_TRIGGERED_NAME = 3


def corrected_label(start: int, end: int, label: EntityType, doc: Doc, lex: Lexicon) -> EntityType:
    """The type of the span ``doc[start:end]`` the model labelled ``label``."""
    text = tokens(doc).span_text(start, end)
    capitalised = text[:1].isupper()
    if lex.seat(text):
        return "FAC"
    if lex.organisation(text):
        return "ORG"
    if lex.country_of_place(text) and capitalised and (label != "PERSON" or " " in text):
        return "GPE"  # a one-word country may be a given name (Jordan, Chad); "Sri Lanka" never
    if lex.country_of_demonym(text) and label in ("GPE", "PERSON", "ORG", "NORP"):
        return "NORP"
    person_label = label == "PERSON"
    if capitalised and (
        lex.capital(text, person_label=person_label) or lex.city(text, person_label=person_label)
    ):
        return "GPE"
    if lex.is_region(text) and capitalised and label not in ("GPE", "LOC"):
        return "LOC"
    if label in ("GPE", "ORG", "LOC", "NORP", "FAC") and (
        after_person_title(doc, start, lex) or starts_with_person_title(start, end, doc, lex)
    ):
        return "PERSON"
    if label in ("PERSON", "PRODUCT", "NORP") and _dictionary_organisation(text, lex):
        return "ORG"  # 'Ryanair' the model called a person: PETRARCH2 lists the airline
    if label == "PERSON" and _holds_a_company_office(doc[start:end], lex):
        return "ORG"  # 'Ryanair CEO Michael O'Leary', 'Apple's chief executive': the company
    return _by_form_and_construction(start, end, label, doc, lex)


def _dictionary_organisation(text: str, lex: Lexicon) -> bool:
    """PETRARCH2's actor dictionary lists the name as an organisation and as nothing else: no
    place, no country or nationality of the tables, no word of a person's name it lists. Two
    letters name too many things ('Fountain Valley, CA' is California, listed as an
    organisation)."""
    actors = actor_dictionary()
    key = name_key(text)
    return (
        len(key) > 2
        and key in actors.organisations
        and key not in actors.places
        and not actors.is_person_name(key)
        and not any(w in _person_words() for w in key.split())
        and not (lex.place_country(text) or lex.country_of_demonym(text) or lex.is_region(text))
    )


def _holds_a_company_office(span: Span, lex: Lexicon) -> bool:
    """The name modifies a business office right after it ('Ryanair CEO', 'Tesla's chief
    executive', 'Microsoft founder'): an office of a company (sector BUS in the title table)
    belongs to a company, never to a person, so the name is the company's."""
    doc, end = span.doc, span.end
    if end < len(doc) and doc[end].tag_ == "POS":
        end += 1
    for n in range(lex.max_title_words, 0, -1):
        title = lex.titles.get(token_words(doc, end, end + n)) if end + n <= len(doc) else None
        if title is None or title.sector != "BUS":
            continue
        return span.root.dep_ in ("compound", "nmod", "poss") and end <= span.root.head.i < end + n
    return False


def _by_form_and_construction(
    start: int, end: int, label: EntityType, doc: Doc, lex: Lexicon
) -> EntityType:
    span = doc[start:end]
    text = tokens(doc).span_text(start, end)
    if label in ("ORG", "EVENT", "PRODUCT") and name_heads().get(span[-1].text) == "WORK":
        return "WORK"  # 'the New Delhi Declaration', 'the Paris Agreement': named documents
    if (
        label in ("FAC", "ORG")  # a city ('Green Bay') or a person ('Michael Bay') keeps its type
        and len(span) > 1
        and span[-1].is_title
        and span[-1].lower_ in _place_words()["natural_feature_heads"]
        and not any(t.lower_ == "of" for t in span)  # 'Bank of the Sea' is a bank
    ):
        return "LOC"  # 'Second Thomas Shoal', 'Great Barrier Reef': natural features
    if label in ("GPE", "LOC") and _names_a_venue(span, text, lex):
        return "FAC"  # 'the Filoli estate', 'the Saturnia hotel': the venue, not a town
    if label == "NORP" and _ACRONYM.match(text):
        return "ORG"  # 'PMO', 'DRDO': an acronym names a body, never a nationality
    if label != "ORG" and _legal_form_last(span, lex):
        return "ORG"  # 'Saturn Corporation', 'Tata Motors Ltd': a legal form names a company
    if label == "PERSON" and any(c.isdigit() for c in text):
        return "PRODUCT"  # 'C-17 Globemaster III', 'Su-30MKI': designations, not people
    actors = actor_dictionary()
    key = name_key(text)
    if label in ("ORG", "PERSON") and _names_a_weapon(span, key, lex):
        return "PRODUCT"  # 'BrahMos missiles', 'Patriot missiles': the weapon, not a maker
    if (
        label not in ("PERSON", "NORP")
        and actors.is_person_name(key)
        and not lex.org_sector(text)
        and not actors.organisations.get(key)
    ):
        return "PERSON"
    if label == "PERSON" and end - start == 1 and _takes_the(doc[start]):
        # 'the Dreamliner', 'the Beatles': a person's name takes no article
        plural = doc[start].tag_ == "NNPS" or re.search(r"[^s]s$", doc[start].text)
        return "ORG" if plural else "PRODUCT"
    person_words = _person_words()
    if (
        label == "PERSON"
        and not after_person_title(doc, start, lex)
        and not any(w in person_words for w in key.split())  # 'confidence in Yeltsin'
    ):
        if is_place_construction(span):
            return "GPE" if (key in actors.places or lex.city(text)) else "LOC"
        if end - start == 1 and key in actors.places:
            return "GPE"
    return label


def _legal_form_last(span: Span, lex: Lexicon) -> bool:
    """The name ends in a company's legal form ('Corporation', 'Inc.', 'LLC', 'SpA'): company
    law makes a firm carry one, and no person or place is named with it."""
    words = key_words(span.text)
    return len(words) > 1 and any(
        len(words) > n and words[-n:] in lex.legal_suffixes for n in (1, 2)
    )


def _names_a_weapon(span: Span, key: str, lex: Lexicon) -> bool:
    """The name modifies a weapon noun after it ('the first BrahMos supersonic cruise
    missiles') and no table knows it as an organisation, a place or a person."""
    root = span.root
    head = root.head
    if root.dep_ not in ("compound", "nmod") or head.i < span.end or head.pos_ != "NOUN":
        return False
    if head.lemma_.lower() not in _place_words()["weapon_nouns"]:
        return False
    actors = actor_dictionary()
    return not (
        lex.country_of_place(span.text)
        or lex.organisation(span.text)
        or lex.org_sector(span.text)
        or actors.organisations.get(key)
        or key in actors.places
        or actors.is_person_name(key)
    )


def _names_a_venue(span: Span, text: str, lex: Lexicon) -> bool:
    """The name modifies a building or grounds noun right after it, that noun taking "the"
    ('the Filoli estate'), and no place table knows the name ('the California estate')."""
    end = span.end
    if end >= len(span.doc) or span[-1].dep_ != "compound" or span[-1].head.i != end:
        return False
    head = span.doc[end]
    if head.pos_ != "NOUN" or head.lower_ not in _place_words()["venue_nouns"]:
        return False
    if not (span.start > 0 and span.doc[span.start - 1].lower_ == "the"):
        return False
    return not (
        lex.country_of_place(text)
        or lex.capital(text)
        or lex.city(text)
        or lex.is_region(text)
        or name_key(text) in actor_dictionary().places
    )


def designated_products(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
    """One-token designations the model missed that modify a craft or weapon noun
    ('India's [Chandrayaan-3] spacecraft', '[Su-30MKI] jets') or that stand as a noun in the
    plural ('firm orders for 18 [777s]', 'one of the [A380s]'): (start, end) token spans."""
    words = _place_words()
    nouns = words["craft_nouns"] | words["weapon_nouns"]
    table = tokens(doc)
    text, dep, heads, pos, lemma = table.text, table.dep, table.head, table.pos, table.lemma
    found = []
    for i, head in enumerate(heads):
        if i in taken:
            continue
        if (
            _DESIGNATION.match(text[i])
            and dep[i] in ("compound", "nmod", "nummod")
            and head > i
            and pos[head] == "NOUN"
            and lemma[head].lower() in nouns
        ) or _plural_designation(doc, i):
            found.append((i, i + 1))
    return found


def _plural_designation(doc: Doc, i: int) -> bool:
    """``doc[i]`` is a model designation in the plural standing as a noun: the aircraft or
    arms of that model ("firm orders for 18 777s", "One of the A380s" in MEANTIME; "carried
    AK-47s" in ECB+). News counts fleets and orders this way; the model tags such a word a
    product when it stands alone and misses it after a count or an article. A decade or a
    round figure ('the 1990s', 'the 300s') and a word that modifies another are no fleet.
    Asked for every token: the text tests read the token table, and only a word that passes
    them is made a spaCy ``Token``."""
    text = tokens(doc).text[i]
    if not _PLURAL_DESIGNATION.match(text) or _DECADE.match(text):
        return False
    token = doc[i]
    return (
        token.pos_ in ("NOUN", "PROPN")
        and token.dep_ not in ("compound", "amod", "nmod")
        and token.ent_type_ not in _NOT_A_FLEET
    )


@cache
def _person_words() -> frozenset[str]:
    """Every word of every person's name in the actor dictionary ('farah', 'kazan'): a place
    name that is also such a word is never retyped from PERSON by the dictionary alone."""
    return frozenset(w for key in actor_dictionary().people_by_key for w in key.split())


def _takes_the(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def is_place_construction(span: Span) -> bool:
    """The name is where something is: the object of 'in'/'near', of an 'at' that hangs off a
    verb of being and meeting or an event noun, or the modifier of such an object ('at the X
    resort'); the word lists are in ``data/entities_labels.toml``."""
    root = span.root
    if root.dep_ == "compound" and root.head.i >= span.end:
        root = root.head
    if root.dep_ != "pobj":
        return False
    prep = root.head
    words = _place_words()
    if prep.lower_ in words["locative_prepositions"]:
        return True
    if prep.lower_ != "at":
        return False
    head = prep.head.lemma_.lower()
    return head in words["at_place_verbs"] or head in words["at_place_nouns"]


@cache
def _place_words() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in read_toml("entities_labels.toml").items()}


def after_person_title(doc: Doc, start: int, lex: Lexicon) -> bool:
    """A capitalised person's title right before the span: 'Prime Minister [Modi]'."""
    if start == 0:
        return False
    match = title_ending_at(doc, start - 1, tokens(doc).sentence(start)[0], lex, honorifics=True)
    return (
        match is not None
        and doc[match[0]].text[:1].isupper()
        and token_words(doc, match[0], start) in lex.name_triggers
    )


def starts_with_person_title(start: int, end: int, doc: Doc, lex: Lexicon) -> bool:
    """A span that is a person's title plus one to three capitalised names ('PM Modi',
    'EAM S Jaishankar'), none of them an organisation word ('President Hotel' stays)."""
    for cut in range(start + 1, min(end, start + lex.max_title_words + 1)):
        if token_words(doc, start, cut) not in lex.name_triggers:
            continue
        rest = doc[cut:end]
        return (
            doc[start].text[:1].isupper()
            and 1 <= len(rest) <= _MAX_TRIGGERED_NAME
            and all(t.is_title or _is_initial(t) for t in rest)
            and all(t.pos_ == "PROPN" or _is_initial(t) for t in rest)
            and lex.org_sector(rest.text) is None
        )
    return False


def _is_initial(token: Token) -> bool:
    return bool(re.fullmatch(r"[A-Z]\.?", token.text))


def widen_over_initials(start: int, doc: Doc) -> int:
    """First token of a person's name with the initials the model left out before it:
    'Dr [S] Jaishankar' → the name starts at 'S'. The article 'A' opening a sentence ('A Bush
    spokesman') looks like an initial; the tagger reads it as a determiner."""
    first = tokens(doc).sentence(start)[0]
    while start > first and _is_initial(doc[start - 1]) and doc[start - 1].tag_ != "DT":
        start -= 1
    return start


#: Verb forms no given name takes: the model swallows a sentence's opening participle into
#: the name after it ('Having Jackman as host …').
_VERB_FORMS = frozenset({"VBG", "VBD", "VBN", "VBZ"})
_COMMON = frozenset({"ADJ", "NOUN", "VERB"})


def trim_descriptors(start: int, end: int, doc: Doc, lex: Lexicon) -> int:
    """First token of a person's name without the words that describe the person in front
    of it: a lower-case word ('unbeaten'), a participle ('Having'), a nationality ('Russian')
    — 'unbeaten Russian Alexander Povetkin' is Alexander Povetkin. A given name is none of
    these; what stays must be capitalised words, two of them after a nationality ('German
    Gref' keeps its given name)."""
    while start + 1 < end and all(t.text[:1].isupper() for t in doc[start + 1 : end]):
        word = doc[start]
        lower = word.text[:1].islower() and word.pos_ in _COMMON  # not 'de Klerk', 'van Gogh'
        described = lower or word.tag_ in _VERB_FORMS
        if not described and not (end - start > 2 and lex.country_of_demonym(word.text)):
            break
        start += 1
    return start
