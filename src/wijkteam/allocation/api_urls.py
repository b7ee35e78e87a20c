"""API routes for allocation, the iJw messages and the catalogue (the `api` namespace)."""

from django.urls import path

from . import api

DECISION = "cases/<int:pk>/decisions/<int:decision_pk>/"
urlpatterns: list = [
    path("cases/<int:pk>/weighings/", api.WeighingList.as_view(), name="weighings"),
    path("cases/<int:pk>/decisions/", api.DecisionList.as_view(), name="decisions"),
    path(DECISION, api.DecisionDetail.as_view(), name="decision"),
    path(f"{DECISION}steps/", api.DecisionStep.as_view(), name="decision-step"),
    path(f"{DECISION}objections/", api.ObjectionCreate.as_view(), name="decision-objections"),
    path("cases/<int:pk>/ijw-messages/", api.CaseMessages.as_view(), name="case-ijw-messages"),
    path("ijw-messages/", api.MessageList.as_view(), name="ijw-messages"),
    path("ijw-messages/<int:pk>/", api.MessageDetail.as_view(), name="ijw-message"),
    path("providers/", api.ProviderList.as_view(), name="providers"),
    path("figures/not-granted/", api.NotGrantedCounts.as_view(), name="not-granted-counts"),
]
