"""The queue of builds started from the web app, kept in the store so a restart loses none.

A job is a row: its state (queued, running, done, failed), the request (the inputs to build,
as JSON) and the record the web app shows (as JSON; the store does not read either). The
worker claims the oldest queued job in one statement; a job left ``running`` by a server that
stopped is queued again when the next one starts, up to a number of attempts.
"""

from __future__ import annotations

from storyline.store.connection import StoreConnection


class JobTable(StoreConnection):
    """The ``jobs`` table."""

    def add_job(self, job_id: str, state: str, created_at: str, request: str, record: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO jobs (id, state, created_at, request, record) VALUES (?,?,?,?,?)",
                (job_id, state, created_at, request, record),
            )

    def job_record(self, job_id: str) -> str | None:
        row = self.db.execute("SELECT record FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return row[0] if row else None

    def job_records(self, limit: int) -> list[str]:
        """The newest jobs' records, newest first."""
        rows = self.db.execute(
            "SELECT record FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?", (limit,)
        )
        return [row[0] for row in rows]

    def count_jobs(self, state: str) -> int:
        row = self.db.execute("SELECT COUNT(*) FROM jobs WHERE state = ?", (state,)).fetchone()
        return int(row[0])

    def claim_job(self, started_at: str) -> tuple[str, str, str, int] | None:
        """The oldest queued job, now running: (id, request, record, attempts so far)."""
        with self.transaction() as db:
            row = db.execute(
                "UPDATE jobs SET state = 'running', started_at = ?, attempts = attempts + 1"
                " WHERE id = (SELECT id FROM jobs WHERE state = 'queued'"
                " ORDER BY created_at, rowid LIMIT 1)"
                " RETURNING id, request, record, attempts",
                (started_at,),
            ).fetchone()
        return (row[0], row[1], row[2], int(row[3])) if row else None

    def update_job(
        self, job_id: str, state: str, record: str, finished_at: str | None = None
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE jobs SET state = ?, record = ?, finished_at = ? WHERE id = ?",
                (state, record, finished_at, job_id),
            )

    def interrupted_jobs(self) -> list[tuple[str, str, int]]:
        """Jobs left running by a server that stopped: (id, record, attempts)."""
        rows = self.db.execute("SELECT id, record, attempts FROM jobs WHERE state = 'running'")
        return [(i, r, int(a)) for i, r, a in rows]

    def forget_jobs(self, keep: int) -> None:
        """Delete finished jobs beyond the newest ``keep``."""
        with self.transaction() as db:
            db.execute(
                "DELETE FROM jobs WHERE state IN ('done', 'failed') AND id NOT IN"
                " (SELECT id FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?)",
                (keep,),
            )
