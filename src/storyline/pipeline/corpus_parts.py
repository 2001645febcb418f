"""The cross-document stages that run as partitioned work (``partition.py``) on any runner.

- **quality**: blocked by document — each score reads one document, what it needs of its
  analysis (the stored signals and ``layer_signals``, taken as the analysis is read) and which
  document it is a near-copy of (if any); a part is a run of documents. So an incremental build
  reuses the stored score of every document not analysed again whose copy status is unchanged
  (``reusable_quality``): the same inputs give the same score.
- **figure groups**: blocked by the head of the measure key (``figures.group.head_blocks``) — a
  head's groups, their ids included, depend on its figures alone; a part is a run of heads,
  shipped with the slices of the copy, story and affiliation maps its figures need, and each
  head comes back with the value ranges the restatement pass compares (``join``).
- **near-duplicate signatures**: blocked by text — a MinHash signature depends on its text and
  the settings alone; a part is a run of texts still to hash, and the packed signatures come
  back (the LSH buckets and groups are then formed over every document in process).
- **the two event merges**: blocked by the merge's own parts (``events.parts``: mentions that
  share no key never meet) — a part is a run of them (about ``PART_SIZE`` mentions), shipped
  with its mentions and its documents' paragraph starts, publication days and stories; the
  events come back without their mentions (``events.part_tasks``). The parts that meet by a
  late key are merged again together in process.

Each part's function is top-level (it pickles), pure, and returns its results in block order;
the stage concatenates the parts in order, so a partitioned run equals the in-process one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from functools import partial
from typing import Any, Protocol

from storyline.events.part_tasks import Shipped, Task
from storyline.figures.group import head_blocks, head_groups
from storyline.figures.join import (
    compared_ranges,
    join_kept_restatements,
    join_restatements,
    restatement_blocks,
)
from storyline.figures.kept import (
    FigureHeadCache,
    KeptHead,
    StoredFigures,
    content_key,
    figure_rows,
    head_names,
    head_slices,
    packed_head,
    slices_of,
    still_grouped,
    unpacked_head,
)
from storyline.models import Document, DocumentAnalysis, Figure, FigureGroup, Quality
from storyline.models.pile import AnalysisPile, as_pile
from storyline.pipeline.partition import BlockRunner, iter_pack, pack
from storyline.quality.scoring import score_signals
from storyline.quality.signals import layer_signals
from storyline.stories.dedup import packed_signatures

#: A document, its analysis's stored signals and layer signals, and the document it copies.
QualityItem = tuple[Document, dict[str, float], dict[str, float], str | None]
#: The layers of an analysis the quality scores read (``quality.signals.layer_signals``).
QUALITY_LAYERS = ("events", "figures", "mentions", "signals", "timexes")
FigurePart = tuple[list[list[Figure]], dict[str, str], dict[str, str], dict[str, str]]


class StoredFigureHeads(StoredFigures, FigureHeadCache, Protocol):
    """The store, in a build: the figures by head and the kept heads' rows."""


def quality_part(blocks: list[list[QualityItem]]) -> list[Quality]:
    return [score_signals(*item) for block in blocks for item in block]


def partitioned_quality(
    runner: BlockRunner,
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis] | AnalysisPile,
    copy_of: Mapping[str, str],
    reuse: Mapping[str, Quality] | None = None,
) -> list[Quality]:
    """One score per document, in ``documents`` order; the parts are made as the runner takes
    them, and each analysis is reduced to the two small maps a score reads as it passes
    (``score_signals``), so a part holds no analysis: a part of 512 whole analyses was this
    stage's peak (+169 MB at 1,600 simulated documents, issue 18). A document in ``reuse``
    keeps that score (``reusable_quality``) and its analysis is not read."""
    reuse = reuse or {}
    todo = [d for d in documents if d.id not in reuse]
    own = as_pile(analyses).of([d.id for d in todo], QUALITY_LAYERS)
    blocks = ([_quality_item(d, a, copy_of.get(d.id))] for d, a in zip(todo, own, strict=True))
    scored = iter([q for part in runner.map(quality_part, iter_pack(blocks)) for q in part])
    return [reuse[d.id] if d.id in reuse else next(scored) for d in documents]


