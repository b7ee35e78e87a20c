"""Registry entries for the assessment and safety pages and endpoints (see registry.py)."""

from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.assessment.models import Consultation
from wijkteam.safety.models import RiskInstrument, SafetyAssessment

from .registry_base import CASEWORK, DOCUMENT, Endpoint, url

RECORDERS = frozenset(
    {Role.CASE_WORKER, Role.BEHAVIOURAL_EXPERT, Role.SAFETY_OFFICER, Role.TEAM_LEAD}
)


def _case(world):
    return world.case.pk


def _other(world):
    return world.other_case.pk


def consultation_of(case, worker) -> Consultation:
    """The case's first consultation, made when there is none (for the registry's URLs)."""
    found = Consultation.objects.filter(case=case).first()
    return found or Consultation.objects.create(
        case=case,
        kind="behavioural_expert",
        question="Past dit gedrag bij de leeftijd?",
        asked_on=timezone.localdate(),
        asked_by=worker,
        recorded_at=timezone.now(),
    )


def assessment_of(case, worker, status="returned") -> SafetyAssessment:
    found = SafetyAssessment.objects.filter(case=case).first()
    today = timezone.localdate()
    return found or SafetyAssessment.objects.create(
        case=case,
        instrument=RiskInstrument.objects.first(),
        assessed_on=today,
        assessed_by=worker,
        risk_level="low",
        conclusion="Geen zorgen.",
        reassess_on=today,
        status=status,
        recorded_at=timezone.now(),
    )


def _consultation(world):
    return consultation_of(world.case, world.users[Role.CASE_WORKER]).pk


def _other_consultation(world):
    return consultation_of(world.other_case, world.users[Role.CASE_WORKER]).pk


def _assessment(world):
    return assessment_of(world.case, world.users[Role.CASE_WORKER]).pk


def _other_assessment(world):
    return assessment_of(world.other_case, world.users[Role.CASE_WORKER]).pk


def _member(world):
    return world.household.members.first().pk


def _case_page(route, allowed, *args):
    return Endpoint(route, url(route, _case, *args), allowed, personal_data=True)


ASSESSMENT_ENDPOINTS: tuple = (
    _case_page("assessment:clarification", RECORDERS),
    _case_page("assessment:clarification_summary", CASEWORK),
    _case_page("assessment:explanatory_analysis", CASEWORK),
    _case_page("assessment:child_voice", CASEWORK),
    _case_page("assessment:consultations", CASEWORK),
    _case_page("assessment:advice", RECORDERS, _consultation),
    Endpoint(
        "assessment:clarification_pdf",
        url("assessment:clarification_pdf", _case),
        CASEWORK,
        personal_data=True,
        tags=frozenset({DOCUMENT}),  # a PDF, not a page: no axe run
    ),
    Endpoint(
        "assessment:life_domains",
        url("assessment:life_domains", lambda w: w.household.pk, _member),
        CASEWORK,
        personal_data=True,
    ),
    _case_page("safety:overview", CASEWORK),
    _case_page("safety:new_assessment", RECORDERS),
    _case_page("safety:assessment", CASEWORK, _assessment),
    _case_page("safety:revise_assessment", RECORDERS, _assessment),
    _case_page("safety:signal", RECORDERS),
    _case_page("safety:reporting_code", RECORDERS),
    _case_page("safety:report", RECORDERS),
    _case_page("safety:reporting_role", RECORDERS),
    _case_page("safety:index_registration", RECORDERS),
)

ASSESSMENT_OTHER_TEAM_URLS: tuple = (
    *(
        (route, url(route, _other))
        for route in (
            "assessment:clarification",
            "assessment:clarification_summary",
            "assessment:clarification_pdf",
            "assessment:explanatory_analysis",
            "assessment:child_voice",
            "assessment:consultations",
            "safety:overview",
            "safety:new_assessment",
            "safety:signal",
            "safety:reporting_code",
            "safety:report",
            "safety:reporting_role",
            "safety:index_registration",
        )
    ),
    ("assessment:advice", url("assessment:advice", _other, _other_consultation)),
    ("safety:assessment", url("safety:assessment", _other, _other_assessment)),
    ("safety:revise_assessment", url("safety:revise_assessment", _other, _other_assessment)),
    (
        "assessment:life_domains",
        url(
            "assessment:life_domains",
            lambda w: w.other_household.pk,
            lambda w: w.other_household.members.first().pk,
        ),
    ),
)


def _api(route, *args, personal_data=True, ok_status=200):
    return Endpoint(
        route,
        url(route, *args),
        CASEWORK,
        api=True,
        personal_data=personal_data,
        ok_status=ok_status,
    )


# Writing endpoints answer a GET from a reading role with 405 (after the permission
# check); tests/assessment/test_api.py and tests/safety/test_api.py cover the writes.
ASSESSMENT_API_ENDPOINTS: tuple = (
    _api("api:clarification", _case),
    _api("api:child-voice", _case),
    _api("api:explanatory-analysis", _case),
    _api("api:consultations", _case),
    _api("api:consultation-advice", _case, _consultation, personal_data=False, ok_status=405),
    _api("api:life-domains", personal_data=False),
    _api("api:life-domain-assessments", lambda w: w.household.pk),
    _api("api:safety", _case),
    _api("api:risk-instrument", personal_data=False),
    *(
        _api(route, _case, personal_data=False, ok_status=405)
        for route in (
            "api:safety-assessment-create",
            "api:safety-signals",
            "api:reporting-code",
            "api:veilig-thuis-reports",
            "api:reporting-role",
            "api:risk-youth-index",
            "api:crisis-exceptions",
        )
    ),
    _api("api:safety-assessment-review", _case, _assessment, personal_data=False, ok_status=405),
)

ASSESSMENT_API_OTHER_TEAM_URLS: tuple = (
    *(
        (route, url(route, _other))
        for route in (
            "api:clarification",
            "api:child-voice",
            "api:explanatory-analysis",
            "api:consultations",
            "api:safety",
        )
    ),
    (
        "api:life-domain-assessments",
        url("api:life-domain-assessments", lambda w: w.other_household.pk),
    ),
)
