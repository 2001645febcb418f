"""ECB+ event coreference: gold mentions and chains, spans carried into the built text,
alignment of system triggers, and the scored report with its baselines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storyline.evaluation.ecbplus import detokenise_spans, prepare_corpus, read_document
from storyline.evaluation.ecbplus_coref import (
    Placed,
    SystemMention,
    align,
    head_lemmas,
    score_build,
)
from storyline.evaluation.ecbplus_gold import GoldMention, LineMap, read_gold
from storyline.models import DocumentAnalysis, Event, EventMention, Provenance, Sentence

HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<Document doc_name="{name}.xml" doc_id="D">\n'


def _file(tmp_path: Path, name: str, sentences: list[str], markables: str, relations: str) -> Path:
    tokens, t_id = [], 0
    for s, sentence in enumerate(sentences):
        for n, word in enumerate(sentence.split()):
            t_id += 1
            tokens.append(f'<token t_id="{t_id}" sentence="{s}" number="{n}">{word}</token>')
    body = "\n".join(tokens)
    xml = (
        HEADER.format(name=name)
        + body
        + f"\n<Markables>\n{markables}\n</Markables>\n<Relations>\n{relations}\n</Relations>\n"
        + "</Document>\n"
    )
    path = tmp_path / f"{name}.xml"
    path.write_text(xml, encoding="utf-8")
    return path


def _anchored(tag: str, m_id: int, *t_ids: int) -> str:
    anchors = "".join(f'<token_anchor t_id="{t}"/>' for t in t_ids)
    return f'<{tag} m_id="{m_id}">{anchors}</{tag}>'


QUAKE = [
    "Quake hits Chile",
    "A magnitude 6.1 earthquake struck off the coast of Chile on Friday , officials said .",
    "The quake shook buildings in Santiago .",
]


def test_detokenise_spans_point_at_each_token() -> None:
    tokens = ["``", "We", "will", "leave", ",", "''", "she", "said", "."]
    text, spans = detokenise_spans(tokens)
    assert text == "\u201cWe will leave,\u201d she said."
    assert [text[a:b] for a, b in (s for s in spans if s)] == [
        "\u201c", "We", "will", "leave", ",", "\u201d", "she", "said", ".",
    ]  # fmt: skip


def test_gold_reads_actions_chains_and_discontinuous_mentions(tmp_path: Path) -> None:
    markables = "\n".join(
        [
            _anchored("ACTION_OCCURRENCE", 1, 2),  # hits (headline)
            _anchored("ACTION_OCCURRENCE", 2, 8, 9),  # struck off
            _anchored("ACTION_REPORTING", 3, 17),  # said
            _anchored("ACTION_OCCURRENCE", 4, 21),  # shook
            _anchored("HUMAN_PART_PER", 5, 16),  # officials: not an action
            '<ACTION_OCCURRENCE m_id="9" TAG_DESCRIPTOR="t_quake_chile" instance_id="ACT1" />',
            '<ACTION_OCCURRENCE m_id="10" TAG_DESCRIPTOR="shaking" />',
        ]
    )
    relations = (
        '<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><source m_id="2"/>'
        '<target m_id="9"/></CROSS_DOC_COREF>\n'
        '<INTRA_DOC_COREF r_id="2"><source m_id="4"/><target m_id="10"/></INTRA_DOC_COREF>'
    )
    document = read_document(_file(tmp_path, "30_1ecb", QUAKE, markables, relations))
    gold = read_gold(document)
    by_id = {m.m_id: m for m in gold.mentions}
    assert sorted(by_id) == ["1", "2", "3", "4"]
    assert [document.text[a:b] for a, b in by_id["2"].spans] == ["struck", "off"]
    assert by_id["1"].chain == by_id["2"].chain == "ACT1"
    assert by_id["2"].label == "t_quake_chile"
    assert by_id["4"].chain == "30_1ecb:intra:10"
    assert by_id["3"].chain.endswith(":alone:3")
    assert len(gold.markable_spans) == 6  # every anchored token, participants included


def test_line_map_follows_the_cleaner() -> None:
    """Headline lifted, a dateline stripped, blank lines between paragraphs: kept lines map,
    the dropped headline does not."""
    source = (
        "Quake hits Chile\n"
        "SANTIAGO (Reuters) - A strong earthquake struck off the coast of Chile on Friday.\n"
        "The quake shook buildings in Santiago."
    )
    built = (
        "A strong earthquake struck off the coast of Chile on Friday.\n\n"
        "The quake shook buildings in Santiago."
    )
    mapping = LineMap(source, built)
    assert mapping.span(0, 5) is None
    struck = source.index("struck")
    start, end = mapping.span(struck, struck + 6) or (0, 0)
    assert built[start:end] == "struck"
    shook = source.index("shook")
    start, end = mapping.span(shook, shook + 5) or (0, 0)
    assert built[start:end] == "shook"


def _gold(m_id: str, text: str, word: str, chain: str = "c", topic: str = "1") -> Placed:
    at = text.index(word)
    spans = ((at, at + len(word)),)
    return Placed(GoldMention("d", m_id, "ACTION_OCCURRENCE", topic, chain, spans, chain), spans)


def test_align_one_to_one_by_largest_overlap() -> None:
    text = "The ministers held talks in Delhi and met again on Monday."
    gold = [_gold("1", text, "held"), _gold("2", text, "talks"), _gold("3", text, "met")]
    at = text.index("held talks")
    system = [
        SystemMention("d", at, at + len("held talks"), "e1", "held talks", "talks"),
        SystemMention("d", text.index("Delhi"), text.index("Delhi") + 5, "e2", "Delhi", "x"),
    ]
    pairs = align(gold, system)
    assert [(g.gold.m_id, s.event) for g, s in pairs] == [("2", "e1")]


def test_head_lemma_prefers_the_verb() -> None:
    text = "Police arrested two men after the shooting, and the suspects were charged."
    mentions = [
        _gold("1", text, "arrested"),
        _gold("2", text, "shooting"),
        _gold("3", text, "were charged"),
    ]
    other = "Rescuers searched the rubble after the quake."
    assert head_lemmas([(text, mentions), (other, [_gold("4", other, "searched")])]) == [
        ["arrest", "shooting", "charge"],
        ["search"],
    ]


def _event(event_id: str, doc_id: str, text: str, word: str) -> Event:
    at = text.index(word)
    where = Provenance(
        doc_id=doc_id, start=at, end=at + len(word), sentence=text, sentence_start=0,
        sentence_end=len(text),
    )  # fmt: skip
    mention = EventMention(id=f"{event_id}-{doc_id}", type="ASSAULT", trigger=word, rule="t",
                           provenance=where)  # fmt: skip
    return Event(id=event_id, type="ASSAULT", label=word, documents=[doc_id], mentions=[mention])


def test_score_build_scores_system_and_baselines(tmp_path: Path) -> None:
    """Two reports of one shooting: the system splits it into two events, the lemma baseline
    joins the two "shot" mentions; coverage counts what was found."""
    first = ["Gunman shot three people at a mall on Monday , police said ."]
    second = ["Police said a gunman shot three people at the mall ."]
    relations = (
        '<CROSS_DOC_COREF r_id="1" note="ACT7"><source m_id="1"/>'
        '<target m_id="9"/></CROSS_DOC_COREF>'
    )
    target = '<ACTION_OCCURRENCE m_id="9" TAG_DESCRIPTOR="t_mall_shooting" instance_id="ACT7" />'
    shot_first = _anchored("ACTION_OCCURRENCE", 1, 2) + target
    shot_second = _anchored("ACTION_OCCURRENCE", 1, 5) + target
    paths = [
        _file(tmp_path, "40_1ecb", first, shot_first, relations),
        _file(tmp_path, "40_2ecb", second, shot_second, relations),
    ]
    files = [read_document(p) for p in paths]
    documents = prepare_corpus(files, date(2026, 12, 1))
    texts = {d.id: d.text for d in documents}
    events = [
        _event("e1", "40_1ecb", texts["40_1ecb"], "shot"),
        _event("e2", "40_2ecb", texts["40_2ecb"], "shot"),
    ]
    analyses = [
        DocumentAnalysis(
            doc_id=d.id, version="t",
            sentences=[Sentence(doc_id=d.id, index=0, start=0, end=len(d.text), text=d.text)],
        )
        for d in documents
    ]  # fmt: skip
    report = score_build(files, documents, analyses, events)
    assert report.headline["gold_coverage"] == 1.0
    assert report.headline["muc_f1"] == 0.0  # split: the one gold link is missed
    assert report.headline["lemma_conll_f1"] == 1.0
    failures = next(t for t in report.tables if t.title == "failures").rows
    assert failures[0][0] == "merged too little"
    assert report.tables[-1].title == "failures"  # the failures list stays last
    per_topic = next(t for t in report.tables if t.title == "per topic").rows
    # one topic: its row is the pile's (two mentions, one gold event, two system events)
    assert per_topic == [["40", 2, 1, 2, report.headline["conll_f1"], 1.0, 0.0, 1.0]]
    split = next(t for t in report.tables if t.title.startswith("one gold event in two")).rows
    assert split[0][1] == 1  # the two "shot" reports
    joined = [events[0].model_copy(update={"mentions": events[0].mentions + events[1].mentions})]
    assert score_build(files, documents, analyses, joined).headline["conll_f1"] == 1.0
