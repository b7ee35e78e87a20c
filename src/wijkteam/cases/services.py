"""Every change to intake and cases: one function per use case, one transaction each,
audited in that transaction, lifecycle changes under a row lock with a version check."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from wijkteam.accounts.models import District, User
from wijkteam.accounts.services import ensure_may_receive_youth_case
from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.models import AuditAction
from wijkteam.core.concurrency import claim_next_version
from wijkteam.core.errors import RuleViolation
from wijkteam.core.rules import Reason, Verdict
from wijkteam.people.models import Household, MemberRole, Membership, PostcodeArea, Resident
from wijkteam.people.rules import age_on, district_for_postcode, normalise_bsn, normalise_postcode

from .models import (
    OPEN_STATUSES,
    AccessGrant,
    Case,
    CaseEvent,
    CaseStatus,
    Consent,
    ContactMoment,
    ContactPresence,
    EventKind,
    Intake,
    ReferenceCounter,
    SupportWhileWaiting,
    TriageOutcome,
    WorkerAssignment,
)
from .rules import status_after_triage, transition_verdict

YOUTH_AGE = 18


def refuse(code: str, message: str) -> RuleViolation:
    return RuleViolation(Verdict(False, (Reason(code, message),)))


def next_reference(prefix: str, year: int) -> str:
    """PREFIX-YEAR-000123, gap-free per prefix and year (row-locked counter)."""
    key = f"{prefix}-{year}"
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(key=key)
    ReferenceCounter.objects.filter(key=key).update(value=F("value") + 1)
    return f"{key}-{counter.value + 1:06d}"


# --- Registration --------------------------------------------------------------------


@dataclass
class PersonInput:
    given_names: str
    surname: str
    birth_date: date
    surname_prefix: str = ""
    bsn: str = ""
    bsn_missing_reason: str = ""
    role: str = MemberRole.CHILD
    has_parental_authority: bool = False
    is_subject: bool = False


@dataclass
class ConsentInput:
    information: str
    shared_with: str
    given_by: str
    given_on: date


@dataclass
class IntakeInput:
    channel: str
    help_question: str
    urgency: str
    postcode: str
    house_number: str
    persons: list[PersonInput]
    referrer_type: str = "self"
    referrer_organisation: str = ""
    referrer_name: str = ""
    referrer_contact: str = ""
    phone: str = ""
    email: str = ""
    consents: list[ConsentInput] = field(default_factory=list)
    themes: list = field(default_factory=list)  # QuestionTheme
    partner: object | None = None  # partners.Partner the question came through


def district_of(postcode: str) -> District:
    areas = dict(PostcodeArea.objects.values_list("area", "district_id"))
    district_id = district_for_postcode(postcode, areas)
    if district_id is None:
        raise refuse(
            "postcode_outside_municipality",
            _("This postcode does not belong to one of the municipality's districts."),
        )
    return District.objects.select_related("team").get(pk=district_id)


def find_known_resident(person: PersonInput, postcode: str) -> Resident | None:
    """Duplicate detection: the same BSN, or the same surname, birth date and postcode."""
    bsn = normalise_bsn(person.bsn) if person.bsn else ""
    if bsn:
        found = Resident.objects.filter(bsn=bsn).first()
        if found:
            return found
    return Resident.objects.filter(
        Q(surname__iexact=person.surname.strip()),
        birth_date=person.birth_date,
        postcode=normalise_postcode(postcode),
    ).first()


@transaction.atomic
def register_intake(
    ctx: AuditContext,
    data: IntakeInput,
    *,
    registered_by: User | None = None,
    now: datetime | None = None,
) -> Intake:
    """Register a help question from any channel.

    A registration for a known person links to their household, and to its open case if
    there is one, instead of creating a second file.
    """
    now = now or timezone.now()
    if not data.persons:
        raise refuse("no_person", _("Say who the help question is about."))
    if not any(person.is_subject for person in data.persons):
        raise refuse("no_subject", _("Mark at least one person the help question is about."))
    district = district_of(data.postcode)
    if not hasattr(district, "team"):
        raise refuse("district_without_team", _("This district has no team yet."))

    known = {index: find_known_resident(p, data.postcode) for index, p in enumerate(data.persons)}
    household = _household_of(known.values())
    linked = household is not None
    if household is None:
        main = data.persons[0]
        prefix = f"{main.surname_prefix} " if main.surname_prefix else ""
        name = _stored_text(gettext_noop("Family %(name)s")) % {
            "name": f"{prefix}{main.surname.strip()}"
        }
        household = Household.objects.create(name=name, district=district)
        log_change(ctx, household, AuditAction.CREATE, changed_fields=("name", "district"))

    residents = []
    for index, person in enumerate(data.persons):
        resident = known[index] or _create_resident(ctx, person, data, household.district)
        membership, created = Membership.objects.get_or_create(
            household=household,
            resident=resident,
            defaults={"role": person.role, "has_parental_authority": person.has_parental_authority},
        )
        if created:
            log_change(ctx, membership, AuditAction.CREATE, changed_fields=("role",))
        residents.append(resident)

    case = household.cases.filter(status__in=OPEN_STATUSES).order_by("-registered_at").first()
    if case is None:
        case = Case.objects.create(
            reference=next_reference("WT", now.year),
            household=household,
            team=household.district.team,
            urgency=data.urgency,
            registered_at=now,
        )
        log_change(ctx, case, AuditAction.CREATE, changed_fields=("household", "urgency"))
    case.subjects.add(*[r for r, p in zip(residents, data.persons, strict=True) if p.is_subject])

    intake = Intake.objects.create(
        reference=next_reference("AM", now.year),
        case=case,
        channel=data.channel,
        referrer_type=data.referrer_type,
        referrer_organisation=data.referrer_organisation,
        referrer_name=data.referrer_name,
        referrer_contact=data.referrer_contact,
        help_question=data.help_question,
        urgency=data.urgency,
        submitted_at=now,
        registered_by=registered_by,
        contact_phone=data.phone,
        contact_email=data.email,
        linked_to_existing=linked,
        partner=data.partner,
    )
    for consent in data.consents:
        Consent.objects.create(intake=intake, **consent.__dict__)
    changed = ["channel", "help_question"]
    if data.partner is not None:
        changed.append("partner")
    if data.themes:
        # The registration's themes are the case's too, until triage adjusts them.
        intake.themes.set(data.themes)
        case.themes.add(*data.themes)
        changed.append("themes")
        log_change(ctx, case, AuditAction.UPDATE, changed_fields=("themes",))
    log_change(ctx, intake, AuditAction.CREATE, changed_fields=tuple(changed))
    CaseEvent.objects.create(
        case=case,
        occurred_at=now,
        kind=EventKind.REGISTERED,
        actor=registered_by,
        text=_("Registration %(reference)s via %(channel)s.")
        % {"reference": intake.reference, "channel": intake.get_channel_display()},
    )
    return intake


def _stored_text(message: str) -> str:
    """Text stored as data is kept in the product's language, not the visitor's."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(message)


