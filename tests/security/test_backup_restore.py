"""Backup and restore lose nothing: pg_dump of a database with data in every kind of
record, pg_restore into a new database, and the row counts and checksums of every table
of the product match (docs/operations.md, "Backup and restore")."""

import json
import shutil
import subprocess
import uuid
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from wijkteam.core.backup import product_tables, table_checksums

pytestmark = pytest.mark.postgres


def _libpq_args(settings_dict) -> list[str]:
    args = ["-h", settings_dict["HOST"] or "127.0.0.1", "-U", settings_dict["USER"]]
    if settings_dict.get("PORT"):
        args += ["-p", str(settings_dict["PORT"])]
    return args


@pytest.fixture
def restored(transactional_db, postgres, tmp_path):
    """A function that dumps the test database and restores it into a new one; yields
    the new database's name and drops it afterwards."""
    for tool in ("pg_dump", "pg_restore"):
        if not shutil.which(tool):
            pytest.skip(f"needs {tool} (apt-get install postgresql-client)")
    params = connection.settings_dict
    created = []

    def dump_and_restore() -> str:
        target = f"restore_{uuid.uuid4().hex[:12]}"
        dump = tmp_path / "wijkteam.dump"
        subprocess.run(
            ["pg_dump", "-Fc", "-f", str(dump), *_libpq_args(params), params["NAME"]],
            check=True,
        )
        subprocess.run(
            ["createdb", *_libpq_args(params), target],
            check=True,
        )
        created.append(target)
        subprocess.run(
            ["pg_restore", "--no-owner", "-d", target, *_libpq_args(params), str(dump)],
            check=True,
        )
        return target

    yield dump_and_restore
    for name in created:
        subprocess.run(["dropdb", "--force", *_libpq_args(params), name], check=True)


def test_a_backup_restores_every_row(world, restored):
    from wijkteam.audit.models import AuditEntry

    from ..factories import MembershipFactory

    MembershipFactory(household=world.household)
    AuditEntry.objects.create(
        actor_username="backup-test",
        action="view",
        object_type="people.household",
        object_id=str(world.household.pk),
        purpose="casework",
        request_id="r",
        detail={},
    )
    out = StringIO()
    call_command("table_checksums", stdout=out)
    before = json.loads(out.getvalue())
    assert before["people_resident"]["rows"] >= 3 and before["audit_auditentry"]["rows"] >= 1
    assert before["cases_case"]["rows"] == 2

    target = restored()
    params = connection.settings_dict
    with psycopg.connect(
        dbname=target,
        host=params["HOST"] or "127.0.0.1",
        user=params["USER"],
        port=params.get("PORT") or 5432,
    ) as restored_connection:
        after = table_checksums(restored_connection.cursor(), product_tables())
    assert after == before


def test_the_checksum_sees_a_changed_row(world, postgres):
    tables = [("people_household", "id")]
    with connection.cursor() as cursor:
        first = table_checksums(cursor.cursor, tables)
        world.household.name = "Familie Anders"
        world.household.save()
        second = table_checksums(cursor.cursor, tables)
    assert first["people_household"]["rows"] == second["people_household"]["rows"]
    assert first["people_household"]["md5"] != second["people_household"]["md5"]
