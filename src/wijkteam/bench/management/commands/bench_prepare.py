"""Sign in the benchmark's users (volume staff only) and write the plan for the load tool."""

import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wijkteam.bench.plan import POOL_SIZE, NoVolumeData, build_plan


class Command(BaseCommand):
    help = (
        "Benchmark: choose volume staff and their records at random (seeded), sign them in "
        "(with two-factor, recorded in the audit log) and write the requests to a JSON file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=16, help="Simulated users (slots).")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--pool", type=int, default=POOL_SIZE, help="Requests per user.")
        parser.add_argument("--out", required=True, help="Where to write the plan (JSON).")

    def handle(self, *args, users: int, seed: int, pool: int, out: str, **options):
        if users < 1 or pool < 1:
            raise CommandError("--users and --pool must be positive.")
        try:
            with transaction.atomic():
                plan = build_plan(users, seed, pool_size=pool)
        except NoVolumeData as exc:
            raise CommandError(str(exc)) from exc
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        # The plan holds session keys: readable by this user only.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            json.dump(plan, handle, indent=1)
        self.stdout.write(f"Plan for {users} users written to {path}.")
