"""Which words of a parse denote an event at all (occurrences, not only political acts).

The first, general stage of event extraction: main verbs (minus copula, possession and support
verbs) and event nouns (deverbal nominalisations and nouns naming occurrences, minus common
non-event nouns with the same endings), plus every word the PLOVER lexicon treats as a trigger.
The word lists live in ``data/events_triggers.toml``. Scored against MEANTIME event mentions; the
PLOVER coder (``events_coder``) codes the political subset of these.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from storyline.data import read_toml
from storyline.events.lexicon import Lexicon, default_lexicon

SETTINGS_FILE = "events_triggers.toml"


@cache
def _settings() -> dict:
    conf = read_toml(SETTINGS_FILE)
    return {
        "exclude": frozenset(conf["verbs"]["exclude"]),
        "suffixes": tuple(conf["nouns"]["suffixes"]),
        "not_events": frozenset(conf["nouns"]["not_events"]),
        "events": frozenset(conf["nouns"]["events"]),
    }


def event_triggers(parsed: Doc | Span, lexicon: Lexicon | None = None) -> list[Token]:
    """Tokens that denote an event, in text order."""
    lexicon = lexicon or default_lexicon()
    return [token for token in parsed if is_event_word(token, lexicon)]


def is_event_word(token: Token, lexicon: Lexicon | None = None) -> bool:
    """Does this token denote an event (see the module docstring)?"""
    conf = _settings()
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and token.dep_ not in ("aux", "auxpass"):
        if token.dep_ == "amod" and token.tag_ == "VBN":
            return False  # "the planned visit": a modifier, not an occurrence of its own
        return lemma not in conf["exclude"]
    if token.pos_ not in ("NOUN", "PROPN") or (token.pos_ == "PROPN" and not token.is_lower):
        return False
    if lemma in conf["events"] or token.lower_ in conf["events"]:
        return True
    if lemma in conf["not_events"]:
        return False
    lexicon = lexicon or default_lexicon()
    if lexicon.candidates("N", lemma):
        return True
    return len(lemma) > 5 and lemma.endswith(conf["suffixes"])
