"""Volume data for measuring scale: many households and cases, written in bulk.

Three parts, kept small:

* `ensure_organisation` reuses the demo districts and teams (or creates five) and adds
  25 case workers with a current VOG and a team lead per team, and an analyst;
* `VolumeBuilder` is pure: from a random stream it builds plain row tuples for a chunk
  of households (residents, memberships, cases, intakes, events, assignments, contact
  moments with presences, audit entries; a support plan with goals and actions for each
  case that reached support; and what the dashboard counts: the weighing of
  each triaged case, a decision for customised care, survey answers at closure), with ids
  it allocates itself. Each case lives through its steps (`plan_lifecycle`) up to today,
  so its status follows from its age; names come from a large Zipf-distributed pool
  (`volume_names`); `ensure_catalogue` adds providers with a product per profile;
* `BulkWriter` writes those rows: PostgreSQL COPY (psycopg 3) when the connection is
  PostgreSQL, `bulk_create` in batches elsewhere. Never one ORM save per row.

References use their own prefixes (VT- for cases, VA- for registrations) with a number
that continues after existing volume data, so they never collide with the WT/AM
references the ReferenceCounter hands out. BSNs are generated arithmetically from
100000000 upward (valid under the 11-check), well below the 9999… demo test range.
"""

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.db.models.functions import Right

from wijkteam.accounts.models import CertificateOfConduct, District, Team, User
from wijkteam.accounts.roles import Role, sync_role_groups
from wijkteam.allocation.models import Decision, DecisionStatus, InterventionLevel, Weighing
from wijkteam.audit.models import AuditAction, AuditEntry, AuditPurpose
from wijkteam.cases.models import (
    Case,
    CaseEvent,
    CaseStatus,
    Channel,
    ContactKind,
    ContactMoment,
    ContactPresence,
    EventKind,
    Intake,
    ReferrerType,
    TriageOutcome,
    Urgency,
    WorkerAssignment,
)
from wijkteam.core.rules import add_months
from wijkteam.people.models import Household, MemberRole, Membership, PostcodeArea, Resident
from wijkteam.people.rules import BSN_WEIGHTS, TEST_BSN_RANGE
from wijkteam.plans.models import Action, ActionBy, Goal, GoalPriority, PlanStatus, SupportPlan
from wijkteam.providers.models import ContractedProduct, Profile, Provider
from wijkteam.quality.models import SurveyResponse

from .volume_names import NamePicker

CASE_PREFIX = "VT"
INTAKE_PREFIX = "VA"
REFERENCE_DIGITS = 8
BSN_START = 100_000_000
WORKERS_PER_TEAM = 25  # a large wijkteam; 40 open cases each at 100,000 cases
YEARS = 10
STAFF_PREFIX = "volume"

FALLBACK_DISTRICTS = (
    ("binnenstad", "Binnenstad", "8011"),
    ("noorderhaven", "Noorderhaven", "8021"),
    ("oosterenk", "Oosterenk", "8031"),
    ("zuiderveld", "Zuiderveld", "8041"),
    ("westerkwartier", "Westerkwartier", "8051"),
)

