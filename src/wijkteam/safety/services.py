"""Every change to safety records: one function per use case, one transaction each,
audited in that transaction; edits and review are row-locked and version-checked."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.assessment.models import Consultation
from wijkteam.assessment.services import ensure
from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.models import AuditAction
from wijkteam.cases.models import Case
from wijkteam.cases.rules import add_working_days
from wijkteam.cases.services import refuse
from wijkteam.core.concurrency import claim_next_version
from wijkteam.core.errors import RuleViolation
from wijkteam.core.rules import Verdict
from wijkteam.people.models import Resident
from wijkteam.people.rules import age_on

from .models import (
    AssessmentStatus,
    CrisisSafetyException,
    ReportingCodeProcedure,
    ReportingRole,
    RiskAnswer,
    RiskAnswerOption,
    RiskInstrument,
    RiskYouthIndexRegistration,
    SafetyAssessment,
    SafetySignal,
    VeiligThuisReport,
)
from .rules import (
    AnswerScore,
    FrameworkAnswers,
    ProcedureFacts,
    conclude_procedure_verdict,
    crisis_exception_verdict,
    decision_framework,
    index_registration_verdict,
    review_verdict,
    risk_level,
    role_conflict_verdict,
    safety_assessment_verdict,
)


@transaction.atomic
def record_crisis_exception(
    ctx: AuditContext, case: Case, *, reason: str, actor, now: datetime | None = None
) -> CrisisSafetyException:
    """Crisis care without a current safety assessment: records why, and sets a safety
    assessment due within WIJKTEAM_CRISIS_SAFETY_DUE_WORKING_DAYS working days. Refuses
    an empty reason (RuleViolation, in Dutch). Audited; on the case timeline."""
    now = now or timezone.now()
    verdict = crisis_exception_verdict(reason)
    if not verdict.allowed:
        raise RuleViolation(verdict)
    due = add_working_days(
        timezone.localdate(now), settings.WIJKTEAM_CRISIS_SAFETY_DUE_WORKING_DAYS
    )
    exception = CrisisSafetyException.objects.create(
        case=case,
        reason=reason.strip(),
        recorded_by=actor,
        recorded_at=now,
        assessment_due_on=due,
    )
    log_change(ctx, exception, AuditAction.CREATE, changed_fields=("reason", "assessment_due_on"))
    return exception


# --- Safety assessments ----------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentInput:
    answers: Mapping[int, int]  # item id -> option id
    conclusion: str
    assessed_on: date
    reassess_on: date | None
    safety_officer_consultation: Consultation | None = None


def _scored(instrument: RiskInstrument, data: AssessmentInput, today: date):
    """Check the answers against the instrument; return (options by item, score, level)."""
    items = list(instrument.items.all())
    options = {
        option.pk: option for option in RiskAnswerOption.objects.filter(item__instrument=instrument)
    }
    chosen = {}
    for item in items:
        option = options.get(data.answers.get(item.pk))
        if option is not None and option.item_id == item.pk:
            chosen[item.pk] = option
    ensure(
        safety_assessment_verdict(
            unanswered=[item.question for item in items if item.pk not in chosen],
            conclusion=data.conclusion,
            assessed_on=data.assessed_on,
            reassess_on=data.reassess_on,
            today=today,
        )
    )
    bands = instrument.bands.values_list("min_score", "level")
    score, level = risk_level(
        [AnswerScore(o.score, o.minimum_level) for o in chosen.values()], bands
    )
    return chosen, score, level


def _check_consultation(case: Case, consultation: Consultation | None) -> None:
    if consultation is not None and (
        consultation.case_id != case.pk or consultation.kind != "safety_officer"
    ):
        raise refuse(
            "consultation_not_safety_officer",
            _("Choose a consultation of the safety officer on this case."),
        )


@transaction.atomic
def record_safety_assessment(
    ctx: AuditContext,
    case: Case,
    data: AssessmentInput,
    *,
    instrument: RiskInstrument,
    actor: User,
    now: datetime | None = None,
) -> SafetyAssessment:
    """Assess safety with the instrument. The assessment then awaits review by a second
    colleague; only after that review does it count (four eyes)."""
    now = now or timezone.now()
    chosen, score, level = _scored(instrument, data, timezone.localdate(now))
    _check_consultation(case, data.safety_officer_consultation)
    assessment = SafetyAssessment.objects.create(
        case=case,
        instrument=instrument,
        assessed_on=data.assessed_on,
        assessed_by=actor,
        score=score,
        risk_level=level,
        conclusion=data.conclusion.strip(),
        reassess_on=data.reassess_on,
        safety_officer_consultation=data.safety_officer_consultation,
        recorded_at=now,
    )
    RiskAnswer.objects.bulk_create(
        RiskAnswer(assessment=assessment, item_id=item_id, option=option)
        for item_id, option in chosen.items()
    )
    log_change(
        ctx, assessment, AuditAction.CREATE, changed_fields=("answers", "risk_level", "conclusion")
    )
    return assessment


@transaction.atomic
def revise_safety_assessment(
    ctx: AuditContext,
    assessment: SafetyAssessment,
    data: AssessmentInput,
    *,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> SafetyAssessment:
    """The author changes a returned assessment and submits it for review again."""
    now = now or timezone.now()
    assessment = SafetyAssessment.objects.select_for_update().get(pk=assessment.pk)
    claim_next_version(assessment, expected_version)
    ensure(
        review_verdict(
            assessment.status,
            AssessmentStatus.AWAITING_REVIEW,
            author_id=assessment.assessed_by_id,
            reviewer_id=actor.pk,
        )
    )
    chosen, score, level = _scored(assessment.instrument, data, timezone.localdate(now))
    _check_consultation(assessment.case, data.safety_officer_consultation)
    assessment.answers.all().delete()
    RiskAnswer.objects.bulk_create(
        RiskAnswer(assessment=assessment, item_id=item_id, option=option)
        for item_id, option in chosen.items()
    )
    assessment.score, assessment.risk_level = score, level
    assessment.conclusion = data.conclusion.strip()
    assessment.assessed_on, assessment.reassess_on = data.assessed_on, data.reassess_on
    assessment.safety_officer_consultation = data.safety_officer_consultation
    assessment.status = AssessmentStatus.AWAITING_REVIEW
    assessment.save()
    log_change(
        ctx, assessment, AuditAction.UPDATE, changed_fields=("answers", "conclusion", "status")
    )
    return assessment


@transaction.atomic
def review_safety_assessment(
    ctx: AuditContext,
    assessment: SafetyAssessment,
    *,
    approve: bool,
    note: str,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> SafetyAssessment:
    """Four eyes: a colleague other than the author completes the assessment (it then
    counts) or returns it with what must change."""
    assessment = SafetyAssessment.objects.select_for_update().get(pk=assessment.pk)
    claim_next_version(assessment, expected_version)
    target = AssessmentStatus.COMPLETED if approve else AssessmentStatus.RETURNED
    ensure(
        review_verdict(
            assessment.status,
            target,
            author_id=assessment.assessed_by_id,
            reviewer_id=actor.pk,
            note=note,
        )
    )
    assessment.status = target
    assessment.review_note = note.strip()
    assessment.reviewed_by = actor
    assessment.reviewed_at = now or timezone.now()
    assessment.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
    log_change(ctx, assessment, AuditAction.UPDATE, changed_fields=("status", "review_note"))
    return assessment


# --- Signals ----------------------------------------------------------------------------


def _member(case: Case, resident: Resident) -> None:
    if not case.household.memberships.filter(resident=resident).exists():
        raise refuse("not_in_household", _("This person is not a member of this household."))


@transaction.atomic
def record_signal(
    ctx: AuditContext,
    case: Case,
    *,
    resident: Resident,
    observed_on: date,
    description: str,
    source: str = "",
    actor: User,
    now: datetime | None = None,
) -> SafetySignal:
    now = now or timezone.now()
    _member(case, resident)
    if observed_on > timezone.localdate(now):
        raise refuse("observed_in_future", _("The date cannot be in the future."))
    signal = SafetySignal.objects.create(
        case=case,
        resident=resident,
        observed_on=observed_on,
        description=description.strip(),
        source=source.strip(),
        recorded_by=actor,
        recorded_at=now,
    )
    log_change(ctx, signal, AuditAction.CREATE, changed_fields=("description",))
    return signal


# --- The reporting code ------------------------------------------------------------------

PROCEDURE_FIELDS = (
    "signals_summary",
    "colleague",
    "colleague_consulted_on",
    "colleague_advice",
    "veilig_thuis_consulted_on",
    "veilig_thuis_advice",
    "family_talked_on",
    "family_conversation",
    "family_not_talked_reason",
    "q1_suspicion",
    "q2_acute_or_structural",
    "q3_can_help",
    "q4_help_accepted",
    "q5_help_brings_safety",
    "weighing",
    "decision_note",
)


def open_procedure(case: Case) -> ReportingCodeProcedure | None:
    return case.reporting_code_procedures.filter(outcome="").order_by("-started_on", "-id").first()


def framework_answers(procedure: ReportingCodeProcedure) -> FrameworkAnswers:
    return FrameworkAnswers(
        procedure.q1_suspicion,
        procedure.q2_acute_or_structural,
        procedure.q3_can_help,
        procedure.q4_help_accepted,
        procedure.q5_help_brings_safety,
    )


@transaction.atomic
def save_reporting_code(
    ctx: AuditContext,
    case: Case,
    steps: Mapping[str, object],
    *,
    conclude: bool,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> ReportingCodeProcedure:
    """Record the reporting code's steps on the case's open procedure (one is started
    when there is none). With `conclude`, step 5 is taken: the decision follows from the
    decision framework, once steps 1–4 are recorded."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    procedure = open_procedure(case)
    if procedure is None:
        procedure = ReportingCodeProcedure.objects.create(
            case=case, started_on=today, started_by=actor
        )
        expected_version = procedure.version if expected_version is None else expected_version
    procedure = ReportingCodeProcedure.objects.select_for_update().get(pk=procedure.pk)
    claim_next_version(procedure, expected_version)
    colleague = steps.get("colleague")
    if colleague is not None and colleague.pk == actor.pk:
        raise refuse(
            "colleague_is_self", _("Step 2 is consulting someone else: choose a colleague.")
        )
    for name in PROCEDURE_FIELDS:
        if name in steps:
            setattr(procedure, name, steps[name])
    if conclude:
        ensure(
            conclude_procedure_verdict(
                ProcedureFacts(
                    signals_summary=procedure.signals_summary,
                    colleague_consulted=bool(
                        procedure.colleague_id and procedure.colleague_consulted_on
                    ),
                    family_talked=bool(procedure.family_talked_on),
                    family_not_talked_reason=procedure.family_not_talked_reason,
                    answers=framework_answers(procedure),
                    decision_note=procedure.decision_note,
                )
            )
        )
        procedure.outcome = decision_framework(framework_answers(procedure)).outcome
        procedure.decided_on, procedure.decided_by = today, actor
    procedure.save()
    log_change(
        ctx,
        procedure,
        AuditAction.UPDATE,
        changed_fields=[name for name in PROCEDURE_FIELDS if name in steps]
        + (["outcome"] if conclude else []),
    )
    return procedure


