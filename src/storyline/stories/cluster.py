"""Story clustering: articles about the same real-world event form one story.

Evidence, per document: its words (tf-idf with BM25 idf, title and lead weighted), the canonical
entities it mentions (``Entity.mentions``), the merged events it reports (``Event.documents``),
the calendar dates its time expressions name, and its date (publication date, else the date of
its lead event when a time expression gave it). Each works alone: with no entities, events or
analyses the clustering runs on words and publication dates.

Agreement counts more than disagreement. Words and entities form a weighted mean (both
idf-weighted: a rare name shared says more than a country every article names); shared events
and shared mentioned dates add support, and their absence costs nothing, because extraction
finds a different subset of events in each report of one event. Only two kinds of
disagreement weigh against a pair: publication dates weeks apart, and lead events of one kind
that time expressions date weeks apart (two occurrences of one kind of event); texts that both
name dates but no common one get a small penalty.

Never all pairs: every document is indexed under its heaviest terms, entities and events
(an inverted index); within a posting list documents are sorted by date and paired only with
their ``window`` nearest neighbours, and a pair is scored only if it shares ``min_shared``
indexed features. Scored pairs form a sparse graph; average-link clustering runs inside each
connected component of its strong edges, so one loose pair cannot chain two stories together.
Numbers are data (``data/stories.toml``, with the ECB+ sweeps that chose them).
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import numpy as np

from storyline.data import read_toml
from storyline.models import Document, DocumentAnalysis, Entity, Event, Mention, Story
from storyline.stories.labels import story_label
from storyline.text.vectors import Vectors, pair_cosines, term_counts, weighted_vectors

NO_DAY = np.inf
_DATE_VALUE = re.compile(r"^(?:\d{4}|XXXX)(?:-\d{2}(?:-\d{2})?)?$")
LABEL_CANDIDATE_TERMS = 30  # a label picks its names and words among this many terms


@cache
def load_config() -> dict[str, Any]:
    return read_toml("stories.toml")


@dataclass
class DocEvent:
    """What the clustering needs of one event a document reports."""

    event_id: str
    type: str
    day: float  # proleptic ordinal, or NO_DAY
    position: int  # where its first mention starts in the document (lead = small)
    confident: bool = False  # dated by a time expression, and asserted as having happened


@dataclass
class Features:
    """Everything compared across documents, one row per document (sorted by id)."""

    ids: list[str]
    terms: Vectors  # BM25 idf: what is distinctive
    topics: Vectors  # smoothed idf: what the document is about
    entities: Vectors | None
    events: Vectors | None
    when: Vectors | None  # calendar dates the text mentions (its time expressions)
    days: np.ndarray  # ordinal day or NO_DAY
    lead_events: list[DocEvent | None]
    entity_rows: list[Counter[str]]  # canonical entity id -> weighted mentions, per document


@dataclass
class Candidates:
    """Pairs of document rows (left < right) worth scoring."""

    left: np.ndarray
    right: np.ndarray
    compared: int  # pair occurrences looked at before de-duplication


def cluster_stories(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    entities: Sequence[Entity] = (),
    events: Sequence[Event] = (),
    copy_of: Mapping[str, str] | None = None,
) -> list[Story]:
    """Stories over ``documents``: each with a label, its documents, date span, events, entities.

    ``copy_of`` (near-duplicate id → its canonical copy, from dedup) makes each copy join its
    canonical's story. Deterministic: the same inputs give the same stories, ids and order,
    whatever their order.
    """
    config = load_config()
    docs = sorted(documents, key=lambda d: d.id)
    if not docs:
        return []
    by_id = {a.doc_id: a for a in analyses}
    features = document_features(docs, by_id, events, config, entities)
    rows = {doc.id: row for row, doc in enumerate(docs)}
    canonical = np.arange(len(docs))
    for member, original in (copy_of or {}).items():
        if member in rows and original in rows:
            canonical[rows[member]] = rows[original]
    candidates = collapse_copies(canonical, candidate_pairs(features, config))
    scores = pair_scores(features, candidates, config)
    groups = average_link(
        len(docs), candidates.left, candidates.right, scores, config["similarity"]["threshold"]
    )
    copies: dict[int, list[int]] = defaultdict(list)
    for row, original in enumerate(canonical.tolist()):
        if row != original:
            copies[original].append(row)
    groups = [
        sorted([*group, *(c for row in group for c in copies[row])])
        for group in groups
        if all(canonical[row] == row for row in group)
    ]
    return make_stories(sorted(groups), docs, features, by_id, entities, events, config)


def collapse_copies(canonical: np.ndarray, candidates: Candidates) -> Candidates:
    """The candidate pairs between canonical copies: a pair found between two near-duplicates
    stands for the pair of their canonical copies, which is the one scored.

    Why: average link counts unscored pairs as 0 and blocking scores only a window of
    neighbours, so 200 copies of one article would otherwise split into several "stories"; and
    the copies of one article agree with each other, so one of them speaks for all."""
    a, b = canonical[candidates.left], canonical[candidates.right]
    keep = a != b
    n = len(canonical)
    pairs = np.unique(np.minimum(a, b)[keep] * n + np.maximum(a, b)[keep])
    return Candidates(pairs // n, pairs % n, candidates.compared)


# --- features ---------------------------------------------------------------------------------


def document_features(
    docs: Sequence[Document],
    analyses: dict[str, DocumentAnalysis],
    events: Sequence[Event],
    config: dict[str, Any],
    entities: Sequence[Entity] = (),
) -> Features:
    """The rows compared across documents. Entity ids come from the canonical entities'
    mentions (``analyses`` keep the mentions as the extractor wrote them, without ids), else
    from any ``entity_id`` already set on an analysis' mentions."""
    vec = config["vectors"]
    lead_ends = [lead_offset(d, analyses.get(d.id), vec["lead_sentences"]) for d in docs]

    def term_rows() -> Iterator[Counter[str]]:
        for doc, lead_end in zip(docs, lead_ends, strict=True):
            text = doc.text
            if doc.title and doc.title not in text:
                text = f"{doc.title}\n{text}"
            shift = len(text) - len(doc.text)
            yield term_counts(text, lead_end + shift, vec["lead_weight"], vec["name_weight"])

    entity_rows = entity_counts(docs, analyses, entities, lead_ends, vec["lead_weight"])
    when_rows = [date_keys(analyses.get(d.id)) for d in docs]
    lead_events, event_rows = document_events(
        docs, events, lead_ends, vec["lead_weight"], config["dates"]["trusted_factuality"]
    )
    days = np.array([day_number(d.published) for d in docs], dtype=np.float64)
    for row, lead in enumerate(lead_events):
        if days[row] == NO_DAY and lead is not None and lead.confident:
            days[row] = lead.day
    terms, topics = weighted_vectors(term_rows())
    return Features(
        ids=[d.id for d in docs],
        terms=terms,
        topics=topics,
        entities=weighted_vectors(entity_rows)[0] if any(entity_rows) else None,
        events=weighted_vectors(event_rows)[0] if any(event_rows) else None,
        when=weighted_vectors(when_rows)[0] if any(when_rows) else None,
        days=days,
        lead_events=lead_events,
        entity_rows=entity_rows,
    )


