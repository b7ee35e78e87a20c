from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("casussen/<int:pk>/vraagverheldering/", views.clarification, name="clarification"),
    path(
        "casussen/<int:pk>/vraagverheldering/samenvatting/",
        views.clarification_summary,
        name="clarification_summary",
    ),
    path(
        "casussen/<int:pk>/vraagverheldering/samenvatting.pdf",
        views.clarification_pdf,
        name="clarification_pdf",
    ),
    path(
        "casussen/<int:pk>/verklarende-analyse/",
        views.explanatory_analysis,
        name="explanatory_analysis",
    ),
    path("casussen/<int:pk>/stem-van-het-kind/", views.child_voice, name="child_voice"),
    path("casussen/<int:pk>/consultaties/", views.consultations, name="consultations"),
    path(
        "casussen/<int:pk>/consultaties/<int:consultation_pk>/advies/",
        views.advice,
        name="advice",
    ),
    path(
        "gezinnen/<int:household_pk>/leefgebieden/<int:resident_pk>/",
        views.life_domains,
        name="life_domains",
    ),
]
