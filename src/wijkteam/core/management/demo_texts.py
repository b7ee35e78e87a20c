"""Fictional Dutch text for the demo cases: help questions, notes, referrers."""

from dataclasses import dataclass

from wijkteam.cases.models import Channel, ContactKind, ReferrerType

# --- Fictional Dutch text ------------------------------------------------------------


@dataclass(frozen=True)
class HelpQuestion:
    """A help question in the family's own words.

    `groups`: the channel groups it fits (general, school, medical, safety). A question
    about one child fits a child aged min_age..max_age; a family-wide one is about all
    children. `parents`: the numbers of parents in the household it fits.
    """

    text: str
    expertise: str
    groups: frozenset[str]
    min_age: int = 0
    max_age: int = 17
    family_wide: bool = False
    parents: tuple[int, ...] = (1, 2)
    needs_younger_sibling: bool = False


def _q(text, expertise, groups, **options) -> HelpQuestion:
    return HelpQuestion(text, expertise, frozenset(groups.split()), **options)


HELP_QUESTIONS = (
    _q(
        "{name} ({age}) gaat al drie weken niet meer naar school. 's Ochtends heeft {hij} "
        "buikpijn en als ik aandring gaat {hij} huilen of wordt {hij} boos. School belt "
        "elke dag en ik weet niet meer wat ik moet doen.",
        "onderwijs",
        "general school medical",
        min_age=6,
        max_age=16,
    ),
    _q(
        "Onze {kind} {name} slaapt bijna nooit door en is 's nachts uren wakker. We zijn "
        "uitgeput en hebben steeds vaker ruzie. De huisarts zei dat het wijkteam ons tips "
        "kan geven.",
        "jeugd",
        "general medical",
        min_age=1,
        max_age=6,
    ),
    _q(
        "Onze baby {name} huilt heel veel, ook 's nachts. Ik voel me onzeker en soms heel "
        "alleen. Het consultatiebureau zei dat ik het wijkteam kon bellen.",
        "jeugd",
        "general medical",
        min_age=0,
        max_age=1,
    ),
    _q(
        "Mijn ex en ik zijn sinds de zomer uit elkaar en we krijgen de omgang niet "
        "geregeld. Elke overdracht loopt uit op ruzie en de kinderen zitten er middenin. "
        "Ik wil dat zij er geen last meer van hebben.",
        "scheiding",
        "general",
        family_wide=True,
        parents=(1,),
    ),
    _q(
        "Ik heb schulden bij de zorgverzekeraar en de energiemaatschappij en er komen "
        "steeds meer aanmaningen. Ik slaap er slecht van en merk dat ik kortaf ben tegen "
        "de kinderen. Ik wil hulp voordat het uit de hand loopt.",
        "schulden",
        "general",
        family_wide=True,
    ),
    _q(
        "{name} ({age}) durft de deur bijna niet meer uit. {Hij} zit de hele dag op "
        "{zijn} kamer, heeft paniekaanvallen en eet slecht. Wij weten niet hoe we {hem} "
        "kunnen helpen.",
        "ggz",
        "general school medical",
        min_age=12,
        max_age=17,
    ),
    _q(
        "Onze {kind} {name} heeft een licht verstandelijke beperking. {Hij} wil steeds "
        "meer zelf doen, maar laat zich makkelijk meenemen door oudere jongeren in de "
        "buurt. Wij willen leren hoe we {hem} goed kunnen begeleiden.",
        "lvb",
        "general school medical",
        min_age=10,
        max_age=17,
    ),
    _q(
        "Ik maak me zorgen om {name}. {Hij} blowt bijna elke dag, komt laat thuis en gaat "
        "niet meer naar {zijn} stage. {Zijn} jongere {sib_kind} {sib_name} kijkt erg "
        "tegen {hem} op en dat vind ik eng.",
        "verslaving",
        "general school",
        min_age=14,
        max_age=17,
        needs_younger_sibling=True,
    ),
    _q(
        "{name} krijgt enorme driftbuien, thuis en op de opvang. {Hij} slaat en schopt als "
        "iets niet mag. Ik weet niet hoe ik moet reageren zonder zelf te gaan schreeuwen.",
        "jeugd",
        "general",
        min_age=2,
        max_age=6,
    ),
    _q(
        "{name} wordt al maanden gepest, op school en via de telefoon. {Hij} eet slecht, "
        "wil niet meer naar voetbal en zegt dat {hij} niemand heeft. Wij voelen ons "
        "machteloos.",
        "onderwijs",
        "general school",
        min_age=8,
        max_age=15,
    ),
    _q(
        "School zegt dat {name} niet stil kan zitten en steeds uit de klas wordt gestuurd. "
        "Thuis is het ook onrustig. Wij willen weten of er meer aan de hand is en hoe we "
        "{hem} kunnen helpen.",
        "onderwijs",
        "general school medical",
        min_age=5,
        max_age=12,
    ),
    _q(
        "Sinds de geboorte van onze jongste gaat het niet goed met mijn partner: somber, "
        "moe en nergens zin in. Ik werk veel en de oudste kinderen moeten te veel zelf "
        "doen. Hoe krijgen we weer lucht?",
        "ggz",
        "general medical",
        family_wide=True,
        parents=(2,),
    ),
    _q(
        "Ik heb een chronische ziekte en {name} ({age}) zorgt veel voor de anderen thuis: "
        "koken, de kleintjes naar school brengen. Ik ben bang dat het te veel wordt voor "
        "{hem}; {zijn} cijfers gaan achteruit.",
        "jeugd",
        "general school",
        min_age=10,
        max_age=17,
        parents=(1,),
    ),
    _q(
        "{name} heeft autisme en gaat na de zomer naar de middelbare school. {Hij} raakt "
        "nu al in paniek bij elke verandering. Welke ondersteuning is er voor {hem} en "
        "voor ons?",
        "onderwijs",
        "general school medical",
        min_age=10,
        max_age=12,
    ),
    _q(
        "We wonen met z'n allen in een flat met twee slaapkamers en er is veel ruzie. De "
        "kinderen hebben geen rustige plek voor hun huiswerk en ik sta al jaren op de "
        "wachtlijst voor een andere woning.",
        "jeugd",
        "general",
        family_wide=True,
    ),
    _q(
        "{name} zit tot diep in de nacht op {zijn} telefoon en gamet veel. Als ik de "
        "telefoon afpak wordt {hij} agressief en gooit {hij} met spullen. Ik durf soms geen "
        "grenzen meer te stellen.",
        "jeugd",
        "general",
        min_age=11,
        max_age=17,
    ),
    _q(
        "De vader van mijn kinderen is vorig jaar overleden. De kinderen praten er niet "
        "over; de jongste is vaak heel boos en de oudste trekt zich terug. Ik kan het zelf "
        "ook nauwelijks aan.",
        "ggz",
        "general",
        family_wide=True,
        parents=(1,),
    ),
    _q(
        "{name} ({age}) eet steeds minder en is veel afgevallen. De huisarts heeft ons "
        "doorverwezen naar de eetstoornissenpoli, maar de wachtlijst is lang. Wat kunnen we "
        "in de tussentijd doen?",
        "ggz",
        "general medical",
        min_age=12,
        max_age=17,
    ),
    _q(
        "Veilig Thuis heeft gezegd dat ik contact moest opnemen. Er is thuis veel ruzie "
        "geweest en de buren hebben de politie gebeld. Ik wil dat het rustiger wordt voor "
        "de kinderen.",
        "veiligheid",
        "safety",
        family_wide=True,
    ),
    _q(
        "Na een melding bij Veilig Thuis willen wij hulp. Mijn partner drinkt te veel en "
        "wordt dan snel boos. De kinderen zijn bang als het avond wordt.",
        "veiligheid",
        "safety",
        family_wide=True,
        parents=(2,),
    ),
    _q(
        "Er is een ondertoezichtstelling uitgesproken. De jeugdbeschermer zegt dat het "
        "wijkteam ons gaat helpen met de opvoeding en met meer structuur thuis. Ik wil "
        "laten zien dat het goed gaat.",
        "veiligheid",
        "safety",
        family_wide=True,
    ),
    _q(
        "Na een half jaar in een leefgroep komt {name} weer thuis wonen. De jeugdbeschermer "
        "vraagt het wijkteam om ons te helpen met de terugkeer en met school.",
        "jeugd",
        "safety",
        min_age=12,
        max_age=17,
    ),
)