def lead_offset(doc: Document, analysis: DocumentAnalysis | None, sentences: int) -> int:
    """End offset of the lead: the first ``sentences`` sentences (lines when not analysed)."""
    if analysis and analysis.sentences:
        return analysis.sentences[min(sentences, len(analysis.sentences)) - 1].end
    end = 0
    for _ in range(sentences):
        found = doc.text.find("\n", end + 1)
        if found < 0:
            return len(doc.text)
        end = found
    return end


def entity_counts(
    docs: Sequence[Document],
    analyses: dict[str, DocumentAnalysis],
    entities: Sequence[Entity],
    lead_ends: list[int],
    lead_weight: float,
) -> list[Counter[str]]:
    """Per document, its canonical entities' mention counts (lead mentions weigh more)."""
    row_of = {d.id: row for row, d in enumerate(docs)}
    counts: list[Counter[str]] = [Counter() for _ in docs]

    def add(entity_id: str, mention: Mention) -> None:
        row = row_of.get(mention.provenance.doc_id)
        if row is not None:
            start = mention.provenance.start
            counts[row][entity_id] += lead_weight if start < lead_ends[row] else 1.0

    for entity in entities:
        for mention in entity.mentions:
            add(entity.id, mention)
    if not entities:
        for analysis in analyses.values():
            for mention in analysis.mentions:
                if mention.entity_id:
                    add(mention.entity_id, mention)
    return counts


