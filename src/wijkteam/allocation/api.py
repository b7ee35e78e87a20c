"""API for weighings, decisions and their steps, objections, the iJw messages, the
provider catalogue and the "not granted, and why" counts. Thin like the pages: the case
comes from `cases_visible_to` (another team's is a 404), a service makes the change,
every response with personal data is audited, errors become the project's error body."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from wijkteam.assessment.api import CONFLICT, ERRORS, WRITE_ERRORS, AssessmentApiView, _verdict
from wijkteam.audit.log import AuditContext, log_read
from wijkteam.cases.api import PERMISSIONS
from wijkteam.core.api import ErrorSerializer
from wijkteam.core.navigation import roles_of
from wijkteam.core.rules import suppress_small_count
from wijkteam.ijw.models import Message, RequestedProduct
from wijkteam.ijw.queries import filtered, may_read_content, message_detail, messages_visible_to
from wijkteam.providers.models import ContractedProduct
from wijkteam.providers.queries import providers_with_counts

from . import services
from .models import Decision, DecisionStatus, Weighing
from .queries import case_allocation, case_messages, decision_of, decision_page, not_granted_counts
from .serializers import (
    CountSerializer,
    DecisionDetailSerializer,
    DecisionInputSerializer,
    DecisionSerializer,
    DecisionUpdateSerializer,
    FigureFilterSerializer,
    MessageDetailSerializer,
    MessageSerializer,
    ObjectionInputSerializer,
    ObjectionResultSerializer,
    ProviderSerializer,
    StepInputSerializer,
    WeighingInputSerializer,
    WeighingSerializer,
)
from .views import DECISION_FIELDS, STEP_FIELDS, WEIGHING_FIELDS

READ = ("allocation.view_allocation",)
WRITE = ("allocation.view_allocation", "allocation.record_allocation")


class AllocationApiView(AssessmentApiView):
    read_permissions = READ
    write_permissions = WRITE

    def decision(self, case, pk: int) -> Decision:
        try:
            return decision_of(case, pk)
        except Decision.DoesNotExist as exc:
            raise NotFound() from exc

    def roles(self) -> set[str]:
        return {str(role) for role in roles_of(self.request.user)}


def _detail(decision: Decision, roles) -> dict:
    pending = decision.status in (DecisionStatus.DRAFT, DecisionStatus.AWAITING_COSIGN)
    today = timezone.localdate()
    page = decision_page(
        decision, roles, today, services.issue_facts(decision, today) if pending else None
    )
    return DecisionDetailSerializer(
        {
            "decision": decision,
            "verdict": _verdict(page.verdict) if page.verdict else None,
            "actions": page.actions,
            "messages": page.messages,
            "deliveries": page.deliveries,
            "objections": page.objections,
        }
    ).data


class WeighingList(AllocationApiView):
    rule_fields = WEIGHING_FIELDS

    @extend_schema(
        responses={200: WeighingSerializer(many=True), **ERRORS},
        summary="The weighings of a case",
        description="Per help question: the intervention level and why; what was asked for "
        "but not granted, with its coded reason.",
    )
    def get(self, request, pk: int):
        case = self.case(pk)
        weighings = list(case.weighings.select_related("recorded_by", "intake"))
        self.audited(case, *weighings)
        return Response(WeighingSerializer(weighings, many=True).data)

    @extend_schema(
        request=WeighingInputSerializer,
        responses={201: WeighingSerializer, **WRITE_ERRORS},
        summary="Record a weighing",
        description="Refusals: `weighing_reason_missing`, `not_granted_reason_missing`, "
        "`other_law_missing`, … (docs/api.md).",
    )
    def post(self, request, pk: int):
        case = self.case(pk)
        serializer = WeighingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        intake_id = data.pop("intake")
        intake = case.intakes.filter(pk=intake_id).first() if intake_id else None
        if intake_id and intake is None:
            raise ValidationError({"intake": [_("Choose a help question of this case.")]})
        weighing = services.record_weighing(
            AuditContext.from_request(request),
            case,
            services.WeighingInput(**data),
            actor=request.user,
            intake=intake,
        )
        self.audited(case, weighing)
        return Response(WeighingSerializer(weighing).data, status=status.HTTP_201_CREATED)


class DecisionApiMixin:
    rule_fields = DECISION_FIELDS

    def decision_input(self, case, data) -> services.DecisionInput:
        youth = next(
            (
                m.resident
                for m in case.household.memberships.all()
                if m.resident_id == data["youth"]
            ),
            None,
        )
        if youth is None:
            raise ValidationError({"youth": [_("Choose a member of this household.")]})
        product = (
            ContractedProduct.objects.select_related("provider", "profile")
            .filter(pk=data["product"])
            .first()
        )
        if product is None:
            raise ValidationError({"product": [_("Choose a product from the list.")]})
        weighing = (
            Weighing.objects.filter(case=case, pk=data["weighing"]).first()
            if data["weighing"]
            else None
        )
        request_item = (
            RequestedProduct.objects.select_related("message")
            .filter(pk=data["request"], message__case=case)
            .first()
            if data["request"]
            else None
        )
        if data["request"] and request_item is None:
            raise ValidationError({"request": [_("Choose a request for this case.")]})
        return services.DecisionInput.of(
            data, youth=youth, product=product, weighing=weighing, request=request_item
        )


class DecisionList(DecisionApiMixin, AllocationApiView):
    @extend_schema(
        responses={200: DecisionSerializer(many=True), **ERRORS},
        summary="The decisions of a case",
    )
    def get(self, request, pk: int):
        case = self.case(pk)
        decisions = case_allocation(case).decisions
        self.audited(case, *decisions)
        return Response(DecisionSerializer(decisions, many=True).data)

    @extend_schema(
        request=DecisionInputSerializer,
        responses={201: DecisionDetailSerializer, **WRITE_ERRORS},
        summary="Draft a decision",
        description="The content rules are checked at once (`period_too_long`, "
        "`heavy_reason_missing`, `volume_missing`, …); `verdict` says what it still needs "
        "before it can be issued (clarification, safety, overlap, …).",
    )
    def post(self, request, pk: int):
        case = self.case(pk)
        serializer = DecisionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decision = services.save_draft(
            AuditContext.from_request(request),
            case,
            self.decision_input(case, serializer.validated_data),
            actor=request.user,
        )
        decision = self.decision(case, decision.pk)
        self.audited(case, decision)
        return Response(_detail(decision, self.roles()), status=status.HTTP_201_CREATED)


class DecisionDetail(DecisionApiMixin, AllocationApiView):
    @extend_schema(
        responses={200: DecisionDetailSerializer, **ERRORS},
        summary="One decision",
        description="With `verdict` (for a draft), the steps the user may take, the JW301 "
        "messages with the provider's return codes, start and stop of care, objections.",
    )
    def get(self, request, pk: int, decision_pk: int):
        case = self.case(pk)
        decision = self.decision(case, decision_pk)
        self.audited(case, decision)
        return Response(_detail(decision, self.roles()))

    @extend_schema(
        request=DecisionUpdateSerializer,
        responses={200: DecisionDetailSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Change a draft decision",
    )
    def put(self, request, pk: int, decision_pk: int):
        case = self.case(pk)
        decision = self.decision(case, decision_pk)
        serializer = DecisionUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        decision = services.save_draft(
            AuditContext.from_request(request),
            case,
            self.decision_input(case, data),
            actor=request.user,
            decision=decision,
            expected_version=data["version"],
        )
        decision = self.decision(case, decision.pk)
        self.audited(case, decision)
        return Response(_detail(decision, self.roles()))


class DecisionStep(AllocationApiView):
    rule_fields = STEP_FIELDS

    @property
    def required_permissions(self):
        if self.request.method == "POST" and self.request.data.get("action") in (
            "cosign",
            "return",
        ):
            return ("allocation.view_allocation", "allocation.cosign_decision")
        return super().required_permissions

    @extend_schema(
        request=StepInputSerializer,
        responses={
            200: DecisionDetailSerializer,
            409: CONFLICT,
            400: OpenApiResponse(
                description="A rule's refusal: `cosign_needed`, `cosign_same_person`, "
                "`overlapping_period`, `safety_assessment_missing`, …"
            ),
            403: ERRORS[403],
            404: ERRORS[404],
        },
        summary="Take a step in the decision's lifecycle",
        description="draft → (submit) awaiting co-signature → (cosign) issued, or (return) "
        "draft; draft → (issue) issued when no co-signature is needed; → (discard) "
        "withdrawn; issued → (end) ended or (withdraw) withdrawn. Issuing records the JW301.",
    )
    def post(self, request, pk: int, decision_pk: int):
        case = self.case(pk)
        decision = self.decision(case, decision_pk)
        serializer = StepInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ctx = AuditContext.from_request(request)
        common = {"actor": request.user, "roles": self.roles(), "expected_version": data["version"]}
        action = data["action"]
        if action == "issue":
            services.issue_decision(ctx, decision, **common)
        elif action == "submit":
            services.submit_for_cosign(ctx, decision, **common)
        elif action in ("cosign", "return"):
            services.cosign_decision(
                ctx, decision, approve=action == "cosign", note=data["note"], **common
            )
        elif action == "end":
            services.end_decision(
                ctx,
                decision,
                ended_on=data["ended_on"],
                change_reason=data["change_reason"],
                note=data["note"],
                **common,
            )
        elif action == "withdraw":
            services.withdraw_decision(ctx, decision, note=data["note"], **common)
        else:
            services.discard_decision(ctx, decision, note=data["note"], **common)
        decision = self.decision(case, decision.pk)
        self.audited(case, decision)
        return Response(_detail(decision, self.roles()))


class ObjectionCreate(AllocationApiView):
    rule_fields = {
        "received_in_future": "received_on",
        "received_before_issue": "received_on",
        "objection_incomplete": "summary",
    }

    @extend_schema(
        request=ObjectionInputSerializer,
        responses={201: ObjectionResultSerializer, **WRITE_ERRORS},
        summary="Record an objection to a decision",
        description="An objection after six weeks is recorded with `late` and the warning "
        "`objection_late`.",
    )
    def post(self, request, pk: int, decision_pk: int):
        case = self.case(pk)
        decision = self.decision(case, decision_pk)
        serializer = ObjectionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        objection, verdict = services.record_objection(
            AuditContext.from_request(request),
            decision,
            actor=request.user,
            **serializer.validated_data,
        )
        self.audited(case, decision)
        body = {"objection": objection, "warnings": [w.code for w in verdict.warnings]}
        return Response(ObjectionResultSerializer(body).data, status=status.HTTP_201_CREATED)


class CaseMessages(AllocationApiView):
    @extend_schema(
        responses={200: MessageSerializer(many=True), **ERRORS},
        summary="The iJw messages of a case",
        description="Envelopes (kind, identification, status, return codes), newest first.",
    )
    def get(self, request, pk: int):
        case = self.case(pk)
        rows = case_messages(case)
        self.audited(case, *rows)
        return Response(MessageSerializer(rows, many=True).data)


class MessagePagination(CursorPagination):
    ordering = ("-created_at", "-id")
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class MessageList(generics.ListAPIView):
    permission_classes = PERMISSIONS
    required_permissions = ("ijw.view_message",)
    serializer_class = MessageSerializer
    pagination_class = MessagePagination

    def get_queryset(self):
        params = self.request.query_params
        return filtered(
            messages_visible_to(self.request.user),
            kind=params.get("kind", ""),
            show=params.get("show", ""),
        ).select_related("provider", "case")

    @extend_schema(
        summary="iJw messages",
        description="A team lead's team's messages and those without a case; for the "
        "functional administrator every envelope. `kind` (JW301…), `show` (problem, "
        "pending, placement). Paginated by cursor.",
    )
    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        log_read(request, page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class MessageDetail(generics.GenericAPIView):
    permission_classes = PERMISSIONS
    required_permissions = ("ijw.view_message",)

    @extend_schema(responses={200: MessageDetailSerializer, **ERRORS}, summary="One iJw message")
    def get(self, request, pk: int):
        try:
            message = message_detail(request.user, pk)
        except Message.DoesNotExist as exc:
            raise NotFound() from exc
        readable = may_read_content(request.user, message)
        log_read(request, message)
        body = MessageSerializer(message).data
        body["content"] = message.xml if readable else None
        return Response(body)


class ProviderPagination(CursorPagination):
    ordering = ("name", "id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ProviderList(generics.ListAPIView):
    permission_classes = PERMISSIONS
    required_permissions = ("providers.view_provider",)
    serializer_class = ProviderSerializer
    pagination_class = ProviderPagination

    def get_queryset(self):
        return providers_with_counts().prefetch_related("products__profile")

    @extend_schema(
        summary="The provider catalogue",
        description="Providers with what each is contracted for (category, code, profile, "
        "unit, tariff). Paginated by cursor.",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class NotGrantedCounts(generics.GenericAPIView):
    permission_classes = PERMISSIONS
    required_permissions = ("accounts.view_aggregates",)

    @extend_schema(
        parameters=[FigureFilterSerializer],
        responses={200: CountSerializer(many=True), 400: ErrorSerializer, 403: ErrorSerializer},
        summary="Not granted, and why: counts per reason and period",
        description="Recommendation 1c: what was asked for but not granted, per coded "
        "reason (and law) and month or quarter. Aggregates; counts below the threshold "
        "are `<5`.",
    )
    def get(self, request):
        filters = FigureFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        threshold = settings.WIJKTEAM_SMALL_COUNT_THRESHOLD
        rows = not_granted_counts(data["start"], data["end"], period=data["period"])
        body = [
            {
                "period": row.period,
                "key": row.key,
                "detail": row.detail,
                "count": suppress_small_count(row.count, threshold),
            }
            for row in rows
        ]
        return Response(CountSerializer(body, many=True).data)
