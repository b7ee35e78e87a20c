"""The allocation figures page: the weighing framework in numbers (intervention levels,
what was not granted and why), the outcome of care by closure reason, and decisions and
their estimated cost per profile. Aggregates only; small counts are suppressed."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.core.rules import add_months, suppress_small_count
from wijkteam.ijw.codes import describe

from .models import InterventionLevel, NotGrantedReason, OtherLaw
from .queries import (
    closure_reason_counts,
    cost_per_profile,
    intervention_level_counts,
    not_granted_counts,
)


@dataclass(frozen=True)
class Table:
    caption: str
    columns: list[str]
    rows: list[tuple[str, list[str]]]


def _quarter(day: date) -> str:
    return f"{day.year} K{(day.month - 1) // 3 + 1}"


def _pivot(caption: str, first: str, rows, label_of) -> Table:
    """Counts per key (rows) and quarter (columns), suppressed below the threshold."""
    threshold = settings.WIJKTEAM_SMALL_COUNT_THRESHOLD
    periods = sorted({row.period for row in rows})
    cells: dict[str, dict[date, int]] = {}
    for row in rows:
        key = label_of(row)
        cells.setdefault(key, {})
        cells[key][row.period] = cells[key].get(row.period, 0) + row.count
    body = [
        (key, [suppress_small_count(counts.get(period, 0), threshold) for period in periods])
        for key, counts in sorted(cells.items())
    ]
    return Table(caption, [first, *(_quarter(p) for p in periods)], body)


def figures_context() -> dict:
    today = timezone.localdate()
    start = add_months(today.replace(day=1), -11)
    threshold = settings.WIJKTEAM_SMALL_COUNT_THRESHOLD
    levels = dict(InterventionLevel.choices)
    reasons = dict(NotGrantedReason.choices)
    laws = dict(OtherLaw.choices)

    def not_granted_label(row) -> str:
        label = str(reasons.get(row.key, row.key))
        return f"{label}: {laws[row.detail]}" if row.detail in laws else label

    closures = closure_reason_counts(start, today)
    costs = cost_per_profile(start, today)
    return {
        "start": start,
        "end": today,
        "threshold": threshold,
        "suppressed_label": suppress_small_count(1, threshold),
        "levels": _pivot(
            _("Help questions weighed, per intervention level and quarter"),
            _("Intervention level"),
            intervention_level_counts(start, today, period="quarter"),
            lambda row: str(levels.get(row.key, row.key)),
        ),
        "not_granted": _pivot(
            _("Asked for but not granted, per reason and quarter"),
            _("Reason"),
            not_granted_counts(start, today, period="quarter"),
            not_granted_label,
        ),
        "closures": Table(
            _("Care stopped, per closure reason (JW307)"),
            [_("Closure reason"), _("Number")],
            [
                (describe("JZ588", row.key), [suppress_small_count(row.count, threshold)])
                for row in closures
            ],
        ),
        "costs": Table(
            _("Decisions issued and their estimated cost, per profile"),
            [_("Profile"), _("Decisions"), _("Estimated cost")],
            [
                (
                    row.key or _("without a profile"),
                    [
                        suppress_small_count(row.decisions, threshold),
                        f"€ {row.cost:,.2f}"
                        if row.cost is not None and row.decisions >= threshold
                        else "—",
                    ],
                )
                for row in costs
            ],
        ),
    }