def date_keys(analysis: DocumentAnalysis | None) -> Counter[str]:
    """The calendar dates a document mentions, as keys at each granularity it states: day of
    the year ("11-19", also from "November 19" with the year unknown), month ("2011-11") and
    year ("2011"). Reports of one event name the same days; reports of another occurrence of
    the same kind name others."""
    counts: Counter[str] = Counter()
    for timex in analysis.timexes if analysis else ():
        value = timex.value or ""
        if timex.type != "DATE" or not _DATE_VALUE.match(value):
            continue
        year, month, day = [*value.split("-"), "", ""][:3]
        if day[:2].isdigit() and month.isdigit():
            counts[f"day:{month}-{day[:2]}"] += 1
        if year.isdigit():
            counts[f"year:{year}"] += 1
            if month.isdigit():
                counts[f"month:{year}-{month}"] += 1
    return counts


def document_events(
    docs: Sequence[Document],
    events: Sequence[Event],
    lead_ends: list[int],
    lead_weight: float,
    trusted: Collection[str] = ("asserted",),
) -> tuple[list[DocEvent | None], list[Counter[str]]]:
    """Per document: its lead event (earliest mention) and its weighted event-id counts.

    An event's date is trusted (``DocEvent.confident``) only when a time expression gave it
    and the text states the event as fact (factuality in ``trusted``, not a habit): dates
    inherited from the document, or of planned and hypothetical events, say little about
    which occurrence a document reports."""
    row_of = {d.id: row for row, d in enumerate(docs)}
    counts: list[Counter[str]] = [Counter() for _ in docs]
    leads: list[DocEvent | None] = [None] * len(docs)
    for event in sorted(events, key=lambda e: e.id):
        day = day_number(event.date)
        confident = (
            day != NO_DAY
            and event.date_basis == "timex"
            and event.factuality in trusted
            and not event.generic
        )
        positions: dict[int, int] = {}
        for mention in event.mentions:
            row = row_of.get(mention.provenance.doc_id)
            if row is not None:
                start = mention.provenance.start
                positions[row] = min(positions.get(row, start), start)
                counts[row][event.id] += lead_weight if start < lead_ends[row] else 1.0
        for doc_id in event.documents:
            row = row_of.get(doc_id)
            if row is not None and row not in positions:
                positions[row] = 1 << 30
                counts[row][event.id] += 1.0
        for row, position in positions.items():
            lead = leads[row]
            if lead is None or (position, event.id) < (lead.position, lead.event_id):
                leads[row] = DocEvent(event.id, event.type, day, position, confident)
    return leads, counts


def day_number(value: str | None) -> float:
    """Proleptic ordinal of an ISO date (YYYY-MM-DD…); NO_DAY for partial or missing dates."""
    if not value or len(value) < 10:
        return NO_DAY
    try:
        return float(date.fromisoformat(value[:10]).toordinal())
    except ValueError:
        return NO_DAY


# --- candidates -------------------------------------------------------------------------------


