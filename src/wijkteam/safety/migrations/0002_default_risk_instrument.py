"""Seed the default risk-assessment instrument (see safety/defaults.py)."""

from django.db import migrations

from wijkteam.safety.defaults import install_risk_instrument


def add_default(apps, schema_editor):
    install_risk_instrument(
        *(
            apps.get_model("safety", name)
            for name in ("RiskInstrument", "RiskItem", "RiskAnswerOption", "RiskLevelBand")
        )
    )


class Migration(migrations.Migration):
    dependencies = [("safety", "0001_initial")]
    operations = [migrations.RunPython(add_default, migrations.RunPython.noop)]
