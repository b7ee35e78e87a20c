"""The pure rules of the support plan, on their boundaries and, with hypothesis, their
properties."""

from datetime import date, timedelta

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from wijkteam.core.rules import add_months
from wijkteam.plans.rules import (
    CLOSURE_REASON_CODES,
    AgreementInput,
    CoordinationFacts,
    DueBasis,
    GoalFacts,
    Member,
    OfferFacts,
    OwnSupportBound,
    TransitionFacts,
    agreement_verdict,
    closure_reason_choices,
    closure_verdict,
    coordination_verdict,
    decision_midpoint,
    eighteenth_birthday,
    evaluation_verdict,
    goals_verdict,
    next_evaluation_due,
    own_support_verdict,
    past_bound_verdict,
    reconsider_verdict,
    referral_verdict,
    repeated_call,
    review_point,
    transition_birth_window,
    transition_due,
    transition_verdict,
)
from wijkteam.plans.versions import ChangeKind, diff_snapshots

TODAY = date(2026, 12, 7)
BOUND = OwnSupportBound(months=3, contacts=12)


# --- Coordination, goals, agreement --------------------------------------------------------


def coordination(**changes):
    values = {
        "has_coordinator": True,
        "process": "team",
        "process_by": "",
        "content": "team",
        "content_by": "",
        "court_measure": False,
    }
    return CoordinationFacts(**{**values, **changes})


def test_coordination_needs_a_coordinator_and_names_outside_the_team():
    assert coordination_verdict(coordination()).allowed
    refused = coordination_verdict(
        coordination(has_coordinator=False, process="provider", content="other")
    )
    assert refused.codes == (
        "plan_no_coordinator",
        "process_coordination_name",
        "content_coordination_name",
    )
    assert coordination_verdict(coordination(process="provider", process_by="Karakter")).allowed


def test_a_court_measure_warns_unless_the_certified_institution_holds_coordination():
    warned = coordination_verdict(coordination(court_measure=True))
    assert warned.allowed and [w.code for w in warned.warnings] == ["court_measure_coordination"]
    with_gi = coordination_verdict(
        coordination(court_measure=True, process="certified_institution", process_by="WSG")
    )
    assert with_gi.allowed and not with_gi.warnings


def test_turning_18_the_team_keeps_both_coordinations():
    assert not coordination_verdict(coordination(), youths_turning_18=["Daan"]).warnings
    warned = coordination_verdict(
        coordination(content="provider", content_by="Jeugdhulp Oost"), youths_turning_18=["Daan"]
    )
    assert [w.code for w in warned.warnings] == ["transition_coordination"]
    assert "Daan" in warned.warnings[0].message


def test_goals_not_everything_at_once():
    assert goals_verdict([]).codes == ("plan_no_goals",)
    assert goals_verdict([GoalFacts("now", 0)]).codes == ("plan_goal_without_action",)
    assert goals_verdict([GoalFacts("later", 0)]).codes == ("plan_nothing_now",)
    assert goals_verdict([GoalFacts("now", 1), GoalFacts("later", 0)]).allowed
    many = goals_verdict([GoalFacts("now", 1)] * 4)
    assert many.allowed and [w.code for w in many.warnings] == ["goals_all_at_once"]
    assert not goals_verdict([GoalFacts("now", 1)] * 3).warnings


MEMBERS = [Member(1, "Sara", 40), Member(2, "Noor", 14), Member(3, "Ties", 6)]


def test_agreement_needs_a_parent_and_every_child_of_12_or_older():
    base = AgreementInput(TODAY, "home_visit", frozenset({1}), frozenset({2}))
    assert agreement_verdict(base, MEMBERS, TODAY).allowed
    no_parent = AgreementInput(TODAY, "home_visit", frozenset(), frozenset({2}))
    assert agreement_verdict(no_parent, MEMBERS, TODAY).codes == ("agreement_no_parent",)
    child_missing = AgreementInput(TODAY, "home_visit", frozenset({1}), frozenset())
    refused = agreement_verdict(child_missing, MEMBERS, TODAY)
    assert refused.codes == ("agreement_child_missing",) and "Noor" in refused.message
    explained = AgreementInput(
        TODAY, "home_visit", frozenset({1}), frozenset(), "Noor wilde niet tekenen, wel praten."
    )
    assert agreement_verdict(explained, MEMBERS, TODAY).allowed
    future = AgreementInput(TODAY + timedelta(days=1), "", frozenset({1}), frozenset({2}))
    assert agreement_verdict(future, MEMBERS, TODAY).codes == ("agreement_date", "agreement_how")
    a_child_as_parent = AgreementInput(TODAY, "phone", frozenset({2}), frozenset({2}))
    assert "agreement_no_parent" in agreement_verdict(a_child_as_parent, MEMBERS, TODAY).codes


