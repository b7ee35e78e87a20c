"""Demo cases for `seed_demo`: help questions over the last two years, in every channel.

Everything goes through the case services (register, triage, assign, contact moments,
status changes), so the cases are consistent and audited like real ones. Three steps:

1. `_slots`: which household gets which cases (about 70% one, some two, and in the demo
   team a waiting list and open cases for the demo case worker);
2. `_deal_channels`: channels in realistic shares (about one in eight direct via GP or
   medical specialist), every channel at least once when there are enough cases;
3. `_sketch`: per case the help question, urgency, triage and a timeline of dates;
   then `CaseWriter` replays the sketches, oldest registration first.

All randomness comes from one stream (`random.Random(f"{seed}-cases")`) that draws the
same numbers whatever is already in the database; households that already have a case
are skipped, so a second run creates nothing.
"""

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation

from wijkteam.accounts.models import User
from wijkteam.accounts.queries import youth_case_verdict
from wijkteam.accounts.roles import Role
from wijkteam.audit.log import AuditContext
from wijkteam.cases import services
from wijkteam.cases.models import (
    DIRECT_REFERRAL_CHANNELS,
    OPEN_STATUSES,
    Case,
    CaseStatus,
    Channel,
    ContactKind,
    Intake,
    ReferrerType,
    TriageOutcome,
    Urgency,
)
from wijkteam.cases.rules import add_working_days
from wijkteam.people.models import Household, MemberRole, Membership, Resident
from wijkteam.people.rules import age_on

from .demo_texts import (
    ADVICE_NOTES,
    CASE_TRIAGE_NOTES,
    CHANNEL_GROUP,
    CHILD_NOT_SPOKEN_NOTES,
    CHILD_SPOKEN_NOTES,
    CLOSED_REASONS,
    CLOSING_REASONS,
    COMMUNITY_NOTES,
    FIRST_OTHER_NOTES,
    FIRST_VISIT_NOTES,
    FOLLOW_UP_KINDS,
    FOLLOW_UP_NOTES,
    HELP_QUESTIONS,
    IN_PROGRESS_REASONS,
    NETWORK,
    PRIMARY_SCHOOLS,
    REFERRER_TYPE,
    REFERRERS,
    SCHOOL_STAFF,
    SECONDARY_SCHOOLS,
    SUPPORT_WHILE_WAITING_NOTES,
    THEME_FOLLOW_UPS,
    TOO_YOUNG_NOTE,
    HelpQuestion,
)

DEMO_TEAM_DISTRICT = "binnenstad"
DEMO_WORKER = "jeugdwerker"
HISTORY_DAYS = 730  # cases over the last two years

SHARE_WITH_CASE = 0.70
SHARE_WITH_TWO_CASES = 0.25  # of the households with a case
SHARE_ADVICE_OR_COMMUNITY = 0.15

# Percentages per channel; GP + medical specialist = 12.5% (DOMAIN §3.1: one in eight).
CHANNEL_WEIGHTS = {
    Channel.ONLINE: 19.0,
    Channel.PHONE: 18.0,
    Channel.SCHOOL: 16.0,
    Channel.WALK_IN: 8.0,
    Channel.EMAIL: 8.0,
    Channel.GP: 9.0,
    Channel.SPECIALIST: 3.5,
    Channel.VEILIG_THUIS: 6.0,
    Channel.CERTIFIED_INSTITUTION: 5.0,
    Channel.OTHER: 7.5,
}

# The demo team's waiting list: (days ago, urgency, triaged yet, support while waiting).
# Any prefix of two or more mixes urgencies and has cases past their response norm.
WAITING = (
    (10, Urgency.REGULAR, True, True),
    (2, Urgency.URGENT, False, False),
    (6, Urgency.URGENT, True, False),
    (4, Urgency.REGULAR, False, False),
    (16, Urgency.REGULAR, True, False),
    (23, Urgency.REGULAR, True, False),
)
MAX_WAITING = len(WAITING)
MAX_MINE = 5

