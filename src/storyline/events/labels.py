"""The timeline sentence of an event, from the label templates (events.toml [labels])."""

from __future__ import annotations

from storyline.events.canonical_actors import PLACES
from storyline.events.lexicon import settings
from storyline.models import Actor


def label(
    type_: str,
    mode: str | None,
    sources: list[Actor],
    targets: list[Actor],
    cameo: str | None = None,
    factuality: str = "asserted",
    gathering: str | None = None,
) -> str:
    """A short sentence for the timeline from the label templates (events.toml [labels]).

    The most specific template wins: CAMEO code, then type and mode, then type. A planned
    event reads as a plan ([labels_planned]), never in the past tense; negated and
    hypothetical events carry a prefix ([label_prefix]) so they cannot be read as facts. The
    reports of one gathering read as who took part in it (mode ``gathering``, ``{g}`` its
    noun): one report's "hosted" does not make every attendee its host."""
    if factuality == "planned":
        planned = settings().get("labels_planned", {})
        templates = {**settings()["labels"], **planned}
    else:
        templates = settings()["labels"]
    keys = [f"CAMEO.{cameo}" if cameo else "", f"{type_}.{mode}", type_]
    with_target, without = next((templates[k] for k in keys if k in templates), ["{s} {t}", "{s}"])
    prefix = settings().get("label_prefix", {}).get(factuality, "")
    targets = _without_enclosing(targets)
    s = _join([a.name or a.text for a in sources]) or "someone"
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
