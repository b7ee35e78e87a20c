"""The safety gate for a case and the crisis exception, with the database."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.audit.log import AuditContext
from wijkteam.audit.models import AuditEntry
from wijkteam.cases.queries import timeline
from wijkteam.core.errors import RuleViolation
from wijkteam.safety.models import AssessmentStatus, RiskInstrument, SafetyAssessment
from wijkteam.safety.queries import safety_verdict_for_case
from wijkteam.safety.services import record_crisis_exception

TODAY = date(2026, 11, 20)  # a Friday
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def assessment(world, *, status, reassess_on, reviewed_at=None, author=Role.CASE_WORKER):
    return SafetyAssessment.objects.create(
        case=world.case,
        instrument=RiskInstrument.objects.first(),
        assessed_on=TODAY - timedelta(days=30),
        assessed_by=world.users[author],
        risk_level="low",
        conclusion="Geen zorgen over de veiligheid.",
        reassess_on=reassess_on,
        status=status,
        reviewed_by=world.users[Role.SAFETY_OFFICER] if reviewed_at else None,
        reviewed_at=reviewed_at,
        recorded_at=timezone.now() - timedelta(days=30),
    )


def test_none_on_record(world):
    verdict = safety_verdict_for_case(world.case, TODAY)
    assert not verdict.allowed and verdict.codes == ("safety_assessment_missing",)


def test_a_safety_assessment_without_a_second_reviewer_is_not_complete(world):
    assessment(world, status=AssessmentStatus.AWAITING_REVIEW, reassess_on=TODAY + timedelta(90))
    verdict = safety_verdict_for_case(world.case, TODAY)
    assert not verdict.allowed and verdict.codes == ("safety_assessment_not_reviewed",)


def test_completed_and_current_then_overdue(world):
    assessment(
        world,
        status=AssessmentStatus.COMPLETED,
        reassess_on=TODAY,
        reviewed_at=timezone.now() - timedelta(days=29),
    )
    assert safety_verdict_for_case(world.case, TODAY).allowed
    overdue = safety_verdict_for_case(world.case, TODAY + timedelta(days=1))
    assert overdue.codes == ("safety_assessment_overdue",)
    assert "20 november 2026" in overdue.message


def test_the_latest_reviewed_assessment_counts(world):
    assessment(
        world,
        status=AssessmentStatus.COMPLETED,
        reassess_on=TODAY + timedelta(days=60),
        reviewed_at=timezone.now() - timedelta(days=20),
    )
    assessment(
        world,
        status=AssessmentStatus.COMPLETED,
        reassess_on=TODAY - timedelta(days=1),
        reviewed_at=timezone.now() - timedelta(days=1),
    )
    assert safety_verdict_for_case(world.case, TODAY).codes == ("safety_assessment_overdue",)


def test_crisis_care_is_allowed_with_a_warning_and_recorded(world, settings):
    settings.WIJKTEAM_CRISIS_SAFETY_DUE_WORKING_DAYS = 3
    verdict = safety_verdict_for_case(world.case, TODAY, crisis=True)
    assert verdict.allowed and verdict.warnings[0].code == "safety_deferred_crisis"

    ctx = AuditContext.system(name="test")
    now = datetime(2026, 11, 20, 16, 0, tzinfo=AMSTERDAM)
    exception = record_crisis_exception(
        ctx,
        world.case,
        reason="Moeder opgenomen, kinderen direct opgevangen.",
        actor=world.users[Role.CASE_WORKER],
        now=now,
    )
    assert exception.assessment_due_on == date(2026, 11, 25)  # three working days after Friday
    assert AuditEntry.objects.filter(
        object_type="safety.crisissafetyexception", object_id=str(exception.pk)
    ).exists()
    assert any("Moeder opgenomen" in item.text for item in timeline(world.case))
    late = safety_verdict_for_case(world.case, date(2026, 11, 26))
    assert late.codes == ("safety_assessment_missing", "safety_crisis_overdue")

    # A completed assessment after the crisis closes the exception.
    assessment(
        world,
        status=AssessmentStatus.COMPLETED,
        reassess_on=date(2027, 2, 1),
        reviewed_at=now + timedelta(days=2),
    )
    assert safety_verdict_for_case(world.case, date(2026, 11, 26)).allowed


def test_crisis_exception_refuses_an_empty_reason(world):
    with pytest.raises(RuleViolation) as refused:
        record_crisis_exception(
            AuditContext.system(name="test"),
            world.case,
            reason="  ",
            actor=world.users[Role.CASE_WORKER],
        )
    assert refused.value.verdict.codes == ("crisis_reason_missing",)
    assert "crisiszorg" in refused.value.verdict.message.lower()
