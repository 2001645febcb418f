"""Entities: mentions of people, organisations and places, and one canonical entity per
real-world thing across the corpus.

Per document: ``extract`` finds mentions (spaCy's NER corrected by ``labels``, names the model
missed after titles or known to the actor dictionary, ``nested`` names such as "Summit on Peace
in Ukraine", ``abbreviations`` the text defines, names labelled once and missed where they recur
in ``repeats``, a maker and its model number as one product in ``model_numbers``, a surname the
model took for a nationality or a place typed as the person named in full in
``discourse_types``), keeps only the names that take part in the story (``participants``: no
bylines, agency credits, widgets, mastheads, teasers, time zones or honours) and reads roles
(``roles``).
Across documents: ``canon`` groups mentions into entities — ``people`` (initials, short forms,
transliterations, surnames, office acronyms), ``spellings`` (acronyms, place and organisation
spellings), ``variants`` (the spelling rules), ``name_items`` (what they share) — and
``known_roles`` adds the PETRARCH2 actor dictionary's dated roles (``actors``). ``lexicon`` and
``names`` hold the packaged tables and name normalisation; ``actor_affiliation`` gives an
entity's (country, sector) to the event coder.
"""

from storyline.entities.extract import affiliation, canonicalise, extract_mentions

__all__ = ["affiliation", "canonicalise", "extract_mentions"]
