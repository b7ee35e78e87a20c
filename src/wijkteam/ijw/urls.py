from django.urls import path

from . import views

app_name = "ijw"
urlpatterns = [
    path("berichten/", views.message_list, name="message_list"),
    path("berichten/uitbak/", views.outbox, name="outbox"),
    path("berichten/<int:pk>/", views.message, name="message"),
    path("berichten/<int:pk>/plaatsen/", views.place, name="place"),
]