# Shares per 200 cases. GP + medical specialist = 25/200 = 12.5% (DOMAIN §3.1: about
# one in eight cases arrives by direct GP or specialist referral).
CHANNEL_SHARES = {
    Channel.ONLINE: 38,
    Channel.PHONE: 36,
    Channel.SCHOOL: 32,
    Channel.WALK_IN: 16,
    Channel.EMAIL: 16,
    Channel.GP: 18,
    Channel.SPECIALIST: 7,
    Channel.VEILIG_THUIS: 12,
    Channel.CERTIFIED_INSTITUTION: 10,
    Channel.OTHER: 15,
}
# How long each step of a case takes (uniform between the bounds). A case's status is
# the step it has reached by now, so the shares follow from these and the ten years: about
# 5% of the cases are open (those of the last months), about 0.3% wait for a worker.
HOUR, DAY = timedelta(hours=1), timedelta(days=1)
STEP_DURATIONS = {
    "to_triage": (2 * HOUR, 3 * DAY),  # registered → triage starts
    "triage": (HOUR, 7 * DAY),  # triage → its outcome
    "waiting": (4 * HOUR, 14 * DAY),  # outcome "open a case" → a worker is assigned
    "clarification": (14 * DAY, 60 * DAY),  # → in progress
    "in_progress": (30 * DAY, 330 * DAY),  # → closing
    "closing": (7 * DAY, 30 * DAY),  # → closed
}
CLOSED_AT_TRIAGE_SHARE = 0.25  # advice or a community offer, no case opened
FLOW = (
    CaseStatus.REGISTERED,
    CaseStatus.TRIAGE,
    CaseStatus.CLARIFICATION,
    CaseStatus.IN_PROGRESS,
    CaseStatus.CLOSING,
    CaseStatus.CLOSED,
)
REFERRER = {
    Channel.ONLINE: ReferrerType.SELF,
    Channel.PHONE: ReferrerType.SELF,
    Channel.WALK_IN: ReferrerType.SELF,
    Channel.EMAIL: ReferrerType.NETWORK,
    Channel.SCHOOL: ReferrerType.SCHOOL,
    Channel.GP: ReferrerType.GP,
    Channel.SPECIALIST: ReferrerType.SPECIALIST,
    Channel.VEILIG_THUIS: ReferrerType.VEILIG_THUIS,
    Channel.CERTIFIED_INSTITUTION: ReferrerType.CERTIFIED_INSTITUTION,
    Channel.OTHER: ReferrerType.OTHER_PROFESSIONAL,
}
ORGANISATION = {
    ReferrerType.SCHOOL: "Basisschool De Regenboog",
    ReferrerType.GP: "Huisartsenpraktijk Centrum",
    ReferrerType.SPECIALIST: "Ziekenhuis Voorbeeldstad, kindergeneeskunde",
    ReferrerType.VEILIG_THUIS: "Veilig Thuis regio",
    ReferrerType.CERTIFIED_INSTITUTION: "Jeugdbescherming regio",
    ReferrerType.OTHER_PROFESSIONAL: "Maatschappelijk werk",
}
QUESTIONS = (
    "Onze zoon slaapt slecht en is op school snel boos. We weten niet meer wat we moeten doen.",
    "Sinds de scheiding gaat het thuis niet goed; de kinderen zitten ertussen.",
    "We hebben schulden en de post blijft liggen. De kinderen merken de spanning.",
    "Onze dochter gaat al weken niet naar school en zit veel op haar kamer.",
    "Ik ben alleen met drie kinderen en het wordt me te veel.",
    "School maakt zich zorgen over het gedrag van onze zoon in de klas.",
    "De huisarts denkt dat een gesprek met het wijkteam ons kan helpen.",
)
CONTACT_NOTES = (
    "Kennismaking; hulpvraag samen scherp gemaakt.",
    "Voortgang besproken; afspraken uit het plan lopen.",
    "Gesprek met school en ouders over de aanpak in de klas.",
    "Telefonisch contact; volgende afspraak gepland.",
)
CONTACT_KINDS = tuple(ContactKind.values)
# The support plan of a case that reached support: what the family works on, one or two
# goals in their words, each with one action (who does what).
PLAN_SUMMARIES = (
    "Rust in huis en de kinderen weer elke dag naar school.",
    "Grip op geld en de post; minder spanning thuis.",
    "Ouders vinden samen een lijn in de opvoeding na de scheiding.",
)
PLAN_GOALS = (
    ("Ons kind gaat weer elke dag naar school.", "Een maand zonder verzuim."),
    ("We hebben overzicht over de rekeningen.", "Elke week samen de post open."),
    ("De ochtenden gaan rustig, zonder ruzie.", "Vier van de vijf ochtenden op tijd weg."),
    ("We maken samen afspraken over de kinderen.", "Een ouderschapsplan dat beide ouders tekenen."),
)
PLAN_ACTIONS = (
    ("Gesprek met school over een rustig begin van de dag.", ActionBy.TEAM),
    ("Elke zondag de week samen doornemen.", ActionBy.FAMILY),
    ("Oma haalt de kinderen op woensdag op.", ActionBy.NETWORK),
    ("Aanmelden bij de schuldhulp van de gemeente.", ActionBy.COMMUNITY),
)
URGENCIES = (Urgency.REGULAR,) * 8 + (Urgency.URGENT,) * 3 + (Urgency.CRISIS,)
# What the dashboard counts. The weighing of a case past triage (per 20): the team's own
# support, a community offer, customised youth care; one in twelve weighings records what
# was asked for but not granted.
WORKED_LEVELS = (
    (InterventionLevel.OWN_SUPPORT,) * 10
    + (InterventionLevel.COMMUNITY,) * 3
    + (InterventionLevel.CUSTOMISED_CARE,) * 7
)
NOT_GRANTED = (
    ("normal_growing_up", ""),
    ("own_means", ""),
    ("community", ""),
    ("other_law", "wlz"),
)
NOT_GRANTED_SHARE = 1 / 12
INTENSITIES = ("light",) * 7 + ("medium",) * 10 + ("heavy",) * 3  # licht of midden, tenzij
COST_PER_MONTH = {"light": 450, "medium": 1100, "heavy": 3600}  # euro, roughly
SURVEY_SHARE = 0.35  # of the cases closed after casework, the family answered the survey
SCORES = (4, 5, 6, 6, 7, 7, 7, 8, 8, 8, 8, 9, 9, 10)
PROVIDERS = 24

