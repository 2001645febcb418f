"""Every candidate of the pile as columns of integers and floats, not as Python objects.

The corpus summary chooses from every document's candidates, so the summary stage held each of
them (a ``Candidate``, its content words, its concepts as a dict) until the end of the build:
the largest holder left in the cross-document stages (issue 18). The greedy needs of most of them
only their first gain, an upper bound it never improves unless it pops them, and a popped or
cited candidate is a few fields over its document's text, which the build holds anyway. So each
candidate is a row of flat arrays (``array.array``: a few bytes a field), its content words and
its concepts are integer ids into one vocabulary each (CSR: one offset a row), its display
and sentence texts are kept only where they are not spans of the document's text (one string
for all of them, with offsets), and ``candidate`` makes the ``Candidate`` back, equal to the one
the row was made from, for the few rows a summary reads whole.

The concepts a candidate covers but its content words (``ConceptIndex.own_concepts``) and the
factor on its gain are added once for every row (``add_told``), in row order, after every row is
known: some of them come back from the kept story summaries (``kept_stories``), and the rest are
worked out from the row's fields alone (``Place``).
"""

from __future__ import annotations

import io
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.models import Document
from storyline.summary.candidates import Candidate


class Vocabulary:
    """Strings ↔ dense integer ids, one entry per distinct string: an id is the string's place
    in the dictionary's order, so the dictionary alone holds them (``words`` is made from it
    when asked)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self._words: list[str] = []

    def id_of(self, word: str) -> int:
        ids = self.ids
        return ids.setdefault(word, len(ids))

    def ids_of(self, words: Iterable[str]) -> list[int]:
        ids = self.ids
        setdefault = ids.setdefault
        return [setdefault(word, len(ids)) for word in words]

    @property
    def words(self) -> list[str]:
        """Each id's string (id → string)."""
        if len(self._words) != len(self.ids):
            self._words = list(self.ids)
        return self._words


@dataclass(slots=True)
class Place:
    """What ``ConceptIndex.own_concepts`` and ``multiplier`` read of a candidate (its document,
    sentence and kept span, its place in the document, length, filler and opening anaphor),
    made from a row without its texts or words."""

    doc_id: str
    index: int
    sentence_start: int
    start: int
    end: int
    words: int
    filler: float
    anaphoric: bool


