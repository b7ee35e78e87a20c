from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("privacy/inzage/", views.subject_access, name="subject_access"),
    path("privacy/inzage/<int:pk>/", views.subject_export, name="subject_export"),
    path("privacy/bewaartermijnen/", views.retention, name="retention"),
]