RESIDENT_FIELDS = (
    "id",
    "bsn",
    "bsn_missing_reason",
    "given_names",
    "surname_prefix",
    "surname",
    "birth_date",
    "postcode",
    "house_number",
    "district_id",
    "phone",
    "email",
    "version",
)
HOUSEHOLD_FIELDS = ("id", "name", "district_id", "created_at", "version")
MEMBERSHIP_FIELDS = ("household_id", "resident_id", "role", "has_parental_authority")
CASE_FIELDS = (
    "id",
    "reference",
    "household_id",
    "team_id",
    "status",
    "urgency",
    "triage_outcome",
    "triage_note",
    "worker_id",
    "registered_at",
    "triaged_at",
    "first_contact_on",
    "closed_at",
    "version",
)
SUBJECT_FIELDS = ("case_id", "resident_id")
INTAKE_FIELDS = (
    "id",
    "reference",
    "case_id",
    "channel",
    "referrer_type",
    "referrer_organisation",
    "referrer_name",
    "referrer_contact",
    "help_question",
    "urgency",
    "submitted_at",
    "registered_by_id",
    "contact_phone",
    "contact_email",
    "linked_to_existing",
)
EVENT_FIELDS = ("case_id", "occurred_at", "kind", "actor_id", "from_status", "to_status", "text")
ASSIGNMENT_FIELDS = ("case_id", "worker_id", "assigned_by_id", "assigned_at", "reason", "ended_at")
CONTACT_FIELDS = ("id", "case_id", "occurred_on", "kind", "worker_id", "note", "recorded_at")
PRESENCE_FIELDS = ("contact_id", "resident_id", "child_spoken_to")
WEIGHING_FIELDS = (
    "case_id",
    "intake_id",
    "decided_on",
    "level",
    "reason",
    "not_granted",
    "not_granted_reason",
    "other_law",
    "not_granted_explanation",
    "recorded_by_id",
    "recorded_at",
)
DECISION_FIELDS = (
    "reference",
    "case_id",
    "youth_id",
    "product_id",
    "category",
    "product_code",
    "unit",
    "intensity",
    "heavy_reason",
    "start_date",
    "end_date",
    "frequency",
    "motivation",
    "life_changing",
    "crisis",
    "crisis_reason",
    "status",
    "cost",
    "created_by_id",
    "created_at",
    "cosign_note",
    "issued_by_id",
    "issued_at",
    "change_reason",
    "closing_note",
    "version",
)
PLAN_FIELDS = (
    "id",
    "household_id",
    "case_id",
    "status",
    "summary",
    "coordinator_id",
    "process_coordination",
    "process_coordination_by",
    "content_coordination",
    "content_coordination_by",
    "court_measure",
    "created_at",
    "created_by_id",
    "closed_at",
    "version",
)
GOAL_FIELDS = (
    "id",
    "plan_id",
    "person_id",
    "life_domain_id",
    "result",
    "indicator",
    "priority",
    "order",
    "created_at",
)
ACTION_FIELDS = ("plan_id", "goal_id", "description", "by", "who", "due_on", "created_at")
SURVEY_FIELDS = ("team_id", "occasion", "month", "score", "went_well", "could_be_better")
AUDIT_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_username",
    "action",
    "object_type",
    "object_id",
    "purpose",
    "client_address",
    "request_id",
    "detail",
)

# Insert order: every table after the tables it refers to.
TABLES = (
    (Resident, RESIDENT_FIELDS),
    (Household, HOUSEHOLD_FIELDS),
    (Membership, MEMBERSHIP_FIELDS),
    (Case, CASE_FIELDS),
    (Case.subjects.through, SUBJECT_FIELDS),
    (Intake, INTAKE_FIELDS),
    (CaseEvent, EVENT_FIELDS),
    (WorkerAssignment, ASSIGNMENT_FIELDS),
    (ContactMoment, CONTACT_FIELDS),
    (ContactPresence, PRESENCE_FIELDS),
    (Weighing, WEIGHING_FIELDS),
    (Decision, DECISION_FIELDS),
    (SupportPlan, PLAN_FIELDS),
    (Goal, GOAL_FIELDS),
    (Action, ACTION_FIELDS),
    (SurveyResponse, SURVEY_FIELDS),
    (AuditEntry, AUDIT_FIELDS),
)
# Models whose ids the builder assigns (other rows refer to them).
ID_MODELS = (Resident, Household, Case, Intake, ContactMoment, SupportPlan, Goal)

DETAIL_CREATE_CASE = json.dumps({"fields": ["household", "urgency"]})
DETAIL_CREATE_INTAKE = json.dumps({"fields": ["channel", "help_question"]})
DETAIL_STATUS = json.dumps({"fields": ["status"]})
DETAIL_WORKER = json.dumps({"fields": ["status", "worker"]})
DETAIL_NAME = json.dumps({"fields": ["district", "name"]})
DETAIL_CREATE_PLAN = json.dumps({"fields": ["summary"]})


# --- BSNs ------------------------------------------------------------------------------


def valid_bsns(start: int):
    """Every 11-check-valid BSN from `start` upward, in order, computed arithmetically:
    for an eight-digit prefix the check digit is its weighted sum mod 11 (valid if < 10),
    and the sum grows by 2 (the eighth weight) with each step of the prefix's last digit."""
    prefix = start // 10
    while True:
        block = prefix - prefix % 10
        digits = f"{block:08d}"
        base = sum(int(d) * w for d, w in zip(digits, BSN_WEIGHTS[:8], strict=True))
        for last in range(10):
            check = (base + 2 * last) % 11
            number = (block + last) * 10 + check
            if check < 10 and number >= start and block + last > 0:
                yield f"{number:09d}"
        prefix = block + 10