def candidate_pairs(features: Features, config: dict[str, Any]) -> Candidates:
    """Pairs sharing enough indexed features, from date-sorted posting lists (see module doc)."""
    block = config["blocking"]
    n = len(features.ids)
    feats, docs, votes = [], [], []
    offset = 0
    for vectors, k, vote in (
        (features.terms, block["top_terms"], 1.0),
        (features.entities, block["top_entities"], 1.0),
        (features.events, None, float(block["event_vote"])),
    ):
        if vectors is None:
            continue
        for row in range(n):
            cols = (
                vectors.top_features(row, k)
                if k is not None
                else vectors.matrix.indices[
                    vectors.matrix.indptr[row] : vectors.matrix.indptr[row + 1]
                ]
            )
            feats.append(cols.astype(np.int64) + offset)
            docs.append(np.full(len(cols), row, dtype=np.int64))
            votes.append(np.full(len(cols), vote))
        offset += vectors.matrix.shape[1]
    dated = np.flatnonzero(features.days != NO_DAY)
    if len(dated):
        # Same-day documents are candidates whatever words they share (see date_terms).
        feats.append(
            features.days[dated].astype(np.int64) - int(features.days[dated].min()) + offset
        )
        docs.append(dated.astype(np.int64))
        votes.append(np.full(len(dated), float(block["min_shared"])))
    if not feats or n < 2:
        empty = np.zeros(0, dtype=np.int64)
        return Candidates(empty, empty, 0)
    feat = np.concatenate(feats)
    doc = np.concatenate(docs)
    vote = np.concatenate(votes)
    order = np.lexsort(
        (doc, similarity_key(features, block["top_terms"])[doc], features.days[doc], feat)
    )
    feat, doc, vote = feat[order], doc[order], vote[order]
    keys, weights = [], []
    compared = 0
    for step in range(1, block["window"] + 1):
        same = feat[:-step] == feat[step:]
        if not same.any():
            break
        a, b = doc[:-step][same], doc[step:][same]
        compared += len(a)
        keys.append(np.minimum(a, b) * n + np.maximum(a, b))
        weights.append(vote[:-step][same])
    if not keys:
        empty = np.zeros(0, dtype=np.int64)
        return Candidates(empty, empty, compared)
    unique, inverse = np.unique(np.concatenate(keys), return_inverse=True)
    shared = np.bincount(inverse, weights=np.concatenate(weights))
    chosen = unique[shared >= block["min_shared"]]
    left, right = chosen // n, chosen % n
    keep = left != right
    return Candidates(left[keep], right[keep], compared)


def similarity_key(features: Features, k: int) -> np.ndarray:
    """A MinHash of each document's top terms: similar documents tend to share it, so within a
    date they sit next to each other in the posting lists."""
    keys = np.zeros(len(features.ids), dtype=np.int64)
    for row in range(len(features.ids)):
        cols = features.terms.top_features(row, k).astype(np.int64)
        keys[row] = int(((cols * 2654435761 + 97) % 4294967291).min()) if len(cols) else 0
    return keys


# --- scoring ----------------------------------------------------------------------------------


def pair_scores(features: Features, pairs: Candidates, config: dict[str, Any]) -> np.ndarray:
    """Combined similarity of each candidate pair: the weighted mean of the word and entity
    cosines (each counted when both documents have features of its kind), plus support from
    shared events and shared mentioned dates (a small penalty when both texts name dates but
    none in common), plus the date term."""
    left, right = pairs.left, pairs.right
    weights = config["similarity"]
    total = np.zeros(len(left))
    norm = np.zeros(len(left))
    for vectors, weight in (
        (features.terms, weights["terms"]),
        (features.entities, weights["entities"]),
    ):
        if vectors is None:
            continue
        present = np.diff(vectors.matrix.indptr) > 0
        both = present[left] & present[right]
        total += weight * np.where(both, pair_cosines(vectors.matrix, left, right), 0.0)
        norm += weight * both
    score = np.divide(total, norm, out=np.zeros_like(total), where=norm > 0)
    if features.events is not None:
        # Support only: most events are told by one document (extraction finds a different
        # subset of events in each report), so two reports sharing none is no evidence
        # against one story, while sharing a merged event is evidence for it.
        score += weights["events"] * pair_cosines(features.events.matrix, left, right)
    if features.when is not None:
        when = pair_cosines(features.when.matrix, left, right)
        present = np.diff(features.when.matrix.indptr) > 0
        score += weights["when"] * when
        score += weights["when_none_shared"] * (present[left] & present[right] & (when <= 0))
    return score + date_terms(features, left, right, config["dates"])


def date_terms(
    features: Features, left: np.ndarray, right: np.ndarray, dates: dict[str, Any]
) -> np.ndarray:
    """Same-day pairs gain ``near_weight`` × their topical cosine (fading over ``near_days``);
    pairs dated more than ``far_days`` apart, or whose lead events are one kind confidently
    dated more than ``event_conflict_days`` apart, get a penalty."""
    out = np.zeros(len(left))
    a, b = features.days[left], features.days[right]
    known = (a != NO_DAY) & (b != NO_DAY)
    gap = np.zeros(len(left))
    gap[known] = np.abs(a[known] - b[known])
    near = np.flatnonzero(known & (gap <= dates["near_days"]))
    if len(near):
        topical = pair_cosines(features.topics.matrix, left[near], right[near])
        fade = 1.0 - gap[near] / (dates["near_days"] + 1)
        out[near] = dates["near_weight"] * fade * topical
    out[known & (gap > dates["far_days"])] = dates["apart_penalty"]
    conflict = lead_event_conflicts(features, left, right, dates["event_conflict_days"])
    out[conflict] = np.minimum(out[conflict], dates["event_conflict_penalty"])
    return out


