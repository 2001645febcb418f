"""Stories: near-duplicates, and documents clustered into stories (one real-world event and
its coverage).

``dedup`` finds near-copies with MinHash; ``cluster`` runs the clustering: ``features`` per
document, ``blocking`` (candidate pairs), ``scoring`` (pair scores), ``clustering`` (generic
average link), and ``labels`` names each story.
"""

from storyline.stories.assemble import with_final_events
from storyline.stories.cluster import cluster_stories
from storyline.stories.dedup import duplicate_of, find_near_duplicates

__all__ = ["cluster_stories", "duplicate_of", "find_near_duplicates", "with_final_events"]
