"""Reads of cases. Authorisation lives here: a user sees their own team's cases, and
another team's case only through a current break-the-glass grant."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.accounts.queries import youth_case_verdict
from wijkteam.people.models import Membership

from .models import (
    OPEN_STATUSES,
    AccessGrant,
    Case,
    CaseEvent,
    CaseStatus,
    ContactMoment,
    ContactPresence,
    Intake,
)
from .rules import Candidate, NormStatus, ResponseNorms, first_contact_norm, waiting_days


def response_norms() -> ResponseNorms:
    return ResponseNorms(
        crisis_working_days=settings.WIJKTEAM_NORM_CRISIS_WORKING_DAYS,
        urgent_working_days=settings.WIJKTEAM_NORM_URGENT_WORKING_DAYS,
        regular_working_days=settings.WIJKTEAM_NORM_REGULAR_WORKING_DAYS,
        regular_home_visit_days=settings.WIJKTEAM_NORM_HOME_VISIT_DAYS,
    )


def _may_read_cases(user) -> bool:
    return user.is_authenticated and user.has_perm("cases.view_case")


def active_grants(user):
    return AccessGrant.objects.filter(user=user, expires_at__gt=timezone.now())


def cases_visible_to(user) -> QuerySet[Case]:
    if not _may_read_cases(user):
        return Case.objects.none()
    granted = Exists(active_grants(user).filter(case=OuterRef("pk")))
    own_team = Q(team_id=user.team_id) if user.team_id else Q(pk__in=[])
    return Case.objects.filter(own_team | Q(granted))


def case_detail(user, pk: int) -> Case:
    """Raises Case.DoesNotExist for a case the user may not see (a 404)."""
    return (
        cases_visible_to(user)
        .select_related("household__district", "team", "worker")
        .prefetch_related(
            "subjects",
            Prefetch("intakes", queryset=Intake.objects.prefetch_related("consents")),
            Prefetch(
                "household__memberships",
                queryset=Membership.objects.select_related("resident").order_by(
                    "resident__birth_date"
                ),
            ),
        )
        .annotate(worker_count=Count("assignments__worker", distinct=True))
        .get(pk=pk)
    )


@dataclass(frozen=True)
class TimelineItem:
    when: object
    kind: str
    actor: object
    text: str
    contact: ContactMoment | None = None
    case: Case | None = None


def timeline(case: Case) -> list[TimelineItem]:
    """Events and contact moments of one case, newest first, in three queries."""
    return _timeline(Q(case=case))


def household_timeline(household) -> list[TimelineItem]:
    """Events and contact moments of all the household's cases, newest first."""
    return _timeline(Q(case__household=household))


# Other apps put their records on the timeline: each source takes the filter on `case`
# (one case, or all cases of a household) and returns TimelineItems, in a fixed number
# of queries. Apps register their source in their AppConfig.ready().
TimelineSource = Callable[[Q], list[TimelineItem]]
TIMELINE_SOURCES: list[TimelineSource] = []


def register_timeline_source(source: TimelineSource) -> TimelineSource:
    if source not in TIMELINE_SOURCES:
        TIMELINE_SOURCES.append(source)
    return source


def _timeline(where: Q) -> list[TimelineItem]:
    events = CaseEvent.objects.filter(where).select_related("actor", "case")
    contacts = (
        ContactMoment.objects.filter(where)
        .select_related("worker", "case")
        .prefetch_related(
            Prefetch("presences", queryset=ContactPresence.objects.select_related("resident"))
        )
    )
    items = [
        TimelineItem(e.occurred_at, e.get_kind_display(), e.actor, _event_text(e), case=e.case)
        for e in events
    ] + [
        TimelineItem(c.recorded_at, c.get_kind_display(), c.worker, c.note, contact=c, case=c.case)
        for c in contacts
    ]
    for source in TIMELINE_SOURCES:
        items += source(where)
    return sorted(items, key=lambda item: item.when, reverse=True)


def _event_text(event: CaseEvent) -> str:
    if event.from_status or event.to_status:
        labels = dict(CaseStatus.choices)
        move = f"{labels.get(event.from_status, '')} → {labels.get(event.to_status, '')}"
        return f"{move}. {event.text}".strip() if event.text else move
    return event.text


@dataclass(frozen=True)
class QueueRow:
    case: Case
    waiting_days: int
    norm: NormStatus


def waiting_list(user, today: date | None = None) -> list[QueueRow]:
    """The team's open cases without a worker, longest waiting first, with their norm."""
    today = today or timezone.localdate()
    norms = response_norms()
    cases = (
        cases_visible_to(user)
        .filter(team_id=user.team_id, worker__isnull=True, status__in=OPEN_STATUSES)
        .select_related("household")
        .annotate(support_count=Count("support_while_waiting"))
        .order_by("registered_at")
    )
    return [
        QueueRow(
            case,
            waiting_days(timezone.localdate(case.registered_at), today),
            first_contact_norm(
                case.urgency,
                timezone.localdate(case.registered_at),
                case.first_contact_on,
                today,
                norms,
            ),
        )
        for case in cases
    ]


def my_cases(user, today: date | None = None) -> list[QueueRow]:
    """My open cases, overdue first, then by next deadline."""
    today = today or timezone.localdate()
    norms = response_norms()
    cases = (
        cases_visible_to(user)
        .filter(worker=user, status__in=OPEN_STATUSES)
        .select_related("household")
    )
    rows = [
        QueueRow(
            case,
            waiting_days(timezone.localdate(case.registered_at), today),
            first_contact_norm(
                case.urgency,
                timezone.localdate(case.registered_at),
                case.first_contact_on,
                today,
                norms,
            ),
        )
        for case in cases
    ]
    return sorted(
        rows,
        key=lambda r: (r.norm.met_on is not None, not r.norm.breached, r.norm.due, r.case.pk),
    )


def candidates_for(case: Case, today: date) -> list[tuple[User, Candidate]]:
    """The team's workers as assignment candidates, in a fixed number of queries."""
    knows = set(
        Case.objects.filter(household_id=case.household_id)
        .exclude(pk=case.pk)
        .values_list("assignments__worker_id", flat=True)
    )
    workers = (
        User.objects.filter(team_id=case.team_id, is_active=True, groups__name="case_worker")
        .distinct()
        .prefetch_related("expertise", "certificates")
        .annotate(
            open_cases=Count("cases", filter=Q(cases__status__in=OPEN_STATUSES), distinct=True)
        )
        .order_by("last_name", "first_name")
    )
    return [
        (
            worker,
            Candidate(
                worker_id=worker.pk,
                expertise=frozenset(tag.code for tag in worker.expertise.all()),
                open_cases=worker.open_cases,
                knows_household=worker.pk in knows,
                youth_verdict=youth_case_verdict(worker, today),
            ),
        )
        for worker in workers
    ]


def grants_for_team(team_id: int) -> QuerySet[AccessGrant]:
    """Break-the-glass access to this team's cases, for the team lead to review."""
    return (
        AccessGrant.objects.filter(case__team_id=team_id)
        .select_related("user", "case")
        .order_by("-granted_at")
    )
