"""``storyline ask``: a question answered from the store with cited sentences, or plainly not.

Retrieval: the question's content words become a quoted FTS5 ``OR`` query (BM25 over every
stored sentence); sentences that report an event with the question's participants are added, so
"When did Modi call Putin?" also finds "…engaged in a telephonic conversation…". Each sentence
is scored by its BM25 rank, the idf-weighted share of the question's words it holds (a name
counts as held when the sentence mentions the same canonical entity under any alias: "Modi"
matches "Prime Minister Narendra Modi"; a verb counts as held when the sentence reports an event
of the kind the verb names in the event lexicon: "call" → CONSULT/phone), the share of the
question's entities it mentions, a date the question names, and its source's quality score.

The corpus is said to have the answer only when a sentence holds every entity the question
names, at least ``min_coverage`` of its weighted words and ``min_word_coverage`` of its words
that are not names, and the question names nothing the corpus never mentions ("Who won the 2024
US election?" finds "the US" and "election" only in different sentences about a different
vote: no answer). Then a when/who/how much/how many/where question also gets the normalised
value from the event, timex or figure layer (``ask_values``); a when/how much/how many question
without one is answered "the corpus gives no date/figure", with the related sentences cited.
Events count only with the question's names in the roles its syntax gives them (``frame``:
the doer of a visit is its source, a reciprocal act may be coded either way; a name of a
place or topic phrase only sets the scene and need only be named by a report of the event).
An optional LLM backend (``ask_llm``) may word the answer from the retrieved sentences only,
and is overruled when it cites nothing or anything it was not given.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storyline.ask.conflicts import disputed
from storyline.ask.events import Roles, match_events, verb_types
from storyline.ask.frame import Frame, read_frame
from storyline.ask.index import AskIndex
from storyline.ask.people import who_is
from storyline.ask.query import (
    Question,
    Token,
    config,
    fts_query,
    parse_question,
)
from storyline.ask.score import Scored, citation, inside, score_sentence
from storyline.ask.values import find_value
from storyline.entities.actor_affiliation import affiliation
from storyline.models import DocumentAnalysis, Figure
from storyline.models.answers import Answer, AnswerValue, Citation
from storyline.store import Store
from storyline.store.documents import CitedDocument

if TYPE_CHECKING:
    from storyline.ask.llm import LLMConfig

__all__ = ["AskIndex", "answer_question"]

Key = tuple[str, int]
#: Questions that ask for a value: without one the corpus has no answer, only related sentences.
VALUE_KINDS = {
    "when": "This corpus tells of it but gives no date for it (see the cited sentences).",
    "how_much": "This corpus gives no figure for that (see the closest cited sentences).",
    "how_many": "This corpus gives no number for that (see the closest cited sentences).",
    "how_long": "This corpus gives no duration for that (see the closest cited sentences).",
    "who": "This corpus names no person or organisation for that (see the closest cited "
    "sentences).",
    "where": "This corpus names no place for that (see the closest cited sentences).",
}
LOW_CONFIDENCE = (
    "No answer in this corpus: the closest sentences (cited) do not say it with enough confidence."
)


def answer_question(
    store: Store,
    question: str,
    *,
    max_sentences: int = 3,
    index: AskIndex | None = None,
    llm: LLMConfig | None = None,
) -> Answer:
    """The answer to ``question`` from the corpus in ``store`` (see the module docstring).

    ``index``: an ``AskIndex`` kept by a long-lived caller; ``llm``: an endpoint that words the
    answer from the retrieved sentences (None, the default: extractive only).
    """
    conf = config()
    q = parse_question(question)
    max_sentences = max(1, max_sentences)
    if not q.terms:
        return _none(q, "", "The question has no words to look for in the corpus.")
    index = index or AskIndex.from_store(store)
    groups = _entity_groups(q, index)
    named = {i for ids in groups.values() for i in ids}
    words = [t.text for t in q.terms]
    canonical = [index.entities[i].name for i in sorted(named) if i in index.entities]
    query = fts_query([*words, *canonical])  # "US" also finds "the United States"
    df = store.sentence_frequencies([fts_query([w]) for w in words])
    unknown = [
        t.text
        for t in q.terms
        if (t.capitalised or t.acronym)
        and not inside(t, groups)
        and df.get(fts_query([t.text]), 0) == 0
        and t.start > 0
    ]
    if unknown:
        missing = ", ".join(f"'{u}'" for u in unknown)
        return _none(q, query, f"This corpus never mentions {missing}, so it has no answer.")
    if q.kind == "who":
        about = who_is(q, groups, index, affiliation)
        if about is not None:
            return _about(q, query, about, store)
    types = verb_types(q, groups)
    frame = read_frame(q, groups.keys())
    roles = event_roles(frame, groups, bool(types))
    matches = match_events(index, groups, types, roles)
    hits = store.search_sentences(query, limit=int(conf["retrieve"])) if query else []
    keys = [
        (m.provenance.doc_id, m.provenance.sentence_start)
        for match in matches[: int(conf["event_sentences"])]
        for m in match.mentions
    ]
    retrieved = {(h.doc_id, h.start) for h in hits}
    extra = store.sentences_at([k for k in keys if k not in retrieved])
    pool = [*hits, *extra]
    if not pool:
        return _none(q, query, "No sentence in this corpus tells of that: it has no answer.")
    docs = store.cited_documents(sorted({h.doc_id for h in pool}))
    analyses = _told(store, [(h.doc_id, h.start) for h in pool], index)
    weights = _term_weights(q, groups, df, index.n_sentences)
    top = max((h.score for h in hits), default=0.0)
    scored = [
        s
        for h in pool
        if (
            s := score_sentence(
                h, q, groups, weights, types, top, index, docs, analyses, roles, frame.acts
            )
        )
        is not None
    ]
    scored.sort(key=lambda s: (s.supported, s.score), reverse=True)
    best = scored[0] if scored else None
    if best is None or not best.supported:
        return _none(q, query, _why_not(best), best.score if best else 0.0)
    supported = [s for s in scored if s.supported]
    if best.score < float(conf["answer"]["min_confidence"]):
        closest = _citations(None, supported, max_sentences, store, docs, best)
        return _none(q, query, LOW_CONFIDENCE, best.score, closest)
    value = find_value(q, groups, named, supported, matches, index, analyses)
    citations = _citations(value, supported, max_sentences, store, docs, best)
    unvalued = VALUE_KINDS.get(q.kind or "") if value is None else None
    answer = Answer(
        question=q.text,
        found=unvalued is None,
        text=value.text if value else unvalued or best.hit.text,
        value=value,
        citations=citations,
        documents=list(dict.fromkeys(c.doc_id for c in citations)),
        confidence=round(best.score, 3),
        query=query,
        explanation=_explain(q, best, value),
    )
    if llm is not None and answer.found:
        from storyline.ask.llm import llm_answer

        return llm_answer(llm, answer, [s.hit for s in supported], docs)
    return answer


def _told(store: Store, keys: list[Key], index: AskIndex) -> dict[str, DocumentAnalysis]:
    """What answering reads of the analyses: the time expressions and figures told in the
    retrieved sentences (scoring and values look at nothing else), and every figure of a
    disputed group among them (to cite each side; those stay out of the sentence checks, as
    they sit in other sentences or are already there)."""
    analyses = store.told_at(keys)
    groups = {g.id: g for a in analyses.values() for f in a.figures if (g := disputed(f, index))}
    held = {f.id for a in analyses.values() for f in a.figures}
    wanted = [i for g in groups.values() for i in g.figure_ids if i not in held]
    for data in store.figures(wanted).values():
        figure = Figure.model_validate_json(data)
        doc_id = figure.provenance.doc_id
        analysis = analyses.get(doc_id)
        if analysis is None:
            version = ""  # a document none of whose retrieved sentences tells anything
            analysis = analyses[doc_id] = DocumentAnalysis(doc_id=doc_id, version=version)
        analysis.figures.append(figure)
    return analyses


# -- reading the question ---------------------------------------------------------------------
def _entity_groups(q: Question, index: AskIndex) -> dict[tuple[int, int], set[str]]:
    """Question span → the canonical entities (with linked ones) its words name; the longest
    name wins. In a question written in lower case any alias of four letters or more counts."""
    tokens = q.tokens
    any_caps = any(t.capitalised for t in tokens[1:])
    stop = frozenset(config()["stopwords"])
    groups: dict[tuple[int, int], set[str]] = {}
    i = 0
    while i < len(tokens):
        for n in range(min(6, len(tokens) - i), 0, -1):
            span = tokens[i : i + n]
            if not _name_like(span, any_caps, stop):
                continue
            ids = index.lookup(" ".join(t.text for t in span))
            if ids:
                groups[(span[0].start, span[-1].end)] = index.family(ids)
                i += n
                break
        else:
            i += 1
    return groups


def event_roles(frame: Frame, groups: dict[tuple[int, int], set[str]], coded: bool) -> Roles:
    """The frame's arguments as an event must hold them: the act's doer and undergoer in
    their roles, the names of its place phrases only as scene (when the event lexicon codes
    the asked act, so that the event is that act, and the parse found its arguments), and
    whether the act is reciprocal (``data/ask.toml``)."""
    if not frame.core:
        return Roles()
    by_role: dict[str, list[frozenset[str]]] = {"agent": [], "patient": []}
    for span, role in frame.core_roles:
        if span in groups:
            by_role[role].append(frozenset(groups[span]))
    reciprocal = set(config()["reciprocal_verbs"])
    return Roles(
        scene=frozenset(s for s in frame.scene if s in groups and s not in frame.core)
        if coded
        else frozenset(),
        agents=tuple(by_role["agent"]),
        patients=tuple(by_role["patient"]),
        reciprocal=not frame.acts or frame.acts[0] in reciprocal,
    )


def _name_like(span: Sequence[Token], any_caps: bool, stop: frozenset[str]) -> bool:
    """Whether question words may be a name: capitalised at both ends (in a question that
    capitalises names), never starting with a function word ("Who" is not WHO)."""
    first = span[0]
    if first.text.lower() in stop and not first.acronym:
        return False
    if any_caps:
        return (first.capitalised or first.acronym) and span[-1].capitalised
    return len(" ".join(t.text for t in span)) >= 4


def _term_weights(
    q: Question, groups: dict[tuple[int, int], set[str]], df: dict[str, int], n: int
) -> dict[str, float]:
    """Term → idf weight (BM25 idf over sentences); names weigh more; each date the question
    names weighs as much as its average word."""
    boost = float(config()["score"]["entity_idf"])
    weights: dict[str, float] = {}
    for t in q.terms:
        k = df.get(fts_query([t.text]), 0)
        idf = math.log(1 + (n - k + 0.5) / (k + 0.5)) if n else 1.0
        weights[t.text] = idf * (boost if inside(t, groups) else 1.0)
    mean = sum(weights.values()) / len(weights) if weights else 1.0
    for value in q.dates:
        weights[f"date:{value}"] = mean
    return weights


# -- the answer ---------------------------------------------------------------------------------
def _citations(
    value: AnswerValue | None,
    supported: list[Scored],
    max_sentences: int,
    store: Store,
    docs: dict[str, CitedDocument],
    best: Scored,
) -> list[Citation]:
    """The value's evidence (one sentence per source) first, then the best other sentences."""
    by_key = {(s.hit.doc_id, s.hit.start): s for s in supported}
    keys: list[Key] = []
    for p in value.evidence if value else ():
        keys.append((p.doc_id, p.sentence_start))
    limit = max(max_sentences, len(keys))
    for s in supported:
        keys.append((s.hit.doc_id, s.hit.start))
    keys = list(dict.fromkeys(keys))[:limit]
    missing = [k for k in keys if k not in by_key]
    fetched = {(h.doc_id, h.start): h for h in store.sentences_at(missing)}
    out: list[Citation] = []
    for key in keys:
        hit = by_key[key].hit if key in by_key else fetched.get(key)
        if hit is None:
            continue
        doc = docs.get(hit.doc_id) or store.cited_documents([hit.doc_id]).get(hit.doc_id)
        score = by_key[key].score if key in by_key else best.score
        out.append(citation(len(out) + 1, hit, doc, score))
    return out


