"""The KPIs as an API: aggregates only, as the pages show them (small counts suppressed)."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response

from wijkteam.cases.api import PERMISSIONS
from wijkteam.core.api import ErrorSerializer

from . import dashboard, rules
from .serializers import KpiFilterSerializer, KpiReportSerializer
from .snapshot import counts_for
from .views import AGGREGATES


class Kpis(generics.GenericAPIView):
    permission_classes = PERMISSIONS
    required_permissions = (AGGREGATES,)
    serializer_class = KpiReportSerializer

    @extend_schema(
        parameters=[KpiFilterSerializer],
        responses={200: KpiReportSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
        summary="The ten KPIs for a period and district",
        description="The ten KPIs of the team's assignment with their indicators, for a "
        "year, quarter or month and all districts or one, against the previous period of "
        "the same length. Aggregates computed every night (`computed_at`); counts below "
        "the threshold are `<5` and a share or average made of one is `–` (docs/kpis.md).",
    )
    def get(self, request):
        filters = KpiFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        today = timezone.localdate()
        sel = dashboard.selection_for(request.user, data["period"], data["district"], today)
        now = counts_for(sel.period, sel.team_ids)
        before = counts_for(sel.previous, sel.team_ids)
        d = sel.disclosure
        body = {
            "period": sel.period.code,
            "previous_period": sel.previous.code,
            "district": sel.district.code if sel.district else None,
            "computed_at": sel.freshness.computed_at,
            "complete": sel.freshness.complete,
            "small_count_threshold": d.threshold,
            "exact": d.exact,
            "kpis": [
                {
                    "code": kpi.code,
                    "title": kpi.title,
                    "summary": kpi.summary,
                    "indicators": [
                        _indicator(current, earlier, d)
                        for current, earlier in zip(
                            kpi.indicators, earlier_kpi.indicators, strict=True
                        )
                    ],
                }
                for kpi, earlier_kpi in zip(
                    rules.kpis(now, dashboard.coverage_of(sel, today)),
                    rules.kpis(before),
                    strict=True,
                )
            ],
        }
        return Response(KpiReportSerializer(body).data)


def _indicator(current: rules.Indicator, earlier: rules.Indicator, d) -> dict:
    now, before = rules.show(current.figure, d), rules.show(earlier.figure, d)
    return {
        "code": current.code,
        "label": current.label,
        "value": now.text,
        "number": now.number,
        "previous": before.text,
        "previous_number": before.number,
        "change": rules.change(current.figure, earlier.figure, d).text,
    }
