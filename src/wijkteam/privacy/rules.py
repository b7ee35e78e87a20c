"""Retention: when a closed file is due for destruction. Pure functions.

A file is kept for a number of years after it was closed (the Jeugdwet asks twenty years
for youth-care files; a municipality sets each period in the settings,
docs/operations.md). It is due on the day that many years after closing, and destroyed
by the first run of the retention job on or after that day.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from wijkteam.core.rules import add_months


@dataclass(frozen=True)
class RetentionRule:
    code: str  # stable, stored on every destruction record
    years: int


def destruction_due_on(closed_on: date, years: int) -> date:
    """The first day on which a file closed on `closed_on` may be destroyed."""
    return add_months(closed_on, 12 * years)


def is_due(closed_on: date | None, today: date, years: int) -> bool:
    """A closed file whose retention period has passed; an open file never is."""
    return closed_on is not None and destruction_due_on(closed_on, years) <= today


def candidate_bound(today: date, years: int) -> date:
    """Every file due today was closed before this day (a cheap database filter; the
    candidates are then checked with `is_due`, which decides at month ends)."""
    return add_months(today, -12 * years) + timedelta(days=3)


def last_due_day(today: date, years: int) -> date:
    """The last closing day whose file is due today: every file closed on or before it is
    due, none after it (exact at month ends, so the database can count what is due)."""
    day = candidate_bound(today, years)
    while not is_due(day, today, years):
        day -= timedelta(days=1)
    return day
