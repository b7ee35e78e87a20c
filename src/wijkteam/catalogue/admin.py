"""The functional administrator keeps the community offers current here (audited)."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.admin import AuditedAdminMixin

from .models import CommunityOffer


@admin.register(CommunityOffer)
class CommunityOfferAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "organisation", "category", "waiting_weeks", "active")
    list_filter = ("category", "active", "districts")
    search_fields = ("name", "organisation", "description", "target_group")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("name", "organisation", "category", "description", "active")}),
        (_("Who it is for"), {"fields": ("target_group", "min_age", "max_age", "districts")}),
        (_("Contact"), {"fields": ("contact_name", "contact_phone", "contact_email", "website")}),
        (_("Places and waiting time"), {"fields": ("capacity", "waiting_weeks")}),
    )

    class Media:
        # The breadcrumbs are a line of text: underline their links (axe, contrast alone).
        css = {"all": ("css/admin.css",)}
