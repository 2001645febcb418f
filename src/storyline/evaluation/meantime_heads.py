"""The head word of a MEANTIME mention extent, which the ``entities`` task's head match needs.

MEANTIME marks whole noun phrases ('Spokeswoman Sandy Angers', 'the Moscone Center in San
Francisco') and gives no head; English puts a noun phrase's head before its post-modifiers, so
the head is the last word before the first of them.
"""

from __future__ import annotations

from storyline.evaluation.meantime import MeantimeToken

_DETERMINERS = frozenset({"the", "a", "an"})

_POSTMODIFIER_START = frozenset(
    {",", "(", "[", ":", ";", "-", "–", "—", "of", "in", "at", "from", "on", "for", "with"}
    | {"near", "who", "which", "that", "based", "by", "to"}
)


def np_head(tokens: list[MeantimeToken]) -> MeantimeToken:
    """Head of an English noun-phrase extent: its last word before the first post-modifier
    (comma, parenthesis, preposition, relative pronoun): 'US Barack Obama' → Obama,
    'Moscone Center in San Francisco' → Center, 'the Standard & Poor's 500 index' → index.
    A comma between two adjectives before the name is no post-modifier ('new, faster
    iPhone' → iPhone, 'the new mid-size, long-range 787 Dreamliner' → Dreamliner)."""
    kept = tokens[:1]
    for n, token in enumerate(tokens[1:], start=1):
        if token.text.casefold() in _POSTMODIFIER_START and not _between_premodifiers(tokens, n):
            break
        kept.append(token)
    words = [t for t in kept if any(c.isalnum() for c in t.text)]
    return words[-1] if words else kept[-1]


def _between_premodifiers(tokens: list[MeantimeToken], n: int) -> bool:
    """The comma at ``n`` joins two lower-case adjectives ahead of a name: the words either
    side are lower-case words (not a determiner or a name) and a name or a number follows
    before any post-modifier."""
    if tokens[n].text != "," or n + 1 >= len(tokens):
        return False
    before, after = tokens[n - 1].text, tokens[n + 1].text
    if not (_adjective_like(before) and _adjective_like(after)) or after in _DETERMINERS:
        return False
    for token in tokens[n + 2 :]:
        if token.text.casefold() in _POSTMODIFIER_START:
            return False
        if any(c.isupper() for c in token.text) or token.text[:1].isdigit():
            return True
    return False


def _adjective_like(word: str) -> bool:
    return word.replace("-", "").isalpha() and word.islower()
