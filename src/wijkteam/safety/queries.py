"""Reads of safety records. Which cases a user may see is decided by
`cases.queries.cases_visible_to`; everything here is reached through a visible case."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.utils.dateparse import parse_date

from wijkteam.cases.models import Case, CaseStatus
from wijkteam.cases.queries import cases_visible_to, team_cases_visible_to
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


# The facts of the safety gate (as `safety_facts_for_case`) of every case in scope, each
# worked out once per case in the inner query (the fence — OFFSET 0 — keeps the planner
# from copying its subqueries into every place the outer query uses them, which ran each
# up to four times per case), then selected, ordered and counted on plain columns.
# Overdue first, then by due date; the latest completed assessment is the one with the
# latest review (then the highest id), as everywhere else.
SAFETY_WORKLIST_SQL = """
SELECT f.id, f.latest_reassess_on, f.pending_review, f.crisis_due_on,
       COUNT(*) OVER () AS total
FROM (
    SELECT c.id, c.reference,
        (SELECT a.reassess_on FROM {assessment} a
         WHERE a.case_id = c.id AND a.status = %s
         ORDER BY a.reviewed_at DESC, a.id DESC LIMIT 1) AS latest_reassess_on,
        EXISTS (SELECT 1 FROM {assessment} a
                WHERE a.case_id = c.id AND a.status IN (%s, %s)) AS pending_review,
        (SELECT x.assessment_due_on FROM {crisis} x
         WHERE x.case_id = c.id AND x.recorded_at > COALESCE(
             (SELECT a.reviewed_at FROM {assessment} a
              WHERE a.case_id = c.id AND a.status = %s
              ORDER BY a.reviewed_at DESC, a.id DESC LIMIT 1), %s)
         ORDER BY x.assessment_due_on ASC LIMIT 1) AS crisis_due_on
    FROM {case} c
    WHERE c.id IN ({cases})
    {fence}
) f
WHERE f.latest_reassess_on IS NULL OR f.latest_reassess_on < %s
ORDER BY CASE WHEN f.latest_reassess_on < %s OR f.crisis_due_on < %s THEN 0 ELSE 1 END,
         COALESCE(f.crisis_due_on, f.latest_reassess_on) ASC NULLS LAST,
         f.reference ASC
{limit}
"""
# An optimisation fence each database understands (PostgreSQL, SQLite).
FENCE = {"postgresql": "OFFSET 0", "sqlite": "LIMIT -1 OFFSET 0"}


def _as_date(value):
    """A date from the database (SQLite returns computed dates as text)."""
    return parse_date(value) if isinstance(value, str) else value


def _safety_work(cases: QuerySet[Case], today: date, size: int) -> tuple[list, int]:
    """(case id, latest reassess_on, pending review, crisis due on) of the first `size`
    cases needing safety work, most urgent first, and how many need it in all."""
    try:
        cases_sql, cases_params = cases.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return [], 0
    ops = connection.ops
    sql = SAFETY_WORKLIST_SQL.format(
        assessment=SafetyAssessment._meta.db_table,
        crisis=CrisisSafetyException._meta.db_table,
        case=Case._meta.db_table,
        cases=cases_sql,
        fence=FENCE.get(connection.vendor, ""),
        limit="LIMIT %s",
    )
    day = ops.adapt_datefield_value(today)
    params = [
        AssessmentStatus.COMPLETED,
        AssessmentStatus.AWAITING_REVIEW,
        AssessmentStatus.RETURNED,
        AssessmentStatus.COMPLETED,
        ops.adapt_datetimefield_value(EPOCH),
        *cases_params,
        day,
        day,
        day,
        max(size, 1),  # at least one row, which carries the total
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    rows = [
        (pk, _as_date(reassess), bool(pending), _as_date(crisis))
        for pk, reassess, pending, crisis, _total in found[: max(size, 0)]
    ]
    return rows, (found[0][4] if found else 0)


class SafetyWorklist(Worklist):
    """The most urgent safety rows (at most WORKLIST_SIZE) and how many cases need work."""


def safety_worklist(
    user, today: date, *, whole_team: bool = False, size: int = WORKLIST_SIZE
) -> SafetyWorklist:
    """Open cases (past triage) without a completed, current safety assessment: the
    user's own cases, or with `whole_team` all of the user's team. Overdue first, then by
    due date; the first `size` of them and the total. The database selects, orders and
    counts (a case needs work exactly when its latest completed assessment is missing or
    due before today, as `safety_status_reasons` says) in one query, working out each
    case's facts once; a second reads the cases shown. Two queries whatever the number
    of cases."""
    if whole_team:
        cases = team_cases_visible_to(user).filter(status__in=WORKLIST_STATUSES)
    else:
        cases = cases_visible_to(user).filter(status__in=WORKLIST_STATUSES, worker=user)
    found, total = _safety_work(cases, today, size)
    by_id = Case.objects.select_related("household", "worker").in_bulk([f[0] for f in found])
    rows = []
    for pk, reassess_on, pending_review, crisis_due_on in found:
        facts = SafetyFacts(reassess_on, pending_review, crisis_due_on)
        reasons = safety_status_reasons(facts, today)
        rows.append(SafetyWorkRow(by_id[pk], reasons, crisis_due_on or reassess_on))
    return SafetyWorklist(rows, total)


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

    open_cases = team_cases_visible_to(user).filter(status__in=WORKLIST_STATUSES)
    return TeamAssessmentOverview(
        work=safety_worklist(user, today, whole_team=True),
        child_voice=child_voice_figures(open_cases, today),
    )
