"""The support plan and the allocation together: an issued decision makes the plan's
evaluation fall due halfway through its period (issue 5, item 4)."""

from datetime import timedelta

from django.utils import timezone

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
