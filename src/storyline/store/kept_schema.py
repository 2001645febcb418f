"""The tables of the products kept between builds (issue 18, incremental builds): each holds
rows under a digest of their inputs, so a re-build makes again only what new or changed
documents reach (``kept``). Registered in order with the others in ``schema.MIGRATIONS``.
"""

from __future__ import annotations

# Each document's MinHash signature for the near-duplicate stage (issue 18, incremental builds;
# store/signatures.py): 128 unsigned 32-bit values as little-endian bytes, under a key that
# changes with the document's text and the signature settings. Nothing to fill: an older store's
# documents are hashed by their next build and kept from then on.
MIGRATION_9 = """
        CREATE TABLE minhash_signatures (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            key BLOB NOT NULL,
            hashvalues BLOB NOT NULL
        ) WITHOUT ROWID;
"""

# Each document's summary candidates (issue 18, incremental builds; store/candidates.py): the
# sentences the summary may quote, as deflated JSON, under a key that changes with the
# document, its analysis, the entity mentions in it and the settings. Nothing to fill: an older
# store's documents get theirs at their next build and keep them from then on.
MIGRATION_10 = """
        CREATE TABLE summary_candidates (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            key BLOB NOT NULL,
            data BLOB NOT NULL
        );
"""

# Each document's story-clustering row (issue 18, incremental builds; store/story_rows.py): its
# own term, date and number counts, lead and news days, as deflated JSON, under a key that
# changes with the document, its analysis and the settings. Nothing to fill: an older store's
# documents get theirs at their next build and keep them from then on.
MIGRATION_11 = """
        CREATE TABLE story_rows (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            key BLOB NOT NULL,
            data BLOB NOT NULL
        );
"""

# The figure groups of each measure head (issue 18, incremental builds; store/figure_heads.py):
# deflated JSON under a key that changes with the head's figures, the copy, story and
# affiliation entries they read, and the code. Nothing to fill: an older store's heads are
# grouped by its next build and kept from then on.
MIGRATION_13 = """
        CREATE TABLE figure_head_groups (
            key BLOB PRIMARY KEY,
            data BLOB NOT NULL
        );
"""

# Each document's share of the entity canonicalisation (issue 18, incremental builds;
# store/named_mentions.py): its mentions as the entities stage reads them and what their names
# resolve to within the document, as deflated JSON, under a key that changes with the
# document's text, its analysis and the code. Nothing to fill: an older store's documents get
# theirs at their next build and keep them from then on.
MIGRATION_14 = """
        CREATE TABLE named_mentions (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            key BLOB NOT NULL,
            data BLOB NOT NULL
        );
"""

# Each story's summary (issue 18, incremental builds; store/story_summaries.py): deflated JSON
# under a key that changes with everything the summary reads (its documents' candidates,
# scores and dates, the events, figure groups and entities they tell, the code). Nothing to
# fill: an older store's stories are summarised by its next build and kept from then on.
MIGRATION_15 = """
        CREATE TABLE story_summaries (
            key BLOB PRIMARY KEY,
            data BLOB NOT NULL
        );
"""

# Each document's event mentions as the two event merges read them (issue 18, incremental
# builds; store/event_rows.py): deflated JSON under a key that changes with the document's
# stored analysis, its text and the code. Nothing to fill: an older store's documents get theirs
# at their next build and keep them from then on.
MIGRATION_16 = """
        CREATE TABLE event_rows (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            key BLOB NOT NULL,
            data BLOB NOT NULL
        );
"""

# Each part of the two event merges (issue 18, incremental builds; store/event_parts.py): a part's
# late keys and events, as deflated JSON, under a key that changes with its resolved mentions,
# its documents' paragraphs, dates and stories, and the code; ``merge`` names the merge (the
# pile's, the stories'). A rowid table: a row holds a part's events (1 KB deflated on average,
# a large part's many times that), and a WITHOUT ROWID table of such rows took 1.5 times the
# pages. Nothing to fill: an older store's parts are merged by its next build and kept from then
# on.
MIGRATION_17 = """
        CREATE TABLE event_parts (
            merge TEXT NOT NULL,
            key BLOB NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (merge, key)
        );
"""

# Each story's record (issue 18, incremental builds; store/story_records.py): its label, dates,
# events and entities as deflated JSON under a key that changes with everything the record reads
# (its documents' leads, days, entity counts and term rows, the events they report, the places
# they name, the entities those name, the code). Nothing to fill: an older store's stories are
# named by its next build and kept from then on.
MIGRATION_18 = """
        CREATE TABLE story_records (
            key BLOB PRIMARY KEY,
            data BLOB NOT NULL
        );
"""

# Each document's event mentions with their actors resolved to the canonical entities (issue 18,
# incremental builds; store/resolved_events.py): deflated JSON under a key that changes with
# the document's stored analysis, its text, paragraphs and date, the code and the facts of the
# entities its resolution reads. They replace the event mentions as read (``event_rows``,
# migration 16): a document resolved again reads its analysis. Nothing to fill: an older
# store's documents get theirs at their next build and keep them from then on.
MIGRATION_19 = """
        CREATE TABLE resolved_events (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            key BLOB NOT NULL,
            data BLOB NOT NULL
        );
        DROP TABLE event_rows;
"""

# The pile's weighted term rows for the story clustering (issue 18, incremental builds;
# store/story_terms.py): one row holding the matrix as compact arrays (the rows' document ids
# and keys, the sorted vocabulary, the CSR arrays), so a build weighs only new or changed
# documents' rows and merges them in. Nothing to fill: an older store's next build weighs every
# row and keeps them from then on.
MIGRATION_25 = """
        CREATE TABLE story_term_matrix (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            ids BLOB NOT NULL,
            keys BLOB NOT NULL,
            vocabulary BLOB NOT NULL,
            indptr BLOB NOT NULL,
            indices BLOB NOT NULL,
            data BLOB NOT NULL
        );
"""


def figure_head_sql(measure_key: str) -> str:
    """SQL for the head of the measure key that the SQL ``measure_key`` gives: the text before
    its first "|", as Python's ``split("|")[0]`` gives it. One expression for every writer and
    reader of the head column (this migration, ``listing_sql``'s fill, ``figure_heads``)."""
    return f"substr({measure_key}, 1, instr({measure_key} || '|', '|') - 1)"


# Each figure's measure head (issue 18, incremental builds; store/figure_heads.py): the head of
# its measure key (before the first "|"), so a build groups the figures by head and digests each
# head's stored rows without reading them as figures. An older store's rows get theirs here
# (``substr``/``instr`` split the key as Python's ``split("|")[0]`` does); a build writes it
# with each analysis's figures.
MIGRATION_26 = f"""
        ALTER TABLE figures ADD COLUMN head TEXT;
        UPDATE figures SET head = (
            SELECT {figure_head_sql("k")}
            FROM (SELECT json_extract(unpacked(data), '$.measure_key') AS k)
        );
"""