def _quality_item(
    document: Document, analysis: DocumentAnalysis | None, copy_of: str | None
) -> QualityItem:
    """What a score reads of ``document``'s analysis (none: no layers, signals from the text)."""
    analysis = analysis or DocumentAnalysis(doc_id=document.id, version="")
    return document, analysis.signals, layer_signals(analysis), copy_of


def reusable_quality(
    previous: Sequence[Quality],
    previous_copy_of: Mapping[str, str],
    copy_of: Mapping[str, str],
    changed: Collection[str],
) -> dict[str, Quality]:
    """The stored scores still right: a score's block fingerprint is its document (id, and the
    analysis version: a document analysed again since is in ``changed``) and the document it is
    a near-copy of, before and now."""
    return {
        q.doc_id: q
        for q in previous
        if q.doc_id not in changed and previous_copy_of.get(q.doc_id) == copy_of.get(q.doc_id)
    }


def figure_part(part: FigurePart) -> list[KeptHead]:
    """The groups of each head of a part, head by head, with what is kept of it: the value
    ranges of the figures the restatement pass may compare and the block each group is
    compared in (``join``: a head's groups' own), its names and slices (``figures.kept``)."""
    heads, copies, affiliations, stories = part
    made = []
    for head in heads:
        groups = head_groups(head, copies, affiliations, stories)
        docs, parties = head_names(head)
        made.append(
            KeptHead(
                groups=groups,
                ranges=compared_ranges(groups, head, stories),
                blocks=restatement_blocks(groups, head, stories),
                docs=docs,
                parties=parties,
                slices=slices_of(docs, parties, copies, affiliations, stories),
            )
        )
    return made


def partitioned_figure_groups(
    runner: BlockRunner,
    figures: Sequence[Figure],
    same_source: Mapping[str, str],
    affiliations: Mapping[str, str],
    stories: Mapping[str, str],
    kept: FigureHeadCache | None = None,
) -> list[FigureGroup]:
    """``figures.group.group_figures``, one part of measure heads at a time. With ``kept``
    (the store, in a build) a head whose row is stored under its key and whose slices are
    unchanged (``figures.kept``) keeps its stored groups and is not shipped; the groups of the
    rest are kept for the next build. The restatement pass reads the kept value ranges instead
    of the figures' texts."""
    heads = head_blocks(figures)
    keys = [content_key(figure_rows(h)) for h in heads] if kept is not None else []
    grouped = _grouped_heads(runner, heads, keys, same_source, affiliations, stories, kept)
    groups = [g for head in grouped for g in head.groups]
    ranges = {f: r for head in grouped for f, r in head.ranges.items()}
    return join_restatements(groups, figures, same_source, stories, ranges)  # across heads


def stored_figure_groups(
    runner: BlockRunner,
    kept: StoredFigureHeads,
    same_source: Mapping[str, str],
    affiliations: Mapping[str, str],
    stories: Mapping[str, str],
) -> list[FigureGroup]:
    """``partitioned_figure_groups`` of the store's figures, read by head as stored rows
    (``store.figure_heads``): each head is keyed by a digest of its rows, and only the heads
    grouped again, and the members of the groups the restatement pass compares (two groups of
    one block whose kept value ranges meet: ``join.join_kept_restatements``), are read as
    figures."""
    rows: dict[str, list[tuple[str, bytes]]] = defaultdict(list)
    for head, figure_id, row in kept.figure_head_rows():
        rows[head].append((figure_id, row))
    names = sorted(rows)  # the order of ``head_blocks``
    keys = [content_key(row for _, row in rows[name]) for name in names]
    read: dict[str, Figure] = {}

    def heads_of(indexes: list[int]) -> list[list[Figure]]:
        read.update(kept.figures_by_id([f for i in indexes for f, _ in rows[names[i]]]))
        return [[read[f] for f, _ in rows[names[i]]] for i in indexes]

    grouped = _grouped_heads(runner, heads_of, keys, same_source, affiliations, stories, kept)

    def compared(ids: set[str]) -> dict[str, Figure]:
        read.update(kept.figures_by_id(ids - read.keys()))
        return read

    return join_kept_restatements(
        [g for head in grouped for g in head.groups],
        [b for head in grouped for b in head.blocks],
        {f: r for head in grouped for f, r in head.ranges.items()},
        compared,
        same_source,
    )