def _none(
    q: Question,
    query: str,
    message: str,
    confidence: float = 0.0,
    closest: list[Citation] | None = None,
) -> Answer:
    """No answer; ``closest`` are the sentences that came nearest, shown for the reader."""
    cited = closest or []
    return Answer(
        question=q.text,
        found=False,
        text=message,
        citations=cited,
        documents=list(dict.fromkeys(c.doc_id for c in cited)),
        confidence=round(confidence, 3),
        query=query,
        explanation=message,
    )


def _about(q: Question, query: str, value: AnswerValue, store: Store) -> Answer:
    """ "Who is X?": the entity layer's roles, cited where a role is stated."""
    hits = store.sentences_at([(p.doc_id, p.sentence_start) for p in value.evidence])
    docs = store.cited_documents(sorted({h.doc_id for h in hits}))
    citations = [citation(n, h, docs.get(h.doc_id), 1.0) for n, h in enumerate(hits, 1)]
    return Answer(
        question=q.text,
        found=True,
        text=value.text,
        value=value,
        citations=citations,
        documents=list(dict.fromkeys(c.doc_id for c in citations)),
        confidence=1.0,
        query=query,
        explanation="roles and affiliation from the entity layer",
    )


def _why_not(best: Scored | None) -> str:
    if best is None:
        return "No sentence in this corpus answers that question."
    missing = [m.removeprefix("date:") for m in best.missing]
    if missing:
        words = ", ".join(f"'{m}'" for m in missing[:4])
        return (
            "No answer in this corpus: no sentence tells all of the question; the closest "
            f"leaves out {words}."
        )
    return "No answer in this corpus: the closest sentences do not tell enough of the question."


def _explain(q: Question, best: Scored, value: AnswerValue | None) -> str:
    parts = [
        f"best sentence holds {best.coverage:.0%} of the question's weighted words",
        f"and {best.entity_share:.0%} of its names",
    ]
    if value is not None:
        parts.append(f"value from the {value.layer} layer ({value.ref})")
    if q.truncated:
        parts.append("question cut to its first characters")
    return "; ".join(parts)
