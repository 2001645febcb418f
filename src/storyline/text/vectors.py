"""Sparse lexical vectors for cross-document comparison (numpy/scipy, no scikit-learn).

Terms are lower-cased words, stop words dropped (spaCy's English list), plurals folded with
Harman's S-stemmer (1991: "ies"→"y", "es"→"e", "s"→"") so "visits" meets "visit" without a
parse. Weights are sublinear tf (1 + log tf) times the BM25 idf ``log(1 + (N - df + .5) /
(df + .5))``: a term in almost every document of the corpus (the corpus' own topic words,
"India", "Russia", "partnership" in a folder about India–Russia relations) gets a weight near
zero, a term in two documents a large one. Words in the title and the lead count more, because
news is written as an inverted pyramid: the event is in the first sentences. A word written
capitalised inside a sentence (a proper name) counts more than a common word.

Comparisons are only ever made for given pairs (``pair_cosines``): nothing here builds a
documents × documents matrix.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import spacy
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

from storyline.version import code_fingerprint

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_CLOSERS = "'\"”’)"
_ENDERS = ".!?…:"
MIN_TERM_LEN = 2
PAIR_CHUNK = 20_000  # pairs scored per sparse product: bounds memory on large corpora


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Harman's S-stemmer on a lower-cased word; possessives dropped first."""
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    if len(word) <= 3:
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def is_stop(term: str) -> bool:
    return term in STOP_WORDS or len(term) < MIN_TERM_LEN


@lru_cache(maxsize=500_000)
def term_of(word: str) -> str:
    """The term a word (as written) counts as, or "" for a stop word."""
    lower = word.lower()
    if lower in STOP_WORDS:
        return ""
    term = stem(lower)
    return "" if is_stop(term) else term


def starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a line or follows sentence-final punctuation."""
    j = start - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    while j >= 0 and text[j] in _CLOSERS:
        j -= 1
    return j < 0 or text[j] == "\n" or text[j] in _ENDERS


def term_counts(
    text: str, lead_end: int = 0, lead_weight: float = 1.0, name_weight: float = 1.0
) -> Counter[str]:
    """Weighted term counts of one text: lead words ×``lead_weight``, capitalised words inside
    a sentence (names) ×``name_weight``."""
    counts: dict[str, float] = {}
    for match in _WORD.finditer(text):
        word = match.group()
        term = term_of(word)
        if not term:
            continue
        start = match.start()
        weight = lead_weight if start < lead_end else 1.0
        if word[0].isupper() and not starts_sentence(text, start):
            weight *= name_weight
        counts[term] = counts.get(term, 0.0) + weight
    return Counter(counts)


def surface_forms(text: str, wanted: Collection[str]) -> dict[str, Counter[str]]:
    """How each wanted term is written inside sentences (sentence-initial words say nothing
    about case), so a label can show "Jaishankar" rather than "jaishankar" and tell names
    apart."""
    forms: dict[str, Counter[str]] = {}
    for match in _WORD.finditer(text):
        word = match.group()
        term = term_of(word)
        if term in wanted and not starts_sentence(text, match.start()):
            form = word.removesuffix("'s").removesuffix("’s")
            forms.setdefault(term, Counter())[form] += 1
    return forms


@dataclass
class Vectors:
    """Row-normalised weighted vectors, one row per document, with their vocabulary."""

    matrix: sparse.csr_matrix  # rows L2-normalised
    vocabulary: list[str]
    df: np.ndarray  # documents containing each feature

    def top_features(self, row: int, k: int) -> np.ndarray:
        """Column indices of the ``k`` heaviest features of one row, heaviest first (ties by
        column, so the choice is deterministic)."""
        start, end = self.matrix.indptr[row], self.matrix.indptr[row + 1]
        cols = self.matrix.indices[start:end]
        vals = self.matrix.data[start:end]
        order = np.lexsort((cols, -vals))[:k]
        return cols[order]


def sorted_column(vocabulary: Sequence[str], term: str) -> int | None:
    """``term``'s column in a sorted vocabulary (the order ``Vectors`` built by the stories'
    weighting keep), found by bisection, or None when it holds no such term: a lookup of the
    few terms asked for, not a dictionary of every term of the pile."""
    place = bisect.bisect_left(vocabulary, term)
    return place if place < len(vocabulary) and vocabulary[place] == term else None


def bm25_idf(df: np.ndarray, n: int) -> np.ndarray:
    return np.log1p((n - df + 0.5) / (df + 0.5))


def smooth_idf(df: np.ndarray, n: int) -> np.ndarray:
    """The classic smoothed idf ``log((N + 1) / (df + 1)) + 1``: topic words keep weight."""
    return np.log((n + 1) / (df + 1)) + 1.0


def weighted_vectors(counts: Iterable[Mapping[str, float]]) -> tuple[Vectors, Vectors]:
    """Sublinear-tf vectors, L2-normalised, from per-document (weighted) counts: weighted by
    BM25 idf (what is distinctive) and by smoothed idf (what the text is about). Counts are
    consumed one document at a time into compact arrays, so a large corpus never holds them
    all as Python objects."""
    index: dict[str, int] = {}
    cols, vals, indptr = array("q"), array("d"), array("q", [0])
    for counter in counts:
        for term, value in counter.items():
            cols.append(index.setdefault(term, len(index)))
            vals.append(value)
        indptr.append(len(cols))
    tf = csr_from_arrays(vals, cols, indptr, len(index))
    n = tf.shape[0]
    tf.sort_indices()
    df = np.bincount(tf.indices, minlength=len(index)).astype(np.float64)
    tf.data = 1.0 + np.log(np.maximum(tf.data, 1.0))
    vocabulary = [""] * len(index)
    for term, col in index.items():
        vocabulary[col] = term
    return (
        Vectors(matrix=_normalised(tf, bm25_idf(df, n)), vocabulary=vocabulary, df=df),
        Vectors(matrix=_normalised(tf, smooth_idf(df, n)), vocabulary=vocabulary, df=df),
    )


def csr_from_arrays(vals: array, cols: array, indptr: array, width: int) -> sparse.csr_matrix:
    """A CSR matrix from the compact arrays a builder filled one row at a time ("d" values,
    "q" column ids and row starts), without Python objects per entry."""
    return sparse.csr_matrix(
        (
            np.frombuffer(vals, dtype=np.float64).copy(),
            np.frombuffer(cols, dtype=np.int64).copy(),
            np.frombuffer(indptr, dtype=np.int64).copy(),
        ),
        shape=(len(indptr) - 1, width),
    )


def _normalised(tf: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    weighted = tf.multiply(idf[np.newaxis, :]).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.diags(1.0 / norms).dot(weighted).tocsr()
    matrix.eliminate_zeros()
    return matrix


def pair_cosines(matrix: sparse.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Cosine of each given pair of rows (rows already L2-normalised), in chunks."""
    out = np.zeros(len(left), dtype=np.float64)
    for start in range(0, len(left), PAIR_CHUNK):
        a = matrix[left[start : start + PAIR_CHUNK]]
        b = matrix[right[start : start + PAIR_CHUNK]]
        out[start : start + len(a.indptr) - 1] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


@lru_cache(maxsize=1)
def counting_fingerprint() -> bytes:
    """What a product kept between builds that counts words with ``term_of`` depends on besides
    its own inputs: the package's code and data (``version.code_fingerprint``: the rules in its
    TOML files too) and spaCy's stop words, named by spaCy's version."""
    return f"{code_fingerprint()}\x00spacy {spacy.__version__}".encode()
