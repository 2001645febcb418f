"""Measure which country and organisation names news writes with "the" ("the Philippines",
"the United States", "the African Union") and write ``src/storyline/data/definite_names.tsv``.

English puts "the" before a name that is plural or built on a common noun, and before no other;
which names those are is read from how the articles themselves write them, not from a hand
list. The candidates are every name of the PETRARCH2 country and international-actor
dictionaries (``../shared/lexicons/petrarch2``); the texts are the demo corpus, the body
extraction gold articles (``eval/articles``), TimeBank/AQUAINT (``eval/timeml``), the
publication-date test pages (``eval/dates/test_set``) and ECB+ (``eval/ecbplus``) — some two
thousand news pages from unrelated sources. Names of two or more words are also counted by the
word they are built on (``name_head``), for the names the dictionaries lack. An occurrence
counts only where the name stands as a noun phrase of its own: written capitalised, not part of
a longer name (no capitalised word next to it), and followed by punctuation, a possessive or a
function word — "the India team" is the team's article, not India's.

The table keeps each name seen at least ``MIN_SEEN`` times with its two counts; ``events/
labels.py`` writes "the" where at least ``DEFINITE_SHARE`` of them have it (the threshold is
read there, with the table).

    python scripts/measure_definite_names.py
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared") if Path("/work/shared").exists() else ROOT.parent / "shared"
TABLE = ROOT / "src" / "storyline" / "data" / "definite_names.tsv"
DICTIONARIES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt")
MIN_SEEN = 3
#: A head word is kept when at least this many names end in it.
MIN_HEAD_SEEN = 5
#: Words after which a name stands alone as a noun phrase (function words and the auxiliaries
#: and verbs of saying that follow a subject).
FOLLOWERS = frozenset(
    "and or but nor to in on at of for with from by as about against over into than that which "
    "who whose is was are were has have had will would could should may might can did does do "
    "said says say told also".split()
)
_TAG = re.compile(r"<[^>]+>")
_TOKEN = re.compile(r"<token[^>]*>([^<]*)</token>")


def candidate_names() -> set[str]:
    """Every name of the two dictionaries, as words ("UNITED_STATES_" → "united states")."""
    names: set[str] = set()
    for file in DICTIONARIES:
        path = SHARED / "lexicons" / "petrarch2" / file
        for line in path.read_text("latin-1").splitlines():
            entry = line.split("#")[0].split("[")[0].strip().lstrip("+").strip()
            if not entry or not entry[0].isalpha() or "<" in entry or "{" in entry:
                continue
            words = entry.replace("_", " ").split()
            if words and words[0] == "THE":
                words = words[1:]
            if words and all(re.fullmatch(r"[A-Z][A-Z.'&-]*", w) for w in words):
                names.add(" ".join(words).lower())
    return names


def texts() -> list[str]:
    """The measured news texts."""
    found = [p.read_text("utf-8") for p in sorted((SHARED / "samples" / "india-russia").glob("*"))]
    articles = json.loads((SHARED / "eval" / "articles" / "ground-truth.json").read_text("utf-8"))
    found += [a.get("articleBody") or "" for a in articles.values()]
    for path in sorted((SHARED / "eval" / "timeml").rglob("*.tml")):
        found.append(html.unescape(_TAG.sub("", path.read_text("utf-8", errors="replace"))))
    for path in sorted((SHARED / "eval" / "dates" / "test_set").glob("*.html")):
        page = path.read_text("utf-8", errors="replace")
        page = re.sub(r"(?is)<(script|style)[^>]*>.*?</\1>", " ", page)
        found.append(html.unescape(_TAG.sub(" ", page)))
    for path in sorted((SHARED / "eval" / "ecbplus").rglob("*.xml")):
        tokens = _TOKEN.findall(path.read_text("utf-8", errors="replace"))
        found.append(html.unescape(" ".join(tokens)))
    return found


def count(
    names: set[str], corpus: list[str]
) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
    """For each dictionary name, and for each head word (the last) of any capitalised name of two
    or more words: occurrences written with "the" before them and without."""
    counts: dict[str, Counter[str]] = {}
    heads: dict[str, Counter[str]] = {}
    word = re.compile(r"[A-Za-z][A-Za-z.'&-]*|[^\sA-Za-z]")
    longest = max(len(n.split()) for n in names)
    for text in corpus:
        tokens = word.findall(text)
        lower = [t.lower() for t in tokens]
        for i in range(len(tokens)):
            if not tokens[i][0].isupper():
                continue
            _count_head(tokens, lower, i, heads)
            for size in range(min(longest, len(tokens) - i), 0, -1):
                name = " ".join(lower[i : i + size])
                if name not in names:
                    continue
                if _stands_alone(tokens, i, i + size):
                    definite = i > 0 and lower[i - 1] == "the"
                    counts.setdefault(name, Counter())["the" if definite else "bare"] += 1
                break
    return counts, heads


def _count_head(
    tokens: list[str], lower: list[str], i: int, heads: dict[str, Counter[str]]
) -> None:
    """Count the capitalised name of two or more words that starts at ``i`` (not after another
    capitalised word, not at a sentence start), by its last word."""
    before = tokens[i - 1] if i > 0 else "."
    if (before[0].isupper() and lower[i - 1] != "the") or lower[i] == "the":
        return
    if not before[0].isalpha() or (
        lower[i - 1] == "the" and i > 1 and not tokens[i - 2][0].isalpha()
    ):
        return  # a sentence start: capitalised whatever it is
    end = i
    while end < len(tokens) and (
        (tokens[end][0].isupper() and tokens[end].isalpha())
        or (lower[end] == "of" and end + 1 < len(tokens) and tokens[end + 1][0].isupper())
    ):
        end += 1
    if end - i >= 2 and _stands_alone(tokens, i, end):
        head = name_head(lower[i:end])
        heads.setdefault(head, Counter())["the" if lower[i - 1] == "the" else "bare"] += 1


def name_head(words: list[str]) -> str:
    """The word a name is built on: the last, or the last before "of" ("Group of Twenty")."""
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


def _stands_alone(tokens: list[str], start: int, end: int) -> bool:
    """Capitalised words, no capitalised neighbour, followed by punctuation, a possessive or a
    function word."""
    if not all(t[0].isupper() for t in tokens[start:end] if t.isalpha() and len(t) > 2):
        return False
    before = tokens[start - 1] if start > 0 else "."
    if before[0].isupper() and before.lower() != "the":
        return False
    after = tokens[end] if end < len(tokens) else "."
    return not after[0].isalnum() or after.lower() in FOLLOWERS or after.lower() in ("'s", "s")


def main() -> None:
    counts, heads = count(candidate_names(), texts())
    rows = sorted(
        ("name", name, c["the"], c["bare"])
        for name, c in counts.items()
        if sum(c.values()) >= MIN_SEEN
    )
    rows += sorted(
        ("head", word, c["the"], c["bare"])
        for word, c in heads.items()
        if sum(c.values()) >= MIN_HEAD_SEEN
    )
    header = [
        "# How often news writes each PETRARCH2 country or organisation name with 'the'",
        "# (scripts/measure_definite_names.py: demo corpus, eval/articles, TimeBank/AQUAINT,",
        "# eval/dates test pages, ECB+).",
        "# kind\tname\twith_the\twithout  (kind head: capitalised names of 2+ words by last word)",
    ]
    lines = [*header, *(f"{k}\t{n}\t{t}\t{b}" for k, n, t, b in rows)]
    TABLE.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(rows)} names written to {TABLE}")


if __name__ == "__main__":
    main()
