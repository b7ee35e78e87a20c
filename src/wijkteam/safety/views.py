"""Safety pages of a case: the overview (assessments, signals of all household members,
the reporting code, reports, Verwijsindex, role conflict) and one page per action.
Thin: parse the form, call one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.assessment.models import Consultation
from wijkteam.assessment.queries import child_voice_rows
from wijkteam.audit.log import log_read
from wijkteam.cases.views import Action, _case, _run_action, _shown
from wijkteam.people.rules import age_on

from . import services
from .forms import (
    IndexRegistrationForm,
    ReportingCodeForm,
    ReportingRoleForm,
    ReviewForm,
    SafetyAssessmentForm,
    SignalForm,
    VeiligThuisReportForm,
)
from .models import AssessmentStatus, SafetyAssessment
from .queries import active_instrument, assessment_detail, safety_overview
from .rules import INDEX_MAX_AGE, decision_framework, review_verdict

VIEW = "safety.view_safety"
RECORD = "safety.record_safety"
REVIEW = "safety.review_safetyassessment"


def _overview_url(case) -> str:
    return reverse("safety:overview", args=[case.pk])


@login_required
@permission_required(VIEW, raise_exception=True)
def overview(request, pk: int):
    case = _case(request, pk)
    today = timezone.localdate()
    data = safety_overview(case, today)
    signal_people = [p.resident for p in data.signals_by_person]
    log_read(request, [*_shown(case), *signal_people])
    return render(
        request,
        "safety/overview.html",
        {
            "case": case,
            "data": data,
            "decision": decision_framework(services.framework_answers(data.open_procedure))
            if data.open_procedure
            else None,
            "can_record": request.user.has_perm(RECORD),
        },
    )


ASSESSMENT_FIELDS = {
    "conclusion_missing": "conclusion",
    "assessed_in_future": "assessed_on",
    "reassess_missing": "reassess_on",
    "reassess_too_early": "reassess_on",
    "reassess_too_late": "reassess_on",
    "consultation_not_safety_officer": "safety_officer_consultation",
}


def _safety_consultations(case):
    return list(Consultation.objects.filter(case=case, kind="safety_officer"))


@login_required
@permission_required(RECORD, raise_exception=True)
def new_assessment(request, pk: int):
    case = _case(request, pk)
    instrument = active_instrument()
    if instrument is None:
        raise Http404  # no instrument configured: the administrator must add one

    def perform(ctx, case, form):
        return services.record_safety_assessment(
            ctx, case, form.to_input(), instrument=instrument, actor=request.user
        )

    action = Action(
        SafetyAssessmentForm,
        "safety/assessment_form.html",
        _("The safety assessment is recorded. Ask a colleague to review it: it counts after that."),
        success_url=lambda result: reverse("safety:assessment", args=[case.pk, result.pk]),
        field_of_reason=ASSESSMENT_FIELDS,
    )
    return _run_action(
        request,
        case,
        action,
        perform,
        instrument=instrument,
        consultations=_safety_consultations(case),
        extra_context={"instrument": instrument},
    )


def _assessment(case, pk: int) -> SafetyAssessment:
    try:
        return assessment_detail(case, pk)
    except SafetyAssessment.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@permission_required(VIEW, raise_exception=True)
def assessment(request, pk: int, assessment_pk: int):
    """One assessment with its answers, and the four-eyes review by another colleague."""
    case = _case(request, pk)
    record = _assessment(case, assessment_pk)
    may_review = (
        request.user.has_perm(REVIEW)
        and review_verdict(
            record.status, "completed", author_id=record.assessed_by_id, reviewer_id=request.user.pk
        ).allowed
    )
    if request.method == "POST" and not may_review:
        raise PermissionDenied

    def perform(ctx, case, form):
        return services.review_safety_assessment(
            ctx,
            record,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )

    action = Action(
        ReviewForm,
        "safety/assessment.html",
        _("Your review has been recorded."),
        success_url=lambda result: _overview_url(case),
        field_of_reason={"review_note_missing": "note", "review_same_person": "decision"},
    )
    return _run_action(
        request,
        case,
        action,
        perform,
        record=record,
        extra_context={
            "assessment": record,
            "may_review": may_review,
            "may_revise": _may_revise(record, request.user),
        },
    )


def _may_revise(record: SafetyAssessment, user) -> bool:
    return record.status == AssessmentStatus.RETURNED and record.assessed_by_id == user.pk


@login_required
@permission_required(RECORD, raise_exception=True)
def revise_assessment(request, pk: int, assessment_pk: int):
    """The author changes a returned assessment and submits it again."""
    case = _case(request, pk)
    record = _assessment(case, assessment_pk)
    may_revise = _may_revise(record, request.user)

    def perform(ctx, case, form):
        return services.revise_safety_assessment(
            ctx,
            record,
            form.to_input(),
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )

    action = Action(
        SafetyAssessmentForm,
        "safety/assessment_form.html",
        _("The assessment has been submitted for review again."),
        success_url=lambda result: reverse("safety:assessment", args=[case.pk, result.pk]),
        field_of_reason=ASSESSMENT_FIELDS,
    )
    return _run_action(
        request,
        case,
        action,
        perform,
        record=record,
        instrument=record.instrument,
        consultations=_safety_consultations(case),
        extra_context={
            "instrument": record.instrument,
            "revising": record,
            "may_revise": may_revise,
        },
    )


@login_required
@permission_required(RECORD, raise_exception=True)
def signal(request, pk: int):
    case = _case(request, pk)

    def perform(ctx, case, form):
        return services.record_signal(
            ctx,
            case,
            resident=form.members[form.cleaned_data["resident"]],
            observed_on=form.cleaned_data["observed_on"],
            description=form.cleaned_data["description"],
            source=form.cleaned_data["source"],
            actor=request.user,
        )

    action = Action(
        SignalForm,
        "safety/signal.html",
        _("The signal has been recorded."),
        success_url=lambda result: f"{_overview_url(case)}#signals",
        field_of_reason={"observed_in_future": "observed_on"},
    )
    return _run_action(
        request, case, action, perform, members=list(case.household.memberships.all())
    )


@login_required
@permission_required(RECORD, raise_exception=True)
def reporting_code(request, pk: int):
    """The reporting code's five steps on the case's open procedure."""
    case = _case(request, pk)
    procedure = services.open_procedure(case)

    def perform(ctx, case, form):
        return services.save_reporting_code(
            ctx,
            case,
            form.steps(),
            conclude=form.cleaned_data["conclude"],
            actor=request.user,
            expected_version=form.cleaned_data["version"] if procedure else None,
        )

    action = Action(
        ReportingCodeForm,
        "safety/reporting_code.html",
        _("The reporting code steps have been saved."),
        success_url=lambda result: _overview_url(case),
        field_of_reason={
            "step_1_missing": "signals_summary",
            "step_2_missing": "colleague",
            "colleague_is_self": "colleague",
            "step_3_missing": "family_talked_on",
            "framework_question_1_unanswered": "q1_suspicion",
            "framework_question_2_unanswered": "q2_acute_or_structural",
            "framework_question_3_unanswered": "q3_can_help",
            "framework_question_4_unanswered": "q4_help_accepted",
            "step_5_note_missing": "decision_note",
        },
    )
    decision = decision_framework(services.framework_answers(procedure)) if procedure else None
    return _run_action(
        request,
        case,
        action,
        perform,
        record=procedure,
        extra_context={"procedure": procedure, "decision": decision},
    )


@login_required
@permission_required(RECORD, raise_exception=True)
def report(request, pk: int):
    """Record a report to Veilig Thuis; warns about role conflict after saving."""
    case = _case(request, pk)
    rows = child_voice_rows(case, timezone.localdate())

    def perform(ctx, case, form):
        recorded, conflict = services.record_veilig_thuis_report(
            ctx,
            case,
            reported_on=form.cleaned_data["reported_on"],
            reported_by=form.colleagues[form.cleaned_data["reported_by"]],
            reference=form.cleaned_data["reference"],
            children=form.chosen_children(),
            summary=form.cleaned_data["summary"],
            actor=request.user,
        )
        for warning in conflict.warnings:
            messages.warning(request, warning.message)
        return recorded

    action = Action(
        VeiligThuisReportForm,
        "safety/report.html",
        _("The report to Veilig Thuis has been recorded."),
        success_url=lambda result: f"{_overview_url(case)}#reports",
        field_of_reason={
            "no_children": "children",
            "reported_in_future": "reported_on",
            "summary_missing": "summary",
        },
    )
    return _run_action(request, case, action, perform, children=rows)


@login_required
@permission_required(RECORD, raise_exception=True)
def reporting_role(request, pk: int):
    """Let a second worker take the reporting role (role conflict)."""
    case = _case(request, pk)

    def perform(ctx, case, form):
        return services.assign_reporting_role(
            ctx,
            case,
            worker=form.colleagues[form.cleaned_data["worker"]],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )

    action = Action(
        ReportingRoleForm,
        "safety/reporting_role.html",
        _("The second worker now holds the reporting role."),
        success_url=lambda result: f"{_overview_url(case)}#reports",
        error_field="worker",
    )
    return _run_action(request, case, action, perform)


@login_required
@permission_required(RECORD, raise_exception=True)
def index_registration(request, pk: int):
    case = _case(request, pk)
    today = timezone.localdate()
    young = [
        m
        for m in case.household.memberships.all()
        if age_on(m.resident.birth_date, today) < INDEX_MAX_AGE
    ]

    def perform(ctx, case, form):
        return services.register_in_index(
            ctx,
            case,
            youth=form.young[form.cleaned_data["youth"]],
            registered_on=form.cleaned_data["registered_on"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )

    action = Action(
        IndexRegistrationForm,
        "safety/index_registration.html",
        _("The Verwijsindex registration has been recorded."),
        success_url=lambda result: f"{_overview_url(case)}#index",
        field_of_reason={"index_age": "youth", "registered_in_future": "registered_on"},
    )
    return _run_action(request, case, action, perform, young=young)
