"""What every per-document product kept between builds shares (issue 18, incremental builds).

A kept row (``entities.kept``'s named mentions, ``pipeline.kept_resolved``' event mentions, the
stories' clustering rows) is found under a key that is a digest of what it depends on, read back
where the key still matches and made for the rest, which are written to the store a chunk at a
time so a build never holds every new row (``read_or_make``, ``ChunkedRows``). Rows of a
document's mentions depend on its stored analysis, its text and the code (``analysis_key``), and
leave out each evidence sentence that is its span of the document's text, restoring it when read
(``without_own_sentences``, ``restore_own_sentences``): almost every sentence is, and the text
is in the store already.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Protocol, TypeVar

from storyline.models.document import Document
from storyline.models.provenance import Provenance
from storyline.version import code_fingerprint

#: Rows made before they are written to the store (bounds what is held).
SAVE_CHUNK = 500

#: A kept row as the store takes it: (document id, key, JSON).
Row = tuple[str, bytes, str]


class Provenanced(Protocol):
    """A pydantic record with its provenance: a name mention, an event mention."""

    provenance: Provenance

    def model_copy(self, *, update: Mapping[str, object] | None = None, deep: bool = False): ...


P = TypeVar("P", bound=Provenanced)
T = TypeVar("T")


def analysis_key(document: Document, analysis_digest: bytes) -> bytes:
    """The key of a row made from a document's analysis: changes with its stored analysis, its
    text (the sentences left out are read from it) or the code and its tables."""
    digest = hashlib.blake2b(code_fingerprint().encode(), digest_size=16)
    digest.update(b"\x00" + analysis_digest + b"\x00")
    digest.update(document.text.encode("utf-8", "surrogatepass"))
    return digest.digest()


def without_own_sentences(document: Document, records: Sequence[P]) -> tuple[list[P], list[int]]:
    """``records`` as kept, each evidence sentence that is its span of ``document``'s text left
    out (empty), and the indexes of those records."""
    own = [i for i, r in enumerate(records) if _is_own_sentence(document, r.provenance)]
    left_out = set(own)
    kept = [
        r.model_copy(update={"provenance": r.provenance.model_copy(update={"sentence": ""})})
        if i in left_out
        else r
        for i, r in enumerate(records)
    ]
    return kept, own


def restore_own_sentences(
    document: Document, records: Sequence[Provenanced], own: Iterable[int]
) -> None:
    """Put back the sentences ``without_own_sentences`` left out (one string per sentence,
    shared by its records)."""
    sentences: dict[tuple[int, int], str] = {}
    for index in own:
        where = records[index].provenance
        span = (where.sentence_start, where.sentence_end)
        if span not in sentences:
            sentences[span] = document.text[span[0] : span[1]]
        where.sentence = sentences[span]


def _is_own_sentence(document: Document, where: Provenance) -> bool:
    return document.text[where.sentence_start : where.sentence_end] == where.sentence


class ChunkedRows:
    """Rows made once, handed to ``save`` (the store's writer) ``size`` at a time and at
    ``flush``."""

    def __init__(self, save: Callable[[list[Row]], None], size: int = SAVE_CHUNK) -> None:
        self._save = save
        self._size = size
        self._rows: list[Row] = []

    def add(self, row: Row) -> None:
        self._rows.append(row)
        if len(self._rows) >= self._size:
            self.flush()

    def flush(self) -> None:
        if self._rows:
            self._save(self._rows)
            self._rows = []


def read_or_make(
    keys: Mapping[str, bytes],
    stored: Iterator[tuple[str, str]],
    make: Callable[[list[str]], Iterable[tuple[str, str]]],
    unpack: Callable[[str, str], T],
    save: Callable[[list[Row]], None],
) -> dict[str, T]:
    """Each keyed document's row: read back from ``stored`` (the rows found under ``keys``),
    else made by ``make`` (document id → JSON, for the documents not found, in id order) and
    saved. Every row is unpacked from its JSON, so a made row is what a later build reads."""
    rows = {doc_id: unpack(doc_id, data) for doc_id, data in stored}
    missing = [doc_id for doc_id in sorted(keys) if doc_id not in rows]
    saver = ChunkedRows(save)
    for doc_id, data in make(missing):
        rows[doc_id] = unpack(doc_id, data)
        saver.add((doc_id, keys[doc_id], data))
    saver.flush()
    return rows
