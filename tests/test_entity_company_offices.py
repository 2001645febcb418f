"""A name that modifies a company's office ('Ryanair CEO', 'Kellogg Chairman', 'Playboy
founder') is the company, whatever the model guessed, and so is a name PETRARCH2's actor
dictionary lists as an organisation only; a person's spokesman stays a person's."""

from __future__ import annotations

from storyline.entities.extract import canonicalise, extract_mentions
from storyline.nlp import parse_one
from tests.conftest import make_document

# MEANTIME (tuning part), 'Ryanair exercises options on five Boeing 737s': the model types
# the airline a person in both sentences.
RYANAIR = (
    "This brings Ryanair's total number of outstanding orders with the US manufacturer to 230.\n"
    "Ryanair CEO, Michael O'Leary, justified his choice of Boeing."
)


def test_a_name_before_a_company_office_is_the_company() -> None:
    document = make_document(RYANAIR)
    mentions = extract_mentions(document, parse_one(document.text))
    at_office = next(m for m in mentions if m.text == "Ryanair" and m.provenance.start > 90)
    assert at_office.label == "ORG", mentions
    # the label read from the text outvotes the model's guess for the other mention
    entity = next(e for e in canonicalise(mentions) if e.name == "Ryanair")
    assert {m.label for m in entity.mentions} == {"ORG"}


def test_a_persons_spokesman_is_still_the_persons() -> None:
    document = make_document("Dmitry Peskov, Putin's spokesman, said the talks went well.")
    labels = {m.text: m.label for m in extract_mentions(document, parse_one(document.text))}
    assert labels.get("Putin") == "PERSON", labels


def test_an_organisation_the_actor_dictionary_lists_is_one_whatever_the_model_says() -> None:
    """TimeBank (wsj): the model types the insurer a person; PETRARCH2 lists Primerica."""
    document = make_document(
        "Primerica, which owns Smith Barney, said it would sell the unit. Primerica shares"
        " rose 50 cents."
    )
    labels = {m.text: m.label for m in extract_mentions(document, parse_one(document.text))}
    assert labels.get("Primerica") == "ORG", labels
