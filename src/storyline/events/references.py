"""An actor as read from the text (``ActorRef``) and the small helpers both the resolver
(``actors``) and the pronoun rules (``pronouns``) use."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from storyline.models import Mention

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
SPEAKER_PRONOUNS = frozenset(
    {"i", "me", "my", "we", "us", "our", "it", "its", "they", "them", "their"}
)


@dataclass(frozen=True)
class ActorRef:
    """An actor as read from the text: its words, where they are, and the mention behind them."""

    text: str
    start: int
    end: int
    mention: Mention | None
    rule: str

    label: str | None = None


def identity(mention: Mention) -> str:
    """Who a mention names, for counting distinct people: its entity id, else its last word."""
    if mention.entity_id:
        return mention.entity_id
    words = mention.text.replace("’s", "").replace("'s", "").split()
    return (words[-1] if words else mention.text).lower()


def clause_head(token: Token) -> Token:
    """The verb heading the clause a token is in."""
    node = token
    while node.head != node and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    return node


def antecedent(clause: Token) -> Token:
    """The noun a relative clause describes. The parser hangs the clause on the nearest phrase
    head, but the relative pronoun settles some cases by grammar: "which" never stands for a
    person, so after "Kassie Siegel of the Center for Biological Diversity, which is suing" or
    "Fritz Henderson, the chief executive of General Motors, which filed for bankruptcy" it is
    the organisation in the person's "of" phrase; and a common noun set in apposition to a name
    is that name ("Jason Varitek, the Red Sox captain who declined", "Barry Fleming, a
    Republican who led"), which names the actor where the noun alone would not."""
    head = clause.head
    if head == clause:
        return head
    pronoun = next((c for c in clause.children if c.tag_ in ("WP", "WDT")), None)
    word = pronoun.lower_ if pronoun is not None else ""
    if word == "which" and head.ent_type_ == "PERSON":
        holders = [head] + [c for c in head.children if c.dep_ == "appos" and c.i < clause.i]
        objects = [
            obj
            for holder in holders
            for prep in holder.children
            if prep.dep_ == "prep" and prep.i < clause.i
            for obj in prep.children
            if obj.dep_ == "pobj" and obj.ent_type_ not in ("PERSON", "")
        ]
        if objects:
            return max(objects, key=lambda t: t.i)
    named = head.dep_ == "appos" and head.head.pos_ == "PROPN" and head.head.i < head.i
    if word in ("who", "whom") and head.pos_ == "NOUN" and named:
        return head.head
    return head


def better_mention(new: Mention, old: Mention) -> bool:
    """Prefer named people, organisations and places over NORP, then the longer mention."""
    rank = {"PERSON": 3, "ORG": 2, "GPE": 2, "FAC": 1, "LOC": 1, "NORP": 0}
    a, b = rank.get(new.label, 0), rank.get(old.label, 0)
    if a != b:
        return a > b
    return len(new.text) > len(old.text)


def is_infinitive(verb: Token) -> bool:
    """Does the verb carry the infinitive marker "to" ("to resume", "to work together")?"""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def infinitive_partner(verb: Token) -> Token | None:
    """The infinitive a coordinated "to"-infinitive really continues when the parser hung it on
    the finite verb of a relative clause in between: "agreed to resume military communication,
    which Beijing had cut off …, and to work together" (tuning 212; TimeBank NYT19990312.0271:
    "used her speech to articulate a vision for NATO, which will celebrate …, and to defend …").
    Coordination joins like with like, so a "to"-infinitive's partner is the nearest infinitive
    above the relative clause, whose subject it shares; "which Beijing had cut off" is not its
    act. None when the conjunct is no infinitive or its head is one already."""
    head = verb.head
    if not is_infinitive(verb) or is_infinitive(head) or head.dep_ != "relcl":
        return None
    node = head.head
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") and is_infinitive(node):
            return node
        if node.head == node:
            return None
        node = node.head
    return None
