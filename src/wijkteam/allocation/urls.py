from django.urls import path

from . import views

app_name = "allocation"
DECISION = "casussen/<int:pk>/toewijzing/besluit/<int:decision_pk>/"
urlpatterns = [
    path("casussen/<int:pk>/toewijzing/", views.overview, name="overview"),
    path("casussen/<int:pk>/toewijzing/afweging/", views.weighing, name="weighing"),
    path("casussen/<int:pk>/toewijzing/besluit/", views.new_decision, name="new_decision"),
    path(DECISION, views.decision, name="decision"),
    path(f"{DECISION}wijzigen/", views.edit_decision, name="edit_decision"),
    path(f"{DECISION}stap/<slug:slug>/", views.step, name="step"),
    path(f"{DECISION}bezwaar/", views.objections, name="objections"),
    path(f"{DECISION}brief.pdf", views.letter, name="letter"),
    path("casussen/<int:pk>/berichten/", views.messages_of_case, name="case_messages"),
    path("medeondertekenen/", views.cosign_list, name="cosign_list"),
    path("cijfers/toewijzing/", views.figures, name="figures"),
]
