"""API routes for support plans and community offers; included under the `api` namespace."""

from django.urls import path

from . import api

urlpatterns: list = [
    path("cases/<int:pk>/plan/", api.CasePlan.as_view(), name="case-plan"),
    path("plans/<int:pk>/", api.PlanDetail.as_view(), name="plan"),
    path("plans/<int:pk>/goals/", api.GoalCreate.as_view(), name="plan-goals"),
    path("plans/<int:pk>/goals/<int:goal_pk>/", api.GoalDetail.as_view(), name="plan-goal"),
    path("plans/<int:pk>/actions/", api.ActionCreate.as_view(), name="plan-actions"),
    path("plans/<int:pk>/agreement/", api.AgreementCreate.as_view(), name="plan-agreement"),
    path("plans/<int:pk>/versions/", api.VersionList.as_view(), name="plan-versions"),
    path("plans/<int:pk>/evaluations/", api.EvaluationList.as_view(), name="plan-evaluations"),
    path("plans/<int:pk>/closure/", api.ClosureView.as_view(), name="plan-closure"),
    path("community-offers/", api.OfferList.as_view(), name="community-offers"),
]
