"""TIMEX3 normalisers for expressions that count: from the document date ("yesterday",
"on Monday", "last year", "two years ago"), from the last date the text resolved ("the
following day", "a year earlier"), and durations and sets ("three years", "every week").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.text.datewords import WEEKDAYS
from storyline.timex.calendar import (
    CLOCK_UNITS,
    Context,
    Normal,
    day_value,
    duration_value,
    granular_value,
    reference_day,
    shift_date,
    shift_value,
    week_value,
)
from storyline.timex.rules import Lexicon, phrase_key


def relation(groups: dict[str, str | None], context: Context) -> int | None:
    """-1 / 0 / +1 from a modifier word (last / this / next), None without one."""
    rel = phrase_key(groups.get("rel") or "")
    if not rel:
        return None
    lex = context.lexicon
    if rel in lex.past_modifiers:
        return -1
    if rel in lex.future_modifiers:
        return 1
    return 0


# --- normalisers -------------------------------------------------------------------------------


def n_deictic(g: dict, context: Context) -> Normal | None:
    lex = context.lexicon
    word = phrase_key(g.get("deictic") or "")
    offset = lex.deictic.get(word, 0)
    pod = lex.parts_of_day.get(phrase_key(g.get("pod") or "")) or lex.parts_of_day.get(
        word.split()[-1] if word else ""
    )
    kind = "TIME" if pod else "DATE"
    if context.anchor is None:
        return Normal(None, "deictic-undated", kind, anchored=True)
    value = day_value(context.anchor + timedelta(days=offset))
    return Normal(value + (f"T{pod}" if pod else ""), "deictic-day", kind, anchored=True)


def n_weekday(g: dict, context: Context) -> Normal | None:
    weekday = WEEKDAYS[g["weekday"].lower()]
    pod = context.lexicon.parts_of_day.get(phrase_key(g.get("pod") or ""))
    suffix = f"T{pod}" if pod else ""
    kind = "TIME" if pod else "DATE"
    if context.anchor is None:
        return Normal(f"XXXX-WXX-{weekday + 1}{suffix}", "weekday-undated", kind, anchored=True)
    a = context.anchor
    back = (a.weekday() - weekday) % 7
    forward = (weekday - a.weekday()) % 7
    rel = relation(g, context)
    if rel == -1:
        day, rule = a - timedelta(days=back or 7), "weekday-last"
    elif rel == 1:
        day, rule = a + timedelta(days=forward or 7), "weekday-next"
    elif rel == 0:
        day, rule = a + timedelta(days=weekday - a.weekday()), "weekday-this-week"
    elif context.direction() == "future":
        day, rule = a + timedelta(days=forward), "weekday-future-tense"
    else:
        day, rule = a - timedelta(days=back), "weekday-past-oriented"
    return Normal(day_value(day) + suffix, rule, kind, anchored=True)


def n_relative_unit(g: dict, context: Context) -> Normal | None:
    unit = context.lexicon.units.get(g["unit"].lower())
    if unit is None:
        return None
    if context.anchor is None:
        return Normal(None, "relative-undated", anchored=True)
    rel = relation(g, context)
    a = context.anchor
    if unit == "WE":
        past = (rel is None and context.direction() != "future") or rel == -1
        saturday = a + timedelta(days=5 - a.weekday())
        if past and saturday > a:
            saturday -= timedelta(days=7)
        if rel == 1:
            saturday += timedelta(days=7) if saturday > a else timedelta(days=14)
        return Normal(week_value(saturday) + "-WE", "weekend-by-tense", anchored=True)
    moved = shift_date(a, rel or 0, unit)
    if moved is None:
        return None
    return Normal(granular_value(moved, unit), "relative-to-anchor", anchored=True)


def number_value(text: str | None, lexicon: Lexicon) -> float | None:
    """The number a numeral or number phrase says; None for vague ones ("several")."""
    key = phrase_key(text or "")
    if not key or key in lexicon.vague:
        return None
    if key in lexicon.numbers:
        return lexicon.numbers[key]
    parts = re.split(r"[- ]", key)
    if len(parts) == 2 and parts[0] in lexicon.numbers and parts[1] in lexicon.numbers:
        return lexicon.numbers[parts[0]] + lexicon.numbers[parts[1]]
    if key.endswith(" 1/2"):
        key = str(float(key[:-4]) + 0.5) if key[:-4].isdigit() else key
    try:
        return float(key.replace(",", ""))
    except ValueError:
        return None


def n_offset(g: dict, context: Context) -> Normal | None:
    lex = context.lexicon
    unit = lex.units.get((g.get("unit") or g.get("num") or "").lower())
    number: float | None
    if g.get("unit") is None:  # "year-earlier", "year-ago" adjectives: one unit
        unit, number = lex.units.get(g["num"].lower()), 1.0
    else:
        number = number_value(g["num"], lex)
    direction = g["dir"].lower()
    sign = 1 if direction in ("later", "after", "hence", "from now") else -1
    if unit is None or unit in CLOCK_UNITS or unit == "NIGHT":
        return Normal(None, "offset-clock", anchored=True)
    if number is None:
        return Normal("PAST_REF" if sign < 0 else "FUTURE_REF", "offset-vague")
    if unit == "DE":
        unit, number = "Y", number * 10
    if number != int(number):
        return Normal(None, "offset-fraction", anchored=True)
    # "a year earlier" compares with the period just talked about; "ago" counts from the
    # document date, except when the text is comparing reporting periods (quarters, halves).
    from_reference = direction not in ("ago", "back", "hence", "from now") or re.search(
        r"-[QH]\d$", context.reference or ""
    )
    if from_reference and context.reference:
        moved = shift_value(context.reference, sign * number, unit)
        if moved is not None:
            return Normal(moved, "offset-from-reference", anchored=True, sets_reference=False)
    if context.anchor is None:
        return Normal(None, "offset-undated", anchored=True)
    moved_day = shift_date(context.anchor, sign * number, unit)
    if moved_day is None:  # beyond the calendar: temporal, but no value
        return Normal(None, "offset-out-of-range", anchored=True)
    value = granular_value(moved_day, unit)
    return Normal(value, "offset-from-anchor", anchored=True, sets_reference=False)


def n_reference(g: dict, context: Context) -> Normal | None:
    phrase = phrase_key(g["phrase"])
    unit_word = (g.get("unit") or g.get("unit2") or g.get("unit3") or "day").lower()
    pod = context.lexicon.parts_of_day.get(unit_word)
    unit = "D" if pod else context.lexicon.units.get(unit_word, "D")
    if "same time" in phrase:
        return Normal("PRESENT_REF", "same-time")
    step = 0
    if any(w in phrase for w in ("following", "next", "after", "later")):
        step = 1
    elif any(w in phrase for w in ("previous", "preceding", "prior", "before", "earlier")):
        step = -1
    base = reference_day(context)
    rule = "relative-to-reference"
    if base is None and context.reference and unit != "D":
        # "that year" after "April 2022" is 2022, not 2022-04: the unit sets the granularity
        coarse = {"Y": 4, "M": 7}.get(unit)
        reference = context.reference[:coarse] if coarse else context.reference
        moved = shift_value(reference, step, unit)
        if moved is not None:
            return Normal(moved, rule, anchored=True)
    if base is None:
        return Normal(None, "reference-unresolved", anchored=True)
    moved_day = shift_date(base, step, unit)
    if moved_day is None:
        return None
    value = granular_value(moved_day, unit) + (f"T{pod}" if pod else "")
    return Normal(value, rule, "TIME" if pod else None, anchored=True)


def n_duration(g: dict, context: Context) -> Normal | None:
    unit = context.lexicon.units.get((g.get("unit") or "").lower())
    if unit is None or (unit == "S" and phrase_key(g.get("num") or "") in ("a", "an")):
        return None  # "a second car" is an ordinal, not one second
    if g.get("num") is None:
        text = phrase_key(g.get("text") or "")
        number = None if text.endswith("s") else 1.0
    else:
        number = number_value(g["num"], context.lexicon)
    if unit == "WE" and number == 1:
        return Normal("P2D", "duration")
    return Normal(duration_value(number, unit), "duration")


def n_set(g: dict, context: Context) -> Normal | None:
    lex = context.lexicon
    key = phrase_key(g.get("set") or "")
    if key:
        value = lex.sets.get(key) or lex.per_unit.get(key)
        return Normal(value, "set-lexicon") if value else None
    if g.get("weekday"):
        return Normal(f"XXXX-WXX-{WEEKDAYS[g['weekday'].lower().rstrip('s')] + 1}", "set-weekday")
    if g.get("pod"):
        return Normal(f"XXXX-XX-XXT{lex.parts_of_day[g['pod'].lower()]}", "set-part-of-day")
    unit = lex.units.get((g.get("unit") or "").lower())
    if unit is None:
        return None
    number = number_value(g.get("num"), lex) if g.get("num") else 1.0
    return Normal(duration_value(number, unit), "set-every")


def n_ref(g: dict, context: Context) -> Normal | None:
    value = context.lexicon.refs.get(phrase_key(g["ref"]))
    return Normal(value, "reference-word") if value else None


def n_clock(g: dict, context: Context) -> Normal | None:
    if g.get("named"):
        hour, minute = (24, 0) if g["named"].lower() == "midnight" else (12, 0)
    else:
        hour, minute = int(g["hour"]), int(g.get("minute") or 0)
        ampm = (g.get("ampm") or "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        if hour > 24:
            return None
    clock = f"T{hour:02d}:{minute:02d}"
    day_word = (g.get("weekday") or "").lower()
    day: date | None = None
    if day_word in WEEKDAYS:
        found = n_weekday({"weekday": day_word}, context)
        value = found.value if found else None
        day = date.fromisoformat(value[:10]) if value and "X" not in value else None
    elif day_word in context.lexicon.deictic and context.anchor:
        day = context.anchor + timedelta(days=context.lexicon.deictic[day_word])
    else:
        day = reference_day(context) or context.anchor
    if day is None:
        return Normal(f"XXXX-XX-XX{clock}", "clock-undated", anchored=True)
    return Normal(day_value(day) + clock, "clock-on-reference-day", anchored=True)
