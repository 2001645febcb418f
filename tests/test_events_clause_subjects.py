"""Who did what when a verb form is no predicate of its own, or its clause names no subject
(issue 15): a participle that "as" introduces is a predicative, not an act ("listed X as
threatened"); a participle clause is passive, so the subject it borrows is its patient ("the
referendum, held under a charter … and intended to increase …"; "Arrested in Kabul, the
commander …"); an actor object does the "to"-infinitive after it ("directed agencies to
continue consulting"); a "to"-infinitive that is its verb's subject borrows no one ("“To accept
…, but then deny …, is a betrayal,” said X"); the doer of a relative clause acts in that clause,
not as the main clause's last-resort target ("announced at a forum that President Lula had
organised"). Sentences written here, not copied from any gold file."""

from __future__ import annotations

from tests.test_events import code, coded_on, words


def test_a_participle_introduced_by_as_is_no_act(nlp):
    events = code(
        "The ministry listed the river dolphin as threatened after a survey of the delta.", nlp
    )
    assert not [e for e in events if e.trigger == "threatened"], [
        (e.trigger, e.explanation) for e in events
    ]


def test_a_participle_clause_lends_no_doer_to_its_infinitive(nlp):
    events = code(
        "Millions of citizens voted in the referendum, held under a charter adopted in June "
        "and intended to increase the president's powers.",
        nlp,
    )
    for event in events:
        assert "citizens" not in words(event.source), (event.trigger, event.explanation)


def test_an_opening_participle_is_done_to_the_subject(nlp):
    (arrest,) = coded_on(
        "Arrested in Kabul on Monday, the militant commander was handed over to Afghan police.",
        "Arrested",
        nlp,
    )
    assert "commander" in words(arrest.target), arrest.explanation
    assert "commander" not in words(arrest.source), arrest.explanation


def test_an_actor_object_does_the_infinitive_after_it(nlp):
    (consult,) = coded_on(
        "The president directed federal agencies to continue consulting with tribal leaders "
        "on the pipeline.",
        "consulting",
        nlp,
    )
    assert words(consult.source) == "federal agencies", consult.explanation


def test_an_infinitive_subject_borrows_no_speaker(nlp):
    events = code(
        "“To accept the ceasefire, but then deny the refugees their return, is a betrayal,” "
        "said opposition leader Ali Hassan.",
        nlp,
    )
    for event in (e for e in events if e.trigger in ("accept", "deny")):
        assert "Hassan" not in words(event.source), event.explanation


def test_the_doer_of_a_relative_clause_is_no_target_of_the_main_clause(nlp):
    (deal,) = coded_on(
        "The trade deal was announced at a business forum that President Lula had organised "
        "in Brasilia.",
        "announced",
        nlp,
    )
    assert "Lula" not in words(deal.target), deal.explanation
