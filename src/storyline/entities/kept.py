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

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Protocol

from pydantic import BaseModel

from storyline.entities.canon import document_items
from storyline.entities.name_items import NameItem
from storyline.models import Document, Mention
from storyline.models.language import EntityType
from storyline.models.pile import AnalysisPile
from storyline.version import code_fingerprint

SAVE_CHUNK = 500  # rows made before they are written to the store (bounds what is held)


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


def names_key(document: Document, analysis_digest: bytes) -> bytes:
    """The key a document's row is kept under: changes with its analysis, its text (the
    sentences left out are read from it) or the code and its tables."""
    digest = hashlib.blake2b(code_fingerprint().encode(), digest_size=16)
    digest.update(b"\x00" + analysis_digest + b"\x00")
    digest.update(document.text.encode("utf-8", "surrogatepass"))
    return digest.digest()


def packed_names(document: Document, mentions: Sequence[Mention]) -> str:
    """A document's row as kept (JSON), from its analysis's mentions."""
    items, displays = document_items(mentions)
    own = [i for i, m in enumerate(mentions) if _is_own_sentence(document, m)]
    left_out = set(own)
    kept = [
        m.model_copy(update={"provenance": m.provenance.model_copy(update={"sentence": ""})})
        if i in left_out
        else m
        for i, m in enumerate(mentions)
    ]
    row = NamesRow(
        mentions=kept,
        items=[(i.key, i.display, i.label, i.fixed, i.surface, i.title, i.evidence) for i in items],
        displays=list(displays.items()),
        own_sentences=own,
    )
    return row.model_dump_json()


def unpacked_names(document: Document, data: str) -> NamesRow:
    """``packed_names`` read back: the row, its sentences restored from ``document``'s text
    (one string per sentence, shared by its mentions)."""
    row = NamesRow.model_validate_json(data)
    sentences: dict[tuple[int, int], str] = {}
    for index in row.own_sentences:
        where = row.mentions[index].provenance
        span = (where.sentence_start, where.sentence_end)
        if span not in sentences:
            sentences[span] = document.text[span[0] : span[1]]
        where.sentence = sentences[span]
    return row


def _is_own_sentence(document: Document, mention: Mention) -> bool:
    where = mention.provenance
    return document.text[where.sentence_start : where.sentence_end] == where.sentence


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
    rows = {
        doc_id: unpacked_names(by_id[doc_id], data) for doc_id, data in kept.named_mentions(keys)
    }
    missing = [doc_id for doc_id in sorted(keys) if doc_id not in rows]
    made: list[tuple[str, bytes, str]] = []
    for doc_id, analysis in zip(missing, analyses.of(missing, ("mentions",)), strict=True):
        data = packed_names(by_id[doc_id], analysis.mentions if analysis else [])
        rows[doc_id] = unpacked_names(by_id[doc_id], data)  # as a later build reads it
        made.append((doc_id, keys[doc_id], data))
        if len(made) >= SAVE_CHUNK:
            kept.save_named_mentions(made)
            made = []
    if made:
        kept.save_named_mentions(made)
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
