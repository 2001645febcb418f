"""The input boundary: one input's records pass through, anything raised while reading it
becomes a ``Skipped`` naming the input, and its skipped records are summarised.

A file of a million invalid records must not become a million lines on the terminal, a
million rows in the store and a 100 MB briefing: the first few skips for each reason are
listed one by one, the rest become one ``Skipped`` that counts them and names a few examples.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from storyline.errors import IngestError
from storyline.models import RawRecord, Skipped

log = logging.getLogger(__name__)

#: Skipped records of one input and one reason listed one by one; the rest are counted.
LISTED_PER_REASON = 3
EXAMPLES = 3
#: Distinct reasons kept apart within one input; further ones are counted together.
MAX_REASONS = 50
OTHER_REASONS = "other reasons"

Item = RawRecord | Skipped


@dataclass
class _Tally:
    listed: int = 0
    more: int = 0
    examples: list[str] = field(default_factory=list)


class SkipTally:
    """Counts skips by reason: the first ``listed_per_reason`` of each are to be listed one by
    one (``add`` says so), the rest are folded into ``summaries``."""

    def __init__(self, listed_per_reason: int = LISTED_PER_REASON) -> None:
        self.listed_per_reason = listed_per_reason
        self.tallies: dict[str, _Tally] = {}

    def add(self, skipped: Skipped) -> bool:
        """Count ``skipped``; True while its reason is still listed one by one."""
        reason = skipped.reason
        if reason not in self.tallies and len(self.tallies) >= MAX_REASONS:
            reason = OTHER_REASONS
        tally = self.tallies.setdefault(reason, _Tally())
        if reason != OTHER_REASONS and tally.listed < self.listed_per_reason:
            tally.listed += 1
            return True
        tally.more += skipped.count
        if len(tally.examples) < EXAMPLES:
            tally.examples.append(skipped.source)
        return False

    def summaries(self, source: str, noun: str = "record") -> list[Skipped]:
        """One ``Skipped`` per reason with skips beyond the listed ones, counting them."""
        found = []
        for reason, tally in self.tallies.items():
            if not tally.more:
                continue
            what = noun if tally.more == 1 else f"{noun}s"
            more = " more" if tally.listed else ""
            shown = ", ".join(tally.examples)
            etc = ", …" if tally.more > len(tally.examples) else ""
            found.append(
                Skipped(
                    source=source,
                    reason=f"{tally.more:,}{more} {what} skipped: {reason} (e.g. {shown}{etc})",
                    count=tally.more,
                    examples=tally.examples,
                )
            )
        return found


def guarded(items: Iterator[Item], source: str) -> Iterator[Item]:
    """``items`` (one input's records and skips) behind the boundary: never raises (but for
    ``KeyboardInterrupt`` and the like), and summarises the skips."""
    tally = SkipTally()
    try:
        for item in items:
            if isinstance(item, RawRecord) or tally.add(item):
                yield item
    except IngestError as error:
        yield Skipped(source=error.source or source, reason=error.problem)
    except MemoryError:
        yield Skipped(source=source, reason="ran out of memory while reading it")
    except RecursionError:
        yield Skipped(source=source, reason="nested too deeply to read")
    except Exception as error:  # a library under a reader raised: one input lost, not the batch
        log.warning("%s: reading failed", source, exc_info=True)
        detail = f"{type(error).__name__}: {str(error)[:160]}"
        yield Skipped(source=source, reason=f"could not be read ({detail})")
    yield from tally.summaries(source)
