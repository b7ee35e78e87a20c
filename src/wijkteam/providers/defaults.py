"""The default profile table: Herstel (H) and Duurzaam (D) × licht, midden, zwaar (L, M,
Z). A region's own codes replace these in the admin; only missing rows are added."""

DEFAULT_PROFILES = (
    ("recovery", "light", "HL", "Herstel licht"),
    ("recovery", "medium", "HM", "Herstel midden"),
    ("recovery", "heavy", "HZ", "Herstel zwaar"),
    ("lasting", "light", "DL", "Duurzaam licht"),
    ("lasting", "medium", "DM", "Duurzaam midden"),
    ("lasting", "heavy", "DZ", "Duurzaam zwaar"),
)


def install_profiles(profile_model) -> None:
    for kind, intensity, code, description in DEFAULT_PROFILES:
        if profile_model.objects.filter(kind=kind, intensity=intensity).exists():
            continue
        if profile_model.objects.filter(code=code).exists():
            continue
        profile_model.objects.create(
            kind=kind, intensity=intensity, code=code, description=description
        )
