"""API shapes for weighings, decisions, objections, iJw messages and the catalogue."""

from rest_framework import serializers

from wijkteam.assessment.serializers import VerdictSerializer, _text, _version
from wijkteam.cases.serializers import WorkerRefSerializer
from wijkteam.ijw.codes import choices
from wijkteam.ijw.models import Direction, MessageKind, MessageStatus
from wijkteam.providers.models import Intensity

from .models import (
    DecisionStatus,
    InterventionLevel,
    NotGrantedReason,
    ObjectionOutcome,
    OtherLaw,
)
from .rules import ACTIONS

# --- The weighing framework ---------------------------------------------------------------


class WeighingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    intake = serializers.CharField(source="intake.reference", allow_null=True, default=None)
    decided_on = serializers.DateField()
    level = serializers.ChoiceField(choices=InterventionLevel.choices)
    reason = serializers.CharField()
    not_granted = serializers.CharField()
    not_granted_reason = serializers.ChoiceField(choices=[("", "—"), *NotGrantedReason.choices])
    other_law = serializers.ChoiceField(choices=[("", "—"), *OtherLaw.choices])
    not_granted_explanation = serializers.CharField()
    recorded_by = WorkerRefSerializer()
    recorded_at = serializers.DateTimeField()


class WeighingInputSerializer(serializers.Serializer):
    intake = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="A registration of the case."
    )
    decided_on = serializers.DateField()
    level = serializers.ChoiceField(choices=InterventionLevel.choices)
    reason = _text()
    not_granted = _text(help_text="What was asked for but will not be given.")
    not_granted_reason = serializers.ChoiceField(
        choices=NotGrantedReason.choices, required=False, allow_blank=True, default=""
    )
    other_law = serializers.ChoiceField(
        choices=OtherLaw.choices, required=False, allow_blank=True, default=""
    )
    not_granted_explanation = _text()


# --- Decisions --------------------------------------------------------------------------------


class ProductRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    provider = serializers.CharField(source="provider.name")
    agb_code = serializers.CharField(source="provider.agb_code")
    profile = serializers.CharField(source="profile.code", allow_null=True, default=None)


class SentMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="message.id")
    identification = serializers.CharField(source="message.identification")
    status = serializers.ChoiceField(source="message.status", choices=MessageStatus.choices)
    schema_valid = serializers.BooleanField(source="message.schema_valid", allow_null=True)
    created_at = serializers.DateTimeField(source="message.created_at")
    return_received = serializers.SerializerMethodField()
    return_codes = serializers.ListField(source="codes", child=serializers.CharField())

    def get_return_received(self, sent) -> bool:
        return sent.reply is not None


class DeliverySerializer(serializers.Serializer):
    started_on = serializers.DateField()
    stopped_on = serializers.DateField(allow_null=True)
    closure_reason = serializers.ChoiceField(choices=[("", "—"), *choices("JZ588")])


class ObjectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    received_on = serializers.DateField()
    submitted_by = serializers.CharField()
    summary = serializers.CharField()
    outcome = serializers.ChoiceField(choices=ObjectionOutcome.choices)
    decided_on = serializers.DateField(allow_null=True)
    late = serializers.BooleanField()


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    case = serializers.CharField(source="case.reference")
    youth = serializers.IntegerField(source="youth_id")
    youth_given_names = serializers.CharField(source="youth.given_names")
    product = ProductRefSerializer()
    category = serializers.CharField()
    product_code = serializers.CharField()
    unit = serializers.CharField()
    tariff = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    intensity = serializers.ChoiceField(choices=Intensity.choices)
    heavy_reason = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    volume = serializers.IntegerField(allow_null=True)
    frequency = serializers.CharField()
    budget = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    motivation = serializers.CharField()
    life_changing = serializers.BooleanField()
    crisis = serializers.BooleanField()
    crisis_reason = serializers.CharField()
    status = serializers.ChoiceField(choices=DecisionStatus.choices)
    allocation_number = serializers.IntegerField(allow_null=True)
    estimated_cost = serializers.DecimalField(max_digits=11, decimal_places=2, allow_null=True)
    weighing = serializers.IntegerField(source="weighing_id", allow_null=True)
    created_by = WorkerRefSerializer()
    created_at = serializers.DateTimeField()
    cosigned_by = WorkerRefSerializer(allow_null=True)
    cosigned_at = serializers.DateTimeField(allow_null=True)
    cosign_note = serializers.CharField()
    issued_by = WorkerRefSerializer(allow_null=True)
    issued_at = serializers.DateTimeField(allow_null=True)
    change_reason = serializers.CharField()
    closing_note = serializers.CharField()
    version = serializers.IntegerField()


