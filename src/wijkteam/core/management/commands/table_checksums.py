"""Print the row count and checksum of every table of the product (backup check)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from wijkteam.core.backup import product_tables, table_checksums


class Command(BaseCommand):
    help = (
        "Row counts and MD5 checksums of the product's tables, as JSON. Run it before a "
        "backup and on the restored database: the outputs must be equal."
    )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("table_checksums needs PostgreSQL (DATABASE_URL=postgres://…).")
        with connection.cursor() as cursor:
            checksums = table_checksums(cursor.cursor, product_tables())
        self.stdout.write(json.dumps(checksums, indent=1, sort_keys=True))
