"""Compile PETRARCH2's actor and agent dictionaries into ``storyline/data/petrarch_actors.json``.

Run from the repository root, with the package importable (``PYTHONPATH=src``)::

    python scripts/compile_petrarch_actors.py ../shared/lexicons/petrarch2

The inputs are the Open Event Data Alliance's PETRARCH2 dictionaries (MIT licence; their
copyright lines travel with the output in its ``licence`` field):

* ``Phoenix.Countries.actors.txt``: one record per country (its code, names, demonyms and
  places) followed by its institutions and about 18,000 office holders with dated CAMEO codes
  (``[RUSGOV >20040309]``: Russian government after 9 March 2004);
* ``Phoenix.International.actors.txt``: intergovernmental and non-governmental organisations,
  multinational companies and their officers;
* ``Phoenix.MilNonState.actors.txt``: armed non-state groups;
* ``Phoenix.agents.txt``: agent nouns and their sector codes (``MINISTER [~GOV]``).

The record format is PETRARCH2's ``dictionaries.rst``: a primary phrase, ``+`` synonyms, then
tab-indented date restrictions (``<date``, ``>date``, ``date-date``; YYMMDD years 00-30 are
20YY, as in TABARI). The output keeps, per record, the names as matching keys (case-folded,
accents and full stops dropped, titles such as "Russian Foreign Minister" stripped from people's
names), the display name, the kind (person, organisation, group, country) and the dated codes.
A synonym of a person that shares no name word with the primary phrase is written as a person of
its own with the same codes: TABARI used such synonyms for several holders of one office.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from storyline.entities.lexicon import lexicon, name_key
from storyline.entities.names import split_title

ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENT_FILE = "Phoenix.agents.txt"
OUTPUT = Path(__file__).resolve().parent.parent / "src" / "storyline" / "data"
COPYRIGHT = (
    "Derived from the PETRARCH2 dictionaries (openeventdata/petrarch2, commit "
    "676801cd9cb2924bbbad09f86d15c9323e7097bf). Copyright (c) 2014 Open Event Data; "
    "Copyright (c) 2014 Open Event Data Alliance. The MIT License (MIT): Permission is hereby "
    "granted, free of charge, to any person obtaining a copy of this software and associated "
    'documentation files (the "Software"), to deal in the Software without restriction, '
    "including without limitation the rights to use, copy, modify, merge, publish, distribute, "
    "sublicense, and/or sell copies of the Software, and to permit persons to whom the Software "
    "is furnished to do so, subject to the following conditions: The above copyright notice "
    "and this permission notice shall be included in all copies or substantial portions of the "
    'Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR '
    "IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A "
    "PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT "
    "HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF "
    "CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR "
    "THE USE OR OTHER DEALINGS IN THE SOFTWARE."
)
_CODE = re.compile(r"\[([^\]\s]+)(?:\s+([^\]]*))?\]")
_COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
_PERSON_SOURCES = ("CountryInfo.txt", "IGOrulers.txt")
_PARENTHESES = re.compile(r"\(([^)]*)\)")
#: Words of organisations' names that the entity layer's sector words (entities_orgs.toml) do
#: not already hold: the heads of the parties, fronts and networks of the dictionary.
ORGANISATION_WORDS = frozenset(
    "network movement front brigade brigades union league committee jihad qaeda organization "
    "organisation association alliance coalition forces group council assembly party".split()
)
#: A year counts as covered by the dictionary from this many dated codes in it.
COVERAGE_MIN_DATES = 3


@dataclass
class Restriction:
    code: str
    start: str = ""  # ISO day, '' when open
    end: str = ""


@dataclass
class Record:
    source: str
    primary: str
    comment: str = ""
    synonyms: list[str] = field(default_factory=list)
    restrictions: list[Restriction] = field(default_factory=list)


def parse_date(text: str) -> str | None:
    """ISO day of a YYMMDD or YYYYMMDD string (YY 00-30 → 20YY, as TABARI), None if invalid."""
    digits = text.strip()
    if not digits.isdigit():
        return None
    try:
        if len(digits) <= 7:
            year = int(digits[:2])
            year += 2000 if year <= 30 else 1900
            return date(year, int(digits[2:4]), int(digits[4:6])).isoformat()
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])).isoformat()
    except ValueError:
        return None


def parse_restrictions(text: str) -> list[Restriction]:
    """Every ``[CODE]``, ``[CODE <date]``, ``[CODE >date]``, ``[CODE d1-d2]`` in ``text``."""
    found = []
    for code, when in _CODE.findall(text):
        if code.startswith("-") or code.startswith("~"):
            continue
        when = (when or "").strip()
        if not when:
            found.append(Restriction(code))
        elif when.startswith("<"):
            end = parse_date(when[1:])
            if end:
                found.append(Restriction(code, end=end))
        elif when.startswith(">"):
            start = parse_date(when[1:])
            if start:
                found.append(Restriction(code, start=start))
        elif "-" in when:
            first, _, last = when.partition("-")
            start, end = parse_date(first), parse_date(last)
            if start and end:
                found.append(Restriction(code, start=start, end=end))
    return found


def phrase_words(text: str) -> str:
    """'SERGEY_V._LAVROV_' → 'SERGEY V. LAVROV'."""
    return " ".join(text.replace("_", " ").split())


def read_actor_file(path: Path) -> list[Record]:
    records: list[Record] = []
    current: Record | None = None
    for raw in path.read_text("utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#") or raw.startswith("<"):
            continue
        body, _, comment = raw.partition("#")
        if raw[0] in " \t":
            if current is not None:
                current.restrictions += parse_restrictions(body)
            continue
        if raw.startswith("+"):
            if current is not None:
                phrase = phrase_words(body[1:].split("[")[0])
                if phrase:
                    current.synonyms.append(phrase)
                current.restrictions += parse_restrictions(body)
            continue
        phrase = phrase_words(body.split("[")[0])
        if not phrase:
            continue
        current = Record(path.name, phrase, comment.strip(), [], parse_restrictions(body))
        records.append(current)
    return records


def display(phrase: str) -> str:
    """Title case for a display name: 'BAN KI-MOON' → 'Ban Ki-Moon', "O'NEILL" → "O'Neill";
    a one-word name of up to five letters, or one with full stops, is an acronym ('U.N.')."""
    if " " not in phrase and (len(phrase) <= 5 or "." in phrase):
        return phrase
    words = []
    for word in phrase.split():
        parts = re.split(r"([-'])", word.lower())
        words.append("".join(p[:1].upper() + p[1:] for p in parts))
    return " ".join(words)


def person_key(phrase: str) -> str:
    """Matching key of a person's name with titles and honorifics stripped."""
    _, name = split_title(display(phrase))
    return name_key(name)