# --- Reports, the reporting role, the Verwijsindex ---------------------------------------


def active_reporters(case: Case) -> list[int]:
    return list(
        case.reporting_roles.filter(ended_at__isnull=True).values_list("worker_id", flat=True)
    )


@transaction.atomic
def record_veilig_thuis_report(
    ctx: AuditContext,
    case: Case,
    *,
    reported_on: date,
    reported_by: User,
    reference: str,
    children: Iterable[Resident],
    summary: str,
    actor: User,
    now: datetime | None = None,
) -> tuple[VeiligThuisReport, Verdict]:
    """Record a report to Veilig Thuis. Returns the report and the role-conflict verdict:
    a warning when the reporter is also the family's case worker."""
    now = now or timezone.now()
    children = list(children)
    if not children:
        raise refuse("no_children", _("Say which children the report is about."))
    for child in children:
        _member(case, child)
    if reported_on > timezone.localdate(now):
        raise refuse("reported_in_future", _("The date cannot be in the future."))
    if not summary.strip():
        raise refuse("summary_missing", _("Describe what was reported."))
    report = VeiligThuisReport.objects.create(
        case=case,
        reported_on=reported_on,
        reported_by=reported_by,
        reference=reference.strip(),
        summary=summary.strip(),
        procedure=case.reporting_code_procedures.filter(outcome="report").first(),
        recorded_by=actor,
        recorded_at=now,
    )
    report.children.set(children)
    log_change(ctx, report, AuditAction.CREATE, changed_fields=("reported_on", "summary"))
    conflict = role_conflict_verdict(reported_by.pk, case.worker_id, active_reporters(case))
    return report, conflict


