"""The timeline sentence of an event, from the label templates (events.toml [labels])."""

from __future__ import annotations

import re

from storyline.events.articles import said_name
from storyline.events.canonical_actors import PLACES, is_named
from storyline.events.lexicon import settings
from storyline.models import HAPPENED, Actor, Theme, Wording

#: "the" at the start of a label or of the sentence after a label's "Planned: ".
_SENTENCE_ARTICLE = re.compile(r"^((?:[A-Z][a-z]+: )?)the ")
#: Theme kinds that carry their own connective ("to …", "that …", "on …").
CLAUSE_KINDS = frozenset({"to", "that", "prep"})


def label(
    type_: str,
    mode: str | None,
    sources: list[Actor],
    targets: list[Actor],
    cameo: str | None = None,
    factuality: str = "asserted",
    gathering: str | None = None,
    theme: Theme | None = None,
    wording: Wording | None = None,
) -> str:
    """A short sentence for the timeline from the label templates (events.toml [labels]).

    The most specific template wins: CAMEO code, then type and mode, then type. A planned
    event reads as a plan ([labels_planned]), never in the past tense; negated and
    hypothetical events carry a prefix ([label_prefix]) so they cannot be read as facts. The
    reports of one gathering read as who took part in it (mode ``gathering``, ``{g}`` its
    noun): one report's "hosted" does not make every attendee its host. Names are said with
    the article English gives them ("warned the United States": ``articles``). An event with a theme
    (``themes``) says what was agreed, demanded, given or refused where [labels_theme] has a
    template for its label and the theme's kind; a planned event says it only where
    [labels_planned_theme] has one ("Planned: X to provide 40 tanks to Y"), else keeps its plain
    label. An event the templates would only gloss by its type says its act in its report's
    words where it happened (``wording``, events/told.py): "issued an arrest warrant against
    Vladimir Putin", not "coerced Vladimir Putin"."""
    if factuality == "planned":
        planned = settings().get("labels_planned", {})
        templates = {**settings()["labels"], **planned}
    else:
        templates = settings()["labels"]
    keys = [f"CAMEO.{cameo}" if cameo else "", f"{type_}.{mode}", type_]
    key = next((k for k in keys if k in templates), None)
    with_target, without = templates[key] if key else ["{s} {t}", "{s}"]
    prefix = settings().get("label_prefix", {}).get(factuality, "")
    targets = _without_enclosing(targets)
    s = _said(sources) or "someone"
    theme_table = "labels_planned_theme" if factuality == "planned" else "labels_theme"
    themed = _theme_template(key, theme, theme_table)
    if themed and theme:
        # a target the theme names ("rejected Biden's description of Xi") is not named twice
        told = theme.text.lower()
        t = _said(
            [
                a
                for a in targets
                if (a.name or a.text).lower() not in told and a.text.lower() not in told
            ]
        )
        return prefix + _capitalised(themed[0 if t else 1].format(s=s, t=t, x=theme.text))
    worded = _worded(wording, sources, targets) if key == type_ and factuality in HAPPENED else None
    if worded:
        return worded
    t = _said(targets)
    if t and "{s} and {t}" in with_target:
        # all who took part are one list: "A, B and C", never "A, B and C and D"
        s, t = _said([*sources, *targets]), ""
    if type_ == "CONSULT" and mode == "visit":
        places = [a for a in targets if a.label in PLACES]
        people = [a for a in targets if a.label not in PLACES]
        if places and people:
            met = templates["CONSULT.visit-meet"][0].format(
                s=s,
                p=_said(places),
                t=_said(people),
            )
            return prefix + _capitalised(met)
    plain = (with_target if t else without).format(s=s, t=t, g=gathering or "meeting")
    return prefix + _capitalised(plain)


def glossed(type_: str, mode: str | None, cameo: str | None) -> bool:
    """The label templates have no wording for this CAMEO code or mode: only the type's gloss
    ("X coerced Y") would be said."""
    templates = settings()["labels"]
    return not any(k in templates for k in (f"CAMEO.{cameo}", f"{type_}.{mode}"))


def _worded(wording: Wording | None, sources: list[Actor], targets: list[Actor]) -> str | None:
    """The label in the report's words: the sources (unless the words bring their own subject),
    then the words, a target said by its canonical name where the words name it."""
    if wording is None:
        return None
    text = wording.text
    if wording.targets:
        if not targets:
            return None
        start, end = wording.targets[0]
        text = text[:start] + _said(targets) + text[end:]
    if not wording.own_subject:
        # the sources by name; words that name no one read better as the report wrote them
        # ("A court in Lisbon", not "Court")
        named = any(is_named(a) for a in sources)
        subject = _said(sources) if named else wording.subject or _said(sources)
        if not subject:
            return None
        text = f"{subject} {text}"
    return text[:1].upper() + text[1:]


def _said(actors: list[Actor]) -> str:
    """The actors' names as a label says them, in one list."""
    return _join([said_name(a) for a in actors])


def _capitalised(text: str) -> str:
    """A label, or a plan after its "Planned: ", that starts with an article starts a sentence:
    "The United States warned …", "Planned: The Philippines to …"."""
    return _SENTENCE_ARTICLE.sub(lambda m: m.group(1) + "The ", text, count=1)


def _theme_template(key: str | None, theme: Theme | None, table: str) -> list[str] | None:
    """The template of ``table`` ([labels_theme], or [labels_planned_theme] for a plan) for the
    label ``key`` and the theme's kind ("clause" stands for the kinds that bring their own
    connective)."""
    if key is None or theme is None:
        return None
    templates = settings().get(table, {})
    kinds = [theme.kind, "clause"] if theme.kind in CLAUSE_KINDS else [theme.kind]
    return next((templates[f"{key}.{k}"] for k in kinds if f"{key}.{k}" in templates), None)


def _without_enclosing(actors: list[Actor]) -> list[Actor]:
    """Places without the countries that hold another listed place: "visited Moscow", not
    "visited Moscow and Russia" (one trip, told at two scales)."""
    places = [a for a in actors if a.label in PLACES]
    inside = {a.country for a in places if a.country and a.country != (a.name or a.text)}
    return [a for a in actors if not (a.label in PLACES and (a.name or a.text) in inside)]


def _join(names: list[str]) -> str:
    unique = list(dict.fromkeys(names))
    if len(unique) <= 1:
        return "".join(unique)
    return ", ".join(unique[:-1]) + " and " + unique[-1]