def lead_event_conflicts(
    features: Features, left: np.ndarray, right: np.ndarray, days_apart: int
) -> np.ndarray:
    """Pairs whose lead events differ but are of one type, both confidently dated (see
    ``document_events``) more than ``days_apart`` apart: two occurrences of one kind."""
    leads = [e if e is not None and e.confident else None for e in features.lead_events]
    if not any(leads):
        return np.zeros(len(left), dtype=bool)
    types = {t: i for i, t in enumerate(sorted({e.type for e in leads if e is not None}))}
    ids = {t: i for i, t in enumerate(sorted({e.event_id for e in leads if e is not None}))}
    kind = np.array([types[e.type] if e else -1 for e in leads])
    ident = np.array([ids[e.event_id] if e else -1 for e in leads])
    day = np.array([e.day if e else NO_DAY for e in leads])
    a, b = left, right
    dated = (day[a] != NO_DAY) & (day[b] != NO_DAY)
    gap = np.zeros(len(a))
    gap[dated] = np.abs(day[a][dated] - day[b][dated])
    return (
        (kind[a] >= 0) & (kind[a] == kind[b]) & (ident[a] != ident[b]) & dated & (gap > days_apart)
    )


# --- clustering -------------------------------------------------------------------------------


def average_link(
    n: int, left: np.ndarray, right: np.ndarray, scores: np.ndarray, threshold: float
) -> list[list[int]]:
    """Average-link (UPGMA) clusters of rows ``0..n-1`` on a sparse similarity graph.

    Missing pairs count as similarity 0. Two clusters merge while their average pairwise
    similarity is at least ``threshold``; this needs one edge at or above it, so the work is
    done only inside connected components of those strong edges.
    """
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    strong = scores >= threshold
    for x, y in zip(left[strong].tolist(), right[strong].tolist(), strict=True):
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    components: dict[int, list[int]] = defaultdict(list)
    for row in range(n):
        components[find(row)].append(row)
    edges: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for x, y, s in zip(left.tolist(), right.tolist(), scores.tolist(), strict=True):
        root = find(x)
        if root == find(y) and len(components[root]) > 1:
            edges[root].append((x, y, s))
    groups: list[list[int]] = []
    for root, members in components.items():
        if len(members) == 1:
            groups.append(members)
        else:
            groups.extend(_upgma(members, edges[root], threshold))
    return sorted(sorted(g) for g in groups)


