"""Prepare: one ``RawRecord`` → one clean, dated ``Document`` (pure; no I/O, no clock)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from urllib.parse import urlsplit

from storyline.errors import IngestError
from storyline.ingest.clean import clean_text
from storyline.ingest.published import DateEvidence, publication_date
from storyline.models import Document, RawRecord

_SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]+")
ID_MAX_LEN = 80
SLUG_MAX_LEN = 40


def prepare_document(record: RawRecord, today: date) -> Document:
    """Clean, lift header metadata and date one record; ``IngestError`` if no text is left."""
    cleaned = clean_text(record.text, known_title=record.title, extracted=record.already_extracted)
    if not cleaned.text.strip():
        raise IngestError(record.source, "no article text left after removing site furniture")
    header = cleaned.header
    chosen = publication_date(
        DateEvidence(
            field_value=record.date_field,
            header_field=header.date_field,
            header_label=header.date_field_label,
            html_date=record.html_date,
            html_date_method=record.html_date_method,
            dateline=header.dateline,
            raw_text=record.text,
            body_text=cleaned.text,
        ),
        today,
    )
    content_hash = text_hash(cleaned.text)
    return Document(
        id=document_id(record, content_hash),
        source=record.source,
        source_kind=record.kind,
        url=record.url,
        title=header.title,
        byline=record.byline or header.byline,
        dateline=header.dateline,
        published=chosen.value if chosen else None,
        date_source=chosen.source if chosen else None,
        date_confidence=chosen.confidence if chosen else 0.0,
        date_evidence=chosen.evidence if chosen else None,
        date_note=chosen.note if chosen else None,
        raw_text=record.text,
        text=cleaned.text,
        blocks=cleaned.blocks,
        removed=cleaned.removed,
        content_hash=content_hash,
    )


def normalise_for_hash(text: str) -> str:
    """Text as the re-ingest key sees it: NFKC, case-folded, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()[:32]


def document_id(record: RawRecord, content_hash: str) -> str:
    """The file stem or the record's own id when given; else a slug plus a short hash."""
    if record.suggested_id:
        safe = _SAFE_ID.sub("-", record.suggested_id).strip("-.")[:ID_MAX_LEN]
        if safe:
            return safe
    if record.url:
        digest = hashlib.sha256(record.url.encode("utf-8")).hexdigest()[:12]
        try:
            parts = urlsplit(record.url)
        except ValueError:  # "http://[x": a malformed URL still names the record by its hash
            parts = urlsplit("")
        path = parts.path.rstrip("/")
        slug = path.rsplit("/", 1)[-1].rsplit(".", 1)[0] if path else parts.netloc
    else:
        digest = content_hash[:12]
        slug = record.title or ""
    slug = _SAFE_ID.sub("-", slug.lower()).strip("-.")[:SLUG_MAX_LEN].rstrip("-.")
    return f"{slug}_{digest}" if slug else f"doc_{digest}"
