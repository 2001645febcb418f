"""What an event is about (issue 15): "X and Y agreed" tells a reader nothing; the theme read
from the trigger's syntax (``events.themes``) says what was agreed, demanded, given or refused,
and the timeline label says it ("agreed to restore …"). Sentences written here, not copied from
any gold file."""

from __future__ import annotations

import pytest

import storyline.events.labels as events_labels
from storyline.events.merge import merge_events
from storyline.events.themes import chosen_theme
from storyline.models import Actor, Document, EventMention, Provenance, Theme
from tests.test_events import code

THEMES = [
    # an infinitive complement, cut before its relative clause
    (
        "The two defence ministers agreed on Monday to restore direct military hotlines, "
        "which had been cut in 2020.",
        "AGREE",
        "to restore direct military hotlines",
    ),
    # a purpose infinitive stays; an adverb after the verb stays
    (
        "Canada and Mexico agreed to work together to fight drug trafficking, officials said.",
        "AGREE",
        "to work together to fight drug trafficking",
    ),
    # an object-control verb: the actor asked, then what it is asked to do
    (
        "The European Union pressed Serbia to recognise the independence of Kosovo.",
        "DEMAND",
        "to recognise the independence of Kosovo",
    ),
    # a verb's first prepositional phrase stays, the circumstances after it do not
    (
        "The president invited the visiting prime minister to lay a wreath at the memorial amid "
        "cheers.",
        "AGREE",
        "to lay a wreath at the memorial",
    ),
    # ... but a "to" that closes a "from" goes with it
    (
        "Serbia agreed to move the talks from Belgrade to Brussels.",
        "AGREE",
        "to move the talks from Belgrade to Brussels",
    ),
    # a possessive whose antecedent is no party reads "the" out of its sentence ("its" is the
    # conference's, not Brazil's) ...
    (
        "Brazil attended the climate conference in Egypt but declined to sign its closing "
        "statement.",
        "REJECT",
        "to sign the closing statement",
    ),
    # ... one that goes back to a party, or to a pronoun subject, stays
    (
        "Kenya pressed Somalia to open its border with Ethiopia.",
        "DEMAND",
        "to open its border with Ethiopia",
    ),
    (
        "The company said it agreed to sell its steel division to Tata in March.",
        "AGREE",
        "to sell its steel division to Tata",
    ),
    # a prepositional object of the type ([themes] prepositions)
    (
        "Japan warned China against sending warships into its waters.",
        "THREATEN",
        "against sending warships into its waters",
    ),
    # the thing given, without the date
    ("Germany delivered 40 battle tanks to Ukraine on Tuesday.", "AID", "40 battle tanks"),
    # the thing signed, its figure with the word that qualifies it
    (
        "Indonesia signed the roughly $400 million deal for two frigates last year.",
        "SUPPORT",
        "the roughly $400 million deal for two frigates",
    ),
    # a demanded clause: its modal dropped, its verb in the base form
    (
        "Russia said on Tuesday that Sudan must return the helicopter.",
        "DEMAND",
        "that Sudan return the helicopter",
    ),
]


@pytest.mark.parametrize(("text", "type_", "theme"), THEMES)
def test_the_theme_is_read_from_the_triggers_syntax(nlp, text, type_, theme) -> None:
    coded = [e for e in code(text, nlp) if e.type == type_]
    assert coded, [(e.type, e.trigger) for e in code(text, nlp)]
    found = coded[0].theme
    assert found is not None and found.text == theme, found
    # provenance: the span holds the words the phrase was read from
    words = text[found.start : found.end]
    assert words.split()[-1] == theme.split()[-1]


def test_a_demanded_passive_clause_takes_the_base_form_of_its_auxiliary(nlp) -> None:
    text = "France said on Monday that the sanctions on Iran must be lifted."
    demands = [e for e in code(text, nlp) if e.type == "DEMAND" and e.theme]
    assert demands, [(e.type, e.trigger, e.theme) for e in code(text, nlp)]
    assert demands[0].theme is not None
    assert demands[0].theme.text == "that the sanctions on Iran be lifted"


def test_a_long_theme_is_cut_to_its_head_phrase_never_after_a_preposition(nlp) -> None:
    text = (
        "Canada rejected the proposal of the committee of experts on the reform of the "
        "electoral law of the province."
    )
    rejected = [e for e in code(text, nlp) if e.type == "REJECT"]
    assert rejected and rejected[0].theme is not None
    words = rejected[0].theme.text.split()
    assert words[:2] == ["the", "proposal"] and len(words) <= 10
    assert words[-1] not in ("of", "on", "the")


