"""Write the iJw messages still waiting to the outbox (IJW_OUTBOX_DIR). Safe to run at
any time and as often as wanted (a cron job): a message is written once."""

from django.core.management.base import BaseCommand

from wijkteam.ijw.outbox import write_pending


class Command(BaseCommand):
    help = "Write waiting iJw messages to the outbox folder."

    def handle(self, *args, **options):
        result = write_pending()
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.written} written, {result.waiting} waiting, {result.failed} failed."
            )
        )
        if result.failed:
            raise SystemExit(1)
