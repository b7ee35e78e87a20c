"""Counts and checksums of the product's tables, to prove that a backup restores whole.

Run `manage.py table_checksums` before `pg_dump` and again on the restored database
(docs/operations.md, "Backup and restore"): the two outputs must be the same. Each table's
checksum is the MD5 of all its rows as text in primary-key order, so a lost, added or
changed row changes it. PostgreSQL only (it is what production runs).
"""

from django.apps import apps
from psycopg import sql


def product_tables() -> list[tuple[str, str]]:
    """(table, primary key column) of every model of the product's own apps, and of the
    accounts and two-factor devices Django keeps for it, sorted by table name."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        app_module = model._meta.app_config.name
        if app_module.startswith(("wijkteam.", "django.contrib.auth", "django_otp")):
            if not model._meta.managed or model._meta.proxy:
                continue
            tables.add((model._meta.db_table, model._meta.pk.column))
    return sorted(tables)


def table_checksums(cursor, tables: list[tuple[str, str]]) -> dict[str, dict]:
    """{table: {"rows": n, "md5": checksum}} through a DB-API cursor on PostgreSQL."""
    result = {}
    for table, pk in tables:
        query = sql.SQL(
            "SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t.{pk})), '')"
            " FROM {table} AS t"
        ).format(pk=sql.Identifier(pk), table=sql.Identifier(table))
        cursor.execute(query)
        rows, checksum = cursor.fetchone()
        result[table] = {"rows": rows, "md5": checksum}
    return result
