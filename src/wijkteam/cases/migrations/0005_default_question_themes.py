"""The default question themes; the functional administrator adapts the list in the admin."""

from django.db import migrations

DEFAULT_THEMES = (
    ("opvoeding", "Opvoeding"),
    ("ruzie-thuis-scheiding", "Ruzie thuis of scheiding"),
    ("schoolverzuim", "Schoolverzuim"),
    ("pesten", "Pesten"),
    ("angst-somberheid", "Angst en somberheid"),
    ("middelengebruik", "Middelengebruik"),
    ("schulden-geldzorgen", "Schulden en geldzorgen"),
    ("huisvesting", "Huisvesting"),
    ("mantelzorg", "Mantelzorg"),
    ("ontwikkeling", "Ontwikkeling"),
)


def add_themes(apps, schema_editor):
    QuestionTheme = apps.get_model("cases", "QuestionTheme")
    for code, name in DEFAULT_THEMES:
        QuestionTheme.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_question_themes")]

    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
