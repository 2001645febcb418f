"""Spelling variants of one name: transliterations, accents, nicknames and initials.

News spells a name from a non-Latin script several ways ("Sergey"/"Sergei", "Zelenskyy"/
"Zelensky", "Kyiv"/"Kiev", "Samarkand"/"Samarqand", "Bürgenstock"/"Burgenstock"). The
alternations are those of the common romanisation systems (BGN/PCGN, ALA-LC, the Ukrainian
national system and their journalistic simplifications, ISO 9 for Cyrillic): y/i/ii/iy for й
and the soft endings, k/q for the uvular stop of Arabic and Uzbek, v/w, ph/f, ks/x, zh/j,
doubled letters written once, British and American -ise/-ize, and vowels that one system
writes as e and another as ie or ye. So two words are variants when their *skeleton* (first
letter, then the consonants, with those alternations folded) is the same, their endings agree
(no "Paul"/"Paula"), their vowels are the same sounds (no "iPad"/"iPod", "Maria"/"Mario")
and they are at most ``MAX_EDITS`` apart. Measured on the PETRARCH2 actor dictionary
(``scripts/measure_spelling_variants.py``): the rule accepts 82 of the 439
one-word spelling differences the dictionary lists within one person's names (most of the rest
are nicknames such as Mike/Michael, or vowel changes such as Mohammed/Muhammad that it refuses on
purpose) and fires on 37 of 13,879 pairs of first names of *different* people who share a
surname; among the 6 million pairs of one-word places of different countries it fires on 3. It
is never used alone: callers require a shared word, the same type and shared context.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Levenshtein distance allowed between two variant spellings (after folding accents).
MAX_EDITS = 2
#: Shortest word (in letters) compared as a transliteration: shorter ones must match exactly.
MIN_VARIANT_LETTERS = 4
_VOWELS = frozenset("aeiouy")
_LETTERS = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i"})
#: Consonant alternations between romanisation systems, applied in this order.
_ALTERNATIONS = (
    ("sch", "sh"),
    ("tch", "ch"),
    ("dzh", "j"),
    ("zh", "j"),
    ("ph", "f"),
    ("ck", "k"),
    ("kh", "h"),
    ("gh", "g"),
    ("dh", "d"),
    ("iz", "is"),
    ("yz", "ys"),
    ("q", "k"),
    ("c", "k"),
    ("w", "v"),
    ("x", "ks"),
)
#: Vowel groups that romanisations write for one sound (и/й/ы/ї as i, y, ii, iy, yi, ie, ye;
#: у as u, ou, oo; German ü/ö written ue/oe).
_SOUNDS = {
    "ie": "i",
    "ye": "i",
    "ei": "i",
    "ey": "i",
    "ee": "i",
    "yi": "i",
    "iy": "i",
    "ou": "u",
    "oo": "u",
    "ue": "u",
    "oe": "o",
    "aa": "a",
}
#: Word endings that are one sound written differently (-y/-i/-iy/-ii/-yy, -ah/-a, -ou/-u).
_ENDINGS = (
    (re.compile(r"(?:[iy]{1,2}|e[iy]|ij)$"), "i"),
    (re.compile(r"ah$"), "a"),
    (re.compile(r"(?:ou|oo|u)$"), "u"),
    (re.compile(r"e$"), ""),
)


@lru_cache(maxsize=1 << 15)
def fold(word: str) -> str:
    """Lower-case letters and digits only, accents folded: 'Bürgenstock' → 'burgenstock'."""
    text = unicodedata.normalize("NFKD", word.casefold().translate(_LETTERS))
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


def _vowel_sounds(word: str) -> tuple[str, ...]:
    """The word's vowel groups, one spelling per sound ('Kyiv' and 'Kiev' → ('i',)), so that
    a vowel of another quality ('iPad'/'iPod', 'Maria'/'Mario') tells two names apart."""
    text = fold(word)
    groups = re.findall(r"[aeiouy]+", text[1:] if text[:1] in _VOWELS else text)
    return tuple(_SOUNDS.get(g, "i" if re.fullmatch(r"[iy]+", g) else g) for g in groups)


@lru_cache(maxsize=1 << 15)
def skeleton(word: str) -> str:
    """First letter and consonants, alternations folded: 'Samarqand' and 'Samarkand' → smrknd."""
    text = fold(word)
    for written, said in _ALTERNATIONS:
        text = text.replace(written, said)
    if not text:
        return ""
    out = text[0]
    for c in text[1:]:
        if c not in _VOWELS and c != out[-1]:
            out += c
    return out


def _ending(word: str) -> str:
    """The vowels after the last consonant, one spelling per sound ('Sergey', 'Sergei' → i)."""
    text = fold(word)
    for pattern, sound in _ENDINGS:
        if pattern.search(text):
            return sound
    tail = re.search(r"[aeiouy]*$", text)
    return tail.group(0) if tail else ""


def edit_distance(a: str, b: str, limit: int = MAX_EDITS) -> int:
    """Levenshtein distance, stopping early once it exceeds ``limit`` (returns limit + 1)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def spelling_variants(a: str, b: str) -> bool:
    """Two spellings of one word: equal once accents are folded, or transliteration variants
    (never for words with digits: '737s' and '787s' are two aircraft)."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return bool(fa)
    if min(len(fa), len(fb)) < MIN_VARIANT_LETTERS or not (fa + fb).isalpha():
        return False
    return (
        skeleton(a) == skeleton(b)
        and _ending(a) == _ending(b)
        and _vowel_sounds(a) == _vowel_sounds(b)
        and edit_distance(fa, fb) <= MAX_EDITS
    )


def short_form(short: str, full: str) -> bool:
    """A familiar short form of a first name that begins like it: 'Joe' of 'Joseph', 'Danny' of
    'Daniel', 'Chris' of 'Christopher' (not 'Jim' of 'James': that needs a nickname table)."""
    s, f = fold(short), fold(full)
    stem = re.sub(r"(?:ie|y|e|i)$", "", s)
    stem = re.sub(r"(.)\1+", r"\1", stem)
    full_once = re.sub(r"(.)\1+", r"\1", f)
    return len(stem) >= 2 and len(full_once) >= len(stem) + 2 and full_once.startswith(stem)