# --- Own support ----------------------------------------------------------------------------


def test_own_support_within_the_bound_or_past_it_with_a_reason():
    start = date(2026, 1, 10)
    ok = own_support_verdict(
        started_on=start,
        planned_end_on=date(2026, 4, 10),
        planned_contacts=12,
        beyond_bound_reason="",
        bound=BOUND,
    )
    assert ok.allowed and not ok.warnings
    longer = own_support_verdict(
        started_on=start,
        planned_end_on=date(2026, 4, 11),
        planned_contacts=6,
        beyond_bound_reason="",
        bound=BOUND,
    )
    assert longer.codes == ("own_support_beyond_bound",)
    more = own_support_verdict(
        started_on=start,
        planned_end_on=date(2026, 2, 10),
        planned_contacts=13,
        beyond_bound_reason="Moeder heeft een LVB; kleine stappen werken.",
        bound=BOUND,
    )
    assert more.allowed and [w.code for w in more.warnings] == ["own_support_beyond_bound"]
    assert review_point(start, date(2026, 2, 10), 13, BOUND) == (date(2026, 4, 10), 13)


def test_own_support_past_its_bound_asks_for_a_decision():
    within = past_bound_verdict(
        today=date(2026, 4, 10), contacts=12, review_on=date(2026, 4, 10), review_contacts=12
    )
    assert within.allowed
    by_date = past_bound_verdict(
        today=date(2026, 4, 11), contacts=3, review_on=date(2026, 4, 10), review_contacts=12
    )
    assert by_date.codes == ("own_support_past_date",)
    by_contacts = past_bound_verdict(
        today=date(2026, 3, 1), contacts=13, review_on=date(2026, 4, 10), review_contacts=12
    )
    assert by_contacts.codes == ("own_support_past_contacts",)


def test_reconsidering_continue_needs_a_reason_and_a_new_date():
    refused = reconsider_verdict(
        decision="continue",
        reason="",
        continue_until=TODAY,
        continue_contacts=5,
        contacts=14,
        today=TODAY,
    )
    assert refused.codes == ("reconsider_reason", "reconsider_until", "reconsider_contacts")
    assert reconsider_verdict(
        decision="continue",
        reason="Nog twee gesprekken tot de verhuizing rond is.",
        continue_until=TODAY + timedelta(days=30),
        continue_contacts=None,
        contacts=14,
        today=TODAY,
    ).allowed
    assert reconsider_verdict(
        decision="refer",
        reason="Het maatjesproject past beter.",
        continue_until=None,
        continue_contacts=None,
        contacts=14,
        today=TODAY,
    ).allowed


# --- Referral ------------------------------------------------------------------------------------


def test_a_referral_needs_a_warm_handover_described():
    offer = OfferFacts(min_age=None, max_age=None, capacity=None, waiting_weeks=0)
    refused = referral_verdict(
        warm_handover=True,
        handover_note="",
        contact_at_offer="",
        referred_on=TODAY,
        today=TODAY,
        person_age=9,
        offer=offer,
    )
    assert refused.codes == ("referral_handover_note", "referral_contact")
    warned = referral_verdict(
        warm_handover=True,
        handover_note="Samen met moeder gebeld en een kennismaking gepland.",
        contact_at_offer="Ilse",
        referred_on=TODAY,
        today=TODAY,
        person_age=15,
        offer=OfferFacts(min_age=4, max_age=12, capacity=0, waiting_weeks=3),
    )
    assert warned.allowed
    assert [w.code for w in warned.warnings] == ["offer_age", "offer_full", "offer_waiting"]


