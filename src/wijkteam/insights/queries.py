"""The team lead's dashboard: live and exact, for the lead's own team only (they may see its
families anyway). What the Team page already lists (the waiting list, the safety and
plan work lists) is counted here with the same functions and linked to; what it lacks is
listed here: caseload per worker, decisions ending soon, workers per family, VOGs missing
or expiring. A fixed number of queries whatever the team's size."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.accounts.queries import StaffRow, staff_rows, staff_visible_to
from wijkteam.accounts.roles import Role
from wijkteam.allocation.models import Decision, DecisionStatus
from wijkteam.cases.models import OPEN_STATUSES, CaseStatus, WorkerAssignment
from wijkteam.cases.queries import cases_visible_to, waiting_list
from wijkteam.core.charts import Chart, Series
from wijkteam.core.rules import add_months
from wijkteam.core.worklists import WORKLIST_SIZE, Worklist
from wijkteam.people.models import Household
from wijkteam.plans.queries import evaluations_due, transitions_due
from wijkteam.safety.queries import safety_worklist

DECISIONS_ENDING_DAYS = 60  # issue 7: decisions that end within the next 60 days
WORKERS_PER_FAMILY_MONTHS = 12  # workers a family met in the last year
MANY_WORKERS = 3  # a family that met this many workers or more is listed


@dataclass(frozen=True)
class CaseloadRow:
    worker: User
    open_cases: int
    families: int
    waiting_first_contact: int  # open cases without a first contact yet
    by_status: dict[str, int]


def caseload(team_id: int) -> list[CaseloadRow]:
    """Every active case worker of the team with their open cases, per status. One query."""
    open_cases = Q(cases__status__in=OPEN_STATUSES, cases__team_id=team_id)
    statuses = [s for s in OPEN_STATUSES if s != CaseStatus.REGISTERED]
    workers = (
        User.objects.filter(team_id=team_id, is_active=True, groups__name=Role.CASE_WORKER)
        .annotate(
            n_open=Count("cases", filter=open_cases, distinct=True),
            n_families=Count("cases__household", filter=open_cases, distinct=True),
            n_no_contact=Count(
                "cases", filter=open_cases & Q(cases__first_contact_on__isnull=True), distinct=True
            ),
            **{
                f"n_{status}": Count(
                    "cases", filter=open_cases & Q(cases__status=status), distinct=True
                )
                for status in statuses
            },
        )
        .order_by("-n_open", "last_name", "first_name", "pk")
    )
    return [
        CaseloadRow(
            worker,
            worker.n_open,
            worker.n_families,
            worker.n_no_contact,
            {status: getattr(worker, f"n_{status}") for status in statuses},
        )
        for worker in workers
    ]


def caseload_chart(rows: list[CaseloadRow]) -> Chart:
    return Chart(
        chart_id="caseload",
        title=_("Open cases per case worker"),
        labels=tuple(str(row.worker) for row in rows),
        series=(Series(_("Open cases"), tuple(row.open_cases for row in rows)),),
        kind="bar",
        x_label=_("Case worker"),
        y_label=_("Open cases"),
        y_min=0,
    )


@dataclass(frozen=True)
class EndingRow:
    decision: Decision
    days_left: int
    has_follow_up: bool


def decisions_ending(user, today: date, size: int = WORKLIST_SIZE) -> Worklist:
    """Issued decisions of the team's cases whose term ends within the next 60 days,
    soonest first, with whether a following decision for the young person is there."""
    ending = Decision.objects.filter(
        case__in=cases_visible_to(user).filter(team_id=user.team_id),
        status=DecisionStatus.ISSUED,
        end_date__gte=today,
        end_date__lte=today + timedelta(days=DECISIONS_ENDING_DAYS),
    )
    follow_up = Decision.objects.filter(
        youth_id=OuterRef("youth_id"),
        start_date__gt=OuterRef("end_date"),
        status__in=(DecisionStatus.DRAFT, DecisionStatus.AWAITING_COSIGN, DecisionStatus.ISSUED),
    )
    rows = [
        EndingRow(decision, (decision.end_date - today).days, decision.has_follow_up)
        for decision in ending.annotate(has_follow_up=Exists(follow_up))
        .select_related("case__household", "youth", "product__provider")
        .order_by("end_date", "pk")[:size]
    ]
    return Worklist(rows, ending.count())


@dataclass(frozen=True)
class WorkersPerFamily:
    distribution: dict[str, int]  # "1", "2", "3 or more" → families
    many: Worklist  # families that met MANY_WORKERS or more, most first


def workers_per_family(user, today: date, size: int = WORKLIST_SIZE) -> WorkersPerFamily:
    """For the families with an open case in the team: how many different case workers
    they had in the last twelve months (001 annex 2: one family had six or seven in a
    year). Two queries."""
    since = timezone.make_aware(
        datetime.combine(add_months(today, -WORKERS_PER_FAMILY_MONTHS), time.min)
    )
    team_cases = cases_visible_to(user).filter(team_id=user.team_id)
    open_here = team_cases.filter(household_id=OuterRef("pk"), status__in=OPEN_STATUSES)
    workers = (
        WorkerAssignment.objects.filter(case__household_id=OuterRef("pk"))
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=since))
        .order_by()
        .values("case__household_id")
        .annotate(n=Count("worker_id", distinct=True))
        .values("n")
    )
    families = Household.objects.filter(Exists(open_here)).annotate(
        workers=Coalesce(Subquery(workers, output_field=IntegerField()), 0)
    )
    distribution = {"1": 0, "2": 0, f"{MANY_WORKERS}+": 0}
    for row in families.values("workers").annotate(n=Count("pk")).order_by():
        if row["workers"] >= MANY_WORKERS:
            distribution[f"{MANY_WORKERS}+"] += row["n"]
        elif row["workers"] in (1, 2):
            distribution[str(row["workers"])] += row["n"]
    many = families.filter(workers__gte=MANY_WORKERS)
    rows = list(many.order_by("-workers", "name", "pk")[:size])
    return WorkersPerFamily(distribution, Worklist(rows, many.count()))


def vog_attention(user, today: date) -> list[StaffRow]:
    """Team members who work with youth and whose certificate of conduct (VOG) is missing,
    expired, or stops counting within the warning period."""
    members = staff_visible_to(user).filter(team_id=user.team_id, works_with_youth=True)
    return [
        row for row in staff_rows(members, today) if not row.verdict.allowed or row.verdict.warnings
    ]


@dataclass(frozen=True)
class Signals:
    """Counts of what the Team page lists, with a link to it there."""

    waiting_breached: int
    safety_to_do: int
    evaluations_due: int
    transitions_due: int


@dataclass(frozen=True)
class TeamDashboard:
    signals: Signals
    caseload: list[CaseloadRow]
    chart: Chart
    decisions: Worklist
    families: WorkersPerFamily
    vog: list[StaffRow]

    def shown_records(self) -> list:
        """What the page shows of persons (for the audit log): the cases of the decisions,
        the families, and the staff members."""
        return (
            [row.decision.case for row in self.decisions]
            + list(self.families.many)
            + [row.worker for row in self.caseload]
            + [row.user for row in self.vog]
        )


def team_dashboard(user, today: date) -> TeamDashboard:
    rows = caseload(user.team_id)
    return TeamDashboard(
        signals=Signals(
            waiting_breached=waiting_list(user, today, size=1).breached,
            safety_to_do=safety_worklist(user, today, whole_team=True, size=0).total,
            evaluations_due=evaluations_due(user, today, whole_team=True, size=0).total,
            transitions_due=transitions_due(user, today, whole_team=True, size=0).total,
        ),
        caseload=rows,
        chart=caseload_chart(rows),
        decisions=decisions_ending(user, today),
        families=workers_per_family(user, today),
        vog=vog_attention(user, today),
    )
