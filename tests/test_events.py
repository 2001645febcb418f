"""Event coding of single sentences: type, mode, source, target, location, date, factuality."""

from __future__ import annotations

import pytest

from storyline.evaluation.event_layers import mentions_from_ents, sentence_document
from storyline.events.extract import extract_event_mentions
from storyline.models import EventMention, Provenance, Timex
from storyline.nlp import parse_one


def timex(document, text: str, value: str | None, type_: str = "DATE") -> Timex:
    """A hand-made temporal expression over the first occurrence of ``text``."""
    start = document.text.index(text)
    end = start + len(text)
    return Timex(
        id=f"t{start}",
        text=text,
        type=type_,
        value=value,
        rule="test",
        provenance=Provenance(
            doc_id=document.id,
            start=start,
            end=end,
            sentence=document.text,
            sentence_start=0,
            sentence_end=len(document.text),
        ),
    )


def code(
    text: str,
    nlp,
    timexes: dict[str, str] | None = None,
    published: str | None = None,
) -> list[EventMention]:
    document = sentence_document("doc", text)
    if published:
        document = document.model_copy(update={"published": published})
    parsed = parse_one(document.text, nlp)
    hand = [timex(document, t, v) for t, v in (timexes or {}).items()]
    return extract_event_mentions(document, parsed, hand, mentions_from_ents(document, parsed))


def coded_on(text: str, trigger: str, nlp) -> list[EventMention]:
    """The events of ``text`` coded on a trigger holding ``trigger``; fails, listing the
    triggers coded, when there is none."""
    events = code(text, nlp)
    found = [e for e in events if trigger in e.trigger]
    assert found, [e.trigger for e in events]
    return found


def assert_not_coded(text: str, trigger: str, nlp) -> None:
    """No event of ``text`` is coded on a trigger holding ``trigger`` (the codings explained
    when one is)."""
    events = code(text, nlp)
    assert not [e for e in events if trigger in e.trigger], [e.explanation for e in events]


def main_event(mentions: list[EventMention], nlp_doc_text: str, nlp) -> EventMention:
    """The event whose trigger is highest in the dependency tree (the main predicate)."""
    parsed = parse_one(nlp_doc_text, nlp)

    def depth(mention: EventMention) -> int:
        span = parsed.char_span(
            mention.provenance.start, mention.provenance.end, alignment_mode="expand"
        )
        best = 99
        for token in span:
            node, d = token, 0
            while node.head.i != node.i:
                node, d = node.head, d + 1
            best = min(best, d)
        return best

    assert mentions, f"no event coded in {nlp_doc_text!r}"
    return min(mentions, key=lambda m: (depth(m), m.provenance.start))


def words(actors) -> str:
    return " | ".join(a.text for a in actors)


# sentence, type, mode, a source word, a target word ("" = no target), factuality
CODING = [
    (
        "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin.",
        "CONSULT", "meet", "Macron", "Scholz", "asserted",
    ),
    (
        "Japanese Prime Minister Fumio Kishida telephoned U.S. President Joe Biden.",
        "CONSULT", "phone", "Kishida", "Biden", "asserted",
    ),
    (
        "Turkish President Recep Tayyip Erdogan held talks with Ukrainian President Volodymyr "
        "Zelensky in Istanbul.",
        "CONSULT", None, "Erdogan", "Zelensky", "asserted",
    ),
    (
        "Indian Prime Minister Narendra Modi had a phone conversation with Australian Prime "
        "Minister Anthony Albanese.",
        "CONSULT", "phone", "Modi", "Albanese", "asserted",
    ),
    (
        "During a phone call on Monday, Chancellor Olaf Scholz discussed Gaza with Emmanuel "
        "Macron.",
        "CONSULT", "phone", "Scholz", "Macron", "asserted",
    ),
    (
        "Kenyan President William Ruto paid a state visit to Washington.",
        "CONSULT", "visit", "Ruto", "Washington", "asserted",
    ),
    (
        "Chancellor Olaf Scholz hosted Polish Prime Minister Donald Tusk in Berlin.",
        "CONSULT", "host", "Scholz", "Tusk", "asserted",
    ),
    (
        "Canada condemned the attack on its embassy in Haiti.",
        "DISAPPROVE", None, "Canada", "", "asserted",
    ),
    (
        "The United Nations praised Kenya's efforts to end the drought.",
        "SUPPORT", "praise", "United Nations", "Kenya", "asserted",
    ),
    (
        "Israel and Egypt signed a peace treaty.",
        "SUPPORT", "sign", "Israel", "", "asserted",
    ),
    (
        "North Korea rejected South Korea's offer of talks.",
        "REJECT", None, "North Korea", "South Korea", "asserted",
    ),
    (
        "Pakistan demanded that India release the detained fishermen.",
        "DEMAND", None, "Pakistan", "India", "asserted",
    ),
    (
        "Iran threatened to impose sanctions on Britain.",
        "THREATEN", "relations", "Iran", "Britain", "asserted",
    ),
    (
        "Police arrested dozens of opposition activists in Dhaka.",
        "COERCE", "arrest", "Police", "activists", "asserted",
    ),
    (
        "Thousands of students demonstrated in Santiago against the education reform.",
        "PROTEST", "demo", "students", "", "asserted",
    ),
    (
        "Rebels shelled the city of Goma with artillery.",
        "FIGHT", "heavy-weapons", "Rebels", "Goma", "asserted",
    ),
    (
        "The European Union agreed to provide emergency aid to Sudan.",
        "AGREE", None, "European Union", "Sudan", "asserted",
    ),
    (
        "Officials said Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei "
        "Lavrov in Beijing.",
        "CONSULT", "meet", "Wang Yi", "Lavrov", "reported",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "type_", "mode", "source", "target", "factuality"), CODING)
