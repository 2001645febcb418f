"""Background ingestion for articles added from the browser.

A request saves what was sent (files, pasted text, URLs) and queues a job; one worker thread
runs the jobs one after another through ``pipeline.build`` on the server's store, so there is
one writer at a time while SQLite's WAL lets pages keep reading. The build's ``Progress``
calls feed the job record that the page polls.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from storyline.errors import StorylineError
from storyline.ingest.fetch import HttpFetcher
from storyline.ingest.inputs import IngestOptions
from storyline.models import Skipped
from storyline.pipeline.build import BuildOptions, BuildReport, build
from storyline.web.schemas import Job
from storyline.web.security import check_upload, safe_filename, safe_url

log = logging.getLogger(__name__)

Builder = Callable[..., BuildReport]
MAX_KEPT_JOBS = 200
#: Jobs waiting at most: each one re-derives the whole corpus, so a flood would only queue work.
MAX_QUEUED = 20


class JobsBusy(StorylineError):
    """Too many jobs are waiting (HTTP 429)."""


@dataclass(frozen=True)
class Upload:
    """One file as the browser sent it."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Paste:
    """Article text pasted into the form, with the metadata the user gave."""

    text: str
    title: str = ""
    date: str = ""
    url: str = ""


class JobProgress:
    """The build's ``Progress`` protocol, written into a job record."""

    def __init__(self, jobs: Jobs, job_id: str) -> None:
        self.jobs = jobs
        self.job_id = job_id

    def start(self, stage: str, total: int | None) -> None:
        self.jobs.update(self.job_id, stage=stage, total=total, done=0)

    def advance(self, amount: int = 1) -> None:
        with self.jobs.lock:
            job = self.jobs.records[self.job_id]
            job.done += amount

    def finish(self) -> None:
        with self.jobs.lock:
            job = self.jobs.records[self.job_id]
            if job.stage and job.stage not in job.stages:
                job.stages.append(job.stage)
            if job.total is not None:
                job.done = job.total


