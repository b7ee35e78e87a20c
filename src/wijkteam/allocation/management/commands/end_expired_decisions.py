"""Daily: issued decisions whose period is over become "ended" (audited as the system).
Safe to run at any time and more than once."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from wijkteam.allocation.services import expire_decisions
from wijkteam.audit.log import AuditContext


class Command(BaseCommand):
    help = "Mark issued decisions whose end date has passed as ended."

    def handle(self, *args, **options):
        count = expire_decisions(
            AuditContext.system(name="end_expired_decisions"), timezone.localdate()
        )
        self.stdout.write(self.style.SUCCESS(f"{count} decisions ended."))
