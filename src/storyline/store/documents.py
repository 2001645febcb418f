"""Documents in the store: upserted by content hash, so re-ingesting an article is a no-op and
an article that changed replaces its old version; read back whole, by id, as listing rows, or
without their raw text for the cross-document stages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from storyline.errors import StoreError
from storyline.models import Block, Document
from storyline.models.compact import compact
from storyline.store.codec import SAME_AS_CLEAN, packed, packed_against, unpacked, unpacked_against
from storyline.store.connection import StoreConnection
from storyline.store.span_texts import written_out

#: A document's raw text as SQL reads it (``codec.document_raw_text``): an empty BLOB
#: (``SAME_AS_CLEAN``) where it is the clean text (a text file, a JSON record: no markup or
#: boilerplate to remove), so the text is held once (issue 18, the store on disk). Both texts
#: are otherwise deflated (``text_schema``), the raw text with the clean text as its preset
#: dictionary (``codec.packed_against``): a deflated text is never empty, so the empty BLOB
#: stays the marker; a TEXT row (a store written before, or by SQL) reads as written. SQL
#: reads the clean text through ``document_text``.
RAW_TEXT = "document_raw_text(raw_text, clean_text)"
_DOC_COLUMNS = "id, source, raw_text, clean_text, data"


def stored_texts(raw: str, clean: str) -> tuple[bytes, bytes]:
    """A document's raw and clean texts as ``documents`` keeps them."""
    return (SAME_AS_CLEAN if raw == clean else packed_against(raw, clean)), packed(clean)


def stored_fields(doc: Document) -> bytes:
    """A document's other fields (``documents.data``): its JSON without the texts, deflated
    with the ``document`` dictionary (``codec.DICTIONARIES``); SQL reads it through
    ``unpacked``, as the other JSON columns."""
    return packed(doc.model_dump_json(exclude={"raw_text", "text"}), "document")


def read_texts(raw: str | bytes, clean: str | bytes) -> tuple[str, str]:
    """A document's raw and clean texts from their stored values (``stored_texts``)."""
    clean_text = unpacked(clean)
    return (clean_text if raw == SAME_AS_CLEAN else unpacked_against(raw, clean_text)), clean_text


@dataclass(frozen=True)
class CitedDocument:
    """What a question shows of a document it cites: its title and date, and its blocks (a
    heading or question block is never an answer). Read from the stored fields alone, so
    answering never inflates a clean text it does not show (``DocumentTable.cited_documents``);
    a reader of the text reads a ``Document``."""

    id: str
    title: str | None
    published: str | None
    blocks: tuple[Block, ...]


