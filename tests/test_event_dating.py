"""Event dates from the event's own words (events/dating.py), through the real timex layer."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from spacy.tokens import Doc

from storyline.evaluation.event_layers import mentions_from_ents, sentence_document
from storyline.events.clause_time import ClauseSyntax
from storyline.events.dating import EventDater
from storyline.events.extract import extract_event_mentions
from storyline.nlp import parse_one
from storyline.timex.extract import extract_timexes

FRIDAY = "2024-05-10"  # a Friday


def event_dates(nlp, text: str, published: str | None = FRIDAY) -> dict[str, str | None]:
    """trigger's first word → the event's date, for every event coded in ``text``."""
    document = sentence_document("doc", text).model_copy(update={"published": published})
    parsed = parse_one(document.text, nlp)
    timexes = extract_timexes(document, parsed)
    events = extract_event_mentions(document, parsed, timexes, mentions_from_ents(document, parsed))
    return {e.trigger.split()[0].lower(): e.date for e in events}


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the expression attached to the event's own clause
        ("Emmanuel Macron met Olaf Scholz on Wednesday in Berlin.", "met", "2024-05-08"),
        # a clause that shares the main clause's time ("…, holding talks …")
        (
            "Prime Minister Narendra Modi on Thursday became the first leader to visit Kyiv, "
            "holding talks with Volodymyr Zelenskyy.",
            "holding",
            "2024-05-09",
        ),
        # a trailing attribution does not take the clause's time away
        (
            "Narendra Modi called Vladimir Putin on Tuesday, the office said.",
            "called",
            "2024-05-07",
        ),
        # a year after "since" bounds another time, it does not date the visit
        (
            "The summit in Woodside was Xi Jinping's first visit to the United States since 2017.",
            "visit",
            None,
        ),
        # a time after an event noun is that noun's ("the landing … on May 3")
        (
            "Vladimir Putin phoned Narendra Modi on Wednesday. Putin also congratulated Modi on "
            "the successful landing of the probe on May 3.",
            "congratulated",
            "2024-05-08",
        ),
        # late closure needs an event noun heading its phrase: not a modifier inside the
        # phrase (TimeBank "signed an economic cooperation plan Friday"), not a thing noun
        # with an event suffix ("positions")
        (
            "Leonid Kuchma and Boris Yeltsin signed an economic cooperation plan on Tuesday.",
            "signed",
            "2024-05-07",
        ),
        ("Russian troops attacked Georgian positions on Tuesday.", "attacked", "2024-05-07"),
        # an occasion noun holds its clause's act, so it overlaps the act's time (TimeBank
        # "approved at a special shareholders' meeting yesterday")
        (
            "The merger was approved at a special shareholders' meeting yesterday.",
            "meeting",
            "2024-05-09",
        ),
        ("Narendra Modi spoke at the SCO summit in Astana on Tuesday.", "summit", "2024-05-07"),
        # a "when" clause on a time expression happened at that time, whatever bounds the time
        # in its own clause (TimeBank "lived in London from 1968, when the Soviets invaded …")
        (
            "Jan Kavan lived in London from 1968, when the Soviets invaded Czechoslovakia, "
            "until 1989.",
            "invaded",
            "1968",
        ),
        (
            "The protest marked a return to the larger demonstrations of early December, when "
            "hundreds of thousands of people rallied in Havana.",
            "rallied",
            "2023-12",
        ),
        # the story's reference day carries to simple-past main clauses with no time of their own
        (
            "Joe Biden met Xi Jinping on Wednesday in California. Biden and Xi agreed to resume "
            "military talks.",
            "agreed",
            "2024-05-08",
        ),
        # … but not past a dated pluperfect, which opens a flashback (a praise of a named person:
        # a bare common-noun target such as "the hosts" codes no event)
        (
            "Joe Biden met Xi Jinping on Wednesday. Jake Sullivan had said on Monday that the "
            "talks would be long. Xi also praised Biden.",
            "praised",
            None,
        ),
        # an earlier day in the simple past is background: the next sentence may go on telling
        # it ("was in a wheelchair Nov. 30 when he pulled a gun … The guards … were forced to
        # drive", ECB+ 3_10) …
        (
            "Joe Biden met Xi Jinping on Wednesday. Officials prepared the venue on Monday. Xi "
            "praised Biden.",
            "praised",
            "2024-05-06",
        ),
        # … after which the story returns to its own day
        (
            "Joe Biden met Xi Jinping on Wednesday. Officials prepared the venue on Monday. The "
            "summit ended with a long statement. Xi also praised Biden.",
            "praised",
            "2024-05-08",
        ),
        # a main clause dated by a week that has begun ("this week", "last week", "over the
        # weekend") moves to a coarser time: the story's day ends there, as after a month …
        (
            "Joe Biden met Xi Jinping on Wednesday. Last week, Antony Blinken visited Beijing. "
            "Xi also praised Biden.",
            "praised",
            None,
        ),
        # … and the clause a week dates is not on the story's day either (TimeBank "Last week
        # the FBI joined Canadian authorities to investigate …")
        (
            "Joe Biden met Xi Jinping on Wednesday. Last week, Antony Blinken visited Beijing.",
            "visited",
            None,
        ),
        (
            "Joe Biden met Xi Jinping on Wednesday. Antony Blinken met Wang Yi at 3 pm.",
            "met",
            "2024-05-08",
        ),
        # … while a later week is a plan, which leaves the story's day in force
        (
            "Joe Biden met Xi Jinping on Wednesday. Antony Blinken will visit Beijing next week. "
            "Xi also praised Biden.",
            "praised",
            "2024-05-08",
        ),
        # a later day moves the story on
        (
            "Joe Biden met Xi Jinping on Monday. Antony Blinken met Wang Yi on Wednesday. Xi also "
            "praised Biden.",
            "praised",
            "2024-05-08",
        ),
        # the lede names the story's day wherever it puts it, not only in its main clause
        (
            "Narendra Modi was among the leaders who backed the declaration adopted on "
            "Wednesday. The summit in the Kremlin ended with a long statement. Modi also praised "
            "Joe Biden.",
            "praised",
            "2024-05-08",
        ),
        # … but not a day it orders against another time
        (
            "Narendra Modi was in Moscow a day after the leaders met on Wednesday. The summit "
            "ended with a long statement. Modi also praised Joe Biden.",
            "praised",
            None,
        ),
        # a definite event noun a clause is about names a known event, not the story's day
        (
            "Joe Biden met Xi Jinping on Wednesday in California. Wang Yi's visit to Washington "
            "underscored the thaw.",
            "visit",
            None,
        ),
        # … nor one of a "since" clause the parser hung on the main verb as a conjunct
        (
            "Narendra Modi was in Kyiv, the first visit by an Indian leader since Moscow first "
            "sent its troops into Ukraine on Wednesday. The summit in the Kremlin ended with a "
            "long statement. Modi also praised Volodymyr Zelenskyy.",
            "praised",
            None,
        ),
        # a coarser time ends the story's day
        (
            "Joe Biden met Xi Jinping on Wednesday. In 2019, the talks stalled. Xi also "
            "praised Biden.",
            "praised",
            None,
        ),
        # a clause in the future does not date a past one, nor the other way round
        (
            "Narendra Modi praised Joe Biden on Monday. Biden will visit India next month.",
            "praised",
            "2024-05-06",
        ),
        # "since <clause> on <date>" bounds the visit: the clause's date sets no reference day
        # for the next sentence, and "a day after" counts from the story's day, not from it
        (
            "Olaf Scholz held talks with Fumio Kishida in Tokyo on Tuesday, the first visit by a "
            "German chancellor since Berlin changed its Asia policy on March 3. Opening the talks, "
            "Scholz said the ministers were meeting at a difficult time.",
            "opening",
            "2024-05-07",
        ),
        (
            "Olaf Scholz held talks with Fumio Kishida in Tokyo on Tuesday, the first visit by a "
            "German chancellor since Berlin changed its Asia policy on March 3. The visit came a "
            "day after Antony Blinken held talks in the capital.",
            "held",  # Blinken's talks (the later "held" of the two): Tuesday minus a day
            "2024-05-06",
        ),
        # a "when" clause happens at its main clause's time
        (
            "When Antony Blinken came to Beijing in the first days of April 2023, Xi Jinping "
            "received Blinken.",
            "received",
            "2023-04",
        ),
        # … a "when" clause with no date leaves the event to the other rules
        (
            "When the talks ended, Xi Jinping received Antony Blinken on Monday.",
            "received",
            "2024-05-06",
        ),
        # a clause placed from its main clause's day: "a day after", "two months after"
        (
            "On Thursday, Narendra Modi phoned Vladimir Putin, a day after he met Joe Biden.",
            "met",
            "2024-05-08",
        ),
        # a clause coordinated with the one "a day after" governs shares its offset ("after
        # Lawson's resignation slapped the market and Wall Street's sell-off knocked it down",
        # TimeBank; "after rioters broke a window and threw Molotov cocktails", ECB+)
        (
            "Olaf Scholz visited Paris on Thursday. The visit came a day after Antony Blinken "
            "held talks in Berlin and Wang Yi warned Germany against new tariffs.",
            "warned",
            "2024-05-08",
        ),
        (
            "Olaf Scholz visited Paris on Thursday. The visit came two months after Scholz met "
            "Emmanuel Macron in Berlin.",
            "met",
            "2024-03",
        ),
        # the day a report names is the day of what happened, never of what is planned
        (
            "Chancellor Olaf Scholz met President Emmanuel Macron in Paris, the chancellery "
            "said on Wednesday.",
            "met",
            "2024-05-08",
        ),
        (
            "Chancellor Olaf Scholz will visit Paris, the chancellery said on Wednesday.",
            "visit",
            None,
        ),
        # what happens during an occasion is dated by the occasion's time words
        (
            "The foreign ministers discussed the situation in Gaza during a phone call on Monday.",
            "discussed",
            "2024-05-06",
        ),
        # an infinitival relative shares the time of the clause it completes
        (
            "Narendra Modi on Thursday became the first Indian leader to visit Kyiv.",
            "visit",
            "2024-05-09",
        ),
        # a month and year in the event's clause: the month, not a day
        (
            "The last time the leaders met was in Bali in November 2022.",
            "met",
            "2022-11",
        ),
    ],
)
def test_event_dates(nlp, text: str, trigger: str, expected: str | None) -> None:
    dates = event_dates(nlp, text)
    assert trigger in dates, f"{trigger!r} not coded in {dates}"
    assert dates[trigger] == expected


def test_weekday_resolves_back_for_the_past_and_ahead_for_the_future(nlp) -> None:
    dates = event_dates(nlp, "Olaf Scholz met Emmanuel Macron on Monday.")
    assert dates["met"] == "2024-05-06"
    ahead = event_dates(nlp, "Olaf Scholz will meet Emmanuel Macron on Monday.")
    assert ahead["meet"] == "2024-05-13"


def test_undated_article_leaves_relative_dates_undated(nlp) -> None:
    dates = event_dates(nlp, "Olaf Scholz met Emmanuel Macron on Monday.", published=None)
    assert dates["met"] is None


# The parser slip "since Moscow sent …": "since" read as a preposition with "Moscow" as its
# object, "sent" hung on the main verb as a conjunct (seen in spaCy's parse of wire ledes).
SLIP = [
    # word, head, dep, pos
    ("Lavrov", 1, "nsubj", "PROPN"),
    ("held", 1, "ROOT", "VERB"),
    ("talks", 1, "dobj", "NOUN"),
    ("on", 1, "prep", "ADP"),
    ("Friday", 3, "pobj", "PROPN"),
    (",", 1, "punct", "PUNCT"),
    ("the", 8, "det", "DET"),
    ("first", 8, "amod", "ADJ"),
    ("visit", 12, "nsubj", "NOUN"),
    ("since", 8, "prep", "SCONJ"),
    ("Moscow", 9, "pobj", "PROPN"),
    ("first", 12, "advmod", "ADV"),
    ("sent", 1, "conj", "VERB"),
    ("troops", 12, "dobj", "NOUN"),
]


def _slip_doc(nlp, rows: list[tuple[str, int, str, str]]) -> Doc:
    words, heads, deps, pos = (list(column) for column in zip(*rows, strict=True))
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)


@pytest.mark.parametrize(
    ("rows", "verb", "expected"),
    [
        (SLIP, 12, True),  # "since Moscow first sent": the subordinate clause
        (SLIP, 1, False),  # the main verb itself
        # "… and Moscow sent troops": a real conjunct after a plain noun phrase
        ([*SLIP[:9], ("and", 1, "cc", "CCONJ"), *SLIP[10:]], 12, False),
        # "… with Moscow sent …": a preposition that orders no time
        ([*SLIP[:9], ("with", 8, "prep", "ADP"), *SLIP[10:]], 12, False),
    ],
)
def test_misparsed_subordinate_clause(nlp, rows, verb: int, expected: bool) -> None:
    syntax = ClauseSyntax(_slip_doc(nlp, rows))
    assert syntax.misparsed_subordinate(syntax.parsed[verb]) is expected
    if expected:  # it leaves the main clause, and the subject noun dates with the main clause
        assert verb not in syntax.main_clause(syntax.parsed[1])


@pytest.mark.parametrize(
    ("value", "published", "begun"),
    [
        ("2024-W10", "2024-03-06", True),  # this week, published on its Wednesday
        ("2024-W10-WE", "2024-03-06", False),  # its weekend has not begun
        ("2024-W11", "2024-03-06", False),  # next week: a plan
        ("2021-W53", "2021-06-01", False),  # no such week: nothing ends the story's day
        ("2024-W00", "2024-01-02", False),
    ],
)
def test_a_begun_week_is_told_from_one_that_has_not_or_does_not_exist(
    value: str, published: str, begun: bool
) -> None:
    dater = SimpleNamespace(document=SimpleNamespace(published=published))
    timex = SimpleNamespace(value=value)
    assert EventDater._past_week(dater, timex) is begun  # type: ignore[arg-type]