def _household_of(residents: Iterable[Resident | None]) -> Household | None:
    ids = [resident.pk for resident in residents if resident is not None]
    if not ids:
        return None
    membership = Membership.objects.filter(resident_id__in=ids).select_related("household").first()
    return membership.household if membership else None


def _create_resident(ctx, person: PersonInput, data: IntakeInput, district) -> Resident:
    bsn = normalise_bsn(person.bsn) if person.bsn else None
    resident = Resident.objects.create(
        bsn=bsn,
        bsn_missing_reason=""
        if bsn
        else (person.bsn_missing_reason or _stored_text(gettext_noop("not yet known"))),
        given_names=person.given_names.strip(),
        surname_prefix=person.surname_prefix.strip(),
        surname=person.surname.strip(),
        birth_date=person.birth_date,
        postcode=normalise_postcode(data.postcode),
        house_number=data.house_number.strip(),
        district=district,
        phone=data.phone if person.role != MemberRole.CHILD else "",
        email=data.email if person.role != MemberRole.CHILD else "",
    )
    log_change(ctx, resident, AuditAction.CREATE, changed_fields=("bsn", "given_names", "surname"))
    return resident


# --- Lifecycle -----------------------------------------------------------------------


@dataclass(frozen=True)
class CloseRequirement:
    """What another app requires before a case may close, and where to record it."""

    reason: Reason
    url: str = ""


# Other apps may require their own record before a case closes (the plans app: the
# closure of an open support plan, with its reason). A guard takes the case and returns a
# CloseRequirement, or None; guards register in their AppConfig.ready().
CloseGuard = Callable[[Case], CloseRequirement | None]
CLOSE_GUARDS: list[CloseGuard] = []


