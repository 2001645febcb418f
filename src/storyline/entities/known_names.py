"""Names the NER model missed that the PETRARCH2 actor dictionary knows.

The model labels what it saw in training; names it did not see are dropped or cut in pieces,
and the dictionary's ~18,000 people and ~8,600 organisations put them back:

* a person's full name in an unusual construction ('description of [Xi Jinping] as a
  dictator'): runs of title-case proper nouns nobody claimed;
* an organisation's name the model read as a number: in "the Group of Eight" it tags "Eight" as
  a CARDINAL and names nothing, as it does "the G-7"; a numbered group of states is found for
  any number (``numbered_groups``: "the Group of Twenty", which the dictionary does not list),
  other organisations when the dictionary lists the whole name of several words;
* an organisation's name the model cut in two adjacent names ('[Lockheed] [Martin]', a company
  and a product, in MEANTIME; '[Egyptian] [Islamic Jihad]' in AQUAINT; '[US] [Congress]' in the
  PLOVER gold file): one name when the dictionary lists the joined words.
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc

from storyline.entities.actors import actor_dictionary
from storyline.entities.lexicon import key_words, lexicon, name_key
from storyline.entities.numbered_groups import numbered_group_key
from storyline.nlp import doc_ents
from storyline.nlp_tokens import TokenTable, tokens

#: Lower-case words inside an organisation's name ('Group of Eight', 'Bank for International
#: Settlements'); a name never ends on one.
JOINING_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "&"})
#: Longest organisation name looked up, in tokens (the dictionary's names of states' groups and
#: agencies run to seven words: 'Organization for the Prohibition of Chemical Weapons').
MAX_NAME_TOKENS = 8

#: The model's labels of numbers, which a name may hold ('Group of [Eight]'); its dates and
#: amounts are no organisation's name even where the dictionary lists one ('May 15').
NUMBER_LABELS = frozenset({"CARDINAL", "ORDINAL"})

Span = tuple[int, int]


def dictionary_people(doc: Doc, taken: set[int]) -> list[Span]:
    """Full names of people the dictionary knows among tokens nobody claimed (``taken``): the
    longest known name of two words at least in each run of title-case proper nouns."""
    actors = actor_dictionary()
    table = tokens(doc)
    pos, is_title, is_upper = table.pos, table.is_title, table.is_upper
    found = []
    i = 0
    while i < len(doc):
        end = i
        while (
            end < len(doc)
            and end not in taken
            and pos[end] == "PROPN"
            and (is_title[end] or is_upper[end])
        ):
            end += 1
        for stop in range(end, i + 1, -1):  # longest known name first, two words at least
            key = name_key(table.span_text(i, stop))
            if (
                actors.is_person_name(key)
                and key not in actors.organisations
                and key not in actors.places
            ):
                found.append((i, stop))
                end = stop
                break
        i = max(end, i + 1)
    return found


def dictionary_organisations(doc: Doc, named: set[int]) -> list[Span]:
    """Organisations' names among tokens no name claimed (``named``; a number the model tagged
    is no name): capitalised words, digits and joining words, ending on a capitalised word or a
    number, whose whole is a numbered group or a dictionary organisation of several words."""
    table = tokens(doc)
    text, is_title, is_upper = table.text, table.is_title, table.is_upper

    def capital(i: int) -> bool:
        return is_title[i] or is_upper[i] or text[i][:1].isdigit()

    named = named | {
        i for e in doc_ents(doc) if e.label_ not in NUMBER_LABELS for i in range(e.start, e.end)
    }
    found = []
    i = 0
    while i < len(doc):
        if i in named or not (is_title[i] or is_upper[i]) or (i and _inside_a_name(table, i)):
            i += 1
            continue
        end = i
        while (
            end < len(doc)
            and end - i < MAX_NAME_TOKENS
            and end not in named
            and "\n" not in text[end]
            and (capital(end) or text[end] in JOINING_WORDS)
        ):
            end += 1
        ends = (s for s in range(end, i, -1) if capital(s - 1))  # the longest name first
        stop = next((s for s in ends if _organisation(table.span_text(i, s))), None)
        if stop is None:
            i += 1
            continue
        found.append((i, stop))
        i = stop
    return found


def _inside_a_name(table: TokenTable, i: int) -> bool:
    """Token ``i`` follows a capitalised proper noun on its line: a designation after a name
    is the name's model ('the PowerMac [G5]', 'Galaxy [S7]'), not a name of its own."""
    before = table.text[i - 1]
    return before[:1].isupper() and table.pos[i - 1] == "PROPN" and "\n" not in before


def _organisation(text: str) -> bool:
    """A numbered group in either form, or a dictionary organisation of several words that
    is no person's title ('Secretary of State' is listed as an actor, but names an office)."""
    key = name_key(text)
    if numbered_group_key(key) is not None:
        return True
    actors = actor_dictionary()
    return (
        " " in key
        and key in actors.organisations
        and key not in actors.places
        and not actors.is_person_name(key)
        and key_words(text) not in lexicon().titles
    )


def joined_organisations(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Pairs of names the model cut out of one organisation's name, adjacent on a line, whose
    joined words the dictionary lists as an organisation of several words ('[Lockheed]
    [Martin]', read as a company and a product or a person): (start, end) of each joined name,
    in text order."""
    ordered = sorted(spans)
    found = []
    for (start, end, _), (nxt, stop, _) in pairwise(ordered):
        if nxt != end or "\n" in doc[end - 1].whitespace_:
            continue
        if _organisation(tokens(doc).span_text(start, stop)):
            found.append((start, stop))
    return found
