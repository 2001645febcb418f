"""Later references to a person by surname alone, where the NER model missed them.

News names a person in full once and by surname after that ("Prime Minister Narendra Modi …
Modi made the comment …": the second-reference rule of the AP and Reuters style books). The
model often misses the bare surname, most of all at the start of a sentence, and then the
person drops out of every event told about them there ("Modi made the comment at the start of
his meeting with Putin" codes no meeting). A name the document has already given in full keeps
its label wherever it recurs (document-level label consistency, the NER practice of Krishnan
and Manning 2006): a title-case proper noun equal to the surname of a person named in full
earlier in the document, standing alone (no proper noun joined to it), is that person again.

An acronym works the same way: once the model has read "G20" or "NATO" as an organisation (or
"US" as a country) in a document, the same acronym elsewhere in it is that organisation, also
where it modifies a name the model missed ("The 18th G20 Summit was held …").

Any other name holds the same way: a name the model labelled in a document, written again there
letter for letter (case too) and standing alone, is that name again ("the A380" found, "A380"
missed two sentences on; "iPod nano", "Apple Computer"): the same document-level consistency.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from spacy.tokens import Doc

from storyline.models.language import EntityType
from storyline.nlp_tokens import tokens


def surname_repeats(
    doc: Doc, people: Iterable[tuple[int, int]], taken: Collection[int]
) -> list[int]:
    """Token indices of bare surnames of ``people`` (token spans of full names, two words at
    least) that come after the person's first full mention and that nothing else claimed."""
    first_seen: dict[str, int] = {}
    for start, end in people:
        if end - start < 2:
            continue
        surname = doc[end - 1].text
        if surname[:1].isupper() and surname.isalpha():
            first_seen[surname] = min(first_seen.get(surname, end), end)
    if not first_seen:
        return []
    table = tokens(doc)
    found = []
    for i, text in enumerate(table.text):
        seen = first_seen.get(text)
        if seen is None or i < seen or i in taken or table.pos[i] != "PROPN":
            continue
        if _joined(doc, i - 1) or _joined(doc, i + 1):
            continue  # part of another name ("Modi Stadium", "Rahul Modi")
        found.append(i)
    return found


def acronym_repeats(
    doc: Doc, named: Iterable[tuple[int, int, str]], taken: Collection[int]
) -> list[tuple[int, str]]:
    """(token index, label) of acronyms the model labelled ``ORG`` or ``GPE`` somewhere in the
    document (``named``: token spans with labels) and missed elsewhere; an acronym read with
    two labels is left alone."""
    labels: dict[str, set[str]] = {}
    for start, end, label in named:
        text = doc[start].text
        if end - start == 1 and label in ("ORG", "GPE") and _acronym(text):
            labels.setdefault(text, set()).add(label)
    known = {text: next(iter(found)) for text, found in labels.items() if len(found) == 1}
    if not known:
        return []
    table = tokens(doc)
    return [
        (i, known[text])
        for i, text in enumerate(table.text)
        if text in known and i not in taken and table.pos[i] == "PROPN"
    ]


def name_repeats(
    doc: Doc, named: Iterable[tuple[int, int, EntityType]], taken: Collection[int]
) -> list[tuple[int, int, EntityType]]:
    """(start, end, label) of further occurrences of names labelled in the document (``named``:
    token spans with labels), the same tokens in the same case, that nothing else claimed,
    that no capitalised proper noun joins on either side ('Washington' is not 'Washington
    Post') and that is no part of a hyphenated word; a name read with two labels, or holding no
    capital, is left alone."""
    labels: dict[tuple[str, ...], set[EntityType]] = {}
    table = tokens(doc)
    text = table.text
    for start, end, label in named:
        words = tuple(text[start:end])
        if any(c.isupper() for c in "".join(words)):
            labels.setdefault(words, set()).add(label)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words, found in labels.items():
        if len(found) == 1:
            by_first.setdefault(words[0], []).append(words)
    if not by_first:
        return []
    repeats = []
    i = 0
    while i < len(text):
        for words in sorted(by_first.get(text[i], ()), key=len, reverse=True):
            end = i + len(words)
            if (
                tuple(text[i:end]) == words
                and not any(k in taken for k in range(i, end))
                and not _joined(doc, i - 1)
                and not _joined(doc, end)
                and not _hyphenated(doc, i, end)
            ):
                repeats.append((i, end, next(iter(labels[words]))))
                i = end - 1
                break
        i += 1
    return repeats


def _hyphenated(doc: Doc, start: int, end: int) -> bool:
    """The occurrence is part of a hyphenated word ('the Russia-Ukraine conflict', 'EADS-led'):
    a compound modifier, whose parts the model labels or not as one word."""
    before = start > 0 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_
    return before or (end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_)


def _acronym(text: str) -> bool:
    """Capitals (two at least), digits allowed: "NATO", "G20", "US"; not "A" or "I"."""
    capitals = text.isalnum() and text.isupper() and sum(c.isalpha() for c in text) >= 2
    return capitals or (len(text) >= 2 and text[0].isupper() and text[1:].isdigit())


def _joined(doc: Doc, i: int) -> bool:
    """Is token ``i`` (if there is one) a capitalised proper noun, part of a longer name?"""
    if not 0 <= i < len(doc):
        return False
    token = doc[i]
    return token.pos_ == "PROPN" and token.text[:1].isupper()
