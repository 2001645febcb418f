"""The last-resort target takes only a party the coders' dictionaries know (issue 15, fb20).

TABARI's and PETRARCH's fallback (``events.scope``: the first named actor after the verb in its
clause) only ever finds an actor their dictionaries list; a team, a clinic, a boxer or an
unlisted company is no target. Sentences written here, not copied from the judged piles."""

from __future__ import annotations

import pytest

from storyline.events.political import coders_know
from storyline.events.references import ActorRef
from storyline.models import Mention, Provenance
from tests.test_events import code, coded_on, words


def _named(text: str, label: str, title: str | None = None, role: str | None = None) -> Mention:
    where = Provenance(
        doc_id="d", start=0, end=len(text), sentence=text, sentence_start=0, sentence_end=len(text)
    )
    return Mention(
        text=text, label=label, model_label=label, title=title, role=role, provenance=where
    )


def _ref(mention: Mention) -> ActorRef:
    return ActorRef(mention.text, 0, len(mention.text), mention, "name")


@pytest.mark.parametrize(
    ("text", "label", "title", "known"),
    [
        ("Peru", "GPE", None, True),  # a state
        ("Kurds", "NORP", None, True),  # a nationality
        ("West Bank", "LOC", None, True),  # a place of PETRARCH2's country dictionary (PSE)
        ("Baghdad University Medical School", "ORG", None, True),  # holds a listed city: IRQ
        ("Lakeview Recovery", "FAC", None, False),  # a clinic no dictionary lists
        ("Interior Department", "ORG", None, True),  # its name's words: GOV
        ("EU", "ORG", None, True),  # the entity layer's alias of the European Union: IGO
        ("Microsoft", "ORG", None, False),  # listed, but a company (MNC): no state's
        ("Greenpeace", "ORG", None, False),  # listed, an NGO
        ("Hawks", "ORG", None, False),  # a team no dictionary lists
        ("Ana Ruiz", "PERSON", "Judge", True),  # a political title (JUD)
        ("Ana Ruiz", "PERSON", None, False),  # no role given, none known
    ],
)
def test_which_parties_the_coders_know(text, label, title, known):
    assert coders_know(_ref(_named(text, label, title)), label) is known


def test_another_mention_of_the_same_party_lends_its_title():
    later = _named("Ruiz", "PERSON")
    titled = _named("Ana Ruiz", "PERSON", title="Senator")
    assert not coders_know(_ref(later), "PERSON")
    assert coders_know(_ref(later), "PERSON", [titled])


def _targets(text: str, nlp) -> list[str]:
    return [words(e.target) for e in code(text, nlp)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a team after a verb with no party object
        ("Rivera hit .312 with 21 homers in 60 games with the Cardinals.", "Cardinals"),
        # a clinic, and the town it is in after it
        ("Lohman was settling in at Lakeview Recovery, a clinic in Newport Beach.", "Lakeview"),
        ("Lohman was settling in at Lakeview Recovery, a clinic in Newport Beach.", "Newport"),
    ],
)
def test_an_unknown_first_actor_is_no_target(nlp, text, name):
    assert not any(name in target for target in _targets(text, nlp))


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        # a state or a city of the country dictionary after the verb stays the target
        (
            "The rebels vowed to fight until they gain control of villages near Macedonia.",
            "fight",
            "Macedonia",
        ),
        (
            "Opposition parties organized a general strike that shut down Nairobi.",
            "strike",
            "Nairobi",
        ),
    ],
)
def test_a_known_first_actor_stays_the_target(nlp, text, trigger, target):
    events = coded_on(text, trigger, nlp)
    assert target in words(events[0].target)


def test_a_name_owning_a_political_agent_phrase_is_that_agent(nlp):
    """An unlisted person's "opposition coalition" is the opposition (PETRARCH2's agent noun),
    which the coders know: the fallback keeps it."""
    text = (
        "The parliament approved a law recognizing victories by Marko Petrovic's opposition "
        "coalition in the local elections."
    )
    events = coded_on(text, "approved", nlp)
    assert "Petrovic" in words(events[0].target)


def test_a_name_modifying_a_political_agent_noun_is_that_agent(nlp):
    """ "the Clinton administration" (TimeBank/AQUAINT), "a Bush administration regulation"
    (ECB+ topic 9): the name modifies the government's agent noun, which the coders know."""
    text = (
        "The governor on Monday overturned a last-minute Reagan administration regulation that "
        "weakened the Clean Water Act."
    )
    events = coded_on(text, "overturned", nlp)
    assert events and "Reagan" in words(events[0].target)


def test_a_title_before_the_name_places_the_person(nlp):
    """The phrase "Senator Bob Jones" holds the title the name "Bob Jones" lacks."""
    events = coded_on(
        "The FBI checked into the allegations against Senator Ron Miller.", "checked", nlp
    )
    assert events and "Miller" in words(events[0].target)
