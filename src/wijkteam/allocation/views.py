"""Allocation pages of a case: the weighing framework, decisions with their steps, the
objection, the letter, the iJw messages; the behavioural expert's co-signature list and
the figures. Thin: parse the form, call one service, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkteam.audit.log import AuditContext, log_read
from wijkteam.cases.views import Action, _case, _run_action, _shown, add_refusal
from wijkteam.core.errors import RuleViolation
from wijkteam.core.navigation import roles_of
from wijkteam.core.pagination import AFTER, BEFORE, keyset_page, page_links
from wijkteam.core.pdf import pdf_response, render_pdf
from wijkteam.ijw.codes import describe
from wijkteam.people.rules import age_on
from wijkteam.providers.queries import contracted_products

from . import services
from .figures import figures_context
from .forms import (
    CosignForm,
    DecisionForm,
    EndForm,
    ObjectionForm,
    ObjectionOutcomeForm,
    StepForm,
    WeighingForm,
    WithdrawForm,
)
from .models import Decision, DecisionStatus, Objection
from .queries import (
    awaiting_cosign_of,
    case_allocation,
    case_messages,
    decision_of,
    decision_page,
)
from .rules import objection_deadline

ADULT_AGE = 18
VIEW = "allocation.view_allocation"
RECORD = "allocation.record_allocation"
COSIGN = "allocation.cosign_decision"


def _roles(request) -> set[str]:
    return {str(role) for role in roles_of(request.user)}


def _decision(case, pk: int) -> Decision:
    try:
        return decision_of(case, pk)
    except Decision.DoesNotExist as exc:
        raise Http404 from exc


def page_of(decision: Decision, roles):
    """A decision's page data; for a draft or one awaiting co-signature also whether
    every rule lets it be issued now."""
    today = timezone.localdate()
    pending = decision.status in (DecisionStatus.DRAFT, DecisionStatus.AWAITING_COSIGN)
    facts = services.issue_facts(decision, today) if pending else None
    return decision_page(decision, roles, today, facts)


def _deadline(decision: Decision):
    """The last day for an objection, once the decision is issued."""
    return (
        objection_deadline(timezone.localdate(decision.issued_at)) if decision.issued_at else None
    )


def _decision_url(decision: Decision) -> str:
    return reverse("allocation:decision", args=[decision.case_id, decision.pk])


def case_section(request, case):
    """The case page's allocation section (None without the permission). The decisions
    it shows (`data.decisions`) are for the case page to write to the audit log, with
    the rest of the page in one INSERT."""
    if not request.user.has_perm(VIEW):
        return None
    return case_allocation(case)


@login_required
@permission_required(VIEW, raise_exception=True)
def overview(request, pk: int):
    """The weighings (with what was not granted, and why), the decisions and the open
    requests for allocation of a case."""
    case = _case(request, pk)
    data = case_allocation(case)
    log_read(request, [*_shown(case), *data.weighings, *data.decisions])
    return render(
        request,
        "allocation/overview.html",
        {"case": case, "data": data, "can_record": request.user.has_perm(RECORD)},
    )


WEIGHING_FIELDS = {
    "level_missing": "level",
    "weighing_reason_missing": "reason",
    "weighed_in_future": "decided_on",
    "not_granted_reason_missing": "not_granted_reason",
    "not_granted_what_missing": "not_granted",
    "other_law_missing": "other_law",
    "not_granted_explanation_missing": "not_granted_explanation",
    "intake_other_case": "intake",
}


@login_required
@permission_required(RECORD, raise_exception=True)
def weighing(request, pk: int):
    case = _case(request, pk)

    def perform(ctx, case, form):
        return services.record_weighing(
            ctx,
            case,
            form.to_input(),
            actor=request.user,
            intake=form.intakes.get(form.cleaned_data["intake"] or ""),
        )

    action = Action(
        WeighingForm,
        "allocation/weighing.html",
        _("The weighing has been recorded."),
        success_url=lambda result: reverse("allocation:overview", args=[case.pk]),
        field_of_reason=WEIGHING_FIELDS,
    )
    return _run_action(request, case, action, perform)


DECISION_FIELDS = {
    "youth_not_in_household": "youth",
    "youth_too_old": "youth",
    "end_missing": "end_date",
    "end_before_start": "end_date",
    "period_too_long": "end_date",
    "intensity_missing": "intensity",
    "heavy_reason_missing": "heavy_reason",
    "budget_with_product": "budget",
    "volume_missing": "volume",
    "unit_missing": "product",
    "frequency_missing": "frequency",
    "frequency_per_day": "frequency",
    "volume_without_product": "volume",
    "budget_missing": "budget",
    "budget_too_high": "budget",
    "product_not_contracted": "product",
    "motivation_missing": "motivation",
    "weighing_other_case": "weighing",
    "request_other_case": "request",
    "request_answered": "request",
}


def _decision_form_options(case, decision=None) -> dict:
    data = case_allocation(case)
    requests = data.open_requests + (list(decision.requests.all()) if decision else [])
    return {
        "youths": list(case.household.memberships.all()),
        "products": contracted_products(),
        "requests": requests,
        "weighings": data.weighings,
    }


@login_required
@permission_required(RECORD, raise_exception=True)
def new_decision(request, pk: int):
    case = _case(request, pk)

    def perform(ctx, case, form):
        return services.save_draft(ctx, case, form.to_input(), actor=request.user)

    action = Action(
        DecisionForm,
        "allocation/decision_form.html",
        _("The draft decision has been saved. Check what it still needs, then issue it."),
        success_url=_decision_url,
        field_of_reason=DECISION_FIELDS,
    )
    return _run_action(request, case, action, perform, **_decision_form_options(case))


@login_required
@permission_required(RECORD, raise_exception=True)
def edit_decision(request, pk: int, decision_pk: int):
    case = _case(request, pk)
    record = _decision(case, decision_pk)
    if record.status != DecisionStatus.DRAFT:
        messages.info(request, _("Only a draft can be changed."))
        return redirect(_decision_url(record))

    def perform(ctx, case, form):
        return services.save_draft(
            ctx,
            case,
            form.to_input(),
            actor=request.user,
            decision=record,
            expected_version=form.cleaned_data["version"],
        )

    action = Action(
        DecisionForm,
        "allocation/decision_form.html",
        _("The draft decision has been saved."),
        success_url=_decision_url,
        field_of_reason=DECISION_FIELDS,
    )
    return _run_action(
        request,
        case,
        action,
        perform,
        record=record,
        extra_context={"decision": record},
        **_decision_form_options(case, record),
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def decision(request, pk: int, decision_pk: int):
    """A decision: what it says, what it still needs before it may leave, the steps
    offered, the messages to the provider with their return codes, start and stop of
    care, objections."""
    case = _case(request, pk)
    record = _decision(case, decision_pk)
    page = page_of(record, _roles(request))
    log_read(request, [*_shown(case), record])
    return render(
        request,
        "allocation/decision.html",
        {
            "case": case,
            "decision": record,
            "page": page,
            "volume_text": volume_text(record),
            "can_record": request.user.has_perm(RECORD),
            # The steps that move a decision towards the family come first, as buttons.
            "actions": [
                (action, SLUG_OF[action], action in ("issue", "submit", "cosign"))
                for action in page.actions
            ],
            "objection_deadline": _deadline(record),
        },
    )


def volume_text(decision: Decision) -> str:
    """ "2 uur per week", "€ 6.000,00" or "40 stuks in totaal" for the page and letter."""
    if decision.budget is not None:
        return _("a budget of € %(amount)s") % {"amount": f"{decision.budget:,.2f}"}
    if not decision.volume:
        return ""
    unit = describe("WJ756", decision.unit).lower()
    frequency = {
        "1": _("per day"),
        "2": _("per week"),
        "4": _("per month"),
        "6": _("in total"),
    }.get(decision.frequency, "")
    if decision.unit == "83":
        return _("€ %(amount)s %(frequency)s") % {
            "amount": decision.volume,
            "frequency": frequency,
        }
    return f"{decision.volume} {unit} {frequency}".strip()


# Dutch slugs in the address → the step (`rules.MOVES`).
STEPS = {
    "indienen": "submit",
    "afgeven": "issue",
    "medeondertekenen": "cosign",
    "beeindigen": "end",
    "intrekken": "withdraw",
    "vervallen": "discard",
}
SLUG_OF = {action: slug for slug, action in STEPS.items()}
STEP_FORMS = {"cosign": CosignForm, "end": EndForm, "withdraw": WithdrawForm}
STEP_DONE = {
    "submit": _("The decision awaits the co-signature of a behavioural expert."),
    "issue": _("The decision has been issued; the allocation goes to the provider."),
    "cosign": _("Your co-signature has been recorded."),
    "end": _("The decision has been ended."),
    "withdraw": _("The decision has been withdrawn; the provider is told."),
    "discard": _("The draft has been put aside."),
}
STEP_FIELDS = {
    "note_missing": "note",
    "ended_on_outside": "ended_on",
    "change_reason_missing": "change_reason",
    "cosign_same_person": "decision",
}


@login_required
@permission_required(VIEW, raise_exception=True)
def step(request, pk: int, decision_pk: int, slug: str):
    """One step of the lifecycle: confirm it (with a note or date where it needs one)."""
    action_name = STEPS.get(slug)
    if action_name is None:
        raise Http404
    needed = COSIGN if action_name == "cosign" else RECORD
    if not request.user.has_perm(needed):
        raise PermissionDenied
    case = _case(request, pk)
    record = _decision(case, decision_pk)

    def perform(ctx, case, form):
        data = form.cleaned_data
        common = {"actor": request.user, "roles": form.roles, "expected_version": data["version"]}
        if action_name == "issue":
            return services.issue_decision(ctx, record, **common)
        if action_name == "submit":
            return services.submit_for_cosign(ctx, record, **common)
        if action_name == "cosign":
            return services.cosign_decision(
                ctx, record, approve=data["decision"] == "approve", note=data["note"], **common
            )
        if action_name == "end":
            return services.end_decision(
                ctx,
                record,
                ended_on=data["ended_on"],
                change_reason=data["change_reason"],
                note=data["note"],
                **common,
            )
        if action_name == "withdraw":
            return services.withdraw_decision(ctx, record, note=data["note"], **common)
        return services.discard_decision(ctx, record, note=data["note"], **common)

    action = Action(
        STEP_FORMS.get(action_name, StepForm),
        "allocation/step.html",
        STEP_DONE[action_name],
        success_url=_decision_url,
        field_of_reason=STEP_FIELDS,
        error_field="note",
    )
    return _run_action(
        request,
        case,
        action,
        perform,
        record=record,
        extra_context={
            "decision": record,
            "step": action_name,
            "page": page_of(record, _roles(request)),
            "volume_text": volume_text(record),
        },
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def objections(request, pk: int, decision_pk: int):
    """The objections to a decision; record one, or the outcome of one."""
    case = _case(request, pk)
    record = _decision(case, decision_pk)
    may_record = request.user.has_perm(RECORD)
    data = request.POST if request.method == "POST" else None
    if data is not None and not may_record:
        raise PermissionDenied
    deciding = data is not None and "objection" in data
    form = ObjectionForm(
        None if deciding else data, case=case, user=request.user, roles=_roles(request)
    )
    outcome = ObjectionOutcomeForm(data if deciding else None)
    status = 200
    if data is not None:
        status = 400
        ctx = AuditContext.from_request(request)
        try:
            if deciding and outcome.is_valid():
                objection = Objection.objects.filter(
                    decision=record, pk=outcome.cleaned_data["objection"]
                ).first()
                if objection is None:
                    raise Http404
                services.decide_objection(
                    ctx,
                    objection,
                    outcome=outcome.cleaned_data["outcome"],
                    decided_on=outcome.cleaned_data["decided_on"],
                    actor=request.user,
                )
                messages.success(request, _("The outcome of the objection has been recorded."))
                return redirect("allocation:objections", case.pk, record.pk)
            if not deciding and form.is_valid():
                _objection, verdict = services.record_objection(
                    ctx,
                    record,
                    received_on=form.cleaned_data["received_on"],
                    submitted_by=form.cleaned_data["submitted_by"],
                    summary=form.cleaned_data["summary"],
                    actor=request.user,
                )
                for warning in verdict.warnings:
                    messages.warning(request, warning.message)
                messages.success(request, _("The objection has been recorded."))
                return redirect("allocation:objections", case.pk, record.pk)
        except RuleViolation as refusal:
            target = outcome if deciding else form
            add_refusal(
                target,
                refusal,
                {
                    "received_in_future": "received_on",
                    "received_before_issue": "received_on",
                    "objection_decided_on": "decided_on",
                },
            )
    log_read(request, [*_shown(case), record])
    return render(
        request,
        "allocation/objections.html",
        {
            "case": case,
            "decision": record,
            "form": form,
            "outcome_form": outcome,
            "objections": list(record.objections.select_related("recorded_by")),
            "may_record": may_record and record.issued_at is not None,
            "deadline": _deadline(record),
        },
        status=status,
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def letter(request, pk: int, decision_pk: int):
    """The decision letter for the family, in plain Dutch (B1), as PDF."""
    case = _case(request, pk)
    record = _decision(case, decision_pk)
    parents = [
        m.resident
        for m in case.household.memberships.all()
        if m.has_parental_authority and m.resident_id != record.youth_id
    ]
    log_read(request, [case, record, record.youth, *parents])
    with translation.override(settings.LANGUAGE_CODE):
        pdf = render_pdf(
            "allocation/decision_letter.html",
            {
                "case": case,
                "decision": record,
                "youth": record.youth,
                "parents": parents,
                "adult": age_on(record.youth.birth_date, record.start_date) >= ADULT_AGE,
                "volume_text": volume_text(record),
                "deadline": _deadline(record),
                "objection_address": settings.WIJKTEAM_OBJECTION_ADDRESS,
                "complaints_contact": settings.WIJKTEAM_COMPLAINTS_CONTACT,
                "today": timezone.localdate(),
            },
            request=request,
        )
    return pdf_response(pdf, f"besluit {record.reference}")


@login_required
@permission_required(VIEW, raise_exception=True)
def messages_of_case(request, pk: int):
    """The iJw messages of a case with their status and return codes."""
    case = _case(request, pk)
    rows = case_messages(case)
    log_read(request, [*_shown(case), *rows])
    return render(request, "allocation/case_messages.html", {"case": case, "rows": rows})


@login_required
@permission_required(COSIGN, raise_exception=True)
def cosign_list(request):
    """Every decision of the team awaiting the user's co-signature, oldest first."""
    page = keyset_page(
        awaiting_cosign_of(request.user).select_related(
            "case__household", "youth", "product__provider", "submitted_by"
        ),
        ["submitted_at", "pk"],
        after=request.GET.get(AFTER),
        before=request.GET.get(BEFORE),
    )
    log_read(request, [decision.case for decision in page])
    return render(
        request,
        "allocation/cosign_list.html",
        {"rows": page.items, "links": page_links(request, page)},
    )


@login_required
@permission_required("accounts.view_aggregates", raise_exception=True)
def figures(request):
    """The weighing framework and allocation in figures: aggregates only."""
    return render(request, "allocation/figures.html", figures_context())
