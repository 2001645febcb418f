"""What the retyping passes over a document's entity drafts read of a draft (its token span and
label), as one Protocol: ``extract``'s own draft type satisfies it, and the passes
(``discourse_types``, ``model_numbers``, ``product_readings``) return the drafts they were
given, of whatever concrete type, through the bound ``D``."""

from __future__ import annotations

from typing import Protocol, TypeVar

from storyline.models.language import EntityType


class Draft(Protocol):
    start: int
    end: int
    label: EntityType


D = TypeVar("D", bound=Draft)
