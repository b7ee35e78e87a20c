from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("aanmeldingen/nieuw/", views.register, name="register"),
    path("casussen/<int:pk>/", views.case_page, name="case_detail"),
    path("casussen/<int:pk>/triage/", views.triage, name="triage"),
    path("casussen/<int:pk>/status/", views.change_status, name="change_status"),
    path("casussen/<int:pk>/toewijzen/", views.assign, name="assign"),
    path(
        "casussen/<int:pk>/wachttijdondersteuning/",
        views.support_while_waiting,
        name="support_while_waiting",
    ),
    path("casussen/<int:pk>/contactmoment/", views.contact_moment, name="contact_moment"),
]
