"""API routes for intake, cases and households; included under the `api` namespace."""

from django.urls import path

from . import api

urlpatterns: list = [
    path("intakes/", api.IntakeCreate.as_view(), name="intake-create"),
    path("cases/", api.CaseList.as_view(), name="case-list"),
    path("cases/<int:pk>/", api.CaseDetail.as_view(), name="case-detail"),
    path("cases/<int:pk>/status/", api.CaseStatusChange.as_view(), name="case-status"),
    path("households/<int:pk>/", api.HouseholdDetail.as_view(), name="household-detail"),
]