CHANNEL_GROUP = {
    Channel.SCHOOL: "school",
    Channel.GP: "medical",
    Channel.SPECIALIST: "medical",
    Channel.VEILIG_THUIS: "safety",
    Channel.CERTIFIED_INSTITUTION: "safety",
}

CASE_TRIAGE_NOTES = (
    "",
    "",
    "Vraagverheldering nodig: er spelen meerdere leefgebieden tegelijk.",
    "Kort telefonisch contact met de ouder; geen acute zorgen over veiligheid. "
    "Graag een huisbezoek binnen een week.",
    "School en ouders zien hetzelfde probleem; een gezamenlijk gesprek voorstellen.",
    "Signalen van stress bij de ouders: eerst bestaanszekerheid (inkomen, wonen) uitvragen.",
    "Ouders willen graag hulp en staan open voor een huisbezoek.",
)
ADVICE_NOTES = (
    "Moeder telefonisch informatie gegeven over een vast slaapritueel en de website "
    "Opvoeden.nl. Zij belt terug als het over vier weken niet beter gaat.",
    "Ouder gewezen op een gesprek met de mentor en de schoolmaatschappelijk werker. Geen "
    "verdere hulp van het wijkteam nodig.",
    "Informatie gegeven over een betalingsregeling en het Juridisch Loket. Ouder regelt dit "
    "zelf met hulp van een zus.",
    "Uitgelegd wat bij deze leeftijd past; ouders zijn gerustgesteld en weten ons te "
    "vinden als het toch niet gaat.",
    "Geadviseerd eerst met de huisarts te overleggen; het wijkteam blijft bereikbaar voor vragen.",
)
COMMUNITY_NOTES = (
    "Doorverwezen naar de cursus 'Positief Opvoeden' in buurthuis De Schakel; moeder meldt "
    "zich zelf aan.",
    "Aangemeld bij de Thuisadministratie van de vrijwilligerscentrale voor hulp bij post en "
    "betalingen.",
    "Kinderen aangemeld voor de KIES-groep (Kinderen In Echtscheidingssituatie) van het "
    "welzijnswerk.",
    "Jongere gekoppeld aan een maatje via het buddyproject van het jongerenwerk.",
    "Aangemeld bij de ontmoetingsgroep voor jonge mantelzorgers van het Steunpunt Mantelzorg.",
    "Verwezen naar het spreekuur van de opvoedondersteuner op het consultatiebureau.",
)
SUPPORT_WHILE_WAITING_NOTES = (
    "Telefonisch contact met de ouder: tips gegeven over dagstructuur en gewezen op de "
    "inloop in het buurthuis. Afgesproken dat zij belt als het thuis escaleert.",
    "Met de ouder gebeld; informatie over de wachttijd gegeven en het nummer van de "
    "opvoedtelefoon. School is op de hoogte en houdt een oogje in het zeil.",
)
FIRST_VISIT_NOTES = (
    "Kennismakend huisbezoek. {parent} vertelt open over de afgelopen maanden. Samen de "
    "hulpvraag op een rij gezet; volgende afspraak over twee weken.",
    "Eerste huisbezoek. {parent} is moe en wil graag dat er iets verandert. Afgesproken "
    "welke hulp er al is en wie we met toestemming mogen bellen.",
    "Huisbezoek. Netwerk besproken: oma past twee middagen per week op. "
    "Zelfredzaamheidsmatrix samen ingevuld als start voor het plan.",
    "Kennismaking thuis. {parent} schrok van de aanmelding maar staat open voor hulp. "
    "Afgesproken eerst te kijken wat het meest dringend is.",
)
CHILD_SPOKEN_NOTES = (
    " Met {name} apart gesproken; {hij} wil vooral dat er thuis minder ruzie is.",
    " {name} liet {zijn} kamer zien en vertelde over school en vrienden.",
    " Kort met {name} gesproken; {hij} voelt zich veilig thuis maar maakt zich zorgen.",
)
CHILD_NOT_SPOKEN_NOTES = (
    " {name} was op school; een gesprek met {hem} is gepland na schooltijd.",
    " {name} wilde nog niet praten; afgesproken het de volgende keer buiten de deur te proberen.",
)
TOO_YOUNG_NOTE = (
    " {name} is nog te jong voor een gesprek; spel en contact met {parent} geobserveerd."
)
FIRST_OTHER_NOTES = {
    ContactKind.PHONE: "Telefonisch kennismakingsgesprek met {parent}; huisbezoek gepland.",
    ContactKind.OFFICE: "Kennismaking op kantoor met {parent}; hulpvraag samen uitgewerkt.",
    ContactKind.SCHOOL: "Eerste gesprek op school met {parent}, mentor en intern begeleider.",
}
FOLLOW_UP_NOTES = {
    ContactKind.HOME_VISIT: (
        "Huisbezoek: afspraken geëvalueerd; de weekplanning op de koelkast helpt.",
        "Huisbezoek: het gaat met kleine stapjes vooruit; {parent} merkt dat er meer rust is.",
    ),
    ContactKind.PHONE: (
        "Telefonisch contact met {parent}: het gaat iets beter, de ochtenden verlopen rustiger.",
        "Kort gebeld met {parent} om de volgende afspraak te bevestigen; geen bijzonderheden.",
    ),
    ContactKind.SCHOOL: ("Overleg op school met mentor en {parent} over hoe het nu gaat.",),
    ContactKind.OFFICE: ("Gesprek op kantoor met {parent} over de voortgang van het plan.",),
    ContactKind.VIDEO: ("Beeldbellen met {parent} en de jeugdhulpaanbieder over de voortgang.",),
    ContactKind.GP: ("Overleg bij de huisarts met {parent} over hoe het nu gaat.",),
}
# The first follow-up is about the help question's theme (by expertise).
THEME_FOLLOW_UPS = {
    "schulden": (
        ContactKind.OFFICE,
        "Gesprek op kantoor met {parent}: inkomsten en uitgaven doorgenomen en samen de "
        "aanmelding voor schuldhulpverlening ingevuld.",
    ),
    "onderwijs": (
        ContactKind.SCHOOL,
        "Overleg op school met mentor, intern begeleider en {parent}: een rustige start van de "
        "dag en wekelijks contact tussen school en ouder afgesproken.",
    ),
    "ggz": (
        ContactKind.GP,
        "Overleg bij de huisarts met {parent} en de POH-GGZ over een verwijzing naar de "
        "basis-GGZ; tot die tijd blijf ik betrokken.",
    ),
    "lvb": (
        ContactKind.HOME_VISIT,
        "Huisbezoek met {parent} en {name}: afspraken over vrije tijd en telefoongebruik "
        "uitgewerkt met pictogrammen.",
    ),
    "verslaving": (
        ContactKind.HOME_VISIT,
        "Huisbezoek: {name} wil zelf minderen. Samen met de jongerenwerker een afspraak bij "
        "de preventiewerker verslavingszorg gemaakt.",
    ),
    "scheiding": (
        ContactKind.OFFICE,
        "Gesprekken op kantoor met beide ouders, na elkaar: het ouderschapsplan besproken; "
        "beiden willen de kinderen buiten de ruzie houden.",
    ),
    "veiligheid": (
        ContactKind.HOME_VISIT,
        "Huisbezoek: veiligheidsplan met {parent} doorgenomen, met afspraken voor als de "
        "spanning oploopt. Besproken met de aandachtsfunctionaris (vier ogen).",
    ),
    "jeugd": (
        ContactKind.HOME_VISIT,
        "Huisbezoek: ondersteuningsplan besproken en doelen samen met {parent} en {name} "
        "vastgesteld.",
    ),
}
FOLLOW_UP_KINDS = (
    (ContactKind.HOME_VISIT, 4),
    (ContactKind.PHONE, 4),
    (ContactKind.SCHOOL, 2),
    (ContactKind.OFFICE, 1),
    (ContactKind.VIDEO, 1),
    (ContactKind.GP, 1),
)
IN_PROGRESS_REASONS = (
    "Vraagverheldering afgerond; ondersteuningsplan met ouders en kind besproken.",
    "Plan akkoord: één gezin, één plan, één regisseur.",
    "",
)
CLOSING_REASONS = (
    "Eindevaluatie gepland met het gezin.",
    "Doelen grotendeels behaald; afschalen naar de sociale basis.",
    "",
)
CLOSED_REASONS = (
    "Afgesloten volgens plan: doelen behaald, het gezin redt zich weer met het eigen netwerk.",
    "Afgesloten volgens plan; afgeschaald naar de opvoedgroep in het buurthuis.",
    "Voortijdig beëindigd in overleg: het gezin is verhuisd naar een andere gemeente.",
    "Eenzijdig beëindigd door het gezin: ouders willen geen verdere begeleiding.",
    "Afgesloten: de hulp is overgenomen door een jeugdhulpaanbieder (maatwerk).",
    "Afgesloten volgens plan na de eindevaluatie met ouders en kind.",
)

