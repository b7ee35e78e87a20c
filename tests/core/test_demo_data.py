"""The demo data: every role, VOG states to show warnings, valid test BSNs, repeatable."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from wijkteam.accounts.models import User
from wijkteam.accounts.queries import youth_case_verdict
from wijkteam.accounts.roles import Role
from wijkteam.people.models import Household, Resident
from wijkteam.people.rules import is_test_bsn, passes_eleven_check


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
    Household.objects.all().delete()
    Resident.objects.all().delete()
    _seed(seed=3, households=5)
    assert _snapshot() == first
