"""Background ingestion for articles added from the browser, queued in the store.

A request saves what was sent (files, pasted text, URLs) under ``uploads/`` and adds a job row
to the store (``Store.add_job``); one worker thread claims the jobs one after another and runs
each through ``pipeline.build`` on the server's store, so there is one writer at a time while
SQLite's WAL lets pages keep reading. Because the queue is a table, a restarted server finds
the jobs it had not run and runs them, and a job it was running when it stopped runs again
once its lease has run out (builds are incremental, so nothing is stored twice) — once more at
most. The lease also makes the queue safe for several server processes on one store: a job is
claimed in one transaction, one build runs at a time, and a live server's job is never taken.

The build's ``Progress`` calls update the running job in memory (a poll shows them at once);
the row is written when a stage starts or ends and when the job ends. A job's record stays
small whatever its inputs: the first ids of each kind and true counts (``counts``).
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from storyline.errors import StorylineError
from storyline.ingest.fetch import HttpFetcher
from storyline.ingest.inputs import IngestOptions
from storyline.models import Skipped
from storyline.pipeline.build import BuildOptions, BuildReport, build
from storyline.store import Store
from storyline.web.schemas import Job
from storyline.web.security import check_upload, safe_filename, safe_url

log = logging.getLogger(__name__)

Builder = Callable[..., BuildReport]
MAX_KEPT_JOBS = 200
#: Jobs waiting at most: each one re-derives the whole corpus, so a flood would only queue work.
MAX_QUEUED = 20
#: Times a job is started before a server that keeps stopping during it gives up on it.
MAX_ATTEMPTS = 2
#: Ids of each kind (added, updated …) a job's record lists; ``counts`` has them all.
LISTED_IDS = 100
#: Jobs the add page and /api/jobs list, newest first.
LISTED_JOBS = 50
#: Seconds a running job's lease lasts; its server renews it every quarter of that while it
#: builds. A job whose lease ran out is another server process's to run again.
LEASE_SECONDS = 120
Clock = Callable[[], datetime]


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
    """The build's ``Progress`` protocol, written into the running job."""

    def __init__(self, jobs: Jobs, job: Job) -> None:
        self.jobs = jobs
        self.job = job

    def start(self, stage: str, total: int | None) -> None:
        with self.jobs.lock:
            self.job.stage, self.job.total, self.job.done = stage, total, 0
        self.jobs.save(self.job)

    def advance(self, amount: int = 1) -> None:
        with self.jobs.lock:
            self.job.done += amount

    def finish(self) -> None:
        with self.jobs.lock:
            job = self.job
            if job.stage and job.stage not in job.stages:
                job.stages.append(job.stage)
            if job.total is not None:
                job.done = job.total
        self.jobs.save(self.job)


