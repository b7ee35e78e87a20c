"""The demo plans: every situation the issue names is there, made through the services,
and a second run adds nothing."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.audit.models import AuditEntry
from wijkteam.catalogue.models import CommunityOffer
from wijkteam.core.rules import add_months
from wijkteam.plans import queries
from wijkteam.plans.models import (
    Closure,
    CommunityReferral,
    Evaluation,
    PlanStatus,
    SupportPlan,
    Transition18,
)
from wijkteam.plans.rules import eighteenth_birthday


def _seed():
    call_command("seed_demo", seed=1, households=40, quiet_logins=True, stdout=StringIO())


def _snapshot():
    return (
        sorted(SupportPlan.objects.values_list("case__reference", "status", "agreed_version")),
        sorted(Evaluation.objects.values_list("plan__case__reference", "kind", "team_present")),
        CommunityOffer.objects.count(),
    )


def test_the_demo_shows_every_part_of_the_plan(db):
    _seed()
    today = timezone.localdate()
    worker = User.objects.get(username="jeugdwerker")
    lead = User.objects.get(username="teamleider")
    assert CommunityOffer.objects.count() >= 12
    assert SupportPlan.objects.filter(status=PlanStatus.AGREED).count() >= 3
    assert SupportPlan.objects.filter(status=PlanStatus.DRAFT).exists()
    assert all(plan.goals.exists() and plan.actions.exists() for plan in SupportPlan.objects.all())

    # The demo team lead and the demo worker see the plan work of their team.
    assert any(row.overdue for row in queries.evaluations_due(lead, today, whole_team=True))
    assert queries.own_support_past_bound(lead, today, whole_team=True)
    assert queries.open_escalations(lead, today, whole_team=True)
    mine = queries.plan_work(worker, today)
    assert mine.evaluations and mine.own_support and mine.escalations
    # Elsewhere: an evaluation due soon, one held without the team, a referral, a closure,
    # a young person turning 18 within six months.
    dues = queries._evaluation_dues(list(SupportPlan.objects.all()))
    assert any(today <= due.due_on <= today + timedelta(days=30) for due in dues.values())
    assert Evaluation.objects.filter(team_present=False).exists()
    assert CommunityReferral.objects.filter(warm_handover=True).exists()
    closure = Closure.objects.select_related("plan__case").get()
    assert closure.reason_code == "31" and closure.plan.case.status == "closed"
    youth = Transition18.objects.select_related("youth").get().youth
    assert today < eighteenth_birthday(youth.birth_date) <= add_months(today, 6)
    assert AuditEntry.objects.filter(object_type="plans.supportplan", actor_username="seed_demo")

    first = _snapshot()
    _seed()
    assert _snapshot() == first
