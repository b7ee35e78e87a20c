"""API shapes for support plans, goals, evaluations, closure and community offers. Input
serializers check types and lengths; the services and their pure rules decide the rest."""

from rest_framework import serializers

from wijkteam.assessment.serializers import ReasonSerializer, VerdictSerializer
from wijkteam.cases.serializers import MAX_VERSION, WorkerRefSerializer
from wijkteam.catalogue.models import OfferCategory

from .models import (
    ActionBy,
    AgreementHow,
    CoordinationHolder,
    EvaluationDecision,
    EvaluationKind,
    ExperienceRequest,
    GoalPriority,
    GoalResult,
    PlanStatus,
    ScaledDownTo,
)
from .rules import CLOSURE_REASON_CODES
from .versions import CHANGE_KINDS


def _text(max_length: int = 2000, **kwargs) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, allow_blank=True, default="", **kwargs)


def _version(help_text="The plan's `version` this change is based on; a stale one gives 409."):
    return serializers.IntegerField(min_value=1, max_value=MAX_VERSION, help_text=help_text)


def _id(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_VERSION, **kwargs)


class PersonRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    given_names = serializers.CharField()


# --- Output ----------------------------------------------------------------------------


class ActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    goal = serializers.IntegerField(source="goal_id", allow_null=True)
    description = serializers.CharField()
    by = serializers.ChoiceField(choices=ActionBy.choices)
    who = serializers.CharField()
    due_on = serializers.DateField(allow_null=True)
    done_on = serializers.DateField(allow_null=True)


class GoalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = PersonRefSerializer(allow_null=True, help_text="null: the whole family.")
    life_domain = serializers.CharField(source="life_domain.code")
    result = serializers.CharField()
    indicator = serializers.CharField()
    priority = serializers.ChoiceField(choices=GoalPriority.choices)
    order = serializers.IntegerField()
    actions = ActionSerializer(many=True, source="actions.all")


class DueSerializer(serializers.Serializer):
    due_on = serializers.DateField()
    basis = serializers.ChoiceField(
        choices=["interval", "planned", "decision"],
        help_text="yearly (the interval), planned at the last evaluation, or halfway a decision",
    )
    label = serializers.CharField()


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.IntegerField(source="case_id")
    household = serializers.IntegerField(source="household_id")
    status = serializers.ChoiceField(choices=PlanStatus.choices)
    version = serializers.IntegerField()
    summary = serializers.CharField()
    coordinator = WorkerRefSerializer(allow_null=True)
    process_coordination = serializers.ChoiceField(choices=CoordinationHolder.choices)
    process_coordination_by = serializers.CharField()
    content_coordination = serializers.ChoiceField(choices=CoordinationHolder.choices)
    content_coordination_by = serializers.CharField()
    court_measure = serializers.BooleanField()
    agreed_version = serializers.IntegerField(allow_null=True)
    first_agreed_on = serializers.DateField(allow_null=True)
    goals = GoalSerializer(many=True)
    actions = ActionSerializer(many=True, help_text="Actions for the plan as a whole.")
    next_evaluation = DueSerializer(allow_null=True)
    gate = VerdictSerializer(
        help_text="May the plan be agreed now? Its own rules, the child's voice, safety."
    )
    repeated_call_on = serializers.DateField(
        allow_null=True,
        help_text="Set when help for one of the case's persons closed within the repeated-"
        "call period before this case was registered.",
    )


class AgreementSerializer(serializers.Serializer):
    agreed_on = serializers.DateField()
    how = serializers.ChoiceField(choices=AgreementHow.choices)
    parents = PersonRefSerializer(many=True, source="parents.all")
    children = PersonRefSerializer(many=True, source="children.all")
    children_note = serializers.CharField()


class ChangeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CHANGE_KINDS)
    subject = serializers.CharField()
    field = serializers.CharField()
    before = serializers.CharField()
    after = serializers.CharField()


class PlanVersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    agreement = AgreementSerializer()
    snapshot = serializers.JSONField(help_text="What the plan said (goals, actions, coordination).")
    changes = ChangeSerializer(
        many=True, allow_null=True, help_text="From the version before; null for the first."
    )


class AgreedSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The new version's number.")
    plan_version = serializers.IntegerField(help_text="The plan's `version` after the change.")
    warnings = ReasonSerializer(many=True)


class EvaluationResultSerializer(serializers.Serializer):
    goal = serializers.IntegerField(source="goal_id")
    result = serializers.ChoiceField(choices=GoalResult.choices)


class EvaluationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=EvaluationKind.choices)
    held_on = serializers.DateField()
    team_present = serializers.BooleanField()
    team_members = WorkerRefSerializer(many=True, source="team_members.all")
    family_members = PersonRefSerializer(many=True, source="family_members.all")
    others = serializers.CharField()
    results = EvaluationResultSerializer(many=True, source="results.all")
    decision = serializers.ChoiceField(choices=EvaluationDecision.choices)
    decision_note = serializers.CharField()
    next_evaluation_on = serializers.DateField(allow_null=True)
    warnings = ReasonSerializer(
        many=True, required=False, help_text="On a new evaluation: `team_absent`."
    )


