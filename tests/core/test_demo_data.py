"""The demo data: every role, VOG states to show warnings, valid test BSNs, repeatable."""

from collections import Counter
from datetime import date
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.accounts.queries import youth_case_verdict
from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry
from wijkteam.cases.models import (
    DIRECT_REFERRAL_CHANNELS,
    OPEN_STATUSES,
    Case,
    Channel,
    Intake,
    ReferenceCounter,
    WorkerAssignment,
)
from wijkteam.cases.queries import my_cases, waiting_list
from wijkteam.core.management.demo_cases import channel_deck
from wijkteam.people.models import Household, Resident
from wijkteam.people.rules import is_test_bsn, passes_eleven_check

from ..allocation_helpers import wipe_allocation


def _seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def _snapshot():
    return sorted(
        Resident.objects.values_list(
            "bsn", "given_names", "surname", "birth_date", "district__code"
        )
    )


def _case_snapshot():
    return sorted(
        Intake.objects.values_list(
            "case__reference",
            "reference",
            "channel",
            "case__status",
            "case__urgency",
            "case__household__name",
            "case__worker__username",
            "help_question",
        )
    )


def _wipe_families():
    """Remove households, residents and their cases, and restart the reference counters."""
    wipe_allocation()  # decisions and iJw messages protect their case
    Intake.objects.all().delete()  # intakes protect their case
    Case.objects.all().delete()
    ReferenceCounter.objects.all().delete()
    Household.objects.all().delete()
    Resident.objects.all().delete()


def test_demo_data_is_complete_idempotent_and_deterministic(db):
    output = _seed(seed=7, households=12)
    assert "http://127.0.0.1:8000" in output
    for role in Role:
        assert User.objects.filter(groups__name=role.value, is_demo_account=True).exists()
    assert Household.objects.count() == 12
    assert {h.district.code for h in Household.objects.select_related("district")} >= {"binnenstad"}
    assert all(
        passes_eleven_check(b) and is_test_bsn(b)
        for b in Resident.objects.values_list("bsn", flat=True)
    )

    codes = {
        code
        for user in User.objects.prefetch_related("certificates")
        for code in youth_case_verdict(user, date.today()).codes
    }
    assert {"vog_missing", "vog_expired"} <= codes
    assert any(youth_case_verdict(u, date.today()).warnings for u in User.objects.all())

    first = _snapshot()
    _seed(seed=7, households=12)
    assert _snapshot() == first  # running it twice changes nothing
    assert User.objects.filter(username="jeugdwerker").count() == 1


def test_same_seed_gives_same_households(db):
    _seed(seed=3, households=5)
    first = _snapshot()
    _wipe_families()
    _seed(seed=3, households=5)
    assert _snapshot() == first


def test_demo_cases_in_every_channel_with_a_waiting_list_and_my_work(db):
    output = _seed(seed=5, households=60, quiet_logins=True)
    assert "via GP or medical specialist" in output
    intakes = list(Intake.objects.values_list("channel", flat=True))
    assert set(intakes) == set(Channel.values)
    direct = sum(channel in DIRECT_REFERRAL_CHANNELS for channel in intakes)
    assert 0.05 <= direct / len(intakes) <= 0.25
    statuses = Counter(Case.objects.values_list("status", flat=True))
    assert statuses["closed"] and sum(statuses[s] for s in OPEN_STATUSES)
    # Households with a case: most, not all; some with an earlier, closed case.
    per_household = Counter(Case.objects.values_list("household_id", flat=True))
    assert 0.5 * 60 <= len(per_household) <= 0.9 * 60
    assert any(count == 2 for count in per_household.values())

    lead = User.objects.get(username="teamleider")
    queue = waiting_list(lead)
    assert 4 <= len(queue) <= 6
    assert {row.case.urgency for row in queue} >= {"regular", "urgent"}
    assert any(row.norm.breached for row in queue)
    assert any(row.case.support_count for row in queue)

    mine = my_cases(User.objects.get(username="jeugdwerker"))
    assert 3 <= len(mine) <= 5
    assert any(row.norm.breached and row.norm.met_on is None for row in mine)

    # Every assignment went to a worker with a current VOG on that day, through the
    # services, and everything is audited as the seed.
    for assignment in WorkerAssignment.objects.select_related("worker"):
        day = timezone.localdate(assignment.assigned_at)
        assert youth_case_verdict(assignment.worker, day).allowed
    assert AuditEntry.objects.filter(object_type="cases.case", actor_username="seed_demo").count()
    assert not Case.objects.filter(registered_at__gt=timezone.now()).exists()

    cases = _case_snapshot()
    _seed(seed=5, households=60, quiet_logins=True)
    assert _case_snapshot() == cases  # a second run adds no cases


def test_same_seed_gives_same_cases(db):
    _seed(seed=4, households=15, quiet_logins=True)
    first = _case_snapshot()
    assert first
    _wipe_families()
    _seed(seed=4, households=15, quiet_logins=True)
    assert _case_snapshot() == first


def test_channel_deck_has_planned_shares():
    deck = channel_deck(40)
    assert len(deck) == 40 and set(deck) == set(Channel.values)
    assert sum(channel in DIRECT_REFERRAL_CHANNELS for channel in deck) == 5  # one in eight
    assert len(channel_deck(3)) == 3