def _grouped_heads(
    runner: BlockRunner,
    heads: Sequence[list[Figure]] | Callable[[list[int]], list[list[Figure]]],
    keys: Sequence[bytes],
    same_source: Mapping[str, str],
    affiliations: Mapping[str, str],
    stories: Mapping[str, str],
    kept: FigureHeadCache | None,
) -> list[KeptHead]:
    """Each head's ``KeptHead``, in order: read back where ``kept`` holds its key (``keys``,
    one a head) and its slices are unchanged (``figures.kept.still_grouped``), grouped in parts
    for the rest, whose figures ``heads`` gives (a list, or a reader of the heads asked for by
    index); the rows made are kept, and rows of heads gone dropped."""
    stored = dict(kept.figure_head_groups(keys)) if kept is not None else {}
    found: dict[int, KeptHead] = {}
    for i, key in enumerate(keys):
        if key in stored:
            head = unpacked_head(stored[key])
            if still_grouped(head, same_source, affiliations, stories):
                found[i] = head
    count = len(keys) if callable(heads) else len(heads)
    todo = [i for i in range(count) if i not in found]
    figures = heads(todo) if callable(heads) else [heads[i] for i in todo]
    parts: list[FigurePart] = []
    order = iter(figures)
    for part_heads in pack(figures):  # parts of about PART_SIZE figures
        part_slices = [
            head_slices(next(order), same_source, affiliations, stories) for _ in part_heads
        ]
        parts.append(
            (
                part_heads,
                {d: c for s in part_slices for d, c in s[0].items()},
                {p: c for s in part_slices for p, c in s[1].items()},
                {d: c for s in part_slices for d, c in s[2].items()},
            )
        )
    made = (head for part in runner.map(figure_part, parts) for head in part)
    new_rows: list[tuple[bytes, str]] = []
    for i in todo:
        found[i] = next(made)
        if keys:
            new_rows.append((keys[i], packed_head(found[i])))
    if kept is not None:
        kept.keep_figure_head_groups(keys, new_rows)
    return [found[i] for i in range(count)]


def shipped_event_parts(
    runner: BlockRunner,
    work: Callable[[Task], list[Shipped]],
    task: Callable[[list[list[int]]], Task],
    parts: Iterable[list[int]],
) -> list[list[Shipped]]:
    """``work`` on ``runner`` over windows of consecutive event-merge parts (mention indexes)
    of about ``PART_SIZE`` mentions, a part never split; each window's task is made as the
    runner takes it (an ``events.part_tasks.Ship`` once the runner is bound)."""
    return runner.map(work, map(task, iter_pack(parts)))


def signature_part(part: list[list[str]], params: dict[str, Any]) -> list[bytes]:
    return packed_signatures([text for block in part for text in block], params)


def partitioned_signatures(
    runner: BlockRunner, texts: list[str], params: dict[str, Any]
) -> list[bytes]:
    """``stories.dedup.packed_signatures`` of ``texts``, in order, one part of texts at a time
    (a ``stories.dedup.Hasher`` once the runner is bound)."""
    work = partial(signature_part, params=params)
    return [data for part in runner.map(work, iter_pack([text] for text in texts)) for data in part]
