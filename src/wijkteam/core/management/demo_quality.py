"""Demo partners, complaints and client-experience answers for `seed_demo`, through the
services.

- Partners: in every district schools and GP practices with their fixed contact (a
  member of the district's team with a current VOG); every school is covered, and in
  Zuiderveld two GP practices have no contact, so that district misses the 90% target
  while the municipality as a whole meets it. One school changed contact over time.
- Complaints in every state: received, acknowledged, being handled (one due soon, one
  past its deadline, one extended by three weeks), decided (on time, late, resolved at
  once, not handled under Awb 9:8) and withdrawn; some linked to a case.
- Survey: invitations at evaluation and closure over the last twelve months, most of
  them answered (a few per team per month, so every team passes the small-count
  threshold per quarter), some left unanswered.

Deterministic (one random stream, drawn the same way whatever exists) and idempotent:
partners are found by name, and complaints and survey answers are only made when there
are none yet.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from wijkteam.accounts.models import District, User
from wijkteam.accounts.queries import youth_case_verdict
from wijkteam.accounts.roles import Role
from wijkteam.audit.log import AuditContext
from wijkteam.cases.models import Case, CaseStatus
from wijkteam.core.rules import add_months
from wijkteam.partners.models import Partner, PartnerKind
from wijkteam.partners.services import assign_fixed_contact
from wijkteam.quality import services as quality
from wijkteam.quality.models import Complaint, ComplaintChannel, SurveyInvitation

from .demo_cases import at

SCHOOL_NAMES = (
    "Basisschool De Regenboog",
    "OBS Het Kompas",
    "CBS De Wegwijzer",
    "Stedelijk College",
    "Vakcollege De Poort",
    "Basisschool De Vlieger",
    "OBS De Sterrenkijker",
    "Kindcentrum Het Palet",
    "Montessorischool De Linde",
    "Lyceum aan de Vecht",
    "Basisschool De Boomgaard",
    "CBS Het Mozaïek",
    "OBS De Schakel",
    "Daltonschool De Horizon",
    "Praktijkschool Het Anker",
    "Basisschool De Wilgen",
    "OBS De Toermalijn",
    "Kindcentrum De Bron",
    "Jenaplanschool De Ark",
    "Christelijk College De Brug",
)
GP_NAMES = (
    "Huisartsenpraktijk De Linde",
    "Gezondheidscentrum Het Anker",
    "Huisartsenpraktijk Stadspark",
    "Huisartsen aan de Gracht",
    "Huisartsenpraktijk Noorderhaven",
    "Gezondheidscentrum De Haven",
    "Huisartsenpraktijk Kade",
    "Huisartsen Oosterenk",
    "Huisartsenpraktijk De Es",
    "Gezondheidscentrum Oost",
    "Huisartsenpraktijk Zuiderveld",
    "Huisartsen De Meent",
    "Gezondheidscentrum Zuid",
    "Huisartsenpraktijk Het Veld",
    "Huisartsen De Hoven",
    "Huisartsenpraktijk Westerkwartier",
    "Gezondheidscentrum West",
    "Huisartsen De Molen",
    "Huisartsenpraktijk Het Kwartier",
    "Huisartsen De Sluis",
    "Huisartsenpraktijk Binnenstad",
    "Huisartsen Achter de Muur",
    "Huisartsenpraktijk Havenkwartier",
    "Gezondheidscentrum De Waterkant",
    "Huisartsenpraktijk De Esch",
)
SCHOOLS_PER_DISTRICT = 4
GPS_PER_DISTRICT = 5
# The district where two GP practices have no fixed contact (60% < 90%).
UNDER_TARGET_DISTRICT = "zuiderveld"
UNCOVERED_GPS = 2
STREETS = ("Schoolstraat", "Dorpsweg", "Parklaan", "Kerkplein", "Molenweg", "Havenkade")


@dataclass(frozen=True)
class DemoComplaint:
    """One demo complaint: days ago received, its path and texts."""

    days_ago: int
    path: tuple[str, ...]  # statuses after "received", in order
    description: str
    channel: str = ComplaintChannel.ONLINE
    outcome: str = ""
    conclusion: str = ""
    decided_after: int = 30  # days after receipt
    extension_weeks: int = 0
    link_case: bool = False
    incident_days_before: int | None = None


COMPLAINTS = (
    DemoComplaint(
        2,
        (),
        "Ik heb drie keer gebeld maar niemand belt terug. Ik weet niet meer waar ik terecht kan.",
    ),
    DemoComplaint(
        6,
        ("acknowledged",),
        "De jeugdwerker sprak over mijn zoon waar hij bij was, zonder het eerst met mij te "
        "bespreken.",
        channel=ComplaintChannel.PHONE,
        link_case=True,
    ),
    DemoComplaint(
        20,
        ("acknowledged", "in_handling"),
        "Er is zonder overleg met ons informatie gedeeld met de school van onze dochter.",
        channel=ComplaintChannel.EMAIL,
        link_case=True,
    ),
    DemoComplaint(
        38,
        ("acknowledged", "in_handling"),
        "We wachten al twee maanden op de hulp die in het plan staat. Niemand weet wanneer "
        "het begint.",
        link_case=True,
    ),
    DemoComplaint(
        50,
        ("acknowledged", "in_handling"),
        "De medewerker kwam niet opdagen bij het gesprek op school en belde ook niet af.",
        channel=ComplaintChannel.LETTER,
    ),
    DemoComplaint(
        50,
        ("acknowledged", "in_handling"),
        "In het verslag staan dingen die wij nooit hebben gezegd. We willen dat het wordt "
        "aangepast.",
        extension_weeks=3,
        link_case=True,
    ),
    DemoComplaint(
        90,
        ("acknowledged", "in_handling", "decided"),
        "Mijn dochter van 15 is niet zelf gesproken voordat er een besluit werd genomen.",
        outcome="well_founded",
        conclusion="De klacht is gegrond: de dochter had gesproken moeten worden. Excuses "
        "gemaakt; een gesprek met haar is gepland.",
        decided_after=33,
        link_case=True,
    ),
    DemoComplaint(
        120,
        ("acknowledged", "in_handling", "decided"),
        "Ik vind dat het wijkteam de kant van mijn ex-partner kiest.",
        channel=ComplaintChannel.PHONE,
        outcome="unfounded",
        conclusion="Na gesprekken met beide ouders en de medewerker blijkt dat beide ouders "
        "even vaak zijn gehoord. De klacht is ongegrond.",
        decided_after=40,
    ),
    DemoComplaint(
        100,
        ("acknowledged", "decided"),
        "Niemand heeft mij laten weten dat de afspraak van vandaag niet doorging.",
        outcome="resolved",
        conclusion="Na een telefoongesprek met de teamleider is een nieuwe afspraak gemaakt; "
        "de klager is tevreden.",
        decided_after=5,
    ),
    DemoComplaint(
        70,
        ("acknowledged", "withdrawn"),
        "Ik ben het niet eens met het advies om eerst naar het buurthuis te gaan.",
        conclusion="Klager heeft de klacht op 12 dagen na ontvangst telefonisch ingetrokken "
        "na een goed gesprek met de medewerker.",
        decided_after=12,
    ),
    DemoComplaint(
        200,
        ("acknowledged", "in_handling", "decided"),
        "Het duurde vier maanden voordat er een beschikking kwam.",
        channel=ComplaintChannel.LETTER,
        outcome="partly_well_founded",
        conclusion="Deels gegrond: de wachttijd was te lang; de uitleg aan het gezin was wel "
        "volledig.",
        decided_after=48,
        link_case=True,
    ),
    DemoComplaint(
        300,
        ("acknowledged", "decided"),
        "Bij een gesprek in 2023 werd ik niet serieus genomen.",
        outcome="not_handled",
        conclusion="Niet in behandeling genomen: het gesprek was meer dan een jaar voor de "
        "klacht (Awb 9:8). Wel een gesprek aangeboden.",
        decided_after=10,
        incident_days_before=500,
    ),
)

WENT_WELL = (
    "Ik voelde me gehoord.",
    "De jeugdwerker was snel bereikbaar.",
    "Fijn dat er met mijn zoon zelf werd gepraat.",
    "Duidelijke afspraken over wie wat doet.",
    "Ze kwamen bij ons thuis, dat maakte het makkelijker.",
    "",
    "",
)
COULD_BE_BETTER = (
    "Het duurde lang voordat er iemand belde.",
    "Ik had liever één vaste persoon gehad.",
    "Meer uitleg over wat de volgende stap is.",
    "De wachttijd voor de hulp was te lang.",
    "",
    "",
    "",
)
# Marks 1..10, weighted to how families tend to answer (mostly 6 to 9).
SCORE_WEIGHTS = (1, 1, 2, 3, 5, 10, 18, 22, 14, 8)
ANSWERS_PER_TEAM_PER_MONTH = 3
UNANSWERED_SHARE = 0.2
SURVEY_MONTHS = 12


class DemoQuality:
    def __init__(self, rng: random.Random, today: date):
        self.rng = rng
        self.today = today
        self.ctx = AuditContext.system(name="seed_demo")

    def run(self) -> dict:
        partners = self._partners()
        complaints = self._complaints()
        answers = self._surveys()
        return {"partners": partners, "complaints": complaints, "answers": answers}

    # --- Partners ---------------------------------------------------------------------

    def _partners(self) -> int:
        created = 0
        districts = list(District.objects.order_by("pk"))
        administrator = User.objects.filter(groups__name=Role.ADMINISTRATOR).first()
        schools, gps = iter(SCHOOL_NAMES), iter(GP_NAMES)
        for index, district in enumerate(districts):
            staff = self._eligible(district)
            lead = self._lead(district) or administrator
            kinds = [PartnerKind.SCHOOL] * SCHOOLS_PER_DISTRICT
            kinds += [PartnerKind.GP_PRACTICE] * GPS_PER_DISTRICT
            for number, kind in enumerate(kinds):
                names = schools if kind == PartnerKind.SCHOOL else gps
                name = next(names, f"{kind} {district.code} {number}")
                started = self.rng.randint(60, 900)
                street = self.rng.choice(STREETS)
                if Partner.objects.filter(name=name).exists():
                    continue
                partner = Partner.objects.create(
                    kind=kind,
                    name=name,
                    district=district,
                    code=self._code(kind, index * 10 + number),
                    address=f"{street} {number + 1}",
                )
                created += 1
                uncovered = (
                    district.code == UNDER_TARGET_DISTRICT
                    and kind == PartnerKind.GP_PRACTICE
                    and number >= len(kinds) - UNCOVERED_GPS
                )
                if uncovered or not staff or lead is None:
                    continue
                contact = staff[number % len(staff)]
                if index == 0 and number == 0 and len(staff) > 1:
                    # A school whose fixed contact changed: the history shows both.
                    self._assign(partner, staff[-1], started + 400, lead)
                self._assign(partner, contact, started, lead)
        return created

    def _assign(self, partner: Partner, staff: User, days_ago: int, lead: User) -> None:
        partner.refresh_from_db()
        assign_fixed_contact(
            self.ctx,
            partner,
            staff,
            starts_on=self.today - timedelta(days=days_ago),
            actor=lead,
            expected_version=partner.version,
        )

    @staticmethod
    def _code(kind: str, number: int) -> str:
        if kind == PartnerKind.SCHOOL:
            return f"{10 + number:02d}Z{chr(ord('A') + number % 26)}"
        return f"0105{9000 + number:04d}"

    def _eligible(self, district: District) -> list[User]:
        members = (
            User.objects.filter(team__district=district, is_active=True)
            .filter(Q(groups__name=Role.CASE_WORKER))
            .prefetch_related("certificates")
            .distinct()
            .order_by("username")
        )
        return [user for user in members if youth_case_verdict(user, self.today).allowed]

    @staticmethod
    def _lead(district: District) -> User | None:
        return User.objects.filter(team__district=district, groups__name=Role.TEAM_LEAD).first()

    # --- Complaints -----------------------------------------------------------------

    def _complaints(self) -> int:
        officer = User.objects.filter(groups__name=Role.COMPLAINTS_OFFICER).first()
        cases = list(
            Case.objects.exclude(status=CaseStatus.REGISTERED)
            .order_by("team__district__code", "reference")
            .values_list("pk", flat=True)
        )
        draws = [(self.rng.choice(SURNAMES_SHORT), self.rng.randint(1, 250)) for _ in COMPLAINTS]
        picks = [self.rng.randrange(len(cases)) if cases else None for _ in COMPLAINTS]
        if Complaint.objects.exists() or officer is None:
            return 0
        for demo, (surname, house), pick in zip(COMPLAINTS, draws, picks, strict=True):
            self._complaint(
                demo, surname, house, officer, cases[pick] if pick is not None else None
            )
        return len(COMPLAINTS)

    def _complaint(self, demo: DemoComplaint, surname, house, officer, case_pk) -> None:
        received = self.today - timedelta(days=demo.days_ago)
        online = demo.channel == ComplaintChannel.ONLINE
        complaint = quality.file_complaint(
            self.ctx,
            quality.ComplaintInput(
                complainant_name=surname,
                description=demo.description,
                received_on=received,
                channel=demo.channel,
                relation="child",
                postcode="8011AB",
                house_number=str(house),
                phone="06 12345678",
                incident_on=received - timedelta(days=demo.incident_days_before)
                if demo.incident_days_before
                else None,
            ),
            filed_by=None if online else officer,
            now=at(received, 10),
        )
        if demo.link_case and case_pk is not None:
            case = Case.objects.get(pk=case_pk)
            complaint = quality.link_complaint_to_case(
                self.ctx,
                complaint,
                case.reference,
                actor=officer,
                expected_version=complaint.version,
                now=at(received + timedelta(days=1), 9),
            )
        step_days = {"acknowledged": 1, "in_handling": 3}
        for target in demo.path:
            day = received + timedelta(days=step_days.get(target, demo.decided_after))
            complaint = quality.move_complaint(
                self.ctx,
                complaint,
                target,
                actor=officer,
                roles={Role.COMPLAINTS_OFFICER},
                note=demo.conclusion if target in ("decided", "withdrawn") else "",
                outcome=demo.outcome if target == "decided" else "",
                expected_version=complaint.version,
                now=at(day, 14),
            )
        if demo.extension_weeks:
            quality.extend_complaint(
                self.ctx,
                complaint,
                weeks=demo.extension_weeks,
                reason="Het verslag moet met de medewerker en de aanbieder worden "
                "nagelopen; de klager is gevraagd om een gesprek.",
                informed_on=received + timedelta(days=34),
                actor=officer,
                expected_version=complaint.version,
                now=at(received + timedelta(days=35), 11),
            )

    # --- The survey --------------------------------------------------------------------

    def _surveys(self) -> int:
        by_team: dict[int, list[Case]] = {}
        fitting = (CaseStatus.IN_PROGRESS, CaseStatus.CLOSING, CaseStatus.CLOSED)
        for case in Case.objects.filter(status__in=fitting).order_by("reference"):
            by_team.setdefault(case.team_id, []).append(case)
        plan = []
        for team_id in sorted(by_team):
            for month_back in range(SURVEY_MONTHS):
                for _ in range(ANSWERS_PER_TEAM_PER_MONTH):
                    plan.append(
                        (
                            team_id,
                            month_back,
                            self.rng.randint(0, 27),
                            self.rng.randrange(1000),
                            self.rng.choices(range(1, 11), weights=SCORE_WEIGHTS)[0],
                            self.rng.choice(WENT_WELL),
                            self.rng.choice(COULD_BE_BETTER),
                            self.rng.random() < UNANSWERED_SHARE,
                        )
                    )
        if SurveyInvitation.objects.exists():
            return 0
        answered = 0
        for team_id, month_back, day, pick, score, well, better, unanswered in plan:
            cases = by_team[team_id]
            case = cases[pick % len(cases)]
            first = add_months(self.today.replace(day=1), -month_back)
            answered_on = min(first + timedelta(days=day), self.today)
            occasion = "evaluation" if case.status == CaseStatus.IN_PROGRESS else "closure"
            created = quality.invite_to_survey(
                case,
                occasion,
                case.worker,
                ctx=self.ctx,
                now=at(answered_on - timedelta(days=3), 15),
            )
            if unanswered:
                continue
            quality.answer_survey(
                created.token,
                score=score,
                went_well=well,
                could_be_better=better,
                now=at(answered_on, 20),
            )
            answered += 1
        return answered


SURNAMES_SHORT = (
    "M. de Vries",
    "F. Yılmaz",
    "J. Bakker",
    "S. El Idrissi",
    "P. Visser",
    "A. Smit",
    "R. Hoekstra",
    "N. Meijer",
    "K. de Jong",
    "L. Bos",
)
