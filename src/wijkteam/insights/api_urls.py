"""API routes for the KPIs; included under the `api` namespace."""

from django.urls import path

from . import api

urlpatterns: list = [
    path("kpis/", api.Kpis.as_view(), name="kpis"),
]
