"""Political events in one document: who did what to whom, when, where, how, and did it happen.

``extract_event_mentions`` codes every sentence of a parsed document with the PLOVER lexicon
(``events_coder``), resolves the actors to the document's entity mentions (``events_actors``),
dates each event from its own words (``events.dating``: the temporal expression attached to its
clause, the story's reference day, or the publication date for the reported present), and
records the factuality (``events_factuality``) and an explanation of every rule that fired.
Cross-document merging is ``events_merge.merge_events``; the timeline is
``timeline.build_timeline``.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from spacy.tokens import Doc, Span

from storyline.events.actors import ActorRef, ActorResolver
from storyline.events.coder import SentenceCoder
from storyline.events.dating import EventDater
from storyline.events.discards import sentence_discard, story_discard
from storyline.events.lexicon import Lexicon, default_lexicon
from storyline.events.matching import Coded
from storyline.events.merge import merge_events
from storyline.events.themes import mention_theme
from storyline.events.timeline import build_timeline
from storyline.events.told import mention_wording
from storyline.models import HAPPENED, Actor, Document, EventMention, Mention, Timex
from storyline.nlp import provenance

__all__ = ["build_timeline", "extract_event_mentions", "merge_events"]

LEAD_SENTENCES = 2  # the lead of a news story: what it is about


def extract_event_mentions(
    document: Document,
    parsed: Doc,
    timexes: Sequence[Timex],
    mentions: Sequence[Mention],
    lexicon: Lexicon | None = None,
) -> list[EventMention]:
    """Events coded from each sentence of ``document`` (``parsed`` is its spaCy parse); none
    from a sports or entertainment story (PETRARCH2's discards, ``discards``). A story is judged
    by its headline and lead, where news states what it is about: a political report with a
    "Trending: World Cup semi-final" teaser further down is still coded, and a topic word that
    PETRARCH applies to single sentences ("football") speaks for the story only in its
    headline (a sentence naming a football field in a report of arrests is still coded)."""
    lead = " ".join(s.text for s in islice(parsed.sents, LEAD_SENTENCES))
    if story_discard(f"{document.title or ''}\n{lead}") or sentence_discard(document.title or ""):
        return []  # a headline names the story's topic: "Nadal keeps Spain alive in Davis Cup"
    resolver = ActorResolver(parsed, mentions)
    coder = SentenceCoder(resolver, lexicon or default_lexicon())
    dater = EventDater(document, parsed, timexes)
    result: list[EventMention] = []
    for index, sentence in enumerate(parsed.sents):
        coded = coder.code(sentence)
        ids = [f"{document.id}:ev{len(result) + k + 1}" for k in range(len(coded))]
        for k, event in enumerate(coded):
            result.append(_mention(document, parsed, event, ids[k], ids, dater, index, sentence))
    return result


def _mention(
    document: Document,
    parsed: Doc,
    coded: Coded,
    mention_id: str,
    sentence_ids: list[str],
    dater: EventDater,
    sentence_index: int,
    sentence: Span,
) -> EventMention:
    date, date_end, basis, date_text, date_note = dater.date(coded, sentence, sentence_index)
    factuality = coded.assessment.factuality
    cue = coded.assessment.cue
    if (
        factuality in HAPPENED
        and basis == "timex"
        and date
        and document.published
        and len(date) == 10
        and date > document.published
    ):
        factuality, cue = "planned", f"date {date} after publication {document.published}"
    explanation = [f"rule {coded.entry.key} ({coded.entry.note}) on '{coded.trigger_text}'"]
    explanation += coded.notes
    explanation.append(f"factuality {factuality}" + (f" ({cue!r})" if cue else ""))
    if coded.generic:
        explanation.append("generic: simple present states a habit or state")
    if date_note:
        explanation.append(date_note)
    return EventMention(
        id=mention_id,
        type=coded.type,
        mode=coded.mode,
        cameo=coded.entry.cameo,
        trigger=coded.trigger_text,
        source=[_actor(r) for r in coded.sources],
        target=[_actor(r) for r in coded.targets],
        location=coded.location,
        date=date,
        date_end=date_end,
        date_basis=basis,
        date_text=date_text,
        factuality=factuality,
        factuality_cue=cue,
        cotemporal=[sentence_ids[i] for i in sorted(coded.cotemporal)],
        generic=coded.generic,
        theme=mention_theme(
            coded.type, coded.entry.cameo, coded.tokens, coded.complement, coded.found is not None
        ),
        wording=mention_wording(
            coded.type, coded.mode, coded.entry.cameo, coded.tokens, coded.sources, coded.targets
        ),
        rule=_rule_name(coded),
        explanation="; ".join(explanation),
        provenance=provenance(document.id, parsed, coded.start, coded.end),
    )


def _rule_name(coded: Coded) -> str:
    """The lexicon row that coded the event: 'V:meet' (hand row), 'petrarch:V:meet' (compiled
    PETRARCH row), 'user:V:snub' (a user's table)."""
    origin = coded.entry.origin
    if origin == "built-in":
        return coded.entry.key
    return f"{'petrarch' if origin == 'petrarch' else 'user'}:{coded.entry.key}"


def _actor(ref: ActorRef) -> Actor:
    mention = ref.mention
    return Actor(
        text=ref.text,
        entity_id=mention.entity_id if mention else None,
        name=None,
        label=ref.label,
        start=ref.start,
        end=ref.end,
        rule=ref.rule,
    )
