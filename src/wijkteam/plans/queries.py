"""Reads of support plans. Which plans a user may see follows from
`cases.queries.cases_visible_to`: a plan is reached through its case, so another team's
plan is a 404 everywhere. Work lists ("Mijn werk", the Team page) are bounded: the most
urgent rows and how many there are in all, in a fixed number of queries."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone, translation

from wijkteam.cases.models import OPEN_STATUSES, Case, ContactMoment
from wijkteam.cases.queries import cases_visible_to, team_cases_visible_to
from wijkteam.core.rules import Verdict
from wijkteam.core.worklists import WORKLIST_SIZE, Worklist, first_and_total
from wijkteam.people.models import Membership, Resident
from wijkteam.people.rules import age_on

from .models import (
    OPEN_PLAN_STATUSES,
    PRIORITY_ORDER,
    RUNNING_PLAN_STATUSES,
    Action,
    ChecklistState,
    Closure,
    CommunityReferral,
    Escalation,
    EscalationStatus,
    Evaluation,
    EvaluationGoalResult,
    Goal,
    OwnSupport,
    OwnSupportStatus,
    PlanStatus,
    PlanVersion,
    SupportPlan,
    Transition18,
)
from .rules import (
    CHECKLIST_ITEMS,
    CoordinationFacts,
    EvaluationDue,
    GoalFacts,
    Member,
    OwnSupportBound,
    TransitionFacts,
    combine,
    coordination_verdict,
    goals_verdict,
    next_evaluation_due,
    past_bound_verdict,
    repeated_call,
    transition_birth_window,
    transition_due,
    transition_verdict,
)

# A plan is made on an open case past triage.
PLANNABLE_CASE_STATUSES = ("clarification", "in_progress", "closing")

# --- Settings as rule inputs ------------------------------------------------------------------


def own_support_bound() -> OwnSupportBound:
    return OwnSupportBound(
        months=settings.WIJKTEAM_OWN_SUPPORT_MAX_MONTHS,
        contacts=settings.WIJKTEAM_OWN_SUPPORT_MAX_CONTACTS,
    )


# --- Which plans a user sees ------------------------------------------------------------------


def plans_visible_to(user) -> QuerySet[SupportPlan]:
    if not (user.is_authenticated and user.has_perm("plans.view_plan")):
        return SupportPlan.objects.none()
    return SupportPlan.objects.filter(case__in=cases_visible_to(user))


def plan_detail(user, pk: int) -> SupportPlan:
    """Raises SupportPlan.DoesNotExist for a plan the user may not see (a 404)."""
    return (
        plans_visible_to(user)
        .select_related("household__district", "case__team", "case__worker", "coordinator")
        .prefetch_related(
            Prefetch(
                "household__memberships",
                queryset=Membership.objects.select_related("resident").order_by(
                    "resident__birth_date"
                ),
            )
        )
        .get(pk=pk)
    )


def open_plan_of_case(case: Case) -> SupportPlan | None:
    return (
        SupportPlan.objects.filter(case_id=case.pk)
        .exclude(status=PlanStatus.CLOSED)
        .select_related("coordinator")
        .first()
    )


def latest_plan_of_household(household_id: int) -> SupportPlan | None:
    """The household's open plan, or else its most recent one."""
    return (
        SupportPlan.objects.filter(household_id=household_id)
        .select_related("case", "coordinator")
        .order_by(F("closed_at").desc(nulls_first=True), "-created_at", "-id")
        .first()
    )


def members_of(plan: SupportPlan, today: date) -> list[Member]:
    return [
        Member(m.resident_id, m.resident.given_names, age_on(m.resident.birth_date, today))
        for m in plan.household.memberships.all()
    ]


# --- Decision periods: the allocation app registers where they come from ------------------------

# A source takes case ids and returns, per case id, the periods `(start, end)` of its
# decisions (beschikkingen). Evaluations fall due halfway through each. Until the
# allocation app registers one (in its AppConfig.ready()), there are none.
DecisionPeriodSource = Callable[[Sequence[int]], dict[int, list[tuple[date, date]]]]
DECISION_PERIOD_SOURCES: list[DecisionPeriodSource] = []


