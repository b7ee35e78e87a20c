"""API for question clarification, the child's voice, the explanatory analysis,
consultations and life domains. Thin like the pages: the case or household comes from a
`queries.py` function (another team's is a 404), a service makes the change, every
response with personal data is audited, errors become the project's error body."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkteam.accounts.models import User
from wijkteam.audit.log import AuditContext, log_read
from wijkteam.cases.api import PERMISSIONS, _case_or_404
from wijkteam.cases.models import OPEN_STATUSES
from wijkteam.core.api import ErrorSerializer
from wijkteam.people.models import Household
from wijkteam.people.queries import household_detail

from . import services
from .models import (
    Consultation,
    ExplanatoryAnalysis,
    LifeDomain,
    LifeDomainAssessment,
    LifeDomainLevel,
)
from .queries import (
    child_voice_rows,
    child_voice_verdict_for_case,
    clarification_of,
    clarification_verdict_for_case,
)
from .rules import ChildVoiceInput
from .serializers import (
    AdviceInputSerializer,
    AnalysisInputSerializer,
    AnalysisOutputSerializer,
    ChildVoiceInputSerializer,
    ChildVoiceOutputSerializer,
    ClarificationInputSerializer,
    ClarificationOutputSerializer,
    ConsultationInputSerializer,
    ConsultationSerializer,
    InstrumentSerializer,
    LifeDomainAssessmentInputSerializer,
    LifeDomainAssessmentSerializer,
)

READ = ("assessment.view_assessment",)
WRITE = ("assessment.view_assessment", "assessment.record_assessment")
INVALID = OpenApiResponse(
    ErrorSerializer,
    description="Invalid input (`fields` per field) or a rule's refusal (`code` is the "
    "rule's reason code, e.g. `child_voice_missing`… see docs/api.md).",
)
CONFLICT = OpenApiResponse(ErrorSerializer, description="`conflict`: the `version` is stale.")
ERRORS = {403: ErrorSerializer, 404: ErrorSerializer}
WRITE_ERRORS = {400: INVALID, **ERRORS}


class AssessmentApiView(APIView):
    """GET needs the view permission, other methods the record permission too."""

    permission_classes = PERMISSIONS
    parser_classes = [JSONParser]
    read_permissions: tuple[str, ...] = READ
    write_permissions: tuple[str, ...] = WRITE

    @property
    def required_permissions(self):
        return self.read_permissions if self.request.method == "GET" else self.write_permissions

    def case(self, pk: int):
        return _case_or_404(self.request.user, pk)

    def audited(self, case, *extra):
        log_read(self.request, [case, case.household, *extra])


def _verdict(verdict) -> dict:
    return {"allowed": verdict.allowed, "reasons": verdict.reasons, "warnings": verdict.warnings}


def _member(household, resident_id: int, field: str):
    for membership in household.memberships.all():
        if membership.resident_id == resident_id:
            return membership.resident
    raise ValidationError({field: [_("This person is not a member of this household.")]})


class ClarificationView(AssessmentApiView):
    rule_fields: dict = {}

    def _body(self, case):
        record = clarification_of(case)
        body = (
            {
                name: getattr(record, name)
                for name in ClarificationInputSerializer().fields
                if name != "version"
            }
            if record
            else {}
        )
        body.update(
            version=record.version if record else 1,
            updated_at=record.updated_at if record else None,
            verdict=_verdict(clarification_verdict_for_case(case)),
        )
        return ClarificationOutputSerializer(body).data

    @extend_schema(
        responses={200: ClarificationOutputSerializer, **ERRORS},
        summary="The question clarification of a case",
        description="The findings of the six steps and whether steps 1–5 allow considering "
        "a customised provision (`verdict`, with a reason per step that falls short).",
    )
    def get(self, request, pk: int):
        case = self.case(pk)
        self.audited(case)
        return Response(self._body(case))

    @extend_schema(
        request=ClarificationInputSerializer,
        responses={200: ClarificationOutputSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Record the six steps' findings",
    )
    def put(self, request, pk: int):
        case = self.case(pk)
        serializer = ClarificationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        findings = dict(serializer.validated_data)
        version = findings.pop("version")
        services.save_clarification(
            AuditContext.from_request(request),
            case,
            findings,
            actor=request.user,
            expected_version=version,
        )
        self.audited(case)
        return Response(self._body(case))


class ChildVoiceView(AssessmentApiView):
    rule_fields = {
        "child_voice_date": "spoken_on",
        "child_voice_setting": "setting",
        "child_voice_by": "spoken_by",
        "child_voice_reason": "reason",
        "child_voice_not_too_young": "reason",
        "child_voice_reason_text": "reason_text",
        "not_a_child": "child",
        "not_in_household": "child",
    }

    def _body(self, case):
        today = timezone.localdate()
        rows = child_voice_rows(case, today)
        self.audited(case, *(row.child for row in rows))
        return ChildVoiceOutputSerializer(
            {"children": rows, "verdict": _verdict(child_voice_verdict_for_case(case, today))}
        ).data

    @extend_schema(
        responses={200: ChildVoiceOutputSerializer, **ERRORS},
        summary="The child's voice for every child of the case",
        description="Per child under 18: spoken to (on a record or at a contact moment) or "
        "the reason not; `verdict` says whether every child has one (the plan needs it).",
    )
    def get(self, request, pk: int):
        return Response(self._body(self.case(pk)))

    @extend_schema(
        request=ChildVoiceInputSerializer,
        responses={201: ChildVoiceOutputSerializer, **WRITE_ERRORS},
        summary="Record that a child was spoken to, or why not",
    )
    def post(self, request, pk: int):
        case = self.case(pk)
        serializer = ChildVoiceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        household = household_detail(request.user, case.household_id)
        child = _member(household, data["child"], "child")
        services.record_child_voice(
            AuditContext.from_request(request),
            case,
            child,
            ChildVoiceInput(
                spoken_to=data["spoken_to"],
                spoken_on=data["spoken_on"],
                setting=data["setting"],
                spoken_by_id=data["spoken_by"]
                if User.objects.filter(pk=data["spoken_by"], team_id=case.team_id).exists()
                else None,
                reason=data["reason"],
                reason_text=data["reason_text"],
            ),
            child_view=data["child_view"],
            actor=request.user,
        )
        return Response(self._body(case), status=status.HTTP_201_CREATED)


class ExplanatoryAnalysisView(AssessmentApiView):
    def _body(self, case):
        analysis = ExplanatoryAnalysis.objects.filter(case=case).first()
        versions = list(analysis.versions.select_related("written_by")) if analysis else []
        return AnalysisOutputSerializer(
            {"version": analysis.version if analysis else 1, "versions": versions}
        ).data

    @extend_schema(
        responses={200: AnalysisOutputSerializer, **ERRORS},
        summary="The explanatory analysis of a case, every version",
    )
    def get(self, request, pk: int):
        case = self.case(pk)
        self.audited(case)
        return Response(self._body(case))

    @extend_schema(
        request=AnalysisInputSerializer,
        responses={201: AnalysisOutputSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Write a new version of the explanatory analysis",
    )
    def post(self, request, pk: int):
        case = self.case(pk)
        serializer = AnalysisInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version")
        services.write_explanatory_analysis(
            AuditContext.from_request(request),
            case,
            services.AnalysisInput(**data),
            actor=request.user,
            expected_version=version,
        )
        self.audited(case)
        return Response(self._body(case), status=status.HTTP_201_CREATED)


class ConsultationList(AssessmentApiView):
    rule_fields = {"consultant_role": "consultant", "asked_in_future": "asked_on"}

    @extend_schema(
        responses={200: ConsultationSerializer(many=True), **ERRORS},
        summary="Consultations on a case",
    )
    def get(self, request, pk: int):
        case = self.case(pk)
        consultations = list(Consultation.objects.filter(case=case).select_related("consultant"))
        self.audited(case)
        return Response(ConsultationSerializer(consultations, many=True).data)

    @extend_schema(
        request=ConsultationInputSerializer,
        responses={201: ConsultationSerializer, **WRITE_ERRORS},
        summary="Consult a behavioural expert, GZ-psychologist or safety officer",
    )
    def post(self, request, pk: int):
        case = self.case(pk)
        serializer = ConsultationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        consultant = None
        if data["consultant"] is not None:
            consultant = User.objects.filter(pk=data["consultant"], team_id=case.team_id).first()
            if consultant is None:
                raise ValidationError(
                    {"consultant": [_("Choose a member of the case's own team.")]}
                )
        consultation = services.ask_consultation(
            AuditContext.from_request(request),
            case,
            kind=data["kind"],
            consultant=consultant,
            question=data["question"],
            asked_on=data["asked_on"],
            actor=request.user,
        )
        self.audited(case)
        return Response(ConsultationSerializer(consultation).data, status=status.HTTP_201_CREATED)


class AdviceView(AssessmentApiView):
    rule_fields = {"advice_missing": "advice", "advice_date": "advised_on"}

    @extend_schema(
        request=AdviceInputSerializer,
        responses={200: ConsultationSerializer, 409: CONFLICT, **WRITE_ERRORS},
        summary="Record the advice of a consultation",
    )
    def post(self, request, pk: int, consultation_pk: int):
        case = self.case(pk)
        consultation = Consultation.objects.filter(case=case, pk=consultation_pk).first()
        if consultation is None:
            raise NotFound()
        serializer = AdviceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        consultation = services.record_advice(
            AuditContext.from_request(request),
            consultation,
            advice=data["advice"],
            advised_on=data["advised_on"],
            actor=request.user,
            expected_version=data["version"],
        )
        self.audited(case)
        return Response(ConsultationSerializer(consultation).data)


class LifeDomainInstrument(AssessmentApiView):
    @extend_schema(
        responses={200: InstrumentSerializer, 403: ErrorSerializer},
        summary="The configured life domains and levels",
    )
    def get(self, request):
        return Response(
            InstrumentSerializer(
                {
                    "domains": LifeDomain.objects.filter(active=True),
                    "levels": LifeDomainLevel.objects.all(),
                }
            ).data
        )


class HouseholdLifeDomains(AssessmentApiView):
    rule_fields = {
        "assessed_in_future": "assessed_on",
        "assessed_before_birth": "assessed_on",
        "no_scores": "scores",
        "unknown_score": "scores",
    }

    def household(self, pk: int) -> Household:
        try:
            return household_detail(self.request.user, pk)
        except Household.DoesNotExist as exc:
            raise NotFound() from exc

    @extend_schema(
        responses={200: LifeDomainAssessmentSerializer(many=True), **ERRORS},
        summary="A household's life-domain assessments, newest first",
    )
    def get(self, request, pk: int):
        household = self.household(pk)
        assessments = list(
            LifeDomainAssessment.objects.filter(household=household)
            .select_related("assessed_by")
            .prefetch_related("scores__level")
        )
        log_read(request, [household, *(m.resident for m in household.memberships.all())])
        return Response(LifeDomainAssessmentSerializer(assessments, many=True).data)

    @extend_schema(
        request=LifeDomainAssessmentInputSerializer,
        responses={201: LifeDomainAssessmentSerializer, **WRITE_ERRORS},
        summary="Score a household member's life domains",
    )
    def post(self, request, pk: int):
        household = self.household(pk)
        serializer = LifeDomainAssessmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        resident = _member(household, data["resident"], "resident")
        assessment = services.record_life_domain_assessment(
            AuditContext.from_request(request),
            household,
            resident,
            assessed_on=data["assessed_on"],
            scores={score["domain"]: score["level"] for score in data["scores"]},
            note=data["note"],
            case=household.cases.filter(status__in=OPEN_STATUSES).first(),
            actor=request.user,
        )
        log_read(request, [household, resident])
        return Response(
            LifeDomainAssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED
        )
