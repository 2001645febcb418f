"""The figure groups of each measure head, kept between builds so a re-build groups again only
the heads that new or changed documents reach (issue 18, incremental builds).

Grouping a head's figures (``group.head_groups``: measures, classes, verdicts) was most of the
figure stage's time, for every head at every build. A head's groups, their ids included,
depend only on its figures (in order), the entries of the copy, story and affiliation maps
those figures look up (``head_slices``: the same slices a partitioned run ships) and this
code. So they are kept in the store under a key that is a digest of the head's figures, as
stored, in order, and the code (``content_key``), together with the documents and parties the
figures name and the slices they read then (``KeptHead``): a build reads back the row of every
head whose figures are unchanged, cuts the slices of its documents and parties from this
build's maps (``slices_of``), and keeps the groups when they are the same; it groups the rest.
A new document that tells a figure of a head changes that head's key; one that joins a story,
or becomes a copy, changes its slices; a removed one takes its figures, and so the key, with
it. The restatements are then joined across heads over all groups exactly as without the
store, so the groups are the same; the value ranges that pass sorts by, a head's figures'
own, are kept with the head's groups (``join.compared_ranges``), and so is the block each
group is compared in (``join.restatement_blocks``): a build reads as figures only the heads it
groups again and the groups that share a block with another (``store.figure_heads``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from functools import cache
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from storyline.figures.group import parties_of
from storyline.figures.join import BlockKey, Ranges
from storyline.models import Figure, FigureGroup
from storyline.version import code_fingerprint

#: The three maps a head's groups read, sliced to its figures: copy → original, party →
#: country, document → story.
HeadSlices = tuple[dict[str, str], dict[str, str], dict[str, str]]


class KeptHead(BaseModel):
    """What is kept of one head: its groups, in order; the value ranges of the figures the
    restatement pass may compare (``join.compared_ranges``) and the block each group is
    compared in there (``join.restatement_blocks``; None: never compared); the documents and
    parties its figures name, and the slices of the three maps they read when it was grouped."""

    model_config = ConfigDict(ser_json_inf_nan="constants")  # a range's end can be infinite

    groups: list[FigureGroup]
    ranges: Ranges
    blocks: list[BlockKey | None]
    docs: list[str]
    parties: list[str]
    slices: HeadSlices


class FigureHeadCache(Protocol):
    """Where a head's groups made once are kept (the store: ``store.figure_heads``)."""

    def figure_head_groups(self, keys: Collection[bytes]) -> Iterator[tuple[bytes, str]]: ...
    def keep_figure_head_groups(
        self, current: Collection[bytes], made: Iterable[tuple[bytes, str]]
    ) -> None: ...


class StoredFigures(Protocol):
    """The store the analyses are read from: it holds each analysis's figures on their own
    (``store.analyses``, ``store.figure_heads``), so the figure stage reads them without
    reading the analyses, and by head without reading them as figures."""

    def analysis_figures(self) -> Iterator[Figure]: ...
    def figure_head_rows(self) -> list[tuple[str, str, bytes]]: ...
    def figures_by_id(self, ids: Collection[str]) -> dict[str, Figure]: ...


def head_names(head: Sequence[Figure]) -> tuple[list[str], list[str]]:
    """The documents of ``head``'s figures and the parties they name or stand in, sorted:
    the entries of the maps its groups can look up."""
    docs = sorted({f.provenance.doc_id for f in head})
    parties = sorted({p for f in head for p in [*f.context, *parties_of(f)]})
    return docs, parties


def slices_of(
    docs: Iterable[str],
    parties: Iterable[str],
    same_source: Mapping[str, str],
    affiliations: Mapping[str, str],
    stories: Mapping[str, str],
) -> HeadSlices:
    """The entries of the three maps a head with these documents and parties reads: its
    documents' originals and stories, and its parties' countries."""
    docs = list(docs)
    return (
        {d: same_source[d] for d in docs if d in same_source},
        {p: affiliations[p] for p in parties if p in affiliations},
        {d: stories[d] for d in docs if d in stories},
    )


def head_slices(
    head: Sequence[Figure],
    same_source: Mapping[str, str],
    affiliations: Mapping[str, str],
    stories: Mapping[str, str],
) -> HeadSlices:
    """The entries of the three maps the figures of ``head`` can look up (``slices_of`` its
    ``head_names``)."""
    return slices_of(*head_names(head), same_source, affiliations, stories)


@cache
def _settings() -> bytes:
    """What a head's groups depend on besides its figures and slices: this code and its data
    (``version.code_fingerprint``: the package and its data files)."""
    return code_fingerprint().encode()


def content_key(rows: Iterable[bytes]) -> bytes:
    """The key a head's row is kept under: a digest of its figures, each as one row of bytes
    (as stored, or serialised), in order, and the code. Each row is prefixed by its length, so
    no two lists of rows digest alike by running together."""
    digest = hashlib.blake2b(_settings(), digest_size=16)
    for row in rows:
        digest.update(len(row).to_bytes(8, "big") + row)
    return digest.digest()


def figure_rows(head: Iterable[Figure]) -> list[bytes]:
    """A head's figures as ``content_key`` digests them where no stored rows are at hand."""
    return [figure.model_dump_json().encode() for figure in head]


def still_grouped(
    head: KeptHead,
    same_source: Mapping[str, str],
    affiliations: Mapping[str, str],
    stories: Mapping[str, str],
) -> bool:
    """Whether a kept head's groups are still its groups: its figures are those kept (its key
    was found), so only the map entries they read can have changed."""
    slices = slices_of(head.docs, head.parties, same_source, affiliations, stories)
    return slices == tuple(head.slices)


def packed_head(head: KeptHead) -> str:
    return head.model_dump_json()


def unpacked_head(data: str) -> KeptHead:
    return KeptHead.model_validate_json(data)