def test_coding_of_news_sentences(nlp, text, type_, mode, source, target, factuality):
    mentions = code(text, nlp)
    event = main_event(mentions, text, nlp)
    assert (event.type, event.mode) == (type_, mode), event.explanation
    assert source in words(event.source), event.explanation
    if target:
        assert target in words(event.target), event.explanation
    assert event.factuality == factuality, event.explanation
    assert event.rule and event.explanation.startswith("rule ")
    assert event.provenance.sentence == text


def test_location_and_seat_of_government(nlp):
    text = (
        "Indian Foreign Minister S. Jaishankar met Russian President Vladimir Putin at the Kremlin."
    )
    (event,) = [e for e in code(text, nlp) if e.type == "CONSULT"]
    assert event.location == "Kremlin, Moscow"
    assert event.mode == "meet"
    assert "Putin" in words(event.target)


WHERE_CLAUSES = [
    ("The envoys later flew to Geneva, where Blinken signed a ceasefire accord.", "Geneva"),
    (
        "Then came the trip to Hanoi, where Albanese met Vietnam's prime minister and signed "
        "a trade pact.",
        "Hanoi",
    ),
    ("Scholz signed a trade pact where the talks had failed before.", None),  # no antecedent
]


@pytest.mark.parametrize(("text", "place"), WHERE_CLAUSES)
def test_a_where_clause_locates_its_act_at_the_antecedent(nlp, text, place):
    signed = [e for e in code(text, nlp) if "sign" in e.trigger]
    assert signed, [e.trigger for e in code(text, nlp)]
    assert signed[0].location == place


def test_visit_destination_is_target_and_location(nlp):
    text = "Brazilian President Lula embarked on a two-day visit to Beijing."
    (event,) = code(text, nlp)
    assert (event.type, event.mode) == ("CONSULT", "visit")
    assert words(event.target) == "Beijing"
    assert event.location == "Beijing"


def test_possessive_nominal_visit(nlp):
    text = "Macron's visit to Algeria was widely covered."
    (event,) = code(text, nlp)
    assert (event.type, event.mode) == ("CONSULT", "visit")
    assert "Macron" in words(event.source)
    assert "Algeria" in words(event.target)


def test_reciprocal_nominal_has_all_participants_as_sources(nlp):
    text = "The talks between Blinken and Wang lasted four hours."
    (event,) = code(text, nlp)
    assert event.type == "CONSULT"
    assert "Blinken" in words(event.source) and "Wang" in words(event.source)
    assert event.target == []


def test_letter_from_a_leader_is_coded_between_sender_and_recipient(nlp):
    text = "Ambassador Lee delivered a letter from President Yoon to Prime Minister Kishida."
    (event,) = code(text, nlp)
    assert (event.type, event.mode, event.cameo) == ("CONSULT", "letter", "040")
    assert "Yoon" in words(event.source)
    assert "Kishida" in words(event.target)
    assert "delivered by" in event.explanation


def test_congratulation_is_support_praise(nlp):
    text = "Chancellor Scholz congratulated President Macron on his re-election."
    (event,) = code(text, nlp)
    assert (event.type, event.mode, event.cameo) == ("SUPPORT", "praise", "051")
    assert "Macron" in words(event.target)


def test_nominal_without_any_actor_is_dropped(nlp):
    assert code("The meeting unfolded against a difficult backdrop.", nlp) == []


def test_inanimate_subject_of_a_verbal_act_is_not_an_actor(nlp):
    assert code("This partnership offers India a chance to diversify.", nlp) == []


def test_the_two_leaders_resolve_to_the_two_people_named_before(nlp):
    text = (
        "President Lula spoke with President Macron on Monday. "
        "The two leaders discussed the climate summit."
    )
    events = [e for e in code(text, nlp) if e.trigger == "discussed"]
    (event,) = events
    assert "Lula" in words(event.source) and "Macron" in words(event.source)


def test_the_two_leaders_stay_unresolved_when_three_are_named(nlp):
    text = "Lula, Macron and Scholz spoke on Monday. The two leaders discussed the climate summit."
    (event,) = [e for e in code(text, nlp) if e.trigger == "discussed"]
    assert [(a.text, a.rule, a.entity_id) for a in event.source] == [("leaders", "phrase", None)]


