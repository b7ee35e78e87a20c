from django.urls import path

from . import views

app_name = "safety"
urlpatterns = [
    path("casussen/<int:pk>/veiligheid/", views.overview, name="overview"),
    path("casussen/<int:pk>/veiligheid/taxatie/", views.new_assessment, name="new_assessment"),
    path(
        "casussen/<int:pk>/veiligheid/taxatie/<int:assessment_pk>/",
        views.assessment,
        name="assessment",
    ),
    path(
        "casussen/<int:pk>/veiligheid/taxatie/<int:assessment_pk>/wijzigen/",
        views.revise_assessment,
        name="revise_assessment",
    ),
    path("casussen/<int:pk>/veiligheid/signaal/", views.signal, name="signal"),
    path("casussen/<int:pk>/veiligheid/meldcode/", views.reporting_code, name="reporting_code"),
    path("casussen/<int:pk>/veiligheid/melding/", views.report, name="report"),
    path("casussen/<int:pk>/veiligheid/melder/", views.reporting_role, name="reporting_role"),
    path(
        "casussen/<int:pk>/veiligheid/verwijsindex/",
        views.index_registration,
        name="index_registration",
    ),
]
