from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("partners/", views.partner_list_page, name="partner_list"),
    path("partners/<int:pk>/", views.partner_detail_page, name="partner_detail"),
    path("partners/<int:pk>/vast-contact/", views.assign_contact, name="assign_contact"),
]
