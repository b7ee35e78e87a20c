"""`first_and_total`: the first rows of a work list and how many there are, in one query."""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from wijkteam.cases.models import Case, CaseStatus
from wijkteam.core.worklists import first_and_total


def _cases(world, count):
    now = timezone.now()
    Case.objects.bulk_create(
        Case(
            reference=f"WT-2026-5{n:05d}",
            household=world.household,
            team=world.team,
            status=CaseStatus.CLARIFICATION,
            registered_at=now - timedelta(days=n),
        )
        for n in range(count)
    )


def test_the_first_rows_and_the_total_in_one_query(world, django_assert_num_queries):
    _cases(world, 7)
    cases = Case.objects.filter(reference__startswith="WT-2026-5").order_by("reference")
    with django_assert_num_queries(1):
        rows, total = first_and_total(cases, 3)
    assert [case.reference for case in rows] == list(cases.values_list("reference", flat=True)[:3])
    assert total == 7 == cases.count()


def test_the_total_counts_what_is_not_shown(world):
    _cases(world, 2)
    cases = Case.objects.filter(reference__startswith="WT-2026-5").order_by(F("reference").desc())
    rows, total = first_and_total(cases, 25)
    assert len(rows) == total == 2
    assert first_and_total(cases.filter(reference="none"), 25) == ([], 0)
    # Only the number: no rows.
    assert first_and_total(cases, 0) == ([], 2)
