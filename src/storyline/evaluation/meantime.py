"""MEANTIME (NewsReader) XML: a reader, and the ``entities`` evaluation task.

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
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from storyline.evaluation.report import EvalReport, EvalTable
from storyline.evaluation.scoring import bcubed, prf

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
        if t.get("t_id") is None:
            continue
        raw_tokens.append(
            (t.get("t_id"), _int(t.get("sentence")), _int(t.get("number")), t.text or "")
        )
    raw_tokens.sort(key=lambda t: (t[1], t[2]))
    text, tokens, sentences = _joined(raw_tokens)
    by_id = {t.t_id: t for t in tokens}

    markables = root.find("Markables")
    relations_el = root.find("Relations")
    relations = []
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
    for rel in relations:
        if rel.kind == "REFERS_TO" and rel.targets:
            for source in rel.sources:
                refers.setdefault(source, rel.targets[0])

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
    documents, problems = [], []
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


# ---------------------------------------------------------------------------------------------
# The ``entities`` task

#: Our entity types → MEANTIME's. MEANTIME's LOC covers countries, cities, regions and
#: buildings, and a nationality adjective in front of a noun is a PRE.NAM mention of the
#: country (LOC), so our GPE, LOC, FAC and NORP all map to LOC. EVENT has no counterpart
#: (MEANTIME annotates events separately) and is not scored; MEANTIME's FIN (indices,
#: currencies) and MIX have no counterpart in ours.
TYPE_MAP: dict[str, str | None] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "LOC",
    "PRODUCT": "PRO",
    "WORK": "PRO",
    "EVENT": None,
}
SCORED_TYPES = ("PER", "ORG", "LOC", "PRO")
NAMED = frozenset({"NAM", "PRE.NAM"})
_DETERMINERS = frozenset({"the", "a", "an"})


@dataclass
class _Gold:
    doc: str
    m_id: str
    start: int
    end: int
    head_start: int
    head_end: int
    core: tuple[int, int]  # extent without leading determiners and trailing punctuation
    type: str
    instance: str
    named: bool = True


@dataclass
class _Pred:
    doc: str
    start: int
    end: int
    type: str | None
    entity_id: str
    text: str


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


def evaluate(path: Path, limit: int | None = None) -> EvalReport:
    """Score entity mentions (span P/R/F1 by type) and cross-document entity coreference
    (B-cubed over MEANTIME instances) on MEANTIME XML under ``path``."""
    from storyline.entities import LABELS, canonicalise, extract_mentions
    from storyline.entities_lexicon import name_key
    from storyline.entities_names import normalise_name
    from storyline.nlp import load_model, parse

    corpus, problems = read_corpus(path, limit)
    documents = [_as_document(d) for d in corpus]
    parsed = list(parse([d.text for d in documents], load_model()))
    region: dict[str, int] = {}
    linked: list[_Gold] = []
    mentions = []
    spacy_preds: list[_Pred] = []
    for source, document, doc in zip(corpus, documents, parsed, strict=True):
        region[source.doc_id] = annotated_end(source)
        linked.extend(_gold_mentions(source))
        mentions.extend(extract_mentions(document, doc))
        spacy_preds.extend(
            _Pred(source.doc_id, e.start_char, e.end_char, TYPE_MAP[LABELS[e.label_]], "", e.text)
            for e in doc.ents
            if e.label_ in LABELS
        )
    entities = canonicalise(mentions)
    preds = [
        _Pred(
            m.provenance.doc_id,
            m.provenance.start,
            m.provenance.end,
            TYPE_MAP[m.label],
            e.linked_to or e.id,  # a demonym counts as its country, as MEANTIME has it
            m.text,
        )
        for e in entities
        for m in e.mentions
    ]
    named = [g for g in linked if g.named and g.start < region[g.doc]]

    def in_region(found: list[_Pred]) -> list[_Pred]:
        return [p for p in found if p.start < region[p.doc]]

    system = _span_scores(named, in_region(preds))
    raw = _span_scores(named, in_region(spacy_preds))

    pairs = _match(linked, preds)
    gold_map = {(g.doc, g.m_id): g.instance for g, _ in pairs}
    pred_map = {(g.doc, g.m_id): p.entity_id for g, p in pairs}
    string_map = {
        (g.doc, g.m_id): name_key(normalise_name(p.text, person=p.type == "PER")) or p.text
        for g, p in pairs
    }
    all_named = {(g.doc, g.m_id): g.instance for g in linked if g.named}
    all_pred = {k: pred_map.get(k, f"missed:{k[0]}:{k[1]}") for k in all_named}
    coref = bcubed(gold_map, pred_map)
    coref_all = bcubed(all_named, all_pred)
    coref_string = bcubed(gold_map, string_map)

    type_rows = []
    for t in [*SCORED_TYPES, "all"]:
        row = [t, system["gold"][t], system["pred"][t]]
        row += [round(x, 3) for x in system["head"][t]]
        row += [round(system["exact"][t][2], 3), round(raw["head"][t][2], 3)]
        type_rows.append(row)
    untyped = system["untyped"]
    docs_per_instance = defaultdict(set)
    for g, _ in pairs:
        docs_per_instance[g.instance].add(g.doc)
    cross = sum(1 for docs in docs_per_instance.values() if len(docs) > 1)
    headline = {
        "typed_f1_head": round(system["head"]["all"][2], 3),
        "typed_f1_exact": round(system["exact"]["all"][2], 3),
        "untyped_f1_head": round(untyped[2], 3),
        "spacy_typed_f1_head": round(raw["head"]["all"][2], 3),
        "bcubed_f1": round(coref[2], 3),
        "bcubed_f1_names_all": round(coref_all[2], 3),
        "bcubed_f1_string_baseline": round(coref_string[2], 3),
    }
    notes = [
        "Span gold: ENTITY_MENTIONs with syntactic_type NAM or PRE.NAM (names, and names used "
        "as pre-modifiers such as 'US' in 'US airtanker contract') that REFER_TO a typed "
        "entity, within the fully annotated part of each document (title and first sentences: "
        "up to the last mention with a syntactic_type); predictions are scored in the same "
        "part. Mentions sharing a syntactic head are counted once.",
        "Types: PERSON→PER, ORG→ORG, GPE/LOC/FAC/NORP→LOC (MEANTIME marks a nationality "
        "adjective as a PRE.NAM mention of the country), PRODUCT/WORK→PRO; our EVENT is not "
        "scored; MEANTIME FIN/MIX have no counterpart: those gold mentions, and predictions "
        "that match them, are left out of the typed scores.",
        "Head match: the prediction lies inside the gold extent and covers its head (the "
        "last word before the first comma, parenthesis, preposition or relative pronoun: "
        "'US Barack Obama' → Obama); MEANTIME extents are whole noun phrases "
        "('Spokeswoman Sandy Angers'). Exact: same extent after dropping leading determiners "
        "and trailing punctuation on both sides.",
        "B-cubed: whole documents; every gold mention that refers to an instance (any "
        "syntactic type, so the cross-document mentions of later sentences count) and is "
        "head-matched by a predicted mention; gold cluster = MEANTIME instance "
        "(cross-document instance_id, or a document-local ENTITY), predicted cluster = "
        "canonical entity id, a demonym standing for the country it is linked to (MEANTIME "
        "refers 'American' to the United States). 'all named gold' adds the unmatched "
        "NAM/PRE.NAM mentions as singletons. Baseline: clusters by identical normalised "
        "name string.",
        f"{len(corpus)} documents; {len(named)} gold named mentions scored for spans; "
        f"{len(pairs)} matched mentions of {len(docs_per_instance)} instances for B-cubed, "
        f"{cross} instances matched in 2+ documents.",
        *problems,
    ]
    return EvalReport(
        task="entities",
        corpus=str(path),
        documents=len(corpus),
        tables=[
            EvalTable(
                title="Named entity mentions by type (head match; exact F1 and raw spaCy F1)",
                columns=["type", "gold", "pred", "P", "R", "F1", "exact F1", "spaCy F1"],
                rows=type_rows,
            ),
            EvalTable(
                title="Mention detection, untyped (head match)",
                columns=["P", "R", "F1"],
                rows=[[round(x, 3) for x in untyped]],
            ),
            EvalTable(
                title="Cross-document entity coreference, B-cubed",
                columns=["clustering", "mentions", "P", "R", "F1"],
                rows=[
                    ["canonical entities", len(gold_map), *[round(x, 3) for x in coref]],
                    ["canonical entities, all named gold", len(all_named)]
                    + [round(x, 3) for x in coref_all],
                    ["baseline: same name string", len(gold_map)]
                    + [round(x, 3) for x in coref_string],
                ],
            ),
        ],
        headline=headline,
        notes=notes,
    )


def _as_document(source: MeantimeDocument):
    """A storyline Document over the rebuilt text; an unpunctuated first line is a heading
    (the Wikinews headline)."""
    from storyline.models import Block, Document
    from storyline.prepare import text_hash

    blocks = []
    for i, (start, end) in enumerate(source.sentences):
        first_line = i == 0 and not source.text[start:end].rstrip().endswith((".", "!", "?"))
        blocks.append(Block(kind="heading" if first_line else "paragraph", start=start, end=end))
    return Document(
        id=source.doc_id,
        source=source.path,
        source_kind="txt",
        url=source.url,
        title=source.text[slice(*source.sentences[0])] if source.sentences else None,
        raw_text=source.text,
        text=source.text,
        blocks=blocks,
        content_hash=text_hash(source.text),
    )


def _gold_mentions(source: MeantimeDocument) -> list[_Gold]:
    """Gold mentions that refer to a typed instance, one per head token (named first)."""
    by_id = {t.t_id: t for t in source.tokens}
    ordered = sorted(
        (m for m in source.entity_mentions if m.ent_type and m.instance),
        key=lambda m: (m.syntactic_type not in NAMED, m.start, m.end),
    )
    out, heads = [], set()
    for m in ordered:
        toks = [by_id[i] for i in m.token_ids]
        head = np_head(toks)
        if head.start in heads:
            continue
        heads.add(head.start)
        out.append(
            _Gold(
                doc=source.doc_id,
                m_id=m.m_id,
                start=m.start,
                end=m.end,
                head_start=head.start,
                head_end=head.end,
                core=_core(toks),
                type=m.ent_type,
                instance=m.instance,
                named=m.syntactic_type in NAMED,
            )
        )
    return out


_POSTMODIFIER_START = frozenset(
    {",", "(", "[", ":", ";", "-", "–", "—", "of", "in", "at", "from", "on", "for", "with"}
    | {"near", "who", "which", "that", "based", "by", "to"}
)


def np_head(tokens: list[MeantimeToken]) -> MeantimeToken:
    """Head of an English noun-phrase extent: its last word before the first post-modifier
    (comma, parenthesis, preposition, relative pronoun): 'US Barack Obama' → Obama,
    'Moscone Center in San Francisco' → Center, 'the Standard & Poor's 500 index' → index."""
    kept = tokens[:1]
    for token in tokens[1:]:
        if token.text.casefold() in _POSTMODIFIER_START:
            break
        kept.append(token)
    words = [t for t in kept if any(c.isalnum() for c in t.text)]
    return words[-1] if words else kept[-1]


