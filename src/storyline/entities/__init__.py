"""Entities: mentions of people, organisations and places, and one canonical entity per
real-world thing across the corpus.

``lexicon`` holds the packaged name tables, ``names`` normalises names, ``roles`` reads titles
("Prime Minister of India"), ``extract`` finds mentions in one document, ``canon`` groups them
across documents, ``actor_affiliation`` gives an entity's (country, sector) to the event coder.
"""

from storyline.entities.extract import affiliation, canonicalise, extract_mentions

__all__ = ["affiliation", "canonicalise", "extract_mentions"]
