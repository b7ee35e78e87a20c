"""The KPI API's input and output."""

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from wijkteam.accounts.models import District

from .periods import default_period, parse_period


class KpiFilterSerializer(serializers.Serializer):
    period = serializers.CharField(
        required=False,
        help_text="`2026` (a year), `2026-K2` or `2026-Q2` (a quarter), `2026-03` (a month). "
        "Default: the current year.",
    )
    district = serializers.SlugRelatedField(
        slug_field="code",
        queryset=District.objects.filter(team__isnull=False),
        required=False,
        allow_null=True,
        help_text="A district's code; all districts when left out.",
    )

    def validate_period(self, value: str):
        period = parse_period(value)
        if period is None or period.start > timezone.localdate():
            raise serializers.ValidationError(
                _(
                    "Give a year (2026), a quarter (2026-K2) or a month (2026-03), "
                    "not in the future."
                )
            )
        return period

    def validate(self, attrs):
        attrs.setdefault("period", default_period(timezone.localdate()))
        attrs.setdefault("district", None)
        return attrs


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    value = serializers.CharField(help_text="As shown: `<5` for a small count, `–` when not shown.")
    number = serializers.FloatField(
        allow_null=True, help_text="The number (a percentage for a share); null when not shown."
    )
    previous = serializers.CharField(help_text="The previous period's value, as shown.")
    previous_number = serializers.FloatField(allow_null=True)
    change = serializers.CharField(help_text="The change, as shown (`–` when not shown).")


class KpiSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    indicators = IndicatorSerializer(many=True)


class KpiReportSerializer(serializers.Serializer):
    period = serializers.CharField()
    previous_period = serializers.CharField()
    district = serializers.CharField(allow_null=True)
    computed_at = serializers.DateTimeField(
        allow_null=True, help_text="When the oldest month of the period was computed."
    )
    complete = serializers.BooleanField(help_text="Every month of the period so far computed.")
    small_count_threshold = serializers.IntegerField()
    exact = serializers.BooleanField(
        help_text="True only for a team lead asking for their own district: no suppression."
    )
    kpis = KpiSerializer(many=True)
