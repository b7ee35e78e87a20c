"""The support plan and the allocation together: an issued decision makes the plan's
evaluation fall due halfway through its period (issue 5, item 4)."""

from datetime import timedelta

from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.plans import services
from wijkteam.plans.queries import evaluation_due_for
from wijkteam.plans.rules import DueBasis, decision_midpoint

from ..allocation_helpers import catalogue, issued, ready_case
from ..plans.helpers import agreed_plan, record_child_voice


def test_an_issued_decision_brings_the_evaluation_forward_to_its_midpoint(world):
    ready_case(world)
    record_child_voice(world)
    plan, _goal = agreed_plan(world)
    assert evaluation_due_for(plan).basis == DueBasis.INTERVAL  # a year after agreement
    start = timezone.localdate() + timedelta(days=1)
    decision = issued(world, catalogue()["ambulant"], start=start, days=180)
    due = evaluation_due_for(plan)
    assert due.basis == DueBasis.DECISION
    assert due.due_on == decision_midpoint(decision.start_date, decision.end_date)


# --- The plan and the client-experience survey (quality) -------------------------------


def test_a_closure_by_survey_gives_the_family_a_single_use_link(world, client_as):
    from django.urls import reverse

    from wijkteam.cases.models import Case, CaseStatus
    from wijkteam.quality.models import SurveyInvitation, SurveyOccasion

    from ..plans.helpers import agreed_plan as _agreed

    plan, goal = _agreed(world)
    client = client_as(Role.CASE_WORKER)
    response = client.post(
        reverse("plans:closure", args=[plan.pk]),
        {
            "version": plan.version,
            "reason_code": "31",
            "closed_on": timezone.localdate().isoformat(),
            f"result_{goal.pk}": "reached",
            "scaled_down_to": "community",
            "scaled_down_note": "Opvoedspreekuur Noord",
            "experience_request": "survey_email",
        },
    )
    invitation = SurveyInvitation.objects.get(case=world.case)
    assert invitation.occasion == SurveyOccasion.CLOSURE
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "quality:survey_link", args=[world.case.pk, invitation.pk]
    )
    link_page = client.get(response["Location"]).content.decode()
    assert "/ervaring/" in link_page
    assert Case.objects.get(pk=world.case.pk).status == CaseStatus.CLOSED


def test_a_closure_asked_in_conversation_makes_no_link(world):
    from wijkteam.quality.models import SurveyInvitation

    from ..plans.helpers import CTX
    from ..plans.test_services import closure_input

    plan, goal = agreed_plan(world)
    closure = services.close_plan(
        CTX,
        plan,
        closure_input(goal, experience_request="conversation"),
        actor=world.users[Role.CASE_WORKER],
        roles=["case_worker"],
        expected_version=plan.version,
    )
    assert closure.survey is None and not SurveyInvitation.objects.exists()


def test_an_evaluation_may_give_the_survey_link(world, client_as):
    from django.urls import reverse

    from wijkteam.quality.models import SurveyInvitation, SurveyOccasion

    plan, goal = agreed_plan(world)
    client = client_as(Role.BEHAVIOURAL_EXPERT)
    response = client.post(
        reverse("plans:evaluation_new", args=[plan.pk]),
        {
            "version": plan.version,
            "kind": "interim",
            "held_on": timezone.localdate().isoformat(),
            "team_members": [str(world.users[Role.BEHAVIOURAL_EXPERT].pk)],
            f"result_{goal.pk}": "partly",
            "decision": "continue",
            "invite_survey": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    invitation = SurveyInvitation.objects.get(case=world.case)
    assert invitation.occasion == SurveyOccasion.EVALUATION
    assert "/ervaring/" in client.get(response["Location"]).content.decode()
