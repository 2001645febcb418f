"""Political events in one document: who did what to whom, when, where, how, and did it happen.

``extract_event_mentions`` codes every sentence of a parsed document with the PLOVER lexicon
(``events_coder``), resolves the actors to the document's entity mentions (``events_actors``),
dates each event from a temporal expression attached to its clause, or from the publication date
only when the sentence is about the reported present ("today", or a past-tense lede sentence with
no other temporal anchor), and records the factuality (``events_factuality``) and an explanation
of every rule that fired. Cross-document merging is ``events_merge.merge_events``; the timeline is
``timeline.build_timeline``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from storyline.events.actors import ActorRef, ActorResolver
from storyline.events.coder import SentenceCoder
from storyline.events.lexicon import Lexicon, default_lexicon, settings
from storyline.events.matching import Coded
from storyline.events.merge import merge_events
from storyline.events.timeline import build_timeline
from storyline.models import HAPPENED, Actor, Document, EventMention, Mention, Timex
from storyline.models.events import DateBasis
from storyline.nlp import provenance, span_ents

DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PRESENT_VALUES = frozenset({"PRESENT_REF"})

__all__ = ["build_timeline", "extract_event_mentions", "merge_events"]


def extract_event_mentions(
    document: Document,
    parsed: Doc,
    timexes: Sequence[Timex],
    mentions: Sequence[Mention],
    lexicon: Lexicon | None = None,
) -> list[EventMention]:
    """Events coded from each sentence of ``document`` (``parsed`` is its spaCy parse)."""
    resolver = ActorResolver(parsed, mentions)
    coder = SentenceCoder(resolver, lexicon or default_lexicon())
    dater = _Dater(document, parsed, timexes)
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
    dater: _Dater,
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


class _Dater:
    """Dates events from the sentence's temporal expressions, or the document date when due."""

    def __init__(self, document: Document, parsed: Doc, timexes: Sequence[Timex]) -> None:
        conf = settings()["dates"]
        self.document = document
        self.parsed = parsed
        self.cues = [
            re.compile(rf"\b{re.escape(c)}\b", re.IGNORECASE) for c in conf["present_cues"]
        ]
        self.lede = int(conf["lede_sentences"])
        self.timexes = sorted(timexes, key=lambda t: t.provenance.start)
        self.body_rank = self._body_ranks()

    def _body_ranks(self) -> dict[int, int]:
        """Rank of each sentence among the body's prose sentences (headings skipped)."""
        headings = [(b.start, b.end) for b in self.document.blocks if b.kind == "heading"]
        ranks, rank = {}, 0
        for index, sentence in enumerate(self.parsed.sents):
            if any(s <= sentence.start_char < e for s, e in headings) or len(sentence) < 6:
                continue
            ranks[index] = rank
            rank += 1
        return ranks

    def date(
        self, coded: Coded, sentence: Span, index: int
    ) -> tuple[str | None, str | None, DateBasis, str | None, str | None]:
        """(date, date_end, basis, date_text, explanation) for one event."""
        inside = [
            t
            for t in self.timexes
            if sentence.start_char <= t.provenance.start < sentence.end_char
            and t.type in ("DATE", "TIME")
        ]
        anchors = _anchor_tokens(coded)
        for timex in inside:
            span = self.parsed.char_span(
                timex.provenance.start, timex.provenance.end, alignment_mode="expand"
            )
            if span is None or not _attached(span.root, anchors):
                continue
            found = self._from_timex(timex)
            if found is not None:
                return found
        published = self.document.published
        if published and coded.assessment.factuality in HAPPENED:
            for cue in self.cues:
                match = cue.search(sentence.text)
                if match:
                    return (
                        published,
                        None,
                        "document-date",
                        match.group(0),
                        (f"date: '{match.group(0)}' refers to the publication date"),
                    )
            past = coded.anchor.tag_ in ("VBD",) or any(
                c.dep_ == "aux" and c.lower_ in ("has", "have") for c in coded.anchor.children
            )
            main = coded.anchor.dep_ == "ROOT" or (
                coded.anchor.dep_ == "conj" and coded.anchor.head.dep_ == "ROOT"
            )
            other_anchor = inside or any(e.label_ in ("DATE", "TIME") for e in span_ents(sentence))
            lede = self.body_rank.get(index, self.lede) < self.lede
            if past and main and lede and not other_anchor:
                return (
                    published,
                    None,
                    "document-date",
                    None,
                    ("date: past-tense lede sentence without another temporal anchor"),
                )
        return None, None, "none", None, None

    def _from_timex(self, timex: Timex) -> tuple[str, str | None, DateBasis, str, str] | None:
        value = timex.value
        if value in PRESENT_VALUES and self.document.published:
            return (
                self.document.published,
                None,
                "document-date",
                timex.text,
                (f"date: '{timex.text}' is the reported present"),
            )
        if value is None or not DATE_VALUE.match(value):
            return None
        end = timex.range_end if timex.range_end and DATE_VALUE.match(timex.range_end) else None
        return value, end, "timex", timex.text, f"date from '{timex.text}' ({timex.id})"


def _anchor_tokens(coded: Coded) -> set[int]:
    """Tokens whose temporal modifiers date the event: its clause word, its trigger, clauses
    describing a nominal trigger, and the verbs it is coordinated with or complements."""
    anchors = {coded.anchor.i, coded.head.i}
    anchors |= {t.i for t in coded.tokens}
    anchors |= {c.i for c in coded.head.children if c.dep_ in ("acl", "relcl")}
    node = coded.anchor
    while node.dep_ in ("conj", "xcomp") and node.head != node:
        node = node.head
        anchors.add(node.i)
    return anchors


def _attached(root, anchors: set[int]) -> bool:
    """Does the temporal expression hang on the event (first verb above it is the event's)?"""
    node = root
    for _ in range(10):
        if node.head == node:
            return node.i in anchors
        node = node.head
        if node.i in anchors:
            return True
        if node.pos_ in ("VERB", "AUX"):
            return False
    return False
