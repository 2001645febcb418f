"""How well one retrieved sentence answers a question (see ``ask`` for the method)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyline.ask.acts import stated, wordings
from storyline.ask.events import EventMatch, Roles, event_fit
from storyline.ask.index import AskIndex
from storyline.ask.query import (
    Question,
    Token,
    compatible_dates,
    config,
    keys_match,
    name_key,
    predicate,
    term_key,
)
from storyline.models import DocumentAnalysis
from storyline.models.answers import Citation
from storyline.store import SentenceHit
from storyline.store.documents import CitedDocument
from storyline.summary.candidates import rejects

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_YEAR_IN_TEXT = re.compile(r"\b(?:1[89]|20)\d\d\b")
FRAGMENTS = frozenset({"piece of a quotation", "fragment", "social-media embed"})


@dataclass
class Scored:
    """A retrieved sentence with what it holds of the question."""

    hit: SentenceHit
    score: float
    coverage: float
    word_coverage: float
    entity_share: float
    missing: list[str]
    supported: bool
    events: list[EventMatch]


def inside(token: Token, groups: dict[tuple[int, int], set[str]]) -> bool:
    return any(s <= token.start < e for s, e in groups)


def score_sentence(
    hit: SentenceHit,
    q: Question,
    groups: dict[tuple[int, int], set[str]],
    weights: dict[str, float],
    types: dict[str, set[tuple[str, str | None]]],
    top: float,
    index: AskIndex,
    docs: dict[str, CitedDocument],
    analyses: dict[str, DocumentAnalysis],
    roles: Roles | None = None,
    acts: tuple[str, ...] = (),
) -> Scored | None:
    doc = docs.get(hit.doc_id)
    if doc is None or _not_prose(hit, doc):
        return None
    conf = config()["score"]
    key = (hit.doc_id, hit.start)
    mentioned = {entity for _, entity in index.mentions_at.get(key, ())}
    text_keys = {term_key(w) for w in _WORD.findall(hit.text)}
    lowered = f" {name_key(hit.text)} "
    covered = {
        span
        for span, ids in groups.items()
        if ids & mentioned or any(f" {a} " in lowered for a in _aliases_of(ids, index))
    }
    # a name the sentence leaves to its article ("The two sides signed four agreements" in a
    # report on India and Ukraine) is held at half weight: said nearby, not in the sentence
    around = {
        span
        for span, ids in groups.items()
        if span not in covered and any(hit.doc_id in index.in_documents.get(i, ()) for i in ids)
    }
    events = [
        EventMatch(event, [mention], strength)
        for event, mention in index.events_at.get(key, ())
        if (strength := event_fit(event, groups, types, index, roles)) is not None
    ]
    held: dict[str, bool] = {}
    for t in q.terms:
        span = next((s for s in groups if s[0] <= t.start < s[1]), None)
        if span is not None:
            held[t.text] = span in covered or span in around
        else:
            held[t.text] = any(keys_match(term_key(t.text), k) for k in text_keys) or any(
                t.text in types and m.event.type in {ty for ty, _ in types[t.text]} for m in events
            )
    act = predicate(q, groups)
    act_held = act is None or _act_held(hit.text, _told(act, text_keys, types, events), acts)
    if act is not None:
        held[act.text] = act_held  # told in other words counts; "taken under" does not
    told = _dates_told(hit, doc, analyses.get(hit.doc_id), index)
    mismatch = False
    for value in q.dates:
        in_sentence = told["sentence"]
        held[f"date:{value}"] = any(compatible_dates(value, d) for d in in_sentence)
        context = in_sentence or told["document"]
        if context and not any(compatible_dates(value, d) for d in context):
            mismatch = True
    total = sum(weights.values()) or 1.0
    halved = {t.text for t in q.terms if any(s[0] <= t.start < s[1] for s in around)}
    coverage = (
        sum(weights[t] * (conf["nearby_name"] if t in halved else 1.0) for t, ok in held.items()
            if ok) / total
    )  # fmt: skip
    plain = [t.text for t in q.terms if not inside(t, groups)]
    plain_total = sum(weights[t] for t in plain)
    words = sum(weights[t] for t in plain if held[t]) / plain_total if plain_total else 1.0
    share = (len(covered) + conf["nearby_name"] * len(around)) / len(groups) if groups else 1.0
    named_all = len(covered) + len(around) == len(groups)
    rank = hit.score / top if top > 0 else 0.0
    floor = float(conf["quality_floor"])
    quality = floor + (1 - floor) * index.quality.get(hit.doc_id, 0.5)
    has_kind = _holds_kind(q, hit, told["sentence"], mentioned, groups, analyses, index)
    score = (
        conf["bm25"] * rank
        + conf["coverage"] * coverage
        + conf["entities"] * share
        + conf["event"] * (1.0 if events else 0.0)
        + conf["kind"] * (1.0 if has_kind else 0.0)
    ) * quality
    if mismatch:
        score *= conf["date_mismatch"]
    if rejects(hit.text) in FRAGMENTS:
        score *= conf["fragment"]
    answer = config()["answer"]
    numbered = all(_numbers(hit.text, o, noun) for o, noun in ordinals(q.text))
    return Scored(
        hit=hit,
        score=score,
        coverage=coverage,
        word_coverage=words,
        entity_share=share,
        missing=[t for t, ok in held.items() if not ok],
        supported=named_all
        and (share >= answer["min_names_in_sentence"] or not groups)
        and coverage >= answer["min_coverage"]
        and words >= answer["min_word_coverage"]
        and act_held  # "who represented …" needs a sentence that tells of representing
        and numbered  # "the second summit" is not told by a sentence about the first
        and not mismatch,
        events=events,
    )


def _told(
    act: Token,
    text_keys: set[str],
    types: dict[str, set[tuple[str, str | None]]],
    events: list[EventMatch],
) -> bool:
    """Whether the sentence tells the asked act in its own word or by an event of the very
    kind that word names (a phone call for "call"). An event of the word's broad type only is
    not enough: the event lexicon codes hosting, briefing and visiting all as consultation."""
    if any(keys_match(term_key(act.text), k) for k in text_keys):
        return True
    kinds = types.get(act.text, set())
    return any(m.event.mode is not None and (m.event.type, m.event.mode) in kinds for m in events)


def _act_held(text: str, word_held: bool, acts: tuple[str, ...]) -> bool:
    """Whether the sentence tells the asked act: the question's verb word, with its particle
    when the act is phrasal ("took over", not "taken under"), or another wording of it
    (``acts``: "assumed", "handed over … to")."""
    if not acts:
        return word_held
    forms = wordings(acts[0])
    if " " not in acts[0] and word_held:
        return True
    return any(stated(text, w.act) for w in forms)


@lru_cache(maxsize=256)
def ordinals(question: str) -> tuple[tuple[str, str], ...]:
    """(ordinal, the noun it numbers) pairs of a question ("the second Ukraine peace summit" →
    ("second", "summit")). An ordinal picks one member of a series (Huddleston & Pullum ch. 5
    §7.4; Quirk et al. §6.64): "the second summit" is an argument of the question as much as
    a name is, and a sentence about the first one does not answer it."""
    from storyline.ask.frame import parse_text

    pattern = re.compile(config()["ordinal"], re.IGNORECASE)
    return tuple(
        (t.lower_, t.head.lemma_.lower())
        for t in parse_text(question)
        if pattern.fullmatch(t.text) and t.head.pos_ in ("NOUN", "PROPN") and t.head != t
    )


def _numbers(text: str, ordinal: str, noun: str) -> bool:
    """Whether the sentence writes the ordinal in front of the same noun, within its noun
    phrase ("a second summit", "the second peace summit"; not "the Second World War")."""
    words = _WORD.findall(text)
    key = term_key(noun)
    return any(
        w.lower() == ordinal and any(keys_match(term_key(x), key) for x in words[i + 1 : i + 4])
        for i, w in enumerate(words)
    )


def _holds_kind(
    q: Question,
    hit: SentenceHit,
    dates: list[str],
    mentioned: set[str],
    groups: dict[tuple[int, int], set[str]],
    analyses: dict[str, DocumentAnalysis],
    index: AskIndex,
) -> bool:
    """Whether the sentence holds the kind of value the question asks for (of its type)."""
    if q.kind == "when":
        return bool(dates)
    if q.kind in ("who", "where"):
        named = {i for ids in groups.values() for i in ids}
        wanted = set(config()["answer_types"][q.kind])
        return any(
            index.entities[i].type in wanted for i in mentioned - named if i in index.entities
        )
    if q.kind in ("how_much", "how_many", "how_long"):
        kinds = set(config()["answer_types"][q.kind])
        analysis = analyses.get(hit.doc_id)
        return any(
            f.provenance.sentence_start == hit.start and f.kind in kinds
            for f in (analysis.figures if analysis else ())
        )
    return False


def _not_prose(hit: SentenceHit, doc: CitedDocument) -> bool:
    """Headings, question blocks and questions are never an answer."""
    if hit.text.rstrip("”’\"' )").endswith("?"):
        return True
    return any(
        b.kind in ("heading", "question") and b.start <= hit.start < max(b.end, b.start + 1)
        for b in doc.blocks
    )


def _aliases_of(ids: set[str], index: AskIndex) -> set[str]:
    """Alias keys of the entities, for a sentence whose mention the entity layer missed; short
    ones (two letters: "US", "UN") only as the entity layer found them."""
    return {k for entity_id in ids for k in index.alias_keys.get(entity_id, ())}


def _dates_told(
    hit: SentenceHit, doc: CitedDocument, analysis: DocumentAnalysis | None, index: AskIndex
) -> dict[str, list[str]]:
    """Dates the sentence tells (its timexes, the events it reports, years it writes) and the
    document's own date."""
    told = [m.group(0) for m in _YEAR_IN_TEXT.finditer(hit.text)]
    if analysis is not None:
        told += [
            t.value
            for t in analysis.timexes
            if t.value
            and t.value[:1].isdigit()
            and t.provenance.sentence_start == hit.start
            and t.type == "DATE"
        ]
    told += [e.date for e, _ in index.events_at.get((hit.doc_id, hit.start), ()) if e.date]
    return {"sentence": told, "document": [doc.published] if doc.published else []}


def citation(number: int, hit: SentenceHit, doc: CitedDocument | None, score: float) -> Citation:
    """A retrieved sentence as the answer cites it: numbered, with its source's title and date."""
    return Citation(
        number=number,
        doc_id=hit.doc_id,
        index=hit.index,
        start=hit.start,
        end=hit.end,
        sentence=hit.text,
        title=doc.title if doc else None,
        published=doc.published if doc else None,
        score=round(score, 3),
    )
