"""Coverage from PETRARCH2's own patterns (issue 15): name-calling and shipped goods.

* A small clause's predicate ("called him [a dictator]", spaCy's ``oprd``) fills PETRARCH2's
  naming patterns (CALL * DICTATOR|LIAR|CRIMINAL [111/1121], CALL * UNTRUE [126]); a naming
  with a word those patterns do not list ("called the talks a success") and a summoning ("called
  a meeting") are no disapproval.
* SHIP, TRANSFER and TRANSPORT sit in PETRARCH2's SEND block, whose "send aid/weapons/aircraft"
  patterns code provide aid (07x): shipping or transferring aid or weapons is AID, with the
  recipient as target; shipping a product or handing over keys is no event.

Sentences written in the style of wire reports, not copied from the gold.
"""

from __future__ import annotations

import pytest

from tests.test_events import code

NAMING = [
    ("Opposition leader Alexei Navalny called Vladimir Putin a liar on Tuesday.", "Putin", "111"),
    ("Senator Lindsey Graham called Assad a war criminal.", "Assad", "1121"),
    # spaCy hangs "Kim" on the predicate ("Kim a dictator"): the actor inside it is the target
    ("President Trump called Kim a dictator in a speech in Seoul.", "Kim", "111"),
]


@pytest.mark.parametrize(("text", "target", "cameo"), NAMING)
def test_pejorative_naming_is_disapproval(nlp, text, target, cameo):
    found = [e for e in code(text, nlp) if e.trigger.startswith("called")]
    assert [(e.type, e.cameo) for e in found] == [("DISAPPROVE", cameo)]
    assert any(target in a.text for a in found[0].target), found[0].target


def test_calling_a_claim_untrue_is_rejection(nlp):
    text = "The Russian foreign ministry called the allegations untrue on Monday."
    assert "REJECT" in {e.type for e in code(text, nlp)}


NOT_NAMING = [
    "Prime Minister Rishi Sunak called a meeting of the cabinet on Friday.",
    "Foreign Minister Wang Yi called the talks a success.",
    "The chancellor called the budget a fresh start for the economy.",
]


@pytest.mark.parametrize("text", NOT_NAMING)
def test_summoning_or_praise_is_no_disapproval(nlp, text):
    assert "DISAPPROVE" not in {e.type for e in code(text, nlp)}


SHIPPING = [
    ("North Korea shipped artillery shells and rockets to Russia last year.", "Russia"),
    ("The Netherlands will transfer F-16 jets to Ukraine, Mark Rutte said.", "Ukraine"),
    ("Turkey transported food and medicine to Syria on Sunday.", "Syria"),
]


@pytest.mark.parametrize(("text", "recipient"), SHIPPING)
def test_shipping_aid_or_weapons_is_aid(nlp, text, recipient):
    aid = [e for e in code(text, nlp) if e.type == "AID"]
    assert aid, [(e.type, e.trigger) for e in code(text, nlp)]
    assert any(recipient in a.text for a in aid[0].target), aid[0].target


NOT_SHIPPING = [
    "Apple shipped a new phone to stores in China on Friday.",
    "The outgoing mayor handed over the keys to his successor.",
    "The company transferred its headquarters to Dublin.",
]


@pytest.mark.parametrize("text", NOT_SHIPPING)
def test_moving_goods_of_trade_is_no_aid(nlp, text):
    assert "AID" not in {e.type for e in code(text, nlp)}
