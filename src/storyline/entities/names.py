"""Name strings: strip titles, honorifics, possessives and handles; write initials one way.

Pure string functions, total on any input (they never raise), used both on NER spans and on
names from other sources. The titles and honorifics come from ``data/entities_titles.toml``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from storyline.entities.lexicon import Lexicon, key_words, lexicon

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "\u00a0": " "})
_PARENTHETICAL = re.compile(r"\s*[(\[][^)\]]*[)\]]?")
_POSSESSIVE = re.compile(r"(?<=\w)'s?$|(?<=s)'$")
_EDGE_PUNCT = " \t\n\r,;:!?\"'“”«»*_|/\\-–—•·()[]{}<>"
_INITIAL = re.compile(r"^[A-Z]$")
_ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.)+$|^(?:Jr|Sr|Inc|Co|Corp|Ltd|St|Bros|Mt|Ft)\.$")


def clean_surface(text: str) -> str:
    """NFKC, straight apostrophes, one space between words, no edge punctuation."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    text = " ".join(text.split())
    return text.strip(_EDGE_PUNCT)


def split_title(text: str, lex: Lexicon | None = None) -> tuple[str | None, str]:
    """(title words, name) from a name written with titles or honorifics in front.

    ``'Prime Minister Narendra Modi'`` → ``('Prime Minister', 'Narendra Modi')``; a string that
    is only a title is returned whole as the name, so nothing is ever emptied.
    """
    lex = lex or lexicon()
    words = text.split()
    cut = 0
    while cut < len(words) - 1:
        step = _title_prefix(words[cut:], lex)
        if not step or cut + step >= len(words):
            break
        cut += step
    if not cut:
        return None, text
    return " ".join(words[:cut]), " ".join(words[cut:])


def _title_prefix(words: list[str], lex: Lexicon) -> int:
    """How many leading words form a title, honorific or qualifier (0 when none)."""
    for n in range(min(lex.max_title_words, len(words)), 0, -1):
        key = tuple(k for w in words[:n] for k in key_words(w))
        if key and (key in lex.titles or key in lex.honorifics):
            return n
    first = key_words(words[0])
    if len(first) == 1 and first[0] in lex.qualifiers:
        return 1
    # A country or demonym in front of a title belongs to it: "US President", "India's PM".
    for n in range(min(3, len(words) - 1), 0, -1):
        place = " ".join(k for w in words[:n] for k in key_words(_POSSESSIVE.sub("", w)))
        if place in lex.countries or place in lex.demonyms:
            rest = _title_prefix(words[n:], lex) if n < len(words) else 0
            return n + rest if rest else 0
    return 0


@lru_cache(maxsize=1 << 16)
def normalise_name(text: str, person: bool = False) -> str:
    """The display form of a name: no possessive, parenthetical, leading 'the' or edge marks.

    For people (``person=True``) titles and honorifics are dropped and single-letter initials
    get a full stop: ``'Prime Minister Narendra Modi (@narendramodi)'`` → ``'Narendra Modi'``,
    ``"S Jaishankar's"`` → ``'S. Jaishankar'``. Never raises; may return ``''``.
    """
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    handle_only = text.strip().startswith("@") and len(text.split()) == 1
    text = _PARENTHETICAL.sub(" ", text) if not handle_only else text
    text = clean_surface(text)
    text = _POSSESSIVE.sub("", text).strip(_EDGE_PUNCT)
    if text[:4].casefold() == "the " and len(text) > 4:
        text = text[4:].lstrip()
    words = text.split()
    if words and words[-1].endswith(".") and not _ABBREVIATION.match(words[-1]):
        words[-1] = words[-1].rstrip(".")
    text = " ".join(w for w in words if w)
    if person and text:
        _, text = split_title(text)
        text = " ".join(f"{w}." if _INITIAL.match(w) else w for w in text.split())
    return text.strip(_EDGE_PUNCT.replace(".", "") + " ")


def is_handle(text: str) -> bool:
    """A social-media handle such as '@narendramodi'."""
    return bool(re.fullmatch(r"@\w{1,30}", text.strip()))


def initials(words: tuple[str, ...], skip: frozenset[str] = frozenset()) -> str:
    """Initial letters of the words not in ``skip`` ('shanghai cooperation organization' → sco)."""
    return "".join(w[0] for w in words if w and w not in skip)