def register_decision_period_source(source: DecisionPeriodSource) -> DecisionPeriodSource:
    if source not in DECISION_PERIOD_SOURCES:
        DECISION_PERIOD_SOURCES.append(source)
    return source


def decision_periods(case_ids: Sequence[int]) -> dict[int, list[tuple[date, date]]]:
    """Every registered source's periods per case: one call (query) per source."""
    periods: dict[int, list[tuple[date, date]]] = {}
    if not case_ids:
        return periods
    for source in DECISION_PERIOD_SOURCES:
        for case_id, found in source(case_ids).items():
            periods.setdefault(case_id, []).extend(found)
    return periods


def _evaluation_dues(plans: Sequence[SupportPlan]) -> dict[int, EvaluationDue]:
    """The next evaluation of each running plan, in three queries plus one per decision
    period source, whatever the number of plans."""
    running = [p for p in plans if p.status in RUNNING_PLAN_STATUSES and p.first_agreed_on]
    if not running:
        return {}
    held: dict[int, list[date]] = {}
    planned: dict[int, date | None] = {}
    for plan_id, held_on, next_on in (
        Evaluation.objects.filter(plan_id__in=[p.pk for p in running])
        .order_by("plan_id", "held_on", "id")
        .values_list("plan_id", "held_on", "next_evaluation_on")
    ):
        held.setdefault(plan_id, []).append(held_on)
        planned[plan_id] = next_on  # the latest evaluation's planned date wins
    periods = decision_periods(sorted({p.case_id for p in running}))
    return {
        plan.pk: next_evaluation_due(
            agreed_on=plan.first_agreed_on,
            held_on=held.get(plan.pk, ()),
            planned_next=planned.get(plan.pk),
            decision_periods=periods.get(plan.case_id, ()),
            interval_months=settings.WIJKTEAM_EVALUATION_INTERVAL_MONTHS,
        )
        for plan in running
    }


def evaluation_due_for(plan: SupportPlan) -> EvaluationDue | None:
    return _evaluation_dues([plan]).get(plan.pk)


@dataclass(frozen=True)
class PlanSummary:
    plan: SupportPlan | None
    due: EvaluationDue | None
    overdue: bool
    can_start: bool = False  # the case has no open plan and is past triage


def plan_summary(*, household_id: int, case: Case | None = None) -> PlanSummary:
    """The family's plan at a glance for the case and household pages: the case's open
    plan, else the household's latest; with its next evaluation. A fixed number of
    queries."""
    plan = open_plan_of_case(case) if case is not None else None
    plan = plan or latest_plan_of_household(household_id)
    due = evaluation_due_for(plan) if plan is not None else None
    can_start = (
        case is not None
        and case.status in PLANNABLE_CASE_STATUSES
        and not (plan is not None and plan.is_open)
    )
    return PlanSummary(plan, due, bool(due and due.overdue(timezone.localdate())), can_start)


# --- The plan's content: goals and actions, the snapshot of a version --------------------------


def sorted_goals(goals) -> list[Goal]:
    """Goals to start with now first, then next, then later; in their order within each."""
    return sorted(goals, key=lambda g: (PRIORITY_ORDER.get(g.priority, 9), g.order, g.pk))


def active_goals(plan: SupportPlan) -> list[Goal]:
    """The plan's goals with their actions (not taken off), in two queries."""
    goals = (
        Goal.objects.filter(plan_id=plan.pk, dropped_at__isnull=True)
        .select_related("person", "life_domain")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.filter(dropped_at__isnull=True).order_by(
                    F("due_on").asc(nulls_last=True), "id"
                ),
            )
        )
    )
    return sorted_goals(goals)


def loose_actions(plan: SupportPlan) -> list[Action]:
    """Actions for the plan as a whole (no goal)."""
    return list(
        Action.objects.filter(plan_id=plan.pk, goal__isnull=True, dropped_at__isnull=True).order_by(
            F("due_on").asc(nulls_last=True), "id"
        )
    )


