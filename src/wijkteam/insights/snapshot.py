"""The monthly figures: computed from the data and stored (`refresh`), read for a period
and a selection of districts (`counts_for`), stamped with their age (`freshness`).

Why not count live: the dashboard must answer within 500 ms at a million cases (ADR 0008),
and its figures come from a dozen tables of eight apps; and several of them change without
any write, only because time passes (a first contact becomes overdue, a family turns 18, a
repeated call falls within twelve months of a closure). So no table maintained in the same
transaction as the change could hold them. The figures are refreshed every night for the
last thirteen months (`core/jobs.py`), and on demand (`manage.py refresh_figures`); every
page and export says when its months were computed (ADR 0011).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from wijkteam.core.rules import add_months

from .measures import MEASURES, month_rows
from .models import FigureMonth, MonthlyFigure
from .periods import Period
from .rules import Counts

NIGHTLY_MONTHS = 13  # this month and the twelve before it
BATCH = 5000
# Two refreshes at once (the nightly job and `refresh_figures`, or two servers) would
# each delete what was there and both insert: every figure counted twice. They take turns.
REFRESH_LOCK = 7_318_100


@dataclass(frozen=True)
class Refreshed:
    months: int
    rows: int


def refresh(start: date, end: date, *, today: date | None = None) -> Refreshed:
    """Compute and store the figures of the months from `start` (a first day) until `end`
    (the first day after), replacing what was stored for them, in one transaction."""
    today = today or timezone.localdate()
    months = []
    month = start
    while month < end:
        months.append(month)
        month = add_months(month, 1)
    with transaction.atomic():
        _take_turns()
        # Counted after the turn is ours, so the refresh that stores last counted last.
        rows = month_rows(start, end, today)
        now = timezone.now()
        MonthlyFigure.objects.filter(month__gte=start, month__lt=end).delete()
        MonthlyFigure.objects.bulk_create(
            (
                MonthlyFigure(month=m, team_id=team, measure=measure, key=key, value=value)
                for m, team, measure, key, value in rows
            ),
            batch_size=BATCH,
        )
        for month in months:
            FigureMonth.objects.update_or_create(month=month, defaults={"computed_at": now})
    return Refreshed(len(months), len(rows))


def _take_turns() -> None:
    """Wait until no other refresh is running; held until this transaction ends. (SQLite
    lets one writer in at a time by itself.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REFRESH_LOCK])


def refresh_recent(months: int = NIGHTLY_MONTHS, *, today: date | None = None) -> Refreshed:
    """This month and the `months - 1` before it (the nightly job)."""
    today = today or timezone.localdate()
    this_month = today.replace(day=1)
    return refresh(add_months(this_month, 1 - months), add_months(this_month, 1), today=today)


def counts_for(period: Period, team_ids: list[int] | None = None) -> Counts:
    """The stored counts of the period, summed over its months and the teams (all teams,
    including what belongs to none, when `team_ids` is None). One query."""
    figures = MonthlyFigure.objects.filter(month__gte=period.start, month__lt=period.end)
    if team_ids is not None:
        figures = figures.filter(team_id__in=team_ids)
    summed = figures.values("measure", "key").annotate(total=Sum("value")).order_by()
    return Counts({(row["measure"], row["key"]): row["total"] for row in summed}, MEASURES)


def counts_by_team(period: Period, team_ids: list[int] | None = None) -> dict[int, Counts]:
    """The stored counts of the period per team (a district's figures side by side).
    One query."""
    figures = MonthlyFigure.objects.filter(
        month__gte=period.start, month__lt=period.end, team_id__isnull=False
    )
    if team_ids is not None:
        figures = figures.filter(team_id__in=team_ids)
    values: dict[int, dict] = {}
    for row in figures.values("team_id", "measure", "key").annotate(total=Sum("value")).order_by():
        values.setdefault(row["team_id"], {})[(row["measure"], row["key"])] = row["total"]
    return {team: Counts(found, MEASURES) for team, found in values.items()}


@dataclass(frozen=True)
class Freshness:
    computed_at: datetime | None  # the oldest computation of the period's months
    missing: list[date]  # months of the period (up to today) not computed yet

    @property
    def complete(self) -> bool:
        return not self.missing


def freshness(period: Period, today: date) -> Freshness:
    """When the period's figures were computed, and which of its months are missing.
    One query."""
    wanted = [month for month in period.months() if month <= today]
    stamps = dict(FigureMonth.objects.filter(month__in=wanted).values_list("month", "computed_at"))
    oldest = min(stamps.values(), default=None)
    return Freshness(oldest, [month for month in wanted if month not in stamps])
