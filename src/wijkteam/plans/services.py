"""Every change to support plans: one function per use case, one transaction each,
audited in that transaction. The plan is one record people edit together: every change
to its coordination, goals and actions locks the plan row and claims its next version,
so of two concurrent edits one wins and the other gets a conflict with its input kept."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.assessment.models import LifeDomain
from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.models import AuditAction
from wijkteam.cases import services as case_services
from wijkteam.cases.models import Case, CaseStatus
from wijkteam.catalogue.models import CommunityOffer
from wijkteam.core.concurrency import claim_next_version
from wijkteam.core.errors import RuleViolation
from wijkteam.core.rules import Verdict
from wijkteam.people.models import Resident
from wijkteam.people.rules import age_on
from wijkteam.quality.models import SurveyOccasion
from wijkteam.quality.services import invite_to_survey

from .models import (
    OPEN_PLAN_STATUSES,
    Action,
    Closure,
    ClosureGoalResult,
    CommunityReferral,
    Escalation,
    EscalationStatus,
    Evaluation,
    EvaluationGoalResult,
    ExperienceRequest,
    Goal,
    OwnSupport,
    OwnSupportEnd,
    OwnSupportReview,
    OwnSupportStatus,
    PlanAgreement,
    PlanStatus,
    PlanVersion,
    ReconsiderDecision,
    SupportPlan,
    Transition18,
)
from .queries import (
    PLANNABLE_CASE_STATUSES,
    _contacts_since_start,
    active_goals,
    agreement_gate,
    members_of,
    own_support_bound,
    plan_snapshot,
)
from .rules import (
    CHECKLIST_ITEMS,
    AgreementInput,
    OfferFacts,
    TransitionFacts,
    agreement_verdict,
    closure_reason_label,
    closure_verdict,
    combine,
    escalation_verdict,
    evaluation_verdict,
    own_support_verdict,
    reconsider_verdict,
    referral_verdict,
    resolution_verdict,
    review_point,
    transition_verdict,
)

# How the family was asked about their experience: these two get the survey's link.
SURVEY_REQUESTS = (ExperienceRequest.SURVEY_EMAIL, ExperienceRequest.SURVEY_LETTER)


def ensure(verdict: Verdict) -> Verdict:
    if not verdict.allowed:
        raise RuleViolation(verdict)
    return verdict


refuse = case_services.refuse


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _locked_plan(plan: SupportPlan, expected_version: int | None) -> SupportPlan:
    """Lock the plan row, claim its next version (a stale one is a conflict), and refuse
    changes to a closed plan."""
    locked = SupportPlan.objects.select_for_update().get(pk=plan.pk)
    claim_next_version(locked, expected_version if expected_version is not None else locked.version)
    if locked.status == PlanStatus.CLOSED:
        raise refuse("plan_closed", _("This plan is closed and cannot be changed."))
    return locked


def _amended(plan: SupportPlan) -> None:
    """A change to an agreed plan makes it "changed since the last agreement"."""
    if plan.status == PlanStatus.AGREED:
        plan.status = PlanStatus.AMENDED
    plan.save()


def _member(plan: SupportPlan, resident_id: int | None) -> Resident | None:
    if resident_id is None:
        return None
    membership = plan.household.memberships.filter(resident_id=resident_id).first()
    if membership is None:
        raise refuse("not_in_household", _("This person is not a member of this household."))
    return membership.resident


def _team_member(plan: SupportPlan, user_id: int | None, code: str) -> User | None:
    if user_id is None:
        return None
    user = User.objects.filter(pk=user_id, team_id=plan.case.team_id, is_active=True).first()
    if user is None:
        raise refuse(code, _("Choose a member of the case's own team."))
    return user


# --- The plan: start, coordination, goals, actions --------------------------------------------


@transaction.atomic
def start_plan(
    ctx: AuditContext,
    case: Case,
    *,
    actor: User,
    summary: str = "",
    now: datetime | None = None,
) -> SupportPlan:
    """Start the family's plan on an open case past triage; the case worker (or the one
    who starts it) is the coordinator until someone else is named."""
    case = Case.objects.select_for_update().select_related("household").get(pk=case.pk)
    if case.status not in PLANNABLE_CASE_STATUSES:
        raise refuse(
            "plan_case_status",
            _("A plan is made once the case is past triage and while it is open."),
        )
    if case.household.support_plans.filter(status__in=OPEN_PLAN_STATUSES).exists():
        raise refuse(
            "plan_exists",
            _("This family already has an open plan: one family, one plan."),
        )
    plan = SupportPlan.objects.create(
        household=case.household,
        case=case,
        summary=summary.strip(),
        coordinator=case.worker or actor,
        created_at=_now(now),
        created_by=actor,
    )
    log_change(ctx, plan, AuditAction.CREATE, changed_fields=("case", "coordinator", "summary"))
    return plan


@dataclass(frozen=True)
class CoordinationInput:
    coordinator_id: int | None
    process_coordination: str
    process_coordination_by: str
    content_coordination: str
    content_coordination_by: str
    court_measure: bool
    summary: str


@transaction.atomic
def update_coordination(
    ctx: AuditContext,
    plan: SupportPlan,
    data: CoordinationInput,
    *,
    actor: User,
    expected_version: int | None,
) -> SupportPlan:
    """Who coordinates, who holds process and content coordination, the summary."""
    plan = _locked_plan(plan, expected_version)
    coordinator = _team_member(plan, data.coordinator_id, "coordinator_team")
    values = {
        "coordinator": coordinator,
        "process_coordination": data.process_coordination,
        "process_coordination_by": data.process_coordination_by.strip(),
        "content_coordination": data.content_coordination,
        "content_coordination_by": data.content_coordination_by.strip(),
        "court_measure": data.court_measure,
        "summary": data.summary.strip(),
    }
    changed = [name for name, value in values.items() if getattr(plan, name) != value]
    for name, value in values.items():
        setattr(plan, name, value)
    if changed:
        _amended(plan)
    log_change(ctx, plan, AuditAction.UPDATE, changed_fields=changed)
    return plan


@dataclass(frozen=True)
class GoalInput:
    person_id: int | None
    life_domain_id: int
    result: str
    indicator: str
    priority: str
    order: int = 0


@transaction.atomic
def save_goal(
    ctx: AuditContext,
    plan: SupportPlan,
    data: GoalInput,
    *,
    goal: Goal | None = None,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> Goal:
    """Add a goal to the plan, or change one (`goal`)."""
    plan = _locked_plan(plan, expected_version)
    if not LifeDomain.objects.filter(pk=data.life_domain_id, active=True).exists():
        raise refuse("goal_life_domain", _("Choose a life domain from the list."))
    if len(data.result.strip()) < 5 or len(data.indicator.strip()) < 5:
        raise refuse(
            "goal_text",
            _("Write the result in the family's words and how you will know it is reached."),
        )
    values = {
        "person": _member(plan, data.person_id),
        "life_domain_id": data.life_domain_id,
        "result": data.result.strip(),
        "indicator": data.indicator.strip(),
        "priority": data.priority,
        "order": data.order,
    }
    return _save_item(ctx, plan, Goal, goal, values, now)


def _save_item(ctx, plan: SupportPlan, model, item, values: dict, now):
    """Create a goal or action on the plan, or change `item`; the plan is then changed
    since its last agreement. Audited with the names of the fields that changed."""
    if item is None:
        item = model.objects.create(plan=plan, created_at=_now(now), **values)
        changed, kind = list(values), AuditAction.CREATE
    else:
        item = model.objects.get(pk=item.pk, plan=plan, dropped_at__isnull=True)
        changed = [name for name, value in values.items() if getattr(item, name) != value]
        for name, value in values.items():
            setattr(item, name, value)
        item.save()
        kind = AuditAction.UPDATE
    _amended(plan)
    log_change(ctx, item, kind, changed_fields=[name.removesuffix("_id") for name in changed])
    return item


def _drop_item(ctx, plan: SupportPlan, model, item, now):
    """Take a goal or action off the plan (never deleted: versions and results keep it)."""
    item = model.objects.get(pk=item.pk, plan=plan, dropped_at__isnull=True)
    item.dropped_at = _now(now)
    item.save(update_fields=["dropped_at"])
    _amended(plan)
    log_change(ctx, item, AuditAction.UPDATE, changed_fields=("dropped_at",))
    return item


@transaction.atomic
def drop_goal(
    ctx: AuditContext,
    plan: SupportPlan,
    goal: Goal,
    *,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> Goal:
    """Take a goal (and its actions) off the plan; earlier versions still show it."""
    plan = _locked_plan(plan, expected_version)
    goal = _drop_item(ctx, plan, Goal, goal, now)
    goal.actions.filter(dropped_at__isnull=True).update(dropped_at=goal.dropped_at)
    return goal


@dataclass(frozen=True)
class ActionInput:
    goal_id: int | None
    description: str
    by: str
    who: str
    due_on: date | None
    done_on: date | None = None


@transaction.atomic
def save_action(
    ctx: AuditContext,
    plan: SupportPlan,
    data: ActionInput,
    *,
    action: Action | None = None,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> Action:
    """Add an action (who does what, by when) or change one (`action`)."""
    plan = _locked_plan(plan, expected_version)
    if (
        data.goal_id is not None
        and not plan.goals.filter(pk=data.goal_id, dropped_at__isnull=True).exists()
    ):
        raise refuse("action_goal", _("Choose one of this plan's goals."))
    if len(data.description.strip()) < 5 or not data.who.strip():
        raise refuse("action_text", _("Say what is done and who does it."))
    today = timezone.localdate(_now(now))
    if data.done_on is not None and data.done_on > today:
        raise refuse("action_done_future", _("An action cannot be done in the future."))
    values = {
        "goal_id": data.goal_id,
        "description": data.description.strip(),
        "by": data.by,
        "who": data.who.strip(),
        "due_on": data.due_on,
        "done_on": data.done_on,
    }
    return _save_item(ctx, plan, Action, action, values, now)


@transaction.atomic
def drop_action(
    ctx: AuditContext,
    plan: SupportPlan,
    action: Action,
    *,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> Action:
    plan = _locked_plan(plan, expected_version)
    return _drop_item(ctx, plan, Action, action, now)


# --- Agreement: a new version -------------------------------------------------------------------


@transaction.atomic
def agree_plan(
    ctx: AuditContext,
    plan: SupportPlan,
    data: AgreementInput,
    *,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> PlanVersion:
    """Record that parents and child agreed with the plan as it is now: a new version.

    Refused unless the plan's own rules allow it (coordination, goals with actions) and
    the gates of ADR 0005 do: every child spoken to or a reason recorded
    (`assessment.queries.child_voice_verdict_for_case`) and a completed, current safety
    assessment (`safety.queries.safety_verdict_for_case`)."""
    now = _now(now)
    today = timezone.localdate(now)
    plan = _locked_plan(plan, expected_version)
    plan = SupportPlan.objects.select_related("case", "household", "coordinator").get(pk=plan.pk)
    goals = active_goals(plan)
    verdict = ensure(
        combine(
            agreement_gate(plan, goals, today),
            agreement_verdict(data, members_of(plan, today), today),
        )
    )
    number = (plan.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = PlanVersion.objects.create(
        plan=plan, number=number, snapshot=plan_snapshot(plan), created_at=now, created_by=actor
    )
    agreement = PlanAgreement.objects.create(
        version=version,
        agreed_on=data.agreed_on,
        how=data.how,
        children_note=data.children_note.strip(),
        note=data.note.strip(),
        recorded_by=actor,
        recorded_at=now,
    )
    agreement.parents.set(data.parent_ids)
    agreement.children.set(data.child_ids)
    plan.status = PlanStatus.AGREED
    plan.agreed_version = number
    plan.first_agreed_on = plan.first_agreed_on or data.agreed_on
    plan.save()
    log_change(ctx, version, AuditAction.CREATE, changed_fields=("snapshot",))
    log_change(ctx, agreement, AuditAction.CREATE, changed_fields=("agreed_on", "how", "parents"))
    log_change(ctx, plan, AuditAction.UPDATE, changed_fields=("status", "agreed_version"))
    version.warnings = verdict.warnings
    return version


# --- Own support (eigen inzet) ---------------------------------------------------------------


@dataclass(frozen=True)
class OwnSupportInput:
    kind: str
    description: str
    worker_id: int
    started_on: date
    planned_end_on: date
    planned_contacts: int
    frequency: str
    goal_id: int | None = None
    beyond_bound_reason: str = ""


def _open_plan(plan: SupportPlan) -> SupportPlan:
    plan = SupportPlan.objects.select_related("case", "household").get(pk=plan.pk)
    if not plan.is_open:
        raise refuse("plan_closed", _("This plan is closed and cannot be changed."))
    return plan


def _goal_of(plan: SupportPlan, goal_id: int | None) -> int | None:
    if goal_id is not None and not plan.goals.filter(pk=goal_id, dropped_at__isnull=True).exists():
        raise refuse("goal_unknown", _("Choose one of this plan's goals."))
    return goal_id


@transaction.atomic
def start_own_support(
    ctx: AuditContext,
    plan: SupportPlan,
    data: OwnSupportInput,
    *,
    actor: User,
    now: datetime | None = None,
) -> OwnSupport:
    """Help by the team itself, within the bound for short or light help (or past it
    with a reason: then that is where it is reconsidered)."""
    plan = _open_plan(plan)
    bound = own_support_bound()
    verdict = ensure(
        own_support_verdict(
            started_on=data.started_on,
            planned_end_on=data.planned_end_on,
            planned_contacts=data.planned_contacts,
            beyond_bound_reason=data.beyond_bound_reason,
            bound=bound,
        )
    )
    review_on, review_contacts = review_point(
        data.started_on, data.planned_end_on, data.planned_contacts, bound
    )
    support = OwnSupport.objects.create(
        plan=plan,
        goal_id=_goal_of(plan, data.goal_id),
        kind=data.kind,
        description=data.description.strip(),
        worker=_team_member(plan, data.worker_id, "worker_team"),
        started_on=data.started_on,
        planned_end_on=data.planned_end_on,
        planned_contacts=data.planned_contacts,
        frequency=data.frequency,
        beyond_bound_reason=data.beyond_bound_reason.strip() if verdict.warnings else "",
        review_on=review_on,
        review_contacts=review_contacts,
        recorded_by=actor,
        recorded_at=_now(now),
    )
    log_change(ctx, support, AuditAction.CREATE, changed_fields=("kind", "planned_end_on"))
    support.warnings = verdict.warnings
    return support


def _locked_support(support: OwnSupport, expected_version: int | None) -> OwnSupport:
    locked = OwnSupport.objects.select_for_update().get(pk=support.pk)
    claim_next_version(locked, expected_version if expected_version is not None else locked.version)
    if locked.status != OwnSupportStatus.ACTIVE:
        raise refuse("own_support_ended", _("This own support has already ended."))
    return locked


@transaction.atomic
def reconsider_own_support(
    ctx: AuditContext,
    support: OwnSupport,
    *,
    decision: str,
    reason: str,
    continue_until: date | None = None,
    continue_contacts: int | None = None,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> OwnSupportReview:
    """The worker's decision on own support past its bound: continue (with a reason and
    a new point to reconsider), refer to the community or allocate (both end it)."""
    today = timezone.localdate(_now(now))
    support = _locked_support(support, expected_version)
    contacts = (
        OwnSupport.objects.filter(pk=support.pk)
        .annotate(contacts=_contacts_since_start())
        .values_list("contacts", flat=True)
        .get()
    )
    ensure(
        reconsider_verdict(
            decision=decision,
            reason=reason,
            continue_until=continue_until,
            continue_contacts=continue_contacts,
            contacts=contacts,
            today=today,
        )
    )
    review = OwnSupportReview.objects.create(
        own_support=support,
        decision=decision,
        reason=reason.strip(),
        decided_on=today,
        decided_by=actor,
        continue_until=continue_until if decision == ReconsiderDecision.CONTINUE else None,
        continue_contacts=continue_contacts if decision == ReconsiderDecision.CONTINUE else None,
    )
    if decision == ReconsiderDecision.CONTINUE:
        support.review_on = continue_until
        # Without a new number, the bound's number of contacts counts on from today's.
        support.review_contacts = continue_contacts or contacts + own_support_bound().contacts
    else:
        support.status = OwnSupportStatus.ENDED
        support.ended_on = today
        support.end_reason = (
            OwnSupportEnd.REFERRED
            if decision == ReconsiderDecision.REFER
            else OwnSupportEnd.ALLOCATED
        )
    support.save()
    log_change(ctx, review, AuditAction.CREATE, changed_fields=("decision", "reason"))
    log_change(ctx, support, AuditAction.UPDATE, changed_fields=("review_on", "status"))
    return review


@transaction.atomic
def end_own_support(
    ctx: AuditContext,
    support: OwnSupport,
    *,
    end_reason: str,
    ended_on: date,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> OwnSupport:
    support = _locked_support(support, expected_version)
    if ended_on < support.started_on or ended_on > timezone.localdate(_now(now)):
        raise refuse("own_support_end_date", _("The end lies between the start and today."))
    if end_reason not in OwnSupportEnd.values:
        raise refuse("own_support_end_reason", _("Choose why the own support ends."))
    support.status = OwnSupportStatus.ENDED
    support.ended_on = ended_on
    support.end_reason = end_reason
    support.save()
    log_change(ctx, support, AuditAction.UPDATE, changed_fields=("status", "end_reason"))
    return support


# --- Referral to a community offer -------------------------------------------------------------


@dataclass(frozen=True)
class ReferralInput:
    offer_id: int
    person_id: int
    referred_on: date
    warm_handover: bool
    handover_note: str
    contact_at_offer: str
    goal_id: int | None = None


@transaction.atomic
def refer_to_offer(
    ctx: AuditContext,
    plan: SupportPlan,
    data: ReferralInput,
    *,
    actor: User,
    now: datetime | None = None,
) -> CommunityReferral:
    """Refer a family member to a community offer with a warm handover, on the plan."""
    now = _now(now)
    plan = _open_plan(plan)
    offer = CommunityOffer.objects.filter(pk=data.offer_id, active=True).first()
    if offer is None:
        raise refuse("offer_unknown", _("Choose an offer from the catalogue."))
    person = _member(plan, data.person_id)
    verdict = ensure(
        referral_verdict(
            warm_handover=data.warm_handover,
            handover_note=data.handover_note,
            contact_at_offer=data.contact_at_offer,
            referred_on=data.referred_on,
            today=timezone.localdate(now),
            person_age=age_on(person.birth_date, data.referred_on),
            offer=OfferFacts(offer.min_age, offer.max_age, offer.capacity, offer.waiting_weeks),
        )
    )
    referral = CommunityReferral.objects.create(
        plan=plan,
        offer=offer,
        person=person,
        goal_id=_goal_of(plan, data.goal_id),
        referred_on=data.referred_on,
        warm_handover=data.warm_handover,
        handover_note=data.handover_note.strip(),
        contact_at_offer=data.contact_at_offer.strip(),
        recorded_by=actor,
        recorded_at=now,
    )
    log_change(ctx, referral, AuditAction.CREATE, changed_fields=("offer", "person"))
    referral.warnings = verdict.warnings
    return referral


@transaction.atomic
def update_referral(
    ctx: AuditContext,
    referral: CommunityReferral,
    *,
    status: str,
    outcome_note: str,
    actor: User,
    expected_version: int | None,
) -> CommunityReferral:
    referral = CommunityReferral.objects.select_for_update().get(pk=referral.pk)
    claim_next_version(referral, expected_version)
    referral.status = status
    referral.outcome_note = outcome_note.strip()
    referral.save(update_fields=["status", "outcome_note"])
    log_change(ctx, referral, AuditAction.UPDATE, changed_fields=("status", "outcome_note"))
    return referral


# --- Evaluations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationInput:
    kind: str
    held_on: date
    team_member_ids: frozenset[int]
    family_member_ids: frozenset[int]
    others: str
    results: dict[int, str]  # goal id -> GoalResult
    decision: str
    decision_note: str = ""
    next_evaluation_on: date | None = None
    invite_survey: bool = False  # give the family the client-experience survey's link


@transaction.atomic
def record_evaluation(
    ctx: AuditContext,
    plan: SupportPlan,
    data: EvaluationInput,
    *,
    actor: User,
    now: datetime | None = None,
) -> Evaluation:
    """A start meeting, interim or final evaluation: who was there, the result per goal
    and the decision. Saved with a warning (`team_absent`) when nobody from the team was
    present: the team is always there (Rekenkamer rec. 3a)."""
    now = _now(now)
    plan = _open_plan(plan)
    team = list(
        User.objects.filter(pk__in=data.team_member_ids, team_id=plan.case.team_id, is_active=True)
    )
    if len(team) != len(data.team_member_ids):
        raise refuse("evaluation_team", _("Choose members of the case's own team."))
    members = set(plan.household.memberships.values_list("resident_id", flat=True))
    if not data.family_member_ids <= members:
        raise refuse("not_in_household", _("This person is not a member of this household."))
    goal_ids = frozenset(g.pk for g in active_goals(plan))
    verdict = ensure(
        evaluation_verdict(
            kind=data.kind,
            held_on=data.held_on,
            today=timezone.localdate(now),
            team_present=bool(team),
            goal_ids=goal_ids,
            results=data.results,
            decision=data.decision,
            decision_note=data.decision_note,
            next_evaluation_on=data.next_evaluation_on,
        )
    )
    evaluation = Evaluation.objects.create(
        plan=plan,
        kind=data.kind,
        held_on=data.held_on,
        others=data.others.strip(),
        team_present=bool(team),
        decision=data.decision,
        decision_note=data.decision_note.strip(),
        next_evaluation_on=data.next_evaluation_on,
        recorded_by=actor,
        recorded_at=now,
    )
    evaluation.team_members.set(team)
    evaluation.family_members.set(data.family_member_ids)
    EvaluationGoalResult.objects.bulk_create(
        EvaluationGoalResult(evaluation=evaluation, goal_id=goal_id, result=result)
        for goal_id, result in data.results.items()
    )
    log_change(ctx, evaluation, AuditAction.CREATE, changed_fields=("kind", "decision", "results"))
    evaluation.warnings = verdict.warnings
    evaluation.survey = None
    if data.invite_survey:
        evaluation.survey = invite_to_survey(
            plan.case, SurveyOccasion.EVALUATION, actor, ctx=ctx, now=now
        )
    return evaluation


# --- Escalation (doorzettingsmacht) ------------------------------------------------------------


@transaction.atomic
def escalate(
    ctx: AuditContext,
    plan: SupportPlan,
    *,
    stuck: str,
    tried: str,
    lead_id: int,
    deadline: date,
    actor: User,
    now: datetime | None = None,
) -> Escalation:
    """Help is stuck: escalate to a team lead of the case's team, with a deadline."""
    now = _now(now)
    plan = _open_plan(plan)
    lead = User.objects.filter(
        pk=lead_id, team_id=plan.case.team_id, is_active=True, groups__name="team_lead"
    ).first()
    if lead is None:
        raise refuse("escalation_lead", _("Choose a team lead of the case's own team."))
    ensure(
        escalation_verdict(
            stuck=stuck, tried=tried, deadline=deadline, today=timezone.localdate(now)
        )
    )
    escalation = Escalation.objects.create(
        plan=plan,
        stuck=stuck.strip(),
        tried=tried.strip(),
        lead=lead,
        deadline=deadline,
        raised_by=actor,
        raised_at=now,
    )
    log_change(ctx, escalation, AuditAction.CREATE, changed_fields=("stuck", "deadline", "lead"))
    return escalation


