from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("zoeken/inzage-aanvragen/", views.request_access, name="request_access"),
    path("team/inzage-buiten-team/", views.access_grants, name="access_grants"),
]
