"""Reads of safety records. Which cases a user may see is decided by
`cases.queries.cases_visible_to`; everything here is reached through a visible case."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db.models import Case as Case_
from django.db.models import (
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from wijkteam.cases.models import Case, CaseStatus
from wijkteam.cases.queries import cases_visible_to
from wijkteam.core.rules import Verdict
from wijkteam.core.worklists import WORKLIST_SIZE, Worklist
from wijkteam.people.models import Resident

from .models import (
    AssessmentStatus,
    CrisisSafetyException,
    ReportingCodeProcedure,
    RiskAnswer,
    RiskInstrument,
    RiskItem,
    SafetyAssessment,
    SafetySignal,
)
from .rules import (
    SafetyFacts,
    combined_signals_verdict,
    role_conflict_verdict,
    safety_status_reasons,
    safety_verdict,
)


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


# --- The safety page of a case --------------------------------------------------------


@dataclass(frozen=True)
class PersonSignals:
    resident: Resident
    signals: list


@dataclass
class SafetyOverview:
    verdict: Verdict
    assessments: list
    signals_by_person: list[PersonSignals]
    signals_warning: Verdict
    procedures: list
    open_procedure: ReportingCodeProcedure | None
    reports: list
    role_conflict: Verdict
    reporters: list
    index_registrations: list
    crisis_exceptions: list


def household_signals(case: Case) -> list[PersonSignals]:
    """Signals about every member of the household, from all its cases, per person."""
    signals = list(
        SafetySignal.objects.filter(case__household_id=case.household_id)
        .select_related("resident", "recorded_by", "case")
        .order_by("resident__birth_date", "resident_id", "-observed_on", "-id")
    )
    people: dict[int, PersonSignals] = {}
    for signal in signals:
        people.setdefault(signal.resident_id, PersonSignals(signal.resident, [])).signals.append(
            signal
        )
    return list(people.values())


def safety_overview(case: Case, today: date) -> SafetyOverview:
    """Everything on the case's safety page, in a fixed number of queries."""
    by_person = household_signals(case)
    reports = list(
        case.veilig_thuis_reports.select_related("reported_by").prefetch_related("children")
    )
    reporters = list(
        case.reporting_roles.filter(ended_at__isnull=True).select_related("worker", "assigned_by")
    )
    latest_report = reports[0] if reports else None
    conflict = (
        role_conflict_verdict(
            latest_report.reported_by_id, case.worker_id, [r.worker_id for r in reporters]
        )
        if latest_report
        else Verdict(True)
    )
    procedures = list(case.reporting_code_procedures.select_related("colleague", "decided_by"))
    return SafetyOverview(
        verdict=safety_verdict_for_case(case, today),
        assessments=list(
            case.safety_assessments.select_related("assessed_by", "reviewed_by", "instrument")
        ),
        signals_by_person=by_person,
        signals_warning=combined_signals_verdict(
            [(s.resident_id, s.observed_on) for p in by_person for s in p.signals], today
        ),
        procedures=procedures,
        open_procedure=next((p for p in procedures if not p.concluded), None),
        reports=reports,
        role_conflict=conflict,
        reporters=reporters,
        index_registrations=list(case.index_registrations.select_related("youth", "registered_by")),
        crisis_exceptions=list(case.crisis_exceptions.select_related("recorded_by")),
    )


def assessment_detail(case: Case, pk: int) -> SafetyAssessment:
    """One assessment of a visible case, with its answers (DoesNotExist → 404)."""
    return (
        SafetyAssessment.objects.filter(case=case)
        .select_related("assessed_by", "reviewed_by", "instrument", "safety_officer_consultation")
        .prefetch_related(
            Prefetch("answers", queryset=RiskAnswer.objects.select_related("item", "option"))
        )
        .get(pk=pk)
    )


def active_instrument() -> RiskInstrument | None:
    return (
        RiskInstrument.objects.filter(active=True)
        .prefetch_related(Prefetch("items", queryset=RiskItem.objects.prefetch_related("options")))
        .order_by("pk")
        .first()
    )


# --- Overdue and missing safety assessments: "Mijn werk" and the Team page ----------------

WORKLIST_STATUSES = (CaseStatus.CLARIFICATION, CaseStatus.IN_PROGRESS, CaseStatus.CLOSING)


@dataclass(frozen=True)
class SafetyWorkRow:
    case: Case
    reasons: tuple
    due: date | None

    @property
    def overdue(self) -> bool:
        return any(
            r.code in ("safety_assessment_overdue", "safety_crisis_overdue") for r in self.reasons
        )


EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _with_safety_facts(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate each case with the facts of the safety gate (as safety_facts_for_case)."""
    completed = SafetyAssessment.objects.filter(
        case=OuterRef("pk"), status=AssessmentStatus.COMPLETED
    ).order_by("-reviewed_at", "-id")
    crises = CrisisSafetyException.objects.filter(
        case=OuterRef("pk"),
        recorded_at__gt=Coalesce(
            OuterRef("latest_reviewed_at"), Value(EPOCH, output_field=DateTimeField())
        ),
    )
    return cases.annotate(
        latest_reviewed_at=Subquery(completed.values("reviewed_at")[:1]),
        latest_reassess_on=Subquery(completed.values("reassess_on")[:1]),
        pending_review=Exists(
            SafetyAssessment.objects.filter(
                case=OuterRef("pk"),
                status__in=(AssessmentStatus.AWAITING_REVIEW, AssessmentStatus.RETURNED),
            )
        ),
    ).annotate(
        crisis_due_on=Subquery(
            crises.order_by("assessment_due_on").values("assessment_due_on")[:1]
        ),
    )


class SafetyWorklist(Worklist):
    """The most urgent safety rows (at most WORKLIST_SIZE) and how many cases need work."""


def safety_worklist(
    user, today: date, *, whole_team: bool = False, size: int = WORKLIST_SIZE
) -> SafetyWorklist:
    """Open cases (past triage) without a completed, current safety assessment: the
    user's own cases, or with `whole_team` all of the user's team. Overdue first, then by
    due date; the first `size` of them and the total. The database selects, orders and
    counts (a case needs work exactly when its latest completed assessment is missing or
    due before today, as `safety_status_reasons` says); two queries whatever the number
    of cases."""
    cases = cases_visible_to(user).filter(status__in=WORKLIST_STATUSES)
    cases = cases.filter(team_id=user.team_id) if whole_team else cases.filter(worker=user)
    needing_work = _with_safety_facts(cases).filter(
        Q(latest_reassess_on__isnull=True) | Q(latest_reassess_on__lt=today)
    )
    ordered = needing_work.annotate(
        is_overdue=Case_(
            When(Q(latest_reassess_on__lt=today) | Q(crisis_due_on__lt=today), then=Value(0)),
            default=Value(1),
        ),
        due=Coalesce("crisis_due_on", "latest_reassess_on"),
    ).order_by("is_overdue", F("due").asc(nulls_last=True), "reference")
    rows = []
    for case in ordered.select_related("household", "worker")[:size]:
        facts = SafetyFacts(case.latest_reassess_on, case.pending_review, case.crisis_due_on)
        rows.append(SafetyWorkRow(case, safety_status_reasons(facts, today), case.due))
    return SafetyWorklist(rows, needing_work.count())


# --- The case page: assessment and safety at a glance ---------------------------------------


@dataclass(frozen=True)
class CaseAssessmentSummary:
    clarification: Verdict
    children: list
    child_voice: Verdict
    safety: Verdict
    analysis_versions: int
    open_consultations: int


def case_assessment_summary(case: Case, today: date) -> CaseAssessmentSummary:
    """What the case page shows about clarification, the child's voice, the explanatory
    analysis, consultations and safety; a fixed number of queries."""
    from wijkteam.assessment.models import Consultation, ExplanatoryAnalysisVersion
    from wijkteam.assessment.queries import (
        child_voice_rows,
        child_voice_verdict_of_rows,
        clarification_verdict_for_case,
    )

    children = child_voice_rows(case, today)
    return CaseAssessmentSummary(
        clarification=clarification_verdict_for_case(case),
        children=children,
        child_voice=child_voice_verdict_of_rows(children),
        safety=safety_verdict_for_case(case, today),
        analysis_versions=ExplanatoryAnalysisVersion.objects.filter(analysis__case=case).count(),
        open_consultations=Consultation.objects.filter(case=case, advice="").count(),
    )


@dataclass(frozen=True)
class TeamAssessmentOverview:
    work: SafetyWorklist
    child_voice: object  # assessment.queries.ChildVoiceFigures


def team_assessment_overview(user, today: date) -> TeamAssessmentOverview:
    """For the team lead's page: the team's safety work list and how many children of its
    open cases were spoken to. A fixed number of queries."""
    from wijkteam.assessment.queries import child_voice_figures

    open_cases = cases_visible_to(user).filter(team_id=user.team_id, status__in=WORKLIST_STATUSES)
    return TeamAssessmentOverview(
        work=safety_worklist(user, today, whole_team=True),
        child_voice=child_voice_figures(open_cases, today),
    )