@transaction.atomic
def resolve_escalation(
    ctx: AuditContext,
    escalation: Escalation,
    *,
    resolution: str,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> Escalation:
    """The team lead records what was decided; the escalation is no longer open."""
    escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
    claim_next_version(escalation, expected_version)
    if escalation.status != EscalationStatus.OPEN:
        raise refuse("escalation_resolved", _("This escalation is already resolved."))
    ensure(resolution_verdict(resolution))
    escalation.status = EscalationStatus.RESOLVED
    escalation.resolution = resolution.strip()
    escalation.resolved_by = actor
    escalation.resolved_at = _now(now)
    escalation.save()
    log_change(ctx, escalation, AuditAction.UPDATE, changed_fields=("status", "resolution"))
    return escalation


# --- Turning 18 -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TransitionInput:
    extended_care: bool
    extended_care_not_needed_reason: str
    states: dict[str, str]
    notes: dict[str, str]
    team_keeps_coordination: bool
    coordination_note: str = ""


NOTE_FIELD = {
    "wmo_handover": "wmo_note",
    "income": "income_note",
    "health_insurance": "health_insurance_note",
    "housing": "housing_note",
}


@transaction.atomic
def save_transition(
    ctx: AuditContext,
    plan: SupportPlan,
    youth: Resident,
    data: TransitionInput,
    *,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> Transition18:
    """The transition checklist for a young person of the family: extended youth care up
    to 23 unless recorded as not needed, Wmo, income, health insurance, housing."""
    now = _now(now)
    plan = _open_plan(plan)
    _member(plan, youth.pk)
    if not data.extended_care and len(data.extended_care_not_needed_reason.strip()) < 10:
        raise refuse(
            "transition_extended_care_reason",
            _("Extended youth care up to 23 is the default: say why it is not needed."),
        )
    record = Transition18.objects.select_for_update().filter(plan=plan, youth=youth).first()
    created = record is None
    if created:
        record = Transition18(plan=plan, youth=youth, updated_at=now, updated_by=actor)
    else:
        claim_next_version(record, expected_version)
    record.extended_care = data.extended_care
    record.extended_care_not_needed_reason = (
        "" if data.extended_care else data.extended_care_not_needed_reason.strip()
    )
    for item in CHECKLIST_ITEMS:
        setattr(record, item, data.states[item])
        setattr(record, NOTE_FIELD[item], data.notes.get(item, "").strip())
    record.team_keeps_coordination = data.team_keeps_coordination
    record.coordination_note = data.coordination_note.strip()
    record.updated_at, record.updated_by = now, actor
    record.save()
    log_change(
        ctx,
        record,
        AuditAction.CREATE if created else AuditAction.UPDATE,
        changed_fields=("extended_care", *CHECKLIST_ITEMS),
    )
    from .queries import transition_labels

    record.verdict = transition_verdict(
        TransitionFacts(
            record.extended_care,
            record.extended_care_not_needed_reason,
            data.states,
            record.team_keeps_coordination,
        ),
        transition_labels(),
    )
    return record


# --- Closure ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClosureInput:
    reason_code: str
    closed_on: date
    results: dict[int, str]
    scaled_down_to: str
    scaled_down_note: str
    experience_request: str
    note: str = ""


@transaction.atomic
def close_plan(
    ctx: AuditContext,
    plan: SupportPlan,
    data: ClosureInput,
    *,
    actor: User,
    roles,
    expected_version: int | None,
    now: datetime | None = None,
) -> Closure:
    """Close the plan and its case: the national closure reason (JZ588), the result of
    every goal, where help was scaled down to, the request for the family's experience.
    Running own support ends; the case moves on to "closed" along its transition table
    (through "closing" when it is in progress), each step on its timeline."""
    now = _now(now)
    plan = _locked_plan(plan, expected_version)
    case = Case.objects.select_for_update().get(pk=plan.case_id)
    goal_ids = frozenset(g.pk for g in active_goals(plan))
    ensure(
        closure_verdict(
            reason_code=data.reason_code,
            closed_on=data.closed_on,
            today=timezone.localdate(now),
            goal_ids=goal_ids,
            results=data.results,
            scaled_down_to=data.scaled_down_to,
            scaled_down_note=data.scaled_down_note,
            experience_request=data.experience_request,
            open_escalations=plan.escalations.filter(status=EscalationStatus.OPEN).count(),
            case_status=case.status,
        )
    )
    closure = Closure.objects.create(
        plan=plan,
        reason_code=data.reason_code,
        closed_on=data.closed_on,
        scaled_down_to=data.scaled_down_to,
        scaled_down_note=data.scaled_down_note.strip(),
        experience_request=data.experience_request,
        note=data.note.strip(),
        recorded_by=actor,
        recorded_at=now,
    )
    ClosureGoalResult.objects.bulk_create(
        ClosureGoalResult(closure=closure, goal_id=goal_id, result=result)
        for goal_id, result in data.results.items()
    )
    plan.own_support.filter(status=OwnSupportStatus.ACTIVE).update(
        status=OwnSupportStatus.ENDED, ended_on=data.closed_on, end_reason=OwnSupportEnd.COMPLETED
    )
    plan.status = PlanStatus.CLOSED
    plan.closed_at = now
    plan.save()
    log_change(ctx, closure, AuditAction.CREATE, changed_fields=("reason_code", "results"))
    log_change(ctx, plan, AuditAction.UPDATE, changed_fields=("status",))
    text = _("Support plan closed: %(reason)s") % {"reason": closure_reason_label(data.reason_code)}
    if case.status == CaseStatus.IN_PROGRESS:
        case = case_services.change_status(
            ctx,
            case,
            CaseStatus.CLOSING,
            actor=actor,
            roles=roles,
            reason=text,
            expected_version=case.version,
            now=now,
        )
    case = case_services.change_status(
        ctx,
        case,
        CaseStatus.CLOSED,
        actor=actor,
        roles=roles,
        reason=text,
        expected_version=case.version,
        now=now,
    )
    closure.survey = None
    if data.experience_request in SURVEY_REQUESTS:
        # The family gets the client-experience survey's single-use link (quality app),
        # in the same transaction: closed without its invitation, or not at all.
        closure.survey = invite_to_survey(case, SurveyOccasion.CLOSURE, actor, ctx=ctx, now=now)
    return closure


def close_requirement(case: Case):
    """The guard `cases` asks before a case closes: an open plan closes through
    `close_plan` (the reason, results, where help went), not by a bare status change."""
    from django.urls import reverse

    plan = case.support_plans.filter(status__in=OPEN_PLAN_STATUSES).first()
    if plan is None:
        return None
    from wijkteam.core.rules import Reason

    return case_services.CloseRequirement(
        Reason(
            "closure_record_needed",
            _(
                "This family has an open support plan: close the case with the plan's "
                "closure — the reason, the result per goal and where help went."
            ),
        ),
        reverse("plans:closure", args=[plan.pk]),
    )
