"""The headline: chosen among candidates by agreement and shape, with site names stripped.

A page names its headline several times — ``<title>`` (usually "Headline | Site" or
"Headline - Site"), ``og:title`` and ``twitter:title`` (usually the bare headline), the ``<h1>``,
and, in a text scrape, one of the lines above the first paragraph. Each candidate is read with
and without the site or section parts at its ends; the reading most candidates agree on wins
(ties go to a reading longer than a label, then to the source listed first, then to the reading
without site parts). A reading made
only of labels ("WORLD | DIPLOMACY", "Home > India > Diplomacy", "SENTINEL ONLINE") or a date is
never a headline.

What a site part looks like: a known site name (``og:site_name``), or a short part at either end,
split off by ``|``, ``»``, ``›``, ``·`` or a spaced dash, whose words are all capitalised (a
masthead or section: "Trident Times", "WorldDesk 24", "India -Russia Relations"). A part that ends
with "!" or "?" or holds lower-case words ("What You Need to Know!") is part of the headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from storyline.data import read_toml
from storyline.text.datewords import find_dates
from storyline.text.lines import line_shape, normalise_line, shape_rules

#: Separators between a headline and a site or section name.
STRONG_SEPARATOR = re.compile(r"\s*[|»›·]\s*|\s+::\s+")
DASH_SEPARATOR = re.compile(r"\s+[-–—]\s+")
TITLE_MAX_WORDS = 30
SITE_MAX_WORDS = 4
_WORD = re.compile(r"[^\W_]+(?:['’.&-][^\W_]+)*")


@dataclass(frozen=True)
class TitleCandidate:
    """One place that names the headline: its source ("og:title", "h1", "line 3") and text."""

    source: str
    text: str


def clean_title(text: str | None) -> str:
    """A candidate as plain text: Markdown and spacing normalised, stray quotes off the ends."""
    return normalise_line(text or "").strip(" \t*_#")


@cache
def masthead_words() -> frozenset[str]:
    return frozenset(read_toml("furniture.toml")["titles"]["masthead_words"])


def looks_like_site(part: str, site_names: Iterable[str] = (), *, dash: bool = False) -> bool:
    """A site or section name: a known one, or a few capitalised words with no sentence end.
    Split off by a dash (``dash``), it also needs a digit or a masthead noun ("Times")."""
    plain = part.strip()
    if not plain:
        return True
    if plain.casefold() in {s.casefold() for s in site_names if s}:
        return True
    if re.search(r"\.(?:com|net|org|in|co|uk|news)\b", plain, re.IGNORECASE):
        return True
    if plain.endswith(("!", "?")):
        return False
    words = _WORD.findall(plain)
    if not words or len(words) > SITE_MAX_WORDS:
        return False
    function_words = shape_rules().function_words
    if any(w in function_words for w in words):  # lower-case "to", "of": headline wording
        return False
    if not all(w[0].isupper() or w[0].isdigit() for w in words):
        return False
    if not dash:
        return True
    nouns = masthead_words()
    return any(ch.isdigit() for ch in plain) or any(
        w.lower() == n or w.lower().startswith(n) or w.lower().endswith(n)
        for w in words
        for n in nouns
    )


def readings(text: str, site_names: Iterable[str] = ()) -> list[str]:
    """The ways to read a candidate: as written, then with site parts stripped from its ends
    (strong separators first, then a spaced dash), most stripped last."""
    names = list(site_names)
    found = [text]
    for separator in (STRONG_SEPARATOR, DASH_SEPARATOR):
        current = found[-1]
        parts = [p for p in separator.split(current) if p.strip()]
        if len(parts) < 2:
            continue
        kept = list(parts)
        dash = separator is DASH_SEPARATOR
        while len(kept) > 1 and looks_like_site(kept[-1], names, dash=dash):
            kept.pop()
        while len(kept) > 1 and looks_like_site(kept[0], names, dash=dash):
            kept.pop(0)
        if len(kept) > 1 and separator is STRONG_SEPARATOR:
            kept = [max(kept, key=lambda p: len(_WORD.findall(p)))]
        if len(kept) < len(parts):
            start = current.index(kept[0])
            end = current.rindex(kept[-1]) + len(kept[-1])
            found.append(current[start:end].strip())
    return found


def is_headline(text: str) -> bool:
    """Could be a headline: 2–30 words; not a separated label ("WORLD | DIPLOMACY"), a short line
    in capitals ("SENTINEL ONLINE"), a bare date, or a sentence cut at a comma."""
    shape = line_shape(text)
    words = len(shape.words)
    if not 2 <= words <= TITLE_MAX_WORDS:
        return False
    if shape.label and (len(shape.segments) > 1 or shape.all_caps):
        return False
    if re.search(r"[,;:]$", text.rstrip("*_ ")):
        return False
    return not is_date_line(text)


def is_strong_headline(text: str) -> bool:
    """A headline no masthead could be: more than a label's few capitalised words."""
    return is_headline(text) and not line_shape(text).label


def is_date_line(text: str, coverage: float = 0.6) -> bool:
    """A line that is mostly a date ("Wednesday, September 14, 2022", "Sep 10, 2023 18:20")."""
    chars = sum(ch.isalnum() for ch in text)
    if not chars:
        return False
    covered = sum(ch.isalnum() for d in find_dates(text) for ch in text[d.start : d.end])
    weekday = re.match(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s", text, re.IGNORECASE)
    if weekday:
        covered += sum(ch.isalnum() for ch in weekday.group(0))
    clock = re.findall(r"\b[0-2]?\d[:.][0-5]\d\b(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?", text)
    covered += sum(ch.isalnum() for c in clock for ch in c)
    return covered / chars >= coverage


def choose_title(
    candidates: Sequence[TitleCandidate], site_names: Iterable[str] = ()
) -> str | None:
    """The headline the candidates agree on (see the module docstring), or None."""
    names = [n for n in site_names if n]
    votes: dict[str, float] = {}
    first_seen: dict[str, tuple[int, int]] = {}
    shown: dict[str, str] = {}
    for rank, candidate in enumerate(candidates):
        text = clean_title(candidate.text)
        if not text:
            continue
        seen_here: set[str] = set()
        for depth, reading in enumerate(readings(text, names)):
            key = reading.casefold()
            if key in seen_here or not is_headline(reading):
                continue
            seen_here.add(key)
            votes[key] = votes.get(key, 0.0) + 1.0
            first_seen.setdefault(key, (rank, -depth))
            shown.setdefault(key, reading)
    if not votes:
        return None
    strong = {k: is_strong_headline(shown[k]) for k in votes}
    best = max(votes, key=lambda k: (votes[k], strong[k], -first_seen[k][0], -first_seen[k][1]))
    return shown[best]


_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _folded(text: str) -> str:
    return " ".join(text.translate(_FOLD).casefold().split())


def title_agrees(line: str, title: str, site_names: Iterable[str] = ()) -> bool:
    """True when a line of the text names ``title`` (as written or with its site parts off;
    typographic quotes, dashes, case and spacing ignored)."""
    wanted = _folded(clean_title(title))
    return any(_folded(r) == wanted for r in readings(clean_title(line), site_names))