def register_close_guard(guard: CloseGuard) -> CloseGuard:
    if guard not in CLOSE_GUARDS:
        CLOSE_GUARDS.append(guard)
    return guard


def close_requirements(case: Case) -> list[CloseRequirement]:
    return [found for guard in CLOSE_GUARDS if (found := guard(case)) is not None]


def _locked(case: Case, expected_version: int | None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    claim_next_version(locked, expected_version if expected_version is not None else locked.version)
    return locked


def _move(ctx, case: Case, target: str, actor: User, roles, reason: str, now) -> None:
    verdict = transition_verdict(case.status, target, roles, reason)
    if not verdict.allowed:
        raise RuleViolation(verdict)
    if target == CaseStatus.CLOSED and (needed := close_requirements(case)):
        raise RuleViolation(Verdict(False, tuple(item.reason for item in needed)))
    CaseEvent.objects.create(
        case=case,
        occurred_at=now,
        kind=EventKind.STATUS,
        actor=actor,
        from_status=case.status,
        to_status=target,
        text=reason,
    )
    case.status = target
    if target == CaseStatus.CLOSED:
        case.closed_at = now
    elif case.closed_at:
        case.closed_at = None


@transaction.atomic
def change_status(
    ctx: AuditContext,
    case: Case,
    target: str,
    *,
    actor: User,
    roles,
    reason: str = "",
    expected_version: int | None,
    now: datetime | None = None,
) -> Case:
    """Move a case along the transition table (row-locked, version-checked, audited).

    A case in triage leaves it only through `record_triage`, which records the outcome.
    """
    now = now or timezone.now()
    case = _locked(case, expected_version)
    if case.status == CaseStatus.TRIAGE:
        raise refuse("use_triage", _("Finish the triage to move this case on: record its outcome."))
    _move(ctx, case, target, actor, roles, reason, now)
    case.save(update_fields=["status", "closed_at"])
    log_change(ctx, case, AuditAction.UPDATE, changed_fields=("status",))
    return case


@transaction.atomic
def record_triage(
    ctx: AuditContext,
    case: Case,
    *,
    urgency: str,
    outcome: str,
    note: str,
    actor: User,
    roles,
    expected_version: int | None,
    now: datetime | None = None,
    needed_expertise=(),
    themes=None,
) -> Case:
    """Triage: set the urgency and the outcome. Advice and a community referral close the
    case at once (recorded); otherwise question clarification starts. `themes` (question
    themes), when given, replace the case's themes."""
    now = now or timezone.now()
    case = _locked(case, expected_version)
    if case.status == CaseStatus.REGISTERED:
        _move(ctx, case, CaseStatus.TRIAGE, actor, roles, "", now)
    if case.status != CaseStatus.TRIAGE:
        raise refuse("not_in_triage", _("This case has already been triaged."))
    if outcome != TriageOutcome.CASE and not note.strip():
        raise refuse("triage_note_needed", _("Record the advice given or the offer referred to."))
    _move(ctx, case, status_after_triage(outcome), actor, roles, note, now)
    case.urgency, case.triage_outcome, case.triage_note = urgency, outcome, note
    case.triaged_at = now
    case.needed_expertise.set(needed_expertise)
    changed = ["urgency", "triage_outcome"]
    if themes is not None:
        case.themes.set(themes)
        changed.append("themes")
    case.save(
        update_fields=[
            "status",
            "closed_at",
            "urgency",
            "triage_outcome",
            "triage_note",
            "triaged_at",
        ]
    )
    CaseEvent.objects.create(
        case=case,
        occurred_at=now,
        kind=EventKind.TRIAGE,
        actor=actor,
        text=f"{case.get_urgency_display()}: {case.get_triage_outcome_display()}. {note}".strip(),
    )
    log_change(ctx, case, AuditAction.UPDATE, changed_fields=tuple(changed))
    return case


# --- Assignment ----------------------------------------------------------------------


def is_youth_case(case: Case, today: date) -> bool:
    """A case is a youth case when anyone in the household is under 18."""
    return any(
        age_on(m.resident.birth_date, today) < YOUTH_AGE
        for m in case.household.memberships.select_related("resident")
    )


@transaction.atomic
def assign_worker(
    ctx: AuditContext,
    case: Case,
    worker: User,
    *,
    reason: str,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> Case:
    """Give the case to a worker of its team. Refuses a worker without a current VOG on a
    youth case, saying why. Every change of worker is kept, with its reason."""
    now = now or timezone.now()
    case = _locked(case, expected_version)
    if not case.is_open:
        raise refuse("case_closed", _("A closed case cannot be assigned."))
    if worker.team_id != case.team_id:
        raise refuse("other_team", _("Assign the case to a member of its own team."))
    if case.worker_id == worker.pk:
        raise refuse("same_worker", _("This worker already has the case."))
    if case.worker_id and not reason.strip():
        raise refuse("reason_needed", _("Say why the case changes worker."))
    if is_youth_case(case, now.date()):
        ensure_may_receive_youth_case(worker, timezone.localdate(now))
    case.assignments.filter(ended_at__isnull=True).update(ended_at=now)
    assignment = WorkerAssignment.objects.create(
        case=case,
        worker=worker,
        assigned_by=actor,
        assigned_at=now,
        reason=reason.strip() or _("first assignment"),
    )
    case.worker = worker
    case.save(update_fields=["worker"])
    CaseEvent.objects.create(
        case=case,
        occurred_at=now,
        kind=EventKind.ASSIGNMENT,
        actor=actor,
        text=_("%(worker)s became the case worker: %(reason)s")
        % {"worker": worker, "reason": assignment.reason},
    )
    log_change(ctx, case, AuditAction.UPDATE, changed_fields=("worker",))
    return case


@transaction.atomic
def record_support_while_waiting(
    ctx: AuditContext,
    case: Case,
    *,
    given_on: date,
    description: str,
    actor: User,
    now: datetime | None = None,
) -> SupportWhileWaiting:
    support = SupportWhileWaiting.objects.create(
        case=case, given_on=given_on, description=description, given_by=actor
    )
    CaseEvent.objects.create(
        case=case,
        occurred_at=now or timezone.now(),
        kind=EventKind.SUPPORT_WHILE_WAITING,
        actor=actor,
        text=description,
    )
    log_change(ctx, support, AuditAction.CREATE, changed_fields=("description",))
    return support


# --- Contact moments -----------------------------------------------------------------


@transaction.atomic
def record_contact_moment(
    ctx: AuditContext,
    case: Case,
    *,
    occurred_on: date,
    kind: str,
    note: str,
    actor: User,
    present: Iterable[Resident],
    children_spoken_to: Iterable[Resident],
    now: datetime | None = None,
) -> ContactMoment:
    present = list(present)
    spoken = {resident.pk for resident in children_spoken_to}
    members = set(case.household.memberships.values_list("resident_id", flat=True))
    if any(resident.pk not in members for resident in present):
        raise refuse("not_in_household", _("Only members of this household can be present."))
    if not spoken <= {resident.pk for resident in present}:
        raise refuse("spoken_not_present", _("A child can only be spoken to when present."))
    contact = ContactMoment.objects.create(
        case=case,
        occurred_on=occurred_on,
        kind=kind,
        worker=actor,
        note=note,
        recorded_at=now or timezone.now(),
    )
    ContactPresence.objects.bulk_create(
        ContactPresence(contact=contact, resident=r, child_spoken_to=r.pk in spoken)
        for r in present
    )
    # Only ever moves the first contact earlier, whatever this object last saw.
    Case.objects.filter(pk=case.pk).filter(
        Q(first_contact_on__isnull=True) | Q(first_contact_on__gt=occurred_on)
    ).update(first_contact_on=occurred_on)
    log_change(ctx, contact, AuditAction.CREATE, changed_fields=("kind", "note"))
    return contact


# --- Break the glass -----------------------------------------------------------------

ACCESS_GRANT_HOURS = 8


@transaction.atomic
def grant_access_outside_team(
    ctx: AuditContext, case: Case, *, user: User, reason: str, now: datetime | None = None
) -> AccessGrant:
    """Open another team's case for a stated reason, for a limited time; the team lead of
    that team sees it listed."""
    now = now or timezone.now()
    if len(reason.strip()) < 10:
        raise refuse(
            "reason_too_short", _("Describe why you need this file (at least 10 characters).")
        )
    grant = AccessGrant.objects.create(
        user=user,
        case=case,
        reason=reason.strip(),
        granted_at=now,
        expires_at=now + timedelta(hours=ACCESS_GRANT_HOURS),
    )
    CaseEvent.objects.create(
        case=case,
        occurred_at=now,
        kind=EventKind.ACCESS_GRANTED,
        actor=user,
        text=reason.strip(),
    )
    log_change(ctx, grant, AuditAction.CREATE, changed_fields=("reason",))
    return grant
