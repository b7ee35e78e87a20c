"""Pure safety rules: risk level, the safety gate, four eyes, the decision framework on
every path, role conflict, signals that belong together, Verwijsindex and crisis."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkteam.safety.models import AssessmentStatus, FrameworkOutcome, RiskLevel
from wijkteam.safety.rules import (
    LEVEL_ORDER,
    AnswerScore,
    FrameworkAnswers,
    ProcedureFacts,
    SafetyFacts,
    combined_signals_verdict,
    conclude_procedure_verdict,
    crisis_exception_verdict,
    decision_framework,
    index_registration_verdict,
    review_verdict,
    risk_level,
    role_conflict_verdict,
    safety_assessment_verdict,
    safety_verdict,
)

TODAY = date(2026, 11, 20)
BANDS = [(0, "low"), (4, "elevated"), (8, "high"), (14, "acute")]


# --- Risk level ---------------------------------------------------------------------


def test_risk_level_follows_the_bands():
    assert risk_level([], BANDS) == (0, "low")
    assert risk_level([AnswerScore(2), AnswerScore(1)], BANDS) == (3, "low")
    assert risk_level([AnswerScore(2), AnswerScore(2)], BANDS) == (4, "elevated")
    assert risk_level([AnswerScore(8)], BANDS) == (8, "high")
    assert risk_level([AnswerScore(20)], BANDS) == (20, "acute")
    assert risk_level([AnswerScore(20)], []) == (20, "low")


def test_one_serious_answer_raises_the_level_whatever_the_total():
    assert risk_level([AnswerScore(0, "acute")], BANDS) == (0, "acute")
    assert risk_level([AnswerScore(9), AnswerScore(0, "elevated")], BANDS) == (9, "high")


@given(
    st.lists(st.tuples(st.integers(0, 6), st.sampled_from(["", *RiskLevel.values])), max_size=12)
)
def test_risk_level_is_at_least_every_minimum_and_the_band(answers):
    total, level = risk_level([AnswerScore(s, m) for s, m in answers], BANDS)
    assert total == sum(s for s, _ in answers)
    for _score, minimum in answers:
        if minimum:
            assert LEVEL_ORDER.index(level) >= LEVEL_ORDER.index(minimum)
    band = [b for m, b in BANDS if total >= m][-1]
    assert LEVEL_ORDER.index(level) >= LEVEL_ORDER.index(band)


def test_an_assessment_must_be_complete_to_submit():
    ok = safety_assessment_verdict(
        unanswered=[],
        conclusion="Veilig genoeg.",
        assessed_on=TODAY,
        reassess_on=TODAY + timedelta(days=90),
        today=TODAY,
    )
    assert ok.allowed
    verdict = safety_assessment_verdict(
        unanswered=["Vraag A", "Vraag B"],
        conclusion=" ",
        assessed_on=TODAY + timedelta(days=1),
        reassess_on=None,
        today=TODAY,
    )
    assert verdict.codes == (
        "risk_items_unanswered",
        "conclusion_missing",
        "assessed_in_future",
        "reassess_missing",
    )
    assert "Vraag A; Vraag B" in verdict.message
    early = safety_assessment_verdict(
        unanswered=[], conclusion="x", assessed_on=TODAY, reassess_on=TODAY, today=TODAY
    )
    assert early.codes == ("reassess_too_early",)
    late = safety_assessment_verdict(
        unanswered=[],
        conclusion="x",
        assessed_on=TODAY,
        reassess_on=date(2027, 11, 21),
        today=TODAY,
    )
    assert late.codes == ("reassess_too_late",)


# --- The safety gate ----------------------------------------------------------------


def test_a_completed_current_assessment_allows():
    assert safety_verdict(SafetyFacts(latest_completed_reassess_on=TODAY), TODAY).allowed
    assert safety_verdict(
        SafetyFacts(latest_completed_reassess_on=TODAY, pending_review=True), TODAY
    ).allowed


def test_none_on_record():
    verdict = safety_verdict(SafetyFacts(), TODAY)
    assert not verdict.allowed and verdict.codes == ("safety_assessment_missing",)
    assert "Er staat geen veiligheidstaxatie" in verdict.message


def test_an_assessment_without_a_second_reviewer_is_not_complete():
    verdict = safety_verdict(SafetyFacts(pending_review=True), TODAY)
    assert not verdict.allowed and verdict.codes == ("safety_assessment_not_reviewed",)
    assert "tweede collega" in verdict.message


def test_overdue_says_since_when():
    facts = SafetyFacts(latest_completed_reassess_on=date(2026, 11, 19), pending_review=True)
    verdict = safety_verdict(facts, TODAY)
    assert verdict.codes == ("safety_assessment_overdue", "safety_assessment_not_reviewed")
    assert "19 november 2026" in verdict.reasons[0].message


def test_crisis_goes_ahead_with_a_warning():
    verdict = safety_verdict(SafetyFacts(), TODAY, crisis=True)
    assert verdict.allowed and verdict.reasons == ()
    assert [w.code for w in verdict.warnings] == [
        "safety_deferred_crisis",
        "safety_assessment_missing",
    ]
    current = safety_verdict(SafetyFacts(latest_completed_reassess_on=TODAY), TODAY, crisis=True)
    assert current.allowed and not current.warnings


def test_a_late_assessment_after_crisis_care_is_named():
    facts = SafetyFacts(crisis_due_on=date(2026, 11, 18))
    assert safety_verdict(facts, TODAY).codes == (
        "safety_assessment_missing",
        "safety_crisis_overdue",
    )
    assert safety_verdict(SafetyFacts(crisis_due_on=TODAY), TODAY).codes == (
        "safety_assessment_missing",
    )


@given(
    st.one_of(st.none(), st.dates(date(2026, 10, 1), date(2027, 1, 1))),
    st.booleans(),
    st.one_of(st.none(), st.dates(date(2026, 10, 1), date(2027, 1, 1))),
    st.booleans(),
)
def test_safety_gate_properties(reassess_on, pending, crisis_due, crisis):
    facts = SafetyFacts(reassess_on, pending, crisis_due)
    verdict = safety_verdict(facts, TODAY, crisis=crisis)
    current = reassess_on is not None and reassess_on >= TODAY
    assert verdict.allowed == (current or crisis)
    if crisis and not current:
        assert verdict.warnings[0].code == "safety_deferred_crisis"
    if not verdict.allowed:
        assert verdict.reasons and all(r.message for r in verdict.reasons)


# --- Four eyes ------------------------------------------------------------------------


def test_review_by_a_second_colleague():
    awaiting, done, returned = (
        AssessmentStatus.AWAITING_REVIEW,
        AssessmentStatus.COMPLETED,
        AssessmentStatus.RETURNED,
    )
    assert review_verdict(awaiting, done, author_id=1, reviewer_id=2).allowed
    same = review_verdict(awaiting, done, author_id=1, reviewer_id=1)
    assert same.codes == ("review_same_person",) and "vier ogen" in same.message
    assert review_verdict(awaiting, returned, author_id=1, reviewer_id=2).codes == (
        "review_note_missing",
    )
    assert review_verdict(awaiting, returned, author_id=1, reviewer_id=2, note="Aanvullen").allowed
    assert review_verdict(done, returned, author_id=1, reviewer_id=2, note="x").codes == (
        "review_not_allowed",
    )
    assert review_verdict(returned, awaiting, author_id=1, reviewer_id=1).allowed
    assert review_verdict(returned, awaiting, author_id=1, reviewer_id=2).codes == (
        "resubmit_by_author",
    )


# --- The decision framework on every path -----------------------------------------------

PATHS = [
    (FrameworkAnswers(), None, "framework_question_1_unanswered"),
    (FrameworkAnswers(False), FrameworkOutcome.CLOSE, "framework_no_suspicion"),
    (FrameworkAnswers(True), None, "framework_question_2_unanswered"),
    (FrameworkAnswers(True, True), FrameworkOutcome.REPORT, "framework_acute_or_structural"),
    (FrameworkAnswers(True, False), None, "framework_question_3_unanswered"),
    (FrameworkAnswers(True, False, False), FrameworkOutcome.REPORT, "framework_cannot_help"),
    (FrameworkAnswers(True, False, True), None, "framework_question_4_unanswered"),
    (
        FrameworkAnswers(True, False, True, False),
        FrameworkOutcome.REPORT,
        "framework_help_not_accepted",
    ),
    (FrameworkAnswers(True, False, True, True), FrameworkOutcome.HELP, "framework_help_follow"),
    (
        FrameworkAnswers(True, False, True, True, False),
        FrameworkOutcome.REPORT,
        "framework_help_not_effective",
    ),
    (FrameworkAnswers(True, False, True, True, True), FrameworkOutcome.HELP, "framework_help_safe"),
]


@pytest.mark.parametrize("answers,outcome,code", PATHS, ids=[p[2] for p in PATHS])
def test_decision_framework_every_path(answers, outcome, code):
    decision = decision_framework(answers)
    assert decision.outcome == outcome
    assert decision.reason.code == code
    assert decision.reason.message  # Dutch explanation
    assert decision.must_report == (outcome == FrameworkOutcome.REPORT)


def test_decision_framework_explains_in_dutch():
    assert decision_framework(FrameworkAnswers(True, True)).reason.message == (
        "Er is sprake van acute of structurele onveiligheid: meld bij Veilig Thuis."
    )


answer = st.one_of(st.none(), st.booleans())


@given(answer, answer, answer, answer, answer)
def test_decision_framework_legal_logic(q1, q2, q3, q4, q5):
    decision = decision_framework(FrameworkAnswers(q1, q2, q3, q4, q5))
    if q1 is False:
        assert decision.outcome == FrameworkOutcome.CLOSE  # whatever else was answered
    elif (
        q1
        and q2
        or (
            q1
            and q2 is False
            and (q3 is False or (q3 and q4 is False) or (q3 and q4 and q5 is False))
        )
    ):
        assert decision.outcome == FrameworkOutcome.REPORT
    elif q1 and q2 is False and q3 and q4:
        assert decision.outcome == FrameworkOutcome.HELP
    else:
        assert decision.outcome is None
        assert decision.reason.code.endswith("_unanswered")


def test_concluding_the_procedure_needs_steps_1_to_4():
    complete = ProcedureFacts(
        signals_summary="Blauwe plekken gezien door school.",
        colleague_consulted=True,
        family_talked=True,
        answers=FrameworkAnswers(True, True),
        decision_note="Melden, acute onveiligheid.",
    )
    assert conclude_procedure_verdict(complete).allowed
    verdict = conclude_procedure_verdict(ProcedureFacts())
    assert verdict.codes == (
        "step_1_missing",
        "step_2_missing",
        "step_3_missing",
        "framework_question_1_unanswered",
        "step_5_note_missing",
    )
    unsafe_to_talk = ProcedureFacts(
        signals_summary="x",
        colleague_consulted=True,
        family_not_talked_reason="Gesprek brengt het kind in gevaar.",
        answers=FrameworkAnswers(True, True),
        decision_note="Melden.",
    )
    assert conclude_procedure_verdict(unsafe_to_talk).allowed


# --- Role conflict, signals, Verwijsindex, crisis -------------------------------------------


def test_reporting_by_the_case_worker_raises_the_role_conflict_warning():
    verdict = role_conflict_verdict(reporter_id=7, case_worker_id=7)
    assert verdict.allowed and [w.code for w in verdict.warnings] == ["role_conflict"]
    assert "tweede medewerker" in verdict.warnings[0].message
    assert not role_conflict_verdict(7, 8).warnings
    assert not role_conflict_verdict(7, None).warnings
    assert not role_conflict_verdict(7, 7, second_workers=[9]).warnings
    assert role_conflict_verdict(7, 7, second_workers=[7]).warnings


def test_small_signals_together():
    one_person = [(1, TODAY), (1, TODAY), (1, TODAY)]
    assert not combined_signals_verdict(one_person, TODAY).warnings
    spread = [(1, TODAY), (2, TODAY - timedelta(days=30)), (3, TODAY - timedelta(days=100))]
    verdict = combined_signals_verdict(spread, TODAY)
    assert [w.code for w in verdict.warnings] == ["signals_together"]
    assert "3 signalen over 3 gezinsleden" in verdict.warnings[0].message
    old = [(1, TODAY), (2, TODAY), (3, TODAY - timedelta(days=400))]
    assert not combined_signals_verdict(old, TODAY).warnings


def test_verwijsindex_is_for_young_people_under_23():
    assert index_registration_verdict(22, TODAY, TODAY).allowed
    assert index_registration_verdict(23, TODAY + timedelta(days=1), TODAY).codes == (
        "index_age",
        "registered_in_future",
    )


def test_crisis_exception_needs_a_reason():
    assert crisis_exception_verdict("Kind niet veilig thuis").allowed
    verdict = crisis_exception_verdict("  ")
    assert verdict.codes == ("crisis_reason_missing",) and verdict.message
