"""Generate volume data (many households and cases) fast, for measuring scale."""

import random
import time
from dataclasses import replace
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from wijkteam.assessment.models import LifeDomain
from wijkteam.core.management.volume import (
    BulkWriter,
    VolumeBuilder,
    ensure_catalogue,
    ensure_organisation,
    starting_point,
    utc_now,
)
from wijkteam.core.rules import add_months
from wijkteam.insights.snapshot import refresh

# The dashboard's figures are computed for this many years before the current one (the
# benchmark asks for last year against the year before).
FIGURE_YEARS = 2

CHUNK_CASES = 5000


class Command(BaseCommand):
    help = (
        "Generate volume data: households, residents and cases with their intakes, events, "
        "assignments, contact moments, support plans and audit entries, written in bulk (COPY "
        "on PostgreSQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True, help="Number of cases to add.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed.")
        parser.add_argument(
            "--chunk", type=int, default=CHUNK_CASES, help="Cases per chunk (one transaction)."
        )

    def handle(self, *args, cases: int, seed: int, chunk: int, verbosity: int = 1, **options):
        if cases < 1 or chunk < 1:
            raise CommandError("--cases and --chunk must be positive.")
        started = time.monotonic()
        with transaction.atomic():
            teams = ensure_organisation(timezone.localdate())
            start = replace(
                starting_point(),
                products=tuple(ensure_catalogue()),
                life_domains=tuple(
                    LifeDomain.objects.filter(active=True)
                    .order_by("pk")
                    .values_list("pk", flat=True)
                ),
            )
        if not teams:
            raise CommandError("No teams to generate cases for.")
        builder = VolumeBuilder(random.Random(seed), utc_now(), teams, start)
        writer = BulkWriter()
        done = 0
        while done < cases:
            size = min(chunk, cases - done)
            writer.write(builder.chunk(size))
            done += size
            if verbosity >= 2 or (done % (chunk * 20) == 0 and done < cases):
                self.stdout.write(
                    f"  {done} cases, {writer.written} rows, {time.monotonic() - started:.0f} s"
                )
        with transaction.atomic():
            writer.reset_sequences()
        if connection.vendor == "postgresql":
            # Statistics for the planner, and the visibility map that lets PostgreSQL
            # answer counts from an index alone: as autovacuum leaves a database that has
            # been in use for a while (VACUUM cannot run inside a transaction).
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE)" if connection.get_autocommit() else "ANALYZE")
        figures = self._figures()
        elapsed = time.monotonic() - started
        self.stdout.write(figures)
        self.stdout.write(
            self.style.SUCCESS(
                f"Volume data: {builder.cases_built} cases in {builder.households_built} "
                f"households over {len(teams)} teams; {writer.written} rows in {elapsed:.1f} s "
                f"({writer.written / elapsed:,.0f} rows/s, {connection.vendor})."
            )
        )

    def _figures(self) -> str:
        """The monthly figures of the dashboards, as the nightly job would compute them."""
        started = time.monotonic()
        this_month = timezone.localdate().replace(day=1)
        first = date(this_month.year - FIGURE_YEARS, 1, 1)
        result = refresh(first, add_months(this_month, 1))
        return (
            f"Dashboard figures: {result.months} months, {result.rows} numbers in "
            f"{time.monotonic() - started:.1f} s."
        )
