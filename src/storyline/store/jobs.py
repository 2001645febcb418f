"""The queue of builds started from the web app, kept in the store so a restart loses none.

A job is a row: its state (queued, running, done, failed), the request (the inputs to build,
as JSON) and the record the web app shows (as JSON; the store does not read either). The
worker claims the oldest queued job in one transaction, under a lease its server renews while
it builds; a job whose lease ran out (its server stopped) is queued again, up to a number of
attempts. Several server processes can share the queue: one build runs at a time.
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

    def claim_job(self, now: str, lease_until: str) -> tuple[str, str, str, int] | None:
        """The oldest queued job, now running under a lease until ``lease_until``: (id,
        request, record, attempts so far). None when nothing is queued, or while another job's
        lease is live (one build at a time, whichever server process runs it)."""
        with self.transaction() as db:
            if db.execute(
                "SELECT 1 FROM jobs WHERE state = 'running' AND lease_until >= ?", (now,)
            ).fetchone():
                return None
            row = db.execute(
                "UPDATE jobs SET state = 'running', started_at = ?, lease_until = ?,"
                " attempts = attempts + 1"
                " WHERE id = (SELECT id FROM jobs WHERE state = 'queued'"
                " ORDER BY created_at, rowid LIMIT 1)"
                " RETURNING id, request, record, attempts",
                (now, lease_until),
            ).fetchone()
        return (row[0], row[1], row[2], int(row[3])) if row else None

    def renew_lease(self, job_id: str, lease_until: str) -> None:
        """The running job's server is still at it."""
        with self.transaction() as db:
            db.execute(
                "UPDATE jobs SET lease_until = ? WHERE id = ? AND state = 'running'",
                (lease_until, job_id),
            )

    def update_job(
        self, job_id: str, state: str, record: str, finished_at: str | None = None
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE jobs SET state = ?, record = ?, finished_at = ? WHERE id = ?",
                (state, record, finished_at, job_id),
            )

    def interrupted_jobs(self, now: str) -> list[tuple[str, str, int]]:
        """Jobs left running by a server that stopped (their lease ran out, or they were
        started by a version without leases): (id, record, attempts)."""
        rows = self.db.execute(
            "SELECT id, record, attempts FROM jobs WHERE state = 'running'"
            " AND (lease_until IS NULL OR lease_until < ?)",
            (now,),
        )
        return [(i, r, int(a)) for i, r, a in rows]

    def forget_jobs(self, keep: int) -> None:
        """Delete finished jobs beyond the newest ``keep``."""
        with self.transaction() as db:
            db.execute(
                "DELETE FROM jobs WHERE state IN ('done', 'failed') AND id NOT IN"
                " (SELECT id FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?)",
                (keep,),
            )
