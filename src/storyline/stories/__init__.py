"""Stories: near-duplicates, and documents clustered into stories (one real-world event and
its coverage).

``dedup`` finds near-copies with MinHash; ``cluster`` runs the clustering: ``features`` per
document (weights from ``background``, never the pile), ``blocking`` (candidate pairs),
``scoring`` (pair probabilities), ``clustering`` (average link, and ``recluster`` for
incremental builds), ``assemble`` and ``labels`` (story records and their names), and
``storylines`` (related stories over time).
"""

from storyline.stories.assemble import with_final_events
from storyline.stories.cluster import cluster_stories
from storyline.stories.dedup import duplicate_of, find_near_duplicates

__all__ = ["cluster_stories", "duplicate_of", "find_near_duplicates", "with_final_events"]
