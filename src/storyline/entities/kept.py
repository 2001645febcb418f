"""Each document's share of the entity canonicalisation, kept between builds so a re-build reads
and resolves only the mentions of new or changed documents (issue 18, incremental builds).

The entities stage read every analysis's mentions (inflating every stored analysis to pick
them out) and made every mention's item (``canon._item``: its key, display, type and office,
from the tables) and resolved every document's lone surnames (``people.resolve_in_documents``),
at every build: about two thirds of the stage when 1% of the pile is new. What a document
gives the canonicalisation before it looks across documents (``canon.document_items``) depends
only on its mentions, the tables and this code, so it is kept in the store, with the mentions
themselves, under a key that is a digest of the analysis, the document's text and the code
(``names_key``): a build reads back every row whose key still matches, without reading those
analyses, and makes (and keeps) the rest. The corpus-wide linking then runs over all items
exactly as without the store (``canon.linked_entities``), so the entities are the same.

One thing a document's resolution reads from the others: a lone surname resolved to a full
name is shown as that name was first written in the corpus. A row keeps the first spelling of
each full name its document writes; the corpus' are merged in document order, as
``resolve_in_documents`` over all documents finds them, and set on the resolved items.

A row is compact JSON (the store deflates it); a mention's evidence sentence is left out where
it is its span of the document's text (almost always), and restored from the text when read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Protocol

from pydantic import BaseModel

from storyline.entities.canon import document_items
from storyline.entities.name_items import NameItem
from storyline.models import Document, Mention
from storyline.models.compact import compact
from storyline.models.kept_rows import (
    analysis_key,
    read_or_make,
    restore_own_sentences,
    without_own_sentences,
)
from storyline.models.language import EntityType
from storyline.models.pile import AnalysisPile


class NameRowCache(Protocol):
    """Where rows made once are kept (the store: ``store.named_mentions``). It is the store the
    analyses are read from: ``analysis_digests`` names the stored analyses."""

    def analysis_digests(self, ids: Sequence[str]) -> dict[str, bytes]: ...
    def named_mentions(self, keys: Mapping[str, bytes]) -> Iterator[tuple[str, str]]: ...
    def save_named_mentions(self, rows: Iterable[tuple[str, bytes, str]]) -> None: ...


#: One item as kept: key, display, label, fixed, surface, title, evidence (``NameItem``).
KeptItem = tuple[str, str, EntityType, bool, str, str | None, bool]


class NamesRow(BaseModel):
    """A document's row: its mentions in analysis order, their items, the first spelling of each
    full person name it writes, and which mentions' sentences were left out."""

    mentions: list[Mention]
    items: list[KeptItem]
    displays: list[tuple[str, str]]
    own_sentences: list[int]


#: The key a document's row is kept under (``models.kept_rows.analysis_key``): changes with its
#: analysis, its text (the sentences left out are read from it) or the code and its tables.
names_key = analysis_key


def packed_names(document: Document, mentions: Sequence[Mention]) -> str:
    """A document's row as kept (JSON), from its analysis's mentions."""
    items, displays = document_items(mentions)
    kept, own = without_own_sentences(document, mentions)
    row = NamesRow(
        mentions=kept,
        items=[(i.key, i.display, i.label, i.fixed, i.surface, i.title, i.evidence) for i in items],
        displays=list(displays.items()),
        own_sentences=own,
    )
    return row.model_dump_json()


def unpacked_names(document: Document, data: str) -> NamesRow:
    """``packed_names`` read back: the row, its sentences restored from ``document``'s text
    (one string per sentence, shared by its mentions), compacted as it is read
    (``models.compact``), as the store's readers compact analyses: a rebuild reads every row
    back, and held as parsed they were the largest holding of a rebuild (the entities stage of
    a 1,600-document rebuild: 117.9 of its 123.2 MB, benchmarks/results.md "memagain22"),
    while the compaction after the stage, which would have walked them all again, finds them
    done."""
    row = NamesRow.model_validate_json(data)
    restore_own_sentences(document, row.mentions, row.own_sentences)
    return compact(row)


def kept_names(
    documents: Sequence[Document], analyses: AnalysisPile, kept: NameRowCache
) -> tuple[list[Mention], list[NameItem]]:
    """Every analysed document's mentions in document id order (the pile's) and their items as
    ``canonicalise`` resolves them before it links across documents: rows read back from
    ``kept`` where the key still matches, made (reading only those documents' analyses) and
    kept for the rest. The mentions are the rows' own: ``linked_entities`` may own them."""
    by_id = {d.id: d for d in documents}
    digests = kept.analysis_digests(sorted(by_id))
    keys = {doc_id: names_key(by_id[doc_id], digest) for doc_id, digest in digests.items()}

    def made(missing: list[str]) -> Iterator[tuple[str, str]]:
        for doc_id, analysis in zip(missing, analyses.of(missing, ("mentions",)), strict=True):
            yield doc_id, packed_names(by_id[doc_id], analysis.mentions if analysis else [])

    rows = read_or_make(
        keys,
        kept.named_mentions(keys),
        made,
        lambda doc_id, data: unpacked_names(by_id[doc_id], data),
        kept.save_named_mentions,
    )
    return _joined([rows.pop(doc_id) for doc_id in sorted(keys)])


def _joined(rows: list[NamesRow]) -> tuple[list[Mention], list[NameItem]]:
    """The rows' mentions and items, indexed across the pile; each resolved item shows the
    corpus' first spelling of its full name (module docstring)."""
    mentions: list[Mention] = []
    items: list[NameItem] = []
    displays: dict[str, str] = {}
    for row in rows:
        for mention, kept_item in zip(row.mentions, row.items, strict=True):
            key, display, label, fixed, surface, title, evidence = kept_item
            doc_id, index = mention.provenance.doc_id, len(mentions)
            items.append(
                NameItem(index, key, display, label, fixed, doc_id, surface, title, evidence)
            )
            mentions.append(mention)
        for key, display in row.displays:
            displays.setdefault(key, display)
    for item in items:
        if item.key != item.surface:  # a lone surname its document resolved
            item.display = displays[item.key]
    return mentions, items
