"""Pure rules of complaints (Awb chapter 9) and the survey figures."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkteam.accounts.roles import Role
from wijkteam.quality.models import ComplaintStatus
from wijkteam.quality.rules import (
    COMPLAINT_MOVES,
    DeadlineState,
    complaint_input_verdict,
    complaint_move_verdict,
    complaint_targets,
    deadline,
    decision_due,
    experience_figures,
    extension_verdict,
    invitation_verdict,
    late_complaint_warning,
)

MONDAY = date(2026, 3, 2)


def test_six_weeks_from_receipt_moved_past_a_weekend_or_holiday():
    assert decision_due(MONDAY) == date(2026, 4, 13)
    saturday = date(2026, 3, 7)
    assert decision_due(saturday) == date(2026, 4, 20)  # Sat 18 April → Monday
    assert decision_due(MONDAY, holidays=[date(2026, 4, 13)]) == date(2026, 4, 14)
    assert decision_due(MONDAY, extension_weeks=4) == date(2026, 5, 11)


def _deadline(today, status=ComplaintStatus.IN_HANDLING, closed_on=None, extension_weeks=0):
    return deadline(
        received_on=MONDAY,
        extension_weeks=extension_weeks,
        status=status,
        closed_on=closed_on,
        today=today,
        warning_days=7,
    )


def test_deadline_states_and_their_words():
    assert _deadline(date(2026, 3, 20)).state == DeadlineState.ON_TIME
    soon = _deadline(date(2026, 4, 6))
    assert soon.state == DeadlineState.DUE_SOON and soon.days_left == 7
    assert soon.label == "nog 7 dagen"
    assert _deadline(date(2026, 4, 13)).label == "uiterlijk vandaag"
    late = _deadline(date(2026, 4, 15))
    assert late.state == DeadlineState.OVERDUE and late.label == "2 dagen te laat"
    assert late.warning
    extended = _deadline(date(2026, 4, 15), extension_weeks=3)
    assert extended.state == DeadlineState.ON_TIME and extended.extended
    done = _deadline(date(2026, 6, 1), ComplaintStatus.DECIDED, date(2026, 4, 10))
    assert done.state == DeadlineState.CLOSED_ON_TIME and not done.warning
    assert _deadline(date(2026, 6, 1), "withdrawn", date(2026, 4, 20)).state == "closed_late"


def _extension(**changes):
    base = {
        "status": ComplaintStatus.IN_HANDLING,
        "received_on": MONDAY,
        "extension_weeks_so_far": 0,
        "weeks": 4,
        "reason": "Het dossier van de aanbieder is nog niet binnen.",
        "informed_on": date(2026, 4, 1),
        "today": date(2026, 4, 2),
    }
    base.update(changes)
    return extension_verdict(**base)


def test_extension_once_by_at_most_four_weeks_within_the_term_after_telling():
    assert _extension().allowed
    assert _extension(extension_weeks_so_far=2).codes == ("extension_once",)
    assert _extension(weeks=5).codes == ("extension_weeks",)
    assert _extension(weeks=0).codes == ("extension_weeks",)
    assert _extension(reason=" ").codes == ("extension_reason",)
    assert _extension(informed_on=None).codes == ("extension_not_informed",)
    assert _extension(informed_on=date(2026, 4, 3)).codes == ("informed_in_future",)
    assert _extension(informed_on=date(2026, 3, 1)).codes == ("informed_before_receipt",)
    assert _extension(today=date(2026, 4, 14), informed_on=date(2026, 4, 14)).codes == (
        "extension_too_late",
    )
    assert _extension(today=date(2026, 4, 13)).allowed  # the last day of the term
    assert _extension(status=ComplaintStatus.DECIDED).codes == ("complaint_closed",)


def test_conduct_more_than_a_year_before_is_a_warning_only():
    assert late_complaint_warning(None, MONDAY) is None
    assert late_complaint_warning(date(2025, 3, 3), MONDAY) is None
    warning = late_complaint_warning(date(2025, 3, 2), MONDAY)
    assert warning.code == "complaint_about_old_conduct" and "Awb 9:8" in warning.message


def test_what_a_complaint_needs():
    verdict = complaint_input_verdict(
        name=" ", description="", received_on=date(2026, 3, 3), incident_on=None, today=MONDAY
    )
    assert set(verdict.codes) == {
        "complainant_name_missing",
        "complaint_description_missing",
        "received_in_future",
    }
    verdict = complaint_input_verdict(
        name="A", description="B", received_on=MONDAY, incident_on=date(2026, 3, 3), today=MONDAY
    )
    assert verdict.codes == ("incident_after_receipt",)


def test_the_lifecycle_from_received_to_decided():
    officer = {Role.COMPLAINTS_OFFICER}
    assert complaint_targets("received", officer) == ["acknowledged", "withdrawn"]
    assert complaint_targets("acknowledged", officer) == ["in_handling", "decided", "withdrawn"]
    assert complaint_targets("in_handling", officer) == ["decided", "withdrawn"]
    assert complaint_targets("decided", officer) == []
    assert complaint_targets("received", {Role.TEAM_LEAD}) == []
    decided = complaint_move_verdict(
        "in_handling", "decided", officer, note="Excuses gemaakt.", outcome="well_founded"
    )
    assert decided.allowed
    refused = complaint_move_verdict("in_handling", "decided", officer)
    assert set(refused.codes) == {"complaint_outcome_missing", "complaint_note_missing"}
    assert complaint_move_verdict("received", "withdrawn", officer).codes == (
        "complaint_note_missing",
    )
    assert complaint_move_verdict("decided", "received", officer).codes == (
        "complaint_move_not_allowed",
    )


STATUSES = [s.value for s in ComplaintStatus]


@given(
    source=st.sampled_from(STATUSES),
    target=st.sampled_from(STATUSES),
    roles=st.sets(st.sampled_from([r.value for r in Role])),
)
def test_only_the_table_and_only_the_officer(source, target, roles):
    verdict = complaint_move_verdict(source, target, roles, note="x", outcome="unfounded")
    in_table = any(m.source == source and m.target == target for m in COMPLAINT_MOVES)
    assert verdict.allowed == (in_table and Role.COMPLAINTS_OFFICER in roles)
    # Nothing leaves a closed complaint.
    if source in ("decided", "withdrawn"):
        assert not verdict.allowed


def test_invitation_fits_the_occasion():
    assert invitation_verdict("in_progress", "evaluation").allowed
    assert invitation_verdict("closed", "closure").allowed
    assert invitation_verdict("closed", "evaluation").codes == ("survey_case_status",)
    assert invitation_verdict("registered", "closure").codes == ("survey_case_status",)
    assert invitation_verdict("in_progress", "birthday").codes == ("survey_occasion",)


def test_experience_figures_suppress_small_groups():
    few = experience_figures({9: 2, 4: 1}, threshold=5)
    assert few.count == "<5" and few.mean == "–" and few.suppressed
    assert set(few.distribution) == {"–"}
    none = experience_figures({}, threshold=5)
    assert none.count == "0" and not none.suppressed
    many = experience_figures({3: 1, 7: 4, 8: 5, 10: 2}, threshold=5)
    assert many.count == "12" and many.mean == "7,6"
    assert many.low_share == "8%" and many.high_share == "58%"
    assert many.distribution[2] == "<5" and many.distribution[7] == "5"


@pytest.mark.parametrize("threshold", [1, 5, 10])
@given(scores=st.dictionaries(st.integers(1, 10), st.integers(0, 30)))
def test_no_figure_of_a_group_below_the_threshold(threshold, scores):
    figures = experience_figures(scores, threshold)
    count = sum(scores.values())
    if 0 < count < threshold:
        assert figures.count == f"<{threshold}" and figures.mean == "–"
    for cell, score in zip(figures.distribution, range(1, 11), strict=True):
        number = scores.get(score, 0)
        if 0 < number < threshold:
            assert not cell.isdigit()
