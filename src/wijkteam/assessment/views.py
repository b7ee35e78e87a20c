"""Pages for question clarification (with the family's summary), the explanatory
analysis, the child's voice, consultations and life-domain scores. Thin: parse the form,
call one service, render; rules and authorisation live elsewhere."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.audit.log import AuditContext, log_read
from wijkteam.cases.models import OPEN_STATUSES
from wijkteam.cases.views import Action, _case, _run_action, _shown, add_refusal
from wijkteam.core.errors import RuleViolation
from wijkteam.core.pdf import pdf_response, render_pdf
from wijkteam.people.models import Household
from wijkteam.people.queries import household_detail
from wijkteam.people.rules import age_on

from . import services
from .forms import (
    AdviceForm,
    AnalysisForm,
    ChildVoiceForm,
    ClarificationForm,
    ConsultationForm,
    LifeDomainForm,
)
from .models import Consultation, ExplanatoryAnalysis, LifeDomainLevel
from .queries import (
    child_voice_rows,
    clarification_facts,
    clarification_of,
    person_life_domains,
)
from .rules import clarification_progress, clarification_verdict

VIEW = "assessment.view_assessment"
RECORD = "assessment.record_assessment"


def _may_record(request) -> None:
    if request.method == "POST" and not request.user.has_perm(RECORD):
        raise PermissionDenied


# --- Question clarification -----------------------------------------------------------


@login_required
@permission_required(RECORD, raise_exception=True)
def clarification(request, pk: int):
    """The guided six-step form, with what is still missing before step 6."""
    case = _case(request, pk)
    record = clarification_of(case)
    verdict = clarification_verdict(clarification_facts(record))

    def perform(ctx, case, form):
        return services.save_clarification(
            ctx,
            case,
            form.findings(),
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )

    action = Action(
        ClarificationForm,
        "assessment/clarification.html",
        _("The question clarification has been saved."),
        success_url=lambda result: reverse("assessment:clarification", args=[case.pk]),
    )
    return _run_action(
        request,
        case,
        action,
        perform,
        record=record,
        extra_context={
            "verdict": verdict,
            "progress": clarification_progress(clarification_facts(record)),
        },
    )


def _summary_context(case):
    record = clarification_of(case)
    facts = clarification_facts(record)
    return {
        "case": case,
        "record": record,
        "verdict": clarification_verdict(facts),
        "progress": clarification_progress(facts),
    }


@login_required
@permission_required(VIEW, raise_exception=True)
def clarification_summary(request, pk: int):
    """The six steps for the family, to print or read together."""
    case = _case(request, pk)
    log_read(request, _shown(case))
    return render(request, "assessment/clarification_summary.html", _summary_context(case))


@login_required
@permission_required(VIEW, raise_exception=True)
def clarification_pdf(request, pk: int):
    case = _case(request, pk)
    log_read(request, _shown(case))
    pdf = render_pdf("assessment/clarification_pdf.html", _summary_context(case), request=request)
    return pdf_response(pdf, f"vraagverheldering {case.reference}")


# --- Explanatory analysis -------------------------------------------------------------


@login_required
@permission_required(VIEW, raise_exception=True)
def explanatory_analysis(request, pk: int):
    """The current analysis and every earlier version; a new version for those who record."""
    _may_record(request)
    case = _case(request, pk)
    analysis = ExplanatoryAnalysis.objects.filter(case=case).first()
    versions = list(analysis.versions.select_related("written_by")) if analysis else []

    def perform(ctx, case, form):
        return services.write_explanatory_analysis(
            ctx,
            case,
            services.AnalysisInput(
                form.cleaned_data["situation"],
                form.cleaned_data["explanation"],
                form.cleaned_data["protective_factors"],
                form.cleaned_data["risk_factors"],
            ),
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )

    action = Action(
        AnalysisForm,
        "assessment/explanatory_analysis.html",
        _("A new version of the explanatory analysis has been saved."),
        success_url=lambda result: reverse("assessment:explanatory_analysis", args=[case.pk]),
    )
    return _run_action(
        request,
        case,
        action,
        perform,
        record=analysis,
        current=versions[0] if versions else None,
        extra_context={"versions": versions, "can_record": request.user.has_perm(RECORD)},
    )


# --- The child's voice ----------------------------------------------------------------


CHILD_VOICE_FIELDS = {
    "child_voice_date": "spoken_on",
    "child_voice_setting": "setting",
    "child_voice_by": "spoken_by",
    "child_voice_reason": "reason",
    "child_voice_not_too_young": "reason",
    "child_voice_reason_text": "reason_text",
    "not_a_child": "child",
}


@login_required
@permission_required(VIEW, raise_exception=True)
def child_voice(request, pk: int):
    """Per child: spoken to (when, how, by whom) or the reason not; and the form to record."""
    _may_record(request)
    case = _case(request, pk)
    rows = child_voice_rows(case, timezone.localdate())

    def perform(ctx, case, form):
        return services.record_child_voice(
            ctx,
            case,
            form.chosen_child(),
            form.to_input(),
            child_view=form.cleaned_data["child_view"],
            actor=request.user,
        )

    action = Action(
        ChildVoiceForm,
        "assessment/child_voice.html",
        _("The child's voice has been recorded."),
        success_url=lambda result: reverse("assessment:child_voice", args=[case.pk]),
        field_of_reason=CHILD_VOICE_FIELDS,
    )
    return _run_action(
        request,
        case,
        action,
        perform,
        children=rows,
        extra_context={"can_record": request.user.has_perm(RECORD)},
    )


# --- Consultations --------------------------------------------------------------------


@login_required
@permission_required(VIEW, raise_exception=True)
def consultations(request, pk: int):
    _may_record(request)
    case = _case(request, pk)
    listed = list(
        Consultation.objects.filter(case=case).select_related(
            "consultant", "asked_by", "advice_recorded_by"
        )
    )

    def perform(ctx, case, form):
        return services.ask_consultation(
            ctx,
            case,
            kind=form.cleaned_data["kind"],
            consultant=form.chosen_consultant(),
            question=form.cleaned_data["question"],
            asked_on=form.cleaned_data["asked_on"],
            actor=request.user,
        )

    action = Action(
        ConsultationForm,
        "assessment/consultations.html",
        _("The consultation has been recorded."),
        success_url=lambda result: reverse("assessment:consultations", args=[case.pk]),
        field_of_reason={"consultant_role": "consultant", "asked_in_future": "asked_on"},
    )
    return _run_action(
        request,
        case,
        action,
        perform,
        extra_context={"consultations": listed, "can_record": request.user.has_perm(RECORD)},
    )


@login_required
@permission_required(RECORD, raise_exception=True)
def advice(request, pk: int, consultation_pk: int):
    case = _case(request, pk)
    consultation = (
        Consultation.objects.filter(case=case, pk=consultation_pk)
        .select_related("consultant", "asked_by")
        .first()
    )
    if consultation is None:
        raise Http404

    def perform(ctx, case, form):
        return services.record_advice(
            ctx,
            consultation,
            advice=form.cleaned_data["advice"],
            advised_on=form.cleaned_data["advised_on"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )

    action = Action(
        AdviceForm,
        "assessment/advice.html",
        _("The advice has been recorded."),
        success_url=lambda result: reverse("assessment:consultations", args=[case.pk]),
        field_of_reason={"advice_missing": "advice", "advice_date": "advised_on"},
    )
    return _run_action(
        request,
        case,
        action,
        perform,
        record=consultation,
        extra_context={"consultation": consultation},
    )


# --- Life domains ---------------------------------------------------------------------


@login_required
@permission_required(VIEW, raise_exception=True)
def life_domains(request, household_pk: int, resident_pk: int):
    """One household member's life-domain scores over time, and the form to score them."""
    _may_record(request)
    try:
        household = household_detail(request.user, household_pk)
    except Household.DoesNotExist as exc:
        raise Http404 from exc
    member = next((m for m in household.memberships.all() if m.resident_id == resident_pk), None)
    if member is None:
        raise Http404
    resident = member.resident
    age = age_on(resident.birth_date, timezone.localdate())
    picture = person_life_domains(household, resident, age)
    form = LifeDomainForm(
        request.POST if request.method == "POST" else None,
        domains=picture.domains,
        levels=list(LifeDomainLevel.objects.all()),
    )
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            try:
                services.record_life_domain_assessment(
                    AuditContext.from_request(request),
                    household,
                    resident,
                    assessed_on=form.cleaned_data["assessed_on"],
                    scores=form.scores(),
                    note=form.cleaned_data["note"],
                    case=household.cases.filter(status__in=OPEN_STATUSES).first(),
                    actor=request.user,
                )
            except RuleViolation as refusal:
                add_refusal(
                    form,
                    refusal,
                    {"assessed_in_future": "assessed_on", "assessed_before_birth": "assessed_on"},
                )
            else:
                messages.success(request, _("The life-domain scores have been saved."))
                return redirect(
                    f"{reverse('people:household_detail', args=[household.pk])}#life-domains"
                )
    log_read(request, [household, resident, *picture.assessments])
    return render(
        request,
        "assessment/life_domains.html",
        {
            "household": household,
            "resident": resident,
            "age": age,
            "picture": picture,
            "form": form,
            "can_record": request.user.has_perm(RECORD),
        },
        status=status,
    )
