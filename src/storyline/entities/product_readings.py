"""Names the sentence says are products: what an organisation unveils, launches or releases,
and what an apposition calls a version or a vessel.

The NER model reads a one-word brand it does not know ("iPhone", "iCloud", "Mac") as an
organisation, since most capitalised names in business copy are companies. Product-launch news
says what the name is in its verb: "Apple launches new, faster iPhone", "Apple announces Mac OS
X Lion, iOS 5, and iCloud" (MEANTIME, Wikinews, tuning part), "Apple introduced AirPlay",
"Disney launched Disney+" (Scrapinghub article set), "Playgo launches PLAYGO T44" (Media Cloud
date set). An organisation as subject and a name as the direct object of a launch verb (or a
conjunct of that object) make the name a product; the document's other mentions of the same
name take that type (one sense per discourse: Gale, Church and Yarowsky 1992).

Launches of bodies are left alone: a name the tables or the PETRARCH2 actor dictionary know as
an organisation, or one ending in an organisation's head word or a legal form, keeps its type
("launched the Global Biofuels Alliance"). People are never retyped: "Hamas released Gilad
Shalit" releases a person, and ECB+ "unveiled Hugh Jackman" as a host.

An apposition names the kind of thing a name is: "Tiger, the newest version of Apple
Computer's Mac OS X", "Lion, the new version of their Mac OS X operating system" (MEANTIME
tuning; the model says person), "MV Gibe, a merchant vessel flying the Ethiopian flag" (ECB+;
the model says person). A name whose apposition is headed by a noun of a made thing in
``data/entities_labels.toml`` is a product, whatever the model said. Over TimeBank/AQUAINT, ECB+,
MEANTIME tuning, the demo corpus and the briefing set, the people's appositions are headed by
offices and roles ("head of GSEE", "a developing young center") or by things a person has ("an
eight-year contract"), never by these nouns.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from storyline.data import read_toml
from storyline.entities.actors import actor_dictionary
from storyline.entities.drafts import D, Draft
from storyline.entities.lexicon import Lexicon, key_words, name_key

#: Labels the model gives a brand it does not know; a person is never a launched product.
_MISTAKEN: frozenset[str] = frozenset({"ORG", "GPE", "LOC", "NORP"})
#: How an object and its conjuncts hang from the verb.
_OBJECT_DEPS = frozenset({"dobj", "obj"})


def with_product_readings(doc: Doc, drafts: list[D], lex: Lexicon) -> list[D]:
    """Drafts with each name an organisation launches or an apposition calls a made thing, and
    its other mentions in the document, typed PRODUCT."""
    organisations = {i for d in drafts if d.label == "ORG" for i in range(d.start, d.end)}
    launched = {
        doc[d.start : d.end].text
        for d in drafts
        if d.label in _MISTAKEN
        and _launched_by_organisation(doc, d, organisations)
        and not _known_organisation(doc, d, lex)
    }
    described = {
        doc[d.start : d.end].text
        for d in drafts
        if d.label in _MISTAKEN | {"PERSON"} and _described_as_made_thing(doc, d)
    }
    if not launched and not described:
        return drafts
    for d in drafts:
        text = doc[d.start : d.end].text
        if (d.label in _MISTAKEN and text in launched) or (
            d.label in _MISTAKEN | {"PERSON"} and text in described
        ):
            d.label = "PRODUCT"
    return drafts


def _described_as_made_thing(doc: Doc, draft: Draft) -> bool:
    """An apposition of the name is headed by a noun of a made thing ('Tiger, the newest
    version of Mac OS X')."""
    root = doc[draft.start : draft.end].root
    return any(
        c.dep_ == "appos" and c.tag_ == "NN" and c.lower_ in _made_thing_nouns()
        for c in root.children
    )


def _launched_by_organisation(doc: Doc, draft: Draft, organisations: set[int]) -> bool:
    """The draft's head is the direct object of a launch verb, or a conjunct of it, and the
    verb's subject lies in an organisation's name."""
    head = doc[draft.start : draft.end].root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ not in _OBJECT_DEPS:
        return False
    verb = head.head
    if verb.lemma_.lower() not in _launch_verbs():
        return False
    if verb.lemma_.lower() == "roll" and not any(
        c.dep_ == "prt" and c.lower_ == "out" for c in verb.children
    ):
        return False
    return any(c.i in organisations for c in verb.children if c.dep_ == "nsubj")


def _known_organisation(doc: Doc, draft: Draft, lex: Lexicon) -> bool:
    """The tables, the actor dictionary or the name's last word say it is a body."""
    text = doc[draft.start : draft.end].text
    words = key_words(text)
    return bool(
        lex.organisation(text)
        or lex.org_sector(text)
        or name_key(text) in actor_dictionary().organisations
        or any(words[-n:] in lex.legal_suffixes for n in range(1, len(words) + 1))
        or doc[draft.end - 1].lower_ in _body_heads()
    )


@cache
def _made_thing_nouns() -> frozenset[str]:
    return frozenset(read_toml("entities_labels.toml")["made_thing_nouns"])


@cache
def _launch_verbs() -> frozenset[str]:
    return frozenset(read_toml("entities_labels.toml")["launch_verbs"])


@cache
def _body_heads() -> frozenset[str]:
    """Head words that end the names of launched bodies ('Alliance', 'Fund')."""
    return frozenset(read_toml("entities_labels.toml")["launched_body_heads"])
