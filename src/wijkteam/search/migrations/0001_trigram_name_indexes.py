"""Trigram indexes for the search by name: PostgreSQL only, nothing on SQLite.

The search matches every word anywhere in a member's given names, prefix or surname, or
in the household's name, whatever the case: Django's `icontains`, which PostgreSQL runs
as `UPPER(column::text) LIKE UPPER('%word%')`. A GIN index with pg_trgm's operator class
on exactly that expression answers it without reading every resident. pg_trgm ships with
PostgreSQL and is a trusted extension: the database's owner may create it.
"""

from django.db import migrations

INDEXES = (
    ("search_resident_given_trgm", "people_resident", "given_names"),
    ("search_resident_prefix_trgm", "people_resident", "surname_prefix"),
    ("search_resident_surname_trgm", "people_resident", "surname"),
    ("search_household_name_trgm", "people_household", "name"),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f'USING gin ((UPPER(("{column}")::text)) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("people", "0004_scale_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
