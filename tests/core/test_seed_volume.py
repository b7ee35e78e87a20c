"""The volume data generator: shares, valid data, unique references, views still work."""

import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from wijkteam.accounts.models import User
from wijkteam.audit.models import AuditEntry
from wijkteam.cases.models import (
    DIRECT_REFERRAL_CHANNELS,
    OPEN_STATUSES,
    Case,
    CaseEvent,
    CaseStatus,
    Channel,
    ContactMoment,
    ContactPresence,
    Intake,
    WorkerAssignment,
)
from wijkteam.core.management.volume import FLOW, Lifecycle, plan_lifecycle, valid_bsns
from wijkteam.core.management.volume_names import NamePicker, surname_pool
from wijkteam.people.models import Household, Membership, Resident
from wijkteam.people.rules import is_test_bsn, passes_eleven_check
from wijkteam.plans.models import Action, Goal, PlanStatus, SupportPlan

from ..conftest import sign_in

CASES = 300


def _seed(cases=CASES, seed=3) -> str:
    out = StringIO()
    call_command("seed_volume", cases=cases, seed=seed, stdout=out)
    return out.getvalue()


@pytest.fixture
def volume(db):
    return _seed()


def test_counts_and_rows_per_second(volume):
    assert "rows/s" in volume
    assert Case.objects.count() == CASES
    assert Intake.objects.count() == CASES
    households = Household.objects.count()
    assert CASES / 1.6 < households <= CASES
    residents = Resident.objects.count()
    assert 2.2 < residents / households < 3.0  # about 2.6 persons per household
    assert Membership.objects.count() == residents
    assert CaseEvent.objects.count() >= 2 * CASES
    assert WorkerAssignment.objects.exists()
    assert ContactMoment.objects.exists() and ContactPresence.objects.exists()
    assert AuditEntry.objects.count() >= 2 * CASES + households
    # Per team a lead and 25 case workers; one analyst.
    assert User.objects.filter(username__startswith="volume.").count() == 5 * 26 + 1


def test_every_channel_and_status_with_planned_shares(volume):
    channels = Counter(Intake.objects.values_list("channel", flat=True))
    assert set(channels) == set(Channel.values)
    direct = sum(channels[c] for c in DIRECT_REFERRAL_CHANNELS) / CASES
    assert 0.05 <= direct <= 0.25
    # Ten years of cases: the open ones are those of the last months (every status
    # appears in a larger sample: test_lifecycles_reach_every_status).
    statuses = Counter(Case.objects.values_list("status", flat=True))
    assert 0.85 <= statuses[CaseStatus.CLOSED] / CASES <= 0.99
    assert sum(statuses[s] for s in OPEN_STATUSES) > 0
    years = {d.year for d in Case.objects.values_list("registered_at", flat=True)}
    assert len(years) >= 8  # spread over ten years
    assert Case.objects.values("team").distinct().count() == 5


def test_bsns_valid_unique_and_outside_the_test_range(volume):
    bsns = list(Resident.objects.values_list("bsn", flat=True))
    assert len(bsns) == len(set(bsns))
    assert all(passes_eleven_check(bsn) and not is_test_bsn(bsn) for bsn in bsns)


def test_valid_bsns_are_every_valid_number_in_order():
    generated = []
    for bsn in valid_bsns(100_000_000):
        if int(bsn) > 100_002_000:
            break
        generated.append(bsn)
    expected = [str(n) for n in range(100_000_000, 100_002_001) if passes_eleven_check(str(n))]
    assert generated == expected


def test_every_case_has_an_intake_and_a_household_of_its_teams_district(volume):
    assert not Case.objects.filter(intakes__isnull=True).exists()
    for district_id, team_district_id in Case.objects.values_list(
        "household__district_id", "team__district_id"
    ):
        assert district_id == team_district_id
    closed = Case.objects.filter(status=CaseStatus.CLOSED)
    assert not closed.filter(closed_at__isnull=True).exists()
    assigned = Case.objects.filter(worker__isnull=False)
    assert WorkerAssignment.objects.filter(case__in=assigned).count() == assigned.count()


def test_references_unique_and_apart_from_counter_references(volume):
    cases = list(Case.objects.values_list("reference", flat=True))
    intakes = list(Intake.objects.values_list("reference", flat=True))
    assert len(set(cases)) == len(cases) and len(set(intakes)) == len(intakes)
    assert all(r.startswith("VT-") for r in cases)
    assert all(r.startswith("VA-") for r in intakes)