def _core(toks: list[MeantimeToken]) -> tuple[int, int]:
    """Extent without leading determiners and trailing punctuation or possessive."""
    while len(toks) > 1 and toks[0].text.casefold() in _DETERMINERS:
        toks = toks[1:]
    while len(toks) > 1 and (
        not any(c.isalnum() for c in toks[-1].text) or toks[-1].text in ("'s", "’s")
    ):
        toks = toks[:-1]
    return toks[0].start, toks[-1].end


def _match(golds: list[_Gold], preds: list[_Pred]) -> list[tuple[_Gold, _Pred]]:
    """One-to-one head matches per document: the prediction lies inside the gold extent and
    covers its head; a prediction of the gold's type, then the longest, is preferred."""
    by_doc: dict[str, list[_Pred]] = defaultdict(list)
    for p in preds:
        if p.type is not None:
            by_doc[p.doc].append(p)
    used: set[int] = set()
    pairs = []
    for g in sorted(golds, key=lambda g: (g.doc, g.start, g.end)):
        candidates = [
            p
            for p in by_doc[g.doc]
            if id(p) not in used
            and g.start <= p.start
            and p.end <= g.end
            and p.start <= g.head_start
            and g.head_end <= p.end
        ]
        best = max(candidates, key=lambda p: (p.type == g.type, p.end - p.start), default=None)
        if best is not None:
            used.add(id(best))
            pairs.append((g, best))
    return pairs


