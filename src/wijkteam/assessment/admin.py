"""The life-domain instrument as data: a functional administrator adjusts domains and
levels here (audited like every admin change)."""

from django.contrib import admin

from wijkteam.accounts.admin import AuditedAdminMixin

from .models import LifeDomain, LifeDomainLevel


@admin.register(LifeDomain)
class LifeDomainAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "applies_to", "existential_security", "order", "active")
    list_filter = ("applies_to", "existential_security", "active")
    search_fields = ("name", "code")


@admin.register(LifeDomainLevel)
class LifeDomainLevelAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("value", "name", "counts_as_low")
