"""Case pages: the case with its timeline, and one page per action on it. Views parse the
form, call one service and render; rules and authorisation live elsewhere."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.audit.log import AuditContext, log_read
from wijkteam.core.concurrency import CONFLICT_MESSAGE
from wijkteam.core.errors import ConcurrentEditError, RuleViolation
from wijkteam.core.navigation import roles_of
from wijkteam.people.rules import age_on

from . import services
from .forms import AssignForm, ContactMomentForm, StatusForm, SupportWhileWaitingForm, TriageForm
from .intake_forms import IntakeForm, PersonFormSet
from .models import Case
from .queries import (
    candidates_for,
    case_detail,
    cases_visible_to,
    first_contact_norm,
    response_norms,
    timeline,
)
from .rules import awaits_triage, rank_candidates, status_change_targets


def _case(request, pk: int) -> Case:
    try:
        return case_detail(request.user, pk)
    except Case.DoesNotExist as exc:
        raise Http404 from exc


def _shown(case: Case) -> list:
    return [case, case.household, *(m.resident for m in case.household.memberships.all())]


@login_required
@permission_required("cases.view_case", raise_exception=True)
def case_page(request, pk: int):
    case = _case(request, pk)
    roles = {str(role) for role in roles_of(request.user)}
    today = timezone.localdate()
    members = [
        {"membership": m, "resident": m.resident, "age": age_on(m.resident.birth_date, today)}
        for m in case.household.memberships.all()
    ]
    norm = first_contact_norm(
        case.urgency,
        timezone.localdate(case.registered_at),
        case.first_contact_on,
        today,
        response_norms(),
    )
    allocation = _allocation_section(request, case)
    # The case, its family and the decisions shown, audited in one INSERT.
    log_read(request, [*_shown(case), *(allocation.decisions if allocation else ())])
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "members": members,
            "subject_ids": {s.pk for s in case.subjects.all()},
            "norm": norm,
            "timeline": timeline(case),
            "can_triage": awaits_triage(case.status),
            "can_assign": request.user.has_perm("cases.assign_case") and case.is_open,
            "status_targets": bool(status_change_targets(case.status, roles)) and case.is_open,
            "can_reopen": bool(status_change_targets(case.status, roles)) and not case.is_open,
            "assessment_summary": _assessment_summary(request.user, case, today),
            "plan_summary": _plan_summary(request.user, case),
            "allocation": allocation,
        },
    )


def _plan_summary(user, case: Case):
    """The family's support plan at a glance (the plans app's query)."""
    if not user.has_perm("plans.view_plan"):
        return None
    from wijkteam.plans.queries import plan_summary

    return plan_summary(household_id=case.household_id, case=case)


def _assessment_summary(user, case: Case, today):
    """Clarification, the child's voice and safety at a glance (the safety app's query)."""
    if not (user.has_perm("assessment.view_assessment") and user.has_perm("safety.view_safety")):
        return None
    from wijkteam.safety.queries import case_assessment_summary

    return case_assessment_summary(case, today)


def _allocation_section(request, case: Case):
    """Weighings and decisions on the case page (the allocation app's section)."""
    from wijkteam.allocation.views import case_section

    return case_section(request, case)


@dataclass
class Action:
    """One action page on a case: its form, its template and the service it calls."""

    form_class: type
    template: str
    done_message: str
    error_field: str | None = None
    # Where to go after success (the case page when None); a function of the result.
    success_url: object = None
    # Reason code -> form field, for refusals that belong next to a field.
    field_of_reason: dict | None = None


def _run_action(request, case: Case, action: Action, perform, *, extra_context=None, **form_kwargs):
    """Show the action's form; on a valid POST call `perform` (a service) and redirect.
    `form_kwargs` go to the form and the template, `extra_context` to the template only."""
    roles = {str(role) for role in roles_of(request.user)}
    data = request.POST if request.method == "POST" else None
    form = action.form_class(data, case=case, user=request.user, roles=roles, **form_kwargs)
    status = 200
    if data is not None:
        status = 400
        if form.is_valid():
            ctx = AuditContext.from_request(request)
            try:
                result = perform(ctx, case, form)
            except ConcurrentEditError:
                form.add_error(None, CONFLICT_MESSAGE)
                status = 409
            except RuleViolation as refusal:
                add_refusal(form, refusal, action.field_of_reason or {}, action.error_field)
            else:
                messages.success(request, action.done_message)
                if action.success_url is not None:
                    return redirect(action.success_url(result))
                return redirect("cases:case_detail", pk=case.pk)
    log_read(request, _shown(case))
    context = {"case": case, "form": form, **form_kwargs, **(extra_context or {})}
    return render(request, action.template, context, status=status)


def add_refusal(form, refusal: RuleViolation, field_of_reason: dict, default_field=None) -> None:
    """Show each reason of a refusal next to its field (or above the form)."""
    for reason in refusal.verdict.reasons:
        field = field_of_reason.get(reason.code, default_field)
        form.add_error(field if field in form.fields else None, reason.message)


@login_required
@permission_required("cases.view_case", raise_exception=True)
def triage(request, pk: int):
    def perform(ctx, case, form):
        services.record_triage(
            ctx,
            case,
            urgency=form.cleaned_data["urgency"],
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
            actor=request.user,
            roles=form.roles,
            expected_version=form.cleaned_data["version"],
            needed_expertise=form.cleaned_data["needed_expertise"],
            themes=form.cleaned_data["themes"],
        )

    action = Action(TriageForm, "cases/triage.html", _("The triage has been recorded."), "note")
    return _run_action(request, _case(request, pk), action, perform)


@login_required
@permission_required("cases.view_case", raise_exception=True)
def change_status(request, pk: int):
    def perform(ctx, case, form):
        services.change_status(
            ctx,
            case,
            form.cleaned_data["target"],
            actor=request.user,
            roles=form.roles,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )

    action = Action(StatusForm, "cases/status.html", _("The status has been changed."), "reason")
    case = _case(request, pk)
    needed = services.close_requirements(case) if case.is_open else []
    return _run_action(request, case, action, perform, extra_context={"close_requirements": needed})


@dataclass(frozen=True)
class CandidateRow:
    user: object
    ranked: object


@login_required
@permission_required("cases.assign_case", raise_exception=True)
def assign(request, pk: int):
    case = _case(request, pk)
    today = timezone.localdate()
    pairs = candidates_for(case, today)
    users = {candidate.worker_id: user for user, candidate in pairs}
    needs_vog = services.is_youth_case(case, today)
    wanted = {tag.code for tag in case.needed_expertise.all()}
    ranked = [
        CandidateRow(users[r.candidate.worker_id], r)
        for r in rank_candidates([c for _, c in pairs], wanted, needs_vog=needs_vog)
    ]

    def perform(ctx, case, form):
        worker = users[int(form.cleaned_data["worker"])]
        services.assign_worker(
            ctx,
            case,
            worker,
            reason=form.cleaned_data["reason"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )

    action = Action(AssignForm, "cases/assign.html", _("The case has been assigned."), "worker")
    return _run_action(request, case, action, perform, ranked=ranked)


@login_required
@permission_required("cases.assign_case", raise_exception=True)
def support_while_waiting(request, pk: int):
    def perform(ctx, case, form):
        services.record_support_while_waiting(
            ctx,
            case,
            given_on=form.cleaned_data["given_on"],
            description=form.cleaned_data["description"],
            actor=request.user,
        )

    action = Action(
        SupportWhileWaitingForm,
        "cases/support_while_waiting.html",
        _("The support while waiting has been recorded."),
    )
    return _run_action(request, _case(request, pk), action, perform)


@login_required
@permission_required("cases.add_contactmoment", raise_exception=True)
def contact_moment(request, pk: int):
    case = _case(request, pk)

    def perform(ctx, case, form):
        services.record_contact_moment(
            ctx,
            case,
            occurred_on=form.cleaned_data["occurred_on"],
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
            actor=request.user,
            present=form.residents("present"),
            children_spoken_to=form.residents("children_spoken_to"),
        )

    action = Action(
        ContactMomentForm, "cases/contact_moment.html", _("The contact moment has been recorded.")
    )
    return _run_action(
        request, case, action, perform, members=list(case.household.memberships.all())
    )


@login_required
@permission_required("cases.add_intake", raise_exception=True)
def register(request):
    """Register a help question that came in by phone, walk-in, e-mail or a referrer."""
    data = request.POST if request.method == "POST" else None
    form, persons = IntakeForm(data), PersonFormSet(data, prefix="person")
    status = 200
    if data is not None:
        status = 400
        if form.is_valid() and persons.is_valid():
            try:
                intake = services.register_intake(
                    AuditContext.from_request(request),
                    form.to_input(persons.to_inputs()),
                    registered_by=request.user,
                )
            except RuleViolation as refusal:
                field = "postcode" if refusal.verdict.codes[0].startswith("postcode") else None
                form.add_error(field, refusal.verdict.message)
            else:
                if intake.linked_to_existing:
                    messages.info(
                        request,
                        _(
                            "This family was already known: the registration was added to their "
                            "file instead of making a second one."
                        ),
                    )
                messages.success(
                    request,
                    _("Registration %(reference)s is recorded.") % {"reference": intake.reference},
                )
                if not cases_visible_to(request.user).filter(pk=intake.case_id).exists():
                    # The family is known to another team: the registration went to them.
                    messages.info(
                        request,
                        _(
                            "This family's file is held by %(team)s; the registration was "
                            "added there and their team lead sees it on the waiting list."
                        )
                        % {"team": intake.case.team},
                    )
                    return redirect("core:home")
                return redirect("cases:case_detail", pk=intake.case_id)
    return render(request, "cases/register.html", {"form": form, "persons": persons}, status=status)