# Referrers per channel: (organisation, name, contact).
REFERRERS = {
    Channel.GP: (
        ("Huisartsenpraktijk De Linde", "J. Kok, POH-GGZ jeugd", "poh@delinde.example"),
        ("Gezondheidscentrum Het Anker", "dr. M. Verhoeven, huisarts", "praktijk@anker.example"),
        ("Huisartsenpraktijk Stadspark", "dr. S. Aydın, huisarts", "assistente@stadspark.example"),
    ),
    Channel.SPECIALIST: (
        (
            "Ziekenhuis Voorbeeldstad, kindergeneeskunde",
            "dr. A. Hoekstra, kinderarts",
            "kindergeneeskunde@zvs.example",
        ),
        (
            "Ziekenhuis Voorbeeldstad, kinder- en jeugdpsychiatrie",
            "drs. L. Prins, kinder- en jeugdpsychiater",
            "kjp@zvs.example",
        ),
    ),
    Channel.CERTIFIED_INSTITUTION: (
        ("Jeugdbescherming Voorbeeldregio", "R. Wolters, jeugdbeschermer", "r.wolters@jbv.example"),
    ),
    Channel.VEILIG_THUIS: (
        ("Veilig Thuis Voorbeeldregio", "M. de Graaf, medewerker", "overdracht@vtv.example"),
    ),
    Channel.OTHER: (
        ("Consultatiebureau Voorbeeldstad (JGZ)", "P. Hofman, jeugdverpleegkundige", ""),
        ("Politie basisteam Voorbeeldstad", "T. Zwart, wijkagent", ""),
        ("Kinderopvang De Speeltuin", "L. Vink, pedagogisch medewerker", ""),
        ("Woningcorporatie Thuisbest", "E. de Jong, woonconsulent", ""),
    ),
}
PRIMARY_SCHOOLS = (
    ("Basisschool De Regenboog", "ib@regenboog.example"),
    ("OBS Het Kompas", "ib@kompas.example"),
    ("CBS De Wegwijzer", "ib@wegwijzer.example"),
)
SECONDARY_SCHOOLS = (
    ("Stedelijk College", "zorg@stedelijk.example"),
    ("Vakcollege De Poort", "zorg@depoort.example"),
)
SCHOOL_STAFF = ("A. Mulder", "K. Postma", "R. Bouali", "H. Wiersma")
NETWORK = ("de oma van de kinderen", "een buurvrouw", "een tante")
REFERRER_TYPE = {
    Channel.GP: ReferrerType.GP,
    Channel.SPECIALIST: ReferrerType.SPECIALIST,
    Channel.CERTIFIED_INSTITUTION: ReferrerType.CERTIFIED_INSTITUTION,
    Channel.VEILIG_THUIS: ReferrerType.VEILIG_THUIS,
    Channel.OTHER: ReferrerType.OTHER_PROFESSIONAL,
    Channel.SCHOOL: ReferrerType.SCHOOL,
}


# --- Small helpers -------------------------------------------------------------------
