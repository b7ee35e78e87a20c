"""API: the file search, with the same results and audit as the search page.

It never says that another team has a file: break-the-glass is a page, with a reason.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.settings import api_settings

from wijkteam.audit.log import log_read, log_search
from wijkteam.core.api import ErrorSerializer

from .forms import BSN_IN_URL_MESSAGE
from .queries import may_search, search_files
from .rules import MAX_QUERY_LENGTH, MIN_QUERY_LENGTH, QueryKind, classify_query


class MaySearchFiles(BasePermission):
    """Only roles that read cases (`cases.view_case`) may search for files."""

    message = _("Your role does not give access to files of families.")

    def has_permission(self, request, view) -> bool:
        return may_search(request.user)


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(min_length=MIN_QUERY_LENGTH, max_length=MAX_QUERY_LENGTH)

    def validate_q(self, value: str) -> str:
        # A BSN in a query string would end up in URLs and server logs: POST it instead.
        if self.context.get("in_url") and classify_query(value)[0] == QueryKind.BSN:
            raise serializers.ValidationError(str(BSN_IN_URL_MESSAGE), code="bsn_in_url")
        return value


# Names start with "Search" so their schema components cannot clash with other apps'.
class SearchMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    birth_date = serializers.DateField()


class SearchCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    status = serializers.CharField(
        help_text="registered, triage, clarification, in_progress or closing"
    )


class SearchHouseholdSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    district = serializers.CharField(help_text="The district's code.")
    members = SearchMemberSerializer(many=True)
    open_cases = SearchCaseSerializer(many=True)


class SearchResultSerializer(serializers.Serializer):
    kind = serializers.CharField(
        help_text="How the query was read: " + ", ".join(kind.value for kind in QueryKind)
    )
    more = serializers.BooleanField(
        help_text="More households matched than are returned: narrow the search."
    )
    results = SearchHouseholdSerializer(many=True)


def _household_data(household) -> dict:
    return {
        "id": household.pk,
        "name": household.name,
        "district": household.district.code,
        "members": [
            {"id": m.resident.pk, "name": m.resident.full_name, "birth_date": m.resident.birth_date}
            for m in household.memberships.all()
        ],
        "open_cases": [
            {"id": case.pk, "reference": case.reference, "status": case.status}
            for case in household.open_cases
        ],
    }


SEARCH_DESCRIPTION = (
    "Households the user may see that match a name, BSN, date of birth (d-m-yyyy or "
    "ISO), case reference (WT-…), registration reference (AM-…) or postcode with an "
    "optional house number. The kind of query is read from its shape. A BSN is only "
    "accepted in a POST body, never in the query string (code `bsn_in_url`)."
)
SEARCH_RESPONSES = {200: SearchResultSerializer, 400: ErrorSerializer, 403: ErrorSerializer}


@extend_schema(
    methods=["GET"],
    summary="Search for files of families by name, date, reference or address",
    description=SEARCH_DESCRIPTION,
    parameters=[
        OpenApiParameter(
            "q",
            OpenApiTypes.STR,
            OpenApiParameter.QUERY,
            required=True,
            description=f"What to search for, {MIN_QUERY_LENGTH} to {MAX_QUERY_LENGTH} characters.",
        )
    ],
    responses=SEARCH_RESPONSES,
    tags=["search"],
)
@extend_schema(
    methods=["POST"],
    summary="Search for files of families, also by BSN",
    description=SEARCH_DESCRIPTION,
    request=SearchQuerySerializer,
    responses=SEARCH_RESPONSES,
    tags=["search"],
)
@api_view(["GET", "POST"])
@permission_classes([*api_settings.DEFAULT_PERMISSION_CLASSES, MaySearchFiles])
def search(request):
    """GET ?q= for names and references; POST {"q": …} for a BSN, which never goes in a URL."""
    in_url = request.method == "GET"
    query = SearchQuerySerializer(
        data=request.query_params if in_url else request.data, context={"in_url": in_url}
    )
    query.is_valid(raise_exception=True)
    result = search_files(request.user, query.validated_data["q"])
    log_search(request, "people.household", result_count=len(result.households))
    log_read(request, result.shown())
    data = {
        "kind": str(result.kind),
        "more": result.more,
        "results": [_household_data(household) for household in result.households],
    }
    return Response(SearchResultSerializer(data).data)
