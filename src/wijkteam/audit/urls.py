from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("inzage/<str:object_type>/<int:object_id>/", views.record_trail, name="record_trail"),
]
