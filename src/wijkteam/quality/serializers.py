"""API shapes for complaints."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wijkteam.assessment.serializers import _text, _version
from wijkteam.cases.serializers import WorkerRefSerializer
from wijkteam.people.rules import normalise_postcode, postcode_problem

from .models import (
    STAFF_CHANNEL_CHOICES,
    ComplainantRelation,
    ComplaintChannel,
    ComplaintEventKind,
    ComplaintOutcome,
    ComplaintStatus,
)
from .rules import MAX_EXTENSION_WEEKS
from .services import ComplaintInput


class DeadlineSerializer(serializers.Serializer):
    due = serializers.DateField()
    state = serializers.ChoiceField(
        choices=["on_time", "due_soon", "overdue", "closed_on_time", "closed_late"]
    )
    days_left = serializers.IntegerField(help_text="Negative when overdue.")
    extended = serializers.BooleanField()
    label = serializers.CharField()


class LinkedCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    team = serializers.CharField(source="team.name")


class ComplaintListItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=ComplaintStatus.choices)
    received_on = serializers.DateField()
    complainant_name = serializers.CharField()
    case = serializers.CharField(source="case.reference", allow_null=True, default=None)
    deadline = DeadlineSerializer()
    version = serializers.IntegerField()


class ComplaintEventSerializer(serializers.Serializer):
    occurred_at = serializers.DateTimeField()
    kind = serializers.ChoiceField(choices=ComplaintEventKind.choices)
    actor = WorkerRefSerializer(allow_null=True)
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    note = serializers.CharField()


class ComplaintSerializer(ComplaintListItemSerializer):
    channel = serializers.ChoiceField(choices=ComplaintChannel.choices)
    relation = serializers.ChoiceField(choices=ComplainantRelation.choices)
    postcode = serializers.CharField()
    house_number = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    description = serializers.CharField()
    incident_on = serializers.DateField(allow_null=True)
    desired_outcome = serializers.CharField()
    reference_given = serializers.CharField()
    case = LinkedCaseSerializer(allow_null=True)
    handler = WorkerRefSerializer(allow_null=True)
    extension_weeks = serializers.IntegerField()
    extension_reason = serializers.CharField()
    extension_informed_on = serializers.DateField(allow_null=True)
    acknowledged_on = serializers.DateField(allow_null=True)
    closed_on = serializers.DateField(allow_null=True)
    outcome = serializers.CharField(help_text="One of the outcomes once decided; else empty.")
    conclusion = serializers.CharField()
    warnings = serializers.ListField(
        child=serializers.DictField(),
        help_text="`complaint_about_old_conduct` (Awb 9:8) when it happened over a year before.",
    )
    events = ComplaintEventSerializer(many=True, source="events.all")


class ComplaintInputSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=STAFF_CHANNEL_CHOICES)
    received_on = serializers.DateField()
    complainant_name = serializers.CharField(max_length=200)
    relation = serializers.ChoiceField(
        choices=ComplainantRelation.choices, default=ComplainantRelation.SELF
    )
    postcode = _text(7)
    house_number = _text(10)
    phone = _text(30)
    email = serializers.EmailField(allow_blank=True, default="")
    description = serializers.CharField(max_length=6000)
    incident_on = serializers.DateField(allow_null=True, default=None)
    desired_outcome = _text(3000)
    reference_given = _text(40)

    def validate_postcode(self, value):
        if not value.strip():
            return ""
        problem = postcode_problem(value)
        if problem:
            raise serializers.ValidationError(problem)
        return normalise_postcode(value)

    def validate_received_on(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError(_("The date cannot be in the future."))
        return value

    def to_input(self) -> ComplaintInput:
        return ComplaintInput(**self.validated_data)


class ComplaintStatusInputSerializer(serializers.Serializer):
    target = serializers.ChoiceField(choices=ComplaintStatus.choices)
    outcome = serializers.ChoiceField(
        choices=ComplaintOutcome.choices,
        allow_blank=True,
        default="",
        help_text="Required when `target` is `decided`.",
    )
    note = _text(6000, help_text="The findings and conclusion, or how it was withdrawn.")
    version = _version()


class ExtensionInputSerializer(serializers.Serializer):
    weeks = serializers.IntegerField(min_value=1, max_value=MAX_EXTENSION_WEEKS)
    reason = serializers.CharField(max_length=2000)
    informed_on = serializers.DateField(help_text="When the complainant was told in writing.")
    version = _version()


class LinkCaseInputSerializer(serializers.Serializer):
    case_reference = _text(20, help_text="A case reference; empty removes the link.")
    version = _version()
