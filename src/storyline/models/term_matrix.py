"""The pile's weighted term rows as kept between builds (issue 18, incremental builds): what the
stories stage's word vectors are, as compact arrays, so a build after new articles weighs only
their rows (``stories.term_matrix``) and the store keeps it as a few BLOBs
(``store.story_terms``), not a Python object per term.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class TermMatrix:
    """Weighted term rows in CSR layout, one per document (in id order), each under the key of
    the document's clustering row (``stories.kept.row_key``): a row is kept only while that key
    is the document's. Within a row the entries are in the order the weighting left them
    (``stories.features.fixed_vectors``); the columns are ``vocabulary``'s terms, sorted, and
    may name terms no row holds any longer (a build drops them when it reads the matrix)."""

    ids: list[str]
    keys: list[bytes]
    vocabulary: list[str]
    indptr: np.ndarray  # int64, len(ids) + 1: row r's entries are indptr[r]:indptr[r + 1]
    indices: np.ndarray  # int32 columns
    data: np.ndarray  # float64 weights, bit for bit as the weighting made them
