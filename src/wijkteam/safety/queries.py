"""Reads of safety records. Which cases a user may see is decided by
`cases.queries.cases_visible_to`; everything here is reached through a visible case."""

from datetime import date

from wijkteam.cases.models import Case
from wijkteam.core.rules import Verdict

from .models import AssessmentStatus, CrisisSafetyException, SafetyAssessment
from .rules import SafetyFacts, safety_verdict


def safety_facts_for_case(case: Case) -> SafetyFacts:
    """What is on record for the safety gate, in three queries."""
    latest = (
        SafetyAssessment.objects.filter(case_id=case.pk, status=AssessmentStatus.COMPLETED)
        .order_by("-reviewed_at", "-id")
        .values("reassess_on", "reviewed_at")
        .first()
    )
    pending = SafetyAssessment.objects.filter(
        case_id=case.pk,
        status__in=(AssessmentStatus.AWAITING_REVIEW, AssessmentStatus.RETURNED),
    ).exists()
    crises = CrisisSafetyException.objects.filter(case_id=case.pk)
    if latest is not None:
        crises = crises.filter(recorded_at__gt=latest["reviewed_at"])
    crisis_due = (
        crises.order_by("assessment_due_on").values_list("assessment_due_on", flat=True).first()
    )
    return SafetyFacts(
        latest_completed_reassess_on=latest["reassess_on"] if latest else None,
        pending_review=pending,
        crisis_due_on=crisis_due,
    )


def safety_verdict_for_case(case: Case, today: date, *, crisis: bool = False) -> Verdict:
    """A completed (reviewed by a second colleague: four eyes) and current (its
    re-assessment date not passed on `today`) safety assessment is on record for the case.

    Not allowed → Dutch reasons that say what is missing: `safety_assessment_missing`
    (none at all), `safety_assessment_not_reviewed` (awaiting its second colleague),
    `safety_assessment_overdue` (overdue since <date>), and `safety_crisis_overdue` when an
    assessment due after crisis care is late. With `crisis=True` and none on record:
    allowed, with the warning `safety_deferred_crisis` first in `verdict.warnings` (the
    reasons follow it there); the caller then records the exception with
    `services.record_crisis_exception`."""
    return safety_verdict(safety_facts_for_case(case), today, crisis=crisis)
