"""TIMEX3 values for matched temporal expressions: one normaliser per rule of data/timex.toml.

A normaliser reads the named groups of a rule's match plus a ``Context`` (the document date,
the last date resolved in the text, the tense of the clause) and returns a ``Normal`` — or
``None`` when the match is not a temporal expression after all (a 31 February). Relative
expressions in an undated document keep ``value=None`` or a TIMEX3 partial value (XXXX-12-27).
This module holds the calendar-name normalisers (dates, months, years, seasons, quarters);
``timex_relative`` those that count from the anchor or the text's reference date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from storyline.text.datewords import month_number, safe_date
from storyline.timex.calendar import (
    Context,
    Normal,
    add_months,
    day_value,
    granular_value,
    nearest_year,
    nth_weekday,
    shift_value,
)
from storyline.timex.relative import (
    n_clock,
    n_deictic,
    n_duration,
    n_offset,
    n_ref,
    n_reference,
    n_relative_unit,
    n_set,
    n_weekday,
    relation,
)
from storyline.timex.rules import phrase_key


def n_full_date(g: dict, context: Context) -> Normal | None:
    month = int(g["mnum"]) if g.get("mnum") else month_number(g["month"] or "")
    year = int(g["year"])
    if year < 100:
        year += 1900 if year > 30 else 2000
    day = safe_date(year, month, int(g["day"]))
    if day is None:
        return None
    if g.get("hour"):
        return Normal(f"{day_value(day)}T{g['hour']}:{g['minute']}", "explicit-time", "TIME")
    return Normal(day_value(day), "explicit-date")


def n_date_range(g: dict, context: Context) -> Normal | None:
    year, month = int(g["year"]), month_number(g["month"])
    end_month = month_number(g["month1"]) if g.get("month1") else month
    end = safe_date(year, end_month, int(g["day"]))
    start = safe_date(year, month, int(g["day0"]))
    if start is None or end is None:
        return None
    if start > end:
        start = safe_date(year - 1, month, int(g["day0"]))
    return Normal(day_value(start), "explicit-range", range_end=day_value(end)) if start else None


def n_month_day(g: dict, context: Context) -> Normal | None:
    month, day = month_number(g["month"]), int(g["day"])
    if month is None or safe_date(2000, month, day) is None:  # 2000: leap year, allows Feb 29
        return None
    if context.anchor is None:
        return Normal(f"XXXX-{month:02d}-{day:02d}", "month-day-undated", anchored=True)
    if context.done():  # the day of an act told as done is not after the article's own
        resolved = nearest_year(context.anchor, month, day, "past", 0)
    else:
        drift = context.lexicon.max_drift_days
        resolved = nearest_year(context.anchor, month, day, context.direction(), drift)
    if resolved is None:
        return None
    return Normal(day_value(resolved), "month-day-nearest-year", anchored=True)


def n_month_year(g: dict, context: Context) -> Normal | None:
    month = month_number(g["month"])
    return Normal(f"{int(g['year']):04d}-{month:02d}", "explicit-month") if month else None


def n_month(g: dict, context: Context) -> Normal | None:
    month = month_number(g["month"])
    if month is None:
        return None
    if context.anchor is None:
        return Normal(f"XXXX-{month:02d}", "month-undated", anchored=True)
    a = context.anchor
    rel = relation(g, context)
    direction = context.direction() if rel is None else None
    if rel == -1 or (rel is None and direction == "past"):
        year = a.year if month < a.month or (rel is None and month == a.month) else a.year - 1
    elif rel == 1 or (rel is None and direction == "future"):
        year = a.year if month > a.month or (rel is None and month == a.month) else a.year + 1
    elif rel == 0:
        year = a.year
    else:
        year = a.year + min((-1, 0, 1), key=lambda y: abs(y * 12 + month - a.month))
    return Normal(f"{year:04d}-{month:02d}", "month-by-tense", anchored=True)


def n_month_relative_year(g: dict, context: Context) -> Normal | None:
    month = month_number(g["month"])
    if month is None or context.anchor is None:
        return Normal(None, "month-relative-undated", anchored=True)
    year = context.anchor.year + (relation(g, context) or 0)
    return Normal(f"{year:04d}-{month:02d}", "month-of-relative-year", anchored=True)


def n_month_reference_year(g: dict, context: Context) -> Normal | None:
    """ "September that year": the month in the year of the text's last resolved date."""
    month = month_number(g["month"])
    which = phrase_key(g.get("which") or "")
    step = 1 if which.endswith(("following", "next")) else -1 if which.endswith("previous") else 0
    base = (context.reference or "")[:4]
    if month is None or not base.isdigit():
        return Normal(None, "month-reference-year-unresolved", anchored=True)
    return Normal(f"{int(base) + step:04d}-{month:02d}", "month-of-reference-year", anchored=True)


