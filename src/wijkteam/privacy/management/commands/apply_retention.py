"""Destroy closed files whose retention period has passed (or, with --dry-run, list them)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wijkteam.privacy.retention import apply_retention, retention_plan


class Command(BaseCommand):
    help = (
        "Retention: destroy closed case files, emptied households and old audit entries "
        "whose retention period has passed, keeping a destruction record of each. "
        "--dry-run lists what would go and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, do not destroy.")
        parser.add_argument("--today", help="Run as on this day (YYYY-MM-DD), for a check.")

    def handle(self, *args, dry_run: bool, today: str | None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError("--today must be a date like 2026-12-07.") from exc
        if dry_run:
            plan = retention_plan(day)
            self.stdout.write(f"Retention dry run for {day.isoformat()}: nothing is changed.")
            for item in plan.files:
                self.stdout.write(
                    f"  {item.rule.code:<12} {item.case.reference:<16} closed "
                    f"{item.closed_on.isoformat()} (kept {item.rule.years} years)"
                )
            for household in plan.households:
                self.stdout.write(f"  household    #{household.pk} (its last case goes)")
            for complaint in plan.complaints:
                self.stdout.write(
                    f"  complaint    {complaint.reference:<16} closed {complaint.closed_on}"
                )
            counts = plan.counts()
            self.stdout.write(
                f"Would destroy {counts['case_file']} case file(s), {counts['triage_only']} "
                f"triage-only file(s), {counts['household']} household(s), "
                f"{counts['complaint']} complaint(s) and {counts['audit_log']} audit entries "
                f"older than {plan.audit_before.date().isoformat()}."
            )
            return
        result = apply_retention(day)
        self.stdout.write(f"Destroyed {len(result.records)} file(s); destruction records kept.")
        for failure in result.failures:
            self.stderr.write(f"  not destroyed: {failure}")
        if result.failures:
            raise CommandError(f"{len(result.failures)} file(s) could not be destroyed.")
