"""One family, one plan, one coordinator: the support plan with its goals, actions and
coordination, its agreed versions, the team's own support, referrals to community
offers, evaluations, escalations, the transition at 18 and the closure."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.assessment.models import LifeDomain
from wijkteam.cases.models import Case
from wijkteam.catalogue.models import CommunityOffer
from wijkteam.people.models import Household, Resident

# --- The plan -------------------------------------------------------------------------


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft: not yet agreed")
    AGREED = "agreed", _("agreed")
    AMENDED = "amended", _("changed since the last agreement")
    CLOSED = "closed", _("closed")


OPEN_PLAN_STATUSES = (PlanStatus.DRAFT, PlanStatus.AGREED, PlanStatus.AMENDED)
# A plan that was agreed at least once runs: its evaluations fall due.
RUNNING_PLAN_STATUSES = (PlanStatus.AGREED, PlanStatus.AMENDED)


class CoordinationHolder(models.TextChoices):
    """Who holds process or content coordination (regie)."""

    TEAM = "team", _("the Sociaal Wijkteam")
    FAMILY = "family", _("the family itself")
    CERTIFIED_INSTITUTION = "certified_institution", _("the certified institution (court measure)")
    PROVIDER = "provider", _("a youth-care provider")
    OTHER = "other", _("another organisation")


class SupportPlan(models.Model):
    """The household's support plan for one case. A household has one open plan at a time."""

    # A plan is part of the family's file: destroyed with its case (retention), never alone.
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="support_plans", verbose_name=_("family")
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="support_plans", verbose_name=_("case")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    summary = models.TextField(
        _("what we work on together, in the family's words"), blank=True, max_length=2000
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_plans",
        verbose_name=_("coordinator"),
    )
    process_coordination = models.CharField(
        _("process coordination lies with"),
        max_length=30,
        choices=CoordinationHolder.choices,
        default=CoordinationHolder.TEAM,
    )
    process_coordination_by = models.CharField(
        _("process coordination: name"), max_length=200, blank=True
    )
    content_coordination = models.CharField(
        _("content coordination lies with"),
        max_length=30,
        choices=CoordinationHolder.choices,
        default=CoordinationHolder.TEAM,
    )
    content_coordination_by = models.CharField(
        _("content coordination: name"), max_length=200, blank=True
    )
    court_measure = models.BooleanField(
        _("a court measure applies (child protection)"), default=False
    )
    created_at = models.DateTimeField(_("started at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agreed_version = models.PositiveIntegerField(_("last agreed version"), null=True, blank=True)
    first_agreed_on = models.DateField(_("first agreed on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")
        permissions = [
            ("view_plan", _("Can view support plans")),
            (
                "record_plan",
                _(
                    "Can record support plans, own support, referrals, evaluations, "
                    "escalations, the transition at 18 and closures"
                ),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=~models.Q(status="closed"),
                name="plan_one_open_per_household",
                violation_error_message=_("This family already has an open support plan."),
            )
        ]
        indexes = [
            models.Index(fields=["coordinator", "status"], name="plan_coordinator_idx"),
            models.Index(fields=["case", "status"], name="plan_case_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status != PlanStatus.CLOSED


class GoalPriority(models.TextChoices):
    """Not everything at once: which goals the family starts with."""

    NOW = "now", _("now: we start with this")
    NEXT = "next", _("next: once the first goals are under way")
    LATER = "later", _("later")


PRIORITY_ORDER = {GoalPriority.NOW: 0, GoalPriority.NEXT: 1, GoalPriority.LATER: 2}


class GoalResult(models.TextChoices):
    REACHED = "reached", _("reached")
    PARTLY = "partly", _("partly reached")
    NOT_REACHED = "not_reached", _("not reached")


class Goal(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="goals")
    person = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for whom"),
    )
    life_domain = models.ForeignKey(
        LifeDomain, on_delete=models.PROTECT, related_name="+", verbose_name=_("life domain")
    )
    result = models.TextField(_("the result, in the family's words"), max_length=2000)
    indicator = models.TextField(_("how we know it is reached"), max_length=2000)
    priority = models.CharField(
        _("when"), max_length=10, choices=GoalPriority.choices, default=GoalPriority.NOW
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("recorded at"))
    dropped_at = models.DateTimeField(_("taken off the plan at"), null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.result[:60]


class ActionBy(models.TextChoices):
    """Who carries out an action."""

    FAMILY = "family", _("the family")
    NETWORK = "network", _("the network (family, friends, neighbours)")
    TEAM = "team", _("the Sociaal Wijkteam")
    COMMUNITY = "community", _("a community offer")
    PROVIDER = "provider", _("a youth-care provider")


class Action(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("for goal"),
    )
    description = models.TextField(_("what"), max_length=1000)
    by = models.CharField(_("by"), max_length=20, choices=ActionBy.choices)
    who = models.CharField(_("who"), max_length=200)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"))
    dropped_at = models.DateTimeField(_("taken off the plan at"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.description[:60]


# --- Versions and agreement -----------------------------------------------------------


class PlanVersion(models.Model):
    """What the plan said when it was agreed: a snapshot, kept for good."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    created_at = models.DateTimeField(_("recorded at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.number}"


class AgreementHow(models.TextChoices):
    MEETING = "meeting", _("in a conversation together")
    HOME_VISIT = "home_visit", _("at a home visit")
    PHONE = "phone", _("by phone or video call")
    SIGNED = "signed", _("signed on paper")
    WRITING = "writing", _("in writing (e-mail or message)")


class PlanAgreement(models.Model):
    """Parents and child agreed with a version of the plan: when, how, who."""

    version = models.OneToOneField(PlanVersion, on_delete=models.CASCADE, related_name="agreement")
    agreed_on = models.DateField(_("agreed on"))
    how = models.CharField(_("how"), max_length=20, choices=AgreementHow.choices)
    parents = models.ManyToManyField(Resident, related_name="+", verbose_name=_("parents"))
    children = models.ManyToManyField(
        Resident, related_name="+", blank=True, verbose_name=_("children")
    )
    children_note = models.TextField(
        _("how the children were involved"), blank=True, max_length=2000
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return f"{self.version} {self.agreed_on}"


# --- Own support (eigen inzet) ----------------------------------------------------------


class OwnSupportKind(models.TextChoices):
    PARENTING = "parenting", _("parenting support")
    YOUTH_COACHING = "youth_coaching", _("coaching of the young person")
    PRACTICAL = "practical", _("practical help (paperwork, arranging things)")
    NETWORK = "network", _("strengthening the network (network meeting)")
    MONEY = "money", _("first help with money matters")
    OTHER = "other", _("other")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("every week")
    FORTNIGHTLY = "fortnightly", _("every two weeks")
    MONTHLY = "monthly", _("every month")
    IRREGULAR = "irregular", _("as needed")


class OwnSupportStatus(models.TextChoices):
    ACTIVE = "active", _("running")
    ENDED = "ended", _("ended")


class OwnSupportEnd(models.TextChoices):
    COMPLETED = "completed", _("done: the goal is reached")
    REFERRED = "referred", _("referred to the community")
    ALLOCATED = "allocated", _("customised youth care is allocated")
    OTHER = "other", _("other reason")


class OwnSupport(models.Model):
    """Help the team gives itself: short or low-intensity, within configurable bounds."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="own_support")
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for goal"),
    )
    kind = models.CharField(_("kind of help"), max_length=20, choices=OwnSupportKind.choices)
    description = models.TextField(_("what we do"), max_length=2000)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    started_on = models.DateField(_("started on"))
    planned_end_on = models.DateField(_("planned end"))
    planned_contacts = models.PositiveSmallIntegerField(_("planned number of contacts"))
    frequency = models.CharField(_("how often"), max_length=20, choices=Frequency.choices)
    beyond_bound_reason = models.TextField(
        _("why longer or more than short help"), blank=True, max_length=2000
    )
    # The point at which the worker is asked to reconsider: the configured bound from the
    # start, or what a "continue" decision (or a reasoned plan beyond it) set.
    review_on = models.DateField(_("reconsider after"))
    review_contacts = models.PositiveSmallIntegerField(_("reconsider after this many contacts"))
    status = models.CharField(
        _("status"), max_length=10, choices=OwnSupportStatus.choices, default="active"
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("why it ended"), max_length=20, choices=OwnSupportEnd.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("own support")
        verbose_name_plural = _("own support")
        indexes = [models.Index(fields=["status", "review_on"], name="own_support_review_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}"


class ReconsiderDecision(models.TextChoices):
    CONTINUE = "continue", _("continue, for a reason")
    REFER = "refer", _("refer to the community")
    ALLOCATE = "allocate", _("allocate customised youth care")


class OwnSupportReview(models.Model):
    """The worker's decision once own support passed its bound."""

    own_support = models.ForeignKey(OwnSupport, on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField(_("decision"), max_length=20, choices=ReconsiderDecision.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    continue_until = models.DateField(_("continue until"), null=True, blank=True)
    continue_contacts = models.PositiveSmallIntegerField(
        _("continue up to this many contacts in all"), null=True, blank=True
    )

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("decision on own support")
        verbose_name_plural = _("decisions on own support")

    def __str__(self) -> str:
        return f"{self.own_support_id} {self.decision}"


# --- Community offers: referrals ----------------------------------------------------------


class ReferralStatus(models.TextChoices):
    REFERRED = "referred", _("referred")
    STARTED = "started", _("started")
    NOT_STARTED = "not_started", _("did not start")
    ENDED = "ended", _("ended")


class CommunityReferral(models.Model):
    """A family member referred to a community offer, with a warm handover."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="referrals")
    offer = models.ForeignKey(
        CommunityOffer, on_delete=models.PROTECT, related_name="+", verbose_name=_("offer")
    )
    person = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="+", verbose_name=_("for whom")
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for goal"),
    )
    referred_on = models.DateField(_("referred on"))
    warm_handover = models.BooleanField(_("warm handover"))
    handover_note = models.TextField(_("how the handover went"), max_length=2000)
    contact_at_offer = models.CharField(_("contact person at the offer"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default="referred"
    )
    outcome_note = models.TextField(_("how it went"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-referred_on", "-id"]
        verbose_name = _("referral to a community offer")
        verbose_name_plural = _("referrals to community offers")

    def __str__(self) -> str:
        return f"{self.person_id} → {self.offer_id}"


# --- Evaluations ---------------------------------------------------------------------------


class EvaluationKind(models.TextChoices):
    START = "start", _("start meeting")
    INTERIM = "interim", _("interim evaluation")
    FINAL = "final", _("final evaluation")


class EvaluationDecision(models.TextChoices):
    CONTINUE = "continue", _("continue as planned")
    ADJUST = "adjust", _("adjust the plan")
    SCALE_DOWN = "scale_down", _("scale down to the community")
    CLOSE = "close", _("close")


class Evaluation(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField(_("kind"), max_length=10, choices=EvaluationKind.choices)
    held_on = models.DateField(_("held on"))
    team_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="+",
        blank=True,
        verbose_name=_("present from the team"),
    )
    family_members = models.ManyToManyField(
        Resident, related_name="+", blank=True, verbose_name=_("present from the family")
    )
    others = models.CharField(_("others present"), max_length=300, blank=True)
    team_present = models.BooleanField(_("the team was present"))
    decision = models.CharField(_("decision"), max_length=20, choices=EvaluationDecision.choices)
    decision_note = models.TextField(_("explanation"), blank=True, max_length=2000)
    next_evaluation_on = models.DateField(_("next evaluation"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.plan_id} {self.kind} {self.held_on}"

    def present(self) -> list[str]:
        """Who was there: team members, family members, others (from prefetched rows)."""
        names = [str(user) for user in self.team_members.all()]
        names += [resident.full_name for resident in self.family_members.all()]
        return names + ([self.others] if self.others else [])


class EvaluationGoalResult(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="results")
    goal = models.ForeignKey(Goal, on_delete=models.RESTRICT, related_name="evaluation_results")
    result = models.CharField(_("result"), max_length=20, choices=GoalResult.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("result per goal")
        verbose_name_plural = _("results per goal")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "goal"], name="evaluation_goal_unique")
        ]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.result}"


# --- Escalation (doorzettingsmacht) ---------------------------------------------------------


class EscalationStatus(models.TextChoices):
    OPEN = "open", _("open")
    RESOLVED = "resolved", _("resolved")


class Escalation(models.Model):
    """Help is stuck: the worker escalates to the team lead, who has a deadline."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="escalations")
    stuck = models.TextField(_("what is stuck"), max_length=2000)
    tried = models.TextField(_("who is involved and what was tried"), max_length=2000)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="escalations_to_me",
        verbose_name=_("team lead"),
    )
    deadline = models.DateField(_("decision needed by"))
    status = models.CharField(
        _("status"), max_length=10, choices=EscalationStatus.choices, default="open"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    raised_at = models.DateTimeField(_("raised at"))
    resolution = models.TextField(_("what was decided"), blank=True, max_length=2000)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        permissions = [("resolve_escalation", _("Can resolve escalations (doorzettingsmacht)"))]
        indexes = [models.Index(fields=["status", "deadline"], name="escalation_open_idx")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.deadline}"


# --- Closure ----------------------------------------------------------------------------------


class ScaledDownTo(models.TextChoices):
    NOTHING = "nothing", _("no further help is needed")
    NETWORK = "network", _("the family's own network")
    COMMUNITY = "community", _("a community offer")
    GP = "gp", _("the GP or practice nurse")
    SCHOOL = "school", _("school (care team)")
    WMO = "wmo", _("adult support (Wmo)")
    OTHER = "other", _("other")


class ExperienceRequest(models.TextChoices):
    """How the family was asked about their experience (client experience, KPI)."""

    SURVEY_EMAIL = "survey_email", _("questionnaire sent by e-mail")
    SURVEY_LETTER = "survey_letter", _("questionnaire sent by post")
    CONVERSATION = "conversation", _("asked in the closing conversation")
    DECLINED = "declined", _("the family did not want to be asked")
    NOT_POSSIBLE = "not_possible", _("not possible (no contact)")


class Closure(models.Model):
    """How the help ended: the national closure reason, results, where help went."""

    plan = models.OneToOneField(SupportPlan, on_delete=models.CASCADE, related_name="closure")
    reason_code = models.CharField(_("closure reason (JZ588)"), max_length=3)
    closed_on = models.DateField(_("closed on"))
    scaled_down_to = models.CharField(
        _("help was scaled down to"), max_length=20, choices=ScaledDownTo.choices
    )
    scaled_down_note = models.CharField(_("which, with whom"), max_length=300, blank=True)
    experience_request = models.CharField(
        _("the family's experience"), max_length=20, choices=ExperienceRequest.choices
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        indexes = [models.Index(fields=["closed_on"], name="closure_closed_on_idx")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.reason_code}"


class ClosureGoalResult(models.Model):
    closure = models.ForeignKey(Closure, on_delete=models.CASCADE, related_name="results")
    goal = models.ForeignKey(Goal, on_delete=models.RESTRICT, related_name="closure_results")
    result = models.CharField(_("result"), max_length=20, choices=GoalResult.choices)

    class Meta:
        verbose_name = _("result per goal at closure")
        verbose_name_plural = _("results per goal at closure")
        constraints = [
            models.UniqueConstraint(fields=["closure", "goal"], name="closure_goal_unique")
        ]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.result}"


# --- Turning 18 (18-/18+) ----------------------------------------------------------------------


class ChecklistState(models.TextChoices):
    TO_DO = "to_do", _("still to arrange")
    ARRANGED = "arranged", _("arranged")
    NOT_NEEDED = "not_needed", _("not needed")


class Transition18(models.Model):
    """The transition checklist for a young person in the plan who turns 18."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="transitions")
    youth = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="+", verbose_name=_("young person")
    )
    extended_care = models.BooleanField(_("extended youth care up to 23"), default=True)
    extended_care_not_needed_reason = models.TextField(
        _("why extended youth care is not needed"), blank=True, max_length=2000
    )
    wmo_handover = models.CharField(
        _("handover to adult support (Wmo)"),
        max_length=20,
        choices=ChecklistState.choices,
        default=ChecklistState.TO_DO,
    )
    wmo_note = models.CharField(_("Wmo: note"), max_length=300, blank=True)
    income = models.CharField(
        _("income (benefit, student finance, work)"),
        max_length=20,
        choices=ChecklistState.choices,
        default=ChecklistState.TO_DO,
    )
    income_note = models.CharField(_("income: note"), max_length=300, blank=True)
    health_insurance = models.CharField(
        _("health insurance and its deductible"),
        max_length=20,
        choices=ChecklistState.choices,
        default=ChecklistState.TO_DO,
    )
    health_insurance_note = models.CharField(
        _("health insurance: note"), max_length=300, blank=True
    )
    housing = models.CharField(
        _("housing"), max_length=20, choices=ChecklistState.choices, default=ChecklistState.TO_DO
    )
    housing_note = models.CharField(_("housing: note"), max_length=300, blank=True)
    team_keeps_coordination = models.BooleanField(
        _("the team keeps coordination through the transition"), default=True
    )
    coordination_note = models.CharField(_("coordination: note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("last changed"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("transition at 18")
        verbose_name_plural = _("transitions at 18")
        constraints = [
            models.UniqueConstraint(fields=["plan", "youth"], name="transition_unique_youth")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.youth_id}"