def n_year(g: dict, context: Context) -> Normal | None:
    return Normal(f"{int(g['year']):04d}", "explicit-year")


def n_decade(g: dict, context: Context) -> Normal | None:
    if g.get("century"):
        return Normal(f"{g['century']}{g['decade']}", "explicit-decade")
    short = g.get("short") or g.get("decade")  # "'90s", "90s"
    word = (g.get("word") or "").lower()  # "nineties" → "ninety" → 9
    tens = context.lexicon.numbers.get(word[:-3] + "y") if word.endswith("ies") else None
    digit = int(short) if short else int(tens) // 10 if tens else None
    if digit is None:
        return None
    if context.anchor is None:
        return Normal(None, "decade-undated", anchored=True)
    century = context.anchor.year // 100
    if century * 100 + digit * 10 > context.anchor.year:
        century -= 1
    return Normal(f"{century:02d}{digit}", "decade-latest-past", anchored=True)


def n_century(g: dict, context: Context) -> Normal | None:
    text = phrase_key(g["ord"])
    number = context.lexicon.ordinals.get(text) or int(re.sub(r"\D", "", text) or 0)
    return Normal(f"{number - 1:02d}", "explicit-century") if 1 <= number <= 30 else None


def n_season(g: dict, context: Context) -> Normal | None:
    code = context.lexicon.seasons[phrase_key(g["season"] if g.get("season") else "")]
    if g.get("year"):
        return Normal(f"{int(g['year']):04d}-{code}", "explicit-season")
    if context.anchor is None:
        return Normal(f"XXXX-{code}", "season-undated", anchored=True)
    a = context.anchor
    start = context.lexicon.season_months[code][0]
    # the instance of the season that started most recently on or before the anchor
    year = a.year if (a.month >= start) else a.year - 1
    current = (a.year, a.month) < add_months(year, start, 3)
    rel = relation(g, context)
    direction = context.direction() if rel is None else None
    if rel == -1 and current:
        year -= 1
    elif rel == 1 or (rel is None and direction == "future" and not current):
        year += 1
    return Normal(f"{year:04d}-{code}", "season-by-tense", anchored=True)


def n_quarter(g: dict, context: Context) -> Normal | None:
    words = phrase_key(" ".join(filter(None, (g.get("rel"), g.get("ago")))))
    back = 1 if any(w in words for w in ("year-ago", "year-earlier", "a year")) else 0
    if g.get("qnum"):
        number = int(g["qnum"][1])
    elif g.get("ord"):
        number = {"1": 1, "2": 2, "3": 3, "4": 4}.get(g["ord"][0]) or context.lexicon.ordinals.get(
            phrase_key(g["ord"]), 0
        )
    else:
        number = 0
    text = phrase_key(g.get("text") or "")
    if g.get("year"):
        value = f"{int(g['year']):04d}-Q{number}" if number else None
        return Normal(shift_value(value, -back, "Y") if back else value, "explicit-quarter")
    if "this year's" in text or "last year's" in text or "next year's" in text:
        back += 1 if "last year's" in text else -1 if "next year's" in text else 0
    ref = context.reference if re.search(r"-Q[1-4]$", context.reference or "") else None
    if context.anchor is None and ref is None:
        return Normal(f"XXXX-Q{number}" if number else None, "quarter-undated", anchored=True)
    if number:  # "the third quarter": the reporting year, from the anchor when there is one
        if context.anchor:
            base_year = context.anchor.year
        else:
            assert ref is not None  # anchor and ref are never both None here (returned above)
            base_year = int(ref[:4])
        current = (context.anchor.month - 1) // 3 + 1 if context.anchor else 4
        rel = relation(g, context)
        if context.anchor and number > current and rel != 1 and context.direction() != "future":
            base_year -= 1
        value = f"{base_year:04d}-Q{number}"
        ref = None
    elif ref is not None:
        value = ref
    else:  # "the quarter", "the latest quarter": the last quarter completed before the anchor
        assert context.anchor is not None  # ref is None here, so the anchor is set (returned above)
        value = shift_value(granular_value(context.anchor, "Q"), -1, "Q")
        rel = relation(g, context)
        if rel is not None and phrase_key(g.get("rel") or "") in ("current", "this"):
            value = granular_value(context.anchor, "Q")
        elif rel == 1:
            value = shift_value(value, 2, "Q")
    value = shift_value(value, -back, "Y") if back else value
    rule = "quarter-reference" if ref else "quarter-by-anchor"
    return Normal(value, rule, anchored=True, sets_reference=not back)