FEMALE_NAMES = frozenset(
    [
        "Emma",
        "Julia",
        "Mila",
        "Tess",
        "Zoë",
        "Sara",
        "Yara",
        "Nora",
        "Lotte",
        "Fenna",
        "Anouk",
        "Eva",
        "Iris",
        "Amira",
    ]
)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def working_day_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def after(moment: datetime, day: date, rng: random.Random) -> datetime:
    """A moment during office hours on `day`, but at least half an hour after `moment`."""
    candidate = at(day, rng.randint(9, 16), rng.choice((0, 15, 30, 45)))
    return max(candidate, moment + timedelta(minutes=30))


def words(child: Resident, prefix: str = "") -> dict[str, str]:
    """Name and Dutch pronouns for a child, for the text templates."""
    female = child.given_names in FEMALE_NAMES
    return {
        f"{prefix}name": child.given_names,
        f"{prefix}kind": "dochter" if female else "zoon",
        f"{prefix}hij": "zij" if female else "hij",
        f"{prefix}Hij": "Zij" if female else "Hij",
        f"{prefix}zijn": "haar" if female else "zijn",
        f"{prefix}Zijn": "Haar" if female else "Zijn",
        f"{prefix}hem": "haar" if female else "hem",
    }


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def weighted(rng: random.Random, options):
    """One choice from (value, weight) pairs."""
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


# --- The plan ------------------------------------------------------------------------


@dataclass
class Family:
    household: Household
    parents: list[Resident]
    children: list[Resident]
    is_demo_team: bool
    has_cases: bool

    def children_born_by(self, day: date) -> list[Resident]:
        """Children old enough on `day` for a help question about them."""
        return [c for c in self.children if c.birth_date <= day - timedelta(days=30)]


@dataclass
class Slot:
    """One case to make: for which family, in which role, with its own random seed."""

    family: Family
    role: str  # "history" (closed before the next), "regular", "waiting", "mine", "overdue"
    seed: int
    earliest: date
    latest: date
    waiting: tuple | None = None
    channel: str = ""


@dataclass
class PlannedContact:
    on: date
    kind: str
    note: str
    present: list[Resident]
    spoken: list[Resident]


@dataclass
class Sketch:
    """Everything needed to replay one case through the services."""

    slot: Slot
    intake: services.IntakeInput
    expertise: str
    urgency: str
    outcome: str
    triage_note: str
    registered_at: datetime
    triaged_at: datetime | None = None
    support: tuple[date, str] | None = None
    assigned_at: datetime | None = None
    contacts: list[PlannedContact] = field(default_factory=list)
    statuses: list[tuple[datetime, str, str]] = field(default_factory=list)
    closed_on: date | None = None
    worker_draw: float = 0.0

    @property
    def stays_open(self) -> bool:
        return self.closed_on is None


def load_families(households: list[Household]) -> list[Family]:
    """The households with their members, in two queries."""
    ids = [h.pk for h in households]
    with_members = Household.objects.filter(pk__in=ids).select_related("district__team")
    with_members = with_members.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("resident").order_by("resident__bsn"),
        )
    )
    by_id = {h.pk: h for h in with_members}
    with_cases = set(
        Case.objects.filter(household_id__in=ids).values_list("household_id", flat=True)
    )
    families = []
    for household in households:
        loaded = by_id[household.pk]
        members = list(loaded.memberships.all())
        families.append(
            Family(
                household=loaded,
                parents=[m.resident for m in members if m.role == MemberRole.PARENT],
                children=sorted(
                    (m.resident for m in members if m.role == MemberRole.CHILD),
                    key=lambda r: r.birth_date,
                ),
                is_demo_team=loaded.district.code == DEMO_TEAM_DISTRICT,
                has_cases=loaded.pk in with_cases,
            )
        )
    return families


