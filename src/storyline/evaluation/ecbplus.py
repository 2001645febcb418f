"""ECB+ (EventCorefBank+) as a story-clustering benchmark: a reader and the ``clusters`` task.

ECB+ files are tokenised XML: ``<token t_id sentence number>word</token>`` elements followed by
mention markables. In topic T, ``T_Necb.xml`` files report one seminal event and
``T_Necbplus.xml`` files a look-alike event of the same kind (another celebrity entering rehab,
another earthquake), so the gold story of a file is (topic, half). Scored at two levels:
event (gold = T + half) against storyline's stories, and topic (gold = T) against its
storylines (the threads of related stories); ``ecbplus_scoring`` runs and scores the piles.
The tuning and check parts are split by topic number (``splits.part_of(topic)``).

The reader rebuilds readable text from the tokens (one line per sentence, punctuation attached,
PTB quotes turned back into quotes) and lifts a leading URL "sentence" (ecbplus files start
with the page address, tokenised) into the record's ``url`` instead of the body.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import zip_longest
from pathlib import Path
from xml.etree import ElementTree

from storyline.evaluation.report import EvalReport
from storyline.evaluation.splits import check_part, in_part
from storyline.models import Document, RawRecord

_NAME = re.compile(r"^(?P<topic>\d+)_(?P<number>\d+)(?P<half>ecbplus|ecb)$", re.IGNORECASE)
_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]+|'s|'re|'ve|'ll|'d|'m|n't|''|’s|’)$", re.I)
_NO_SPACE_AFTER = re.compile(r"^(?:[(\[{$#]|``|‘|“)$")
_URL_START = re.compile(r"^(?:https?|www)$", re.IGNORECASE)
_QUOTES = {"``": "\u201c", "''": "\u201d"}


@dataclass(frozen=True)
class EcbDocument:
    """One ECB+ file as text, with its gold clusters."""

    name: str
    topic: str
    half: str
    text: str
    url: str | None
    path: str

    @property
    def event(self) -> str:
        return f"{self.topic}{self.half}"


def detokenise(tokens: list[str]) -> str:
    """A sentence's tokens as readable text: punctuation attached, PTB quotes restored."""
    out: list[str] = []
    tokens = _paired_apostrophes(tokens)
    glue = True  # no space before the first token
    double_open = True  # state of plain '"' quotes, which open and close alternately
    for raw in tokens:
        token = raw.strip()
        if not token:
            continue
        attach = _NO_SPACE_BEFORE.match(token) is not None
        if token == '"':
            attach = not double_open
            opening = double_open
            double_open = not double_open
        else:
            opening = _NO_SPACE_AFTER.match(token) is not None
        token = _QUOTES.get(token, token)
        if out and not glue and not attach:
            out.append(" ")
        out.append(token)
        glue = opening
    return "".join(out)


def _paired_apostrophes(tokens: list[str]) -> list[str]:
    """Two single-apostrophe tokens in a row are one closing PTB quote (''), split by the
    tokeniser."""
    out: list[str] = []
    for token in tokens:
        if token.strip() == "'" and out and out[-1].strip() == "'":
            out[-1] = "''"
        else:
            out.append(token)
    return out


def _url_sentence(tokens: list[str]) -> str | None:
    """The address when a sentence is a tokenised URL ("http : / / www . site . com / …")."""
    if not tokens or not _URL_START.match(tokens[0].strip()):
        return None
    joined = "".join(t.strip() for t in tokens)
    return joined if re.match(r"^(?:https?://|www\.)\S+$", joined, re.IGNORECASE) else None


def read_document(path: Path) -> EcbDocument:
    """One ECB+ XML file; tokens are ordered by (sentence, number) whatever the file order."""
    root = ElementTree.parse(path).getroot()
    name = (root.get("doc_name") or path.name).removesuffix(".xml")
    match = _NAME.match(name) or _NAME.match(path.stem)
    topic = match.group("topic") if match else path.parent.name
    half = match.group("half").lower() if match else "ecb"
    sentences: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for position, token in enumerate(root.iter("token")):
        sentence = _int(token.get("sentence"), 0)
        number = _int(token.get("number"), position)
        sentences[sentence].append((number, token.text or ""))
    lines: list[str] = []
    url = None
    for index in sorted(sentences):
        words = [word for _, word in sorted(sentences[index], key=lambda pair: pair[0])]
        address = _url_sentence(words) if not lines and url is None else None
        if address:
            url = address
            continue
        line = detokenise(words)
        if line:
            lines.append(line)
    return EcbDocument(
        name=name, topic=topic, half=half, text="\n".join(lines), url=url, path=str(path)
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _sort_key(path: Path) -> tuple[int, str, int, str]:
    match = _NAME.match(path.stem)
    if not match:
        return (1 << 30, path.parent.name, 0, path.name)
    return (int(match["topic"]), match["half"], int(match["number"]), path.name)


def read_corpus(root: Path, limit: int | None = None) -> list[EcbDocument]:
    """Every ``*.xml`` under ``root``; with ``limit``, taken round-robin over gold events so a
    bounded run still spans every topic and both halves."""
    paths = sorted((p for p in Path(root).rglob("*.xml") if p.is_file()), key=_sort_key)
    documents = [read_document(p) for p in paths] if limit is None else []
    if limit is not None:
        by_event: dict[tuple[str, str], list[Path]] = defaultdict(list)
        for p in paths:
            match = _NAME.match(p.stem)
            by_event[(match["topic"], match["half"]) if match else (p.parent.name, "")].append(p)
        chosen = [p for row in zip_longest(*by_event.values()) for p in row if p is not None]
        documents = [read_document(p) for p in sorted(chosen[:limit], key=_sort_key)]
    return documents


def to_record(document: EcbDocument) -> RawRecord:
    return RawRecord(
        source=document.path,
        kind="txt",
        suggested_id=document.name,
        text=document.text,
        url=document.url,
    )


def prepare_corpus(documents: list[EcbDocument], today: date) -> list[Document]:
    """The documents as a build prepares them (clean, header, dates); empty ones are dropped."""
    from storyline.errors import IngestError
    from storyline.ingest.prepare import prepare_document

    prepared = []
    for document in documents:
        try:
            prepared.append(prepare_document(to_record(document), today))
        except IngestError:
            continue
    return prepared


def evaluate(path: Path, limit: int | None = None, part: str = "all") -> EvalReport:
    """Cluster the ECB+ documents with the build's pipeline and score against the gold: all
    topics in one pile, and each topic as a pile of its own (see ``ecbplus_scoring``).
    ``part`` keeps the topics of one part of the split (``splits``: by topic number)."""
    from storyline.evaluation.ecbplus_scoring import score_piles

    check_part(part)
    every = read_corpus(path, limit)
    gold_docs = [d for d in every if in_part(d.topic, part)]
    topics = sorted({d.topic for d in every})
    gold = {d.name: (d.topic, d.event) for d in gold_docs}
    return score_piles(path, gold, prepare_corpus(gold_docs, date.today()), part, topics)