def test_running_again_continues_numbering(volume):
    _seed(cases=20, seed=4)
    assert Case.objects.count() == CASES + 20
    assert Case.objects.values("reference").distinct().count() == CASES + 20
    bsns = list(Resident.objects.values_list("bsn", flat=True))
    assert len(bsns) == len(set(bsns))
    # New rows after explicit ids: the sequences moved on, so ordinary saves still work.
    household = Household.objects.create(
        name="Familie Na", district=Case.objects.first().household.district
    )
    assert household.pk > 0


def test_views_work_on_volume_data(volume, client):
    worker = (
        User.objects.filter(username__startswith="volume.", team__isnull=False)
        .exclude(username__endswith=".lead")
        .first()
    )
    sign_in(client, worker)
    response = client.get(reverse("people:household_list"))
    assert response.status_code == 200
    household = Household.objects.filter(district=worker.team.district).first()
    response = client.get(reverse("people:household_detail", args=[household.pk]))
    assert response.status_code == 200
    case = Case.objects.filter(team=worker.team).first()
    response = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert response.status_code == 200


def test_cases_in_support_have_a_plan_with_goals_and_actions(volume, client):
    supported = Case.objects.filter(status__in=[CaseStatus.IN_PROGRESS, CaseStatus.CLOSING])
    plans = SupportPlan.objects.all()
    assert plans.exists()
    # A plan for a case that reached support, open while the case is (one per household).
    assert not plans.exclude(case__worker__isnull=False).exists()
    assert not plans.filter(status=PlanStatus.CLOSED, case__status__in=OPEN_STATUSES).exists()
    assert not plans.filter(case__status=CaseStatus.CLOSED).exclude(status="closed").exists()
    assert (
        not supported.filter(support_plans__isnull=True)
        .exclude(household__support_plans__closed_at__isnull=True)
        .exists()
    )
    assert Goal.objects.count() >= plans.count() and Action.objects.count() == Goal.objects.count()
    assert not plans.filter(goals__isnull=True).exists()
    # The plan page and the goal form work on them, for the case's worker.
    plan = plans.filter(status=PlanStatus.DRAFT).select_related("case__worker").first()
    sign_in(client, plan.case.worker)
    assert client.get(reverse("plans:plan", args=[plan.pk])).status_code == 200
    goal = plan.goals.first()
    assert client.get(reverse("plans:goal", args=[plan.pk, goal.pk])).status_code == 200


NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


@given(seed=st.integers(0, 10_000), days_ago=st.floats(0.05, 3650))
def test_a_lifecycle_moves_forward_and_never_past_now(seed, days_ago):
    life = plan_lifecycle(random.Random(seed), NOW - timedelta(days=days_ago), NOW)
    steps = [
        life.registered_at,
        life.triage_at,
        life.triaged_at,
        life.assigned_at,
        life.in_progress_at,
        life.closing_at,
        life.closed_at,
    ]
    reached = [moment for moment in steps if moment is not None]
    assert reached == sorted(reached) and reached[-1] <= NOW
    # A step is only reached after the one before it.
    assert all(steps[i] is not None for i, moment in enumerate(steps) if moment)
    if life.closed_at_triage:
        assert life.assigned_at is None and life.status in (
            CaseStatus.REGISTERED,
            CaseStatus.TRIAGE,
            CaseStatus.CLARIFICATION,
            CaseStatus.CLOSED,
        )
    assert life.status in FLOW
    assert (life.status == CaseStatus.CLOSED) == (life.closed_at is not None)


def _lifecycles(count: int) -> list[Lifecycle]:
    rng = random.Random(5)
    return [
        plan_lifecycle(rng, NOW - timedelta(seconds=rng.randrange(3650 * 86400)), NOW)
        for _ in range(count)
    ]


def test_lifecycles_reach_every_status_with_realistic_shares():
    statuses = Counter(life.status for life in _lifecycles(40_000))
    assert set(statuses) == set(CaseStatus.values)
    assert 0.03 <= sum(statuses[s] for s in OPEN_STATUSES) / 40_000 <= 0.08
    waiting = statuses[CaseStatus.REGISTERED] + statuses[CaseStatus.TRIAGE]
    assert 0.0005 <= waiting / 40_000 <= 0.005


def test_surnames_are_many_and_drawn_like_real_ones():
    pool = surname_pool()
    assert len(pool) > 1000 and len(set(pool)) == len(pool)
    picker = NamePicker(random.Random(1))
    drawn = Counter(picker.surname() for _ in range(50_000))
    assert drawn.most_common(1)[0][1] / 50_000 < 0.03  # no city of Jansens
    assert len(drawn) > 900
