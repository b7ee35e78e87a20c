"""API: register a help question, list and read cases, read a household, change status.

Thin like the pages: the serializer checks the input, a `queries.py` function decides
what the user may see (another team's record is a 404), a `services.py` function makes
the change, and every response with personal data is written to the audit log. Errors
(including `RuleViolation` and `ConcurrentEditError`) become the project's error body in
`core.api.exception_handler`.
"""

from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from wijkteam.accounts.api_permissions import HasRequiredPermissions
from wijkteam.audit.log import AuditContext, log_read
from wijkteam.core.api import ErrorSerializer
from wijkteam.core.navigation import roles_of
from wijkteam.people.models import Household
from wijkteam.people.queries import household_detail

from . import services
from .models import OPEN_STATUSES, Case
from .queries import case_detail, cases_visible_to
from .serializers import (
    CaseDetailSerializer,
    CaseFilterSerializer,
    CaseListItemSerializer,
    CaseVersionSerializer,
    HouseholdDetailSerializer,
    IntakeResultSerializer,
    IntakeSerializer,
    StatusChangeSerializer,
)

PERMISSIONS = [*api_settings.DEFAULT_PERMISSION_CLASSES, HasRequiredPermissions]

ERRORS_READ = {403: ErrorSerializer, 404: ErrorSerializer}
INVALID_FILTER = OpenApiResponse(
    ErrorSerializer, description="An unknown filter value (`fields` says which)."
)
INVALID = OpenApiResponse(
    ErrorSerializer,
    description="Invalid input (`fields` has the messages per field) or a refusal by a "
    "rule (`code` is the rule's reason code).",
)


class CasePagination(CursorPagination):
    """Keyset pagination: newest first, stable under inserts, one query per page."""

    ordering = ("-registered_at", "-id")
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 50


class CaseApiView:
    """Shared by the case endpoints: the role must allow reading cases at all (else 403);
    which cases is up to `cases_visible_to` (another team's case is a 404)."""

    permission_classes = PERMISSIONS
    required_permissions = ("cases.view_case",)
    parser_classes = [JSONParser]


class IntakeCreate(CaseApiView, APIView):
    required_permissions = ("cases.add_intake",)
    rule_fields = {
        "postcode_outside_municipality": "postcode",
        "district_without_team": "postcode",
        "no_person": "persons",
        "no_subject": "persons",
    }

    @extend_schema(
        request=IntakeSerializer,
        responses={
            201: IntakeResultSerializer,
            400: INVALID,
            403: ErrorSerializer,
        },
        summary="Register a help question",
        description="A registration for a person who is already known links to their "
        "household, and to its open case if there is one (`linked_to_existing`), instead of "
        "making a second file. The response's `Location` is the case.",
    )
    def post(self, request):
        serializer = IntakeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        intake = services.register_intake(
            AuditContext.from_request(request),
            serializer.to_intake_input(),
            registered_by=request.user,
        )
        case = intake.case
        body = {
            "reference": intake.reference,
            "case": case,
            "linked_to_existing": intake.linked_to_existing,
        }
        return Response(
            IntakeResultSerializer(body).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:case-detail", args=[case.pk])},
        )


@extend_schema(
    parameters=[CaseFilterSerializer],
    responses={200: CaseListItemSerializer(many=True), 400: INVALID_FILTER, **ERRORS_READ},
    summary="Cases the user may see",
    description="The user's team's cases (and another team's case only through a current "
    "grant), newest first. Paginated by cursor: follow `next` and `previous`.",
)
class CaseList(CaseApiView, generics.ListAPIView):
    serializer_class = CaseListItemSerializer
    pagination_class = CasePagination

    def get_queryset(self):
        return cases_visible_to(self.request.user).select_related("team", "worker", "household")

    def filter_queryset(self, queryset):
        filters = CaseFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        if "status" in filters.validated_data:
            queryset = queryset.filter(status=filters.validated_data["status"])
        if filters.validated_data.get("worker") == "me":
            queryset = queryset.filter(worker=self.request.user)
        return queryset

    def list(self, request, *args, **kwargs):
        cases = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        households = {case.household_id: case.household for case in cases}
        log_read(request, [*cases, *households.values()])
        return self.get_paginated_response(self.get_serializer(cases, many=True).data)


def _case_or_404(user, pk: int) -> Case:
    try:
        return case_detail(user, pk)
    except Case.DoesNotExist as exc:
        raise NotFound() from exc


class CaseDetail(CaseApiView, APIView):
    @extend_schema(
        responses={200: CaseDetailSerializer, **ERRORS_READ},
        summary="One case",
        description="The case with the persons it is about (no BSN here) and its "
        "registrations with their consents.",
    )
    def get(self, request, pk: int):
        case = _case_or_404(request.user, pk)
        subjects = list(case.subjects.all())
        log_read(request, [case, case.household, *subjects])
        return Response(CaseDetailSerializer(case).data)


class CaseStatusChange(CaseApiView, APIView):
    rule_fields = {
        "transition_not_allowed": "target",
        "transition_role": "target",
        "transition_reason": "reason",
    }

    @extend_schema(
        request=StatusChangeSerializer,
        responses={
            200: CaseVersionSerializer,
            400: INVALID,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: OpenApiResponse(
                ErrorSerializer,
                description="`conflict`: the case changed after the `version` sent.",
            ),
        },
        summary="Move a case to another status",
        description="Along the lifecycle's transition table, as far as the user's roles "
        "allow; some steps need a `reason`. Send the `version` the change is based on.",
    )
    def post(self, request, pk: int):
        try:
            case = cases_visible_to(request.user).get(pk=pk)
        except Case.DoesNotExist as exc:
            raise NotFound() from exc
        serializer = StatusChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = services.change_status(
            AuditContext.from_request(request),
            case,
            data["target"],
            actor=request.user,
            roles={str(role) for role in roles_of(request.user)},
            reason=data["reason"],
            expected_version=data["version"],
        )
        return Response(CaseVersionSerializer(case).data)


class HouseholdDetail(CaseApiView, APIView):
    required_permissions = ("people.view_household",)

    @extend_schema(
        responses={200: HouseholdDetailSerializer, **ERRORS_READ},
        summary="One household",
        description="Its members with BSN, birth date, role and parental authority, and its "
        "open and past cases.",
    )
    def get(self, request, pk: int):
        try:
            household = household_detail(request.user, pk)
        except Household.DoesNotExist as exc:
            raise NotFound() from exc
        cases = list(
            cases_visible_to(request.user)
            .filter(household=household)
            .order_by("-registered_at", "-id")
        )
        household.open_cases = [case for case in cases if case.status in OPEN_STATUSES]
        household.past_cases = [case for case in cases if case.status not in OPEN_STATUSES]
        residents = [membership.resident for membership in household.memberships.all()]
        log_read(request, [household, *residents, *cases])  # as the household page does
        return Response(HouseholdDetailSerializer(household).data)
