"""API routes for partners; included under the `api` namespace."""

from django.urls import path

from . import api

urlpatterns: list = [
    path("partners/", api.PartnerList.as_view(), name="partner-list"),
    path("partners/coverage/", api.PartnerCoverage.as_view(), name="partner-coverage"),
    path("partners/<int:pk>/", api.PartnerDetail.as_view(), name="partner-detail"),
    path(
        "partners/<int:pk>/fixed-contact/",
        api.FixedContactAssign.as_view(),
        name="partner-fixed-contact",
    ),
]
