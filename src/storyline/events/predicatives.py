"""Verb forms that are no predicate of their own: a participle serving as an adjective.

A past participle introduced by "as" with no subject or auxiliary of its own is a predicative
complement or a comparative, not an act: "an announcement by the Interior Department that
listed the polar bear as threatened" (ECB+ topic 9: the bear's status, not a threat), "As
expected, Kellogg reported lower third-quarter earnings" (TimeBank), "as stated on the Apple
website" (MEANTIME), "as required", "as scheduled" (ECB+). The parser hangs it as a clause
("advcl" with the mark "as") on the verb it completes, whose subject it would otherwise
borrow ("the Interior Department … threatened"). Of these only the first is a word the
lexicon codes in those corpora; the rule is the construction's, not the word's.
"""

from __future__ import annotations

from spacy.tokens import Token

#: Dependents that make a participle the predicate of a clause of its own.
CLAUSE_DEPENDENTS = frozenset({"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "expl"})


def predicative_participle(verb: Token) -> bool:
    """Is ``verb`` a past participle that "as" introduces as a predicate of something else
    ("listed X as threatened", "as planned"), with no subject or auxiliary of its own?"""
    if verb.tag_ != "VBN":
        return False
    marked = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    return marked and not any(c.dep_ in CLAUSE_DEPENDENTS for c in verb.children)
