"""Two refreshes of the monthly figures at the same moment (the nightly job and a manual
`refresh_figures`, or two servers), each with its own database connection: they take
turns, so every figure is stored once — not counted twice."""

from datetime import date

import pytest

from wijkteam.insights.models import MonthlyFigure
from wijkteam.insights.periods import parse_period
from wijkteam.insights.snapshot import counts_for, refresh

from ..security.race import race
from . import known

pytestmark = pytest.mark.postgres
START = date(2026, 1, 1)


def test_two_refreshes_at_once_store_every_figure_once(transactional_db, postgres, world):
    known.build(world)
    refresh(START, known.APRIL, today=known.TODAY)
    alone = MonthlyFigure.objects.count()
    registered = counts_for(parse_period("2026-K1")).get("cases.registered")
    assert alone > 0 and registered > 0

    outcomes = race(*(lambda: refresh(START, known.APRIL, today=known.TODAY),) * 3)

    assert all(outcome.ok for outcome in outcomes), [o.error for o in outcomes]
    assert MonthlyFigure.objects.count() == alone
    assert counts_for(parse_period("2026-K1")).get("cases.registered") == registered
