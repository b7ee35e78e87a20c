"""The first-contact norm computed by the database (to sort and count long lists) is the
norm of `rules.first_contact_norm`, on SQLite and PostgreSQL alike."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.cases.models import Case, CaseStatus, Urgency
from wijkteam.cases.queries import (
    EPOCH,
    MY_CASES_ORDER,
    my_cases,
    response_norms,
    waiting_list,
    with_first_contact_norm,
)
from wijkteam.cases.rules import first_contact_norm

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TODAY = date(2026, 3, 18)  # a Wednesday


def _cases(world, worker=None):
    """Every urgency, registered on each day of two weeks, early and late in the day (the
    local date counts, not UTC's), some with a first contact (on time or late)."""
    cases = []
    for offset in range(14):
        day = TODAY - timedelta(days=offset + 1)
        for urgency in Urgency:
            for moment in (time(0, 30), time(23, 30)):
                number = len(cases)
                contact = (
                    None if number % 3 == 0 else day + timedelta(days=1 + number % 9)
                )  # fmt: skip
                cases.append(
                    Case(
                        reference=f"WT-2026-7{number:05d}",
                        household=world.household,
                        team=world.team,
                        worker=worker,
                        urgency=urgency,
                        status=CaseStatus.TRIAGE,
                        registered_at=datetime.combine(day, moment, AMSTERDAM),
                        first_contact_on=contact,
                    )
                )
    return Case.objects.bulk_create(cases)


@pytest.mark.parametrize(
    ("crisis", "urgent", "regular"), [(0, 2, 5), (1, 3, 10), (0, 0, 0), (2, 7, 15)]
)
def test_deadline_and_breach_match_the_rule(world, settings, crisis, urgent, regular):
    settings.WIJKTEAM_NORM_CRISIS_WORKING_DAYS = crisis
    settings.WIJKTEAM_NORM_URGENT_WORKING_DAYS = urgent
    settings.WIJKTEAM_NORM_REGULAR_WORKING_DAYS = regular
    _cases(world)
    norms = response_norms()
    rows = with_first_contact_norm(Case.objects.all(), TODAY)
    assert len(rows) == 14 * 3 * 2 + 2
    for case in rows:
        expected = first_contact_norm(
            case.urgency,
            timezone.localdate(case.registered_at),
            case.first_contact_on,
            TODAY,
            norms,
        )
        assert case.due_day == (expected.due - EPOCH).days, case.registered_at
        assert case.on_time == (0 if expected.breached else 1)
        assert case.contact_made == (1 if expected.met_on else 0)


def _python_order(rows):
    return sorted(
        rows, key=lambda r: (r.norm.met_on is not None, not r.norm.breached, r.norm.due, r.case.pk)
    )


def test_my_cases_pages_follow_the_norm_order(world, monkeypatch):
    worker = world.users[Role.CASE_WORKER]
    _cases(world, worker=worker)
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY if not args else _local(*args))
    pages, queue = [], my_cases(worker, TODAY, size=25)
    while True:
        pages.extend(queue.rows)
        if not queue.page.next_after:
            break
        queue = my_cases(worker, TODAY, after=queue.page.next_after, size=25)
    assert len(pages) == Case.objects.filter(worker=worker).count()
    assert [r.case.pk for r in pages] == [r.case.pk for r in _python_order(pages)]
    breached = sum(1 for r in pages if r.norm.breached and not r.norm.met_on)
    assert queue.breached == breached
    assert MY_CASES_ORDER[-1] == "pk"


def _local(value, *args):
    return value.astimezone(AMSTERDAM).date()


def test_waiting_list_counts_every_breach_not_only_the_page(world):
    _cases(world)
    lead = world.users[Role.TEAM_LEAD]
    queue = waiting_list(lead, TODAY, size=10)
    assert len(queue.rows) == 10 and queue.page.next_after
    every = list(waiting_list(lead, TODAY, size=1000).rows)
    assert queue.breached == sum(1 for r in every if r.norm.breached)
    assert [r.case.registered_at for r in every] == sorted(r.case.registered_at for r in every)


def test_my_work_pages_with_links_that_carry_only_ids(world, client_as):
    worker = world.users[Role.CASE_WORKER]
    _cases(world, worker=worker)
    client = client_as(Role.CASE_WORKER)
    first = client.get(reverse("core:my_work")).content.decode()
    assert first.count('href="/casussen/') >= 25 or first.count("/casussen/") >= 25
    assert 'rel="next"' in first and "?after=" in first
    after = first.split("?after=")[1].split("#")[0].split('"')[0]
    assert after.isdigit()
    second = client.get(reverse("core:my_work"), {"after": after}).content.decode()
    assert 'rel="prev"' in second
