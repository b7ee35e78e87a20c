"""A default structured risk-assessment instrument, as data. Installed by a data migration
and again after a flush (tests) when no instrument exists; a team configures its own
method (such as TOP3) in the admin."""

NO_DOUBT_YES = (("Nee", 0, ""), ("Twijfel of onbekend", 1, ""), ("Ja", 2, ""))

# question, explanation, options (label, score, sets at least this level)
ITEMS = (
    (
        "Is er nu of in de komende dagen acuut gevaar voor een kind?",
        "Bijvoorbeeld dreiging met geweld, een kind dat niet naar huis durft, of een ouder die "
        "de zorg op dit moment niet aankan.",
        (("Nee", 0, ""), ("Twijfel of onbekend", 2, "elevated"), ("Ja", 6, "acute")),
    ),
    (
        "Is er lichamelijk geweld tegen een kind, of tussen volwassenen in het gezin?",
        "Ook als het kind getuige is van geweld tussen de ouders.",
        (("Nee", 0, ""), ("Twijfel of onbekend", 2, ""), ("Ja", 4, "high")),
    ),
    (
        "Zijn er signalen van seksueel grensoverschrijdend gedrag naar een kind?",
        "",
        (("Nee", 0, ""), ("Twijfel of onbekend", 2, "elevated"), ("Ja", 4, "high")),
    ),
    (
        "Worden de basale behoeften van een kind verwaarloosd?",
        "Eten, slapen, hygiëne, kleding, medische zorg, toezicht passend bij de leeftijd.",
        (("Nee", 0, ""), ("Twijfel of onbekend", 1, ""), ("Ja", 3, "elevated")),
    ),
    (
        "Heeft een ouder psychische problemen, een verslaving of een beperking die de zorg "
        "voor het kind raakt?",
        "",
        NO_DOUBT_YES,
    ),
    (
        "Zijn er ernstige spanningen of ruzies tussen de ouders (ook na een scheiding) waar "
        "het kind bij betrokken raakt?",
        "",
        NO_DOUBT_YES,
    ),
    (
        "Is het gezin eerder gemeld bij Veilig Thuis, of bekend bij politie of justitie?",
        "",
        NO_DOUBT_YES,
    ),
    (
        "Staat het gezin onder grote druk door schulden, dreigende huisuitzetting of verlies "
        "van werk?",
        "Bestaanszekerheid: stress over geld en wonen vergroot de kans op onveiligheid.",
        (("Nee", 0, ""), ("Twijfel of onbekend", 1, ""), ("Ja", 1, "")),
    ),
    (
        "Laat een kind zelf signalen zien?",
        "Angst, zich terugtrekken, agressie, schoolverzuim, onverklaarde verwondingen.",
        NO_DOUBT_YES,
    ),
    (
        "Staan de ouders open voor hulp en voor zicht van de hulpverlening op het gezin?",
        "",
        (("Ja", 0, ""), ("Gedeeltelijk of onbekend", 1, ""), ("Nee", 2, "")),
    ),
    (
        "Is er een steunend netwerk (familie, buren, school) dat meekijkt?",
        "Een beschermende factor: een netwerk dat meekijkt maakt het veiliger.",
        (("Ja", 0, ""), ("Beperkt", 1, ""), ("Nee", 2, "")),
    ),
)

BANDS = ((0, "low"), (4, "elevated"), (8, "high"), (14, "acute"))


def install_risk_instrument(instrument_model, item_model, option_model, band_model) -> None:
    """Add the default instrument when there is none (models may be historical)."""
    if instrument_model.objects.exists():
        return
    instrument = instrument_model.objects.create(
        name="Veiligheidstaxatie wijkteam (standaard)",
        description=(
            "Een gestructureerde taxatie van risico's en beschermende factoren. Pas de vragen, "
            "antwoorden en grenzen aan, of leg de methode van het team (bijvoorbeeld TOP3) vast "
            "als eigen instrument in het beheer."
        ),
    )
    for order, (question, help_text, options) in enumerate(ITEMS, start=1):
        item = item_model.objects.create(
            instrument=instrument, order=order, question=question, help_text=help_text
        )
        for option_order, (label, score, level) in enumerate(options, start=1):
            option_model.objects.create(
                item=item, order=option_order, label=label, score=score, minimum_level=level
            )
    for min_score, level in BANDS:
        band_model.objects.create(instrument=instrument, min_score=min_score, level=level)
