"""The demo plans: every situation the issue names is there, made through the services,
and a second run adds nothing."""

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
    assert SupportPlan.objects.filter(status=PlanStatus.AGREED).count() >= 2
    assert SupportPlan.objects.filter(status=PlanStatus.DRAFT).exists()
    assert all(plan.goals.exists() and plan.actions.exists() for plan in SupportPlan.objects.all())

    # Everything is in the demo team: the team lead sees it all, the demo worker most.
    work = queries.plan_work(lead, today, whole_team=True)
    assert any(row.overdue for row in work.evaluations)
    assert any(not row.overdue for row in work.evaluations)  # due within a month
    assert work.own_support and work.escalations and work.transitions
    mine = queries.plan_work(worker, today)
    assert mine.evaluations and mine.escalations and mine.own_support
    assert Evaluation.objects.filter(team_present=False).exists()
    assert CommunityReferral.objects.filter(warm_handover=True).exists()
    closure = Closure.objects.select_related("plan__case").get()
    assert closure.reason_code == "31" and closure.plan.case.status == "closed"
    youth = Transition18.objects.select_related("youth").get().youth
    assert today < eighteenth_birthday(youth.birth_date) <= add_months(today, 6)
    assert not SupportPlan.objects.exclude(household__district__code="binnenstad").exists()
    agreed = SupportPlan.objects.filter(status=PlanStatus.AGREED).select_related("case")
    assert any(queries.repeated_call_for_case(plan.case) for plan in agreed)
    assert AuditEntry.objects.filter(object_type="plans.supportplan", actor_username="seed_demo")

    first = _snapshot()
    _seed()
    assert _snapshot() == first
