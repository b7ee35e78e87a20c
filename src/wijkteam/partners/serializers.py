"""API shapes for partners, fixed contacts and coverage."""

from rest_framework import serializers

from wijkteam.assessment.serializers import _version
from wijkteam.cases.serializers import WorkerRefSerializer

from .models import PartnerKind


class FixedContactSerializer(serializers.Serializer):
    staff = WorkerRefSerializer()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)


class PartnerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=PartnerKind.choices)
    name = serializers.CharField()
    code = serializers.CharField(help_text="BRIN (school) or AGB code (GP practice); may be empty.")
    district = serializers.CharField(source="district.code")
    address = serializers.CharField()
    postcode = serializers.CharField()
    active = serializers.BooleanField()
    fixed_contact = FixedContactSerializer(
        allow_null=True, help_text="The contact current today, or null."
    )
    version = serializers.IntegerField()


class PartnerDetailSerializer(PartnerSerializer):
    contacts = FixedContactSerializer(many=True, help_text="Every period, most recent first.")


class CoverageFigureSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    covered = serializers.IntegerField()
    percent = serializers.IntegerField(
        allow_null=True, help_text="Rounded down; null without partners."
    )
    target_percent = serializers.IntegerField()
    met = serializers.BooleanField(allow_null=True, help_text="Null without partners.")


class CoverageRowSerializer(serializers.Serializer):
    district = serializers.CharField(
        allow_null=True, source="district.code", help_text="Null: the whole municipality."
    )
    schools = CoverageFigureSerializer()
    gp_practices = CoverageFigureSerializer()


class FixedContactInputSerializer(serializers.Serializer):
    staff = serializers.IntegerField(
        allow_null=True, help_text="A member of the district's team; null ends the current contact."
    )
    starts_on = serializers.DateField()
    version = _version()
