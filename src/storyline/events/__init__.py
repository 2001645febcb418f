"""Events: who did what to whom, when and where, coded in PLOVER (with CAMEO codes).

``lexicon`` and ``triggers`` hold the trigger tables, ``coder`` codes a sentence: ``matching``
finds its triggers, ``arguments`` (with ``subjects``) resolves their arguments; ``actors`` resolves
actor phrases, ``factuality`` tells asserted from planned or negated, ``extract`` codes one
document, ``merge`` makes one event of the mentions of one real event across documents
(``canonical_actors`` says who each actor is, ``grouping`` groups the mentions, ``labels`` words
the event), ``timeline`` orders them.
"""

from storyline.events.extract import extract_event_mentions
from storyline.events.merge import merge_events
from storyline.events.timeline import build_timeline

__all__ = ["build_timeline", "extract_event_mentions", "merge_events"]
