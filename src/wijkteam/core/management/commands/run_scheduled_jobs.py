"""Run the scheduled jobs once (called by a systemd timer or cron, docs/operations.md)."""

from django.core.management.base import BaseCommand, CommandError

from wijkteam.core.jobs import JOBS, JOBS_BY_NAME, run_job


class Command(BaseCommand):
    help = "Run every scheduled job once (or only the named ones) and exit."

    def add_arguments(self, parser):
        parser.add_argument("jobs", nargs="*", help=f"Only these: {', '.join(JOBS_BY_NAME)}.")

    def handle(self, *args, jobs: list[str], **options):
        unknown = [name for name in jobs if name not in JOBS_BY_NAME]
        if unknown:
            raise CommandError(f"Unknown job(s): {', '.join(unknown)}.")
        failed = []
        for job in [JOBS_BY_NAME[name] for name in jobs] if jobs else JOBS:
            try:
                outcome = run_job(job)
            except Exception as exc:  # noqa: BLE001 - one job's failure must not stop the others
                failed.append(job.name)
                self.stderr.write(f"{job.name}: failed ({type(exc).__name__})")
                continue
            self.stdout.write(f"{job.name}: {outcome or 'already running elsewhere; skipped'}")
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)} (retried at the next run).")
