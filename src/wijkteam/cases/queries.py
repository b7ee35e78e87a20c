"""Reads of cases. Authorisation lives here: a user sees their own team's cases, and
another team's case only through a current break-the-glass grant."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Case as SqlCase
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.accounts.queries import youth_case_verdict
from wijkteam.core.pagination import KeysetPage, keyset_page
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
    Urgency,
)
from .rules import (
    Candidate,
    NormStatus,
    ResponseNorms,
    first_contact_norm,
    waiting_days,
)


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


def team_cases_visible_to(user) -> QuerySet[Case]:
    """The cases of the user's own team (all of them visible to the user): what
    `cases_visible_to(user).filter(team_id=user.team_id)` returns, without the
    break-the-glass subquery that cannot add anything to it (a grant only opens another
    team's case) — a simpler query for the team lead's lists."""
    if not _may_read_cases(user) or not user.team_id:
        return Case.objects.none()
    return Case.objects.filter(team_id=user.team_id)


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


def household_timeline(household, case_ids=None) -> list[TimelineItem]:
    """Events and contact moments of all the household's cases, newest first. With the
    ids of the household's cases (when the caller has them) each source filters on them
    directly instead of joining the cases."""
    if case_ids is None:
        return _timeline(Q(case__household=household))
    return _timeline(Q(case_id__in=list(case_ids)))


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


class EpochDay(Func):
    """Days since 1 January 1970 of a date expression, as an integer (PostgreSQL, SQLite):
    dates compared and shifted as plain numbers, in the database."""

    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="(%(expressions)s - DATE '1970-01-01')", **extra_context
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) - 2440587.5 AS INTEGER)",
            **extra_context,
        )


EPOCH = date(1970, 1, 1)  # a Thursday: the weekday (Monday 0) of epoch day d is (d + 3) % 7


class FirstContactDue(Func):
    """Epoch day of a case's first-contact deadline: `rules.add_working_days` from the
    local registration day by the urgency's number of working days (without holidays, as
    the pages use it), in SQL arithmetic: a registration at the weekend counts from
    Monday; then n working days are n days plus two for every weekend passed. A test holds
    this to the rule for every weekday and number of days. Written as one SQL template
    (not as nested ORM expressions, which cost milliseconds of Python per query)."""

    output_field = IntegerField()

    def __init__(self, norms: ResponseNorms):
        registered = TruncDate("registered_at", tzinfo=timezone.get_current_timezone())
        super().__init__(EpochDay(registered), F("urgency"))
        self.days = {urgency.value: norms.first_contact_days(urgency) for urgency in Urgency}

    def as_sql(self, compiler, connection, **extra_context):
        day, day_params = compiler.compile(self.source_expressions[0])
        urgency, urgency_params = compiler.compile(self.source_expressions[1])
        whens = " ".join(f"WHEN {urgency} = %s THEN {int(n)}" for n in self.days.values())
        n = f"(CASE {whens} ELSE 0 END)"
        n_params = [p for code in self.days for p in (*urgency_params, code)]
        # (day + 3) mod 7 in integer arithmetic: SQLite's MOD() returns a float.
        weekday = f"(({day} + 3) - 7 * (({day} + 3) / 7))"
        sql = (
            f"({day} + (CASE WHEN {weekday} >= 5 THEN 7 - {weekday} ELSE 0 END) + {n}"
            f" + 2 * (((CASE WHEN {weekday} >= 5 THEN 0 ELSE {weekday} END) + {n}) / 5))"
        )
        weekday_params = day_params * 2
        params = [
            *day_params,
            *weekday_params,
            *weekday_params,
            *n_params,
            *weekday_params,
            *weekday_params,
            *n_params,
        ]
        return sql, params


def with_first_contact_norm(cases: QuerySet[Case], today: date) -> QuerySet[Case]:
    """Annotates the first-contact norm as numbers the database can sort and count by:
    `due_day` (epoch day of the deadline), `contact_made` (0 or 1) and `on_time` (0 when
    the norm is breached: no contact by the deadline, or a late one)."""
    due = FirstContactDue(response_norms())
    reference = Coalesce(EpochDay(F("first_contact_on")), Value((today - EPOCH).days))
    return cases.annotate(
        due_day=due,
        contact_made=SqlCase(
            When(first_contact_on__isnull=False, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        on_time=SqlCase(
            When(GreaterThan(reference, due), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
    )


def queue_rows(cases, today: date) -> list[QueueRow]:
    norms = response_norms()
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


@dataclass(frozen=True)
class Queue:
    """One page of a case list with the norm of each row, and how many in the whole list
    are past their norm."""

    rows: list[QueueRow]
    page: KeysetPage
    breached: int

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


QUEUE_PAGE_SIZE = 25
# Longest waiting first.
WAITING_LIST_ORDER = ("registered_at", "pk")
# Mijn werk: no contact yet before contact made; then past the norm first; then by deadline.
MY_CASES_ORDER = ("contact_made", "on_time", "due_day", "pk")


def waiting_list(
    user, today: date | None = None, *, after=None, before=None, size=QUEUE_PAGE_SIZE
) -> Queue:
    """The team's open cases without a worker, longest waiting first, with their norm."""
    today = today or timezone.localdate()
    cases = with_first_contact_norm(
        team_cases_visible_to(user).filter(worker__isnull=True, status__in=OPEN_STATUSES),
        today,
    )
    page = keyset_page(
        cases.select_related("household").annotate(support_count=Count("support_while_waiting")),
        WAITING_LIST_ORDER,
        after=after,
        before=before,
        size=size,
    )
    breached = cases.filter(on_time=0).count()
    return Queue(queue_rows(page.items, today), page, breached)


def my_cases(
    user, today: date | None = None, *, after=None, before=None, size=QUEUE_PAGE_SIZE
) -> Queue:
    """My open cases: no first contact yet before the others, past the norm first, then
    by deadline."""
    today = today or timezone.localdate()
    cases = with_first_contact_norm(
        cases_visible_to(user).filter(worker=user, status__in=OPEN_STATUSES), today
    )
    page = keyset_page(
        cases.select_related("household"), MY_CASES_ORDER, after=after, before=before, size=size
    )
    overdue = cases.filter(contact_made=0, on_time=0).count()
    return Queue(queue_rows(page.items, today), page, overdue)


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
