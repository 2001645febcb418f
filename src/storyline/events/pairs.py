"""Who "the two leaders", "both sides" or "the country" refer to: the pair named before.

"The two leaders discussed …" after a sentence naming Modi and Putin is Modi and Putin: the
nearest preceding sentence within ``group_window`` that names exactly two people (or countries,
or either) of the group noun's kind (events.toml [actors] group_*_nouns) gives the pair, as long
as the sentences between name only one of them at a time. A singular "the country" is a country
named before (``definites``). Names set aside from a sentence's own actors ("laid flowers at a
statue of Mahatma Gandhi") are no candidates. Split from ``actors`` by responsibility: the
resolver finds what a phrase names; this module, whom a phrase refers back to as a pair.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from storyline.events.definites import country_antecedent
from storyline.events.references import ActorRef, identity
from storyline.events.triggers import is_event_word
from storyline.models import Mention

if TYPE_CHECKING:
    from storyline.events.actors import ActorResolver

#: The entity labels each kind of group noun ("leaders", "countries", "sides") counts.
GROUP_LABELS = {"person": {"PERSON"}, "country": {"GPE"}, "any": {"PERSON", "GPE", "ORG"}}


def pair_antecedents(resolver: ActorResolver, head: Token) -> list[ActorRef] | None:
    """The pair a plural group noun refers back to, or the country "the country" does; None
    when ``head`` is no such phrase or its antecedents are not a clear pair."""
    lemma = head.lemma_.lower()
    if head.tag_ == "NN":  # "the country" alone: a country named before (definites.py)
        return country_antecedent(resolver, head)
    kind = next((k for k, nouns in resolver.group_nouns.items() if lemma in nouns), None)
    if kind is None or head.tag_ not in ("NNS", "NNPS"):
        return None
    words = {c.lower_ for c in head.children if c.dep_ in ("det", "predet", "nummod")}
    if not words & {"two", "both", "the"}:
        return None
    if not words & {"two", "both"} and any(c.dep_ in ("relcl", "acl") for c in head.children):
        # "thanked the countries that joined": a definite article before a restricting
        # clause points forward to the clause (Quirk et al.'s cataphoric "the"; Halliday &
        # Hasan), which defines a new set, not the pair named before
        return None
    labels = GROUP_LABELS[kind]
    since: set[str] = set()  # who the sentences between name: one of the pair at a time
    for index, before in resolver.mentions_back(head):
        found: dict[str, Mention] = {}
        for mention in before:
            if resolver.label_of(mention) in labels and not named_aside(resolver, mention):
                key = identity(mention)
                if key not in found or len(mention.text) > len(found[key].text):
                    found[key] = mention
        if len(found) == 1:
            # "Putin, for his part, said …": one of the pair speaking between the sentence
            # that names both and "the two leaders" leaves the pair as it was
            since |= set(found)
            if len(since) > 2:
                return None
            continue
        if not found:
            continue
        if len(found) != 2 or not since <= set(found):
            return None
        rule = f"group:{head.text}→sentence {index}"
        return [resolver._from_mention(m, rule) for m in found.values()]
    return None


def named_aside(resolver: ActorResolver, mention: Mention) -> bool:
    """Named aside from the sentence's own actors, so no candidate for "the two sides": inside
    a thing's name ("laid flowers at a statue of Mahatma Gandhi": the object of "of"/"to"
    under a noun that is neither an actor, an event nor a place)."""
    p = mention.provenance
    span = resolver.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("of", "to"):
        return False
    owner = prep.head
    return (
        owner.pos_ == "NOUN"
        and not resolver.is_actorish(owner)
        and not resolver.is_place(owner)
        and not is_event_word(owner)
    )
