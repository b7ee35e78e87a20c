"""Scheduled jobs: one table of idempotent jobs, run by `manage.py run_scheduled_jobs`.

The scheduler is the operating system's (a systemd timer or cron, docs/operations.md),
not a loop of our own: the command runs every job once and exits, so a job that fails is
retried by the next run and two runs never overlap in one job (a PostgreSQL advisory
lock per job). Every job is safe to run again: it does only what is still due.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection


@dataclass(frozen=True)
class Job:
    name: str
    description: str
    run: Callable[[], str]  # returns one line for the log


def _retention() -> str:
    from wijkteam.privacy.retention import apply_retention

    result = apply_retention()
    failed = f", {len(result.failures)} could not be destroyed" if result.failures else ""
    return f"{len(result.records)} file(s) destroyed{failed}"


def _expired_sessions() -> str:
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return f"{deleted} expired session(s) removed"


def _expired_decisions() -> str:
    from django.utils import timezone

    from wijkteam.allocation.services import expire_decisions
    from wijkteam.audit.log import AuditContext

    ended = expire_decisions(
        AuditContext.system(name="end_expired_decisions"), timezone.localdate()
    )
    return f"{ended} decision(s) ended"


def _ijw_outbox() -> str:
    from wijkteam.ijw.outbox import write_pending

    result = write_pending()
    failed = f", {result.failed} failed (tried again next run)" if result.failed else ""
    return f"{result.written} message(s) written, {result.waiting} waiting{failed}"


def _figures() -> str:
    from wijkteam.insights.snapshot import refresh_recent

    result = refresh_recent()
    return f"figures of {result.months} month(s) computed, {result.rows} number(s)"


JOBS: tuple[Job, ...] = (
    Job("decisions", "End issued decisions whose period is over.", _expired_decisions),
    Job("ijw_outbox", "Write iJw messages still waiting to the outbox.", _ijw_outbox),
    Job("retention", "Destroy closed files whose retention period has passed.", _retention),
    Job("sessions", "Remove expired sign-in sessions.", _expired_sessions),
    Job(
        "figures",
        "Compute the KPI and dashboard figures of this month and the twelve before it.",
        _figures,
    ),
)
JOBS_BY_NAME = {job.name: job for job in JOBS}


def _lock_key(name: str) -> int:
    return 7_318_000 + sorted(JOBS_BY_NAME).index(name)


def run_job(job: Job) -> str | None:
    """Run one job unless another process is running it (then None)."""
    if connection.vendor != "postgresql":
        return job.run()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_lock_key(job.name)])
        if not cursor.fetchone()[0]:
            return None
        try:
            return job.run()
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_lock_key(job.name)])
