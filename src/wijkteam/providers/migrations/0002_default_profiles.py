from django.db import migrations


def seed(apps, schema_editor):
    from wijkteam.providers.defaults import install_profiles

    install_profiles(apps.get_model("providers", "Profile"))


class Migration(migrations.Migration):
    dependencies = [("providers", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
