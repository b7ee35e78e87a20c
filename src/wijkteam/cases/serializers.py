"""API shapes for intake, cases and households. Input serializers check types, choices,
lengths and the pure rules (BSN 11-check, postcode) per field; the services decide the
rest. Output serializers never carry a BSN except in the household detail."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wijkteam.partners.models import Partner
from wijkteam.people.models import MemberRole
from wijkteam.people.rules import bsn_problem, normalise_bsn, normalise_postcode, postcode_problem

from .models import CaseStatus, Channel, QuestionTheme, ReferrerType, Urgency
from .rules import TRANSITIONS
from .services import ConsentInput, IntakeInput, PersonInput

EARLIEST_DATE = date(1900, 1, 1)
MAX_VERSION = 2**31 - 1


def _text(max_length: int, **kwargs) -> serializers.CharField:
    """Optional text: blank allowed, "" when left out."""
    return serializers.CharField(max_length=max_length, allow_blank=True, default="", **kwargs)


def _check_past_date(value: date) -> date:
    if value < EARLIEST_DATE:
        raise serializers.ValidationError(_("The date cannot be before 1900."))
    if value > timezone.localdate():
        raise serializers.ValidationError(_("The date cannot be in the future."))
    return value


# --- Input ---------------------------------------------------------------------------


class PersonInputSerializer(serializers.Serializer):
    given_names = serializers.CharField(max_length=200)
    surname_prefix = _text(20)
    surname = serializers.CharField(max_length=200)
    birth_date = serializers.DateField()
    bsn = _text(20, help_text="Burgerservicenummer; spaces, dots and dashes are ignored.")
    bsn_missing_reason = _text(
        200, help_text='Why there is no BSN; recorded as "not yet known" when left out.'
    )
    role = serializers.ChoiceField(choices=MemberRole.choices, default=MemberRole.CHILD)
    has_parental_authority = serializers.BooleanField(default=False)
    is_subject = serializers.BooleanField(
        default=False, help_text="The help question is about this person."
    )

    def validate_birth_date(self, value):
        return _check_past_date(value)

    def validate_bsn(self, value):
        if not value.strip():
            return ""
        problem = bsn_problem(value)
        if problem:
            raise serializers.ValidationError(problem)
        return normalise_bsn(value)


class ConsentInputSerializer(serializers.Serializer):
    information = serializers.CharField(max_length=300)
    shared_with = serializers.CharField(max_length=300)
    given_by = serializers.CharField(max_length=200)
    given_on = serializers.DateField()

    def validate_given_on(self, value):
        return _check_past_date(value)


class IntakeSerializer(serializers.Serializer):
    """A help question from any channel, about one or more persons of one household."""

    channel = serializers.ChoiceField(choices=Channel.choices)
    referrer_type = serializers.ChoiceField(choices=ReferrerType.choices, default=ReferrerType.SELF)
    referrer_organisation = _text(200)
    referrer_name = _text(200)
    referrer_contact = _text(200)
    partner = serializers.PrimaryKeyRelatedField(
        queryset=Partner.objects.filter(active=True),
        allow_null=True,
        default=None,
        help_text="The id of the active school or GP practice the question came through.",
    )
    help_question = serializers.CharField(max_length=10_000)
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    themes = serializers.SlugRelatedField(
        many=True,
        slug_field="code",
        queryset=QuestionTheme.objects.filter(active=True),
        default=list,
        help_text="Codes of active question themes (for example `pesten`, `schoolverzuim`).",
    )
    postcode = serializers.CharField(max_length=10)
    house_number = serializers.CharField(max_length=10)
    phone = _text(30)
    email = serializers.EmailField(allow_blank=True, default="", max_length=254)
    persons = PersonInputSerializer(many=True, allow_empty=False)
    consents = ConsentInputSerializer(many=True, default=list)

    def validate_postcode(self, value):
        problem = postcode_problem(value)
        if problem:
            raise serializers.ValidationError(problem)
        return normalise_postcode(value)

    def validate_persons(self, persons):
        bsns = [person["bsn"] for person in persons if person["bsn"]]
        if len(bsns) != len(set(bsns)):
            raise serializers.ValidationError(_("Two persons have the same BSN."))
        if not any(person["is_subject"] for person in persons):
            raise serializers.ValidationError(
                _("Mark at least one person the help question is about.")
            )
        return persons

    def to_intake_input(self) -> IntakeInput:
        data = dict(self.validated_data)
        persons = [PersonInput(**person) for person in data.pop("persons")]
        consents = [ConsentInput(**consent) for consent in data.pop("consents")]
        data["themes"] = list(data["themes"])
        return IntakeInput(persons=persons, consents=consents, **data)


# The statuses a case can move to (never back to "registered"), in lifecycle order.
TARGET_CHOICES = [
    (value, label)
    for value, label in CaseStatus.choices
    if any(move.target == value for move in TRANSITIONS)
]


class StatusChangeSerializer(serializers.Serializer):
    target = serializers.ChoiceField(choices=TARGET_CHOICES)
    reason = _text(2000)
    version = serializers.IntegerField(
        min_value=1,
        max_value=MAX_VERSION,
        help_text="The case's `version` this change is based on; a stale one gives 409.",
    )


class CaseFilterSerializer(serializers.Serializer):
    """Query parameters of the case list."""

    status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)
    worker = serializers.ChoiceField(
        choices=[("me", "me")], required=False, help_text="`me`: only my own cases."
    )


# --- Output --------------------------------------------------------------------------


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class WorkerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="get_full_name")


class CaseRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=CaseStatus.choices)


class CaseVersionSerializer(CaseRefSerializer):
    version = serializers.IntegerField()


class IntakeResultSerializer(serializers.Serializer):
    reference = serializers.CharField(help_text="The registration's reference (AM-…).")
    case = CaseRefSerializer()
    linked_to_existing = serializers.BooleanField(
        help_text="The household was already known, so no second file was made."
    )


class CaseListItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    team = RefSerializer()
    worker = WorkerRefSerializer(allow_null=True)
    household = RefSerializer()
    registered_at = serializers.DateTimeField()
    first_contact_on = serializers.DateField(allow_null=True)
    version = serializers.IntegerField()


class SubjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")
    birth_date = serializers.DateField()


class ConsentSerializer(serializers.Serializer):
    information = serializers.CharField()
    shared_with = serializers.CharField()
    given_by = serializers.CharField()
    given_on = serializers.DateField()


class IntakeDetailSerializer(serializers.Serializer):
    reference = serializers.CharField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    referrer_type = serializers.ChoiceField(choices=ReferrerType.choices)
    referrer_organisation = serializers.CharField()
    referrer_name = serializers.CharField()
    referrer_contact = serializers.CharField()
    help_question = serializers.CharField()
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    submitted_at = serializers.DateTimeField()
    linked_to_existing = serializers.BooleanField()
    consents = ConsentSerializer(many=True)


class CaseDetailSerializer(CaseListItemSerializer):
    subjects = SubjectSerializer(many=True)
    intakes = IntakeDetailSerializer(many=True)
    worker_count = serializers.IntegerField(
        help_text="How many different workers the case has had (continuity)."
    )
    closed_at = serializers.DateTimeField(allow_null=True)


class MemberSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="resident.id")
    name = serializers.CharField(source="resident.full_name")
    bsn = serializers.CharField(source="resident.bsn", allow_null=True)
    bsn_missing_reason = serializers.CharField(source="resident.bsn_missing_reason")
    birth_date = serializers.DateField(source="resident.birth_date")
    role = serializers.ChoiceField(choices=MemberRole.choices)
    has_parental_authority = serializers.BooleanField()


class HouseholdDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    district = serializers.CharField(source="district.name")
    version = serializers.IntegerField()
    members = MemberSerializer(many=True, source="memberships.all")
    open_cases = CaseRefSerializer(many=True)
    past_cases = CaseRefSerializer(many=True)
