"""The catalogue in the Django admin for the functional administrator: providers with
their contracted products (labelled stacked inlines, for axe) and the profile table
(kind × intensity → the region's profile code). Audited like every admin change."""

from django.contrib import admin

from wijkteam.accounts.admin import AuditedAdminMixin

from .models import ContractedProduct, Profile, Provider


class ContractedProductInline(admin.StackedInline):
    model = ContractedProduct
    extra = 0


@admin.register(Provider)
class ProviderAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "agb_code", "active")
    list_filter = ("active",)
    search_fields = ("name", "agb_code")
    inlines = [ContractedProductInline]


@admin.register(Profile)
class ProfileAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "kind", "intensity", "description")
