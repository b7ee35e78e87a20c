"""Shared shapes for domain rules: a verdict with reasons that a person can read."""

import calendar
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Reason:
    """Why a rule says no (or warns). `code` is stable for machines, `message` is Dutch."""

    code: str
    message: str


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reasons: tuple[Reason, ...] = ()
    warnings: tuple[Reason, ...] = field(default=())

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)

    @property
    def message(self) -> str:
        return " ".join(reason.message for reason in self.reasons)


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day where that day does not exist."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))


def suppress_small_count(count: int, threshold: int) -> str:
    """Show a count, or "<threshold" when it is above zero but below the threshold.

    Zero is shown as 0: it identifies nobody. Used everywhere aggregates are shown.
    """
    if 0 < count < threshold:
        return f"<{threshold}"
    return str(count)
