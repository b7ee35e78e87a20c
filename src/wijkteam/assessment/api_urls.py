"""API routes for assessment and safety; included under the `api` namespace."""

from django.urls import path

from wijkteam.safety import api as safety

from . import api

urlpatterns: list = [
    path("cases/<int:pk>/clarification/", api.ClarificationView.as_view(), name="clarification"),
    path("cases/<int:pk>/child-voice/", api.ChildVoiceView.as_view(), name="child-voice"),
    path(
        "cases/<int:pk>/explanatory-analysis/",
        api.ExplanatoryAnalysisView.as_view(),
        name="explanatory-analysis",
    ),
    path("cases/<int:pk>/consultations/", api.ConsultationList.as_view(), name="consultations"),
    path(
        "cases/<int:pk>/consultations/<int:consultation_pk>/advice/",
        api.AdviceView.as_view(),
        name="consultation-advice",
    ),
    path("life-domains/", api.LifeDomainInstrument.as_view(), name="life-domains"),
    path(
        "households/<int:pk>/life-domain-assessments/",
        api.HouseholdLifeDomains.as_view(),
        name="life-domain-assessments",
    ),
    path("cases/<int:pk>/safety/", safety.SafetySummary.as_view(), name="safety"),
    path("risk-instrument/", safety.ActiveRiskInstrument.as_view(), name="risk-instrument"),
    path(
        "cases/<int:pk>/safety-assessments/",
        safety.SafetyAssessmentCreate.as_view(),
        name="safety-assessment-create",
    ),
    path(
        "cases/<int:pk>/safety-assessments/<int:assessment_pk>/review/",
        safety.SafetyAssessmentReview.as_view(),
        name="safety-assessment-review",
    ),
    path("cases/<int:pk>/safety-signals/", safety.SignalCreate.as_view(), name="safety-signals"),
    path("cases/<int:pk>/reporting-code/", safety.ReportingCode.as_view(), name="reporting-code"),
    path(
        "cases/<int:pk>/veilig-thuis-reports/",
        safety.ReportCreate.as_view(),
        name="veilig-thuis-reports",
    ),
    path(
        "cases/<int:pk>/reporting-role/",
        safety.ReportingRoleCreate.as_view(),
        name="reporting-role",
    ),
    path(
        "cases/<int:pk>/risk-youth-index/",
        safety.IndexRegistrationCreate.as_view(),
        name="risk-youth-index",
    ),
    path(
        "cases/<int:pk>/crisis-exceptions/",
        safety.CrisisExceptionCreate.as_view(),
        name="crisis-exceptions",
    ),
]
