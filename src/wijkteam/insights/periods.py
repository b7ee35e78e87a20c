"""Periods of the figures: a month, a quarter or a year, and the one before it.

A period is written as `2026` (a year), `2026-K2` (a quarter; `2026-Q2` is read too) or
`2026-03` (a month), in the address of a page and in the API. "Period against period"
compares with the previous period of the same length: a quarter with the quarter before.
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wijkteam.core.rules import add_months

YEAR, QUARTER, MONTH = "year", "quarter", "month"
LENGTH_IN_MONTHS = {YEAR: 12, QUARTER: 3, MONTH: 1}
YEARS_BACK = 5  # how far back the period choice goes
_CODE = re.compile(r"^(?P<year>\d{4})(?:-(?:(?:K|Q)(?P<quarter>[1-4])|(?P<month>0[1-9]|1[0-2])))?$")


@dataclass(frozen=True)
class Period:
    kind: str
    start: date  # the first day
    end: date  # the first day after

    @property
    def code(self) -> str:
        if self.kind == YEAR:
            return str(self.start.year)
        if self.kind == QUARTER:
            return f"{self.start.year}-K{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def label(self) -> str:
        if self.kind == YEAR:
            return str(self.start.year)
        if self.kind == QUARTER:
            return f"{self.start.year} K{(self.start.month - 1) // 3 + 1}"
        return date_format(self.start, "F Y")

    def previous(self) -> "Period":
        months = LENGTH_IN_MONTHS[self.kind]
        return Period(self.kind, add_months(self.start, -months), self.start)

    def months(self) -> list[date]:
        """The first day of every month in the period."""
        return [add_months(self.start, n) for n in range(LENGTH_IN_MONTHS[self.kind])]

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end


def period_of(kind: str, year: int, number: int = 1) -> Period:
    """The year, its quarter `number` or its month `number`."""
    months = LENGTH_IN_MONTHS[kind]
    start = date(year, 1 + (number - 1) * months, 1) if kind != YEAR else date(year, 1, 1)
    return Period(kind, start, add_months(start, months))


def parse_period(code: str) -> Period | None:
    """`2026`, `2026-K2` (or `2026-Q2`) or `2026-03`; None when it is none of these."""
    found = _CODE.match((code or "").strip().upper())
    if not found:
        return None
    year = int(found["year"])
    if not 2000 <= year <= 2999:
        return None
    if found["quarter"]:
        return period_of(QUARTER, year, int(found["quarter"]))
    if found["month"]:
        return period_of(MONTH, year, int(found["month"]))
    return period_of(YEAR, year)


def default_period(today: date) -> Period:
    """The current year: the council's figures so far this year."""
    return period_of(YEAR, today.year)


def period_choices(today: date, years_back: int = YEARS_BACK) -> list[tuple[str, list]]:
    """Choices for a select, grouped per year (newest first): the year, its quarters and
    its months, none that starts after today. Made once per day and language."""
    return [
        (year, list(options))
        for year, options in _period_choices(today, years_back, get_language())
    ]


@lru_cache(maxsize=8)
def _period_choices(today: date, years_back: int, language: str) -> tuple:
    groups = []
    for year in range(today.year, today.year - years_back - 1, -1):
        periods = [period_of(YEAR, year)]
        periods += [period_of(QUARTER, year, n) for n in range(4, 0, -1)]
        periods += [period_of(MONTH, year, n) for n in range(12, 0, -1)]
        options = [
            (
                p.code,
                _("%(period)s (whole year)") % {"period": p.label} if p.kind == YEAR else p.label,
            )
            for p in periods
            if p.start <= today
        ]
        groups.append((str(year), tuple(options)))
    return tuple(groups)
