from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("team/", views.team, name="team"),
    path("beheer/medewerkers/", views.staff_list, name="staff_list"),
    path("medewerkers/<int:pk>/", views.staff_detail, name="staff_detail"),
]
