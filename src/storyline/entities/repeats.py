"""Later references to a person by surname alone, where the NER model missed them.

News names a person in full once and by surname after that ("Prime Minister Narendra Modi …
Modi made the comment …": the second-reference rule of the AP and Reuters style books). The
model often misses the bare surname, most of all at the start of a sentence, and then the
person drops out of every event told about them there ("Modi made the comment at the start of
his meeting with Putin" codes no meeting). A name the document has already given in full keeps
its label wherever it recurs (document-level label consistency, the NER practice of Krishnan
and Manning 2006): a title-case proper noun equal to the surname of a person named in full
earlier in the document, standing alone (no proper noun joined to it), is that person again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from spacy.tokens import Doc

_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


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
    found = []
    for token in doc:
        i = token.i
        seen = first_seen.get(token.text)
        if seen is None or i < seen or i in taken or token.pos_ != "PROPN":
            continue
        if _joined(doc, i - 1) or (i + 1 < len(doc) and _joined(doc, i + 1)):
            continue  # part of another name ("Modi Stadium", "Rahul Modi")
        found.append(i)
    return found


def _joined(doc: Doc, i: int) -> bool:
    if i < 0:
        return False
    token = doc[i]
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.text not in _POSSESSIVES