# --- Evaluations ----------------------------------------------------------------------------


def evaluation(**changes):
    values = {
        "kind": "interim",
        "held_on": TODAY,
        "today": TODAY,
        "team_present": True,
        "goal_ids": frozenset({1, 2}),
        "results": {1: "reached", 2: "partly"},
        "decision": "continue",
        "decision_note": "",
        "next_evaluation_on": None,
    }
    return evaluation_verdict(**{**values, **changes})


def test_an_evaluation_without_the_team_warns():
    assert evaluation().allowed and not evaluation().warnings
    absent = evaluation(team_present=False)
    assert absent.allowed and [w.code for w in absent.warnings] == ["team_absent"]


def test_an_evaluation_records_every_goal_and_explains_its_decision():
    assert evaluation(results={1: "reached"}).codes == ("evaluation_result_missing",)
    assert evaluation(kind="start", results={}).allowed
    assert evaluation(decision="adjust").codes == ("evaluation_decision_note",)
    assert evaluation(next_evaluation_on=TODAY).codes == ("evaluation_next_date",)
    assert evaluation(results={1: "reached", 2: "partly", 9: "reached"}).codes == (
        "evaluation_unknown_goal",
    )


def test_evaluation_due_yearly_planned_or_halfway_through_a_decision():
    agreed = date(2026, 1, 15)
    yearly = next_evaluation_due(
        agreed_on=agreed, held_on=[], planned_next=None, decision_periods=[], interval_months=12
    )
    assert (yearly.due_on, yearly.basis) == (date(2027, 1, 15), DueBasis.INTERVAL)
    after_one = next_evaluation_due(
        agreed_on=agreed,
        held_on=[date(2026, 6, 1)],
        planned_next=date(2026, 9, 1),
        decision_periods=[],
        interval_months=12,
    )
    assert (after_one.due_on, after_one.basis) == (date(2026, 9, 1), DueBasis.PLANNED)
    period = (date(2026, 2, 1), date(2027, 1, 31))
    halfway = next_evaluation_due(
        agreed_on=agreed,
        held_on=[],
        planned_next=None,
        decision_periods=[period],
        interval_months=12,
    )
    assert halfway.due_on == decision_midpoint(*period) == date(2026, 8, 2)
    assert halfway.basis == DueBasis.DECISION and halfway.period == period
    covered = next_evaluation_due(
        agreed_on=agreed,
        held_on=[date(2026, 7, 10)],  # within a month before the midpoint
        planned_next=None,
        decision_periods=[period],
        interval_months=12,
    )
    assert covered.due_on == date(2027, 7, 10)


@given(
    agreed=st.dates(date(2020, 1, 1), date(2030, 1, 1)),
    held=st.lists(st.dates(date(2020, 1, 1), date(2031, 1, 1)), max_size=4),
    interval=st.integers(1, 24),
)
def test_an_evaluation_is_never_due_later_than_the_interval(agreed, held, interval):
    due = next_evaluation_due(
        agreed_on=agreed,
        held_on=held,
        planned_next=None,
        decision_periods=[],
        interval_months=interval,
    )
    assert due.due_on == add_months(max([agreed, *held]), interval)


# --- Closure ---------------------------------------------------------------------------------


def closure(**changes):
    values = {
        "reason_code": "31",
        "closed_on": TODAY,
        "today": TODAY,
        "goal_ids": frozenset({1}),
        "results": {1: "reached"},
        "scaled_down_to": "community",
        "scaled_down_note": "Maatjesproject Noord",
        "experience_request": "survey_email",
        "open_escalations": 0,
        "case_status": "in_progress",
    }
    return closure_verdict(**{**values, **changes})


def test_closure_uses_a_national_closure_reason():
    assert closure().allowed
    assert closure(reason_code="99").codes == ("closure_reason",)
    assert closure(reason_code="20").codes == ("closure_reason",)  # not one the team uses
    assert {code for code, _label in closure_reason_choices()} == set(CLOSURE_REASON_CODES)
    assert dict(closure_reason_choices())["34"].startswith("34 – Voortijdig afgesloten")


