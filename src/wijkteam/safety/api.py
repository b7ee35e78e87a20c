"""API for safety records: the case's safety summary, assessments and their four-eyes
review, signals, the reporting code, reports to Veilig Thuis (with the role-conflict
warning), the reporting role, Verwijsindex registrations and crisis exceptions."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from wijkteam.accounts.models import User
from wijkteam.assessment.api import (
    CONFLICT,
    ERRORS,
    WRITE_ERRORS,
    AssessmentApiView,
    _member,
    _verdict,
)
from wijkteam.assessment.models import Consultation
from wijkteam.audit.log import AuditContext
from wijkteam.core.api import ErrorSerializer
from wijkteam.people.queries import household_detail

from . import services
from .models import SafetyAssessment
from .queries import active_instrument, safety_overview
from .serializers import (
    AssessmentInputSerializer,
    AssessmentSerializer,
    CrisisExceptionSerializer,
    CrisisInputSerializer,
    IndexInputSerializer,
    IndexRegistrationSerializer,
    ProcedureInputSerializer,
    ProcedureSerializer,
    ReporterSerializer,
    ReportingRoleInputSerializer,
    ReportInputSerializer,
    ReportResultSerializer,
    ReportSerializer,
    ReviewInputSerializer,
    RiskInstrumentSerializer,
    SafetySummarySerializer,
    SignalInputSerializer,
    SignalSerializer,
)


class SafetyApiView(AssessmentApiView):
    read_permissions = ("safety.view_safety",)
    write_permissions = ("safety.view_safety", "safety.record_safety")

    def colleague(self, case, user_id, field: str) -> User:
        user = User.objects.filter(pk=user_id, team_id=case.team_id, is_active=True).first()
        if user is None:
            raise ValidationError({field: [_("Choose a member of the case's own team.")]})
        return user

    def member(self, case, resident_id, field: str):
        return _member(household_detail(self.request.user, case.household_id), resident_id, field)


class SafetySummary(SafetyApiView):
    @extend_schema(
        responses={200: SafetySummarySerializer, **ERRORS},
        summary="Safety of a case",
        description="The safety gate's verdict, assessments, the signals of every household "
        "member together, reporting-code procedures, reports, role conflict, reporting role, "
        "Verwijsindex registrations and crisis exceptions.",
    )
    def get(self, request, pk: int):
        case = self.case(pk)
        data = safety_overview(case, timezone.localdate())
        signals = [signal for person in data.signals_by_person for signal in person.signals]
        self.audited(case, *(person.resident for person in data.signals_by_person))
        body = {
            "verdict": _verdict(data.verdict),
            "assessments": data.assessments,
            "signals": signals,
            "signals_warning": _verdict(data.signals_warning),
            "procedures": data.procedures,
            "reports": data.reports,
            "role_conflict": _verdict(data.role_conflict),
            "reporters": data.reporters,
            "index_registrations": data.index_registrations,
            "crisis_exceptions": data.crisis_exceptions,
        }
        return Response(SafetySummarySerializer(body).data)


class ActiveRiskInstrument(SafetyApiView):
    @extend_schema(
        responses={200: RiskInstrumentSerializer, **ERRORS},
        summary="The risk-assessment instrument in use",
    )
    def get(self, request):
        instrument = active_instrument()
        if instrument is None:
            raise NotFound()
        return Response(RiskInstrumentSerializer(instrument).data)


class SafetyAssessmentCreate(SafetyApiView):
    rule_fields = {
        "risk_items_unanswered": "answers",
        "conclusion_missing": "conclusion",
        "assessed_in_future": "assessed_on",
        "reassess_missing": "reassess_on",
        "reassess_too_early": "reassess_on",
        "reassess_too_late": "reassess_on",
        "consultation_not_safety_officer": "safety_officer_consultation",
    }

    @extend_schema(
        request=AssessmentInputSerializer,
        responses={201: AssessmentSerializer, **WRITE_ERRORS},
        summary="Assess safety with the instrument in use",
        description="Every item needs an answer (`answers`: item and option ids). The "
        "assessment awaits review by a second colleague; only then does it count.",
    )
    def post(self, request, pk: int):
        case = self.case(pk)
        instrument = active_instrument()
        if instrument is None:
            raise NotFound()
        serializer = AssessmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        consultation = None
        if data["safety_officer_consultation"] is not None:
            consultation = Consultation.objects.filter(
                pk=data["safety_officer_consultation"], case=case
            ).first()
        assessment = services.record_safety_assessment(
            AuditContext.from_request(request),
            case,
            services.AssessmentInput(
                answers={a["item"]: a["option"] for a in data["answers"]},
                conclusion=data["conclusion"],
                assessed_on=data["assessed_on"],
                reassess_on=data["reassess_on"],
                safety_officer_consultation=consultation,
            ),
            instrument=instrument,
            actor=request.user,
        )
        self.audited(case)
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)


class SafetyAssessmentReview(SafetyApiView):
    write_permissions = ("safety.view_safety", "safety.review_safetyassessment")
    rule_fields = {"review_note_missing": "note"}

    @extend_schema(
        request=ReviewInputSerializer,
        responses={200: AssessmentSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Four eyes: a second colleague completes or returns an assessment",
        description="`review_same_person` when the author tries; a return needs a `note`.",
    )
    def post(self, request, pk: int, assessment_pk: int):
        case = self.case(pk)
        assessment = SafetyAssessment.objects.filter(case=case, pk=assessment_pk).first()
        if assessment is None:
            raise NotFound()
        serializer = ReviewInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assessment = services.review_safety_assessment(
            AuditContext.from_request(request),
            assessment,
            approve=data["approve"],
            note=data["note"],
            actor=request.user,
            expected_version=data["version"],
        )
        self.audited(case)
        return Response(AssessmentSerializer(assessment).data)


class SignalCreate(SafetyApiView):
    rule_fields = {"observed_in_future": "observed_on", "not_in_household": "resident"}

    @extend_schema(
        request=SignalInputSerializer,
        responses={201: SignalSerializer, **WRITE_ERRORS},
        summary="Record a signal about a household member",
    )
    def post(self, request, pk: int):
        case = self.case(pk)
        serializer = SignalInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        signal = services.record_signal(
            AuditContext.from_request(request),
            case,
            resident=self.member(case, data["resident"], "resident"),
            observed_on=data["observed_on"],
            description=data["description"],
            source=data["source"],
            actor=request.user,
        )
        self.audited(case, signal.resident)
        return Response(SignalSerializer(signal).data, status=status.HTTP_201_CREATED)


class ReportingCode(SafetyApiView):
    rule_fields = {
        "step_1_missing": "signals_summary",
        "step_2_missing": "colleague",
        "colleague_is_self": "colleague",
        "step_3_missing": "family_talked_on",
        "step_5_note_missing": "decision_note",
    }

    @extend_schema(
        request=ProcedureInputSerializer,
        responses={200: ProcedureSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Record the reporting code's steps; with `conclude`, decide (step 5)",
        description="The decision (`outcome`: close, report or help) follows from the "
        "decision framework's five questions; refusals name the missing step or question.",
    )
    def put(self, request, pk: int):
        case = self.case(pk)
        serializer = ProcedureInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        conclude, version = data.pop("conclude"), data.pop("version")
        if data["colleague"] is not None:
            data["colleague"] = self.colleague(case, data["colleague"], "colleague")
        procedure = services.save_reporting_code(
            AuditContext.from_request(request),
            case,
            data,
            conclude=conclude,
            actor=request.user,
            expected_version=version,
        )
        self.audited(case)
        return Response(ProcedureSerializer(procedure).data)


class ReportCreate(SafetyApiView):
    rule_fields = {
        "no_children": "children",
        "reported_in_future": "reported_on",
        "summary_missing": "summary",
    }

    @extend_schema(
        request=ReportInputSerializer,
        responses={201: ReportResultSerializer, **WRITE_ERRORS},
        summary="Record a report to Veilig Thuis",
        description="`warnings` holds `role_conflict` when the reporter is also the family's "
        "case worker and no second worker holds the reporting role.",
    )
    def post(self, request, pk: int):
        case = self.case(pk)
        serializer = ReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        report, conflict = services.record_veilig_thuis_report(
            AuditContext.from_request(request),
            case,
            reported_on=data["reported_on"],
            reported_by=self.colleague(case, data["reported_by"], "reported_by"),
            reference=data["reference"],
            children=[self.member(case, pk_, "children") for pk_ in data["children"]],
            summary=data["summary"],
            actor=request.user,
        )
        self.audited(case, *report.children.all())
        warnings = [{"code": w.code, "message": w.message} for w in conflict.warnings]
        body = {**ReportSerializer(report).data, "warnings": warnings}
        return Response(body, status=status.HTTP_201_CREATED)


class ReportingRoleCreate(SafetyApiView):
    rule_fields = {"reporter_is_case_worker": "worker", "other_team": "worker"}

    @extend_schema(
        request=ReportingRoleInputSerializer,
        responses={201: ReporterSerializer, **WRITE_ERRORS},
        summary="Let a second worker take the reporting role (role conflict)",
    )
    def post(self, request, pk: int):
        case = self.case(pk)
        serializer = ReportingRoleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        role = services.assign_reporting_role(
            AuditContext.from_request(request),
            case,
            worker=self.colleague(case, data["worker"], "worker"),
            reason=data["reason"],
            actor=request.user,
        )
        return Response(ReporterSerializer(role).data, status=status.HTTP_201_CREATED)


class IndexRegistrationCreate(SafetyApiView):
    rule_fields = {"index_age": "youth", "registered_in_future": "registered_on"}

    @extend_schema(
        request=IndexInputSerializer,
        responses={201: IndexRegistrationSerializer, **WRITE_ERRORS},
        summary="Record a registration in the Verwijsindex Risicojongeren",
    )
    def post(self, request, pk: int):
        case = self.case(pk)
        serializer = IndexInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        registration = services.register_in_index(
            AuditContext.from_request(request),
            case,
            youth=self.member(case, data["youth"], "youth"),
            registered_on=data["registered_on"],
            note=data["note"],
            actor=request.user,
        )
        self.audited(case, registration.youth)
        return Response(
            IndexRegistrationSerializer(registration).data, status=status.HTTP_201_CREATED
        )


class CrisisExceptionCreate(SafetyApiView):
    rule_fields = {"crisis_reason_missing": "reason"}

    @extend_schema(
        request=CrisisInputSerializer,
        responses={
            201: CrisisExceptionSerializer,
            **WRITE_ERRORS,
            400: OpenApiResponse(ErrorSerializer, description="`crisis_reason_missing`."),
        },
        summary="Crisis care without a current safety assessment: record why",
        description="The assessment is then due within WIJKTEAM_CRISIS_SAFETY_DUE_WORKING_DAYS "
        "working days (`assessment_due_on`).",
    )
    def post(self, request, pk: int):
        case = self.case(pk)
        serializer = CrisisInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        exception = services.record_crisis_exception(
            AuditContext.from_request(request),
            case,
            reason=serializer.validated_data["reason"],
            actor=request.user,
        )
        return Response(CrisisExceptionSerializer(exception).data, status=status.HTTP_201_CREATED)