# --- Organisation ------------------------------------------------------------------------


@dataclass
class TeamStaff:
    team_id: int
    district_id: int
    postcode_area: str
    lead: tuple[int, str]
    workers: list[tuple[int, str]]


def ensure_organisation(today: date) -> list[TeamStaff]:
    """Reuse districts with a team (the demo's), else create five; add volume staff."""
    if not Team.objects.exists():
        for code, name, area in FALLBACK_DISTRICTS:
            district, _ = District.objects.get_or_create(code=code, defaults={"name": name})
            Team.objects.get_or_create(district=district, defaults={"name": f"Wijkteam {name}"})
            PostcodeArea.objects.get_or_create(area=area, defaults={"district": district})
    if not Group.objects.filter(name=Role.CASE_WORKER).exists():
        sync_role_groups()
    groups = {g.name: g for g in Group.objects.filter(name__in=[Role.CASE_WORKER, Role.TEAM_LEAD])}
    password = make_password(None)  # unusable: volume staff sign in only for the benchmark
    _ensure_analyst(password)
    teams = list(Team.objects.select_related("district").order_by("district__code"))
    areas = dict(PostcodeArea.objects.order_by("-area").values_list("district_id", "area"))
    result = []
    for index, team in enumerate(teams):
        code = team.district.code
        wanted = [f"{STAFF_PREFIX}.{code}.lead"] + [
            f"{STAFF_PREFIX}.{code}.{n}" for n in range(1, WORKERS_PER_TEAM + 1)
        ]
        existing = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
        new = [
            User(
                username=name,
                password=password,
                first_name="Volume",
                last_name=name.rsplit(".", 1)[1],
                team=team,
                email=f"{name}@voorbeeldstad.example",
            )
            for name in wanted
            if name not in existing
        ]
        if new:
            User.objects.bulk_create(new)
            users = {u.username: u for u in User.objects.filter(username__in=wanted)}
            lead = users[wanted[0]]
            through = User.groups.through
            through.objects.bulk_create(
                [
                    through(
                        user_id=users[u.username].pk,
                        group_id=groups[
                            Role.TEAM_LEAD if u.username == wanted[0] else Role.CASE_WORKER
                        ].pk,
                    )
                    for u in new
                ]
            )
            CertificateOfConduct.objects.bulk_create(
                [
                    CertificateOfConduct(
                        user_id=users[u.username].pk,
                        issued_on=today - timedelta(days=60),
                        checked_by=lead,
                        checked_on=today - timedelta(days=60),
                    )
                    for u in new
                ]
            )
        users = dict(User.objects.filter(username__in=wanted).values_list("username", "pk"))
        result.append(
            TeamStaff(
                team_id=team.pk,
                district_id=team.district_id,
                postcode_area=areas.get(team.district_id, str(8011 + 10 * index)),
                lead=(users[wanted[0]], wanted[0]),
                workers=[(users[name], name) for name in wanted[1:]],
            )
        )
    return result


def _ensure_analyst(password: str) -> None:
    """One policy analyst (no team): the figures and the council's dashboard."""
    analyst, created = User.objects.get_or_create(
        username=f"{STAFF_PREFIX}.analyst",
        defaults={"password": password, "first_name": "Volume", "last_name": "analyst"},
    )
    if created:
        analyst.groups.add(Group.objects.get(name=Role.ANALYST))


def ensure_catalogue() -> list[tuple]:
    """Providers (AGB codes 9000000n, not a real range) with one product per profile, so
    decisions have a provider and a profile; reused when there. Returns the products as
    (id, category, product code, unit, intensity)."""
    profiles = list(Profile.objects.order_by("kind", "intensity"))
    for n in range(1, PROVIDERS + 1):
        provider, created = Provider.objects.get_or_create(
            agb_code=f"9{n:07d}", defaults={"name": f"Volume-aanbieder {n:02d}"}
        )
        if created:
            ContractedProduct.objects.bulk_create(
                ContractedProduct(
                    provider=provider,
                    category="45",
                    product_code=f"V{n:02d}{profile.code}"[:5],
                    name=f"Jeugdhulp {profile.description or profile.code}",
                    profile=profile,
                    unit="4",
                )
                for profile in profiles
            )
    return list(
        ContractedProduct.objects.filter(provider__agb_code__startswith="9", profile__isnull=False)
        .order_by("pk")
        .values_list("pk", "category", "product_code", "unit", "profile__intensity")
    )


# --- Where to continue --------------------------------------------------------------------


@dataclass
class Start:
    """First free ids, reference number and BSN: volume data continues after what exists."""

    ids: dict
    reference: int
    bsn: int
    products: tuple = ()  # ensure_catalogue's products, for decisions
    life_domains: tuple = ()  # ids of the active life domains, for the plans' goals


