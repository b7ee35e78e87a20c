"""Compute the monthly figures of the dashboards (the nightly job does the last 13 months;
this command does any range, e.g. after a data migration or for older years)."""

from datetime import date
from time import monotonic

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wijkteam.core.rules import add_months
from wijkteam.insights.snapshot import NIGHTLY_MONTHS, refresh


def _month(text: str) -> date:
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError as exc:
        raise CommandError(f"give a month as YYYY-MM, not {text!r}") from exc


class Command(BaseCommand):
    help = "Compute the figures of the KPIs and dashboards for a range of months."

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            help=f"First month (YYYY-MM); default: the last {NIGHTLY_MONTHS} months.",
        )
        parser.add_argument("--until", help="Last month (YYYY-MM); default: this month.")

    def handle(self, *args, since=None, until=None, **options):
        this_month = timezone.localdate().replace(day=1)
        last = _month(until) if until else this_month
        first = _month(since) if since else add_months(this_month, 1 - NIGHTLY_MONTHS)
        if first > last:
            raise CommandError("--since is after --until")
        oldest_kept = add_months(this_month, -12 * settings.WIJKTEAM_RETENTION_TRIAGE_ONLY_YEARS)
        if first < oldest_kept:
            self.stderr.write(
                "Warning: files of months before "
                f"{oldest_kept:%Y-%m} may have been destroyed by retention; their figures "
                "are computed again without them (ADR 0011)."
            )
        started = monotonic()
        result = refresh(first, add_months(last, 1))
        self.stdout.write(
            f"Figures of {result.months} month(s) computed: {result.rows} numbers "
            f"in {monotonic() - started:.1f} s."
        )
