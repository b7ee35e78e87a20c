from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("casussen/<int:pk>/plan/", views.case_plan, name="case_plan"),
    path("plannen/<int:pk>/", views.plan_page, name="plan"),
    path("plannen/<int:pk>/regie/", views.coordination, name="coordination"),
    path("plannen/<int:pk>/doelen/nieuw/", views.goal, name="goal_new"),
    path("plannen/<int:pk>/doelen/<int:goal_pk>/", views.goal, name="goal"),
    path("plannen/<int:pk>/acties/nieuw/", views.action, name="action_new"),
    path("plannen/<int:pk>/acties/<int:action_pk>/", views.action, name="action"),
    path("plannen/<int:pk>/afspreken/", views.agree, name="agree"),
    path("plannen/<int:pk>/versies/", views.versions, name="versions"),
    path("plannen/<int:pk>/ondersteuningsplan.pdf", views.plan_pdf, name="pdf"),
    path("plannen/<int:pk>/eigen-inzet/nieuw/", views.own_support_new, name="own_support_new"),
    path("plannen/<int:pk>/eigen-inzet/<int:support_pk>/", views.own_support, name="own_support"),
    path("plannen/<int:pk>/verwijzen/", views.referral_new, name="referral_new"),
    path("plannen/<int:pk>/verwijzingen/<int:referral_pk>/", views.referral, name="referral"),
    path("plannen/<int:pk>/evaluaties/nieuw/", views.evaluation_new, name="evaluation_new"),
    path("plannen/<int:pk>/opschalen/", views.escalation_new, name="escalation_new"),
    path(
        "plannen/<int:pk>/opschalingen/<int:escalation_pk>/",
        views.escalation,
        name="escalation",
    ),
    path("plannen/<int:pk>/overgang-18/<int:resident_pk>/", views.transition, name="transition"),
    path("plannen/<int:pk>/afsluiten/", views.closure, name="closure"),
]
