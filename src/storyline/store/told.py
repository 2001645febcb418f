"""What a sentence tells, read by the sentence: the time expressions and figures ``ask`` looks
at in the sentences it retrieved (issue 19, the web app under load).

A question retrieves about a hundred sentences of as many documents, and scoring them reads
only the time expressions and figures told in those sentences. Picking those out of each
document's whole analysis (about 29 KB of deflated JSON, inflated and parsed by SQLite) was most
of what answering cost. So each time expression is also a row of its own under its document and
sentence (``timexes``, written with the analysis), and the figures, already rows of their own
(``figures``, for the figures page), hold their sentence's start, indexed with their document
(schema migration 20). A time expression's row leaves out what its key and the sentence index
already hold (its provenance's document id, and its sentence where that is the stored sentence
starting there) and is deflated with a preset dictionary (``codec.DICTIONARIES["timex"]``): about 65
bytes of a time expression's 400 in its analysis's JSON.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from storyline.models import DocumentAnalysis, Figure, Timex
from storyline.store.codec import packed, unpacked
from storyline.store.connection import StoreConnection
from storyline.store.span_texts import figure_jsons_and_spans

#: A ``timexes`` row: document id, sentence start, place in the analysis, data.
TimexRow = tuple[str, int, int, bytes]


def timex_rows(analysis: DocumentAnalysis) -> Iterator[TimexRow]:
    """The ``timexes`` rows of an analysis."""
    sentences: dict[int, str] = {}
    for sentence in analysis.sentences:
        sentences.setdefault(sentence.start, sentence.text)  # the first, as ``told_at`` reads
    for position, timex in enumerate(analysis.timexes):
        p = timex.provenance
        left_out = {"doc_id"} if p.doc_id == analysis.doc_id else set()
        if sentences.get(p.sentence_start) == p.sentence:
            left_out.add("sentence")
        data = timex.model_dump_json(exclude={"provenance": left_out})
        yield (analysis.doc_id, p.sentence_start, position, packed(data, "timex"))


class ToldTable(StoreConnection):
    """The time expressions and figures told in given sentences."""

    def told_at(self, keys: Sequence[tuple[str, int]]) -> dict[str, DocumentAnalysis]:
        """The time expressions and figures told in these sentences (doc id, sentence start),
        by document, in their analysis order, as analyses that hold nothing else (see the
        module docstring). Only documents with a stored analysis count (a revised document's
        rows wait for its next analysis)."""
        wanted = json.dumps(sorted(set(keys)))
        versions: dict[str, str] = {}
        timexes: dict[str, list[Timex]] = defaultdict(list)
        figures: dict[str, list[Figure]] = defaultdict(list)
        rows = self.db.execute(_TIMEXES_AT, (wanted,)).fetchall()
        items = [json.loads(unpacked(data)) for _, _, data, *_ in rows]
        # a row that left its sentence out reads it from the sentence index: cut from its
        # document's text where that keeps it as a span, as the figures' sentences are, each
        # document inflated once for both
        unsaid = [n for n, item in enumerate(items) if "sentence" not in item["provenance"]]
        stored = [rows[n][3:] for n in unsaid]  # (doc id, start, end, text or null)
        found = self.db.execute(_FIGURES_AT, (wanted,)).fetchall()
        jsons, cut = figure_jsons_and_spans(
            self.db,
            [(doc_id, data) for doc_id, _, data in found],
            [(d, s, e) if t is None and d is not None else None for d, s, e, t in stored],
        )
        spans = [t if t is not None else c for (*_, t), c in zip(stored, cut, strict=True)]
        sentences: dict[int, str | None] = dict(zip(unsaid, spans, strict=True))
        for n, (doc_id, version, *_) in enumerate(rows):
            versions[doc_id] = version
            item = _whole(items[n], doc_id, sentences.get(n))
            timexes[doc_id].append(Timex.model_validate(item))
        for (doc_id, version, _), data in zip(found, jsons, strict=True):
            versions[doc_id] = version
            figures[doc_id].append(Figure.model_validate_json(data))
        return {
            doc_id: DocumentAnalysis(
                doc_id=doc_id,
                version=versions[doc_id],
                timexes=timexes.get(doc_id, []),
                figures=figures.get(doc_id, []),
            )
            for doc_id in sorted(versions)
        }


def _whole(item: dict[str, Any], doc_id: str, span: str | None) -> dict[str, Any]:
    """A time expression's JSON with what its row left out put back."""
    provenance = item["provenance"]
    provenance.setdefault("doc_id", doc_id)
    provenance.setdefault("sentence", span)
    return item


_WANTED = """
    WITH wanted(doc_id, start) AS (
        SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)
    )
"""

# The rows of the wanted sentences, in analysis order, with the first sentence starting there
# (doc id, start, end, its text or null where it is its span of the document's text). The
# sentence is joined from the index's table (``text_schema.MIGRATION_28``), whose document is
# the time expression's: the view ``sentences`` on the right of a LEFT JOIN is materialised.
_TIMEXES_AT = f"""{_WANTED}
    SELECT t.doc_id, a.version, t.data, iif(s.rowid IS NULL, NULL, t.doc_id), s.start, s.end,
        s.text
    FROM wanted w
    CROSS JOIN timexes t ON t.doc_id = w.doc_id AND t.sentence_start = w.start
    JOIN analyses a ON a.doc_id = t.doc_id
    LEFT JOIN sentence_spans s ON s.rowid = (SELECT s2.rowid FROM sentences s2
        WHERE s2.doc_id = t.doc_id AND s2.start = t.sentence_start ORDER BY s2.idx LIMIT 1)
    ORDER BY t.doc_id, t.position
"""

# The figures told in the wanted sentences, in analysis order (a document's rows are written in
# its analysis's order: ``save_analyses``).
_FIGURES_AT = f"""{_WANTED}
    SELECT f.doc_id, a.version, f.data
    FROM wanted w
    CROSS JOIN figures f ON f.doc_id = w.doc_id AND f.sentence_start = w.start
    JOIN analyses a ON a.doc_id = f.doc_id
    ORDER BY f.doc_id, f.rowid
"""