def same_person(primary: str, other: str) -> bool:
    """A synonym names the primary person when it shares a name word or is the same letters."""
    a, b = primary.split(), other.split()
    if not a or not b:
        return False
    if a[-1] == b[-1] or a[0] == b[0] or "".join(a) == "".join(b):
        return True
    return bool({w for w in a if len(w) > 2} & {w for w in b if len(w) > 2})


def organisation_keys(phrase: str) -> list[str]:
    """Keys of an organisation's name; an acronym in parentheses is a key of its own
    ('ADEN ABYAN ISLAMIC ARMY (AAIA)' → 'aden abyan islamic army', 'aaia')."""
    keys = [name_key(_PARENTHESES.sub(" ", phrase))]
    keys += [name_key(inner) for inner in _PARENTHESES.findall(phrase)]
    return [k for k in keys if k]


def coverage_end(dates: list[str]) -> str:
    """The last year the dictionary's dated codes cover: the latest year with at least
    ``COVERAGE_MIN_DATES`` dates (a lone date years later is a typo in the source)."""
    years = Counter(d[:4] for d in dates if d)
    covered = [y for y, n in years.items() if n >= COVERAGE_MIN_DATES]
    return max(covered) if covered else ""


def is_person(record: Record) -> bool:
    """A person: marked as coming from the leaders' lists, or dated codes on a name with no
    organisation word (the dictionary also dates parties and councils: 'Communist Party of the
    Soviet Union', 'Syrian National Council')."""
    if any(source in record.comment for source in _PERSON_SOURCES):
        return True
    if record.source.startswith("Phoenix.MilNonState"):
        return False
    dated = any(r.start or r.end for r in record.restrictions)
    words = name_key(record.primary).split()
    return (
        dated and not (set(words) & ORGANISATION_WORDS) and not lexicon().org_sector(record.primary)
    )


