"""The plan's services with the database: the gates, concurrency, evaluations, closure,
own support, escalation, the transition at 18 and the work lists."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry
from wijkteam.cases import services as case_services
from wijkteam.cases.models import Case, CaseEvent, CaseStatus, ContactMoment
from wijkteam.cases.queries import timeline
from wijkteam.core.errors import ConcurrentEditError, RuleViolation
from wijkteam.core.rules import add_months
from wijkteam.people.models import MemberRole
from wijkteam.plans import queries, services
from wijkteam.plans.models import (
    Closure,
    EscalationStatus,
    OwnSupportStatus,
    PlanStatus,
    SupportPlan,
)

from ..factories import MembershipFactory
from .helpers import (
    CTX,
    agreed_plan,
    agreement,
    case_in_progress,
    child_of,
    offer,
    own_support,
    plan_with_goal,
    record_child_voice,
    record_safety,
)


def test_a_plan_is_not_agreed_without_the_childs_voice_and_safety(world):
    plan, _goal = plan_with_goal(world, gates=False)
    worker = world.users[Role.CASE_WORKER]
    with pytest.raises(RuleViolation) as refused:
        services.agree_plan(
            CTX, plan, agreement(world), actor=worker, expected_version=plan.version
        )
    codes = refused.value.verdict.codes
    assert "child_voice_missing" in codes and "safety_assessment_missing" in codes
    record_child_voice(world)
    with pytest.raises(RuleViolation) as refused:
        services.agree_plan(
            CTX, plan, agreement(world), actor=worker, expected_version=plan.version
        )
    assert refused.value.verdict.codes == ("safety_assessment_missing",)
    record_safety(world)
    version = services.agree_plan(
        CTX, plan, agreement(world), actor=worker, expected_version=plan.version
    )
    plan.refresh_from_db()
    assert (plan.status, plan.agreed_version, version.number) == (PlanStatus.AGREED, 1, 1)
    assert version.snapshot["goals"][0]["result"] == "Noor gaat elke dag weer naar school."
    assert version.agreement.parents.count() == 1 and version.agreement.children.count() == 1
    assert AuditEntry.objects.filter(object_type="plans.planagreement", action="create").exists()


def test_a_second_concurrent_edit_of_a_plan_is_a_conflict_and_loses_nothing(world):
    plan, goal = plan_with_goal(world)
    worker = world.users[Role.CASE_WORKER]
    opened_at = plan.version
    first = services.GoalInput(
        person_id=None,
        life_domain_id=goal.life_domain_id,
        result="Vader en moeder maken minder ruzie.",
        indicator="Geen harde ruzies meer in een maand.",
        priority="next",
    )
    services.save_goal(CTX, plan, first, actor=worker, expected_version=opened_at)
    second = services.CoordinationInput(
        coordinator_id=worker.pk,
        process_coordination="team",
        process_coordination_by="",
        content_coordination="provider",
        content_coordination_by="Jeugdhulp Oost",
        court_measure=False,
        summary="Een tweede tekst.",
    )
    with pytest.raises(ConcurrentEditError):
        services.update_coordination(CTX, plan, second, actor=worker, expected_version=opened_at)
    plan.refresh_from_db()
    assert plan.goals.count() == 2  # the first edit is kept
    assert plan.content_coordination == "team" and plan.summary == "Rust in huis."


def test_a_change_after_agreement_is_shown_against_the_agreed_version(world):
    plan, goal = agreed_plan(world)
    worker = world.users[Role.CASE_WORKER]
    services.drop_goal(CTX, plan, goal, actor=worker, expected_version=plan.version)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AMENDED
    picture = queries.plan_picture(plan, timezone.localdate())
    assert {change.kind for change in picture.changed_since_agreement} == {"removed"}


def test_one_open_plan_per_family(world):
    plan, _goal = plan_with_goal(world)
    with pytest.raises(RuleViolation) as refused:
        services.start_plan(CTX, world.case, actor=world.users[Role.CASE_WORKER])
    assert refused.value.verdict.codes == ("plan_exists",)


def test_an_evaluation_without_the_team_present_warns(world):
    plan, goal = agreed_plan(world)
    evaluation = services.record_evaluation(
        CTX,
        plan,
        services.EvaluationInput(
            kind="interim",
            held_on=timezone.localdate(),
            team_member_ids=frozenset(),
            family_member_ids=frozenset({child_of(world).pk}),
            others="Jeugdhulp Oost",
            results={goal.pk: "partly"},
            decision="continue",
        ),
        actor=world.users[Role.CASE_WORKER],
    )
    assert not evaluation.team_present
    assert [w.code for w in evaluation.warnings] == ["team_absent"]
    with_team = services.record_evaluation(
        CTX,
        plan,
        services.EvaluationInput(
            kind="interim",
            held_on=timezone.localdate(),
            team_member_ids=frozenset({world.users[Role.CASE_WORKER].pk}),
            family_member_ids=frozenset(),
            others="",
            results={goal.pk: "reached"},
            decision="continue",
        ),
        actor=world.users[Role.CASE_WORKER],
    )
    assert with_team.team_present and not with_team.warnings
    items = [item.text for item in timeline(world.case)]
    assert any("niet aanwezig" in text or "not present" in text for text in items)


def closure_input(goal, **changes):
    values = {
        "reason_code": "31",
        "closed_on": timezone.localdate(),
        "results": {goal.pk: "reached"},
        "scaled_down_to": "community",
        "scaled_down_note": "Opvoedspreekuur Noord",
        "experience_request": "survey_email",
    }
    values.update(changes)
    return services.ClosureInput(**values)


def test_a_closure_records_the_national_reason_and_closes_the_case(world):
    plan, goal = agreed_plan(world)
    worker = world.users[Role.CASE_WORKER]
    closure = services.close_plan(
        CTX,
        plan,
        closure_input(goal),
        actor=worker,
        roles=["case_worker"],
        expected_version=plan.version,
    )
    assert Closure.objects.get(pk=closure.pk).reason_code == "31"
    plan.refresh_from_db()
    case = Case.objects.get(pk=world.case.pk)
    assert plan.status == PlanStatus.CLOSED and case.status == CaseStatus.CLOSED
    moves = list(
        CaseEvent.objects.filter(case=case, kind="status").values_list("from_status", "to_status")
    )
    assert ("in_progress", "closing") in moves and ("closing", "closed") in moves
    assert closure.results.get().result == "reached"


def test_closing_a_case_with_an_open_plan_goes_through_the_closure(world):
    plan, goal = agreed_plan(world)
    lead = world.users[Role.TEAM_LEAD]
    case = case_services.change_status(
        CTX, world.case, CaseStatus.CLOSING, actor=lead, roles=["team_lead"], expected_version=None
    )
    with pytest.raises(RuleViolation) as refused:
        case_services.change_status(
            CTX,
            case,
            CaseStatus.CLOSED,
            actor=lead,
            roles=["team_lead"],
            reason="Klaar",
            expected_version=None,
        )
    assert refused.value.verdict.codes == ("closure_record_needed",)
    with pytest.raises(RuleViolation) as refused:
        services.close_plan(
            CTX,
            plan,
            closure_input(goal, reason_code="99", results={}),
            actor=lead,
            roles=["team_lead"],
            expected_version=plan.version,
        )
    assert refused.value.verdict.codes == ("closure_reason", "closure_result_missing")
    services.close_plan(
        CTX,
        plan,
        closure_input(goal, reason_code="34"),
        actor=lead,
        roles=["team_lead"],
        expected_version=plan.version,
    )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED


def test_an_open_escalation_is_resolved_before_closure_and_listed_for_the_lead(world):
    plan, goal = agreed_plan(world)
    lead = world.users[Role.TEAM_LEAD]
    escalation = services.escalate(
        CTX,
        plan,
        stuck="De aanbieder start de behandeling niet ondanks de toewijzing.",
        tried="Twee keer gebeld met de aanbieder en de GI.",
        lead_id=lead.pk,
        deadline=timezone.localdate() + timedelta(days=7),
        actor=world.users[Role.CASE_WORKER],
    )
    listed = queries.open_escalations(lead, timezone.localdate(), whole_team=True)
    assert list(listed) == [escalation] and listed.total == 1
    with pytest.raises(RuleViolation) as refused:
        services.close_plan(
            CTX, plan, closure_input(goal), actor=lead, roles=["team_lead"], expected_version=None
        )
    assert refused.value.verdict.codes == ("closure_open_escalation",)
    services.resolve_escalation(
        CTX,
        escalation,
        resolution="Teamleider belt de directeur van de aanbieder; start volgende week.",
        actor=lead,
        expected_version=escalation.version,
    )
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.RESOLVED
    assert not queries.open_escalations(lead, timezone.localdate(), whole_team=True)


def test_own_support_past_its_bound_asks_for_a_decision(world, settings):
    settings.WIJKTEAM_OWN_SUPPORT_MAX_MONTHS = 3
    settings.WIJKTEAM_OWN_SUPPORT_MAX_CONTACTS = 12
    plan, goal = agreed_plan(world)
    worker = world.users[Role.CASE_WORKER]
    today = timezone.localdate()
    with pytest.raises(RuleViolation) as refused:
        own_support(world, plan, planned_months=6)
    assert refused.value.verdict.codes == ("own_support_beyond_bound",)
    support = own_support(world, plan)
    past = queries.own_support_past_bound(worker, today)
    assert [row.support for row in past] == [support]
    assert past.rows[0].past_bound.codes == ("own_support_past_date",)
    services.reconsider_own_support(
        CTX,
        support,
        decision="continue",
        reason="Nog twee gesprekken tot de verhuizing rond is.",
        continue_until=today + timedelta(days=30),
        actor=worker,
        expected_version=support.version,
    )
    assert not queries.own_support_past_bound(worker, today)
    ContactMoment.objects.bulk_create(
        ContactMoment(
            case=world.case,
            occurred_on=today - timedelta(days=n),
            kind="phone",
            worker=worker,
            recorded_at=timezone.now(),
        )
        for n in range(13)
    )
    past = queries.own_support_past_bound(worker, today)
    assert past.rows[0].past_bound.codes == ("own_support_past_contacts",)
    support.refresh_from_db()
    services.reconsider_own_support(
        CTX,
        support,
        decision="refer",
        reason="Het maatjesproject in de wijk past nu beter.",
        actor=worker,
        expected_version=support.version,
    )
    support.refresh_from_db()
    assert support.status == OwnSupportStatus.ENDED and support.end_reason == "referred"


def test_a_referral_to_a_community_offer_is_on_the_plan(world):
    plan, goal = plan_with_goal(world)
    referral = services.refer_to_offer(
        CTX,
        plan,
        services.ReferralInput(
            offer_id=offer(waiting_weeks=2).pk,
            person_id=child_of(world).pk,
            referred_on=timezone.localdate(),
            warm_handover=True,
            handover_note="Samen met moeder gebeld en een kennismaking gepland.",
            contact_at_offer="Ilse de Vries",
            goal_id=goal.pk,
        ),
        actor=world.users[Role.CASE_WORKER],
    )
    assert [w.code for w in referral.warnings] == ["offer_waiting"]
    picture = queries.plan_picture(plan, timezone.localdate())
    assert picture.referrals == [referral]


def youth_turning_18(world, months_to_go=5):
    today = timezone.localdate()
    return MembershipFactory(
        household=world.household,
        role=MemberRole.CHILD,
        resident__given_names="Daan",
        resident__birth_date=add_months(today, -12 * 18 + months_to_go),
    ).resident


def test_a_young_person_turning_18_is_due_for_the_transition(world, settings):
    settings.WIJKTEAM_TRANSITION_WARNING_MONTHS = 6
    case_in_progress(world)
    youth = youth_turning_18(world)
    record_child_voice(world, youth)
    worker, lead = world.users[Role.CASE_WORKER], world.users[Role.TEAM_LEAD]
    today = timezone.localdate()
    due = queries.transitions_due(worker, today)
    assert [row.youth for row in due] == [youth] and due.rows[0].plan_id is None
    assert queries.transitions_due(lead, today, whole_team=True).total == 1
    plan, _goal = plan_with_goal(world)
    assert [row.youth for row in queries.transition_rows(plan, today)] == [youth]
    data = services.TransitionInput(
        extended_care=True,
        extended_care_not_needed_reason="",
        states={"wmo_handover": "arranged", "income": "arranged", "health_insurance": "to_do"}
        | {"housing": "not_needed"},
        notes={"income": "Studiefinanciering aangevraagd."},
        team_keeps_coordination=True,
    )
    record = services.save_transition(CTX, plan, youth, data, actor=worker, expected_version=None)
    assert record.verdict.codes == ("transition_health_insurance",)
    assert queries.transitions_due(worker, today).rows[0].started
    done = services.TransitionInput(
        **{**data.__dict__, "states": data.states | {"health_insurance": "arranged"}}
    )
    services.save_transition(CTX, plan, youth, done, actor=worker, expected_version=record.version)
    assert not queries.transitions_due(worker, today)


def test_evaluations_fall_due_and_decision_periods_come_from_the_registry(world):
    plan, goal = agreed_plan(world, agreed_on=add_months(timezone.localdate(), -13))
    worker = world.users[Role.CASE_WORKER]
    today = timezone.localdate()
    due = queries.evaluations_due(worker, today)
    assert [row.plan for row in due] == [plan] and due.rows[0].overdue
    services.record_evaluation(
        CTX,
        plan,
        services.EvaluationInput(
            kind="interim",
            held_on=today,
            team_member_ids=frozenset({worker.pk}),
            family_member_ids=frozenset(),
            others="",
            results={goal.pk: "partly"},
            decision="continue",
        ),
        actor=worker,
    )
    assert not queries.evaluations_due(worker, today)
    period = (today + timedelta(days=10), today + timedelta(days=200))

    def source(case_ids):
        return {case_id: [period] for case_id in case_ids}

    queries.register_decision_period_source(source)
    try:
        due = queries.evaluation_due_for(plan)
        assert (due.basis, due.period, due.due_on) == ("decision", period, today + timedelta(105))
    finally:
        queries.DECISION_PERIOD_SOURCES.remove(source)


def test_a_new_question_within_a_year_of_closure_is_a_repeated_call(world):
    plan, goal = agreed_plan(world)
    services.close_plan(
        CTX,
        plan,
        closure_input(goal),
        actor=world.users[Role.CASE_WORKER],
        roles=["case_worker"],
        expected_version=plan.version,
    )
    child = child_of(world)
    later = Case.objects.create(
        reference="WT-2026-900003",
        household=world.household,
        team=world.team,
        registered_at=timezone.now(),
    )
    later.subjects.set([child])
    assert queries.repeated_call_for_case(later) == (timezone.localdate(), world.case.reference)
    assert SupportPlan.objects.filter(household=world.household).count() == 1


def test_another_teams_plan_is_not_visible(world):
    plan, _goal = plan_with_goal(world)
    outsider = world.users[Role.CASE_WORKER]
    outsider.team = world.other_team
    outsider.save()
    assert not queries.plans_visible_to(outsider).filter(pk=plan.pk).exists()
    assert queries.plans_visible_to(world.users[Role.TEAM_LEAD]).filter(pk=plan.pk).exists()
    assert not queries.plans_visible_to(world.users[Role.ANALYST]).exists()


def test_demo_style_plan_dates_are_not_in_the_future(world):
    plan, goal = plan_with_goal(world)
    with pytest.raises(RuleViolation) as refused:
        services.record_evaluation(
            CTX,
            plan,
            services.EvaluationInput(
                kind="start",
                held_on=date.today() + timedelta(days=2),
                team_member_ids=frozenset(),
                family_member_ids=frozenset(),
                others="",
                results={},
                decision="continue",
            ),
            actor=world.users[Role.CASE_WORKER],
        )
    assert refused.value.verdict.codes == ("evaluation_date",)
