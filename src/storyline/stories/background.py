"""Term weights that do not depend on the pile: how rare a word is in English at large.

A pile-relative idf swings with the pile: in a folder about one earthquake, "earthquake" is in
every article and weighs nothing, so two reports of that quake look unrelated; mixed with other
news it weighs a lot. Story decisions must not change with what else is stored, so terms are
weighted by a fixed background table instead: ``data/word_frequencies.tsv.gz``, the English
word frequencies of wordfreq 3.1.1 (Robyn Speer; "large" English list, which blends Wikipedia,
subtitles, news, books, web text, Twitter and Reddit; data CC BY-SA 4.0), folded to storyline's
terms (lower case, stop words dropped, Harman's S-stemmer: the frequencies of "visit" and
"visits" add up) and kept down to a Zipf value of ``MIN_ZIPF`` (about 53,000 terms).

A word frequency is turned into an idf by asking how many documents of a typical news length
contain the word, if words fell independently (Poisson): a term of per-word probability ``p``
appears in a document of ``L`` words with probability ``q = 1 - exp(-L p)``, and its idf is
``-ln q``. With ``L`` = 500 words (a typical wire story) "said" weighs 0.9, "earthquake" 5.3,
"Klitschko" 8.7. A word the table does not list is rarer than every listed one and weighs as
a term of Zipf ``UNLISTED_ZIPF``.

Regenerate the table (needs ``pip install wordfreq``, which is not a dependency of storyline)::

    python -m storyline.stories.background src/storyline/data/word_frequencies.tsv.gz
"""

from __future__ import annotations

import gzip
import importlib
import math
import sys
from functools import cache
from importlib import resources

from storyline.text.vectors import term_of

TABLE_FILE = "word_frequencies.tsv.gz"
MIN_ZIPF = 2.5  # terms rarer than this (about 1 in 3 million words) are not listed
UNLISTED_ZIPF = 2.0  # what an unlisted word counts as: rarer than anything listed
DOCUMENT_WORDS = 500  # L: a typical news story's length in words (wire stories run 300-800)


@cache
def zipf_table() -> dict[str, float]:
    """term → Zipf value (log10 of its frequency per billion words), from the packaged table."""
    raw = resources.files("storyline.data").joinpath(TABLE_FILE).read_bytes()
    table: dict[str, float] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            term, zipf = line.split("\t")
            table[term] = float(zipf)
    return table


def idf_of_zipf(zipf: float, words: int = DOCUMENT_WORDS) -> float:
    """``-ln(1 - exp(-L p))`` with ``p = 10 ** (zipf - 9)``: the idf of a term that falls in a
    document of ``words`` words independently, with its background frequency."""
    expected = words * 10.0 ** (zipf - 9.0)
    return -math.log(-math.expm1(-expected))


def term_idf(term: str) -> float:
    """The fixed idf of a term (as ``text.vectors.term_of`` makes it); the same in every pile.
    It depends only on the term's Zipf value, and the table holds a few hundred distinct ones
    (two decimals) for tens of thousands of terms, so the idf is worked out once per value
    (``_idf_of_listed``): a pile's vocabulary (60,000 terms at 1,000 documents) costs a
    dictionary lookup a term, and nothing grows with the pile."""
    return _idf_of_listed(zipf_table().get(term, UNLISTED_ZIPF))


@cache
def _idf_of_listed(zipf: float) -> float:
    """``idf_of_zipf`` of a value the table lists (or ``UNLISTED_ZIPF``): a bounded cache."""
    return idf_of_zipf(zipf)


def compile_table(path: str) -> int:
    """Write the packaged table from wordfreq (see the module doc); returns the term count."""
    wordfreq = importlib.import_module("wordfreq")
    frequency: dict[str, float] = {}
    for bucket in wordfreq.get_frequency_list("en", wordlist="large"):
        for word in bucket:
            if not word.isalpha():
                continue
            term = term_of(word)
            if term:
                frequency[term] = frequency.get(term, 0.0) + wordfreq.word_frequency(
                    word, "en", wordlist="large"
                )
    rows = sorted(
        (term, math.log10(f) + 9.0)
        for term, f in frequency.items()
        if math.log10(f) + 9 >= MIN_ZIPF
    )
    header = (
        "# term\tzipf — wordfreq 3.1.1 'large' English list (CC BY-SA 4.0), folded to "
        "storyline terms; see storyline/stories/background.py\n"
    )
    body = "".join(f"{term}\t{zipf:.2f}\n" for term, zipf in rows)
    with open(path, "wb") as handle:
        handle.write(gzip.compress((header + body).encode("utf-8"), mtime=0))
    return len(rows)


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    print(compile_table(sys.argv[1]), "terms")
