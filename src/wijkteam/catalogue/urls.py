from django.urls import path

from . import views

app_name = "catalogue"
urlpatterns = [
    path("sociale-basis/", views.offer_list, name="offer_list"),
    path("sociale-basis/<int:pk>/", views.offer_detail, name="offer_detail"),
]