class Jobs:
    """The job queue and its single worker."""

    def __init__(
        self,
        db_path: Path,
        upload_dir: Path,
        *,
        today: date | None = None,
        max_bytes: int,
        builder: Builder = build,
        allow_private: bool = False,
    ) -> None:
        self.db_path = db_path
        self.upload_dir = upload_dir
        self.today = today
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self.builder = builder
        self.lock = threading.Lock()
        self.records: dict[str, Job] = {}
        self._inputs: dict[str, tuple[list[str], dict[str, str]]] = {}
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._writing = threading.Lock()  # one build at a time, even across a worker restart

    # -- submitting -----------------------------------------------------------------------
    def submit(
        self, uploads: Sequence[Upload], pastes: Sequence[Paste], urls: Sequence[str]
    ) -> Job:
        """Save what was sent, reject what cannot be ingested (per file), queue the rest."""
        if self._queue.qsize() >= MAX_QUEUED:
            raise JobsBusy(f"{MAX_QUEUED} jobs are already waiting; try again when they are done")
        job_id = uuid.uuid4().hex[:12]
        folder = self.upload_dir / f"{_now_compact()}-{job_id}"
        inputs: list[str] = []
        names: dict[str, str] = {}  # saved path → name the user knows it by
        skipped: list[Skipped] = []
        used: set[str] = set()
        for upload in uploads:
            display = upload.name or "(unnamed file)"
            name = _unique(safe_filename(upload.name), used)
            reason = check_upload(name, upload.data)
            if reason:
                skipped.append(Skipped(source=display, reason=reason))
                continue
            inputs.append(self._save(folder, name, upload.data, names, display))
        for number, paste in enumerate(pastes, start=1):
            if not paste.text.strip():
                continue
            stem = safe_filename(paste.title[:60], default="pasted").lower()
            name = _unique(f"{stem}.json", used)
            record = {"title": paste.title or None, "text": paste.text, "date": paste.date or None}
            if url := safe_url(paste.url):
                record["url"] = url
            data = json.dumps(record, ensure_ascii=False).encode()
            inputs.append(self._save(folder, name, data, names, f"pasted text {number}"))
        for url in urls:
            if checked := safe_url(url):
                inputs.append(checked)
            else:
                skipped.append(Skipped(source=url[:200], reason="not an http(s) address"))
        job = Job(
            id=job_id,
            state="queued" if inputs else "done",
            inputs=[names.get(i, i) for i in inputs] + [s.source for s in skipped],
            skipped=skipped,
            created_at=_now(),
            finished_at=None if inputs else _now(),
        )
        if not inputs and not skipped:
            job.error = "nothing to add: choose files, paste text or give URLs"
        with self.lock:
            self.records[job_id] = job
            self._inputs[job_id] = (inputs, names)
            self._forget_old()
        if inputs:
            self._ensure_worker()
            self._queue.put(job_id)
        return job.model_copy(deep=True)

    def _save(self, folder: Path, name: str, data: bytes, names: dict[str, str], shown: str) -> str:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(data)
        names[str(path)] = shown
        return str(path)

    # -- reading --------------------------------------------------------------------------
    def get(self, job_id: str) -> Job | None:
        with self.lock:
            job = self.records.get(job_id)
            return job.model_copy(deep=True) if job else None

    def all(self) -> list[Job]:
        with self.lock:
            return [j.model_copy(deep=True) for j in reversed(self.records.values())]

    def update(self, job_id: str, **changes: object) -> None:
        with self.lock:
            job = self.records[job_id]
            for key, value in changes.items():
                setattr(job, key, value)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every queued job has run (for tests and shutdown)."""
        done = threading.Event()

        def waiter() -> None:
            self._queue.join()
            done.set()

        threading.Thread(target=waiter, daemon=True).start()
        return done.wait(timeout)

    # -- the worker -----------------------------------------------------------------------
    def _ensure_worker(self) -> None:
        with self.lock:
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(
                    target=self._work, name="storyline-ingest", daemon=True
                )
                self._worker.start()

    def _work(self) -> None:
        while True:
            job_id = self._queue.get()
            try:
                if job_id is None:
                    return
                self._run(job_id)
            finally:
                self._queue.task_done()

    def _run(self, job_id: str) -> None:
        with self.lock:
            inputs, names = self._inputs.pop(job_id)
        self.update(job_id, state="running")
        options = BuildOptions(
            today=self.today or date.today(),
            ingest=IngestOptions(
                max_bytes=self.max_bytes,
                max_collection_bytes=self.max_bytes,  # an upload is capped as a whole, too
                # URLs pasted in a browser are fetched from the server's place in the network:
                # never from loopback or private addresses (no SSRF through the app)
                fetcher=HttpFetcher(max_bytes=self.max_bytes, allow_private=self.allow_private),
            ),
        )
        try:
            with self._writing:
                report = self.builder(
                    inputs,
                    self.db_path.parent,
                    db_path=self.db_path,
                    options=options,
                    progress=JobProgress(self, job_id),
                )
        except StorylineError as error:
            self.update(job_id, state="failed", error=str(error), finished_at=_now())
            return
        except Exception:
            log.exception("ingestion job %s failed", job_id)
            self.update(
                job_id,
                state="failed",
                error="the build failed with an internal error (see the server log)",
                finished_at=_now(),
            )
            return
        with self.lock:
            job = self.records[job_id]
            job.added = list(report.added)
            job.updated = list(report.updated)
            job.unchanged = list(report.unchanged)
            job.duplicates = {names.get(k, k): v for k, v in report.duplicates.items()}
            job.skipped += [
                Skipped(source=names.get(s.source, s.source), reason=s.reason)
                for s in report.skipped
            ]
            job.state = "done"
            job.stage = None
            job.finished_at = _now()

    def close(self, timeout: float = 60.0) -> None:
        """Finish the queued jobs (for at most ``timeout`` seconds) and stop the worker; a later
        submission starts a new one."""
        with self.lock:
            worker, self._worker = self._worker, None
        if worker is not None and worker.is_alive():
            self._queue.put(None)
            worker.join(timeout)

    def _forget_old(self) -> None:
        finished = [k for k, j in self.records.items() if j.state in ("done", "failed")]
        for key in finished[: max(0, len(self.records) - MAX_KEPT_JOBS)]:
            del self.records[key]


def _unique(name: str, used: set[str]) -> str:
    stem, dot, suffix = name.partition(".")
    candidate, number = name, 1
    while candidate.lower() in used:
        number += 1
        candidate = f"{stem}-{number}{dot}{suffix}"
    used.add(candidate.lower())
    return candidate


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _now_compact() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
