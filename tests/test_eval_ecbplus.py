"""ECB+ reader: text rebuilt from tokens, URL lifted, gold clusters from the file name."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.evaluation.ecbplus import (
    detokenise,
    prepare_corpus,
    read_corpus,
    read_document,
)
from storyline.evaluation.ecbplus_scoring import level_scores, score
from storyline.evaluation.splits import in_part, split_keys
from storyline.models import CorpusView, Story, Storyline

TINY = """<?xml version="1.0" encoding="UTF-8"?>
<Document doc_name="{name}.xml" doc_id="DOC1">
<token t_id="1" sentence="0" number="0">http</token>
<token t_id="2" sentence="0" number="1">:</token>
<token t_id="3" sentence="0" number="2">/</token>
<token t_id="4" sentence="0" number="3">/</token>
<token t_id="5" sentence="0" number="4">www</token>
<token t_id="6" sentence="0" number="5">.</token>
<token t_id="7" sentence="0" number="6">example</token>
<token t_id="8" sentence="0" number="7">.</token>
<token t_id="9" sentence="0" number="8">com</token>
<token t_id="10" sentence="0" number="9">/</token>
<token t_id="11" sentence="0" number="10">quake</token>
<token t_id="14" sentence="1" number="2">struck</token>
<token t_id="12" sentence="1" number="0">An</token>
<token t_id="13" sentence="1" number="1">earthquake</token>
<token t_id="15" sentence="1" number="3">Chile</token>
<token t_id="16" sentence="1" number="4">'s</token>
<token t_id="17" sentence="1" number="5">coast</token>
<token t_id="18" sentence="1" number="6">,</token>
<token t_id="19" sentence="1" number="7">officials</token>
<token t_id="20" sentence="1" number="8">said</token>
<token t_id="21" sentence="1" number="9">.</token>
<token t_id="22" sentence="2" number="0">``</token>
<token t_id="23" sentence="2" number="1">It</token>
<token t_id="24" sentence="2" number="2">was</token>
<token t_id="25" sentence="2" number="3">strong</token>
<token t_id="26" sentence="2" number="4">&amp;</token>
<token t_id="27" sentence="2" number="5">long</token>
<token t_id="28" sentence="2" number="6">''</token>
<token t_id="29" sentence="2" number="7">(</token>
<token t_id="30" sentence="2" number="8">AP</token>
<token t_id="31" sentence="2" number="9">)</token>
<token t_id="32" sentence="2" number="10">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="14"/></ACTION_OCCURRENCE>
</Markables>
<Relations/>
</Document>
"""

EXPECTED_TEXT = "An earthquake struck Chile's coast, officials said.\n“It was strong & long” (AP)."


def _write(folder, name):
    path = folder / f"{name}.xml"
    path.write_text(TINY.format(name=name), encoding="utf-8")
    return path


def test_reads_tokens_into_text(tmp_path):
    doc = read_document(_write(tmp_path, "3_7ecbplus"))
    assert (doc.name, doc.topic, doc.half, doc.event) == ("3_7ecbplus", "3", "ecbplus", "3ecbplus")
    assert doc.url == "http://www.example.com/quake"
    assert doc.text == EXPECTED_TEXT


def test_corpus_limit_spans_gold_events(tmp_path):
    for topic in ("1", "2"):
        folder = tmp_path / topic
        folder.mkdir()
        for n in range(1, 4):
            for half in ("ecb", "ecbplus"):
                _write(folder, f"{topic}_{n}{half}")
    assert len(read_corpus(tmp_path)) == 12
    limited = read_corpus(tmp_path, limit=4)
    assert {d.event for d in limited} == {"1ecb", "1ecbplus", "2ecb", "2ecbplus"}
    prepared = prepare_corpus(limited, date(2026, 1, 1))
    assert [d.id for d in prepared] == [d.name for d in limited]
    assert prepared[0].url == "http://www.example.com/quake"


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["He", "said", "``", "no", "''", "."], "He said “no”."),
        (["Scrubs", ",", "'", "'", "has"], "Scrubs,” has"),
        (["a", '"', "quoted", "word", '"', "here"], 'a "quoted word" here'),
        (["it", "does", "n't", "cost", "$", "5", "(", "US", ")", "!"], "it doesn't cost $5 (US)!"),
        (["", "  ", "x"], "x"),
    ],
)
def test_detokenise(tokens, expected):
    assert detokenise(tokens) == expected


def test_score_perfect_and_singletons():
    gold = {"a": "1", "b": "1", "c": "2"}
    perfect = score(gold, {"a": "x", "b": "x", "c": "y"})
    assert (perfect["bcubed_f1"], perfect["ari"]) == (1.0, 1.0)
    apart = score(gold, {"a": "a", "b": "b", "c": "c"})
    assert apart["bcubed_p"] == 1.0 and apart["bcubed_r"] < 1.0


def test_real_corpus_when_present(eval_dir):
    docs = read_corpus(eval_dir / "ecbplus", limit=24)
    assert len(docs) == 24
    assert len({d.event for d in docs}) == 24  # one per gold event: 12 topics x 2 halves
    assert all(d.text and "http" not in d.text.split("\n")[0][:8] for d in docs)


def test_topics_are_split_by_number():
    """The tuning and check parts hold whole topics, by the salted hash of the topic number."""
    split = split_keys(str(t) for t in range(1, 13))
    assert split == {
        "tuning": ["1", "10", "11", "2", "3", "5", "7", "9"],
        "check": ["12", "4", "6", "8"],
    }
    assert in_part("4", "check") and in_part("4", "all") and not in_part("4", "tuning")


def test_levels_score_stories_and_storylines(tmp_path):
    """Event level against stories, topic level against storylines."""
    gold = {}
    for name in ("1_1ecb", "1_2ecb", "1_1ecbplus", "2_1ecb"):
        doc = read_document(_write(tmp_path, name))
        gold[name] = (doc.topic, doc.event)
    stories = [
        Story(id="s1", label="a", documents=["1_1ecb", "1_2ecb"]),
        Story(id="s2", label="b", documents=["1_1ecbplus"]),
        Story(id="s3", label="c", documents=["2_1ecb"]),
    ]
    lines = [
        Storyline(
            id="l1", label="a", stories=["s1", "s2"], documents=["1_1ecb", "1_2ecb", "1_1ecbplus"]
        ),
        Storyline(id="l2", label="c", stories=["s3"], documents=["2_1ecb"]),
    ]
    scores = level_scores(CorpusView(stories=stories, storylines=lines), gold)
    assert scores["event (stories)"]["bcubed_f1"] == 1.0
    assert scores["topic (storylines)"]["bcubed_f1"] == 1.0
    assert scores["topic (stories)"]["bcubed_f1"] < 1.0
