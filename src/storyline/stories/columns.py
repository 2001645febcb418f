"""The story features' per-document rows laid out as columns while they are read (issue 18).

A document's row (``document_rows.DocumentRow``) holds its terms, dates and numbers as
Counters: a dict slot, a key pointer and a float object per entry, about 100 bytes, for the few
hundred terms of an article. Holding every row until the pile is weighed (``features``) made
those Counters, with the flat lists the weighting built from them, the stories stage's highest
point. Here each row is taken apart as it arrives and dropped: its keys interned once in the
order the pile first met them (the order the weighting numbers them), each entry stored as a
32-bit key code and a float in typed arrays (12 bytes), and the row as its entry count.

The canonical entities' weighted mentions of each document (which the labels and the story
records read) are laid out the same way, as compressed rows (``EntityRows``), instead of a dict
per document.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import repeat

import numpy as np


class CountColumns:
    """Rows of counts (key → value), each entry as its key's code and its value.

    ``keys`` are the distinct keys in the order the rows first named them, so a key's code is
    the number ``features.fixed_vectors`` gives it; a row's entries keep its own order."""

    def __init__(self) -> None:
        self._code_of: dict[str, int] = {}
        self._codes = array("i")
        self._values = array("d")
        self._lengths = array("q")

    @classmethod
    def of(cls, rows: Iterable[Mapping[str, float]]) -> CountColumns:
        columns = cls()
        for row in rows:
            columns.add(row)
        return columns

    def add(self, row: Mapping[str, float]) -> None:
        """Append ``row`` (its entries in its own order)."""
        code_of = self._code_of
        new = code_of.setdefault
        self._codes.extend([new(key, len(code_of)) for key in row])
        self._values.extend(row.values())
        self._lengths.append(len(row))

    @property
    def keys(self) -> list[str]:
        return list(self._code_of)

    @property
    def codes(self) -> np.ndarray:
        """Each entry's key code (int32), rows one after another."""
        return np.frombuffer(self._codes, dtype=np.int32) if self._codes else _EMPTY_CODES

    @property
    def values(self) -> np.ndarray:
        """Each entry's value (float64), in the order of ``codes``."""
        return np.frombuffer(self._values, dtype=np.float64) if self._values else _EMPTY_VALUES

    @property
    def lengths(self) -> np.ndarray:
        """Each row's number of entries."""
        return np.frombuffer(self._lengths, dtype=np.int64) if self._lengths else _EMPTY_LENGTHS

    def __len__(self) -> int:
        return len(self._lengths)

    def rows_with(self, wanted: Iterable[str]) -> dict[int, frozenset[str]]:
        """Of each row that names any of ``wanted``, which (``named_in_rows``)."""
        code_of = self._code_of
        marked = np.zeros(len(code_of) + 1, dtype=bool)
        marked[[code_of[key] for key in wanted if key in code_of]] = True
        indptr = np.zeros(len(self) + 1, dtype=np.int64)
        np.cumsum(self.lengths, out=indptr[1:])
        return named_in_rows(marked, self.codes, indptr, self.keys)


def named_in_rows(
    marked: np.ndarray, codes: np.ndarray, indptr: np.ndarray, names: Sequence[str]
) -> dict[int, frozenset[str]]:
    """Of each compressed row (``indptr`` over ``codes``) that holds a ``marked`` code, the
    ``names`` of those codes: one pass over the codes in numpy, a Python step per hit only.
    Serves the rows being read (``CountColumns``) and the weighed term matrix alike
    (``features.words_in_rows``)."""
    hits = np.flatnonzero(marked[codes])
    rows = np.searchsorted(indptr, hits, side="right") - 1
    found: dict[int, set[str]] = {}
    for row, code in zip(rows.tolist(), codes[hits].tolist(), strict=True):
        found.setdefault(row, set()).add(names[code])
    return {row: frozenset(named) for row, named in found.items()}


_EMPTY_CODES = np.zeros(0, dtype=np.int32)
_EMPTY_VALUES = np.zeros(0, dtype=np.float64)
_EMPTY_LENGTHS = np.zeros(0, dtype=np.int64)


class EntityRows:
    """Per document row, its canonical entities' weighted mention counts, as compressed rows:
    row ``r``'s entities are ``ids[codes[indptr[r]:indptr[r + 1]]]`` with ``weights`` alike, in
    the order the entities were counted. Reading a row gives the dict it stands for."""

    def __init__(
        self, ids: list[str], codes: np.ndarray, weights: np.ndarray, indptr: np.ndarray
    ) -> None:
        self.ids, self.codes, self.weights, self.indptr = ids, codes, weights, indptr

    def __getitem__(self, row: int) -> dict[str, float]:
        start, end = int(self.indptr[row]), int(self.indptr[row + 1])
        ids = self.ids
        return dict(
            zip(
                [ids[code] for code in self.codes[start:end].tolist()],
                self.weights[start:end].tolist(),
                strict=True,
            )
        )

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def __iter__(self) -> Iterator[dict[str, float]]:
        return (self[row] for row in range(len(self)))

    def __eq__(self, other: object) -> bool:
        """Equal to any rows that read the same dicts, as the lists of dicts it replaces."""
        if not isinstance(other, (EntityRows, list)):
            return NotImplemented
        return len(self) == len(other) and all(
            mine == theirs for mine, theirs in zip(self, other, strict=True)
        )

    __hash__ = None  # type: ignore[assignment]  # equal by value, and mutable


def entity_rows(
    row_of: Mapping[str, int],
    entities: Iterable[tuple[str, Iterable[tuple[str, float]]]],
) -> EntityRows:
    """``EntityRows`` over ``row_of``'s rows from each entity's (id, its mentions' (document
    id, weight)), entities in order and their ids distinct (canonical): a row's weight for an
    entity is the sum of its mentions' in that document, added in their order, and a row's
    entities are in the order counted."""
    ids: list[str] = []
    rows, codes, weights = array("q"), array("i"), array("d")
    for entity_id, mentions in entities:
        sums: dict[int, float] = {}
        for doc_id, weight in mentions:
            row = row_of.get(doc_id)
            if row is not None:
                sums[row] = sums.get(row, 0.0) + weight
        if sums:
            rows.extend(sums)
            codes.extend(repeat(len(ids), len(sums)))
            weights.extend(sums.values())
            ids.append(entity_id)
    at = np.array(rows, dtype=np.int64)
    order = np.argsort(at, kind="stable")  # by row; in each, the order counted
    indptr = np.zeros(len(row_of) + 1, dtype=np.int64)
    np.cumsum(np.bincount(at, minlength=len(row_of)), out=indptr[1:])
    return EntityRows(
        ids,
        np.array(codes, dtype=np.int32)[order],
        np.array(weights, dtype=np.float64)[order],
        indptr,
    )