class CandidateColumns:
    """Every candidate of the pile, row by row (module docstring). ``ranges`` gives each document
    with an analysis the rows of its candidates (possibly none), in the document's order; the
    rows of the pile are in the order documents were added."""

    def __init__(self, documents: Mapping[str, Document]) -> None:
        self._documents = documents  # their clean texts are the candidates' (held anyway)
        self.ranges: dict[str, tuple[int, int]] = {}
        self.terms = Vocabulary()
        self.concepts = Vocabulary()
        self._doc_ids: list[str] = []
        self._doc = array("i")
        self._ints = {name: array("i") for name in _INT_FIELDS}
        self._flags = array("b")  # bit 0: trimmed, bit 1: anaphoric
        self._filler = array("d")
        self._said = array("I")
        self._term_offsets = array("q", [0])
        self._term_ids = array("i")
        self._extra = io.StringIO()
        self._extra_size = 0
        #: (start, end) in ``extra`` of the display text and the sentence text, -1 for none
        self._shown = array("q")
        self._told = array("q")
        self._extra_text = ""
        # the concepts but content words and the gain factor of each row (``add_told``)
        self.factor = array("d")
        self._own_offsets = array("q", [0])
        self._own_ids = array("i")
        self._own_degrees = array("d")
        self._known_told: dict[str, tuple[array, array, array, array]] = {}
        self.told_done = False

    def __len__(self) -> int:
        return len(self._doc)

    # -- the rows ---------------------------------------------------------------------------
    def add_document(self, doc_id: str, found: Iterable[Candidate]) -> None:
        """Add a document's candidates as rows (a document is added once)."""
        self.add_packed(doc_id, (packed_fields(c) for c in found))

    def add_packed(self, doc_id: str, rows: Iterable[Sequence]) -> None:
        """Add a document's candidates from their fields as ``kept.packed_candidates`` lists
        them (a kept row's lists: read back without making a ``Candidate`` of each)."""
        lo = len(self._doc)
        number = len(self._doc_ids)
        self._doc_ids.append(doc_id)
        ints = [self._ints[name].append for name in _INT_FIELDS]
        index_, sentence_start, sentence_end, start_, end_, words_ = ints
        ids_of, term_ids = self.terms.ids_of, self._term_ids
        shown_, told_ = self._shown.extend, self._told.extend
        for (
            index,
            sentence_start_at,
            sentence_end_at,
            start,
            end,
            trimmed,
            words,
            filler,
            anaphoric,
            terms,
            shown,
            told,
            said,
        ) in rows:
            self._doc.append(number)
            index_(index)
            sentence_start(sentence_start_at)
            sentence_end(sentence_end_at)
            start_(start)
            end_(end)
            words_(words)
            self._flags.append(int(bool(trimmed)) | int(bool(anaphoric)) << 1)
            self._filler.append(filler)
            self._said.append(said)
            term_ids.extend(ids_of(terms))
            self._term_offsets.append(len(term_ids))
            shown_(self._kept_text(shown))
            told_(self._kept_text(told))
        self.ranges[doc_id] = (lo, len(self._doc))

    def _kept_text(self, text: str | None) -> tuple[int, int]:
        if text is None:
            return (-1, -1)
        start = self._extra_size
        self._extra.write(text)
        self._extra_size += len(text)
        return (start, self._extra_size)

    def _text(self, spans: array, row: int) -> str | None:
        start, end = spans[2 * row], spans[2 * row + 1]
        if start < 0:
            return None
        if len(self._extra_text) != self._extra_size:  # written since last read
            self._extra_text = self._extra.getvalue()
        return self._extra_text[start:end]

    def doc_id(self, row: int) -> str:
        return self._doc_ids[self._doc[row]]

    def term_ids(self, row: int) -> array:
        return self._term_ids[self._term_offsets[row] : self._term_offsets[row + 1]]

    def sentence_starts(self, doc_id: str) -> list[int]:
        """The sentence starts of a document's candidates, in row order."""
        lo, hi = self.ranges.get(doc_id, (0, 0))
        return list(self._ints["sentence_start"][lo:hi])

    def said(self, row: int) -> int:
        return self._said[row]

    def candidate(self, row: int) -> Candidate:
        """The ``Candidate`` the row was made from (an equal one)."""
        ints, flags, doc_id = self._ints, self._flags[row], self.doc_id(row)
        words = self.terms.words
        return Candidate(
            doc_id,
            ints["index"][row],
            ints["sentence_start"][row],
            ints["sentence_end"][row],
            ints["start"][row],
            ints["end"][row],
            bool(flags & 1),
            ints["words"][row],
            tuple(words[t] for t in self.term_ids(row)),
            self._filler[row],
            bool(flags & 2),
            self._documents[doc_id].text,
            self._text(self._shown, row),
            self._text(self._told, row),
            self._said[row],
        )

    def place(self, row: int) -> Place:
        ints = self._ints
        return Place(
            self.doc_id(row),
            ints["index"][row],
            ints["sentence_start"][row],
            ints["start"][row],
            ints["end"][row],
            ints["words"][row],
            self._filler[row],
            bool(self._flags[row] & 2),
        )

    # -- what each row tells ----------------------------------------------------------------
    def add_told(self, own: dict[str, float] | Sequence[tuple[str, float]], factor: float) -> None:
        """The next row's concepts but its content words (in their order) and gain factor."""
        items = own.items() if isinstance(own, dict) else own
        concept_id = self.concepts.id_of
        for concept, degree in items:
            self._own_ids.append(concept_id(concept))
            self._own_degrees.append(degree)
        self._own_offsets.append(len(self._own_ids))
        self.factor.append(factor)

    def keep_told(self, doc_id: str, found: Sequence[tuple[float, Sequence[Sequence]]]) -> None:
        """A document's rows' (factor, concepts) known already (kept with a story summary,
        ``kept_stories``), held compact until ``finish_told`` adds them in row order."""
        factors, counts, ids, degrees = array("d"), array("i"), array("i"), array("d")
        for factor, concepts in found:
            factors.append(factor)
            counts.append(len(concepts))
            for concept, degree in concepts:
                ids.append(self.concepts.id_of(concept))
                degrees.append(degree)
        self._known_told[doc_id] = (factors, counts, ids, degrees)

    def finish_told(self, work_out: Callable[[Place], tuple[dict[str, float], float]]) -> None:
        """Every row's concepts but its content words and gain factor (``add_told``), in row
        order: those kept (``keep_told``) as they were, the rest worked out from the row's
        ``Place``. Once: a second call does nothing."""
        if self.told_done:
            return
        for doc_id in self._doc_ids:
            lo, hi = self.ranges[doc_id]
            known = self._known_told.pop(doc_id, None)
            if known is None:
                for row in range(lo, hi):
                    self.add_told(*work_out(self.place(row)))
                continue
            factors, counts, ids, degrees = known
            if len(factors) != hi - lo:
                raise ValueError(f"{doc_id}: {len(factors)} kept concepts for {hi - lo} rows")
            self._own_ids.extend(ids)
            self._own_degrees.extend(degrees)
            for count in counts:
                self._own_offsets.append(self._own_offsets[-1] + count)
            self.factor.extend(factors)
        self._known_told.clear()
        self.told_done = True

    def own(self, row: int) -> dict[str, float]:
        """The row's concepts but its content words, as ``own_concepts`` made them."""
        lo, hi = self._own_offsets[row], self._own_offsets[row + 1]
        words = self.concepts.words
        degrees = self._own_degrees[lo:hi]
        return dict(zip((words[i] for i in self._own_ids[lo:hi]), degrees, strict=True))

    def arrays(self) -> Arrays:
        """The columns the first gains are summed from, as numpy views (no copies)."""
        return Arrays(
            doc=np.frombuffer(self._doc, dtype=np.int32),
            said=np.frombuffer(self._said, dtype=np.uint32),
            factor=np.frombuffer(self.factor, dtype=np.float64),
            term_offsets=np.frombuffer(self._term_offsets, dtype=np.int64),
            term_ids=np.frombuffer(self._term_ids, dtype=np.int32),
            own_offsets=np.frombuffer(self._own_offsets, dtype=np.int64),
            own_ids=np.frombuffer(self._own_ids, dtype=np.int32),
            own_degrees=np.frombuffer(self._own_degrees, dtype=np.float64),
        )


@dataclass(frozen=True)
class Arrays:
    """``CandidateColumns``' numeric columns as numpy arrays (read-only views)."""

    doc: np.ndarray
    said: np.ndarray
    factor: np.ndarray
    term_offsets: np.ndarray
    term_ids: np.ndarray
    own_offsets: np.ndarray
    own_ids: np.ndarray
    own_degrees: np.ndarray


_INT_FIELDS = ("index", "sentence_start", "sentence_end", "start", "end", "words")


def packed_fields(c: Candidate) -> list:
    """A candidate's fields but its document and text, in the order a kept row lists them
    (``kept.packed_candidates``)."""
    return [
        c.index,
        c.sentence_start,
        c.sentence_end,
        c.start,
        c.end,
        int(c.trimmed),
        c.words,
        c.filler,
        int(c.anaphoric),
        list(c.terms),
        c.shown,
        c.told,
        c.said,
    ]