@pytest.mark.parametrize(
    ("between", "resolved"),
    [
        ("Macron, for his part, said he wanted a deal.", True),  # one of the pair speaks
        ("German Chancellor Olaf Scholz joined them later.", False),  # a third person
    ],
)
def test_the_two_leaders_skip_one_of_the_pair_named_between(nlp, between, resolved):
    text = (
        "Brazilian President Luiz Lula spoke with French President Emmanuel Macron on Monday. "
        f"{between} The two leaders also discussed the climate summit."
    )
    (event,) = [e for e in code(text, nlp) if e.trigger == "discussed"]
    names = words(event.source)
    assert ("Lula" in names and "Macron" in names) is resolved, names


def test_pronoun_subject_of_a_reported_clause_is_the_speaker(nlp):
    text = "Hungary said it will support the resolution."
    (event,) = code(text, nlp)
    assert event.type == "SUPPORT"
    assert words(event.source) == "Hungary"
    assert event.factuality == "planned"


def test_subject_of_a_fronted_clause_pronoun_is_the_main_subject(nlp):
    text = (
        "Before he met with President Joe Biden, Prime Minister Justin Trudeau spoke with "
        "Emmanuel Macron."
    )
    (met,) = [e for e in code(text, nlp) if e.trigger.startswith("met")]
    assert "Trudeau" in words(met.source)
    assert "Biden" in words(met.target)


# -- dates -----------------------------------------------------------------------------
def test_date_from_the_timex_attached_to_the_event(nlp):
    text = "Macron met Scholz on Monday."
    (event,) = code(text, nlp, timexes={"Monday": "2024-05-06"}, published="2024-05-07")
    assert (event.date, event.date_basis, event.date_text) == ("2024-05-06", "timex", "Monday")


def test_timex_of_another_clause_does_not_date_the_event(nlp):
    text = "Before he met Joe Biden, Olaf Scholz spoke with Emmanuel Macron on Monday."
    events = code(text, nlp, timexes={"Monday": "2024-05-06"}, published="2024-05-07")
    dated = {e.trigger.split()[0]: e.date for e in events}
    assert dated["spoke"] == "2024-05-06"
    assert dated["met"] is None


def test_today_means_the_publication_date(nlp):
    text = "Prime Minister Modi spoke with President Putin today about trade."
    (event,) = code(text, nlp, published="2024-03-20")
    assert (event.date, event.date_basis) == ("2024-03-20", "document-date")


def test_past_tense_lede_without_anchor_takes_the_publication_date(nlp):
    text = "President Lula met President Macron in Brasilia."
    (event,) = code(text, nlp, published="2024-03-28")
    assert (event.date, event.date_basis) == ("2024-03-28", "document-date")


def test_no_publication_date_fallback_when_undated_or_not_the_lede(nlp):
    undated = code("President Lula met President Macron in Brasilia.", nlp)
    assert undated[0].date is None and undated[0].date_basis == "none"
    later = (
        "Trade between the two countries rose sharply over the spring. "
        "Exports of soybeans doubled in value over the same months. "
        "President Lula met President Macron in Brasilia."
    )
    (event,) = code(later, nlp, published="2024-03-28")
    assert event.date is None


def test_date_range_keeps_its_end(nlp):
    text = "Jaishankar's visit to Russia, spanning from December 25 to 29, lasted five days."
    document = sentence_document("doc", text)
    parsed = parse_one(text, nlp)
    span = timex(document, "from December 25 to 29", "2023-12-25")
    span = span.model_copy(update={"range_end": "2023-12-29"})
    (event,) = extract_event_mentions(
        document, parsed, [span], mentions_from_ents(document, parsed)
    )
    assert (event.date, event.date_end) == ("2023-12-25", "2023-12-29")


def test_a_date_after_publication_makes_the_event_planned(nlp):
    text = "Macron meets Scholz on Friday."
    (event,) = code(text, nlp, timexes={"Friday": "2024-05-10"}, published="2024-05-07")
    assert event.factuality == "planned"
    assert "after publication" in (event.factuality_cue or "")


def test_coordinated_events_are_linked_as_cotemporal(nlp):
    text = "Modi spoke with President Putin and congratulated him on his victory."
    events = code(text, nlp)
    assert len(events) == 2
    spoke, congratulated = events
    assert spoke.cotemporal == [congratulated.id]
    assert congratulated.cotemporal == [spoke.id]
    assert "Putin" in words(congratulated.target)


def test_ids_are_deterministic(nlp):
    text = "Macron met Scholz. Biden called Xi."
    first = [e.id for e in code(text, nlp)]
    assert first == [e.id for e in code(text, nlp)] == ["doc:ev1", "doc:ev2"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an agreement to restrict, aimed at nobody, is the agreement
        ("Vietnam agreed to curb exports of rice after the floods.", "AGREE"),
        # aimed at someone, or announced rather than agreed, it stays a threat
        ("Beijing agreed to restrict exports of rare earths to Japan.", "THREATEN"),
        ("Russia vowed to impose sanctions on Britain.", "THREATEN"),
    ],
)
def test_an_agreed_restriction_aimed_at_no_one_is_no_threat(nlp, text, expected):
    types = {e.type for e in code(text, nlp)}
    assert expected in types and ("THREATEN" in types) == (expected == "THREATEN"), types