def country_code(record: Record) -> str | None:
    """The country a record of the countries file names: its bare three-letter code, the last
    one when predecessors come first (UKRAINE: [USRUKR <910824] ... [UKR >911221]); people of
    that file (marked CountryInfo.txt) are never countries."""
    if not record.source.startswith("Phoenix.Countries"):
        return None
    if any(s in record.comment for s in _PERSON_SOURCES):
        return None
    bare = [r for r in record.restrictions if _COUNTRY_CODE.match(r.code)]
    return bare[-1].code if bare else None


def kind_of(record: Record) -> str:
    """'country', 'person', 'organisation' or (armed) 'group'."""
    if country_code(record):
        return "country"
    if is_person(record):
        return "person"
    if record.source.startswith("Phoenix.MilNonState"):
        return "group"
    return "organisation"


def compile_records(records: list[Record]) -> dict:
    people: list[list] = []
    organisations: list[list] = []
    countries: dict[str, dict] = {}
    dates: list[str] = []
    for record in records:
        kind = kind_of(record)
        restrictions = [[r.code, r.start, r.end] for r in record.restrictions]
        dates += [d for r in record.restrictions for d in (r.start, r.end)]
        if kind == "country":
            code = country_code(record) or ""
            entry = countries.setdefault(code, {"name": display(record.primary), "names": []})
            for phrase in [record.primary, *record.synonyms]:
                key = name_key(phrase)
                if key and key not in entry["names"]:
                    entry["names"].append(key)
        elif kind == "person":
            primary_key = person_key(record.primary)
            if not primary_key:
                continue
            keys = [primary_key]
            for phrase in record.synonyms:
                key = person_key(phrase)
                if not key or key in keys:
                    continue
                if same_person(primary_key, key):
                    keys.append(key)
                elif " " in key:
                    people.append([display(phrase), [key], restrictions])
            people.append([display(record.primary), keys, restrictions])
        else:
            keys = []
            for phrase in [record.primary, *record.synonyms]:
                for key in organisation_keys(phrase):
                    if key not in keys:
                        keys.append(key)
            code = record.restrictions[0].code if record.restrictions else ""
            organisations.append([keys, code])
    return {
        "people": people,
        "organisations": organisations,
        "countries": countries,
        "coverage_end": coverage_end(dates),
    }


def read_agents(path: Path) -> list[list[str]]:
    """(key, code) of each agent noun: 'FOREIGN_MINISTER [~GOVFRM]' → ['foreign minister',
    'GOVFRM']; substitution markers and plural braces are dropped."""
    agents = []
    for raw in path.read_text("utf-8", errors="replace").splitlines():
        body = raw.partition("#")[0].strip()
        if not body or body.startswith("!") or "[" not in body:
            continue
        phrase = re.sub(r"\{[^}]*\}", " ", body.split("[")[0])
        if "!" in phrase:
            continue
        code = body.split("[", 1)[1].split("]")[0].replace("}", "").strip()
        key = name_key(phrase_words(phrase))
        if key and code:
            agents.append([key, code.replace("~", "")])
    return agents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder holding the PETRARCH2 dictionaries")
    parser.add_argument("--out", type=Path, default=OUTPUT / "petrarch_actors.json")
    args = parser.parse_args(argv)
    records = [r for name in ACTOR_FILES for r in read_actor_file(args.source / name)]
    table = compile_records(records)
    table["agents"] = read_agents(args.source / AGENT_FILE)
    table = {"licence": COPYRIGHT, "sources": [*ACTOR_FILES, AGENT_FILE], **table}
    args.out.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")), "utf-8")
    print(
        f"{args.out}: {len(table['people'])} people, {len(table['organisations'])} organisations"
        f" and groups, {len(table['countries'])} countries, {len(table['agents'])} agents; "
        f"dated codes up to {table['coverage_end']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
