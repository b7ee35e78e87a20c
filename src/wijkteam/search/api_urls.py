"""API routes for search; included under the `api` namespace."""

from django.urls import path

from . import api

urlpatterns: list = [
    path("search/", api.search, name="search"),
]
