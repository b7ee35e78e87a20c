"""API for complaints: the list and one complaint (audited reads), recording one on a
complainant's behalf, and the complaints officer's steps — status, extension and the
link to a case. Who sees which complaint is decided by `queries.complaints_visible_to`."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkteam.assessment.api import CONFLICT, WRITE_ERRORS
from wijkteam.audit.log import AuditContext, log_read
from wijkteam.cases.api import ERRORS_READ, INVALID_FILTER, PERMISSIONS
from wijkteam.core.navigation import roles_of

from . import services
from .models import Complaint
from .queries import ALL, CLOSED, OPEN, complaint_detail, complaint_list, deadline_of
from .rules import late_complaint_warning
from .serializers import (
    ComplaintInputSerializer,
    ComplaintListItemSerializer,
    ComplaintSerializer,
    ComplaintStatusInputSerializer,
    ExtensionInputSerializer,
    LinkCaseInputSerializer,
)

VIEW = ("quality.view_complaint",)
HANDLE = ("quality.view_complaint", "quality.handle_complaint")


class ComplaintPagination(CursorPagination):
    ordering = ("-received_on", "-id")
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 50


class ComplaintApiView:
    permission_classes = PERMISSIONS
    parser_classes = [JSONParser]
    read_permissions = VIEW
    write_permissions = HANDLE

    @property
    def required_permissions(self):
        return self.read_permissions if self.request.method == "GET" else self.write_permissions


def _shown(complaint: Complaint) -> Complaint:
    complaint.deadline = deadline_of(complaint, timezone.localdate())
    warning = late_complaint_warning(complaint.incident_on, complaint.received_on)
    complaint.warnings = [{"code": warning.code, "message": warning.message}] if warning else []
    return complaint


def _detail(request, pk: int) -> Response:
    try:
        complaint = complaint_detail(request.user, pk)
    except Complaint.DoesNotExist as exc:
        raise NotFound() from exc
    log_read(request, complaint)
    return Response(ComplaintSerializer(_shown(complaint)).data)


@extend_schema(
    parameters=[
        OpenApiParameter("status", str, enum=[OPEN, CLOSED, ALL], description="Default `all`.")
    ],
)
class ComplaintListCreate(ComplaintApiView, generics.ListAPIView):
    serializer_class = ComplaintListItemSerializer
    pagination_class = ComplaintPagination
    write_permissions = ("quality.view_complaint", "quality.add_complaint")
    rule_fields = {
        "complainant_name_missing": "complainant_name",
        "complaint_description_missing": "description",
        "received_in_future": "received_on",
        "incident_after_receipt": "incident_on",
    }

    def get_queryset(self):
        which = self.request.query_params.get("status", ALL)
        if which not in (OPEN, CLOSED, ALL):
            raise ValidationError({"status": [_("Choose open, closed or all.")]})
        return complaint_list(self.request.user, which)[0]

    @extend_schema(
        responses={200: ComplaintListItemSerializer(many=True), 400: INVALID_FILTER, **ERRORS_READ},
        summary="Complaints the user may see",
        description="The complaints officer: every complaint of the municipality; a team "
        "lead: those linked to a case of their team. Newest first, paginated by cursor; "
        "each with its deadline (Awb 9:11).",
    )
    def get(self, request, *args, **kwargs):
        complaints = self.paginate_queryset(self.get_queryset())
        log_read(request, complaints)
        data = self.get_serializer([_shown(c) for c in complaints], many=True).data
        return self.get_paginated_response(data)

    @extend_schema(
        request=ComplaintInputSerializer,
        responses={201: ComplaintSerializer, **WRITE_ERRORS},
        summary="Record a complaint on the complainant's behalf",
        description="For a complaint received by phone, letter, e-mail or in person; the "
        "decision is due six weeks after `received_on`.",
    )
    def post(self, request):
        serializer = ComplaintInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        complaint = services.file_complaint(
            AuditContext.from_request(request), serializer.to_input(), filed_by=request.user
        )
        response = _detail(request, complaint.pk)
        response.status_code = status.HTTP_201_CREATED
        return response


class ComplaintDetail(ComplaintApiView, APIView):
    @extend_schema(
        responses={200: ComplaintSerializer, **ERRORS_READ},
        summary="One complaint with its history",
        description="Another team's complaint is a 404 for a team lead.",
    )
    def get(self, request, pk: int):
        return _detail(request, pk)


def _visible(request, pk: int) -> Complaint:
    try:
        return complaint_detail(request.user, pk)
    except Complaint.DoesNotExist as exc:
        raise NotFound() from exc


class ComplaintStatusChange(ComplaintApiView, APIView):
    read_permissions = HANDLE  # no GET: a reading role gets 403, the officer 405
    rule_fields = {
        "complaint_move_not_allowed": "target",
        "complaint_move_role": "target",
        "complaint_outcome_missing": "outcome",
        "complaint_note_missing": "note",
    }

    @extend_schema(
        request=ComplaintStatusInputSerializer,
        responses={200: ComplaintSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Move a complaint to its next status",
        description="Along the transition table (ADR 0009): received → acknowledged → "
        "being handled → decided, or withdrawn. A decision needs `outcome` and `note`.",
    )
    def post(self, request, pk: int):
        complaint = _visible(request, pk)
        serializer = ComplaintStatusInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.move_complaint(
            AuditContext.from_request(request),
            complaint,
            data["target"],
            actor=request.user,
            roles={str(role) for role in roles_of(request.user)},
            note=data["note"],
            outcome=data["outcome"],
            expected_version=data["version"],
        )
        return _detail(request, pk)


class ComplaintExtension(ComplaintApiView, APIView):
    read_permissions = HANDLE
    rule_fields = {
        "extension_weeks": "weeks",
        "extension_reason": "reason",
        "extension_not_informed": "informed_on",
        "informed_in_future": "informed_on",
        "informed_before_receipt": "informed_on",
    }

    @extend_schema(
        request=ExtensionInputSerializer,
        responses={200: ComplaintSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Extend the term once, by at most four weeks (Awb 9:11)",
        description="Refused after the original term (`extension_too_late`), a second "
        "time (`extension_once`) or for a closed complaint (`complaint_closed`).",
    )
    def post(self, request, pk: int):
        complaint = _visible(request, pk)
        serializer = ExtensionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.extend_complaint(
            AuditContext.from_request(request),
            complaint,
            weeks=data["weeks"],
            reason=data["reason"],
            informed_on=data["informed_on"],
            actor=request.user,
            expected_version=data["version"],
        )
        return _detail(request, pk)


class ComplaintCaseLink(ComplaintApiView, APIView):
    read_permissions = HANDLE
    rule_fields = {"case_not_found": "case_reference"}

    @extend_schema(
        request=LinkCaseInputSerializer,
        responses={200: ComplaintSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Link the complaint to the case it concerns (or remove the link)",
    )
    def put(self, request, pk: int):
        complaint = _visible(request, pk)
        serializer = LinkCaseInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.link_complaint_to_case(
            AuditContext.from_request(request),
            complaint,
            data["case_reference"],
            actor=request.user,
            expected_version=data["version"],
        )
        return _detail(request, pk)
