from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("aanmelden/", views.self_registration, name="self_registration"),
    path("aanmelden/ontvangen/", views.self_registration_done, name="self_registration_done"),
    path("verwijzen/", views.partner_referral, name="partner_referral"),
    path("verwijzen/ontvangen/", views.partner_referral_done, name="partner_referral_done"),
]
