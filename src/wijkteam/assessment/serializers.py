"""API shapes for question clarification, the child's voice, the explanatory analysis,
consultations and life domains. Input serializers check types and lengths; the services
and their pure rules decide the rest."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wijkteam.cases.serializers import MAX_VERSION, WorkerRefSerializer

from .models import ConsultantKind, ConversationSetting, NotSpokenReason, Sufficiency


def _text(max_length: int = 5000, **kwargs) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, allow_blank=True, default="", **kwargs)


def _version(
    help_text: str = "The `version` this change is based on; a stale one gives 409.",
) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_VERSION, help_text=help_text)


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class VerdictSerializer(serializers.Serializer):
    allowed = serializers.BooleanField()
    reasons = ReasonSerializer(many=True)
    warnings = ReasonSerializer(many=True)


# --- Question clarification -----------------------------------------------------------


class ClarificationSerializer(serializers.Serializer):
    """The six steps' findings (input and output)."""

    support_question = _text()
    problems = _text()
    support_needed = _text()
    own_means = _text()
    usual_help = _text()
    informal_care = _text()
    social_network = _text()
    community_solutions = _text()
    own_means_conclusion = serializers.ChoiceField(
        choices=Sufficiency.choices, allow_blank=True, default=""
    )
    own_support = _text()
    own_support_conclusion = serializers.ChoiceField(
        choices=Sufficiency.choices, allow_blank=True, default=""
    )
    customised_provision = _text()
    expert_advice_needed = serializers.BooleanField(default=False)
    expert_advice = _text()


class ClarificationInputSerializer(ClarificationSerializer):
    version = _version(help_text="The clarification's `version` (1 when there is none yet).")


class ClarificationOutputSerializer(ClarificationSerializer):
    version = serializers.IntegerField()
    updated_at = serializers.DateTimeField(allow_null=True)
    verdict = VerdictSerializer(
        help_text="Are steps 1–5 recorded well enough to consider a customised provision?"
    )


# --- The child's voice ----------------------------------------------------------------


class ChildVoiceRecordSerializer(serializers.Serializer):
    spoken_to = serializers.BooleanField()
    spoken_on = serializers.DateField(allow_null=True)
    setting = serializers.CharField()
    spoken_by = WorkerRefSerializer(allow_null=True)
    child_view = serializers.CharField()
    reason = serializers.CharField()
    reason_text = serializers.CharField()
    recorded_at = serializers.DateTimeField()


class ChildVoiceRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="child.pk")
    given_names = serializers.CharField(source="child.given_names")
    age = serializers.IntegerField()
    spoken_to = serializers.BooleanField(
        help_text="Spoken to: on the child's voice record or at a contact moment."
    )
    reason_recorded = serializers.BooleanField()
    latest = ChildVoiceRecordSerializer(allow_null=True)


class ChildVoiceOutputSerializer(serializers.Serializer):
    children = ChildVoiceRowSerializer(many=True)
    verdict = VerdictSerializer()


class ChildVoiceInputSerializer(serializers.Serializer):
    child = serializers.IntegerField(help_text="The resident id of a child of the household.")
    spoken_to = serializers.BooleanField()
    spoken_on = serializers.DateField(required=False, allow_null=True, default=None)
    setting = serializers.ChoiceField(
        choices=ConversationSetting.choices, allow_blank=True, default=""
    )
    spoken_by = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="A colleague's user id."
    )
    child_view = _text()
    reason = serializers.ChoiceField(choices=NotSpokenReason.choices, allow_blank=True, default="")
    reason_text = _text()


# --- Explanatory analysis -------------------------------------------------------------


class AnalysisVersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    situation = serializers.CharField()
    explanation = serializers.CharField()
    protective_factors = serializers.CharField()
    risk_factors = serializers.CharField()
    written_by = WorkerRefSerializer()
    written_at = serializers.DateTimeField()


class AnalysisOutputSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    versions = AnalysisVersionSerializer(many=True, help_text="Newest first.")


class AnalysisInputSerializer(serializers.Serializer):
    situation = serializers.CharField(max_length=5000)
    explanation = serializers.CharField(max_length=5000)
    protective_factors = _text()
    risk_factors = _text()
    version = _version(help_text="The analysis's `version` (1 when there is none yet).")


# --- Consultations --------------------------------------------------------------------


class ConsultationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ConsultantKind.choices)
    consultant = WorkerRefSerializer(allow_null=True)
    question = serializers.CharField()
    asked_on = serializers.DateField()
    advice = serializers.CharField()
    advised_on = serializers.DateField(allow_null=True)
    version = serializers.IntegerField()


class ConsultationInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ConsultantKind.choices)
    consultant = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="A colleague's user id."
    )
    question = serializers.CharField(max_length=5000)
    asked_on = serializers.DateField()


class AdviceInputSerializer(serializers.Serializer):
    advice = serializers.CharField(max_length=5000)
    advised_on = serializers.DateField()
    version = _version()


# --- Life domains ---------------------------------------------------------------------


class LifeDomainSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    applies_to = serializers.CharField()
    existential_security = serializers.BooleanField()


class LevelSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    name = serializers.CharField()
    counts_as_low = serializers.BooleanField()


class InstrumentSerializer(serializers.Serializer):
    domains = LifeDomainSerializer(many=True)
    levels = LevelSerializer(many=True)


class ScoreSerializer(serializers.Serializer):
    domain = serializers.IntegerField(source="domain_id")
    level = serializers.IntegerField(source="level.value")


class LifeDomainAssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    resident = serializers.IntegerField(source="resident_id")
    assessed_on = serializers.DateField()
    assessed_by = WorkerRefSerializer()
    note = serializers.CharField()
    scores = ScoreSerializer(many=True, source="scores.all")


class ScoreInputSerializer(serializers.Serializer):
    domain = serializers.IntegerField()
    level = serializers.IntegerField(min_value=1, max_value=10)


class LifeDomainAssessmentInputSerializer(serializers.Serializer):
    resident = serializers.IntegerField(help_text="A member of the household.")
    assessed_on = serializers.DateField()
    note = _text()
    scores = ScoreInputSerializer(many=True, allow_empty=False)

    def validate_scores(self, scores):
        domains = [score["domain"] for score in scores]
        if len(domains) != len(set(domains)):
            raise serializers.ValidationError(_("Score each life domain once."))
        return scores