def test_a_light_verbs_own_object_is_no_theme(nlp) -> None:
    text = "Delegations from 92 countries took part."
    assert all(e.theme is None for e in code(text, nlp))


BIDEN = Actor(text="Biden", name="Joseph R. Biden", label="PERSON")
XI = Actor(text="Xi", name="Xi Jinping", label="PERSON")
CHINA = Actor(text="China", name="China", label="GPE")


def theme(text: str, kind: str = "to", head: str = "resume") -> Theme:
    return Theme.model_validate(
        {"text": text, "kind": kind, "head": head, "start": 0, "end": len(text)}
    )


LABELS = [
    # what was agreed
    (
        ("AGREE", None, [BIDEN, XI], [], "asserted", theme("to resume military communications")),
        "Joseph R. Biden and Xi Jinping agreed to resume military communications",
    ),
    # a target the theme names is not named twice
    (
        ("REJECT", None, [CHINA], [BIDEN], "asserted", theme("Biden's remark", "thing", "remark")),
        "China rejected Biden's remark",
    ),
    # a negated event keeps its prefix
    (
        ("REJECT", None, [CHINA], [], "negated", theme("to attend", "to", "attend")),
        "Negated: China refused to attend",
    ),
    # no theme: today's label
    (("AGREE", None, [BIDEN, XI], [], "asserted", None), "Joseph R. Biden and Xi Jinping agreed"),
    # a plan keeps its plain label where [labels_planned_theme] has no template ...
    (
        ("AGREE", None, [BIDEN], [XI], "planned", theme("to resume talks")),
        "Planned: Joseph R. Biden to agree with Xi Jinping",
    ),
    # ... and says what will be given where it has one
    (
        ("AID", None, [CHINA], [XI], "planned", theme("40 tanks", "thing", "tank")),
        "Planned: China to provide 40 tanks to Xi Jinping",
    ),
    # a kind the label has no template for: today's label
    (
        ("CONSULT", "meet", [BIDEN], [XI], "asserted", theme("the agenda", "thing", "agenda")),
        "Joseph R. Biden met Xi Jinping",
    ),
]


@pytest.mark.parametrize(("args", "expected"), LABELS)
def test_labels_say_what_was_agreed_demanded_or_refused(args, expected) -> None:
    type_, mode, sources, targets, factuality, given = args
    got = events_labels.label(type_, mode, sources, targets, factuality=factuality, theme=given)
    assert got == expected


def mention(mention_id: str, doc_id: str, given: Theme | None) -> EventMention:
    provenance = Provenance(
        doc_id=doc_id, start=0, end=5, sentence="…", sentence_start=0, sentence_end=50
    )
    return EventMention(
        id=mention_id,
        type="AGREE",
        trigger="agreed",
        source=[Actor(text="Biden", start=0, end=5, label="PERSON", rule="name")],
        date="2023-11-15",
        date_basis="timex",
        theme=given,
        rule="test",
        provenance=provenance,
    )


def test_an_event_takes_the_theme_most_sources_tell() -> None:
    long_once = theme("to remain in close touch on every question", "to", "remain")
    resume = theme("to resume talks")
    mentions = [
        mention("a:ev1", "a", long_once),
        mention("b:ev1", "b", resume),
        mention("c:ev1", "c", theme("to resume military talks")),
        mention("d:ev1", "d", None),
    ]
    chosen = chosen_theme(mentions, "AGREE")
    assert chosen is not None and chosen.text == "to resume military talks"
    assert chosen_theme(mentions, "CONSULT") is None


def test_the_merged_event_carries_its_theme_into_its_label() -> None:
    text = "x" * 100
    documents = [
        Document(
            id=d, source=f"{d}.txt", source_kind="txt", raw_text=text, text=text, content_hash=d
        )
        for d in ("a", "b")
    ]
    mentions = [mention("a:ev1", "a", theme("to resume talks")), mention("b:ev1", "b", None)]
    (event,) = merge_events(mentions, [], documents)
    assert event.theme is not None and event.theme.text == "to resume talks"
    assert event.label == "Biden agreed to resume talks"
