"""Per-document analyses in the store, each with its sentences (what ``ask`` retrieves), saved
together so a document's sentences always match its analysis; re-analysis is by version.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from storyline.models import DocumentAnalysis, Figure
from storyline.models.compact import compact
from storyline.models.pile import LAYERS
from storyline.store.analysis_rows import AnalysisRows, analysis_rows
from storyline.store.analysis_spans import analysis_json, read_back
from storyline.store.codec import unpacked
from storyline.store.connection import StoreConnection
from storyline.store.search import SentenceHit
from storyline.store.span_texts import figure_jsons, with_sentence_texts


class AnalysisTables(StoreConnection):
    """The ``analyses`` and ``sentences`` tables."""

    def ids_needing_analysis(self, version: str) -> list[str]:
        rows = self.db.execute(
            "SELECT d.id FROM documents d LEFT JOIN analyses a ON a.doc_id = d.id"
            " WHERE a.version IS NULL OR a.version != ? ORDER BY d.id",
            (version,),
        )
        return [row[0] for row in rows]

    def save_analyses(self, analyses: Iterable[DocumentAnalysis]) -> None:
        """Store analyses (with their digest: ``codec.stored_digest``), their sentences (for
        ``ask``) and their figures (for the figures page) in one transaction; their rows are
        made here from each document's stored clean text (``analysis_rows``)."""
        with self.transaction() as db:
            for analysis in analyses:
                found = db.execute(
                    "SELECT clean_text FROM documents WHERE id = ?", (analysis.doc_id,)
                ).fetchone()
                clean = unpacked(found[0]) if found else ""
                _insert(db, analysis_rows(analysis, clean))

    def save_analysis_rows(self, rows: Iterable[AnalysisRows]) -> None:
        """Store analyses whose rows were made already (``analysis_rows``, by the process that
        analysed them) in one transaction: what ``save_analyses`` writes, and nothing else is
        done here."""
        with self.transaction() as db:
            for analysis in rows:
                _insert(db, analysis)

    def analyses(self, ids: Sequence[str] | None = None) -> list[DocumentAnalysis]:
        if ids is None:
            rows = self.db.execute(f"{_WITH_TEXT} ORDER BY a.doc_id")
        else:
            marks = ",".join("?" * len(ids))
            rows = self.db.execute(
                f"{_WITH_TEXT} WHERE a.doc_id IN ({marks}) ORDER BY a.doc_id", list(ids)
            )
        return [_loaded(analysis_json(data, clean)) for data, clean in rows]

    def iter_analyses(self) -> Iterator[DocumentAnalysis]:
        """Every analysis, one at a time in document order (the cursor streams)."""
        for data, clean in self.db.execute(f"{_WITH_TEXT} ORDER BY a.doc_id"):
            yield _loaded(analysis_json(data, clean))

    def analysis_figures(self) -> Iterator[Figure]:
        """Every stored analysis's figures, in document id order and each analysis's own order
        (the pile's), read from the ``figures`` table instead of the analyses: the figure stage
        needs no other layer, and inflating every whole analysis to cut them out was half its
        time. The table is written with each analysis (``save_analyses``: its earlier rows
        deleted, its figures inserted in order) and goes with its document, so it holds the
        stored analyses' figures; rows of one document follow their insertion (rowid). Only
        documents with an analysis count: a revised document's analysis is dropped until it
        is analysed again (``revise_documents``), and its old figures with it."""
        rows = self.db.execute(
            "SELECT doc_id, data FROM figures WHERE doc_id IN (SELECT doc_id FROM analyses)"
            " ORDER BY doc_id, rowid"
        )
        while chunk := rows.fetchmany(2000):  # a document's sentences cut from one inflation
            for data in figure_jsons(self.db, chunk):
                yield Figure.model_validate_json(data)

    def analysis_pile(self) -> StoredAnalyses:
        """The stored analyses as the cross-document stages read them (``StoredAnalyses``)."""
        return StoredAnalyses(self)

    def analysis_layers(
        self, layers: Collection[str], ids: Sequence[str] | None = None, compacted: bool = True
    ) -> Iterator[DocumentAnalysis]:
        """Every analysis (or those of ``ids``) in document order, one at a time, holding only
        ``layers``: SQLite removes the others from the stored JSON (``json_remove`` keeps the
        rest's numbers and strings as stored), so Python parses only them.
        What the cross-document stages read (``models/pile.py``). ``compacted``: as
        ``models.compact`` holds them, for a reader that keeps them."""
        names = sorted(set(layers))
        unknown = set(names) - LAYERS
        if unknown:
            raise ValueError(f"no such analysis layers: {sorted(unknown)}")
        # the stored JSON is deflated (store/codec.py): inflated once per row, and the layers
        # not asked for removed from it in SQL, so Python parses only the asked ones
        dropped = "".join(f", '$.{name}'" for name in sorted(LAYERS - set(names)))
        where, params = "", []
        if ids is not None:
            where, params = f" WHERE a.doc_id IN ({','.join('?' * len(ids))})", list(ids)
        # and the sentences put back (analysis_spans) in what is left: fewer to put back
        sql = (
            f"SELECT json_remove(unpacked(a.data){dropped}), a.data, d.clean_text FROM analyses a"
            f" LEFT JOIN documents d ON d.id = a.doc_id{where} ORDER BY a.doc_id"
        )
        for text, data, clean in self.db.execute(sql, params):
            analysis = DocumentAnalysis.model_validate_json(read_back(text, data, clean))
            yield compact(analysis) if compacted else analysis

    def count_sentences(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM sentences").fetchone()[0]

    def sentences_at(self, keys: Sequence[tuple[str, int]]) -> list[SentenceHit]:
        """The stored sentences starting at (doc id, offset), in the order asked; score 0.
        One query for all (``ask`` asks for a few dozen at a time); where two sentences
        start at one offset, the first."""
        asked = list(dict.fromkeys(keys))
        if not asked:
            return []
        rows = self.db.execute(
            "WITH wanted(doc_id, start) AS (SELECT json_extract(value, '$[0]'),"
            " json_extract(value, '$[1]') FROM json_each(?))"
            " SELECT s.doc_id, s.idx, s.start, s.end, s.text"
            " FROM wanted w CROSS JOIN sentences s ON s.doc_id = w.doc_id AND s.start = w.start"
            " ORDER BY s.idx DESC",
            (json.dumps(asked),),
        ).fetchall()
        # a sentence kept as its span is cut here, each document's text inflated once
        texts = with_sentence_texts(
            self.db, [(d, start, end, text) for d, _, start, end, text in rows]
        )
        found = {
            (d, start): (d, i, start, end, text)
            for (d, i, start, end, _), text in zip(rows, texts, strict=True)
            if text is not None  # always: a sentence goes with its document (foreign key)
        }
        # ordered by index from the last: a key's first sentence is the one kept
        return [SentenceHit(*found[key], 0.0) for key in asked if key in found]


@dataclass(frozen=True)
class StoredAnalyses:
    """The store's analyses as a pile (``models.pile.AnalysisPile``): each read streams the
    layers asked for from SQLite, ``chunk`` documents a query when read by id, so a stage holds
    one analysis at a time, not the pile. ``read`` compacts what it yields (its readers gather
    a layer of every document: the mentions the entities stage canonicalises, the event
    mentions merged into events); ``of`` does not (its readers use a document's analysis and
    drop it, and compacting costs about as much as half the parse)."""

    tables: AnalysisTables
    chunk: int = 64  # a few MB of analyses as they are parsed (not compacted)

    def read(self, layers: Collection[str]) -> Iterator[DocumentAnalysis]:
        return self.tables.analysis_layers(layers)

    def of(self, ids: Sequence[str], layers: Collection[str]) -> Iterator[DocumentAnalysis | None]:
        found: dict[str, DocumentAnalysis] = {}
        for start in range(0, len(ids), self.chunk):
            chunk = ids[start : start + self.chunk]
            found.clear()  # the last chunk goes before the next is read: one chunk held
            found.update((a.doc_id, a) for a in self.tables.analysis_layers(layers, chunk, False))
            yield from (found.get(doc_id) for doc_id in chunk)


def _insert(db: sqlite3.Connection, rows: AnalysisRows) -> None:
    """Write one analysis's rows in place of its earlier ones (inside the caller's
    transaction), in one order, so the sentences' rowids (and the search index's) follow the
    order the analyses are saved in."""
    doc_id = rows.doc_id
    db.execute("DELETE FROM sentences WHERE doc_id = ?", (doc_id,))
    db.execute(
        "INSERT OR REPLACE INTO analyses (doc_id, version, data, digest) VALUES (?,?,?,?)",
        (doc_id, rows.version, rows.data, rows.digest),
    )
    db.executemany(
        "INSERT INTO sentences (doc_id, idx, start, end, text) VALUES (?,?,?,?,?)", rows.sentences
    )
    db.execute("DELETE FROM timexes WHERE doc_id = ?", (doc_id,))
    db.executemany(
        "INSERT INTO timexes (doc_id, sentence_start, position, data) VALUES (?,?,?,?)",
        rows.timexes,
    )
    db.execute("DELETE FROM figures WHERE doc_id = ?", (doc_id,))
    db.executemany(
        "INSERT OR REPLACE INTO figures (id, doc_id, data, sentence_start, head)"
        " VALUES (?,?,?,?,?)",
        rows.figures,
    )


#: A stored analysis with its document's stored clean text, which its sentences are read from
#: (``analysis_spans``).
_WITH_TEXT = "SELECT a.data, d.clean_text FROM analyses a LEFT JOIN documents d ON d.id = a.doc_id"


def _loaded(data: str) -> DocumentAnalysis:
    """A stored analysis's JSON, compacted: a reader of whole analyses may hold many at once."""
    return compact(DocumentAnalysis.model_validate_json(data))
