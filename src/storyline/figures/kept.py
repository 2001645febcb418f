"""The figure groups of each measure head, kept between builds so a re-build groups again only
the heads that new or changed documents reach (issue 18, incremental builds).

Grouping a head's figures (``group.head_groups``: measures, classes, verdicts) was most of the
figure stage's time, for every head at every build. A head's groups, their ids included,
depend only on its figures (in order), the entries of the copy, story and affiliation maps
those figures look up (``head_slices``: the same slices a partitioned run ships) and this
code, so they are kept in the store under a key that is a digest of all of those
(``head_key``): a build reads back the groups of every head whose key is stored and groups the
rest. A new document that tells a figure of a head, or joins a story, or becomes a copy,
changes that head's key; a removed one takes its figures, and so the key, with it. The
restatements are then joined across heads over all groups exactly as without the store, so the
groups are the same; the value ranges that pass sorts by, a head's figures' own, are kept with
the head's groups (``join.compared_ranges``), so it reads again only the new heads' figures.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from functools import cache
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from storyline.figures.group import parties_of
from storyline.figures.join import Ranges
from storyline.models import Figure, FigureGroup
from storyline.version import code_fingerprint

#: The three maps a head's groups read, sliced to its figures: copy → original, party →
#: country, document → story.
HeadSlices = tuple[dict[str, str], dict[str, str], dict[str, str]]


class KeptHead(BaseModel):
    """What is kept of one head: its groups, in order, and the value ranges of the figures the
    restatement pass may compare (``join.compared_ranges``)."""

    model_config = ConfigDict(ser_json_inf_nan="constants")  # a range's end can be infinite

    groups: list[FigureGroup]
    ranges: Ranges


class FigureHeadCache(Protocol):
    """Where a head's groups made once are kept (the store: ``store.figure_heads``)."""

    def figure_head_groups(self, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]: ...
    def keep_figure_head_groups(
        self, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None: ...


class StoredFigures(Protocol):
    """The store the analyses are read from: it holds each analysis's figures on their own
    (``store.analyses``), so the figure stage reads them without reading the analyses."""

    def analysis_figures(self) -> Iterator[Figure]: ...


def head_slices(
    head: Sequence[Figure],
    same_source: Mapping[str, str],
    affiliations: Mapping[str, str],
    stories: Mapping[str, str],
) -> HeadSlices:
    """The entries of the three maps the figures of ``head`` can look up: their documents'
    originals and stories, and the countries of the parties they name or stand in."""
    docs = sorted({f.provenance.doc_id for f in head})
    parties = sorted({p for f in head for p in [*f.context, *parties_of(f)]})
    return (
        {d: same_source[d] for d in docs if d in same_source},
        {p: affiliations[p] for p in parties if p in affiliations},
        {d: stories[d] for d in docs if d in stories},
    )


@cache
def _settings() -> bytes:
    """What a head's groups depend on besides its figures and slices: this code and its data
    (``version.code_fingerprint``: the package and its data files)."""
    return code_fingerprint().encode()


def head_key(head: Sequence[Figure], slices: HeadSlices) -> bytes:
    """The key a head's groups are kept under: changes with any of its figures (or their
    order), the map entries they read, or the code."""
    digest = hashlib.blake2b(_settings(), digest_size=16)
    for figure in head:
        digest.update(b"\x00" + figure.model_dump_json().encode())
    digest.update(b"\x01" + json.dumps(slices, sort_keys=True).encode())
    return digest.digest()


def packed_head(head: KeptHead) -> str:
    return head.model_dump_json()


def unpacked_head(data: str) -> KeptHead:
    return KeptHead.model_validate_json(data)
