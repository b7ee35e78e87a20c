"""The volume data generator: shares, valid data, unique references, views still work."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from wijkteam.accounts.models import User
from wijkteam.audit.models import AuditEntry
from wijkteam.cases.models import (
    DIRECT_REFERRAL_CHANNELS,
    Case,
    CaseEvent,
    CaseStatus,
    Channel,
    ContactMoment,
    ContactPresence,
    Intake,
    WorkerAssignment,
)
from wijkteam.core.management.volume import valid_bsns
from wijkteam.people.models import Household, Membership, Resident
from wijkteam.people.rules import is_test_bsn, passes_eleven_check

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
    assert User.objects.filter(username__startswith="volume.").count() == 5 * 11


def test_every_channel_and_status_with_planned_shares(volume):
    channels = Counter(Intake.objects.values_list("channel", flat=True))
    assert set(channels) == set(Channel.values)
    direct = sum(channels[c] for c in DIRECT_REFERRAL_CHANNELS) / CASES
    assert 0.05 <= direct <= 0.25
    statuses = Counter(Case.objects.values_list("status", flat=True))
    assert set(statuses) == set(CaseStatus.values)
    assert 0.6 <= statuses[CaseStatus.CLOSED] / CASES <= 0.8
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
