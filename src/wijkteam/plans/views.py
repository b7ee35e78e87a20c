"""Pages of the support plan. Thin: the plan comes from `queries.plan_detail` (another
team's plan is a 404), a form parses the input, one service makes the change, every page
that shows the family writes an audit entry."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkteam.audit.log import AuditContext, log_read
from wijkteam.cases.views import _case, _shown, add_refusal
from wijkteam.catalogue.models import CommunityOffer
from wijkteam.core.concurrency import CONFLICT_MESSAGE
from wijkteam.core.errors import ConcurrentEditError, RuleViolation
from wijkteam.core.navigation import roles_of
from wijkteam.core.pdf import pdf_response, render_pdf
from wijkteam.quality.survey_views import show_link_once

from . import services
from .forms import (
    ActionForm,
    AgreementForm,
    ClosureForm,
    CoordinationForm,
    EndOwnSupportForm,
    EscalationForm,
    EvaluationForm,
    GoalForm,
    OwnSupportForm,
    ReconsiderForm,
    ReferralForm,
    ReferralUpdateForm,
    ResolveForm,
    StartPlanForm,
    TransitionForm,
)
from .models import (
    Action,
    CommunityReferral,
    Escalation,
    EscalationStatus,
    Goal,
    OwnSupportStatus,
    PlanVersion,
    SupportPlan,
    Transition18,
)
from .queries import (
    PLANNABLE_CASE_STATUSES,
    active_goals,
    agreement_gate,
    evaluation_due_for,
    latest_plan_of_household,
    open_plan_of_case,
    own_support_bound,
    own_support_rows,
    plan_detail,
    plan_picture,
    transition_labels,
    transition_rows,
)
from .rules import closure_reason_label
from .versions import diff_snapshots

VIEW = "plans.view_plan"
RECORD = "plans.record_plan"
RESOLVE = "plans.resolve_escalation"


def _plan(request, pk: int) -> SupportPlan:
    try:
        return plan_detail(request.user, pk)
    except SupportPlan.DoesNotExist as exc:
        raise Http404 from exc


def _family(plan: SupportPlan) -> list:
    """The records a plan page shows: the plan, the case, the family and each member."""
    return [
        plan,
        plan.case,
        plan.household,
        *(m.resident for m in plan.household.memberships.all()),
    ]


def _may_record(request) -> None:
    if request.method == "POST" and not request.user.has_perm(RECORD):
        raise PermissionDenied


def _warn(request, result) -> None:
    for warning in getattr(result, "warnings", ()):
        messages.warning(request, warning.message)


@dataclass
class Step:
    """One form page on a plan: the form, the texts, the service it calls."""

    form_class: type
    title: str
    done: str
    intro: str = ""
    template: str = "plans/form.html"
    field_of_reason: dict = field(default_factory=dict)
    submit: str = gettext_lazy("Save")


def _run(request, plan, step: Step, perform, *, form_kwargs=None, context=None, success_url=None):
    """Show the step's form; on a valid POST call `perform(ctx, form)`, show its warnings
    and go back to the plan (or `success_url`). A refusal is shown at its field, a
    conflict above the form; the input is kept either way."""
    data = request.POST if request.method == "POST" else None
    form = step.form_class(data, plan=plan, user=request.user, **(form_kwargs or {}))
    status = 200
    if data is not None:
        status = 400
        if form.is_valid():
            try:
                result = perform(AuditContext.from_request(request), form)
            except ConcurrentEditError:
                form.add_error(None, CONFLICT_MESSAGE)
                status = 409
            except RuleViolation as refusal:
                add_refusal(form, refusal, step.field_of_reason)
            else:
                messages.success(request, step.done)
                _warn(request, result)
                survey = getattr(result, "survey", None)
                if survey is not None:  # show the family's survey link once
                    return redirect(show_link_once(request, survey))
                return redirect(success_url or reverse("plans:plan", args=[plan.pk]))
    log_read(request, _family(plan))
    return render(
        request,
        step.template,
        {"plan": plan, "case": plan.case, "form": form, "step": step, **(context or {})},
        status=status,
    )


# --- The plan ------------------------------------------------------------------------------


@login_required
@permission_required(VIEW, raise_exception=True)
def case_plan(request, pk: int):
    """The case's open plan, or the page to start one."""
    _may_record(request)
    case = _case(request, pk)
    plan = open_plan_of_case(case)
    if plan is not None:
        return redirect("plans:plan", pk=plan.pk)
    form = StartPlanForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            try:
                plan = services.start_plan(
                    AuditContext.from_request(request),
                    case,
                    actor=request.user,
                    summary=form.cleaned_data["summary"],
                )
            except RuleViolation as refusal:
                add_refusal(form, refusal, {}, None)
            else:
                messages.success(request, _("The plan has been started."))
                return redirect("plans:plan", pk=plan.pk)
    log_read(request, _shown(case))
    previous = latest_plan_of_household(case.household_id)
    return render(
        request,
        "plans/start.html",
        {
            "case": case,
            "form": form,
            "previous": previous,
            "can_record": request.user.has_perm(RECORD) and case.status in PLANNABLE_CASE_STATUSES,
            "plannable": case.status in PLANNABLE_CASE_STATUSES,
        },
        status=status,
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def plan_page(request, pk: int):
    plan = _plan(request, pk)
    today = timezone.localdate()
    picture = plan_picture(plan, today)
    log_read(request, _family(plan))
    return render(
        request,
        "plans/plan.html",
        {
            "plan": plan,
            "case": plan.case,
            "picture": picture,
            "today": today,
            "can_record": request.user.has_perm(RECORD) and plan.is_open,
            "can_resolve": request.user.has_perm(RESOLVE),
            "bound": own_support_bound(),
            "closure_reason": closure_reason_label(picture.closure.reason_code)
            if picture.closure
            else "",
        },
    )


@login_required
@permission_required(RECORD, raise_exception=True)
def coordination(request, pk: int):
    plan = _plan(request, pk)
    step = Step(
        CoordinationForm,
        _("Coordination"),
        _("The coordination has been saved."),
        _("Who is the family's coordinator, and who holds process and content coordination?"),
        field_of_reason={
            "coordinator_team": "coordinator",
            "process_coordination_name": "process_coordination_by",
            "content_coordination_name": "content_coordination_by",
        },
    )

    def perform(ctx, form):
        return services.update_coordination(
            ctx, plan, form.to_input(), actor=request.user, expected_version=form.expected_version
        )

    return _run(request, plan, step, perform)


GOAL_FIELDS = {
    "goal_life_domain": "life_domain",
    "goal_text": "result",
    "not_in_household": "person",
}


def _item(request, plan, model, item_pk: int | None, drop_service, dropped: str):
    """The goal or action a page is about (None for a new one; a 404 for an unknown one),
    or — when the page's "take off the plan" button was pressed — the response to that."""
    if item_pk is None:
        return None, None
    item = model.objects.filter(plan=plan, pk=item_pk, dropped_at__isnull=True).first()
    if item is None:
        raise Http404
    if request.POST.get("drop"):
        return item, _drop(request, plan, item, drop_service, dropped)
    return item, None


@login_required
@permission_required(RECORD, raise_exception=True)
def goal(request, pk: int, goal_pk: int | None = None):
    """Add a goal, or change or take off an existing one."""
    plan = _plan(request, pk)
    existing, dropped = _item(
        request, plan, Goal, goal_pk, services.drop_goal, _("The goal is taken off the plan.")
    )
    if dropped:
        return dropped
    step = Step(
        GoalForm,
        _("Change goal") if existing else _("New goal"),
        _("The goal has been saved."),
        _("A goal per person (or for the whole family), in the family's own words."),
        template="plans/goal.html",
        field_of_reason=GOAL_FIELDS,
    )

    def perform(ctx, form):
        return services.save_goal(
            ctx,
            plan,
            form.to_input(),
            goal=existing,
            actor=request.user,
            expected_version=form.expected_version,
        )

    return _run(
        request, plan, step, perform, form_kwargs={"goal": existing}, context={"goal": existing}
    )


def _drop(request, plan, record, service, done):
    try:
        service(
            AuditContext.from_request(request),
            plan,
            record,
            actor=request.user,
            expected_version=int(request.POST.get("version") or 0),
        )
    except ConcurrentEditError:
        messages.error(request, CONFLICT_MESSAGE)
    except RuleViolation as refusal:
        messages.error(request, refusal.verdict.message)
    else:
        messages.success(request, done)
    return redirect("plans:plan", pk=plan.pk)


@login_required
@permission_required(RECORD, raise_exception=True)
def action(request, pk: int, action_pk: int | None = None):
    """Add an action, or change or take off an existing one."""
    plan = _plan(request, pk)
    existing, dropped = _item(
        request,
        plan,
        Action,
        action_pk,
        services.drop_action,
        _("The action is taken off the plan."),
    )
    if dropped:
        return dropped
    step = Step(
        ActionForm,
        _("Change action") if existing else _("New action"),
        _("The action has been saved."),
        _(
            "Who does what, by when: the family, their network, the team, a community "
            "offer or a provider."
        ),
        template="plans/action.html",
        field_of_reason={
            "action_goal": "goal",
            "action_text": "description",
            "action_done_future": "done_on",
        },
    )

    def perform(ctx, form):
        return services.save_action(
            ctx,
            plan,
            form.to_input(),
            action=existing,
            actor=request.user,
            expected_version=form.expected_version,
        )

    goal_id = request.GET.get("doel", "")
    return _run(
        request,
        plan,
        step,
        perform,
        form_kwargs={
            "goals": active_goals(plan),
            "action": existing,
            "goal_id": int(goal_id) if goal_id.isdigit() else None,
        },
        context={"action": existing},
    )


AGREEMENT_FIELDS = {
    "agreement_date": "agreed_on",
    "agreement_how": "how",
    "agreement_no_parent": "parents",
    "agreement_not_member": "parents",
    "agreement_child_missing": "children_note",
}


@login_required
@permission_required(RECORD, raise_exception=True)
def agree(request, pk: int):
    """Record the agreement of parents and child: the plan as it is becomes a version.
    The page says first what still stands in the way (the child's voice, safety, …)."""
    plan = _plan(request, pk)
    today = timezone.localdate()
    goals = active_goals(plan)
    step = Step(
        AgreementForm,
        _("Agree the plan"),
        _("The agreement is recorded: this is now the plan's current version."),
        _("Record how the parents and the child agreed with the plan as it is now."),
        template="plans/agree.html",
        field_of_reason=AGREEMENT_FIELDS,
        submit=gettext_lazy("Record the agreement"),
    )

    def perform(ctx, form):
        return services.agree_plan(
            ctx, plan, form.to_input(), actor=request.user, expected_version=form.expected_version
        )

    return _run(
        request,
        plan,
        step,
        perform,
        context={"gate": agreement_gate(plan, goals, today), "goals": goals},
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def versions(request, pk: int):
    """Every agreed version, and what changed from one to the next (or since the last)."""
    plan = _plan(request, pk)
    listed = list(
        PlanVersion.objects.filter(plan=plan)
        .select_related("created_by", "agreement")
        .prefetch_related("agreement__parents", "agreement__children")
    )
    from .queries import plan_snapshot

    current = plan_snapshot(plan)
    rows = []
    for index, version in enumerate(listed):
        before = listed[index + 1].snapshot if index + 1 < len(listed) else None
        rows.append(
            {
                "version": version,
                "changes": diff_snapshots(before, version.snapshot) if before is not None else None,
            }
        )
    log_read(request, _family(plan))
    return render(
        request,
        "plans/versions.html",
        {
            "plan": plan,
            "case": plan.case,
            "rows": rows,
            "since_last": diff_snapshots(listed[0].snapshot, current) if listed else [],
        },
    )


def _pdf_context(plan):
    today = timezone.localdate()
    picture = plan_picture(plan, today)
    agreed = picture.versions[0] if picture.versions else None
    return {
        "plan": plan,
        "picture": picture,
        "agreement": getattr(agreed, "agreement", None) if agreed else None,
        "agreed_version": agreed,
        "due": picture.evaluation_due,
        "due_overdue": bool(picture.evaluation_due and picture.evaluation_due.overdue(today)),
        "today": today,
    }


@login_required
@permission_required(VIEW, raise_exception=True)
def plan_pdf(request, pk: int):
    """The plan for the family, in plain Dutch (B1)."""
    plan = _plan(request, pk)
    log_read(request, _family(plan))
    with translation.override(settings.LANGUAGE_CODE):  # the family reads Dutch
        pdf = render_pdf("plans/plan_pdf.html", _pdf_context(plan), request=request)
    return pdf_response(pdf, f"ondersteuningsplan {plan.case.reference}")


# --- Own support ----------------------------------------------------------------------------


OWN_SUPPORT_FIELDS = {
    "own_support_end_before_start": "planned_end_on",
    "own_support_contacts": "planned_contacts",
    "own_support_beyond_bound": "beyond_bound_reason",
    "worker_team": "worker",
    "goal_unknown": "goal",
}


@login_required
@permission_required(RECORD, raise_exception=True)
def own_support_new(request, pk: int):
    plan = _plan(request, pk)
    bound = own_support_bound()
    step = Step(
        OwnSupportForm,
        _("Own support"),
        _("The own support has been recorded."),
        _(
            "Help the team gives itself: short or light. Past the bound you are asked to "
            "reconsider."
        ),
        field_of_reason=OWN_SUPPORT_FIELDS,
    )

    def perform(ctx, form):
        return services.start_own_support(ctx, plan, form.to_input(), actor=request.user)

    return _run(
        request, plan, step, perform, form_kwargs={"goals": active_goals(plan), "bound": bound}
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def own_support(request, pk: int, support_pk: int):
    """One own support: its bound, the decisions on it; reconsider it or end it."""
    _may_record(request)
    plan = _plan(request, pk)
    today = timezone.localdate()
    row = next((r for r in own_support_rows(plan, today) if r.support.pk == support_pk), None)
    if row is None:
        raise Http404
    support = row.support
    running = support.status == OwnSupportStatus.ACTIVE and plan.is_open
    which = request.POST.get("form") if request.method == "POST" else None
    reconsider = ReconsiderForm(
        request.POST if which == "reconsider" else None,
        plan=plan,
        user=request.user,
        record=support,
        prefix="reconsider",
    )
    end = EndOwnSupportForm(
        request.POST if which == "end" else None,
        plan=plan,
        user=request.user,
        record=support,
        prefix="end",
    )
    status = 200
    bound_form = reconsider if which == "reconsider" else end if which == "end" else None
    if bound_form is not None and running:
        status = 400
        if bound_form.is_valid():
            ctx, data = AuditContext.from_request(request), bound_form.cleaned_data
            try:
                if which == "reconsider":
                    services.reconsider_own_support(
                        ctx,
                        support,
                        decision=data["decision"],
                        reason=data["reason"],
                        continue_until=data["continue_until"],
                        continue_contacts=data["continue_contacts"],
                        actor=request.user,
                        expected_version=bound_form.expected_version,
                    )
                else:
                    services.end_own_support(
                        ctx,
                        support,
                        end_reason=data["end_reason"],
                        ended_on=data["ended_on"],
                        actor=request.user,
                        expected_version=bound_form.expected_version,
                    )
            except ConcurrentEditError:
                bound_form.add_error(None, CONFLICT_MESSAGE)
                status = 409
            except RuleViolation as refusal:
                add_refusal(
                    bound_form,
                    refusal,
                    {
                        "reconsider_reason": "reason",
                        "reconsider_until": "continue_until",
                        "reconsider_contacts": "continue_contacts",
                        "reconsider_decision": "decision",
                        "own_support_end_date": "ended_on",
                        "own_support_end_reason": "end_reason",
                    },
                )
            else:
                messages.success(request, _("The own support has been updated."))
                return redirect("plans:plan", pk=plan.pk)
    log_read(request, _family(plan))
    return render(
        request,
        "plans/own_support.html",
        {
            "plan": plan,
            "case": plan.case,
            "row": row,
            "reviews": list(support.reviews.select_related("decided_by")),
            "reconsider": reconsider,
            "end": end,
            "running": running,
            "can_record": request.user.has_perm(RECORD),
            "bound": own_support_bound(),
        },
        status=status,
    )


# --- Community offers: referral ----------------------------------------------------------------


REFERRAL_FIELDS = {
    "referral_date": "referred_on",
    "referral_handover_note": "handover_note",
    "referral_contact": "contact_at_offer",
    "offer_unknown": "offer",
    "not_in_household": "person",
    "goal_unknown": "goal",
}


@login_required
@permission_required(RECORD, raise_exception=True)
def referral_new(request, pk: int):
    plan = _plan(request, pk)
    offers = list(CommunityOffer.objects.filter(active=True).order_by("name"))
    chosen = request.GET.get("aanbod", "")
    step = Step(
        ReferralForm,
        _("Refer to a community offer"),
        _("The referral is recorded on the plan."),
        _("A warm handover: introduce the family to the offer yourself, and say how it went."),
        template="plans/referral.html",
        field_of_reason=REFERRAL_FIELDS,
    )

    def perform(ctx, form):
        return services.refer_to_offer(ctx, plan, form.to_input(), actor=request.user)

    return _run(
        request,
        plan,
        step,
        perform,
        form_kwargs={
            "goals": active_goals(plan),
            "offers": offers,
            "initial": {"offer": chosen} if chosen.isdigit() else {},
        },
    )


@login_required
@permission_required(RECORD, raise_exception=True)
def referral(request, pk: int, referral_pk: int):
    plan = _plan(request, pk)
    record = (
        CommunityReferral.objects.filter(plan=plan, pk=referral_pk)
        .select_related("offer", "person")
        .first()
    )
    if record is None:
        raise Http404
    step = Step(
        ReferralUpdateForm,
        _("How the referral went"),
        _("The referral has been updated."),
        _("%(name)s to %(offer)s.") % {"name": record.person.full_name, "offer": record.offer.name},
    )

    def perform(ctx, form):
        return services.update_referral(
            ctx,
            record,
            status=form.cleaned_data["status"],
            outcome_note=form.cleaned_data["outcome_note"],
            actor=request.user,
            expected_version=form.expected_version,
        )

    return _run(request, plan, step, perform, form_kwargs={"record": record})


# --- Evaluations -------------------------------------------------------------------------------


@login_required
@permission_required(RECORD, raise_exception=True)
def evaluation_new(request, pk: int):
    plan = _plan(request, pk)
    due = evaluation_due_for(plan)
    step = Step(
        EvaluationForm,
        _("Evaluation"),
        _("The evaluation has been recorded."),
        _("Who was there, the result per goal, and what you decided together."),
        template="plans/evaluation.html",
        field_of_reason={
            "evaluation_date": "held_on",
            "evaluation_decision_note": "decision_note",
            "evaluation_next_date": "next_evaluation_on",
            "evaluation_team": "team_members",
            "not_in_household": "family_members",
        },
    )

    def perform(ctx, form):
        return services.record_evaluation(ctx, plan, form.to_input(), actor=request.user)

    return _run(
        request,
        plan,
        step,
        perform,
        form_kwargs={"goals": active_goals(plan)},
        context={"due": due, "overdue": bool(due and due.overdue(timezone.localdate()))},
    )


# --- Escalation -------------------------------------------------------------------------------


@login_required
@permission_required(RECORD, raise_exception=True)
def escalation_new(request, pk: int):
    plan = _plan(request, pk)
    step = Step(
        EscalationForm,
        _("Escalate"),
        _("The escalation is with the team lead."),
        _("Help is stuck and the parties do not move: ask the team lead to decide, by a date."),
        field_of_reason={
            "escalation_stuck": "stuck",
            "escalation_tried": "tried",
            "escalation_deadline": "deadline",
            "escalation_lead": "lead",
        },
    )

    def perform(ctx, form):
        data = form.cleaned_data
        return services.escalate(
            ctx,
            plan,
            stuck=data["stuck"],
            tried=data["tried"],
            lead_id=int(data["lead"]),
            deadline=data["deadline"],
            actor=request.user,
        )

    return _run(request, plan, step, perform)


@login_required
@permission_required(RESOLVE, raise_exception=True)
def escalation(request, pk: int, escalation_pk: int):
    plan = _plan(request, pk)
    record = (
        Escalation.objects.filter(plan=plan, pk=escalation_pk)
        .select_related("raised_by", "lead", "resolved_by")
        .first()
    )
    if record is None:
        raise Http404
    if record.status != EscalationStatus.OPEN and request.method == "POST":
        raise PermissionDenied
    step = Step(
        ResolveForm,
        _("Resolve the escalation"),
        _("The escalation is resolved."),
        template="plans/escalation.html",
        field_of_reason={"escalation_resolution": "resolution"},
    )

    def perform(ctx, form):
        return services.resolve_escalation(
            ctx,
            record,
            resolution=form.cleaned_data["resolution"],
            actor=request.user,
            expected_version=form.expected_version,
        )

    return _run(
        request, plan, step, perform, form_kwargs={"record": record}, context={"escalation": record}
    )


# --- Turning 18 --------------------------------------------------------------------------------


@login_required
@permission_required(RECORD, raise_exception=True)
def transition(request, pk: int, resident_pk: int):
    plan = _plan(request, pk)
    today = timezone.localdate()
    row = next((r for r in transition_rows(plan, today) if r.youth.pk == resident_pk), None)
    member = next(
        (m for m in plan.household.memberships.all() if m.resident_id == resident_pk), None
    )
    if member is None:
        raise Http404
    record = (
        row.record if row else Transition18.objects.filter(plan=plan, youth_id=resident_pk).first()
    )
    labels = transition_labels()
    step = Step(
        TransitionForm,
        _("Turning 18: transition checklist"),
        _("The transition checklist has been saved."),
        _(
            "Extended youth care up to 23 is the default, unless it is not needed. The team "
            "keeps coordination through the transition."
        ),
        template="plans/transition.html",
        field_of_reason={"transition_extended_care_reason": "extended_care_not_needed_reason"},
    )

    def perform(ctx, form):
        return services.save_transition(
            ctx,
            plan,
            member.resident,
            form.to_input(),
            actor=request.user,
            expected_version=form.expected_version,
        )

    return _run(
        request,
        plan,
        step,
        perform,
        form_kwargs={"record": record, "labels": labels},
        context={"youth": member.resident, "transition": row},
    )


# --- Closure -------------------------------------------------------------------------------------


CLOSURE_FIELDS = {
    "closure_reason": "reason_code",
    "closure_date": "closed_on",
    "closure_scaled_down": "scaled_down_to",
    "closure_scaled_down_note": "scaled_down_note",
    "closure_experience": "experience_request",
}


@login_required
@permission_required(RECORD, raise_exception=True)
def closure(request, pk: int):
    plan = _plan(request, pk)
    if not plan.is_open:
        return redirect("plans:plan", pk=plan.pk)
    step = Step(
        ClosureForm,
        _("Close the plan and the case"),
        _("The plan and the case are closed."),
        _(
            "Why the help ends, the result per goal, where help was scaled down to, and how "
            "the family was asked about their experience."
        ),
        field_of_reason=CLOSURE_FIELDS,
        submit=gettext_lazy("Close the plan and the case"),
    )
    roles = {str(role) for role in roles_of(request.user)}

    def perform(ctx, form):
        return services.close_plan(
            ctx,
            plan,
            form.to_input(),
            actor=request.user,
            roles=roles,
            expected_version=form.expected_version,
        )

    return _run(
        request,
        plan,
        step,
        perform,
        form_kwargs={"goals": active_goals(plan)},
        success_url=reverse("cases:case_detail", args=[plan.case_id]),
    )