@dataclass
class AddResult:
    """What ``add_documents`` did with each document, by id."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)  # incoming source → stored id


class DocumentTable(StoreConnection):
    """The ``documents`` table (its FTS index follows by trigger)."""

    def add_documents(self, docs: Iterable[Document]) -> AddResult:
        """Upsert documents in one transaction (see ``AddResult`` for what happens to each)."""
        result = AddResult()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction() as db:
            for doc in docs:
                same_text = db.execute(
                    "SELECT id, source FROM documents WHERE content_hash = ?", (doc.content_hash,)
                ).fetchone()
                if same_text:
                    # unchanged: the same input again; the same text from another input (or
                    # another record of one file) is a duplicate, even under the same id
                    if same_text[0] == doc.id and same_text[1] == doc.source:
                        result.unchanged.append(doc.id)
                    else:
                        result.duplicates[doc.source] = same_text[0]
                    continue
                same_id = db.execute(
                    "SELECT source FROM documents WHERE id = ?", (doc.id,)
                ).fetchone()
                if same_id and same_id[0] == doc.source:
                    db.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
                    self._insert(doc, now)
                    result.updated.append(doc.id)
                    continue
                if same_id:  # another input with the same stem: keep both, disambiguated
                    doc = doc.model_copy(update={"id": self._free_id(doc)})
                self._insert(doc, now)
                result.added.append(doc.id)
        return result

    def revise_documents(self, docs: Iterable[Document]) -> int:
        """Write revised versions of stored documents (same id, same re-ingest key: a pile
        stage changed their clean text); their analyses and sentences go, so the next analysis
        pass redoes them. Returns how many were written."""
        written = 0
        with self.transaction() as db:
            for doc in docs:
                found = db.execute(
                    "SELECT raw_text, clean_text FROM documents WHERE id = ?", (doc.id,)
                ).fetchone()
                if found is None:
                    continue
                # the raw text stays what it was: written out where it was the old clean text
                raw, clean = stored_texts(read_texts(*found)[0], doc.text)
                written_out(db, doc.id)  # its figures' sentences, cut from the old clean text
                data = stored_fields(doc)
                cursor = db.execute(
                    "UPDATE documents SET raw_text = ?1, title = ?2, clean_text = ?3, data = ?4"
                    " WHERE id = ?5",
                    (raw, doc.title, clean, data, doc.id),
                )
                if cursor.rowcount:
                    db.execute("DELETE FROM sentences WHERE doc_id = ?", (doc.id,))
                    db.execute("DELETE FROM analyses WHERE doc_id = ?", (doc.id,))
                    written += 1
        return written

    def _free_id(self, doc: Document) -> str:
        for length in range(6, len(doc.content_hash) + 1):
            candidate = f"{doc.id}-{doc.content_hash[:length]}"
            if not self.db.execute("SELECT 1 FROM documents WHERE id = ?", (candidate,)).fetchone():
                return candidate
        raise StoreError(f"cannot find a free id for {doc.source}")  # needs a hash collision

    def _insert(self, doc: Document, now: str) -> None:
        data = stored_fields(doc)
        self.db.execute(
            "INSERT INTO documents (id, content_hash, source, source_kind, title, published,"
            " raw_text, clean_text, data, added_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                doc.id,
                doc.content_hash,
                doc.source,
                doc.source_kind,
                doc.title,
                doc.published,
                *stored_texts(doc.raw_text, doc.text),
                data,
                now,
            ),
        )

    def documents(self, ids: Sequence[str] | None = None, compacted: bool = True) -> list[Document]:
        """Stored documents in id order (all of them, or those in ``ids``); ``compacted``: as
        ``models.compact`` holds them, for a reader that keeps many (a reader that drops them
        at once saves what that costs: more than parsing them). A reader of the fields alone
        reads ``cited_documents``."""
        return list(self.iter_documents(ids, compacted))

    def iter_documents(
        self, ids: Sequence[str] | None = None, compacted: bool = True
    ) -> Iterator[Document]:
        if ids is None:
            rows = self.db.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY id")
        else:
            marks = ",".join("?" * len(ids))
            rows = self.db.execute(
                f"SELECT {_DOC_COLUMNS} FROM documents WHERE id IN ({marks}) ORDER BY id",
                list(ids),
            )
        for _id, _source, raw, clean, data in rows:
            raw_text, text = read_texts(raw, clean)
            document = Document.model_validate(
                {**json.loads(unpacked(data)), "raw_text": raw_text, "text": text}
            )
            yield compact(document) if compacted else document

    def cited_documents(self, ids: Sequence[str]) -> dict[str, CitedDocument]:
        """The documents in ``ids`` as a question cites them (``CitedDocument``), by id: their
        fields only, from ``documents.data`` (as ``documents`` reads them, so the title and
        date are the same). Neither text is read: inflating and validating a question's
        hundred cited documents whole was about a sixth of what answering cost (issue 18)."""
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(f"SELECT id, data FROM documents WHERE id IN ({marks})", list(ids))
        out: dict[str, CitedDocument] = {}
        for doc_id, data in rows:
            fields = json.loads(unpacked(data))
            blocks = tuple(Block.model_validate(b) for b in fields.get("blocks", ()))
            published = fields.get("published")
            out[doc_id] = CitedDocument(doc_id, fields.get("title"), published, blocks)
        return out

    def corpus_documents(self) -> list[Document]:
        """Every stored document in id order, its raw text left in the store and only its
        length kept (``Document.without_raw_text``): what the cross-document stages need. An
        HTML page's raw text is several times its clean text, and they hold every document at
        once. The raw text is inflated to be measured, one document at a time."""
        rows = self.db.execute("SELECT raw_text, clean_text, data FROM documents ORDER BY id")
        out: list[Document] = []
        for raw, clean, data in rows:
            raw_text, text = read_texts(raw, clean)
            fields = {**json.loads(unpacked(data)), "text": text}
            out.append(compact(Document.without_raw_text(fields, len(raw_text))))
        return out

    def document(self, doc_id: str) -> Document | None:
        found = self.documents([doc_id])
        return found[0] if found else None

    def id_for_content(self, content_hash: str) -> str | None:
        """The id of the stored document with this content hash, if any."""
        row = self.db.execute(
            "SELECT id FROM documents WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row[0] if row else None

    def document_ids(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT id FROM documents ORDER BY id")]

    def count_documents(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def document_headers(self) -> list[dict[str, object]]:
        """Every document's listing fields and the first 200 characters of its clean text."""
        rows = self.db.execute(
            "SELECT doc_id, title, published, source, source_kind, url, date_source, chars,"
            " added_at, lead FROM document_listing ORDER BY doc_id"
        )
        keys = ("id", "title", "published", "source", "source_kind", "url", "date_source")
        return [
            {
                **dict(zip(keys, row[:7], strict=True)),
                "chars": row[7],
                "added_at": row[8],
                "lead": row[9],
            }
            for row in rows
        ]