class DecisionDetailSerializer(serializers.Serializer):
    decision = DecisionSerializer()
    verdict = VerdictSerializer(
        allow_null=True,
        help_text="For a draft or one awaiting co-signature: may it be issued, and if not, "
        "why (the rules' reason codes).",
    )
    actions = serializers.ListField(
        child=serializers.ChoiceField(choices=ACTIONS),
        help_text="The steps the user may take now.",
    )
    messages = SentMessageSerializer(many=True)
    deliveries = DeliverySerializer(many=True)
    objections = ObjectionSerializer(many=True)


class DecisionInputSerializer(serializers.Serializer):
    youth = serializers.IntegerField(help_text="A member of the case's household, under 23.")
    product = serializers.IntegerField(help_text="A contracted product (GET /providers/).")
    start_date = serializers.DateField()
    end_date = serializers.DateField(help_text="At most WIJKTEAM_DECISION_MAX_MONTHS later.")
    motivation = _text()
    intensity = serializers.ChoiceField(
        choices=Intensity.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Ignored for a product with a profile (it has its own).",
    )
    heavy_reason = _text()
    volume = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    frequency = serializers.ChoiceField(
        choices=choices("WMO757"), required=False, allow_blank=True, default=""
    )
    budget = serializers.DecimalField(
        max_digits=9, decimal_places=2, required=False, allow_null=True, default=None
    )
    life_changing = serializers.BooleanField(required=False, default=False)
    crisis = serializers.BooleanField(required=False, default=False)
    crisis_reason = _text()
    weighing = serializers.IntegerField(required=False, allow_null=True, default=None)
    request = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="A provider's requested product (JW315) this decision answers.",
    )


class DecisionUpdateSerializer(DecisionInputSerializer):
    version = _version()


class StepInputSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=ACTIONS,
        help_text="submit (for co-signature), issue, cosign, return (to draft), discard, "
        "end (early), withdraw.",
    )
    version = _version()
    note = _text(help_text="Required to return, end and withdraw.")
    ended_on = serializers.DateField(required=False, allow_null=True, default=None)
    change_reason = serializers.ChoiceField(
        choices=choices("JZ002"),
        required=False,
        allow_blank=True,
        default="",
        help_text="JZ002, to end a decision.",
    )


class ObjectionInputSerializer(serializers.Serializer):
    received_on = serializers.DateField()
    submitted_by = serializers.CharField(max_length=200)
    summary = _text()


class ObjectionResultSerializer(serializers.Serializer):
    objection = ObjectionSerializer()
    warnings = serializers.ListField(child=serializers.CharField(), help_text="objection_late")


# --- iJw messages and the catalogue ------------------------------------------------------------


class MessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    direction = serializers.ChoiceField(choices=Direction.choices)
    kind = serializers.ChoiceField(choices=MessageKind.choices)
    status = serializers.ChoiceField(choices=MessageStatus.choices)
    identification = serializers.CharField()
    dated_on = serializers.DateField(allow_null=True)
    sender = serializers.CharField()
    receiver = serializers.CharField()
    provider = serializers.CharField(source="provider.name", allow_null=True, default=None)
    case = serializers.CharField(source="case.reference", allow_null=True, default=None)
    in_reply_to = serializers.IntegerField(source="in_reply_to_id", allow_null=True)
    schema_valid = serializers.BooleanField(allow_null=True)
    return_codes = serializers.ListField(child=serializers.CharField())
    product_return_codes = serializers.DictField(child=serializers.ListField())
    problems = serializers.ListField(child=serializers.CharField())
    attention = serializers.BooleanField()
    awaiting_placement = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    written_at = serializers.DateTimeField(allow_null=True)


class MessageDetailSerializer(MessageSerializer):
    content = serializers.CharField(
        allow_null=True,
        help_text="The XML, only for a message of a case the user may see (null otherwise).",
    )


class ProductSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    category = serializers.CharField()
    product_code = serializers.CharField()
    name = serializers.CharField()
    profile = serializers.CharField(source="profile.code", allow_null=True, default=None)
    unit = serializers.CharField()
    tariff = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    active = serializers.BooleanField()


class ProviderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    agb_code = serializers.CharField()
    contact_name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    active = serializers.BooleanField()
    products = ProductSerializer(many=True, source="products.all")


class CountSerializer(serializers.Serializer):
    period = serializers.DateField(help_text="The first day of the month or quarter.")
    reason = serializers.CharField(source="key")
    law = serializers.CharField(source="detail")
    count = serializers.CharField(help_text="The number, or `<5` below the threshold.")


class FigureFilterSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    period = serializers.ChoiceField(choices=["month", "quarter"], default="month")