def _action_snapshot(action: Action) -> dict:
    return {
        "id": action.pk,
        "description": action.description,
        "by": action.get_by_display(),
        "who": action.who,
        "due_on": action.due_on.isoformat() if action.due_on else "",
        "done_on": action.done_on.isoformat() if action.done_on else "",
    }


def plan_snapshot(plan: SupportPlan) -> dict:
    """What the plan says now, as plain text in the product's language: the content of a
    version. Names are kept as they were, so the version reads the same years later."""
    goals = active_goals(plan)
    loose = loose_actions(plan)
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "summary": plan.summary,
            "coordination": {
                "coordinator": str(plan.coordinator) if plan.coordinator else "",
                "process": plan.get_process_coordination_display(),
                "process_by": plan.process_coordination_by,
                "content": plan.get_content_coordination_display(),
                "content_by": plan.content_coordination_by,
                "court_measure": plan.court_measure,
            },
            "goals": [
                {
                    "id": goal.pk,
                    "person": goal.person.full_name if goal.person else "",
                    "life_domain": goal.life_domain.name,
                    "result": goal.result,
                    "indicator": goal.indicator,
                    "priority": goal.get_priority_display(),
                    "actions": [_action_snapshot(a) for a in goal.actions.all()],
                }
                for goal in goals
            ],
            "actions": [_action_snapshot(a) for a in loose],
        }


# --- The plan page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnSupportRow:
    support: OwnSupport
    contacts: int
    past_bound: Verdict


@dataclass(frozen=True)
class TransitionRow:
    youth: Resident
    age: int
    record: Transition18 | None
    verdict: Verdict | None


@dataclass
class PlanPicture:
    goals: list[Goal]
    loose_actions: list[Action]
    referrals: list[CommunityReferral]
    own_support: list[OwnSupportRow]
    evaluations: list[Evaluation]
    evaluation_due: EvaluationDue | None
    escalations: list[Escalation]
    transitions: list[TransitionRow]
    versions: list[PlanVersion]
    closure: Closure | None
    gate: Verdict
    repeated_call: tuple[date, str] | None
    changed_since_agreement: list = field(default_factory=list)


def own_support_rows(plan: SupportPlan, today: date) -> list[OwnSupportRow]:
    supports = list(
        OwnSupport.objects.filter(plan_id=plan.pk)
        .select_related("worker", "goal")
        .annotate(contacts=_contacts_since_start())
    )
    return [_own_support_row(support, today) for support in supports]


def _own_support_row(support: OwnSupport, today: date) -> OwnSupportRow:
    """`support` annotated with its `contacts`; ended own support is never past its bound."""
    verdict = Verdict(True)
    if support.status == OwnSupportStatus.ACTIVE:
        verdict = past_bound_verdict(
            today=today,
            contacts=support.contacts,
            review_on=support.review_on,
            review_contacts=support.review_contacts,
        )
    return OwnSupportRow(support, support.contacts, verdict)


