"""Volume data for measuring scale: many households and cases, written in bulk.

Three parts, kept small:

* `ensure_organisation` reuses the demo districts and teams (or creates five) and adds
  ten case workers with a current VOG and a team lead per team (a few dozen rows);
* `VolumeBuilder` is pure: from a random stream it builds plain row tuples for a chunk
  of households (residents, memberships, cases, intakes, events, assignments, contact
  moments with presences, audit entries), with ids it allocates itself;
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

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.db.models.functions import Right

from wijkteam.accounts.models import CertificateOfConduct, District, Team, User
from wijkteam.accounts.roles import Role, sync_role_groups
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
from wijkteam.people.models import Household, MemberRole, Membership, PostcodeArea, Resident
from wijkteam.people.rules import BSN_WEIGHTS, TEST_BSN_RANGE

from .sample_names import GIVEN_NAMES, SURNAMES

CASE_PREFIX = "VT"
INTAKE_PREFIX = "VA"
REFERENCE_DIGITS = 8
BSN_START = 100_000_000
WORKERS_PER_TEAM = 10
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
# Shares per 100 cases: 70% closed, the rest spread over the open statuses.
STATUS_SHARES = {
    CaseStatus.CLOSED: 70,
    CaseStatus.REGISTERED: 5,
    CaseStatus.TRIAGE: 5,
    CaseStatus.CLARIFICATION: 6,
    CaseStatus.IN_PROGRESS: 10,
    CaseStatus.CLOSING: 4,
}
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
URGENCIES = (Urgency.REGULAR,) * 8 + (Urgency.URGENT,) * 3 + (Urgency.CRISIS,)

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
    (AuditEntry, AUDIT_FIELDS),
)
# Models whose ids the builder assigns (other rows refer to them).
ID_MODELS = (Resident, Household, Case, Intake, ContactMoment)

DETAIL_CREATE_CASE = json.dumps({"fields": ["household", "urgency"]})
DETAIL_CREATE_INTAKE = json.dumps({"fields": ["channel", "help_question"]})
DETAIL_STATUS = json.dumps({"fields": ["status"]})
DETAIL_WORKER = json.dumps({"fields": ["status", "worker"]})
DETAIL_NAME = json.dumps({"fields": ["district", "name"]})


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
    password = make_password(None)  # unusable: volume staff never sign in
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


# --- Where to continue --------------------------------------------------------------------


@dataclass
class Start:
    """First free ids, reference number and BSN: volume data continues after what exists."""

    ids: dict
    reference: int
    bsn: int


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
        channels, statuses = deck(CHANNEL_SHARES), deck(STATUS_SHARES)
        rng.shuffle(channels)
        rng.shuffle(statuses)
        self.channels, self.statuses = channels, statuses
        self.cases_built = 0
        self.households_built = 0
        self.households_cases = 0
        self.span_seconds = YEARS * 365 * 86400

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
        prefix, surname = SURNAMES[rng.randrange(len(SURNAMES))]
        household_id = self._id(Household)
        postcode = (
            f"{team.postcode_area}{'ABCDEFGHJK'[rng.randrange(10)]}{'LMNPRSTV'[rng.randrange(8)]}"
        )
        house_number = str(rng.randint(1, 250))
        # 1 or 2 parents (1.65), 0-2 children (1.0): about 2.65 persons on average.
        n_parents = 1 if rng.random() < 0.35 else 2
        n_children = (0, 1, 1, 1, 1, 1, 1, 1, 1, 2)[rng.randrange(10)]
        statuses = [self._status_at(self.households_cases + k) for k in range(n_cases)]
        self.households_cases += n_cases
        planned = sorted((self._registered_at(status), status) for status in statuses)
        first_registered = planned[0][0]
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
                    GIVEN_NAMES[rng.randrange(len(GIVEN_NAMES))],
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
        for registered_at, status in planned:
            self.case(out, team, household_id, members, registered_at, status)
        return n_cases

    def _status_at(self, index: int) -> str:
        return self.statuses[index % len(self.statuses)]

    def _registered_at(self, status: str) -> datetime:
        rng = self.rng
        if status == CaseStatus.CLOSED:  # anywhere in ten years, at least a month ago
            back = 30 * 86400 + rng.randrange(self.span_seconds - 30 * 86400)
        else:  # open: registered in the last half year
            back = 3 * 86400 + rng.randrange(180 * 86400)
        moment = self.now - timedelta(seconds=back)
        return moment.replace(hour=7 + moment.hour % 10)  # office hours (UTC)

    def case(self, out, team, household_id, members, registered_at, status) -> None:
        rng, rows = self.rng, out.rows
        index = self.cases_built
        self.cases_built += 1
        channel = self.channels[(index * 7 + 3) % len(self.channels)]
        case_id = self._id(Case)
        year = registered_at.year
        number = self.reference
        self.reference += 1
        reference = f"{CASE_PREFIX}-{year}-{number:0{REFERENCE_DIGITS}d}"
        urgency = URGENCIES[rng.randrange(len(URGENCIES))]
        lead_id, lead_name = team.lead
        worker_id, worker_name = team.workers[rng.randrange(len(team.workers))]
        now = self.now

        children = [m[0] for m in members if m[1]]
        subjects = children[:1] if children and rng.random() < 0.8 else [m[0] for m in members[:2]]
        for resident_id in subjects:
            rows[Case.subjects.through].append((case_id, resident_id))

        # Timeline: triage, assignment, contacts, status steps, closure.
        closed_at_triage = status == CaseStatus.CLOSED and rng.random() < 0.25
        reached = FLOW.index(status)
        step = timedelta(
            days=1 + rng.randrange(3) if status != CaseStatus.CLOSED else 2 + rng.randrange(10)
        )
        events = rows[CaseEvent]
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
        triaged_at = assigned_at = closed_at = first_contact = None
        worker = None
        moment = registered_at
        outcome, note = "", ""
        if reached >= 1:
            moment = min(moment + step, now)
            events.append(
                (
                    case_id,
                    moment,
                    EventKind.STATUS,
                    lead_id,
                    CaseStatus.REGISTERED,
                    CaseStatus.TRIAGE,
                    "",
                )
            )
        if reached >= 2:
            moment = triaged_at = min(moment + step, now)
            if closed_at_triage:
                outcome = TriageOutcome.ADVICE if rng.random() < 0.5 else TriageOutcome.COMMUNITY
                note = "Informatie en advies gegeven; geen casus nodig."
            else:
                outcome, note = TriageOutcome.CASE, "Meerdere leefgebieden; casus openen."
            events.append((case_id, moment, EventKind.TRIAGE, lead_id, "", "", note))
        if reached >= 2 and not closed_at_triage:
            moment = assigned_at = min(moment + step, now)
            worker = worker_id
            rows[WorkerAssignment].append(
                (
                    case_id,
                    worker_id,
                    lead_id,
                    assigned_at,
                    "Eerste toewijzing: past in de caseload.",
                    None,
                )
            )
            events.append((case_id, moment, EventKind.ASSIGNMENT, lead_id, "", "", worker_name))
            events.append(
                (
                    case_id,
                    moment,
                    EventKind.STATUS,
                    lead_id,
                    CaseStatus.TRIAGE,
                    CaseStatus.CLARIFICATION,
                    "",
                )
            )
            contacts = 1 + rng.randrange(3) if reached >= 3 else rng.randrange(2)
            day = assigned_at
            for _ in range(contacts):
                day = min(day + step, now)
                contact_id = self._id(ContactMoment)
                if first_contact is None:
                    first_contact = day.date()
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
            moment = day
            for position in range(3, reached + 1):
                moment = min(moment + step * (6 if position == 4 else 1), now)
                events.append(
                    (
                        case_id,
                        moment,
                        EventKind.STATUS,
                        worker_id,
                        FLOW[position - 1],
                        FLOW[position],
                        "",
                    )
                )
            if status == CaseStatus.CLOSED:
                closed_at = moment
        elif closed_at_triage:
            moment = closed_at = min(moment + timedelta(hours=1), now)
            events.append(
                (
                    case_id,
                    moment,
                    EventKind.STATUS,
                    lead_id,
                    CaseStatus.TRIAGE,
                    CaseStatus.CLOSED,
                    note,
                )
            )

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
                triaged_at,
                first_contact,
                closed_at,
                reached + 1,
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
        audit = rows[AuditEntry]
        actor_id = None if online else lead_id
        actor_name = "portal" if online else lead_name
        case_key = str(case_id)
        audit.append(
            (
                registered_at,
                actor_id,
                actor_name,
                AuditAction.CREATE,
                "cases.case",
                case_key,
                AuditPurpose.CASEWORK,
                None,
                "",
                DETAIL_CREATE_CASE,
            )
        )
        audit.append(
            (
                registered_at,
                actor_id,
                actor_name,
                AuditAction.CREATE,
                "cases.intake",
                str(intake_id),
                AuditPurpose.CASEWORK,
                None,
                "",
                DETAIL_CREATE_INTAKE,
            )
        )
        if assigned_at:
            audit.append(
                (
                    assigned_at,
                    lead_id,
                    lead_name,
                    AuditAction.UPDATE,
                    "cases.case",
                    case_key,
                    AuditPurpose.CASEWORK,
                    None,
                    "",
                    DETAIL_WORKER,
                )
            )
            audit.append(
                (
                    assigned_at,
                    worker_id,
                    worker_name,
                    AuditAction.VIEW,
                    "cases.case",
                    case_key,
                    AuditPurpose.CASEWORK,
                    None,
                    "",
                    "{}",
                )
            )
        if closed_at:
            audit.append(
                (
                    closed_at,
                    worker_id if worker else lead_id,
                    worker_name if worker else lead_name,
                    AuditAction.UPDATE,
                    "cases.case",
                    case_key,
                    AuditPurpose.CASEWORK,
                    None,
                    "",
                    DETAIL_STATUS,
                )
            )


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
