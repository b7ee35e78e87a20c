from django.urls import path

from . import figures_views, survey_views, views

app_name = "quality"
urlpatterns = [
    # Public (no sign-in).
    path("klacht/", views.complaint_form, name="complaint_form"),
    path("klacht/ontvangen/", views.complaint_received, name="complaint_received"),
    path("ervaring/bedankt/", survey_views.survey_thanks, name="survey_thanks"),
    path("ervaring/<str:token>/", survey_views.survey, name="survey"),
    # The complaints officer (and a team lead, reading).
    path("klachten/", views.complaint_list_page, name="complaint_list"),
    path("klachten/nieuw/", views.complaint_new, name="complaint_new"),
    path("klachten/<int:pk>/", views.complaint_detail_page, name="complaint_detail"),
    path("klachten/<int:pk>/status/", views.complaint_status, name="complaint_status"),
    path("klachten/<int:pk>/verdagen/", views.complaint_extend, name="complaint_extend"),
    path("klachten/<int:pk>/casus/", views.complaint_link_case, name="complaint_link_case"),
    # The survey invitation on a case.
    path("casussen/<int:pk>/ervaring/", survey_views.case_survey, name="case_survey"),
    path(
        "casussen/<int:pk>/ervaring/<int:invitation_pk>/",
        survey_views.survey_link,
        name="survey_link",
    ),
    # Figures.
    path("kwaliteit/", figures_views.figures, name="figures"),
    path("kwaliteit/antwoorden/", figures_views.answers, name="answers"),
]