def n_half(g: dict, context: Context) -> Normal | None:
    half = 1 if g["half"].lower() == "first" else 2
    text = phrase_key(g.get("text") or "")
    if g.get("year"):
        return Normal(f"{int(g['year']):04d}-H{half}", "explicit-half")
    if context.anchor is None:
        return Normal(f"XXXX-H{half}", "half-undated", anchored=True)
    year = context.anchor.year + (1 if "next year" in text else -1 if "last year" in text else 0)
    return Normal(f"{year:04d}-H{half}", "half-by-anchor", anchored=True)


def n_holiday(g: dict, context: Context) -> Normal | None:
    lex = context.lexicon
    key = phrase_key(g["holiday"])
    if key in lex.holidays:
        month, day = lex.holidays[key]
        if g.get("year"):
            found = safe_date(int(g["year"]), month, day)
            return Normal(day_value(found), "explicit-holiday") if found else None
        return n_month_day({"month": date(2000, month, 1).strftime("%B"), "day": str(day)}, context)
    month, weekday, n = lex.floating_holidays[key]
    if g.get("year"):
        return Normal(day_value(nth_weekday(int(g["year"]), month, weekday, n)), "explicit-holiday")
    if context.anchor is None:
        return Normal(None, "holiday-undated", anchored=True)
    a = context.anchor
    options = [nth_weekday(a.year + y, month, weekday, n) for y in (-1, 0, 1)]
    direction = context.direction()
    if direction == "future":
        options = [d for d in options if d >= a] or options
    elif direction == "past":
        options = [d for d in options if d <= a] or options
    best = min(options, key=lambda d: abs((d - a).days))
    return Normal(day_value(best), "holiday-nearest-year", anchored=True)


def n_spelled_year(g: dict, context: Context) -> Normal | None:
    """Years as read aloud in transcripts: "nineteen ninety-six", "two thousand and one"."""
    numbers = context.lexicon.numbers
    words = [w for w in re.split(r"[- ]+", g["spelled"].lower()) if w != "and"]
    if words[:2] == ["two", "thousand"]:
        year = 2000 + int(sum(numbers.get(w, 0) for w in words[2:]))
    else:
        rest = words[1:]
        year = int(numbers.get(words[0], 0) * 100 + sum(numbers.get(w, 0) for w in rest))
        if rest == ["hundred"]:
            year -= 100
    month = month_number(g.get("month") or "")
    value = f"{year:04d}-{month:02d}" if month else f"{year:04d}"
    return Normal(value, "spelled-year")


NORMALISERS: dict[str, Callable[[dict, Context], Normal | None]] = {
    "full_date": n_full_date,
    "date_range": n_date_range,
    "month_day": n_month_day,
    "month_year": n_month_year,
    "month": n_month,
    "year": n_year,
    "month_relative_year": n_month_relative_year,
    "month_reference_year": n_month_reference_year,
    "decade": n_decade,
    "century": n_century,
    "season": n_season,
    "quarter": n_quarter,
    "half": n_half,
    "deictic": n_deictic,
    "weekday": n_weekday,
    "relative_unit": n_relative_unit,
    "offset": n_offset,
    "reference": n_reference,
    "duration": n_duration,
    "set": n_set,
    "ref": n_ref,
    "clock": n_clock,
    "holiday": n_holiday,
    "spelled_year": n_spelled_year,
}


def normalise(name: str, match: re.Match[str], context: Context) -> Normal | None:
    """Run the named normaliser on a rule's match; the match text is passed as group 'text'."""
    groups = {k: v for k, v in match.groupdict().items()}
    groups["text"] = match.group(0)
    return NORMALISERS[name](groups, context)
