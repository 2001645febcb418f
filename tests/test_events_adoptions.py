"""A gathering's written agreement adopted is signed (plover_lexicon.tsv "adopt declaration|
communique", as PETRARCH2 codes "adopt a resolution" 057), and the words of a document's own
name are no party to it (events/pointed.py ``actor_inside``)."""

from __future__ import annotations

from storyline.evaluation.event_layers import mentions_from_ents, sentence_document
from storyline.events.extract import extract_event_mentions
from storyline.models import EventMention, Mention
from storyline.nlp import parse_one, span_provenance
from tests.test_events import coded_on

DECLARATION = "New Delhi Leaders' Declaration"


def test_adopting_a_joint_communique_is_signing_it(nlp):
    (event,) = coded_on("The leaders adopted a joint communique on Sunday.", "adopted", nlp)
    assert (event.type, event.mode) == ("SUPPORT", "sign")


def code_with_document_name(text: str, nlp) -> list[EventMention]:
    """``text`` coded with the declaration's name typed as a work, as the entity layer types a
    document's name (spaCy's model calls it ORG, or nothing)."""
    document = sentence_document("doc", text)
    parsed = parse_one(document.text, nlp)
    start = text.index(DECLARATION)
    name = parsed.char_span(start, start + len(DECLARATION))
    work = Mention(
        text=DECLARATION, label="WORK", model_label="ORG",
        provenance=span_provenance(document.id, name),
    )  # fmt: skip
    mentions = [m for m in mentions_from_ents(document, parsed) if DECLARATION not in m.text]
    return extract_event_mentions(document, parsed, [], [*mentions, work])


def test_a_declaration_adopted_by_the_leaders_of_a_group(nlp):
    text = f"Leaders of the Group of Twenty adopted the {DECLARATION} on Saturday."
    (event,) = [e for e in code_with_document_name(text, nlp) if "adopted" in e.trigger]
    assert (event.type, event.mode) == ("SUPPORT", "sign")
    assert event.target == []  # "New Delhi Leaders'" is part of the document's name


def test_the_possessive_inside_a_documents_name_is_no_target(nlp):
    text = f"India signed the {DECLARATION} on Saturday."
    (event,) = [e for e in code_with_document_name(text, nlp) if "signed" in e.trigger]
    assert [a.text for a in event.source] == ["India"]
    assert event.target == []


def test_an_owner_outside_the_name_is_still_the_target(nlp):
    """ "Russia's demand" names Russia: only a possessive inside one name is left out."""
    (event,) = coded_on("Ukraine rejected Russia's demand on Friday.", "rejected", nlp)
    assert [a.text for a in event.target] == ["Russia"]
