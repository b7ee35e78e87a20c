"""API shapes for safety records."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wijkteam.assessment.serializers import VerdictSerializer, _text, _version
from wijkteam.cases.serializers import WorkerRefSerializer

from .models import AssessmentStatus, FrameworkOutcome, RiskLevel


class AnswerOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    score = serializers.IntegerField()
    minimum_level = serializers.CharField()


class ItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    question = serializers.CharField()
    help_text = serializers.CharField()
    options = AnswerOptionSerializer(many=True, source="options.all")


class BandSerializer(serializers.Serializer):
    min_score = serializers.IntegerField()
    level = serializers.ChoiceField(choices=RiskLevel.choices)


class RiskInstrumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    items = ItemSerializer(many=True, source="items.all")
    bands = BandSerializer(many=True, source="bands.all")


class AssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    assessed_on = serializers.DateField()
    assessed_by = WorkerRefSerializer()
    score = serializers.IntegerField()
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices)
    conclusion = serializers.CharField()
    reassess_on = serializers.DateField()
    status = serializers.ChoiceField(choices=AssessmentStatus.choices)
    reviewed_by = WorkerRefSerializer(allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    review_note = serializers.CharField()
    version = serializers.IntegerField()


class SignalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    resident = serializers.IntegerField(source="resident_id")
    given_names = serializers.CharField(source="resident.given_names")
    case = serializers.CharField(source="case.reference")
    observed_on = serializers.DateField()
    description = serializers.CharField()
    source = serializers.CharField()


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reported_on = serializers.DateField()
    reported_by = WorkerRefSerializer()
    reference = serializers.CharField()
    children = serializers.SerializerMethodField(help_text="Resident ids of the children.")
    summary = serializers.CharField()

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_children(self, report) -> list[int]:
        return [child.pk for child in report.children.all()]


class ReporterSerializer(serializers.Serializer):
    worker = WorkerRefSerializer()
    assigned_at = serializers.DateTimeField()
    reason = serializers.CharField()


class IndexRegistrationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    youth = serializers.IntegerField(source="youth_id")
    registered_on = serializers.DateField()
    registered_by = WorkerRefSerializer()
    note = serializers.CharField()
    ended_on = serializers.DateField(allow_null=True)


class CrisisExceptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reason = serializers.CharField()
    recorded_at = serializers.DateTimeField()
    assessment_due_on = serializers.DateField()


class ProcedureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    started_on = serializers.DateField()
    signals_summary = serializers.CharField()
    colleague = WorkerRefSerializer(allow_null=True)
    colleague_consulted_on = serializers.DateField(allow_null=True)
    colleague_advice = serializers.CharField()
    veilig_thuis_consulted_on = serializers.DateField(allow_null=True)
    veilig_thuis_advice = serializers.CharField()
    family_talked_on = serializers.DateField(allow_null=True)
    family_conversation = serializers.CharField()
    family_not_talked_reason = serializers.CharField()
    q1_suspicion = serializers.BooleanField(allow_null=True)
    q2_acute_or_structural = serializers.BooleanField(allow_null=True)
    q3_can_help = serializers.BooleanField(allow_null=True)
    q4_help_accepted = serializers.BooleanField(allow_null=True)
    q5_help_brings_safety = serializers.BooleanField(allow_null=True)
    weighing = serializers.CharField()
    outcome = serializers.ChoiceField(choices=FrameworkOutcome.choices, allow_blank=True)
    decision_note = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)
    version = serializers.IntegerField()


class SafetySummarySerializer(serializers.Serializer):
    verdict = VerdictSerializer(
        help_text="Is a completed (four-eyes), current assessment on record?"
    )
    assessments = AssessmentSerializer(many=True)
    signals = SignalSerializer(many=True, help_text="Of every household member, from all cases.")
    signals_warning = VerdictSerializer()
    procedures = ProcedureSerializer(many=True)
    reports = ReportSerializer(many=True)
    role_conflict = VerdictSerializer()
    reporters = ReporterSerializer(many=True)
    index_registrations = IndexRegistrationSerializer(many=True)
    crisis_exceptions = CrisisExceptionSerializer(many=True)


class AnswerInputSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    option = serializers.IntegerField()


class AssessmentInputSerializer(serializers.Serializer):
    answers = AnswerInputSerializer(many=True)
    conclusion = serializers.CharField(max_length=5000, allow_blank=True)
    assessed_on = serializers.DateField()
    reassess_on = serializers.DateField()
    safety_officer_consultation = serializers.IntegerField(
        required=False, allow_null=True, default=None
    )


class ReviewInputSerializer(serializers.Serializer):
    approve = serializers.BooleanField(help_text="true completes it; false returns it.")
    note = _text()
    version = _version()


class SignalInputSerializer(serializers.Serializer):
    resident = serializers.IntegerField(help_text="A member of the household.")
    observed_on = serializers.DateField()
    description = serializers.CharField(max_length=5000)
    source = _text(200)


class ReportInputSerializer(serializers.Serializer):
    reported_on = serializers.DateField()
    reported_by = serializers.IntegerField(help_text="A colleague's user id.")
    reference = _text(50)
    children = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)
    summary = serializers.CharField(max_length=5000, allow_blank=True)


class ReportResultSerializer(ReportSerializer):
    warnings = serializers.ListField(
        child=serializers.DictField(),
        help_text="`role_conflict` when the reporter is the case worker.",
    )


class ReportingRoleInputSerializer(serializers.Serializer):
    worker = serializers.IntegerField(help_text="A colleague's user id.")
    reason = _text()


class IndexInputSerializer(serializers.Serializer):
    youth = serializers.IntegerField(help_text="A household member under 23.")
    registered_on = serializers.DateField()
    note = _text()


class CrisisInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, allow_blank=True)


class ProcedureInputSerializer(serializers.Serializer):
    signals_summary = _text()
    colleague = serializers.IntegerField(required=False, allow_null=True, default=None)
    colleague_consulted_on = serializers.DateField(required=False, allow_null=True, default=None)
    colleague_advice = _text()
    veilig_thuis_consulted_on = serializers.DateField(required=False, allow_null=True, default=None)
    veilig_thuis_advice = _text()
    family_talked_on = serializers.DateField(required=False, allow_null=True, default=None)
    family_conversation = _text()
    family_not_talked_reason = _text()
    q1_suspicion = serializers.BooleanField(allow_null=True, default=None)
    q2_acute_or_structural = serializers.BooleanField(allow_null=True, default=None)
    q3_can_help = serializers.BooleanField(allow_null=True, default=None)
    q4_help_accepted = serializers.BooleanField(allow_null=True, default=None)
    q5_help_brings_safety = serializers.BooleanField(allow_null=True, default=None)
    weighing = _text()
    decision_note = _text()
    conclude = serializers.BooleanField(default=False, help_text="Take step 5: decide.")
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The open procedure's `version`; leave out to start one.",
    )