def _contacts_since_start():
    """The contact moments on the plan's case since the own support started."""
    counted = (
        ContactMoment.objects.filter(
            case_id=OuterRef("plan__case_id"), occurred_on__gte=OuterRef("started_on")
        )
        .order_by()
        .values("case_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def transition_labels() -> dict[str, str]:
    return {name: str(Transition18._meta.get_field(name).verbose_name) for name in CHECKLIST_ITEMS}


def transition_facts(record: Transition18) -> TransitionFacts:
    return TransitionFacts(
        extended_care=record.extended_care,
        extended_care_not_needed_reason=record.extended_care_not_needed_reason,
        states={name: getattr(record, name) for name in CHECKLIST_ITEMS},
        team_keeps_coordination=record.team_keeps_coordination,
    )


def transition_rows(plan: SupportPlan, today: date) -> list[TransitionRow]:
    """Young people of the household due for the transition at 18, and any checklist
    already started, with what is still to arrange."""
    months = settings.WIJKTEAM_TRANSITION_WARNING_MONTHS
    records = {
        t.youth_id: t for t in Transition18.objects.filter(plan_id=plan.pk).select_related("youth")
    }
    labels = transition_labels()
    rows = []
    for membership in plan.household.memberships.all():
        youth = membership.resident
        record = records.get(youth.pk)
        if record is None and not transition_due(youth.birth_date, today, months):
            continue
        verdict = transition_verdict(transition_facts(record), labels) if record else None
        rows.append(TransitionRow(youth, age_on(youth.birth_date, today), record, verdict))
    return rows


def youths_turning_18(plan: SupportPlan, today: date) -> list[str]:
    months = settings.WIJKTEAM_TRANSITION_WARNING_MONTHS
    return [
        m.resident.given_names
        for m in plan.household.memberships.all()
        if age_on(m.resident.birth_date, today) < 18
        and transition_due(m.resident.birth_date, today, months)
    ]


def coordination_facts(plan: SupportPlan) -> CoordinationFacts:
    return CoordinationFacts(
        has_coordinator=plan.coordinator_id is not None,
        process=plan.process_coordination,
        process_by=plan.process_coordination_by,
        content=plan.content_coordination,
        content_by=plan.content_coordination_by,
        court_measure=plan.court_measure,
    )


def agreement_gate(plan: SupportPlan, goals: Sequence[Goal], today: date) -> Verdict:
    """May this plan be agreed (apart from the agreement's own details)? The plan's own
    rules, the child's voice and a current, reviewed safety assessment (ADR 0005)."""
    from wijkteam.assessment.queries import child_voice_verdict_for_case
    from wijkteam.safety.queries import safety_verdict_for_case

    return combine(
        coordination_verdict(
            coordination_facts(plan), youths_turning_18=youths_turning_18(plan, today)
        ),
        goals_verdict([GoalFacts(g.priority, len(g.actions.all())) for g in goals]),
        child_voice_verdict_for_case(plan.case, today),
        safety_verdict_for_case(plan.case, today),
    )


def repeated_call_for_case(case: Case, months: int | None = None) -> tuple[date, str] | None:
    """Was there a closure for one of the persons of this case within the months before
    it was registered? (date, case reference) of the latest, or None. One query."""
    months = months or settings.WIJKTEAM_REPEATED_CALL_MONTHS
    registered_on = timezone.localdate(case.registered_at)
    closures = list(
        Closure.objects.filter(plan__case__subjects__in=case.subjects.all())
        .exclude(plan__case_id=case.pk)
        .filter(closed_on__lte=registered_on)
        .values_list("closed_on", "plan__case__reference")
        .distinct()
    )
    latest = repeated_call([day for day, _ref in closures], registered_on, months)
    if latest is None:
        return None
    return latest, next(ref for day, ref in closures if day == latest)


def plan_picture(plan: SupportPlan, today: date) -> PlanPicture:
    """Everything the plan page shows, in a fixed number of queries."""
    from .versions import diff_snapshots

    goals = active_goals(plan)
    versions = list(PlanVersion.objects.filter(plan_id=plan.pk).select_related("created_by"))
    changed = []
    if versions and plan.status == PlanStatus.AMENDED:
        changed = diff_snapshots(versions[0].snapshot, plan_snapshot(plan))
    evaluations = list(
        Evaluation.objects.filter(plan_id=plan.pk)
        .select_related("recorded_by")
        .prefetch_related(
            "team_members",
            "family_members",
            Prefetch("results", queryset=EvaluationGoalResult.objects.select_related("goal")),
        )
    )
    return PlanPicture(
        goals=goals,
        loose_actions=loose_actions(plan),
        referrals=list(
            CommunityReferral.objects.filter(plan_id=plan.pk).select_related(
                "offer", "person", "goal"
            )
        ),
        own_support=own_support_rows(plan, today),
        evaluations=evaluations,
        evaluation_due=evaluation_due_for(plan),
        escalations=list(
            Escalation.objects.filter(plan_id=plan.pk)
            .select_related("lead", "raised_by", "resolved_by")
            .order_by("status", "deadline", "id")
        ),
        transitions=transition_rows(plan, today),
        versions=versions,
        closure=Closure.objects.filter(plan_id=plan.pk).first(),
        gate=agreement_gate(plan, goals, today) if plan.is_open else Verdict(True),
        repeated_call=repeated_call_for_case(plan.case),
        changed_since_agreement=changed,
    )


# --- Work lists: "Mijn werk" and the Team page ------------------------------------------------

# An evaluation appears in the work list this many days before it falls due.
EVALUATION_NOTICE_DAYS = 30


def _cases_in_scope(user, whole_team: bool, scope: QuerySet[Case] | None = None):
    """Open cases: the team's (for the team lead), or the user's own — as case worker or
    as the coordinator of the family's plan. `scope` is what `case_scope` returned, when
    the caller has it."""
    if scope is not None:
        return scope
    return case_scope(user, whole_team)


def case_scope(user, whole_team: bool) -> QuerySet[Case]:
    """The cases of `_cases_in_scope`, as the work lists filter on them. The team's are
    a plain filter; the user's own (a caseload: tens of cases) are looked up once here —
    one query — so that the work lists filter on their ids instead of each compiling and
    running the visibility and coordination subqueries again."""
    if whole_team:
        return team_cases_visible_to(user).filter(status__in=OPEN_STATUSES)
    cases = cases_visible_to(user).filter(status__in=OPEN_STATUSES).order_by()
    coordinated = SupportPlan.objects.filter(coordinator=user, status__in=OPEN_PLAN_STATUSES)
    # Two branches, each on its own index (the case's worker; the plan's coordinator),
    # in one UNION: an OR of the two made PostgreSQL read every open case of the team
    # (133 ms at a million cases, against a few ms).
    own = (
        cases.filter(worker=user)
        .values_list("pk", flat=True)
        .union(cases.filter(pk__in=coordinated.values("case_id")).values_list("pk", flat=True))
    )
    return Case.objects.filter(pk__in=list(own))


@dataclass(frozen=True)
class EvaluationDueRow:
    plan: SupportPlan
    due: EvaluationDue
    overdue: bool


def evaluations_due(user, today: date, *, whole_team: bool = False, size=WORKLIST_SIZE, scope=None):
    """Running plans whose next evaluation is overdue or due within the notice period,
    overdue first. The due dates follow a rule over dates and decision periods, so they
    are worked out per plan here (the open plans of one team, in a fixed number of
    queries), not in SQL."""
    plans = list(
        SupportPlan.objects.filter(
            case__in=_cases_in_scope(user, whole_team, scope),
            status__in=RUNNING_PLAN_STATUSES,
            first_agreed_on__isnull=False,
        ).select_related("case__worker", "household", "coordinator")
    )
    dues = _evaluation_dues(plans)
    rows = [
        EvaluationDueRow(plan, dues[plan.pk], dues[plan.pk].overdue(today))
        for plan in plans
        if plan.pk in dues and (dues[plan.pk].due_on - today).days <= EVALUATION_NOTICE_DAYS
    ]
    rows.sort(key=lambda row: (row.due.due_on, row.plan.pk))
    return Worklist(rows[:size], len(rows))


def _past_bound(supports: QuerySet[OwnSupport], today: date) -> QuerySet[OwnSupport]:
    return supports.annotate(contacts=_contacts_since_start()).filter(
        Q(review_on__lt=today) | Q(contacts__gt=F("review_contacts"))
    )


def own_support_past_bound(
    user, today: date, *, whole_team: bool = False, size=WORKLIST_SIZE, scope=None
):
    """Running own support past its review point (date or contacts), longest past first."""
    supports = _past_bound(
        OwnSupport.objects.filter(
            status=OwnSupportStatus.ACTIVE,
            plan__status__in=OPEN_PLAN_STATUSES,
            plan__case__in=_cases_in_scope(user, whole_team, scope),
        ),
        today,
    )
    supports, total = first_and_total(
        supports.select_related("plan__case", "plan__household", "worker").order_by(
            "review_on", "pk"
        ),
        size,
    )
    return Worklist([_own_support_row(support, today) for support in supports], total)


def open_escalations(
    user, today: date, *, whole_team: bool = False, size=WORKLIST_SIZE, scope=None
):
    """Open escalations on the user's (or the team's) plans, earliest deadline first."""
    escalations = Escalation.objects.filter(
        status=EscalationStatus.OPEN, plan__case__in=_cases_in_scope(user, whole_team, scope)
    )
    rows, total = first_and_total(
        escalations.select_related("plan__case", "plan__household", "raised_by", "lead").order_by(
            "deadline", "pk"
        ),
        size,
    )
    return Worklist(rows, total)


@dataclass(frozen=True)
class TransitionDueRow:
    youth: Resident
    household_name: str
    case: Case
    plan_id: int | None
    started: bool

    @property
    def birthday(self) -> date:
        from .rules import eighteenth_birthday

        return eighteenth_birthday(self.youth.birth_date)


def complete_checklist() -> Q:
    """A transition checklist that is complete (as `rules.transition_verdict` says: extended
    care on or its absence reasoned, no item still to arrange), as a filter; also counted
    by the KPIs (insights: transitions at 18 without a gap)."""
    open_items = Q()
    for item in CHECKLIST_ITEMS:
        open_items |= Q(**{item: ChecklistState.TO_DO})
    return ~open_items & (Q(extended_care=True) | ~Q(extended_care_not_needed_reason=""))


def transitions_due(user, today: date, *, whole_team: bool = False, size=WORKLIST_SIZE, scope=None):
    """Young people of families with open help whose 18th birthday is within the warning
    period (before or after), without a complete transition checklist; the soonest
    birthday first. Two queries whatever the number."""
    lo, hi = transition_birth_window(today, settings.WIJKTEAM_TRANSITION_WARNING_MONTHS)
    cases = _cases_in_scope(user, whole_team, scope).exclude(status__in=("registered", "triage"))
    case_of_household = cases.filter(household_id=OuterRef("household_id")).order_by("pk")
    open_plan = SupportPlan.objects.filter(
        household_id=OuterRef("household_id"), status__in=OPEN_PLAN_STATUSES
    )
    checklists = Transition18.objects.filter(
        youth_id=OuterRef("resident_id"), plan__household_id=OuterRef("household_id")
    )
    members = (
        Membership.objects.filter(
            # The households of the cases in scope first (a few; fetched on their own so the
            # planner cannot start from every resident born in the window, a region's
            # thousands), then their members born in the window.
            household_id__in=list(
                cases.order_by().values_list("household_id", flat=True).distinct()
            ),
            resident__birth_date__gte=lo,
            resident__birth_date__lte=hi,
        )
        .exclude(Exists(checklists.filter(complete_checklist())))
        .annotate(
            case_id=Subquery(case_of_household.values("pk")[:1]),
            plan_id=Subquery(open_plan.values("pk")[:1]),
            started=Exists(checklists),
        )
    )
    found, total = first_and_total(
        members.select_related("resident", "household").order_by("resident__birth_date", "pk"),
        size,
    )
    by_id = Case.objects.in_bulk([m.case_id for m in found])
    rows = [
        TransitionDueRow(m.resident, m.household.name, by_id[m.case_id], m.plan_id, m.started)
        for m in found
    ]
    return Worklist(rows, total)


@dataclass(frozen=True)
class PlanWork:
    evaluations: Worklist
    transitions: Worklist
    own_support: Worklist
    escalations: Worklist

    def shown_cases(self) -> list[Case]:
        """The cases whose family data the lists show (for the audit log), each once."""
        cases = (
            [row.plan.case for row in self.evaluations]
            + [row.case for row in self.transitions]
            + [row.support.plan.case for row in self.own_support]
            + [escalation.plan.case for escalation in self.escalations]
        )
        return list({case.pk: case for case in cases}.values())


def plan_work(user, today: date, *, whole_team: bool = False) -> PlanWork:
    """The four plan work lists for "Mijn werk" (own) or the Team page (whole team), over
    the cases in scope looked up once."""
    scope = case_scope(user, whole_team)
    return PlanWork(
        evaluations=evaluations_due(user, today, whole_team=whole_team, scope=scope),
        transitions=transitions_due(user, today, whole_team=whole_team, scope=scope),
        own_support=own_support_past_bound(user, today, whole_team=whole_team, scope=scope),
        escalations=open_escalations(user, today, whole_team=whole_team, scope=scope),
    )
