from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("cijfers/", views.figures_page, {"key": "kpis"}, name="dashboard"),
    path(
        "cijfers/kosten-en-gebruik/",
        views.figures_page,
        {"key": "cost_and_use"},
        name="cost_and_use",
    ),
    path("cijfers/beweging/", views.figures_page, {"key": "reform"}, name="reform"),
    path(
        "cijfers/ervaren-kwaliteit/",
        views.figures_page,
        {"key": "experienced_quality"},
        name="experienced_quality",
    ),
    path(
        "cijfers/maatschappelijke-effecten/",
        views.figures_page,
        {"key": "societal_effects"},
        name="societal_effects",
    ),
    path("cijfers/uitkomsten/", views.figures_page, {"key": "outcomes"}, name="outcomes"),
    path("cijfers/terugkerende-vragen/", views.recurring_questions, name="recurring"),
    path("cijfers/export/<slug:key>.<slug:fmt>", views.export, name="export"),
    path("team/dashboard/", views.team_dashboard, name="team_dashboard"),
]
