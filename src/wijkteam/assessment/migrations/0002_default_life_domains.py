"""Seed the default life-domain instrument (see assessment/defaults.py)."""

from django.db import migrations

from wijkteam.assessment.defaults import install_life_domains


def add_defaults(apps, schema_editor):
    install_life_domains(
        apps.get_model("assessment", "LifeDomainLevel"), apps.get_model("assessment", "LifeDomain")
    )


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
