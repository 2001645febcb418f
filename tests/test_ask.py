"""``ask``: answers with values and citations, no-answer cases, hostile input, the LLM backend."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest

from storyline.ask.answer import AskIndex, answer_question
from storyline.ask.llm import LLMConfig, llm_answer
from storyline.ask.query import config, fts_query, keys_match, parse_question, term_key
from storyline.ask.values import figure_text, format_date
from storyline.briefing.compose import corpus_rows
from storyline.models.answers import Answer
from storyline.store import Store
from tests.test_summary import EUROPE, build_corpus, demo_corpus


def _store(docs, analyses, view) -> Store:
    store = Store(":memory:")
    store.add_documents(docs)
    store.save_analyses(analyses)
    store.replace_corpus(corpus_rows(view))
    return store


@pytest.fixture(scope="module")
def demo_store(demo):
    store = _store(*demo)
    yield store
    store.close()


@pytest.fixture(scope="module")
def demo(parsed_samples):
    return demo_corpus(parsed_samples)


@pytest.fixture(scope="module")
def europe_store(nlp):
    store = _store(*build_corpus(nlp, EUROPE))
    yield store
    store.close()


def _ids(answer: Answer) -> set[str]:
    return {c.doc_id[:3] for c in answer.citations}


# -- the demo corpus ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "value", "text", "cited"),
    [
        ("When did Modi call Putin?", "2024-03-20", "20 March 2024", {"000", "001"}),
        ("when did modi call putin", "2024-03-20", "20 March 2024", {"000", "001"}),
        (
            "What did Jaishankar deliver to Putin?",
            None,
            "written letter from Prime Minister Modi",
            {"002"},
        ),
        ("How much of India's oil imports come from Russia?", "40 %", "over 40%", {"003"}),
        ("When did Putin win the election?", "2024-03-18", "18 March 2024", {"001"}),
        ("Who won the election?", "person:vladimir-putin", "Vladimir Putin", {"001"}),
        ("Who did Modi congratulate?", "person:vladimir-putin", "Vladimir Putin", {"001"}),
        ("When did Jaishankar meet Lavrov?", "2023-12-27", "27 December 2023", {"002"}),
        ("Which countries congratulated Putin?", None, "China", {"000"}),
        ("When did the Ukraine war begin?", "2022-02", "February 2022", {"001"}),
        ("How much was India-Russia trade?", "50000000000 USD", "over $50 billion", {"002"}),
        ("Where did Jaishankar meet Putin?", None, "Kremlin", {"002"}),
        ("Which organisations does India belong to?", None, "Organization", set()),
    ],
)
def test_demo_answers(demo_store, question, value, text, cited):
    answer = answer_question(demo_store, question)
    assert answer.found, answer.explanation
    if value is not None:
        assert answer.value is not None and answer.value.value == value
        assert {d[:3] for d in answer.value.documents} >= cited
    assert text in answer.text
    assert _ids(answer) >= cited
    assert answer.documents == list(dict.fromkeys(c.doc_id for c in answer.citations))


def test_citations_are_real_sentences(demo, demo_store):
    docs = {d.id: d for d in demo[0]}
    answer = answer_question(demo_store, "When did Modi call Putin?", max_sentences=3)
    assert [c.number for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    for c in answer.citations:
        assert docs[c.doc_id].text[c.start : c.end] == c.sentence
        assert c.title == docs[c.doc_id].title
    for p in answer.value.evidence:
        assert docs[p.doc_id].text[p.sentence_start : p.sentence_end] == p.sentence
    # one evidence sentence from each source of the call, both cited
    assert {p.doc_id for p in answer.value.evidence} == {c.doc_id for c in answer.citations[:2]}


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_max_sentences(demo_store, limit):
    answer = answer_question(
        demo_store, "What did Jaishankar deliver to Putin?", max_sentences=limit
    )
    assert 1 <= len(answer.citations) <= limit


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("Who won the 2024 US election?", "No answer"),
        ("Who is Joe Biden?", "never mentions 'Joe', 'Biden'"),
        ("When did Macron visit Beijing?", "never mentions 'Macron', 'Beijing'"),
        ("How much did Tesla earn in 2023?", "never mentions 'Tesla'"),
        ("What is the population of Australia?", "never mentions 'Australia'"),
        ("When did Putin call Lavrov in 2019?", "No answer"),
        ("the of and to", "no words"),
    ],
)
def test_demo_no_answer(demo_store, question, says):
    answer = answer_question(demo_store, question)
    assert not answer.found
    assert says in answer.text
    assert answer.value is None and not answer.citations


@pytest.mark.parametrize(
    ("question", "says", "cited"),
    [
        ("When did Modi visit Moscow?", "gives no date", "003"),
        ("How much oil does China import?", "gives no figure", "003"),
    ],
)
def test_a_value_question_without_a_value_is_no_answer(demo_store, question, says, cited):
    answer = answer_question(demo_store, question)
    assert not answer.found and says in answer.text and answer.value is None
    assert cited in _ids(answer)  # the related sentences are still shown


def test_a_reused_index_gives_the_same_answer(demo_store):
    index = AskIndex.from_store(demo_store)
    question = "When did Modi call Putin?"
    assert answer_question(demo_store, question, index=index) == answer_question(
        demo_store, question
    )


# -- a general corpus -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "found", "text", "cited"),
    [
        ("When did Scholz call Macron?", True, "9 May 2023", {"a1", "a2"}),
        ("How much aid did Rutte pledge?", True, "150 million euros", {"a3"}),
        ("Who did Rutte meet?", True, "Andrzej Duda", {"a3"}),
        ("Where did Rutte meet Duda?", True, "Warsaw", {"a3"}),
        ("When did Rutte visit Warsaw?", True, "2 June 2023", {"a3"}),
        ("What did Macron invite Scholz to do?", True, "visit Paris", {"a2"}),
        ("Who won the Dutch election?", False, "No answer", set()),
        ("When did Scholz meet Xi Jinping?", False, "never mentions", set()),
    ],
)
def test_general_answers(europe_store, question, found, text, cited):
    answer = answer_question(europe_store, question)
    assert answer.found == found, answer.explanation
    assert text in answer.text
    assert {c.doc_id for c in answer.citations} >= cited


HEALTH = [
    (
        "h1",
        "2020-01-31",
        "Geneva, Jan 31: The World Health Organization (WHO) declared a global health emergency "
        "on Thursday over the new coronavirus, its director-general Tedros Adhanom Ghebreyesus "
        "told reporters in Geneva. The virus has infected 98 people in 18 countries outside "
        "China, the agency said.",
    ),
    (
        "h2",
        "2020-02-01",
        "The United States barred entry to foreign nationals who had recently visited China, "
        "Health Secretary Alex Azar announced on Friday. Airlines including Delta and American "
        "suspended flights to mainland China.",
    ),
]


@pytest.fixture(scope="module")
def health_store(nlp):
    store = _store(*build_corpus(nlp, HEALTH))
    yield store
    store.close()


@pytest.mark.parametrize(
    ("question", "found", "text", "value"),
    [
        # "Who" is a question word, not the WHO; the WHO is found under its full name
        ("Who declared a global health emergency?", True, "World Health Organization", None),
        ("When did the WHO declare an emergency?", True, "30 January 2020", "2020-01-30"),
        ("How many people has the virus infected outside China?", True, "98 people", None),
        # "US" and "America" are the United States the corpus writes out in full
        ("When did the US bar foreign nationals?", True, "31 January 2020", "2020-01-31"),
        ("WHEN DID AMERICA BAR FOREIGN NATIONALS?", True, "31 January 2020", "2020-01-31"),
        # a sentence that shares only the name answers nothing
        ("Who won the 2020 US election?", False, "No answer", None),
    ],
)
def test_names_are_read_like_the_entity_layer(health_store, question, found, text, value):
    answer = answer_question(health_store, question)
    assert answer.found == found, answer.explanation
    assert text in answer.text
    if value:
        assert answer.value.value == value


def test_template_questions_are_never_cited(europe_store):
    answer = answer_question(europe_store, "What is the EU gas storage target?")
    assert all(not c.sentence.endswith("?") for c in answer.citations)


# -- untrusted input ----------------------------------------------------------------------------
HOSTILE = [
    '"',
    "()",
    '"Modi" AND (Putin OR NEAR(call, 2))',
    'Modi" OR "1"="1',
    '"; DROP TABLE documents; --',
    "*",
    "Modi:Putin ^call {text}: NOT x",
    "x" * 10_000,
    "When did Modi call Putin? " * 1000,
    "\x00\x01When did Modi\x7f call Putin?",
    "",
    "   \n\t ",
    "?!?!",
    "NEAR/3 AND OR NOT",
    "modi* putin*",
]


@pytest.mark.parametrize("question", HOSTILE)
def test_hostile_questions_are_plain_words(demo_store, question):
    before = demo_store.count_documents()
    answer = answer_question(demo_store, question)
    assert isinstance(answer, Answer)
    assert len(answer.question) <= config()["max_question_chars"]
    assert "\x00" not in answer.question
    assert answer.found or answer.text
    assert demo_store.count_documents() == before
    if answer.query:
        demo_store.search_sentences(answer.query)  # accepted by FTS5 as it is


def test_a_long_repeated_question_is_cut_and_still_answered(demo_store):
    answer = answer_question(demo_store, "When did Modi call Putin? " * 1000)
    assert answer.found and answer.value.value == "2024-03-20"
    assert "cut" in answer.explanation


@pytest.mark.parametrize(
    ("words", "query"),
    [
        (["Modi", "Putin"], '"modi" OR "putin"'),
        (['"Modi"', "(Putin)"], '"modi" OR "putin"'),
        (["AND", "OR", "NEAR"], '"and" OR "or" OR "near"'),
        (["col:umn", "pre*"], '"col" OR "umn" OR "pre"'),
        (["India's"], '"india\'s"'),
        (["***", "()"], ""),
    ],
)
def test_fts_query_quotes_every_word(words, query):
    assert fts_query(words) == query


@pytest.mark.parametrize(
    ("question", "kind", "terms", "dates"),
    [
        ("When did Modi call Putin?", "when", ["Modi", "call", "Putin"], ()),
        (
            "How much of India's oil imports come from Russia?",
            "how_much",
            ["India", "oil", "imports", "come", "Russia"],
            (),
        ),
        ("How many troops were sent in March 2022?", "how_many", ["troops", "sent"], ("2022-03",)),
        ("Who won the 2024 US election?", "who", ["won", "US", "election"], ("2024",)),
        (
            "Which countries congratulated Putin?",
            "who",
            ["countries", "congratulated", "Putin"],
            (),
        ),
        ("Where did they meet on 5 May 2023?", "where", ["meet"], ("2023-05-05",)),
        ("What did Jaishankar deliver to Putin?", "what", ["Jaishankar", "deliver", "Putin"], ()),
        ("Why did Putin call Modi?", "why", ["Putin", "call", "Modi"], ()),
        ("Did Modi call Putin?", "yes_no", ["Modi", "call", "Putin"], ()),
        ("Tell us about the talks", None, ["talks"], ()),
    ],
)
def test_parse_question(question, kind, terms, dates):
    q = parse_question(question)
    assert q.kind == kind
    assert [t.text for t in q.terms] == terms
    assert q.dates == dates


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("call", "called", True),
        ("agree", "agreed", True),
        ("election", "elected", True),
        ("met", "meet", True),
        ("imports", "import", True),
        ("war", "ward", False),
        ("trade", "tradition", False),
    ],
)
def test_word_keys(a, b, same):
    assert keys_match(term_key(a), term_key(b)) == same


@pytest.mark.parametrize(
    ("value", "end", "text"),
    [
        ("2024-03-20", None, "20 March 2024"),
        ("2023-12", None, "December 2023"),
        ("2023", None, "2023"),
        ("2023-12-25", "2023-12-29", "25–29 December 2023"),
        ("2023-12-25", "XXXX-12-29", "25 December 2023"),
        ("PRESENT_REF", None, "now"),  # TIMEX codes are never shown (issue 14)
        ("XXXX-WXX-4", None, "Thursday (date unknown)"),
    ],
)
def test_format_date(value, end, text):
    assert format_date(value, end) == text


def test_figure_text_puts_a_comparative_first(demo):
    figures = {f.text: f for a in demo[1] for f in a.figures}
    assert figure_text(figures["$50 billion"]) == "over $50 billion"
    assert figure_text(figures["over 40%"]) == "over 40%"


# -- the optional LLM backend, against a fake local server ----------------------------------
class _Fake(BaseHTTPRequestHandler):
    reply: ClassVar[object] = None
    status: ClassVar[int] = 200
    seen: ClassVar[list[dict]] = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen.append(
            {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
        )
        data = json.dumps(self.reply).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_llm():
    server = HTTPServer(("127.0.0.1", 0), _Fake)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Fake.seen, _Fake.status = [], 200
    yield server, f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def _reply(text: str) -> dict:
    return {"choices": [{"message": {"role": "assistant", "content": text}}]}


def test_llm_answer_cites_the_sentences_it_was_given(demo_store, fake_llm):
    _, url = fake_llm
    _Fake.reply = _reply("He delivered a written letter from Modi [1].")
    llm = LLMConfig(base_url=url, model="tiny", api_key="secret")
    answer = answer_question(demo_store, "What did Jaishankar deliver to Putin?", llm=llm)
    assert answer.backend == "llm" and answer.found
    assert answer.text == "He delivered a written letter from Modi [1]."
    assert [c.number for c in answer.citations] == [1]
    assert "written letter" in answer.citations[0].sentence
    (request,) = _Fake.seen
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer secret"
    prompt = request["body"]["messages"][-1]["content"]
    assert "[1] Jaishankar personally delivered" in prompt
    assert "Read Also" not in prompt and "Step 1" not in prompt  # only retrieved sentences
    assert "secret" not in repr(llm)


@pytest.mark.parametrize(
    ("status", "reply", "why"),
    [
        (200, _reply("Jaishankar brought a letter."), "cited no sentence"),
        (200, _reply("A letter [1], see also [42]."), "not given"),
        (500, {"error": "boom"}, "failed"),
        (200, {"unexpected": True}, "failed"),
    ],
)
def test_llm_answer_is_rejected_and_the_extractive_one_kept(
    demo_store, fake_llm, status, reply, why
):
    _, url = fake_llm
    _Fake.status, _Fake.reply = status, reply
    llm = LLMConfig(base_url=url, model="tiny")
    plain = answer_question(demo_store, "What did Jaishankar deliver to Putin?")
    answer = answer_question(demo_store, "What did Jaishankar deliver to Putin?", llm=llm)
    assert answer.backend == "extractive"
    assert answer.text == plain.text and answer.citations == plain.citations
    assert why in answer.explanation


def test_llm_is_not_asked_when_the_corpus_has_no_answer(demo_store, fake_llm):
    _, url = fake_llm
    _Fake.reply = _reply("Someone won [1].")
    answer = answer_question(
        demo_store, "Who won the 2024 US election?", llm=LLMConfig(base_url=url, model="m")
    )
    assert not answer.found and _Fake.seen == []


def test_llm_unreachable_falls_back(demo_store):
    llm = LLMConfig(base_url="http://127.0.0.1:9/v1", model="m", timeout=2)
    answer = answer_question(demo_store, "When did Modi call Putin?", llm=llm)
    assert answer.backend == "extractive" and answer.value.value == "2024-03-20"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, None),
        ({"STORYLINE_LLM_URL": "http://localhost:8080/v1"}, None),
        (
            {"STORYLINE_LLM_URL": "http://localhost:8080/v1/", "STORYLINE_LLM_MODEL": "qwen"},
            LLMConfig("http://localhost:8080/v1", "qwen"),
        ),
        (
            {
                "STORYLINE_LLM_URL": "http://h/v1",
                "STORYLINE_LLM_MODEL": "m",
                "STORYLINE_LLM_API_KEY": "k",
            },
            LLMConfig("http://h/v1", "m", "k"),
        ),
    ],
)
def test_llm_config_from_env(env, expected):
    assert LLMConfig.from_env(env) == expected


def test_llm_answer_direct(fake_llm, demo_store):
    from storyline.store import SentenceHit

    _, url = fake_llm
    _Fake.reply = _reply("Yes [2].")
    base = Answer(question="q?", found=True, text="x", explanation="e")
    hits = [SentenceHit("d", 0, 0, 5, "One.", 1.0), SentenceHit("d", 1, 6, 11, "Two.", 0.5)]
    answer = llm_answer(LLMConfig(base_url=url, model="m"), base, hits, {})
    assert answer.backend == "llm" and [c.sentence for c in answer.citations] == ["Two."]


@pytest.mark.parametrize(
    ("question", "reply", "why"),
    [
        # the model may word the answer, never change it: the checked date must be stated …
        ("When did Modi call Putin?", "Modi called Putin on 19 March 2024 [1].", "checked value"),
        # … and never as a raw code
        ("When did Modi call Putin?", "It was on XXXX-WXX-3, i.e. 20 March 2024 [1].", "code"),
        # a who-question keeps its person
        ("Who did Modi congratulate?", "He congratulated the Russian people [1].", "checked"),
        ("How much was India-Russia trade?", "Trade was about $30 billion [1].", "checked"),
    ],
)
def test_llm_answer_obeys_the_extractive_checks(demo_store, fake_llm, question, reply, why):
    _, url = fake_llm
    _Fake.reply = _reply(reply)
    answer = answer_question(demo_store, question, llm=LLMConfig(base_url=url, model="tiny"))
    assert answer.backend == "extractive" and why in answer.explanation


def test_llm_answer_that_states_the_value_is_kept(demo_store, fake_llm):
    _, url = fake_llm
    _Fake.reply = _reply("They spoke by phone on 20 March 2024 [1][2].")
    answer = answer_question(
        demo_store, "When did Modi call Putin?", llm=LLMConfig(base_url=url, model="tiny")
    )
    assert answer.backend == "llm" and answer.value.value == "2024-03-20"


# -- question types decide the answer's type ---------------------------------------------------
@pytest.mark.parametrize(
    ("question", "kind", "types"),
    [
        ("Who shot the workers?", "who", {"PERSON", "ORG"}),
        ("Who was charged with arson?", "who", {"PERSON", "ORG"}),
        ("Whom did the minister meet?", "who", {"PERSON", "ORG"}),
        ("Which countries backed the plan?", "who", {"GPE", "NORP"}),
        ("Which company won the contract?", "who", {"ORG"}),
        ("Where did the talks take place?", "where", {"GPE", "LOC", "FAC"}),
        ("In which city was the summit held?", "where", {"GPE"}),
        ("When was the deal signed?", "when", {"date"}),
        ("In what year did the war begin?", "when", {"date"}),
        ("How much did the contract cost?", "how_much", {"money", "percent"}),
        ("What share of imports comes from Russia?", "how_much", {"money", "percent"}),
        ("How many people were killed?", "how_many", {"count", "duration"}),
        ("Why did the talks fail?", "why", {"sentence"}),
        ("What did the leaders agree?", "what", {"sentence"}),
        ("Did India sign the communique?", "yes_no", {"sentence"}),
        ("Has Russia delivered the missiles?", "yes_no", {"sentence"}),
    ],
)
def test_question_type_decides_the_answer_type(question, kind, types):
    from storyline.ask.people import answer_types

    q = parse_question(question)
    assert q.kind == kind
    assert answer_types(q) == types


@pytest.mark.parametrize(
    ("question", "act", "counted"),
    [
        ("Who shot the workers?", "shot", None),
        ("Who was charged with arson?", "charged", None),
        ("Who did Modi congratulate?", "congratulate", None),
        ("Who is Sergey Lavrov?", None, None),  # asks for the person, not a doer
        ("Which countries backed the plan?", None, None),  # the type is the constraint
        ("How many countries backed the communique?", None, "countries"),
        ("How many hours did they meet?", None, "hours"),
    ],
)
def test_what_a_question_constrains(question, act, counted):
    from storyline.ask.query import predicate

    q = parse_question(question)
    spans = [(t.start, t.end) for t in q.tokens if t.capitalised and t.start > 0]
    found = predicate(q, spans)
    assert (found.text if found else None) == act
    assert q.counted == counted


def _whois_store(nlp):
    docs = [
        (
            "w1",
            "2024-07-01",
            "Russian Foreign Minister Sergey Lavrov met Indian External Affairs Minister S. "
            "Jaishankar in Moscow on Monday. Lavrov said the talks were useful.",
        ),
        (
            "w2",
            "2024-07-02",
            "A day after the talks, Lavrov told reporters in Moscow that trade would grow.",
        ),
    ]
    return _store(*build_corpus(nlp, docs))


def test_who_is_answers_with_the_role_from_the_entity_layer(nlp):
    store = _whois_store(nlp)
    answer = answer_question(store, "Who is Sergey Lavrov?")
    assert answer.found and answer.value is not None
    assert answer.text.startswith("Sergey Lavrov: ") and "Minister" in answer.text
    assert "Jaishankar" not in answer.text  # never another person
    assert answer.citations and "Foreign Minister" in answer.citations[0].sentence
    store.close()


def test_a_wrong_type_candidate_is_never_the_answer(nlp):
    """A sentence that names only a nationality and a town gives no answer to "who"."""
    docs = [
        (
            "s1",
            "2024-05-02",
            "Two workers were shot dead in Rampur on Tuesday, and Muslim residents of the town "
            "said they had heard shots near the mill.",
        )
    ]
    store = _store(*build_corpus(nlp, docs))
    answer = answer_question(store, "Who shot the workers?")
    assert not answer.found or (
        answer.value is not None and answer.value.kind in {"person", "organisation"}
    )
    assert "Muslim" not in answer.text and "Rampur" not in answer.text
    store.close()


def test_a_disputed_figure_is_answered_with_both_sides(nlp):
    docs = [
        ("c1", "2024-06-16", "The summit ended with a communique backed by 80 countries."),
        ("c2", "2024-06-17", "The summit ended with a document endorsed by 84 countries."),
    ]
    store = _store(*build_corpus(nlp, docs))
    answer = answer_question(store, "How many countries backed the communique at the summit?")
    assert answer.found and answer.text.startswith("Sources disagree")
    assert "80" in answer.text and "84" in answer.text
    assert {c.doc_id for c in answer.citations} >= {"c1", "c2"}
    store.close()
