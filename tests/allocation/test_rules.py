"""Pure allocation rules: the weighing framework, each decision rule with its boundaries,
the lifecycle table, four eyes, ending, withdrawing, objection and the estimated cost."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkteam.accounts.roles import Role
from wijkteam.allocation.models import DecisionStatus
from wijkteam.allocation.rules import (
    Allocated,
    DraftFacts,
    IssueFacts,
    WeighingInput,
    allocated_units,
    available_actions,
    cosign_verdict,
    draft_verdict,
    end_verdict,
    estimated_cost,
    gate_verdict,
    intensity_verdict,
    is_life_changing,
    issue_verdict,
    last_allowed_day,
    objection_verdict,
    overlap_verdict,
    period_verdict,
    transition_verdict,
    volume_verdict,
    weighing_verdict,
    withdraw_verdict,
    youth_verdict,
)
from wijkteam.core.rules import Reason, Verdict

TODAY = date(2026, 11, 20)
WORKER = {Role.CASE_WORKER}
EXPERT = {Role.BEHAVIOURAL_EXPERT}


# --- The weighing framework -----------------------------------------------------------


def weighing(**changes) -> WeighingInput:
    values = {"level": "own_support", "reason": "Zes gesprekken zijn genoeg.", "decided_on": TODAY}
    return WeighingInput(**{**values, **changes})


def test_a_weighing_names_the_level_and_why():
    assert weighing_verdict(weighing(), TODAY).allowed
    assert weighing_verdict(weighing(level="x"), TODAY).codes == ("level_missing",)
    assert weighing_verdict(weighing(reason="kort"), TODAY).codes == ("weighing_reason_missing",)
    future = weighing(decided_on=TODAY + timedelta(days=1))
    assert weighing_verdict(future, TODAY).codes == ("weighed_in_future",)


def test_what_is_not_granted_has_a_coded_reason():
    asked = weighing(not_granted="Een logeerweekend per maand")
    assert weighing_verdict(asked, TODAY).codes == ("not_granted_reason_missing",)
    coded = weighing(not_granted="Logeren", not_granted_reason="community")
    assert weighing_verdict(coded, TODAY).allowed
    assert weighing_verdict(weighing(not_granted_reason="community"), TODAY).codes == (
        "not_granted_what_missing",
    )
    law = weighing(not_granted="Verpleging", not_granted_reason="other_law")
    assert weighing_verdict(law, TODAY).codes == ("other_law_missing",)
    law_named = weighing(not_granted="Verpleging", not_granted_reason="other_law", other_law="wlz")
    assert weighing_verdict(law_named, TODAY).allowed
    other = weighing(not_granted="Iets", not_granted_reason="other")
    assert weighing_verdict(other, TODAY).codes == ("not_granted_explanation_missing",)


# --- The content of a decision -----------------------------------------------------------


def test_residential_care_is_always_life_changing():
    assert is_life_changing("43", False) and is_life_changing("44", False)
    assert not is_life_changing("45", False)
    assert is_life_changing("45", True)


def test_at_most_one_year_from_the_start():
    start = date(2026, 1, 1)
    assert last_allowed_day(start, 12) == date(2026, 12, 31)
    assert period_verdict(start, date(2026, 12, 31), 12).allowed
    too_long = period_verdict(start, date(2027, 1, 1), 12)
    assert too_long.codes == ("period_too_long",)
    assert "12" in too_long.message and "31 december 2026" in too_long.message
    assert period_verdict(start, date(2026, 6, 30), 6).allowed
    assert period_verdict(start, date(2026, 7, 1), 6).codes == ("period_too_long",)
    assert period_verdict(start, None, 12).codes == ("end_missing",)
    assert period_verdict(start, start - timedelta(days=1), 12).codes == ("end_before_start",)


@given(st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.integers(1, 24), st.integers(0, 800))
def test_the_period_rule_holds_for_every_start_and_length(start, months, days):
    end = start + timedelta(days=days)
    allowed = period_verdict(start, end, months).allowed
    assert allowed == (end <= last_allowed_day(start, months))


def test_heavy_only_with_a_recorded_reason():
    assert intensity_verdict("light", "").allowed and intensity_verdict("medium", "").allowed
    assert intensity_verdict("heavy", "").codes == ("heavy_reason_missing",)
    assert intensity_verdict("heavy", "te kort").codes == ("heavy_reason_missing",)
    assert intensity_verdict("heavy", "Ambulante hulp liep twee keer vast.").allowed
    assert intensity_verdict("", "").codes == ("intensity_missing",)


def test_volume_or_budget_as_the_ijw_allocation_variants_say():
    assert volume_verdict("45A01", "4", 3, "2", None).allowed
    assert volume_verdict("45A01", "4", None, "2", None).codes == ("volume_missing",)
    assert volume_verdict("45A01", "4", 3, "", None).codes == ("frequency_missing",)
    assert "budget_with_product" in volume_verdict("45A01", "4", 3, "2", Decimal(10)).codes
    assert volume_verdict("45A01", "14", 3, "1", None).codes == ("frequency_per_day",)
    assert volume_verdict("", "", None, "", Decimal("5000")).allowed
    assert volume_verdict("", "", None, "", None).codes == ("budget_missing",)
    assert volume_verdict("", "", 3, "2", Decimal(1)).codes == ("volume_without_product",)


def test_the_young_person_is_in_the_household_and_under_23():
    assert youth_verdict(17, True).allowed and youth_verdict(22, True).allowed
    assert youth_verdict(23, True).codes == ("youth_too_old",)
    assert youth_verdict(10, False).codes == ("youth_not_in_household",)


def draft(**changes) -> DraftFacts:
    values = {
        "category": "45",
        "product_code": "45A01",
        "unit": "4",
        "volume": 2,
        "frequency": "2",
        "budget": None,
        "start": TODAY,
        "end": TODAY + timedelta(days=180),
        "intensity": "medium",
        "heavy_reason": "",
        "motivation": "Opvoedondersteuning, omdat de eigen inzet niet genoeg was.",
        "youth_age_on_start": 11,
        "youth_in_household": True,
        "product_contracted": True,
        "max_months": 12,
    }
    return DraftFacts(**{**values, **changes})


def test_a_draft_collects_every_reason():
    assert draft_verdict(draft()).allowed
    verdict = draft_verdict(
        draft(intensity="heavy", end=TODAY + timedelta(days=400), motivation="", volume=None)
    )
    assert set(verdict.codes) == {
        "heavy_reason_missing",
        "period_too_long",
        "motivation_missing",
        "volume_missing",
    }
    assert draft_verdict(draft(product_contracted=False)).codes == ("product_not_contracted",)


# --- No stacking (TR302) -------------------------------------------------------------------


def allocation(reference="BS-1", category="45", code="45A01", start=TODAY, days=90):
    return Allocated(reference, category, code, start, start + timedelta(days=days))


def test_no_overlapping_periods_for_the_same_product():
    new = allocation("BS-2", start=TODAY + timedelta(days=30))
    verdict = overlap_verdict(new, [allocation()])
    assert verdict.codes == ("overlapping_period",) and "BS-1" in verdict.message
    after = allocation("BS-2", start=TODAY + timedelta(days=91))
    assert overlap_verdict(after, [allocation()]).allowed
    touching = allocation("BS-2", start=TODAY + timedelta(days=90))
    assert not overlap_verdict(touching, [allocation()]).allowed
    assert overlap_verdict(allocation("BS-2", code="45A02"), [allocation()]).allowed
    # Without a product code the category decides.
    assert not overlap_verdict(allocation("BS-2", code=""), [allocation()]).allowed
    assert overlap_verdict(allocation("BS-2", category="43", code=""), [allocation()]).allowed


@given(st.integers(-200, 200), st.integers(0, 200), st.integers(0, 200))
def test_overlap_is_symmetric_and_matches_the_dates(offset, length_a, length_b):
    a = allocation("A", start=TODAY, days=length_a)
    b = allocation("B", start=TODAY + timedelta(days=offset), days=length_b)
    one, two = overlap_verdict(a, [b]).allowed, overlap_verdict(b, [a]).allowed
    assert one == two
    assert one == (a.end < b.start or b.end < a.start)


# --- The gate and everything before issue ------------------------------------------------

MISSING = Verdict(False, (Reason("clarification_step_4_missing", "Stap 4 ontbreekt."),))
NO_SAFETY = Verdict(False, (Reason("safety_assessment_missing", "Geen taxatie."),))
DEFERRED = Verdict(True, warnings=(Reason("safety_deferred_crisis", "Crisis."),))


def test_the_gate_needs_clarification_and_safety():
    assert gate_verdict(Verdict(True), Verdict(True), False, "").allowed
    assert gate_verdict(MISSING, Verdict(True), False, "").codes == (
        "clarification_step_4_missing",
    )
    assert gate_verdict(Verdict(True), NO_SAFETY, False, "").codes == ("safety_assessment_missing",)


def test_crisis_care_goes_ahead_without_the_assessment_only_with_a_reason():
    assert gate_verdict(Verdict(True), DEFERRED, True, "").codes == ("crisis_reason_missing",)
    assert gate_verdict(Verdict(True), DEFERRED, True, "Moeder opgenomen, kind bij oma.").allowed


def issue(**changes) -> IssueFacts:
    values = {
        "draft": draft(),
        "case_open": True,
        "youth_has_bsn": True,
        "youth_has_address": True,
        "overlap": Verdict(True),
        "clarification": Verdict(True),
        "safety": Verdict(True),
    }
    return IssueFacts(**{**values, **changes})


def test_before_issue_every_rule_and_what_the_message_needs():
    assert issue_verdict(issue()).allowed
    verdict = issue_verdict(
        issue(case_open=False, youth_has_bsn=False, youth_has_address=False, safety=NO_SAFETY)
    )
    assert set(verdict.codes) == {
        "case_not_open",
        "youth_bsn_missing",
        "address_missing",
        "safety_assessment_missing",
    }


# --- The lifecycle ---------------------------------------------------------------------------


def test_the_transition_table():
    assert transition_verdict("draft", "issue", WORKER, life_changing=False).allowed
    assert transition_verdict("draft", "issue", WORKER, life_changing=True).codes == (
        "cosign_needed",
    )
    assert transition_verdict("draft", "submit", WORKER, life_changing=True).allowed
    assert transition_verdict("draft", "submit", WORKER, life_changing=False).codes == (
        "cosign_not_needed",
    )
    assert transition_verdict("awaiting_cosign", "cosign", EXPERT, life_changing=True).allowed
    assert transition_verdict("awaiting_cosign", "cosign", WORKER, life_changing=True).codes == (
        "cosign_role",
    )
    assert transition_verdict("awaiting_cosign", "return", EXPERT, life_changing=True).codes == (
        "note_missing",
    )
    assert transition_verdict(
        "issued", "end", WORKER, life_changing=False, note="Doel bereikt"
    ).allowed
    assert transition_verdict("ended", "end", WORKER, life_changing=False).codes == (
        "transition_not_allowed",
    )
    assert transition_verdict(
        "issued", "end", {Role.QUALITY_OFFICER}, life_changing=False
    ).codes == ("transition_role",)


@pytest.mark.parametrize(
    ("status", "roles", "life_changing", "expected"),
    [
        ("draft", WORKER, False, ["issue", "discard"]),
        ("draft", WORKER, True, ["submit", "discard"]),
        ("awaiting_cosign", EXPERT, True, ["cosign", "return", "discard"]),
        ("awaiting_cosign", WORKER, True, ["discard"]),
        ("issued", WORKER, False, ["end", "withdraw"]),
        ("ended", WORKER | EXPERT, False, []),
        ("issued", {Role.QUALITY_OFFICER}, False, []),
    ],
)
def test_the_steps_offered(status, roles, life_changing, expected):
    assert available_actions(status, roles, life_changing=life_changing) == expected


def test_four_eyes_a_different_behavioural_expert_cosigns():
    assert cosign_verdict((1, 2), 3).allowed
    assert cosign_verdict((1, None), 1).codes == ("cosign_same_person",)
    assert cosign_verdict((1, 2), 2).codes == ("cosign_same_person",)


def test_ending_within_the_period_with_a_reason():
    start, end = TODAY, TODAY + timedelta(days=100)
    assert end_verdict(start, end, TODAY + timedelta(days=50), "5").allowed
    assert end_verdict(start, end, end + timedelta(days=1), "5").codes == ("ended_on_outside",)
    assert end_verdict(start, end, TODAY, "").codes == ("change_reason_missing",)
    assert end_verdict(start, end, TODAY, "13").codes == ("change_reason_missing",)


def test_withdrawing_only_before_care_started():
    assert withdraw_verdict(False).allowed
    assert withdraw_verdict(True).codes == ("care_started",)


def test_an_objection_after_six_weeks_is_recorded_as_late():
    issued = date(2026, 10, 1)
    assert objection_verdict(issued, date(2026, 11, 12), TODAY).warnings == ()
    late = objection_verdict(issued, date(2026, 11, 13), TODAY)
    assert late.allowed and late.warnings[0].code == "objection_late"
    assert objection_verdict(None, TODAY, TODAY).codes == ("objection_not_issued",)
    assert objection_verdict(issued, TODAY + timedelta(1), TODAY).codes == ("received_in_future",)


# --- Estimated cost ------------------------------------------------------------------------


def test_estimated_cost_from_tariff_and_volume():
    start, end = date(2026, 1, 1), date(2026, 12, 31)  # 365 days
    per_week = estimated_cost(
        volume=2, frequency="2", tariff=Decimal("80.00"), budget=None, start=start, end=end
    )
    assert per_week == (Decimal(2) * Decimal(365) / Decimal(7) * 80).quantize(Decimal("0.01"))
    per_month = estimated_cost(
        volume=10, frequency="4", tariff=Decimal("1.00"), budget=None, start=start, end=end
    )
    assert per_month == Decimal("120.00")
    total = estimated_cost(
        volume=40, frequency="6", tariff=Decimal("95.50"), budget=None, start=start, end=end
    )
    assert total == Decimal("3820.00")
    budget = estimated_cost(
        volume=None, frequency="", tariff=None, budget=Decimal("12000"), start=start, end=end
    )
    assert budget == Decimal("12000.00")
    unknown = estimated_cost(
        volume=2, frequency="2", tariff=None, budget=None, start=start, end=end
    )
    assert unknown is None
    assert allocated_units(3, "1", start, start + timedelta(days=9)) == 30


def test_status_labels_are_dutch():
    assert DecisionStatus.AWAITING_COSIGN.label
