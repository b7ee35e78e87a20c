from django.urls import path

from . import views

app_name = "providers"
urlpatterns = [
    path("aanbieders/", views.provider_list, name="provider_list"),
    path("aanbieders/export.csv", views.export, name="export"),
    path("aanbieders/importeren/", views.import_view, name="import"),
    path("aanbieders/<int:pk>/", views.provider_detail, name="provider_detail"),
]