def _span_scores(golds: list[_Gold], preds: list[_Pred]) -> dict:
    """Head-match and exact-match P/R/F1 by MEANTIME type, and untyped detection."""
    scored = [p for p in preds if p.type is not None]
    pairs = _match(golds, scored)
    gold_n: Counter[str] = Counter()
    for g in golds:
        if g.type in SCORED_TYPES:
            gold_n[g.type] += 1
            gold_n["all"] += 1
    ignored = {id(p) for g, p in pairs if g.type not in SCORED_TYPES}
    pred_n: Counter[str] = Counter()
    for p in scored:
        if id(p) not in ignored:
            pred_n[p.type] += 1
            pred_n["all"] += 1
    head_tp: Counter[str] = Counter()
    exact_tp: Counter[str] = Counter()
    for g, p in pairs:
        if g.type in SCORED_TYPES and p.type == g.type:
            head_tp[g.type] += 1
            head_tp["all"] += 1
            if (p.start, p.end) == g.core:
                exact_tp[g.type] += 1
                exact_tp["all"] += 1
    return {
        "gold": gold_n,
        "pred": pred_n,
        "head": {t: prf(head_tp[t], pred_n[t], gold_n[t]) for t in [*SCORED_TYPES, "all"]},
        "exact": {t: prf(exact_tp[t], pred_n[t], gold_n[t]) for t in [*SCORED_TYPES, "all"]},
        "untyped": prf(len(pairs), len(scored), len(golds)),
        "pairs": pairs,
    }