def starting_point() -> Start:
    ids = {model: (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1 for model in ID_MODELS}
    last = Case.objects.filter(reference__startswith=f"{CASE_PREFIX}-").aggregate(
        m=Max(Right("reference", REFERENCE_DIGITS))
    )["m"]
    highest_bsn = Resident.objects.filter(
        bsn__gte=str(BSN_START), bsn__lt=str(TEST_BSN_RANGE[0] // 100 * 100)
    ).aggregate(m=Max("bsn"))["m"]
    return Start(
        ids=ids,
        reference=int(last) + 1 if last else 1,
        bsn=max(BSN_START, int(highest_bsn) + 1 if highest_bsn else 0),
    )


# --- Rows ----------------------------------------------------------------------------------


def deck(shares: dict) -> list:
    return [key for key, number in shares.items() for _ in range(number)]


@dataclass
class Chunk:
    rows: dict = field(default_factory=lambda: {model: [] for model, _ in TABLES})

    def count(self) -> int:
        return sum(len(r) for r in self.rows.values())


@dataclass(frozen=True)
class Lifecycle:
    """When each step of one case happened; a step after `now` has not happened (None)."""

    registered_at: datetime
    triage_at: datetime | None
    triaged_at: datetime | None
    closed_at_triage: bool
    assigned_at: datetime | None
    in_progress_at: datetime | None
    closing_at: datetime | None
    closed_at: datetime | None

    @property
    def status(self) -> str:
        if self.closed_at:
            return CaseStatus.CLOSED
        reached = (
            (self.closing_at, CaseStatus.CLOSING),
            (self.in_progress_at, CaseStatus.IN_PROGRESS),
            (self.triaged_at, CaseStatus.CLARIFICATION),
            (self.triage_at, CaseStatus.TRIAGE),
        )
        return next((status for moment, status in reached if moment), CaseStatus.REGISTERED)


def plan_lifecycle(rng: random.Random, registered_at: datetime, now: datetime) -> Lifecycle:
    """Draw the steps of a case registered at `registered_at`, as far as `now`."""

    def after(moment: datetime | None, step: str) -> datetime | None:
        if moment is None:
            return None
        low, high = STEP_DURATIONS[step]
        then = moment + low + (high - low) * rng.random()
        return then.replace(microsecond=0) if then <= now else None

    triage_at = after(registered_at, "to_triage")
    triaged_at = after(triage_at, "triage")
    at_triage = rng.random() < CLOSED_AT_TRIAGE_SHARE
    if at_triage:
        closed = triaged_at + HOUR if triaged_at and triaged_at + HOUR <= now else None
        return Lifecycle(registered_at, triage_at, triaged_at, True, None, None, None, closed)
    assigned_at = after(triaged_at, "waiting")
    in_progress_at = after(assigned_at, "clarification")
    closing_at = after(in_progress_at, "in_progress")
    closed_at = after(closing_at, "closing")
    return Lifecycle(
        registered_at,
        triage_at,
        triaged_at,
        False,
        assigned_at,
        in_progress_at,
        closing_at,
        closed_at,
    )


class VolumeBuilder:
    """Builds row tuples (in the *_FIELDS order) for chunks of households. Pure: it reads
    nothing from the database; all ids and numbers come from `start`."""

    def __init__(self, rng: random.Random, now: datetime, teams: list[TeamStaff], start: Start):
        self.rng = rng
        self.now = now
        self.teams = teams
        self.ids = dict(start.ids)
        self.reference = start.reference
        self.bsns = valid_bsns(start.bsn)
        self.names = NamePicker(rng)
        channels = deck(CHANNEL_SHARES)
        rng.shuffle(channels)
        self.channels = channels
        self.cases_built = 0
        self.households_built = 0
        self.span_seconds = YEARS * 365 * 86400
        self.life_domains = list(start.life_domains)
        self.open_plan = False  # the household being built has an open plan (one at most)
        self.products: dict[str, list[tuple]] = {}
        for product in start.products:
            self.products.setdefault(product[-1], []).append(product)

    def _id(self, model) -> int:
        value = self.ids[model]
        self.ids[model] = value + 1
        return value

    def chunk(self, cases: int) -> Chunk:
        """Households (about 1.25 cases each) until `cases` cases are built."""
        out = Chunk()
        built = 0
        while built < cases:
            wanted = min(cases - built, self._cases_per_household())
            built += self.household(out, wanted)
        return out

    def _cases_per_household(self) -> int:
        draw = self.rng.random()
        return 1 if draw < 0.8 else 2 if draw < 0.95 else 3

    def household(self, out: Chunk, n_cases: int) -> int:
        rng = self.rng
        team = self.teams[self.households_built % len(self.teams)]
        self.households_built += 1
        prefix, surname = self.names.surname()
        household_id = self._id(Household)
        postcode = (
            f"{team.postcode_area}{'ABCDEFGHJK'[rng.randrange(10)]}{'LMNPRSTV'[rng.randrange(8)]}"
        )
        house_number = str(rng.randint(1, 250))
        # 1 or 2 parents (1.65), 0-2 children (1.0): about 2.65 persons on average.
        n_parents = 1 if rng.random() < 0.35 else 2
        n_children = (0, 1, 1, 1, 1, 1, 1, 1, 1, 2)[rng.randrange(10)]
        registrations = sorted(self._registered_at() for _ in range(n_cases))
        self.open_plan = False
        first_registered = registrations[0]
        base_year = first_registered.year
        members = []  # (resident id, is child, birth year)
        rows = out.rows
        for index in range(n_parents + n_children):
            child = index >= n_parents
            age = rng.randint(0, 17) if child else rng.randint(24, 52)
            birth = date(base_year - age, 1 + rng.randrange(12), 1 + rng.randrange(28))
            resident_id = self._id(Resident)
            rows[Resident].append(
                (
                    resident_id,
                    next(self.bsns),
                    "",
                    self.names.given_name(),
                    prefix,
                    surname,
                    birth,
                    postcode,
                    house_number,
                    team.district_id,
                    "",
                    "",
                    1,
                )
            )
            rows[Membership].append(
                (
                    household_id,
                    resident_id,
                    MemberRole.CHILD if child else MemberRole.PARENT,
                    not child,
                )
            )
            members.append((resident_id, child))
        name = f"Familie {prefix} {surname}" if prefix else f"Familie {surname}"
        rows[Household].append((household_id, name, team.district_id, first_registered, 1))
        rows[AuditEntry].append(
            (
                first_registered,
                team.lead[0],
                team.lead[1],
                AuditAction.CREATE,
                "people.household",
                str(household_id),
                AuditPurpose.CASEWORK,
                None,
                "",
                DETAIL_NAME,
            )
        )
        for registered_at in registrations:
            self.case(
                out, team, household_id, members, plan_lifecycle(rng, registered_at, self.now)
            )
        return n_cases

    def _registered_at(self) -> datetime:
        """Anywhere in the last ten years, in office hours (UTC)."""
        moment = self.now - timedelta(seconds=3600 + self.rng.randrange(self.span_seconds))
        return moment.replace(hour=7 + moment.hour % 10)

    def case(self, out, team, household_id, members, life: Lifecycle) -> None:
        rng, rows = self.rng, out.rows
        index = self.cases_built
        self.cases_built += 1
        channel = self.channels[(index * 7 + 3) % len(self.channels)]
        case_id = self._id(Case)
        registered_at = life.registered_at
        year = registered_at.year
        number = self.reference
        self.reference += 1
        reference = f"{CASE_PREFIX}-{year}-{number:0{REFERENCE_DIGITS}d}"
        urgency = URGENCIES[rng.randrange(len(URGENCIES))]
        lead_id, lead_name = team.lead
        worker_id, worker_name = team.workers[rng.randrange(len(team.workers))]
        status = life.status

        children = [m[0] for m in members if m[1]]
        subjects = children[:1] if children and rng.random() < 0.8 else [m[0] for m in members[:2]]
        for resident_id in subjects:
            rows[Case.subjects.through].append((case_id, resident_id))

        events = rows[CaseEvent]

        def status_event(moment, source, target, actor=lead_id, text=""):
            events.append((case_id, moment, EventKind.STATUS, actor, source, target, text))

        events.append(
            (
                case_id,
                registered_at,
                EventKind.REGISTERED,
                None,
                "",
                CaseStatus.REGISTERED,
                "Aanmelding ontvangen.",
            )
        )
        changes = 0
        outcome, note = "", ""
        if life.triage_at:
            status_event(life.triage_at, CaseStatus.REGISTERED, CaseStatus.TRIAGE)
            changes += 1
        if life.triaged_at:
            if life.closed_at_triage:
                outcome = TriageOutcome.ADVICE if rng.random() < 0.5 else TriageOutcome.COMMUNITY
                note = "Informatie en advies gegeven; geen casus nodig."
            else:
                outcome, note = TriageOutcome.CASE, "Meerdere leefgebieden; casus openen."
            events.append((case_id, life.triaged_at, EventKind.TRIAGE, lead_id, "", "", note))
            if not life.closed_at_triage:
                status_event(life.triaged_at, CaseStatus.TRIAGE, CaseStatus.CLARIFICATION)
            changes += 1
        if life.closed_at_triage and life.closed_at:
            status_event(life.closed_at, CaseStatus.TRIAGE, CaseStatus.CLOSED, text=note)
            changes += 1
        worker = first_contact = None
        if life.assigned_at:
            worker = worker_id
            rows[WorkerAssignment].append(
                (
                    case_id,
                    worker_id,
                    lead_id,
                    life.assigned_at,
                    "Eerste toewijzing: past in de caseload.",
                    None,
                )
            )
            events.append(
                (case_id, life.assigned_at, EventKind.ASSIGNMENT, lead_id, "", "", worker_name)
            )
            changes += 1
            first_contact = self.contacts(out, case_id, life, worker_id, members)
            steps = (
                (life.in_progress_at, CaseStatus.CLARIFICATION, CaseStatus.IN_PROGRESS),
                (life.closing_at, CaseStatus.IN_PROGRESS, CaseStatus.CLOSING),
                (life.closed_at, CaseStatus.CLOSING, CaseStatus.CLOSED),
            )
            for moment, source, target in steps:
                if moment:
                    status_event(moment, source, target, actor=worker_id)
                    changes += 1

        rows[Case].append(
            (
                case_id,
                reference,
                household_id,
                team.team_id,
                status,
                urgency,
                outcome,
                note,
                worker,
                registered_at,
                life.triaged_at,
                first_contact,
                life.closed_at,
                1 + changes,
            )
        )
        referrer = REFERRER[channel]
        online = channel == Channel.ONLINE
        intake_id = self._id(Intake)
        rows[Intake].append(
            (
                intake_id,
                f"{INTAKE_PREFIX}-{year}-{number:0{REFERENCE_DIGITS}d}",
                case_id,
                channel,
                referrer,
                ORGANISATION.get(referrer, ""),
                "" if referrer in (ReferrerType.SELF, ReferrerType.NETWORK) else "J. de Verwijzer",
                "",
                QUESTIONS[rng.randrange(len(QUESTIONS))],
                urgency,
                registered_at,
                None if online else lead_id,
                "06-12345678",
                "",
                False,
            )
        )
        self.dashboard_rows(out, team, case_id, intake_id, life, outcome, children, members)
        if life.in_progress_at and self.life_domains and (life.closed_at or not self.open_plan):
            self.plan(out, household_id, case_id, life, worker_id, worker_name, children)
        actor = (None, "portal") if online else (lead_id, lead_name)
        audit = [
            (registered_at, *actor, AuditAction.CREATE, "cases.case", DETAIL_CREATE_CASE),
            (registered_at, *actor, AuditAction.CREATE, "cases.intake", DETAIL_CREATE_INTAKE),
        ]
        if life.assigned_at:
            audit.append(
                (
                    life.assigned_at,
                    lead_id,
                    lead_name,
                    AuditAction.UPDATE,
                    "cases.case",
                    DETAIL_WORKER,
                )
            )
            audit.append(
                (life.assigned_at, worker_id, worker_name, AuditAction.VIEW, "cases.case", "{}")
            )
        if life.closed_at:
            closer = (worker_id, worker_name) if worker else (lead_id, lead_name)
            audit.append((life.closed_at, *closer, AuditAction.UPDATE, "cases.case", DETAIL_STATUS))
        keys = {"cases.case": str(case_id), "cases.intake": str(intake_id)}
        rows[AuditEntry].extend(
            (
                moment,
                actor_id,
                name,
                action,
                kind,
                keys[kind],
                AuditPurpose.CASEWORK,
                None,
                "",
                detail,
            )
            for moment, actor_id, name, action, kind, detail in audit
        )

    def dashboard_rows(self, out, team, case_id, intake_id, life, outcome, children, members):
        """What the dashboard counts: the weighing at triage, a decision when customised
        care was chosen and help started, and a survey answer at some closures."""
        if not life.triaged_at:
            return
        rng, rows = self.rng, out.rows
        lead_id = team.lead[0]
        level = outcome if life.closed_at_triage else WORKED_LEVELS[rng.randrange(20)]
        reason, law = ("", "")
        if rng.random() < NOT_GRANTED_SHARE:
            reason, law = NOT_GRANTED[rng.randrange(len(NOT_GRANTED))]
        rows[Weighing].append(
            (
                case_id,
                intake_id,
                life.triaged_at.date(),
                level,
                "Afgewogen bij de triage.",
                "Verblijf buiten huis" if reason else "",
                reason,
                law,
                "Toegelicht aan het gezin." if reason else "",
                lead_id,
                life.triaged_at,
            )
        )
        intensity = INTENSITIES[rng.randrange(len(INTENSITIES))]
        products = self.products.get(intensity)
        if level == InterventionLevel.CUSTOMISED_CARE and life.in_progress_at and products:
            product_id, category, code, unit, _ = products[rng.randrange(len(products))]
            start = life.in_progress_at.date()
            months = 3 + rng.randrange(10)
            end = add_months(start, months) - DAY
            status = DecisionStatus.ENDED if end < self.now.date() else DecisionStatus.ISSUED
            worker_id = team.workers[case_id % len(team.workers)][0]
            number = self.reference - 1
            rows[Decision].append(
                (
                    f"VB-{start.year}-{number:0{REFERENCE_DIGITS}d}",
                    case_id,
                    children[0] if children else members[0][0],
                    product_id,
                    category,
                    code,
                    unit,
                    intensity,
                    "Meerdere leefgebieden ernstig." if intensity == "heavy" else "",
                    start,
                    end,
                    "",
                    "Eigen inzet en sociale basis waren niet genoeg.",
                    False,
                    False,
                    "",
                    status,
                    Decimal(COST_PER_MONTH[intensity] * months),
                    worker_id,
                    life.in_progress_at,
                    "",
                    worker_id,
                    life.in_progress_at,
                    "",
                    "",
                    1,
                )
            )
        if life.closed_at and not life.closed_at_triage and rng.random() < SURVEY_SHARE:
            month = life.closed_at.date().replace(day=1)
            score = SCORES[rng.randrange(len(SCORES))]
            rows[SurveyResponse].append((team.team_id, "closure", month, score, "", ""))

    def plan(self, out, household_id, case_id, life, worker_id, worker_name, children) -> None:
        """The support plan of a case in support: started when support started, by the
        worker who coordinates it; one or two goals with an action each; closed with the
        case. Not agreed (no versions), so a plan edit needs no agreement first."""
        rng, rows = self.rng, out.rows
        plan_id = self._id(SupportPlan)
        started = life.in_progress_at
        goals = 1 + rng.randrange(2)
        open_plan = life.closed_at is None
        self.open_plan = self.open_plan or open_plan
        rows[SupportPlan].append(
            (
                plan_id,
                household_id,
                case_id,
                PlanStatus.DRAFT if open_plan else PlanStatus.CLOSED,
                PLAN_SUMMARIES[rng.randrange(len(PLAN_SUMMARIES))],
                worker_id,
                "team",
                "",
                "team",
                "",
                False,
                started,
                worker_id,
                life.closed_at,
                1 + 2 * goals + (0 if open_plan else 1),  # each goal and action, the closure
            )
        )
        for index in range(goals):
            goal_id = self._id(Goal)
            result, indicator = PLAN_GOALS[rng.randrange(len(PLAN_GOALS))]
            rows[Goal].append(
                (
                    goal_id,
                    plan_id,
                    children[0] if children and index == 0 else None,
                    self.life_domains[rng.randrange(len(self.life_domains))],
                    result,
                    indicator,
                    GoalPriority.NOW if index == 0 else GoalPriority.NEXT,
                    index,
                    started,
                )
            )
            description, by = PLAN_ACTIONS[rng.randrange(len(PLAN_ACTIONS))]
            rows[Action].append(
                (
                    plan_id,
                    goal_id,
                    description,
                    by,
                    worker_name if by == ActionBy.TEAM else "Ouders",
                    (started + timedelta(days=30 + 14 * index)).date(),
                    started,
                )
            )
        rows[AuditEntry].append(
            (
                started,
                worker_id,
                worker_name,
                AuditAction.CREATE,
                "plans.supportplan",
                str(plan_id),
                AuditPurpose.CASEWORK,
                None,
                "",
                DETAIL_CREATE_PLAN,
            )
        )

    def contacts(self, out, case_id, life: Lifecycle, worker_id, members) -> date | None:
        """Contact moments with who was present, from the assignment until closing (or
        now); returns the date of the first, or None."""
        rng, rows = self.rng, out.rows
        end = life.closing_at or self.now
        # Still clarifying: a first contact, or not yet.
        count = 1 + rng.randrange(3) if life.in_progress_at else rng.randrange(2)
        first = None
        day = life.assigned_at
        span = (end - day) / (count + 1) if count else timedelta(0)
        for _ in range(count):
            day = min(day + span * (0.5 + rng.random()), end)
            contact_id = self._id(ContactMoment)
            first = first or day.date()
            rows[ContactMoment].append(
                (
                    contact_id,
                    case_id,
                    day.date(),
                    CONTACT_KINDS[rng.randrange(len(CONTACT_KINDS))],
                    worker_id,
                    CONTACT_NOTES[rng.randrange(len(CONTACT_NOTES))],
                    day,
                )
            )
            for resident_id, child in members[: 1 + rng.randrange(3)]:
                rows[ContactPresence].append(
                    (contact_id, resident_id, child and rng.random() < 0.6)
                )
        return first


# --- Writing -------------------------------------------------------------------------------


class BulkWriter:
    """Writes a chunk: COPY on PostgreSQL, bulk_create elsewhere; one transaction a chunk."""

    BATCH = 2000

    def __init__(self):
        self.copy = connection.vendor == "postgresql"
        self.written = 0

    def write(self, chunk: Chunk) -> int:
        with transaction.atomic():
            for model, fields in TABLES:
                rows = chunk.rows[model]
                if rows:
                    (self._copy if self.copy else self._bulk)(model, fields, rows)
        count = chunk.count()
        self.written += count
        return count

    @staticmethod
    def _copy(model, fields, rows) -> None:
        meta = model._meta
        quote = connection.ops.quote_name
        columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
        sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.copy(sql) as copy:
            write = copy.write_row
            for row in rows:
                write(row)

    def _bulk(self, model, fields, rows) -> None:
        json_fields = {i for i, name in enumerate(fields) if name == "detail"}
        objects = []
        for row in rows:
            values = dict(zip(fields, row, strict=True))
            for i in json_fields:
                values[fields[i]] = json.loads(row[i])
            objects.append(model(**values))
        model.objects.bulk_create(objects, batch_size=self.BATCH)

    @staticmethod
    def reset_sequences() -> None:
        """After explicit ids: move the id sequences past them (PostgreSQL)."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(ID_MODELS))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
