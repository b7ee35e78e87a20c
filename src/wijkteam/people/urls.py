from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("gezinnen/", views.household_list, name="household_list"),
    path("gezinnen/<int:pk>/", views.household_detail, name="household_detail"),
    path("inwoners/<int:pk>/wijzigen/", views.resident_edit, name="resident_edit"),
]
