"""API for support plans, goals, actions, agreement, versions, evaluations, closure and
the community offers. Thin like the pages: the plan comes from `queries.plan_detail`
(another team's is a 404), a service makes the change, every response with personal data
is audited, rule refusals and conflicts become the project's error body."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkteam.assessment.models import LifeDomain
from wijkteam.audit.log import AuditContext, log_read
from wijkteam.cases.api import PERMISSIONS, _case_or_404
from wijkteam.catalogue.queries import OfferSearch, search_offers
from wijkteam.core.api import ErrorSerializer
from wijkteam.core.navigation import roles_of

from . import services
from .models import Closure, Evaluation, Goal, PlanVersion, SupportPlan
from .queries import (
    active_goals,
    agreement_gate,
    evaluation_due_for,
    loose_actions,
    open_plan_of_case,
    plan_detail,
    repeated_call_for_case,
)
from .rules import AgreementInput, closure_reason_label
from .serializers import (
    ActionInputSerializer,
    AgreedSerializer,
    AgreementInputSerializer,
    ClosureInputSerializer,
    ClosureSerializer,
    CoordinationInputSerializer,
    EvaluationInputSerializer,
    EvaluationSerializer,
    GoalInputSerializer,
    OfferFilterSerializer,
    OfferSerializer,
    PlanSerializer,
    PlanVersionSerializer,
    StartPlanInputSerializer,
)
from .versions import diff_snapshots

READ = ("plans.view_plan",)
WRITE = ("plans.view_plan", "plans.record_plan")
INVALID = OpenApiResponse(
    ErrorSerializer,
    description="Invalid input (`fields` per field) or a rule's refusal (`code` is the "
    "rule's reason code, e.g. `child_voice_missing`, `safety_assessment_missing`, "
    "`closure_reason` — see docs/api.md).",
)
CONFLICT = OpenApiResponse(ErrorSerializer, description="`conflict`: the `version` is stale.")
ERRORS = {403: ErrorSerializer, 404: ErrorSerializer}
WRITE_ERRORS = {400: INVALID, **ERRORS}


class PlanApiView(APIView):
    """GET needs the view permission, other methods the record permission too."""

    permission_classes = PERMISSIONS
    parser_classes = [JSONParser]

    @property
    def required_permissions(self):
        return READ if self.request.method == "GET" else WRITE

    def plan(self, pk: int) -> SupportPlan:
        try:
            return plan_detail(self.request.user, pk)
        except SupportPlan.DoesNotExist as exc:
            raise NotFound() from exc

    def audited(self, plan: SupportPlan) -> None:
        members = [m.resident for m in plan.household.memberships.all()]
        log_read(self.request, [plan, plan.case, plan.household, *members])

    def valid(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


def _verdict(verdict) -> dict:
    return {"allowed": verdict.allowed, "reasons": verdict.reasons, "warnings": verdict.warnings}


def plan_body(plan: SupportPlan) -> dict:
    plan = plan_detail_unchecked(plan.pk)
    today = timezone.localdate()
    goals = active_goals(plan)
    due = evaluation_due_for(plan)
    repeated = repeated_call_for_case(plan.case)
    return PlanSerializer(
        {
            **{field: getattr(plan, field) for field in PLAN_FIELDS},
            "id": plan.pk,
            "case_id": plan.case_id,
            "household_id": plan.household_id,
            "goals": goals,
            "actions": loose_actions(plan),
            "next_evaluation": {"due_on": due.due_on, "basis": due.basis, "label": due.label}
            if due
            else None,
            "gate": _verdict(agreement_gate(plan, goals, today)),
            "repeated_call_on": repeated[0] if repeated else None,
        }
    ).data


PLAN_FIELDS = (
    "status",
    "version",
    "summary",
    "coordinator",
    "process_coordination",
    "process_coordination_by",
    "content_coordination",
    "content_coordination_by",
    "court_measure",
    "agreed_version",
    "first_agreed_on",
)


def plan_detail_unchecked(pk: int) -> SupportPlan:
    """The plan as just changed, for the response (the caller already may see it)."""
    return SupportPlan.objects.select_related("case", "household", "coordinator").get(pk=pk)


PLAN_RULE_FIELDS = {
    "coordinator_team": "coordinator",
    "goal_life_domain": "life_domain",
    "goal_text": "result",
    "not_in_household": "person",
    "action_goal": "goal",
    "action_text": "description",
    "action_done_future": "done_on",
    "agreement_date": "agreed_on",
    "agreement_how": "how",
    "agreement_no_parent": "parents",
    "agreement_not_member": "parents",
    "agreement_child_missing": "children_note",
}


class CasePlan(PlanApiView):
    rule_fields = PLAN_RULE_FIELDS

    @extend_schema(
        responses={200: PlanSerializer, **ERRORS},
        summary="The case's open support plan",
        description="404 when the case has no open plan (start one with POST).",
    )
    def get(self, request, pk: int):
        plan = open_plan_of_case(_case_or_404(request.user, pk))
        if plan is None:
            raise NotFound()
        plan = self.plan(plan.pk)
        self.audited(plan)
        return Response(plan_body(plan))

    @extend_schema(
        request=StartPlanInputSerializer,
        responses={201: PlanSerializer, **WRITE_ERRORS},
        summary="Start the family's support plan",
        description="One family, one plan: `plan_exists` when the household has an open "
        "plan; `plan_case_status` before triage or after closure.",
    )
    def post(self, request, pk: int):
        case = _case_or_404(request.user, pk)
        data = self.valid(StartPlanInputSerializer)
        plan = services.start_plan(
            AuditContext.from_request(request), case, actor=request.user, summary=data["summary"]
        )
        plan = self.plan(plan.pk)
        self.audited(plan)
        return Response(plan_body(plan), status=status.HTTP_201_CREATED)


class PlanDetail(PlanApiView):
    rule_fields = PLAN_RULE_FIELDS

    @extend_schema(
        responses={200: PlanSerializer, **ERRORS},
        summary="A support plan",
        description="Coordination, goals with their actions, the next evaluation, and "
        "`gate`: may the plan be agreed now (its own rules, the child's voice, safety)?",
    )
    def get(self, request, pk: int):
        plan = self.plan(pk)
        self.audited(plan)
        return Response(plan_body(plan))

    @extend_schema(
        request=CoordinationInputSerializer,
        responses={200: PlanSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Change the coordination and the summary",
    )
    def put(self, request, pk: int):
        plan = self.plan(pk)
        data = self.valid(CoordinationInputSerializer)
        services.update_coordination(
            AuditContext.from_request(request),
            plan,
            services.CoordinationInput(
                coordinator_id=data["coordinator"],
                process_coordination=data["process_coordination"],
                process_coordination_by=data["process_coordination_by"],
                content_coordination=data["content_coordination"],
                content_coordination_by=data["content_coordination_by"],
                court_measure=data["court_measure"],
                summary=data["summary"],
            ),
            actor=request.user,
            expected_version=data["version"],
        )
        self.audited(plan)
        return Response(plan_body(plan))


def _goal_input(data) -> services.GoalInput:
    domain = LifeDomain.objects.filter(code=data["life_domain"], active=True).first()
    if domain is None:
        raise ValidationError({"life_domain": [_("Choose a life domain from the list.")]})
    return services.GoalInput(
        person_id=data["person"],
        life_domain_id=domain.pk,
        result=data["result"],
        indicator=data["indicator"],
        priority=data["priority"],
        order=data["order"],
    )


class GoalCreate(PlanApiView):
    rule_fields = PLAN_RULE_FIELDS

    @extend_schema(
        request=GoalInputSerializer,
        responses={201: PlanSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Add a goal",
        description="A goal per person (`person` null: the whole family), in the family's "
        "words, with how we know it is reached and when (`now`, `next`, `later`).",
    )
    def post(self, request, pk: int):
        plan = self.plan(pk)
        data = self.valid(GoalInputSerializer)
        services.save_goal(
            AuditContext.from_request(request),
            plan,
            _goal_input(data),
            actor=request.user,
            expected_version=data["version"],
        )
        self.audited(plan)
        return Response(plan_body(plan), status=status.HTTP_201_CREATED)


class GoalDetail(PlanApiView):
    rule_fields = PLAN_RULE_FIELDS

    def goal(self, plan, goal_pk: int) -> Goal:
        goal = Goal.objects.filter(plan=plan, pk=goal_pk, dropped_at__isnull=True).first()
        if goal is None:
            raise NotFound()
        return goal

    @extend_schema(
        request=GoalInputSerializer,
        responses={200: PlanSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Change a goal",
    )
    def put(self, request, pk: int, goal_pk: int):
        plan = self.plan(pk)
        goal = self.goal(plan, goal_pk)
        data = self.valid(GoalInputSerializer)
        services.save_goal(
            AuditContext.from_request(request),
            plan,
            _goal_input(data),
            goal=goal,
            actor=request.user,
            expected_version=data["version"],
        )
        self.audited(plan)
        return Response(plan_body(plan))

    @extend_schema(
        parameters=[OpenApiParameter("version", int, required=True, description="The plan's")],
        responses={204: None, 409: CONFLICT, **WRITE_ERRORS},
        summary="Take a goal (and its actions) off the plan",
        description="Earlier versions keep it.",
    )
    def delete(self, request, pk: int, goal_pk: int):
        plan = self.plan(pk)
        goal = self.goal(plan, goal_pk)
        version = request.query_params.get("version", "")
        if not version.isdigit():
            raise ValidationError({"version": [_("Send the plan's version.")]})
        services.drop_goal(
            AuditContext.from_request(request),
            plan,
            goal,
            actor=request.user,
            expected_version=int(version),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class ActionCreate(PlanApiView):
    rule_fields = PLAN_RULE_FIELDS

    @extend_schema(
        request=ActionInputSerializer,
        responses={201: PlanSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Add an action: who does what, by when",
    )
    def post(self, request, pk: int):
        plan = self.plan(pk)
        data = self.valid(ActionInputSerializer)
        services.save_action(
            AuditContext.from_request(request),
            plan,
            services.ActionInput(
                goal_id=data["goal"],
                description=data["description"],
                by=data["by"],
                who=data["who"],
                due_on=data["due_on"],
                done_on=data["done_on"],
            ),
            actor=request.user,
            expected_version=data["version"],
        )
        self.audited(plan)
        return Response(plan_body(plan), status=status.HTTP_201_CREATED)


class AgreementCreate(PlanApiView):
    rule_fields = PLAN_RULE_FIELDS

    @extend_schema(
        request=AgreementInputSerializer,
        responses={201: AgreedSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Record that parents and child agreed: a new version",
        description="Refused (400, every reason) unless the plan's rules allow it and the "
        "gates of ADR 0005 do: `child_voice_missing`, `safety_assessment_missing` …",
    )
    def post(self, request, pk: int):
        plan = self.plan(pk)
        data = self.valid(AgreementInputSerializer)
        version = services.agree_plan(
            AuditContext.from_request(request),
            plan,
            AgreementInput(
                agreed_on=data["agreed_on"],
                how=data["how"],
                parent_ids=frozenset(data["parents"]),
                child_ids=frozenset(data["children"]),
                children_note=data["children_note"],
                note=data["note"],
            ),
            actor=request.user,
            expected_version=data["version"],
        )
        self.audited(plan)
        body = {
            "version": version.number,
            "plan_version": SupportPlan.objects.get(pk=plan.pk).version,
            "warnings": version.warnings,
        }
        return Response(AgreedSerializer(body).data, status=status.HTTP_201_CREATED)


class VersionList(PlanApiView):
    @extend_schema(
        responses={200: PlanVersionSerializer(many=True), **ERRORS},
        summary="The agreed versions, newest first, with what changed",
    )
    def get(self, request, pk: int):
        plan = self.plan(pk)
        versions = list(
            PlanVersion.objects.filter(plan=plan)
            .select_related("agreement")
            .prefetch_related("agreement__parents", "agreement__children")
        )
        rows = [
            {
                "number": version.number,
                "created_at": version.created_at,
                "agreement": version.agreement,
                "snapshot": version.snapshot,
                "changes": diff_snapshots(versions[i + 1].snapshot, version.snapshot)
                if i + 1 < len(versions)
                else None,
            }
            for i, version in enumerate(versions)
        ]
        self.audited(plan)
        return Response(PlanVersionSerializer(rows, many=True).data)


def _evaluations(plan):
    return (
        Evaluation.objects.filter(plan=plan)
        .prefetch_related("team_members", "family_members", "results")
        .order_by("-held_on", "-id")
    )


class EvaluationList(PlanApiView):
    rule_fields = {
        "evaluation_date": "held_on",
        "evaluation_result_missing": "results",
        "evaluation_unknown_goal": "results",
        "evaluation_decision_note": "decision_note",
        "evaluation_next_date": "next_evaluation_on",
        "evaluation_team": "team_members",
        "not_in_household": "family_members",
    }

    @extend_schema(
        responses={200: EvaluationSerializer(many=True), **ERRORS},
        summary="The plan's evaluations, newest first",
    )
    def get(self, request, pk: int):
        plan = self.plan(pk)
        self.audited(plan)
        return Response(EvaluationSerializer(_evaluations(plan), many=True).data)

    @extend_schema(
        request=EvaluationInputSerializer,
        responses={201: EvaluationSerializer, **WRITE_ERRORS},
        summary="Record a start meeting, interim or final evaluation",
        description="Saved with the warning `team_absent` when nobody from the team was "
        "present (`team_members` empty): the team is always there.",
    )
    def post(self, request, pk: int):
        plan = self.plan(pk)
        data = self.valid(EvaluationInputSerializer)
        evaluation = services.record_evaluation(
            AuditContext.from_request(request),
            plan,
            services.EvaluationInput(
                kind=data["kind"],
                held_on=data["held_on"],
                team_member_ids=frozenset(data["team_members"]),
                family_member_ids=frozenset(data["family_members"]),
                others=data["others"],
                results={row["goal"]: row["result"] for row in data["results"]},
                decision=data["decision"],
                decision_note=data["decision_note"],
                next_evaluation_on=data["next_evaluation_on"],
            ),
            actor=request.user,
        )
        self.audited(plan)
        body = EvaluationSerializer(evaluation).data
        body["warnings"] = [{"code": w.code, "message": w.message} for w in evaluation.warnings]
        return Response(body, status=status.HTTP_201_CREATED)


def _closure_body(closure: Closure) -> dict:
    closure.reason = closure_reason_label(closure.reason_code)
    return ClosureSerializer(closure).data


class ClosureView(PlanApiView):
    rule_fields = {
        "closure_reason": "reason_code",
        "closure_date": "closed_on",
        "closure_result_missing": "results",
        "closure_scaled_down": "scaled_down_to",
        "closure_scaled_down_note": "scaled_down_note",
        "closure_experience": "experience_request",
    }

    @extend_schema(
        responses={200: ClosureSerializer, **ERRORS},
        summary="How the plan was closed",
        description="404 while the plan is open.",
    )
    def get(self, request, pk: int):
        plan = self.plan(pk)
        closure = Closure.objects.filter(plan=plan).prefetch_related("results").first()
        if closure is None:
            raise NotFound()
        self.audited(plan)
        return Response(_closure_body(closure))

    @extend_schema(
        request=ClosureInputSerializer,
        responses={201: ClosureSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Close the plan and its case",
        description="The national closure reason (iJw JZ588), the result of every goal, "
        "where help was scaled down to, how the family's experience was asked. The case "
        "moves to closed along its transition table. `closure_open_escalation` while an "
        "escalation is open.",
    )
    def post(self, request, pk: int):
        plan = self.plan(pk)
        data = self.valid(ClosureInputSerializer)
        closure = services.close_plan(
            AuditContext.from_request(request),
            plan,
            services.ClosureInput(
                reason_code=data["reason_code"],
                closed_on=data["closed_on"],
                results={row["goal"]: row["result"] for row in data["results"]},
                scaled_down_to=data["scaled_down_to"],
                scaled_down_note=data["scaled_down_note"],
                experience_request=data["experience_request"],
                note=data["note"],
            ),
            actor=request.user,
            roles={str(role) for role in roles_of(request.user)},
            expected_version=data["version"],
        )
        self.audited(plan)
        closure = Closure.objects.prefetch_related("results").get(pk=closure.pk)
        return Response(_closure_body(closure), status=status.HTTP_201_CREATED)


class OfferPagination(CursorPagination):
    ordering = ("name", "id")
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 50


class OfferList(generics.ListAPIView):
    """The community offers: no personal data, so no audit entry."""

    permission_classes = PERMISSIONS
    required_permissions = ("catalogue.view_communityoffer",)
    serializer_class = OfferSerializer
    pagination_class = OfferPagination

    @extend_schema(
        parameters=[OfferFilterSerializer],
        responses={200: OfferSerializer(many=True), 400: ErrorSerializer, 403: ErrorSerializer},
        summary="Search the community offers (sociale basis)",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = OfferFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        district_id = None
        if data.get("district"):
            from wijkteam.accounts.models import District

            district_id = (
                District.objects.filter(code=data["district"]).values_list("pk", flat=True).first()
            )
            if district_id is None:
                raise ValidationError({"district": [_("Unknown district.")]})
        search = OfferSearch(data["q"], data["category"], district_id, data.get("age"))
        return search_offers(self.request.user, search).prefetch_related("districts")
