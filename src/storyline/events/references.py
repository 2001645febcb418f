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
