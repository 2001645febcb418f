"""MEANTIME (NewsReader) XML: the reader (the ``entities`` task is in ``meantime_entities``).

The format (Minard et al. 2016, "MEANTIME, the NewsReader Multilingual Event and Time
Corpus"): a ``<Document>`` holds ``<token t_id sentence number>`` elements, then
``<Markables>`` whose mentions point at tokens with ``<token_anchor t_id>``
(``ENTITY_MENTION`` with ``syntactic_type`` NAM/NOM/PRO/PRE.NAM/…, ``EVENT_MENTION``,
``TIMEX3``, ``VALUE``, ``SIGNAL``), token-less instance markables (``ENTITY`` with ``ent_type``
and, for cross-document instances, ``instance_id``; ``EVENT`` with ``class``), and
``<Relations>`` (``REFERS_TO`` mention → instance, ``HAS_PARTICIPANT``, ``TLINK``, ``SLINK``,
``GLINK``, ``CLINK``) with ``<source m_id>`` / ``<target m_id>`` children.

The public readers (``read_document``, ``read_corpus``) return typed records usable by any
task: document text rebuilt from the tokens with character offsets, entity mentions with
their type and instance, event mentions with their attributes and instance, timexes with
type and value, and every relation. They are tolerant of the format's quirks: anchors to
missing tokens are dropped, mentions without tokens are skipped, a mention referred twice
keeps its first instance, instances without ``instance_id`` get a document-local id, and a
file that is not well-formed XML is reported, not raised, by ``read_corpus``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class MeantimeToken:
    t_id: str
    sentence: int
    number: int
    text: str
    start: int  # character offsets in MeantimeDocument.text
    end: int


@dataclass(frozen=True)
class MeantimeEntityMention:
    """An ENTITY_MENTION with the type and instance of the ENTITY it refers to."""

    m_id: str
    token_ids: tuple[str, ...]
    start: int
    end: int
    text: str
    syntactic_type: str  # NAM, NOM, PRO, PRE.NAM, PRE.NOM, APP, CONJ, ARC, HLS, PTV or ""
    ent_type: str | None  # PER, ORG, LOC, PRO, FIN, MIX; None when it refers to nothing
    instance: str | None  # cross-document instance_id, or "doc_id#m_id" for a local entity
    external_ref: str | None = None  # DBpedia URI of the instance when given


@dataclass(frozen=True)
class MeantimeEventMention:
    """An EVENT_MENTION with its attributes and the class and instance of its EVENT."""

    m_id: str
    token_ids: tuple[str, ...]
    start: int
    end: int
    text: str
    pred: str
    pos: str
    tense: str
    aspect: str
    certainty: str
    polarity: str
    modality: str
    time: str
    special_cases: str
    event_class: str | None  # OTHER, SPEECH_COGNITIVE, GRAMMATICAL …
    instance: str | None


@dataclass(frozen=True)
class MeantimeTimex:
    """A TIMEX3; ``start``/``end`` are -1 for a token-less (implicit) timex."""

    m_id: str
    token_ids: tuple[str, ...]
    start: int
    end: int
    text: str
    type: str
    value: str
    function_in_document: str
    anchor_time_id: str
    begin_point: str
    end_point: str


@dataclass(frozen=True)
class MeantimeRelation:
    kind: str  # REFERS_TO, HAS_PARTICIPANT, TLINK, SLINK, GLINK, CLINK
    r_id: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    attributes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MeantimeDocument:
    doc_id: str
    name: str
    url: str | None
    path: str
    text: str  # tokens joined with spaces where the language puts them, one line per sentence
    tokens: tuple[MeantimeToken, ...]
    sentences: tuple[tuple[int, int], ...]  # character spans, in sentence order
    entity_mentions: tuple[MeantimeEntityMention, ...]
    event_mentions: tuple[MeantimeEventMention, ...]
    timexes: tuple[MeantimeTimex, ...]
    relations: tuple[MeantimeRelation, ...]

    @property
    def creation_time(self) -> str | None:
        """Value of the timex marked as the document creation time."""
        for timex in self.timexes:
            if timex.function_in_document == "CREATION_TIME":
                return timex.value
        return None

    def participants(self) -> list[tuple[str, str, str]]:
        """(event mention m_id, entity mention m_id, semantic role) of HAS_PARTICIPANT."""
        return [
            (source, target, rel.attributes.get("sem_role", ""))
            for rel in self.relations
            if rel.kind == "HAS_PARTICIPANT"
            for source in rel.sources
            for target in rel.targets
        ]


# ---------------------------------------------------------------------------------------------
# Reader

_NO_SPACE_BEFORE = frozenset(
    {".", ",", ":", ";", "!", "?", "%", ")", "]", "}", "''", "'", "n't", "'s", "'re", "'ve"}
    | {"'ll", "'d", "'m", "...", "’s", "’"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "``", "$", "US$", "#", "£", "€"})


def _joined(tokens: list[tuple[str, int, int, str]]) -> tuple[str, list[MeantimeToken], list]:
    """Text from (t_id, sentence, number, text) tokens: one line per sentence."""
    parts: list[str] = []
    out: list[MeantimeToken] = []
    sentences: list[tuple[int, int]] = []
    pos = 0
    previous_sentence = None
    previous_text = ""
    sentence_start = 0
    for t_id, sentence, number, text in tokens:
        if previous_sentence is None:
            sep = ""
        elif sentence != previous_sentence:
            sentences.append((sentence_start, pos))
            sep = "\n"
        elif text in _NO_SPACE_BEFORE or previous_text in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep)
        pos += len(sep)
        if sep == "\n" or previous_sentence is None:
            sentence_start = pos
        out.append(MeantimeToken(t_id, sentence, number, text, pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
        previous_sentence, previous_text = sentence, text
    if out:
        sentences.append((sentence_start, pos))
    return "".join(parts), out, sentences


def _anchored(
    element: ET.Element, by_id: dict[str, MeantimeToken], text: str
) -> tuple[tuple[str, ...], int, int, str] | None:
    ids = [a.get("t_id", "") for a in element.findall("token_anchor")]
    known = sorted((by_id[i] for i in ids if i in by_id), key=lambda t: t.start)
    if not known:
        return None
    start, end = known[0].start, known[-1].end
    return tuple(t.t_id for t in known), start, end, text[start:end]


def read_document(path: Path) -> MeantimeDocument:
    """One MEANTIME XML file as a typed record (raises ``ET.ParseError`` if not XML)."""
    root = ET.parse(path).getroot()
    doc_id = root.get("doc_id") or Path(path).stem
    raw_tokens = []
    for t in root.iter("token"):
        t_id = t.get("t_id")
        if t_id is None:
            continue
        raw_tokens.append((t_id, _int(t.get("sentence")), _int(t.get("number")), t.text or ""))
    raw_tokens.sort(key=lambda t: (t[1], t[2]))
    text, tokens, sentences = _joined(raw_tokens)
    by_id = {t.t_id: t for t in tokens}

    markables = root.find("Markables")
    relations_el = root.find("Relations")
    relations: list[MeantimeRelation] = []
    if relations_el is not None:
        for rel in relations_el:
            relations.append(
                MeantimeRelation(
                    kind=rel.tag,
                    r_id=rel.get("r_id", ""),
                    sources=tuple(s.get("m_id", "") for s in rel.findall("source")),
                    targets=tuple(s.get("m_id", "") for s in rel.findall("target")),
                    attributes={k: v for k, v in rel.attrib.items() if k != "r_id"},
                )
            )
    refers: dict[str, str] = {}
    for relation in relations:
        if relation.kind == "REFERS_TO" and relation.targets:
            for source in relation.sources:
                refers.setdefault(source, relation.targets[0])

    instances: dict[str, ET.Element] = {}
    elements = list(markables) if markables is not None else []
    for el in elements:
        if el.tag in ("ENTITY", "EVENT") and el.find("token_anchor") is None:
            instances.setdefault(el.get("m_id", ""), el)

    def instance_of(m_id: str) -> tuple[ET.Element | None, str | None]:
        target = refers.get(m_id)
        el = instances.get(target) if target else None
        if el is None:
            return None, None
        return el, el.get("instance_id") or f"{doc_id}#{target}"

    entities, events, timexes = [], [], []
    for el in elements:
        m_id = el.get("m_id", "")
        if el.tag == "TIMEX3":
            anchored = _anchored(el, by_id, text)
            ids, start, end, span = anchored or ((), -1, -1, "")
            timexes.append(
                MeantimeTimex(
                    m_id=m_id,
                    token_ids=ids,
                    start=start,
                    end=end,
                    text=span,
                    type=el.get("type", ""),
                    value=el.get("value", ""),
                    function_in_document=el.get("functionInDocument", ""),
                    anchor_time_id=el.get("anchorTimeID", ""),
                    begin_point=el.get("beginPoint", ""),
                    end_point=el.get("endPoint", ""),
                )
            )
            continue
        if el.tag not in ("ENTITY_MENTION", "EVENT_MENTION"):
            continue
        anchored = _anchored(el, by_id, text)
        if anchored is None:
            continue
        ids, start, end, span = anchored
        instance, instance_id = instance_of(m_id)
        if el.tag == "ENTITY_MENTION":
            entities.append(
                MeantimeEntityMention(
                    m_id=m_id,
                    token_ids=ids,
                    start=start,
                    end=end,
                    text=span,
                    syntactic_type=el.get("syntactic_type", ""),
                    ent_type=(instance.get("ent_type") or None) if instance is not None else None,
                    instance=instance_id,
                    external_ref=(instance.get("external_ref") or None)
                    if instance is not None
                    else None,
                )
            )
        else:
            events.append(
                MeantimeEventMention(
                    m_id=m_id,
                    token_ids=ids,
                    start=start,
                    end=end,
                    text=span,
                    pred=el.get("pred", ""),
                    pos=el.get("pos", ""),
                    tense=el.get("tense", ""),
                    aspect=el.get("aspect", ""),
                    certainty=el.get("certainty", ""),
                    polarity=el.get("polarity", ""),
                    modality=el.get("modality", ""),
                    time=el.get("time", ""),
                    special_cases=el.get("special_cases", ""),
                    event_class=(instance.get("class") or None) if instance is not None else None,
                    instance=instance_id,
                )
            )
    return MeantimeDocument(
        doc_id=doc_id,
        name=root.get("doc_name") or Path(path).stem,
        url=root.get("url"),
        path=str(path),
        text=text,
        tokens=tuple(tokens),
        sentences=tuple(sentences),
        entity_mentions=tuple(entities),
        event_mentions=tuple(events),
        timexes=tuple(timexes),
        relations=tuple(relations),
    )


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def read_corpus(path: Path, limit: int | None = None) -> tuple[list[MeantimeDocument], list[str]]:
    """Every ``*.xml`` under ``path`` (or the one file), sorted by path; (documents, problems)
    where each problem is a one-line reason naming a file that could not be read."""
    path = Path(path)
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*.xml") if p.is_file())
    documents: list[MeantimeDocument] = []
    problems: list[str] = []
    for file in files:
        if limit is not None and len(documents) >= limit:
            break
        try:
            document = read_document(file)
        except (ET.ParseError, OSError, UnicodeDecodeError) as err:
            problems.append(f"{file}: not readable MEANTIME XML ({err})")
            continue
        if document.tokens:
            documents.append(document)
        else:
            problems.append(f"{file}: no tokens")
    return documents, problems


def annotated_end(source: MeantimeDocument) -> int:
    """End of the part of a document annotated in full at document level.

    MEANTIME annotated the title and first sentences of each article with every markable
    (their entity mentions carry a ``syntactic_type``); later sentences only hold mentions
    added for cross-document instances (empty ``syntactic_type``). Scores of mention spans
    must stop where the full annotation stops, or every later name counts as an error.
    """
    by_id = {t.t_id: t for t in source.tokens}
    last = max(
        (
            by_id[m.token_ids[-1]].sentence
            for m in source.entity_mentions
            if m.syntactic_type and m.token_ids[-1] in by_id
        ),
        default=None,
    )
    if last is None or last >= len(source.sentences):
        return len(source.text)
    return source.sentences[last][1]
