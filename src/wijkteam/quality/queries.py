"""Reads of complaints and survey figures. Authorisation lives here: the complaints
officer sees every complaint of the municipality; a team lead sees the complaints linked
to a case of their own team (any other is "not found"); nobody else sees complaints.
Survey answers carry no name; their open text is read only by those allowed."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet

from wijkteam.accounts.models import Team
from wijkteam.accounts.roles import Role
from wijkteam.core.navigation import roles_of
from wijkteam.core.rules import suppress_small_count

from .models import (
    OPEN_COMPLAINT_STATUSES,
    Complaint,
    ComplaintOutcome,
    ComplaintStatus,
    SurveyInvitation,
    SurveyResponse,
)
from .rules import Deadline, ExperienceFigures, deadline, experience_figures, month_of
from .services import token_hash

# --- Complaints -------------------------------------------------------------------------


def complaints_visible_to(user) -> QuerySet[Complaint]:
    if not user.is_authenticated:
        return Complaint.objects.none()
    if user.has_perm("quality.handle_complaint"):
        return Complaint.objects.all()
    if user.has_perm("quality.view_complaint") and user.team_id:
        return Complaint.objects.filter(case__team_id=user.team_id)
    return Complaint.objects.none()


def deadline_of(complaint: Complaint, today: date) -> Deadline:
    return deadline(
        received_on=complaint.received_on,
        extension_weeks=complaint.extension_weeks,
        status=complaint.status,
        closed_on=complaint.closed_on,
        today=today,
        warning_days=settings.WIJKTEAM_COMPLAINT_WARNING_DAYS,
    )


def complaint_detail(user, pk: int) -> Complaint:
    """Raises Complaint.DoesNotExist for a complaint the user may not see (a 404)."""
    return (
        complaints_visible_to(user)
        .select_related("case__team", "handler", "filed_by")
        .prefetch_related("events__actor")
        .get(pk=pk)
    )


OPEN, CLOSED, ALL = "open", "closed", "all"
# Open complaints by deadline, the rest newest first: both keyset orderings are indexed.
LIST_ORDER = {OPEN: ("due_on", "pk"), CLOSED: ("-received_on", "-pk"), ALL: ("-received_on", "-pk")}


def complaint_list(user, which: str) -> tuple[QuerySet[Complaint], tuple[str, ...]]:
    """The complaints the user may see (open, closed or all) and their keyset ordering."""
    complaints = complaints_visible_to(user).select_related("case")
    if which == OPEN:
        complaints = complaints.filter(status__in=OPEN_COMPLAINT_STATUSES)
    elif which == CLOSED:
        complaints = complaints.exclude(status__in=OPEN_COMPLAINT_STATUSES)
    return complaints, LIST_ORDER.get(which, LIST_ORDER[ALL])


@dataclass(frozen=True)
class ComplaintRow:
    complaint: Complaint
    deadline: Deadline


def complaint_rows(complaints, today: date) -> list[ComplaintRow]:
    return [ComplaintRow(c, deadline_of(c, today)) for c in complaints]


WORKLIST_SIZE = 25


@dataclass(frozen=True)
class ComplaintWorklist:
    """The most urgent open complaints (at most WORKLIST_SIZE) and how many are open."""

    rows: list[ComplaintRow]
    total: int
    warnings: int  # open complaints due soon or overdue

    def __iter__(self):
        return iter(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def complaint_worklist(user, today: date, *, size: int = WORKLIST_SIZE) -> ComplaintWorklist | None:
    """For the complaints officer's "Mijn werk": open complaints by deadline (the stored
    `due_on` already holds any extension), the first `size` and the counts. Two queries
    whatever the number; None for anyone who does not handle complaints."""
    if not user.has_perm("quality.handle_complaint"):
        return None
    open_ones = complaints_visible_to(user).filter(status__in=OPEN_COMPLAINT_STATUSES)
    soon = today + timedelta(days=settings.WIJKTEAM_COMPLAINT_WARNING_DAYS)
    counts = open_ones.aggregate(
        total=Count("pk"), warnings=Count("pk", filter=Q(due_on__lte=soon))
    )
    rows = complaint_rows(open_ones.order_by("due_on", "pk")[:size], today)
    return ComplaintWorklist(rows, counts["total"], counts["warnings"])


# --- Periods for figures ----------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date  # first day
    end: date  # first day after
    label: str


def quarter(year: int, number: int) -> Period:
    start = date(year, 3 * number - 2, 1)
    end = date(year + 1, 1, 1) if number == 4 else date(year, 3 * number + 1, 1)
    return Period(start, end, f"{year} K{number}")


def whole_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year + 1, 1, 1), str(year))


# --- Complaint figures (for the KPI "klachten") --------------------------------------


@dataclass(frozen=True)
class ComplaintFigures:
    team: Team | None  # None: not linked to a case (or the total, see `is_total`)
    received: str
    decided: str
    decided_on_time: str
    extended: str
    withdrawn: str
    well_founded: str  # well-founded or partly
    is_total: bool = False


WELL_FOUNDED = (ComplaintOutcome.WELL_FOUNDED, ComplaintOutcome.PARTLY_WELL_FOUNDED)


COMPLAINT_KEYS = ("received", "decided", "on_time", "extended", "withdrawn", "well_founded")


def complaint_counts(period: Period) -> dict[int | None, dict[str, int]]:
    """Per team (by the linked case; None: not linked to a case): received in the period;
    of those closed in it, decided, decided within the term, withdrawn and (partly)
    well-founded; extended among those received. Raw counts (COMPLAINT_KEYS), one query:
    the figures page and the KPIs (insights) both count with it."""
    received = Q(received_on__gte=period.start, received_on__lt=period.end)
    closed = Q(closed_on__gte=period.start, closed_on__lt=period.end)
    decided = closed & Q(status=ComplaintStatus.DECIDED)
    rows = (
        Complaint.objects.filter(received | closed)
        .values("case__team_id")
        .annotate(
            received=Count("pk", filter=received),
            decided=Count("pk", filter=decided),
            on_time=Count("pk", filter=decided & Q(closed_on__lte=F("due_on"))),
            extended=Count("pk", filter=received & Q(extension_weeks__gt=0)),
            withdrawn=Count("pk", filter=closed & Q(status=ComplaintStatus.WITHDRAWN)),
            well_founded=Count("pk", filter=decided & Q(outcome__in=WELL_FOUNDED)),
        )
    )
    return {row["case__team_id"]: {key: row[key] for key in COMPLAINT_KEYS} for row in rows}


def complaint_figures(period: Period, threshold: int) -> list[ComplaintFigures]:
    """Per team, complaints not linked to a case, and the total (see `complaint_counts`),
    counts below the threshold suppressed. One query for the counts, one for the teams."""
    by_team = complaint_counts(period)
    totals = {key: sum(row[key] for row in by_team.values()) for key in COMPLAINT_KEYS}

    def shown(team, counts, is_total=False) -> ComplaintFigures:
        cells = [suppress_small_count(counts.get(key, 0), threshold) for key in COMPLAINT_KEYS]
        return ComplaintFigures(team, *cells, is_total=is_total)

    result = [shown(team, by_team.get(team.pk, {})) for team in Team.objects.order_by("name")]
    if None in by_team:
        result.append(shown(None, by_team[None]))
    result.append(shown(None, totals, is_total=True))
    return result


# --- Survey ----------------------------------------------------------------------------


def invitation_for_token(token: str) -> SurveyInvitation | None:
    if not token or len(token) > 100:
        return None
    return SurveyInvitation.objects.filter(token_hash=token_hash(token)).first()


def invitations_of_case(case) -> list[SurveyInvitation]:
    return list(case.survey_invitations.select_related("created_by"))


@dataclass(frozen=True)
class ExperienceRow:
    team: Team | None  # None: the whole municipality
    invited: str
    answered_invitations: str
    figures: ExperienceFigures


@dataclass(frozen=True)
class ExperienceCounts:
    """Survey counts per team for a period: answers per score, and invitations made and
    how many of them were filled in (team id → (invited, used))."""

    distribution: dict[int, dict[int, int]]
    invitations: dict[int, tuple[int, int]]


def experience_counts(period: Period) -> ExperienceCounts:
    """Answers given in the period per team and score, and invitations made in it per
    team with how many were used. Two queries; the figures page and the KPIs (insights)
    both count with it."""
    distribution: dict = defaultdict(lambda: defaultdict(int))
    for row in (
        SurveyResponse.objects.filter(month__gte=month_of(period.start), month__lt=period.end)
        .values("team_id", "score")
        .annotate(n=Count("pk"))
    ):
        distribution[row["team_id"]][row["score"]] += row["n"]
    invitations = {
        row["team_id"]: (row["invited"], row["used"])
        for row in SurveyInvitation.objects.filter(
            created_at__date__gte=period.start, created_at__date__lt=period.end
        )
        .values("team_id")
        .annotate(invited=Count("pk"), used=Count("pk", filter=Q(used=True)))
    }
    return ExperienceCounts(distribution, invitations)


def experience_table(period: Period, threshold: int) -> list[ExperienceRow]:
    """Per team and for the municipality: invitations made in the period and how many of
    them were filled in, and the answers given in the period (count, mean, shares,
    distribution), suppressed below the threshold. Three queries."""
    counts = experience_counts(period)
    distribution: dict = defaultdict(lambda: defaultdict(int))
    invited: dict = defaultdict(lambda: [0, 0])
    for team_id, scores in counts.distribution.items():
        for score, n in scores.items():
            distribution[team_id][score] += n
            distribution[None][score] += n
    for team_id, (made, used) in counts.invitations.items():
        for key in (team_id, None):
            invited[key][0] += made
            invited[key][1] += used

    def row_for(team, key) -> ExperienceRow:
        return ExperienceRow(
            team,
            suppress_small_count(invited[key][0], threshold),
            suppress_small_count(invited[key][1], threshold),
            experience_figures(distribution[key], threshold),
        )

    rows = [row_for(team, team.pk) for team in Team.objects.order_by("name")]
    rows.append(row_for(None, None))
    return rows


def answers_visible_to(user, period: Period) -> QuerySet[SurveyResponse]:
    """Open answers (no name is stored with them) for those allowed to read them: the
    quality officer every team's, a team lead their own team's; only answers with text."""
    if not user.has_perm("quality.view_experience_answers"):
        return SurveyResponse.objects.none()
    answers = SurveyResponse.objects.filter(
        month__gte=month_of(period.start), month__lt=period.end
    ).exclude(went_well="", could_be_better="")
    if Role.QUALITY_OFFICER not in roles_of(user):
        answers = answers.filter(team_id=user.team_id)
    return answers.select_related("team")


ANSWER_ORDER = ("-month", "-pk")
