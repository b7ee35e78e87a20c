"""API routes for search; included under the `api` namespace."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
