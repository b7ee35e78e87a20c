"""API routes for complaints; included under the `api` namespace."""

from django.urls import path

from . import api

urlpatterns: list = [
    path("complaints/", api.ComplaintListCreate.as_view(), name="complaint-list"),
    path("complaints/<int:pk>/", api.ComplaintDetail.as_view(), name="complaint-detail"),
    path(
        "complaints/<int:pk>/status/",
        api.ComplaintStatusChange.as_view(),
        name="complaint-status",
    ),
    path(
        "complaints/<int:pk>/extension/",
        api.ComplaintExtension.as_view(),
        name="complaint-extension",
    ),
    path("complaints/<int:pk>/case/", api.ComplaintCaseLink.as_view(), name="complaint-case"),
]