class ClosureResultSerializer(serializers.Serializer):
    goal = serializers.IntegerField(source="goal_id")
    result = serializers.ChoiceField(choices=GoalResult.choices)


class ClosureSerializer(serializers.Serializer):
    reason_code = serializers.CharField(help_text="iJw JZ588 closure reason code.")
    reason = serializers.CharField(help_text="The code's national description.")
    closed_on = serializers.DateField()
    results = ClosureResultSerializer(many=True, source="results.all")
    scaled_down_to = serializers.ChoiceField(choices=ScaledDownTo.choices)
    scaled_down_note = serializers.CharField()
    experience_request = serializers.ChoiceField(choices=ExperienceRequest.choices)
    note = serializers.CharField()


class OfferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    organisation = serializers.CharField()
    category = serializers.ChoiceField(choices=OfferCategory.choices)
    description = serializers.CharField()
    target_group = serializers.CharField()
    min_age = serializers.IntegerField(allow_null=True)
    max_age = serializers.IntegerField(allow_null=True)
    districts = serializers.ListField(
        child=serializers.CharField(),
        source="district_codes",
        help_text="District codes; empty for the whole municipality.",
    )
    contact_name = serializers.CharField()
    contact_phone = serializers.CharField()
    contact_email = serializers.CharField()
    website = serializers.CharField()
    capacity = serializers.IntegerField(allow_null=True)
    waiting_weeks = serializers.IntegerField()


# --- Input -------------------------------------------------------------------------------


class StartPlanInputSerializer(serializers.Serializer):
    summary = _text()


class CoordinationInputSerializer(serializers.Serializer):
    coordinator = _id(allow_null=True, help_text="A user id of the case's team.")
    process_coordination = serializers.ChoiceField(choices=CoordinationHolder.choices)
    process_coordination_by = _text(200)
    content_coordination = serializers.ChoiceField(choices=CoordinationHolder.choices)
    content_coordination_by = _text(200)
    court_measure = serializers.BooleanField(default=False)
    summary = _text()
    version = _version()


class GoalInputSerializer(serializers.Serializer):
    person = _id(allow_null=True, default=None, help_text="A household member; null: the family.")
    life_domain = serializers.SlugField(help_text="The life domain's code (GET /life-domains/).")
    result = serializers.CharField(max_length=2000)
    indicator = serializers.CharField(max_length=2000)
    priority = serializers.ChoiceField(choices=GoalPriority.choices, default=GoalPriority.NOW)
    order = serializers.IntegerField(min_value=0, max_value=99, default=0)
    version = _version()


class ActionInputSerializer(serializers.Serializer):
    goal = _id(allow_null=True, default=None)
    description = serializers.CharField(max_length=1000)
    by = serializers.ChoiceField(choices=ActionBy.choices)
    who = serializers.CharField(max_length=200)
    due_on = serializers.DateField(allow_null=True, default=None)
    done_on = serializers.DateField(allow_null=True, default=None)
    version = _version()


class AgreementInputSerializer(serializers.Serializer):
    agreed_on = serializers.DateField()
    how = serializers.ChoiceField(choices=AgreementHow.choices)
    parents = serializers.ListField(child=_id(), max_length=10)
    children = serializers.ListField(child=_id(), max_length=20, default=list)
    children_note = _text()
    note = _text()
    version = _version()


class ResultInputSerializer(serializers.Serializer):
    goal = _id()
    result = serializers.ChoiceField(choices=GoalResult.choices)


class EvaluationInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=EvaluationKind.choices)
    held_on = serializers.DateField()
    team_members = serializers.ListField(child=_id(), max_length=20, default=list)
    family_members = serializers.ListField(child=_id(), max_length=20, default=list)
    others = _text(300)
    results = ResultInputSerializer(many=True, default=list)
    decision = serializers.ChoiceField(choices=EvaluationDecision.choices)
    decision_note = _text()
    next_evaluation_on = serializers.DateField(allow_null=True, default=None)


class ClosureInputSerializer(serializers.Serializer):
    reason_code = serializers.ChoiceField(
        choices=CLOSURE_REASON_CODES, help_text="iJw JZ588: 31, 34, 32, 33, 35, 39 or 2."
    )
    closed_on = serializers.DateField()
    results = ResultInputSerializer(many=True)
    scaled_down_to = serializers.ChoiceField(choices=ScaledDownTo.choices)
    scaled_down_note = _text(300)
    experience_request = serializers.ChoiceField(choices=ExperienceRequest.choices)
    note = _text()
    version = _version()


class OfferFilterSerializer(serializers.Serializer):
    q = _text(100)
    category = serializers.ChoiceField(choices=OfferCategory.choices, allow_blank=True, default="")
    district = serializers.SlugField(required=False, help_text="A district code.")
    age = serializers.IntegerField(min_value=0, max_value=120, required=False)
