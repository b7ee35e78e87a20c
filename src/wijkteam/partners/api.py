"""API for partners: the list and one partner with its fixed contacts, coverage against
the targets, and the team lead's assignment of a fixed contact."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkteam.accounts.models import User
from wijkteam.assessment.api import CONFLICT, WRITE_ERRORS
from wijkteam.audit.log import AuditContext
from wijkteam.cases.api import ERRORS_READ, PERMISSIONS
from wijkteam.core.api import ErrorSerializer

from . import services
from .models import Partner
from .queries import (
    coverage_table,
    current_contact,
    is_current,
    partner_detail,
    partners_assignable_by,
    partners_visible_to,
    with_current_contact,
)
from .serializers import (
    CoverageRowSerializer,
    FixedContactInputSerializer,
    PartnerDetailSerializer,
    PartnerSerializer,
)

READ = ("partners.view_partner",)


class PartnerPagination(CursorPagination):
    ordering = ("name", "id")
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 50


class PartnerApiView:
    permission_classes = PERMISSIONS
    required_permissions = READ
    parser_classes = [JSONParser]


def _with_contact(partner: Partner, today) -> Partner:
    contacts = getattr(partner, "current_contacts", None)
    partner.fixed_contact = contacts[0] if contacts else current_contact(partner, today)
    return partner


@extend_schema(
    responses={200: PartnerSerializer(many=True), **ERRORS_READ},
    summary="Partners: schools, GP practices and others",
    description="Every partner with its current fixed contact, by name; paginated by cursor.",
)
class PartnerList(PartnerApiView, generics.ListAPIView):
    serializer_class = PartnerSerializer
    pagination_class = PartnerPagination

    def get_queryset(self):
        return with_current_contact(partners_visible_to(self.request.user), timezone.localdate())

    def list(self, request, *args, **kwargs):
        today = timezone.localdate()
        partners = [_with_contact(p, today) for p in self.paginate_queryset(self.get_queryset())]
        return self.get_paginated_response(self.get_serializer(partners, many=True).data)


def _detail_body(user, pk: int) -> dict:
    try:
        partner = partner_detail(user, pk)
    except Partner.DoesNotExist as exc:
        raise NotFound() from exc
    partner.contacts = list(partner.fixed_contacts.all())
    today = timezone.localdate()
    partner.fixed_contact = next((c for c in partner.contacts if is_current(c, today)), None)
    return PartnerDetailSerializer(partner).data


class PartnerDetail(PartnerApiView, APIView):
    @extend_schema(
        responses={200: PartnerDetailSerializer, **ERRORS_READ},
        summary="One partner with its fixed contacts over time",
    )
    def get(self, request, pk: int):
        return Response(_detail_body(request.user, pk))


class PartnerCoverage(PartnerApiView, APIView):
    @extend_schema(
        responses={200: CoverageRowSerializer(many=True), 403: ErrorSerializer},
        summary="Coverage of schools and GP practices against the targets",
        description="Per district, then the whole municipality (`district` null): how many "
        "active schools and GP practices have a current fixed contact, the share (rounded "
        "down) and whether the target (WIJKTEAM_COVERAGE_TARGET_…) is met.",
    )
    def get(self, request):
        return Response(CoverageRowSerializer(coverage_table(timezone.localdate()), many=True).data)


class FixedContactAssign(PartnerApiView, APIView):
    required_permissions = ("partners.view_partner", "partners.assign_fixedcontact")
    rule_fields = {
        "contact_starts_too_early": "starts_on",
        "contact_unchanged": "staff",
        "contact_other_team": "staff",
        "no_current_contact": "staff",
        "contact_needs_vog": "staff",
        "vog_missing": "staff",
        "vog_expired": "staff",
        "vog_issued_in_future": "staff",
    }

    @extend_schema(
        request=FixedContactInputSerializer,
        responses={200: PartnerDetailSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Assign (or end) a partner's fixed contact",
        description="A team lead, for partners in their own team's district (another "
        "district's partner is a 404). The colleague must belong to that team and hold a "
        "current VOG; the current contact ends the day before `starts_on`.",
    )
    def post(self, request, pk: int):
        partner = partners_assignable_by(request.user).filter(pk=pk).first()
        if partner is None:
            raise NotFound()
        serializer = FixedContactInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        staff = None
        if data["staff"] is not None:
            staff = User.objects.select_related("team").filter(pk=data["staff"]).first()
            if staff is None:
                raise ValidationError(
                    {"staff": [_("Choose a member of the team of the partner's district.")]}
                )
        services.assign_fixed_contact(
            AuditContext.from_request(request),
            partner,
            staff,
            starts_on=data["starts_on"],
            actor=request.user,
            expected_version=data["version"],
        )
        return Response(_detail_body(request.user, pk))