def demo_team_sizes(count: int) -> tuple[int, int]:
    """How many waiting-list cases and open cases for the demo worker, for `count`
    demo-team families (each family has at most one open case)."""
    if count == 0:
        return 0, 0
    waiting = min(MAX_WAITING, (count + 1) // 2)
    rest = count - waiting
    mine = min(MAX_MINE, max(1, rest * 3 // 4)) if rest else 0
    return waiting, mine


# --- Generation ----------------------------------------------------------------------


class DemoCases:
    """Plans and writes the demo cases for a list of seeded households."""

    def __init__(self, rng: random.Random, today: date, households: list[Household]):
        self.rng = rng
        self.today = today
        self.households = households

    def run(self) -> dict:
        families = load_families(self.households)
        slots = self._slots(families)
        self._deal_channels(slots)
        sketches = self._sketches(slots)
        todo = [s for s in sketches if not s.slot.family.has_cases]
        writer = CaseWriter(self.today)
        with translation.override(settings.LANGUAGE_CODE):  # stored texts: in Dutch
            for sketch in sorted(todo, key=lambda s: (s.registered_at, s.slot.seed)):
                writer.write(sketch)
        return summary(len(todo))

    # Step 1: slots. The same draws per family, whatever the database holds.
    def _slots(self, families: list[Family]) -> list[Slot]:
        rng, today = self.rng, self.today
        draws = [
            (rng.random(), rng.random(), rng.getrandbits(32), rng.getrandbits(32)) for _ in families
        ]
        roles = self._demo_team_roles(families)
        waiting = iter(WAITING)
        slots = []
        for family, (has_case, two, seed, history_seed) in zip(families, draws, strict=True):
            role = roles.get(family.household.pk)
            if role is None and has_case >= SHARE_WITH_CASE:
                continue
            oldest = family.children[0].birth_date if family.children else today
            start = max(today - timedelta(days=HISTORY_DAYS), oldest + timedelta(days=30))
            history_end = today - timedelta(days=500)  # closed well before the next case
            if two < SHARE_WITH_TWO_CASES and start <= history_end:
                slots.append(Slot(family, "history", history_seed, start, history_end))
            slot = Slot(family, role or "regular", seed, start, today - timedelta(days=3))
            if role == "waiting":
                slot.waiting = next(waiting)
            slots.append(slot)
        return slots

    def _demo_team_roles(self, families: list[Family]) -> dict[int, str]:
        """In the demo team: families on the waiting list and families of the demo case
        worker (the first of them with an overdue first contact)."""
        candidates = [
            family.household.pk
            for family in families
            if family.is_demo_team and family.children_born_by(self.today - timedelta(days=30))
        ]
        n_waiting, n_mine = demo_team_sizes(len(candidates))
        chosen = self.rng.sample(candidates, n_waiting + n_mine)
        roles = dict.fromkeys(chosen[:n_waiting], "waiting")
        roles |= dict.fromkeys(chosen[n_waiting:], "mine")
        if n_mine:
            roles[chosen[n_waiting]] = "overdue"
        return roles

    # Step 2: channels in the planned shares, each at least once when there are enough.
    def _deal_channels(self, slots: list[Slot]) -> None:
        deck = channel_deck(len(slots))
        self.rng.shuffle(deck)
        for slot, channel in zip(slots, deck, strict=True):
            slot.channel = channel

    # Step 3: sketches; a family's later case starts after its earlier one closed.
    def _sketches(self, slots: list[Slot]) -> list[Sketch]:
        sketches = []
        previous: Sketch | None = None
        for slot in slots:
            rng = random.Random(slot.seed)
            if previous and previous.slot.family is slot.family and previous.closed_on:
                slot.earliest = previous.closed_on + timedelta(days=rng.randint(20, 120))
            sketch = CaseSketcher(rng, self.today, slot).sketch()
            sketches.append(sketch)
            previous = sketch
        return sketches


def channel_deck(count: int) -> list[str]:
    """`count` channels in the planned shares (largest remainder); with at least as many
    cases as channels, every channel appears."""
    total = sum(CHANNEL_WEIGHTS.values())
    exact = {channel: count * weight / total for channel, weight in CHANNEL_WEIGHTS.items()}
    minimum = 1 if count >= len(CHANNEL_WEIGHTS) else 0
    numbers = {channel: max(minimum, int(share)) for channel, share in exact.items()}
    by_remainder = sorted(exact, key=lambda c: (-(exact[c] - int(exact[c])), list(exact).index(c)))
    while sum(numbers.values()) < count:
        for channel in by_remainder:
            if sum(numbers.values()) < count:
                numbers[channel] += 1
    while sum(numbers.values()) > count:  # only when minimums pushed it over
        largest = max(numbers, key=lambda c: (numbers[c], -list(numbers).index(c)))
        numbers[largest] -= 1
    return [channel for channel, number in numbers.items() for _ in range(number)]


class CaseSketcher:
    """One case's question, triage and timeline, from the slot's own random stream."""

    def __init__(self, rng: random.Random, today: date, slot: Slot):
        self.rng, self.today, self.slot = rng, today, slot
        self.family = slot.family

    def sketch(self) -> Sketch:
        rng, slot = self.rng, self.slot
        registered_on = self._registered_on()
        question, subjects = self._question(registered_on)
        urgency = self._urgency(question)
        registered_at = at(registered_on, *self._registration_time())
        sketch = Sketch(
            slot=slot,
            intake=self._intake(question, subjects, urgency, registered_on),
            expertise=question.expertise,
            urgency=self._triaged_urgency(urgency),
            outcome=self._outcome(),
            triage_note="",
            registered_at=registered_at,
            worker_draw=rng.random(),
        )
        sketch.triage_note = self._triage_note(sketch.outcome)
        if slot.role == "waiting":
            self._waiting_timeline(sketch)
        else:
            self._timeline(sketch, subjects)
        return sketch

    def _registered_on(self) -> date:
        slot, rng, today = self.slot, self.rng, self.today
        if slot.role == "waiting":
            days = max(1, slot.waiting[0] + rng.randint(-1, 1))
            return working_day_on_or_before(today - timedelta(days=days))
        if slot.role == "overdue":
            return working_day_on_or_before(today - timedelta(days=rng.randint(10, 13)))
        earliest, latest = slot.earliest, slot.latest
        if slot.role == "mine":
            earliest = max(earliest, today - timedelta(days=140))
            latest = today - timedelta(days=20)
        span = max((latest - earliest).days, 0)
        return working_day_on_or_before(earliest + timedelta(days=rng.randint(0, span)))

    def _registration_time(self) -> tuple[int, int]:
        """Online and e-mail also outside office hours; the rest during them."""
        rng = self.rng
        if self.slot.channel in (Channel.ONLINE, Channel.EMAIL) and rng.random() < 0.35:
            return rng.choice((7, 19, 20, 21, 22)), rng.randint(0, 59)
        return rng.randint(8, 16), rng.randint(0, 59)

    def _question(self, on: date) -> tuple[HelpQuestion, list[Resident]]:
        born = self.family.children_born_by(on) or self.family.children[:1]
        group = CHANNEL_GROUP.get(self.slot.channel, "general")
        options = self._fitting(group, born, on) or self._fitting("general", born, on)
        question, fitting = self.rng.choice(options)
        subjects = born if question.family_wide else [self.rng.choice(fitting)]
        return question, subjects

    def _fitting(self, group: str, born: list[Resident], on: date):
        options = []
        n_parents = len(self.family.parents)
        for question in HELP_QUESTIONS:
            if group not in question.groups or n_parents not in question.parents:
                continue
            if question.family_wide:
                options.append((question, born))
                continue
            fitting = [
                c for c in born if question.min_age <= age_on(c.birth_date, on) <= question.max_age
            ]
            if question.needs_younger_sibling:
                fitting = [c for c in fitting if any(o.birth_date > c.birth_date for o in born)]
            if fitting:
                options.append((question, fitting))
        return options

    def _urgency(self, question: HelpQuestion) -> str:
        if self.slot.waiting:
            return self.slot.waiting[1]
        if self.slot.role in ("mine", "overdue"):
            return weighted(self.rng, ((Urgency.REGULAR, 3), (Urgency.URGENT, 1)))
        if "safety" in question.groups:
            weights = ((Urgency.REGULAR, 40), (Urgency.URGENT, 50), (Urgency.CRISIS, 10))
        else:
            weights = ((Urgency.REGULAR, 76), (Urgency.URGENT, 20), (Urgency.CRISIS, 4))
        return weighted(self.rng, weights)

    def _triaged_urgency(self, reported: str) -> str:
        """Triage mostly agrees with the reported urgency; sometimes one step lighter."""
        draw = self.rng.random()
        if self.slot.role in ("waiting", "mine", "overdue") or draw >= 0.1:
            return reported
        return {Urgency.CRISIS: Urgency.URGENT}.get(reported, Urgency.REGULAR)

    def _outcome(self) -> str:
        draw = self.rng.random()
        if self.slot.role != "regular" and self.slot.role != "history":
            return TriageOutcome.CASE
        if draw < SHARE_ADVICE_OR_COMMUNITY / 2:
            return TriageOutcome.ADVICE
        if draw < SHARE_ADVICE_OR_COMMUNITY:
            return TriageOutcome.COMMUNITY
        return TriageOutcome.CASE

    def _triage_note(self, outcome: str) -> str:
        notes = {
            TriageOutcome.ADVICE: ADVICE_NOTES,
            TriageOutcome.COMMUNITY: COMMUNITY_NOTES,
        }.get(outcome, CASE_TRIAGE_NOTES)
        return self.rng.choice(notes)

    # The registration itself.
    def _intake(self, question, subjects, urgency, on: date) -> services.IntakeInput:
        family, rng = self.family, self.rng
        subject_ids = {s.pk for s in subjects}
        members = [(p, MemberRole.PARENT) for p in family.parents] + [
            (c, MemberRole.CHILD) for c in family.children_born_by(on) or subjects
        ]
        persons = [
            services.PersonInput(
                given_names=r.given_names,
                surname=r.surname,
                surname_prefix=r.surname_prefix,
                birth_date=r.birth_date,
                bsn=r.bsn or "",
                role=role,
                has_parental_authority=role == MemberRole.PARENT,
                is_subject=r.pk in subject_ids,
            )
            for r, role in members
        ]
        words_for = words(subjects[0])
        younger = [c for c in family.children_born_by(on) if c.birth_date > subjects[0].birth_date]
        if younger:
            words_for |= words(younger[-1], "sib_")
            words_for["sib_kind"] = "zusje" if words_for["sib_hij"] == "zij" else "broertje"
        words_for["age"] = str(age_on(subjects[0].birth_date, on))
        parent = family.parents[0] if family.parents else subjects[0]
        data = services.IntakeInput(
            channel=self.slot.channel,
            help_question=question.text.format(**words_for),
            urgency=urgency,
            postcode=parent.postcode,
            house_number=parent.house_number,
            persons=persons,
            **self._referrer(subjects, on),
        )
        if self.slot.channel in (Channel.ONLINE, Channel.EMAIL):
            data.email = (
                f"{ascii_slug(parent.given_names)}.{ascii_slug(parent.surname)}@mail.example"
            )
        if self.slot.channel in (Channel.PHONE, Channel.WALK_IN, Channel.ONLINE):
            data.phone = f"06-0{rng.randint(1_000_000, 9_999_999)}"  # 06-0…: never issued
        if data.referrer_organisation and rng.random() < 0.6:
            data.consents = [
                services.ConsentInput(
                    information="De hulpvraag en wat de verwijzer over het gezin weet",
                    shared_with=data.referrer_organisation,
                    given_by=parent.full_name,
                    given_on=on,
                )
            ]
        return data

    def _referrer(self, subjects, on: date) -> dict:
        rng, channel = self.rng, self.slot.channel
        if channel == Channel.SCHOOL:
            primary = age_on(subjects[0].birth_date, on) < 12
            school, contact = rng.choice(PRIMARY_SCHOOLS if primary else SECONDARY_SCHOOLS)
            function = "intern begeleider" if primary else "zorgcoördinator"
            return {
                "referrer_type": ReferrerType.SCHOOL,
                "referrer_organisation": school,
                "referrer_name": f"{rng.choice(SCHOOL_STAFF)}, {function}",
                "referrer_contact": contact,
            }
        if channel in REFERRERS:
            organisation, name, contact = rng.choice(REFERRERS[channel])
            return {
                "referrer_type": REFERRER_TYPE[channel],
                "referrer_organisation": organisation,
                "referrer_name": name,
                "referrer_contact": contact,
            }
        if channel == Channel.PHONE and rng.random() < 0.2:
            return {"referrer_type": ReferrerType.NETWORK, "referrer_name": rng.choice(NETWORK)}
        return {"referrer_type": ReferrerType.SELF}

    # Timelines.
    def _waiting_timeline(self, sketch: Sketch) -> None:
        """Registered recently, perhaps triaged, no worker yet."""
        _days, _urgency, triaged, support = self.slot.waiting
        if not triaged:
            return
        registered_on = sketch.registered_at.date()
        triage_day = min(add_working_days(registered_on, 1), self.today - timedelta(days=1))
        sketch.triaged_at = after(sketch.registered_at, triage_day, self.rng)
        if support:
            given_on = triage_day + timedelta(days=self.rng.randint(1, 3))
            given_on = min(given_on, self.today - timedelta(days=1))
            sketch.support = (given_on, self.rng.choice(SUPPORT_WHILE_WAITING_NOTES))

    def _timeline(self, sketch: Sketch, subjects: list[Resident]) -> None:
        """Triage, assignment, contacts and status changes; everything on or after today
        is left out, so recent cases are still open. At most about 330 days in all."""
        rng, role = self.rng, self.slot.role
        quick = role in ("mine", "overdue")  # recent cases the demo worker already has
        registered_on = sketch.registered_at.date()
        if sketch.urgency == Urgency.CRISIS:
            triage_day = registered_on
        elif sketch.urgency == Urgency.URGENT or quick:
            triage_day = add_working_days(registered_on, rng.randint(0, 1))
        else:
            triage_day = add_working_days(registered_on, rng.randint(1, 4))
        if not self._past(triage_day):
            return
        sketch.triaged_at = after(sketch.registered_at, triage_day, rng)
        if sketch.outcome != TriageOutcome.CASE:
            sketch.closed_on = triage_day
            return

        if sketch.urgency == Urgency.CRISIS:
            assign_day = triage_day
        elif rng.random() < 0.8 or quick:
            assign_day = add_working_days(triage_day, rng.randint(0, 1 if quick else 2))
        else:  # waited on the waiting list
            assign_day = add_working_days(triage_day + timedelta(days=rng.randint(5, 20)), 0)
        if not self._past(assign_day):
            return
        sketch.assigned_at = after(sketch.triaged_at, assign_day, rng)
        if role == "overdue":
            return

        first_day = self._first_contact_day(sketch.urgency, registered_on, assign_day)
        if not self._past(first_day):
            return
        sketch.contacts.append(self._first_contact(first_day, subjects))
        in_progress = first_day + timedelta(days=rng.randint(10, 35))
        closing = in_progress + timedelta(days=rng.randint(45, 200))
        closed = closing + timedelta(days=rng.randint(7, 28))
        if role == "mine":
            closing = closed = self.today + timedelta(days=365)  # stays open
        day = first_day
        for _ in range(rng.randint(1, 4)):
            day += timedelta(days=rng.randint(10, 35))
            if day >= closed or not self._past(day):
                break
            theme = None if len(sketch.contacts) > 1 else THEME_FOLLOW_UPS[sketch.expertise]
            sketch.contacts.append(self._follow_up(add_working_days(day, 0), subjects, theme))
        for day, status, reasons in (
            (in_progress, CaseStatus.IN_PROGRESS, IN_PROGRESS_REASONS),
            (closing, CaseStatus.CLOSING, CLOSING_REASONS),
            (closed, CaseStatus.CLOSED, CLOSED_REASONS),
        ):
            if not self._past(day):
                break
            sketch.statuses.append((at(day, rng.randint(9, 16)), status, rng.choice(reasons)))
            if status == CaseStatus.CLOSED:
                sketch.closed_on = day

    def _past(self, day: date) -> bool:
        return day < self.today

    def _first_contact_day(self, urgency: str, registered_on: date, assign_day: date) -> date:
        """A home visit within a week for most; some late."""
        rng = self.rng
        if urgency == Urgency.CRISIS:
            return assign_day
        if urgency == Urgency.URGENT:
            return add_working_days(assign_day, rng.randint(0, 2))
        if rng.random() < 0.82:
            target = registered_on + timedelta(days=rng.randint(2, 7))
            return add_working_days(max(target, assign_day), 0)
        return add_working_days(assign_day + timedelta(days=rng.randint(8, 25)), 0)

    def _first_contact(self, day: date, subjects: list[Resident]) -> PlannedContact:
        rng = self.rng
        kind = weighted(
            rng,
            (
                (ContactKind.HOME_VISIT, 80),
                (ContactKind.PHONE, 8),
                (ContactKind.OFFICE, 6),
                (ContactKind.SCHOOL, 6),
            ),
        )
        parent = self._parent_name()
        if kind != ContactKind.HOME_VISIT:
            present = self._present(kind, subjects)
            note = FIRST_OTHER_NOTES[kind].format(parent=parent)
            return PlannedContact(day, kind, note, present, [])
        note = rng.choice(FIRST_VISIT_NOTES).format(parent=parent)
        spoken = []
        for child in subjects[:2]:
            if age_on(child.birth_date, day) < 4:
                note += TOO_YOUNG_NOTE.format(parent=parent, **words(child))
            elif rng.random() < 0.7:
                spoken.append(child)
                note += rng.choice(CHILD_SPOKEN_NOTES).format(**words(child))
            else:
                note += rng.choice(CHILD_NOT_SPOKEN_NOTES).format(**words(child))
        return PlannedContact(day, kind, note, self.family.parents + subjects, spoken)

    def _follow_up(self, day: date, subjects: list[Resident], theme) -> PlannedContact:
        rng = self.rng
        kind = weighted(rng, FOLLOW_UP_KINDS)
        template = rng.choice(FOLLOW_UP_NOTES[kind])
        if theme:
            kind, template = theme
        note = template.format(parent=self._parent_name(), **words(subjects[0]))
        present = self._present(kind, subjects)
        spoken = [
            c
            for c in present
            if c in subjects and age_on(c.birth_date, day) >= 4 and rng.random() < 0.6
        ]
        return PlannedContact(day, kind, note, present, spoken)

    def _present(self, kind: str, subjects: list[Resident]) -> list[Resident]:
        parents = self.family.parents[:1] if kind != ContactKind.HOME_VISIT else self.family.parents
        if kind in (ContactKind.HOME_VISIT, ContactKind.SCHOOL):
            return parents + subjects
        return parents

    def _parent_name(self) -> str:
        parents = self.family.parents
        return parents[0].given_names if parents else "de ouder"


# --- Writing through the services ----------------------------------------------------


@dataclass
class TeamStaff:
    lead: User
    lead_roles: list[str]
    workers: list[User]


class CaseWriter:
    """Replays sketches through the case services, as the seed_demo system user."""

    def __init__(self, today: date):
        self.ctx = AuditContext.system(name="seed_demo")
        self.today = today
        self.teams: dict[int, TeamStaff] = {}
        self.demo_worker = User.objects.filter(username=DEMO_WORKER).first()

    def write(self, sketch: Sketch) -> Case:
        ctx = self.ctx
        staff = self._staff(sketch.slot.family.household.district.team.pk)
        registered_by = None if sketch.slot.channel == Channel.ONLINE else staff.lead
        intake = services.register_intake(
            ctx, sketch.intake, registered_by=registered_by, now=sketch.registered_at
        )
        case = intake.case
        if sketch.triaged_at:
            case = services.record_triage(
                ctx,
                case,
                urgency=sketch.urgency,
                outcome=sketch.outcome,
                note=sketch.triage_note,
                actor=staff.lead,
                roles=staff.lead_roles,
                expected_version=case.version,
                now=sketch.triaged_at,
            )
        if sketch.support:
            self._support(case, staff.lead, *sketch.support)
        if not sketch.assigned_at:
            return case
        worker, reason = self._worker(sketch, staff)
        if worker is None:  # nobody with a VOG then: the case stays on the waiting list
            return case
        case = services.assign_worker(
            ctx,
            case,
            worker,
            reason=reason,
            actor=staff.lead,
            expected_version=case.version,
            now=sketch.assigned_at,
        )
        for contact in sketch.contacts:
            self._contact(case, worker, contact)
        for moment, status, reason in sketch.statuses:
            case = services.change_status(
                ctx,
                case,
                status,
                actor=worker,
                roles=[Role.CASE_WORKER],
                reason=reason,
                expected_version=case.version,
                now=moment,
            )
        return case

    def _staff(self, team_id: int) -> TeamStaff:
        if team_id not in self.teams:
            members = (
                User.objects.filter(team_id=team_id, is_active=True)
                .prefetch_related("groups", "certificates", "expertise")
                .order_by("username")
            )
            workers, leads = [], []
            for user in members:
                groups = {g.name for g in user.groups.all()}
                if Role.CASE_WORKER in groups:
                    workers.append(user)
                if Role.TEAM_LEAD in groups:
                    leads.append(user)
            if leads:
                self.teams[team_id] = TeamStaff(leads[0], [Role.TEAM_LEAD], workers)
            else:
                self.teams[team_id] = TeamStaff(workers[0], [Role.CASE_WORKER], workers)
        return self.teams[team_id]

    def _worker(self, sketch: Sketch, staff: TeamStaff) -> tuple[User | None, str]:
        """A worker with a current VOG on the day of assignment (and today, for a case that
        stays open), preferring matching expertise. The demo worker gets exactly the
        open cases planned for them."""
        day = timezone.localdate(sketch.assigned_at)
        role = sketch.slot.role
        if role in ("mine", "overdue") and self._may_take(self.demo_worker, day):
            return self.demo_worker, "Eerste toewijzing: past in de caseload."
        pool = [w for w in staff.workers if self._may_take(w, day)]
        if sketch.stays_open:
            pool = [
                w for w in pool if w != self.demo_worker and self._may_take(w, self.today)
            ] or pool
        if not pool:
            return None, ""
        matches = [w for w in pool if sketch.expertise in {t.code for t in w.expertise.all()}]
        draw = sketch.worker_draw
        if matches and draw < 0.7:
            worker = matches[int(draw / 0.7 * len(matches))]
            tag = next(t for t in worker.expertise.all() if t.code == sketch.expertise)
            return worker, f"Eerste toewijzing: expertise {tag.name.lower()} past bij de vraag."
        worker = pool[int(draw * len(pool)) % len(pool)]
        return worker, "Eerste toewijzing: past in de caseload."

    @staticmethod
    def _may_take(worker: User | None, day: date) -> bool:
        return worker is not None and youth_case_verdict(worker, day).allowed

    def _support(self, case: Case, actor: User, given_on: date, description: str) -> None:
        services.record_support_while_waiting(
            self.ctx,
            case,
            given_on=given_on,
            description=description,
            actor=actor,
            now=at(given_on, 11),
        )

    def _contact(self, case: Case, worker: User, contact: PlannedContact) -> None:
        services.record_contact_moment(
            self.ctx,
            case,
            occurred_on=contact.on,
            kind=contact.kind,
            note=contact.note,
            actor=worker,
            present=contact.present,
            children_spoken_to=contact.spoken,
            now=at(contact.on, 17, 30),  # recorded that evening, so the timeline reads in order
        )


# --- Summary -------------------------------------------------------------------------


def summary(created: int) -> dict:
    cases = Case.objects.all()
    total = cases.count()
    open_count = cases.filter(status__in=OPEN_STATUSES).count()
    intakes = Intake.objects.count()
    direct = Intake.objects.filter(channel__in=DIRECT_REFERRAL_CHANNELS).count()
    waiting = cases.filter(
        team__district__code=DEMO_TEAM_DISTRICT, worker__isnull=True, status__in=OPEN_STATUSES
    ).count()
    mine = cases.filter(worker__username=DEMO_WORKER, status__in=OPEN_STATUSES).count()
    return {
        "created": created,
        "total": total,
        "open": open_count,
        "closed": total - open_count,
        "direct_share": direct / intakes if intakes else 0.0,
        "waiting": waiting,
        "mine": mine,
    }