@transaction.atomic
def assign_reporting_role(
    ctx: AuditContext,
    case: Case,
    *,
    worker: User,
    reason: str = "",
    actor: User,
    now: datetime | None = None,
) -> ReportingRole:
    """A second worker of the team takes the reporting role, so the case worker can stay
    the family's helper."""
    now = now or timezone.now()
    if worker.team_id != case.team_id:
        raise refuse("other_team", _("Choose a member of the case's own team."))
    if worker.pk == case.worker_id:
        raise refuse(
            "reporter_is_case_worker",
            _("Choose someone other than the case worker: that is the point of a second worker."),
        )
    case.reporting_roles.filter(ended_at__isnull=True).update(ended_at=now)
    role = ReportingRole.objects.create(
        case=case, worker=worker, reason=reason.strip(), assigned_by=actor, assigned_at=now
    )
    log_change(ctx, role, AuditAction.CREATE, changed_fields=("worker",))
    return role


@transaction.atomic
def register_in_index(
    ctx: AuditContext,
    case: Case,
    *,
    youth: Resident,
    registered_on: date,
    note: str = "",
    actor: User,
    now: datetime | None = None,
) -> RiskYouthIndexRegistration:
    now = now or timezone.now()
    _member(case, youth)
    today = timezone.localdate(now)
    ensure(index_registration_verdict(age_on(youth.birth_date, today), registered_on, today))
    registration = RiskYouthIndexRegistration.objects.create(
        case=case,
        youth=youth,
        registered_on=registered_on,
        registered_by=actor,
        note=note.strip(),
        recorded_at=now,
    )
    log_change(ctx, registration, AuditAction.CREATE, changed_fields=("youth", "registered_on"))
    return registration
