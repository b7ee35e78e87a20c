"""API routes for intake, cases and households; included under the `api` namespace."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
