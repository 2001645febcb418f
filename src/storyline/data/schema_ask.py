"""The shape of ``ask.toml``: the settings of ``storyline ask`` beyond the analysis tables'
(``schema_analysis.AskSettings``): the question-frame word classes and the verbs that restate
the asked dimension."""

from __future__ import annotations

from storyline.data.schema_analysis import AskSettings, Closed, Words


class Transfer(Closed):
    """One transfer act worded from its two ends (``ask.acts``)."""

    get: Words
    give: Words


class Acts(Closed):
    transfer: list[Transfer]


class AskFrameSettings(AskSettings):
    """``ask.toml`` with the keys the question-frame reader (``ask.frame``) adds."""

    light_verbs: Words
    time_nouns: Words
    reciprocal_verbs: Words
    party_prepositions: Words
    ordinal: str
    acts: Acts
    dimension_verbs: dict[str, Words]
