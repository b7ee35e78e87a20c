"""The default life-domain instrument: the Zelfredzaamheidsmatrix's thirteen life domains
on five levels, plus development, upbringing and school for children. Installed by a data
migration and again after a flush (tests), only where missing; a functional administrator
adjusts them in the admin."""

LEVELS = (
    (1, "Acute problematiek", "Er is direct ingrijpen nodig.", True),
    (2, "Niet zelfredzaam", "Zonder hulp lukt het niet; de situatie verslechtert.", True),
    (3, "Beperkt zelfredzaam", "Het lukt met moeite of met hulp; de situatie is kwetsbaar.", False),
    (4, "Voldoende zelfredzaam", "Het lukt, met hier en daar wat steun van anderen.", False),
    (5, "Volledig zelfredzaam", "Het lukt zelfstandig.", False),
)

# code, name, applies to, existential security
DOMAINS = (
    ("financien", "Financiën", "adults", True),
    ("werk-opleiding", "Werk en opleiding", "adults", False),
    ("tijdsbesteding", "Tijdsbesteding", "adults", False),
    ("huisvesting", "Huisvesting", "adults", True),
    ("huiselijke-relaties", "Huiselijke relaties", "adults", False),
    ("geestelijke-gezondheid", "Geestelijke gezondheid", "everyone", False),
    ("lichamelijke-gezondheid", "Lichamelijke gezondheid", "everyone", False),
    ("middelengebruik", "Middelengebruik", "everyone", False),
    ("basale-adl", "Basale ADL", "adults", False),
    ("instrumentele-adl", "Instrumentele ADL", "adults", False),
    ("sociaal-netwerk", "Sociaal netwerk", "everyone", False),
    ("maatschappelijke-participatie", "Maatschappelijke participatie", "adults", False),
    ("justitie", "Justitie", "everyone", False),
    ("ontwikkeling", "Ontwikkeling", "children", False),
    ("opvoeding", "Opvoeding", "children", False),
    ("school", "School", "children", False),
)


def install_life_domains(level_model, domain_model) -> None:
    """Add the default levels and domains that are missing (models may be historical)."""
    for value, name, description, low in LEVELS:
        level_model.objects.get_or_create(
            value=value, defaults={"name": name, "description": description, "counts_as_low": low}
        )
    for order, (code, name, applies_to, existential) in enumerate(DOMAINS, start=1):
        domain_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "applies_to": applies_to,
                "existential_security": existential,
                "order": order * 10,
            },
        )
