"""Pure rules of intake and cases: working days, norms, the transition table, ranking."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkteam.cases.models import CaseStatus, TriageOutcome, Urgency
from wijkteam.cases.rules import (
    TRANSITIONS,
    Candidate,
    ResponseNorms,
    add_working_days,
    allowed_targets,
    first_contact_norm,
    rank_candidates,
    status_after_triage,
    transition_verdict,
)
from wijkteam.core.rules import Reason, Verdict

FRIDAY = date(2026, 11, 20)
NORMS = ResponseNorms()


def test_working_days_skip_weekends_and_holidays():
    assert add_working_days(FRIDAY, 0) == FRIDAY
    assert add_working_days(FRIDAY, 1) == date(2026, 11, 23)  # Monday
    assert add_working_days(date(2026, 11, 21), 0) == date(2026, 11, 23)  # Saturday → Monday
    assert add_working_days(FRIDAY, 1, holidays=[date(2026, 11, 23)]) == date(2026, 11, 24)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)), st.integers(0, 30))
def test_working_days_land_on_a_weekday_not_before_start(start, days):
    due = add_working_days(start, days)
    assert due.weekday() < 5 and due >= start


@pytest.mark.parametrize(
    ("urgency", "due"),
    [
        (Urgency.CRISIS, FRIDAY),
        (Urgency.URGENT, date(2026, 11, 24)),
        (Urgency.REGULAR, date(2026, 11, 27)),
    ],
)
def test_first_contact_due_per_urgency(urgency, due):
    assert first_contact_norm(urgency, FRIDAY, None, FRIDAY, NORMS).due == due


def test_norm_breached_only_after_the_due_day():
    on_due = first_contact_norm(Urgency.URGENT, FRIDAY, None, date(2026, 11, 24), NORMS)
    assert not on_due.breached
    late = first_contact_norm(Urgency.URGENT, FRIDAY, None, date(2026, 11, 26), NORMS)
    assert late.breached and late.days_late == 2
    met = first_contact_norm(Urgency.URGENT, FRIDAY, date(2026, 11, 23), date(2026, 12, 20), NORMS)
    assert not met.breached and met.met_on


def test_transition_table_allows_and_explains():
    assert transition_verdict(CaseStatus.REGISTERED, CaseStatus.TRIAGE, ["case_worker"]).allowed
    refused = transition_verdict(CaseStatus.REGISTERED, CaseStatus.CLOSED, ["team_lead"])
    assert refused.codes == ("transition_not_allowed",)
    assert transition_verdict(
        CaseStatus.CLOSED, CaseStatus.CLARIFICATION, ["case_worker"], "reden"
    ).codes == ("transition_role",)
    assert transition_verdict(
        CaseStatus.CLOSED, CaseStatus.CLARIFICATION, ["team_lead"], ""
    ).codes == ("transition_reason",)
    assert transition_verdict(
        CaseStatus.CLOSED, CaseStatus.CLARIFICATION, ["team_lead"], "nieuwe zorgen"
    ).allowed


@given(st.sampled_from(list(CaseStatus)), st.sampled_from(list(CaseStatus)))
def test_only_moves_in_the_table_are_ever_allowed(source, target):
    verdict = transition_verdict(source, target, ["case_worker", "team_lead"], "een reden")
    in_table = any(t.source == source and t.target == target for t in TRANSITIONS)
    assert verdict.allowed == in_table
    if in_table:
        assert target in allowed_targets(source, ["case_worker", "team_lead"])


def test_triage_outcomes():
    assert status_after_triage(TriageOutcome.CASE) == CaseStatus.CLARIFICATION
    assert status_after_triage(TriageOutcome.ADVICE) == CaseStatus.CLOSED
    assert status_after_triage(TriageOutcome.COMMUNITY) == CaseStatus.CLOSED


def test_ranking_prefers_continuity_then_expertise_then_low_caseload():
    ok = Verdict(True)
    no_vog = Verdict(False, (Reason("vog_missing", "geen VOG"),))
    candidates = [
        Candidate(1, frozenset({"jeugd"}), open_cases=2, knows_household=False, youth_verdict=ok),
        Candidate(2, frozenset(), open_cases=1, knows_household=True, youth_verdict=ok),
        Candidate(3, frozenset({"jeugd", "schulden"}), 0, False, youth_verdict=no_vog),
        Candidate(4, frozenset({"jeugd", "schulden"}), 5, False, youth_verdict=ok),
    ]
    ranked = rank_candidates(candidates, {"jeugd", "schulden"}, needs_vog=True)
    assert [r.candidate.worker_id for r in ranked] == [2, 1, 4, 3]
    assert ranked[-1].eligible is False
    assert ranked[2].matched == ("jeugd", "schulden")


def test_status_change_page_offers_nothing_while_triage_is_due():
    from wijkteam.cases.rules import awaits_triage, status_change_targets

    for status in (CaseStatus.REGISTERED, CaseStatus.TRIAGE):
        assert awaits_triage(status)
        assert status_change_targets(status, ["team_lead"]) == []
    assert status_change_targets(CaseStatus.IN_PROGRESS, ["case_worker"]) == [CaseStatus.CLOSING]
    assert status_change_targets(CaseStatus.CLOSED, ["case_worker"]) == []
    assert status_change_targets(CaseStatus.CLOSED, ["team_lead"]) == [CaseStatus.CLARIFICATION]
