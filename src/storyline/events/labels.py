"""The timeline sentence of an event, from the label templates (events.toml [labels])."""

from __future__ import annotations

from storyline.events.canonical_actors import PLACES
from storyline.events.lexicon import settings
from storyline.models import Actor, Theme

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
) -> str:
    """A short sentence for the timeline from the label templates (events.toml [labels]).

    The most specific template wins: CAMEO code, then type and mode, then type. A planned
    event reads as a plan ([labels_planned]), never in the past tense; negated and
    hypothetical events carry a prefix ([label_prefix]) so they cannot be read as facts. The
    reports of one gathering read as who took part in it (mode ``gathering``, ``{g}`` its
    noun): one report's "hosted" does not make every attendee its host. An event with a theme
    (``themes``) says what was agreed, demanded, given or refused where [labels_theme] has a
    template for its label and the theme's kind; a planned event keeps its plain label."""
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
    s = _join([a.name or a.text for a in sources]) or "someone"
    themed = _theme_template(key, theme) if factuality != "planned" else None
    if themed and theme:
        # a target the theme names ("rejected Biden's description of Xi") is not named twice
        told = theme.text.lower()
        rest = [a for a in targets if (a.name or a.text).lower() not in told]
        rest = [a for a in rest if a.text.lower() not in told]
        t = _join([a.name or a.text for a in rest])
        return prefix + themed[0 if t else 1].format(s=s, t=t, x=theme.text)
    t = _join([a.name or a.text for a in targets])
    if type_ == "CONSULT" and mode == "visit":
        places = [a for a in targets if a.label in PLACES]
        people = [a for a in targets if a.label not in PLACES]
        if places and people:
            return prefix + templates["CONSULT.visit-meet"][0].format(
                s=s,
                p=_join([a.name or a.text for a in places]),
                t=_join([a.name or a.text for a in people]),
            )
    return prefix + (with_target if t else without).format(s=s, t=t, g=gathering or "meeting")


def _theme_template(key: str | None, theme: Theme | None) -> list[str] | None:
    """The [labels_theme] template for the label ``key`` and the theme's kind ("clause" stands
    for the kinds that bring their own connective)."""
    if key is None or theme is None:
        return None
    templates = settings().get("labels_theme", {})
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