class Jobs:
    """The job queue (a table of the store) and its single worker."""

    def __init__(
        self,
        db_path: Path,
        upload_dir: Path,
        *,
        today: date | None = None,
        max_bytes: int,
        builder: Builder = build,
        allow_private: bool = False,
        after_build: Callable[[], None] | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.db_path = db_path
        self.upload_dir = upload_dir
        self.today = today
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self.builder = builder
        self.after_build = after_build
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        self.lock = threading.Lock()  # the running job's record, and this store connection
        self._store: Store | None = None
        self._running: Job | None = None
        self._wake = threading.Event()
        self._stop = False
        self._worker: threading.Thread | None = None
        self._requeue_interrupted()

    # -- the store ---------------------------------------------------------------------
    def _db(self) -> Store:
        if self._store is None:
            self._store = Store(self.db_path)
        return self._store

    def save(self, job: Job, finished: bool = False) -> None:
        with self.lock:
            record = job.model_dump_json()
            self._db().update_job(job.id, job.state, record, job.finished_at if finished else None)

    def _requeue_interrupted(self, start_worker: bool = True) -> None:
        """Jobs a stopped server was running: queued again, or failed after MAX_ATTEMPTS."""
        with self.lock:
            interrupted = self._db().interrupted_jobs(self._stamp())
            queued = self._db().count_jobs("queued")
        for _job_id, record, attempts in interrupted:
            job = Job.model_validate_json(record)
            if attempts >= MAX_ATTEMPTS:
                job.state, job.finished_at = "failed", _now()
                job.error = f"the server stopped during this job's build {attempts} times"
            else:
                job.state, job.stage = "queued", None
            self.save(job, finished=job.state == "failed")
        if start_worker and (queued or any(a < MAX_ATTEMPTS for _, _, a in interrupted)):
            self._ensure_worker()

    # -- submitting --------------------------------------------------------------------
    def submit(
        self, uploads: Sequence[Upload], pastes: Sequence[Paste], urls: Sequence[str]
    ) -> Job:
        """Save what was sent, reject what cannot be ingested (per file), queue the rest."""
        with self.lock:
            waiting = self._db().count_jobs("queued")
        if waiting >= MAX_QUEUED:
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
        request = json.dumps({"inputs": inputs, "names": names})
        with self.lock:
            self._db().add_job(job.id, job.state, job.created_at, request, job.model_dump_json())
            self._db().forget_jobs(MAX_KEPT_JOBS)
        if inputs:
            self._ensure_worker()
            self._wake.set()
        return job

    def _save(self, folder: Path, name: str, data: bytes, names: dict[str, str], shown: str) -> str:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(data)
        names[str(path)] = shown
        return str(path)

    # -- reading -----------------------------------------------------------------------
    def get(self, job_id: str) -> Job | None:
        with self.lock:
            running = self._running
            if running is not None and running.id == job_id:
                return running.model_copy(deep=True)
            record = self._db().job_record(job_id)
        return Job.model_validate_json(record) if record else None

    def all(self, limit: int = LISTED_JOBS) -> list[Job]:
        """The newest jobs, newest first (the running one as it is now)."""
        with self.lock:
            records = self._db().job_records(limit)
            running = self._running.model_copy(deep=True) if self._running else None
        jobs = [Job.model_validate_json(r) for r in records]
        return [running if running is not None and j.id == running.id else j for j in jobs]

    def wait(self, timeout: float | None = None) -> bool:
        """Block until no job is queued or running (for tests and shutdown)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            with self.lock:
                busy = self._db().count_jobs("queued") + self._db().count_jobs("running")
            if not busy:
                return True
            if deadline is not None and time.monotonic() > deadline:
                return False
            time.sleep(0.05)

    # -- the worker --------------------------------------------------------------------
    def _ensure_worker(self) -> None:
        with self.lock:
            if self._worker is None or not self._worker.is_alive():
                self._stop = False
                self._worker = threading.Thread(
                    target=self._work, name="storyline-ingest", daemon=True
                )
                self._worker.start()

    def _work(self) -> None:
        while not self._stop:
            with self.lock:
                claimed = self._db().claim_job(self._stamp(), self._stamp(LEASE_SECONDS))
            if claimed is None:
                self._wake.wait(1.0)
                self._wake.clear()
                if not self._stop:  # another server process may have stopped mid-build
                    self._requeue_interrupted(start_worker=False)
                continue
            job_id, request, record, _attempts = claimed
            renewing = threading.Event()
            threading.Thread(
                target=self._renew, args=(job_id, renewing), name="storyline-lease", daemon=True
            ).start()
            try:
                self._run(Job.model_validate_json(record), json.loads(request))
            except Exception:  # never let one job stop the queue
                log.exception("ingestion job %s failed outside its build", job_id)
            finally:
                renewing.set()

    def _renew(self, job_id: str, done: threading.Event) -> None:
        """Renew the running job's lease until it is done."""
        while not done.wait(LEASE_SECONDS / 4):
            with self.lock:
                self._db().renew_lease(job_id, self._stamp(LEASE_SECONDS))

    def _stamp(self, ahead: float = 0) -> str:
        """The clock's time, ``ahead`` seconds on, as the store's timestamps are written."""
        return (self.clock() + timedelta(seconds=ahead)).isoformat(timespec="seconds")

    def _run(self, job: Job, request: dict) -> None:
        inputs, names = list(request["inputs"]), dict(request["names"])
        job.state = "running"
        with self.lock:
            self._running = job
        self.save(job)
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
            report = self.builder(
                inputs,
                self.db_path.parent,
                db_path=self.db_path,
                options=options,
                progress=JobProgress(self, job),
            )
        except StorylineError as error:
            self._finish(job, "failed", error=str(error))
            return
        except Exception:
            log.exception("ingestion job %s failed", job.id)
            self._finish(job, "failed", error=_INTERNAL)
            return
        with self.lock:
            _record_report(job, report, names)
        self._finish(job, "done")
        if self.after_build is not None:
            self.after_build()

    def _finish(self, job: Job, state: str, error: str | None = None) -> None:
        with self.lock:
            job.state = state  # type: ignore[assignment]  # "done" or "failed"
            job.error = error or job.error
            job.stage = None if state == "done" else job.stage
            job.finished_at = _now()
            self._running = None
        self.save(job, finished=True)

    def close(self, timeout: float = 60.0) -> None:
        """Let the running job finish (for at most ``timeout`` seconds) and stop the worker;
        queued jobs stay in the store for the next start."""
        with self.lock:
            worker, self._worker = self._worker, None
            self._stop = True
        self._wake.set()
        if worker is not None and worker.is_alive():
            worker.join(timeout)
        with self.lock:
            if self._store is not None:
                self._store.close()
                self._store = None


_INTERNAL = "the build failed with an internal error (see the server log)"


def _record_report(job: Job, report: BuildReport, names: dict[str, str]) -> None:
    """What a build did, into the job's record: the first ids of each kind, true counts."""
    job.added = list(report.added[:LISTED_IDS])
    job.updated = list(report.updated[:LISTED_IDS])
    job.unchanged = list(report.unchanged[:LISTED_IDS])
    job.duplicates = {_shown(k, names): v for k, v in list(report.duplicates.items())[:LISTED_IDS]}
    job.skipped += [
        s.model_copy(
            update={
                "source": _shown(s.source, names),
                "reason": _shown(s.reason, names),
                "examples": [_shown(e, names) for e in s.examples],
            }
        )
        for s in report.skipped
    ]
    job.counts = {
        "added": len(report.added),
        "updated": len(report.updated),
        "unchanged": len(report.unchanged),
        "duplicates": report.duplicate_count or len(report.duplicates),
        "skipped": sum(s.count for s in job.skipped),
    }


def _shown(text: str, names: dict[str, str]) -> str:
    """``text`` with the saved uploads' paths replaced by the names the user knows them by
    ("pasted text 1", "article.html"): no server path in what the browser shows."""
    for path, shown in names.items():
        if path in text:
            text = text.replace(path, shown)
    return text


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