def test_closure_needs_results_scaling_down_experience_and_no_open_escalation():
    refused = closure(
        results={},
        scaled_down_note="",
        experience_request="",
        open_escalations=1,
        case_status="clarification",
    )
    assert refused.codes == (
        "closure_result_missing",
        "closure_scaled_down_note",
        "closure_experience",
        "closure_open_escalation",
        "closure_case_status",
    )


def test_a_new_question_within_twelve_months_is_a_repeated_call():
    closed = [date(2025, 11, 1), date(2026, 2, 1)]
    assert repeated_call(closed, date(2026, 12, 7), 12) == date(2026, 2, 1)
    assert repeated_call(closed, date(2027, 2, 2), 12) is None
    assert repeated_call(closed, date(2027, 2, 1), 12) == date(2026, 2, 1)


# --- Turning 18 --------------------------------------------------------------------------------


def test_a_young_person_reaching_17_and_a_half_gets_the_transition_warning():
    born = date(2009, 6, 7)
    seventeen_and_a_half = date(2026, 12, 7)
    assert eighteenth_birthday(born) == date(2027, 6, 7)
    assert transition_due(born, seventeen_and_a_half, 6)
    assert not transition_due(born, seventeen_and_a_half - timedelta(days=1), 6)
    assert transition_due(born, date(2027, 12, 7), 6)  # until half a year after
    assert not transition_due(born, date(2027, 12, 8), 6)
    lo, hi = transition_birth_window(seventeen_and_a_half, 6)
    assert lo <= born <= hi


@given(
    born=st.dates(date(1990, 1, 1), date(2020, 12, 31)),
    today=st.dates(date(2005, 1, 1), date(2040, 1, 1)),
)
def test_the_birth_window_holds_exactly_those_due(born, today):
    lo, hi = transition_birth_window(today, 6)
    assert transition_due(born, today, 6) == (lo <= born <= hi)


def test_the_transition_checklist_defaults_to_extended_care():
    labels = {
        "wmo_handover": "Wmo",
        "income": "inkomen",
        "health_insurance": "zorgverzekering",
        "housing": "wonen",
    }
    open_items = TransitionFacts(True, "", {}, True)
    assert transition_verdict(open_items, labels).codes == (
        "transition_wmo_handover",
        "transition_income",
        "transition_health_insurance",
        "transition_housing",
    )
    done = dict.fromkeys(labels, "arranged")
    assert transition_verdict(TransitionFacts(True, "", done, True), labels).allowed
    no_reason = transition_verdict(TransitionFacts(False, "", done, False), labels)
    assert no_reason.codes == ("transition_extended_care_reason",)
    assert [w.code for w in no_reason.warnings] == ["transition_coordination"]


# --- Versions ------------------------------------------------------------------------------


def test_what_changed_between_two_versions():
    old = {
        "summary": "Rust in huis.",
        "coordination": {"coordinator": "Sanne", "process": "team", "court_measure": False},
        "goals": [
            {
                "id": 1,
                "result": "Naar school",
                "priority": "nu",
                "actions": [{"id": 5, "description": "Rooster", "due_on": "2026-12-01"}],
            },
            {"id": 2, "result": "Schulden op een rij", "priority": "later", "actions": []},
        ],
        "actions": [],
    }
    new = {
        "summary": "Rust in huis.",
        "coordination": {"coordinator": "Bas", "process": "team", "court_measure": True},
        "goals": [
            {
                "id": 1,
                "result": "Naar school",
                "priority": "nu",
                "actions": [{"id": 5, "description": "Rooster", "due_on": "2026-12-15"}],
            },
            {"id": 3, "result": "Sport", "priority": "nu", "actions": []},
        ],
        "actions": [],
    }
    with translation.override("en"):
        changes = diff_snapshots(old, new)
    kinds = [(c.kind, c.field) for c in changes]
    assert (ChangeKind.CHANGED, "coordinator") in kinds
    assert (ChangeKind.CHANGED, "court measure") in kinds
    assert (ChangeKind.ADDED, "") in kinds and (ChangeKind.REMOVED, "") in kinds
    due = next(c for c in changes if c.field == "by when")
    assert (due.before, due.after) == ("1 December 2026", "15 December 2026")
    assert diff_snapshots(new, new) == []