def _upgma(
    members: list[int], edges: list[tuple[int, int, float]], threshold: float
) -> list[list[int]]:
    size = {m: 1 for m in members}
    group = {m: [m] for m in members}
    adj: dict[int, dict[int, float]] = {m: {} for m in members}
    for x, y, s in edges:
        adj[x][y] = adj[x].get(y, 0.0) + s
        adj[y][x] = adj[x][y]
    heap = [(-s, x, y) for x, y, s in edges if s >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, x, y = heapq.heappop(heap)
        if x not in adj or y not in adj[x]:
            continue
        if adj[x][y] / (size[x] * size[y]) != -negative:
            continue  # stale: the pair's average changed since it was pushed
        keep, gone = (x, y) if (size[x], -x) >= (size[y], -y) else (y, x)
        for other, s in adj.pop(gone).items():
            if other == keep:
                continue
            adj[keep][other] = adj[keep].get(other, 0.0) + s
            adj[other][keep] = adj[keep][other]
            del adj[other][gone]
        del adj[keep][gone]
        size[keep] += size.pop(gone)
        group[keep].extend(group.pop(gone))
        for other, s in adj[keep].items():
            average = s / (size[keep] * size[other])
            if average >= threshold:
                heapq.heappush(heap, (-average, min(keep, other), max(keep, other)))
    return list(group.values())


# --- stories ----------------------------------------------------------------------------------


def make_stories(
    groups: list[list[int]],
    docs: Sequence[Document],
    features: Features,
    analyses: dict[str, DocumentAnalysis],
    entities: Sequence[Entity],
    events: Sequence[Event],
    config: dict[str, Any],
) -> list[Story]:
    entity_by_id = {e.id: e for e in entities}
    events_of = events_by_document(events)
    stories = []
    for rows in groups:
        doc_ids = [features.ids[r] for r in rows]
        days = sorted(features.days[r] for r in rows if features.days[r] != NO_DAY)
        story_events = reported_events(doc_ids, events_of)
        mention_docs: dict[str, set[str]] = defaultdict(set)
        mention_count: Counter[str] = Counter()
        for row, doc_id in zip(rows, doc_ids, strict=True):
            for entity_id, count in features.entity_rows[row].items():
                mention_docs[entity_id].add(doc_id)
                mention_count[entity_id] += count
        entity_ids = sorted(
            mention_docs, key=lambda e: (-len(mention_docs[e]), -mention_count[e], e)
        )
        first = date.fromordinal(int(days[0])).isoformat() if days else None
        last = date.fromordinal(int(days[-1])).isoformat() if days else None
        label = story_label(
            [docs[r] for r in rows],
            main_event=_main_event(story_events, features, rows),
            entities=[entity_by_id[e] for e in entity_ids if e in entity_by_id],
            entity_index=entity_by_id,
            terms=top_terms(features, rows, LABEL_CANDIDATE_TERMS),
            first_date=first,
            last_date=last,
            config=config["label"],
        )
        stories.append(
            Story(
                id="story_" + hashlib.sha256("\n".join(doc_ids).encode()).hexdigest()[:12],
                label=label,
                documents=doc_ids,
                first_date=first,
                last_date=last,
                event_ids=[e.id for e in story_events],
                entity_ids=entity_ids[: config["label"]["max_entity_ids"]],
            )
        )
    stories.sort(key=lambda s: (s.first_date is None, s.first_date or "", s.documents[0]))
    return stories


def events_by_document(events: Sequence[Event]) -> dict[str, list[Event]]:
    events_of: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for doc_id in set(event.documents):
            events_of[doc_id].append(event)
    return events_of


def reported_events(doc_ids: Sequence[str], events_of: dict[str, list[Event]]) -> list[Event]:
    """The events a story's documents report, the most reported among them first."""
    members = set(doc_ids)
    reported = {e.id: e for d in doc_ids for e in events_of.get(d, ())}
    return sorted(reported.values(), key=lambda e: (-len(members.intersection(e.documents)), e.id))


def with_final_events(stories: Sequence[Story], events: Sequence[Event]) -> list[Story]:
    """Stories pointing at ``events``: merging events again by story (crossdoc's second pass)
    gives them new ids, and a story must never name an event the briefing does not hold."""
    events_of = events_by_document(events)
    return [
        story.model_copy(
            update={"event_ids": [e.id for e in reported_events(story.documents, events_of)]}
        )
        for story in stories
    ]


def top_terms(features: Features, rows: list[int], k: int) -> list[str]:
    """The story's characteristic terms: heaviest in the sum of its documents' distinctive
    (BM25) and topical (smoothed idf) vectors; with several documents, only shared terms.
    Works on the story's own non-zeros only (never a vocabulary-long array)."""
    terms, topics = features.terms.matrix[rows], features.topics.matrix[rows]
    cols = np.concatenate([terms.indices, topics.indices])
    vals = np.concatenate([terms.data, topics.data])
    unique, inverse = np.unique(cols, return_inverse=True)
    weight = np.bincount(inverse, weights=vals)
    if len(rows) > 1:
        weight = weight * (
            np.bincount(np.searchsorted(unique, terms.indices), minlength=len(unique)) > 1
        )
    order = np.lexsort((unique, -weight))[:k]
    return [features.terms.vocabulary[unique[i]] for i in order if weight[i] > 0]


def _main_event(story_events: list[Event], features: Features, rows: list[int]) -> Event | None:
    """The event most of the story's documents lead with (ties: the one more documents
    report), else the most reported one."""
    leads = Counter(
        features.lead_events[r].event_id for r in rows if features.lead_events[r] is not None
    )
    reach = {event.id: len(event.documents) for event in story_events}
    if leads:
        top = min(leads, key=lambda e: (-leads[e], -reach.get(e, 0), e))
        for event in story_events:
            if event.id == top:
                return event
    return max(story_events, key=lambda e: (reach[e.id], e.id)) if story_events else None
