"""The functional administrator records schools, GP practices and other partners here
(audited like every admin change). Fixed contacts are shown, not edited: the team lead
assigns them on the partner's page, where the team and VOG rules are checked."""

from django import forms
from django.contrib import admin

from wijkteam.accounts.admin import AuditedAdminMixin

from .models import FixedContact, Partner
from .rules import normalise_code, partner_code_problem


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ("kind", "name", "code", "district", "address", "postcode", "active")

    def clean(self):
        cleaned = super().clean()
        code = normalise_code(cleaned.get("code", ""))
        problem = partner_code_problem(cleaned.get("kind", ""), code)
        if problem:
            self.add_error("code", problem)
        cleaned["code"] = code
        return cleaned


class FixedContactInline(admin.StackedInline):
    model = FixedContact
    fk_name = "partner"
    extra = 0
    can_delete = False
    fields = ("staff", "starts_on", "ends_on", "assigned_by", "assigned_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Partner)
class PartnerAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = PartnerForm
    list_display = ("name", "kind", "district", "code", "active")
    list_filter = ("kind", "district", "active")
    search_fields = ("name", "code")
    inlines = [FixedContactInline]

    def save_model(self, request, obj, form, change):
        if change:
            # A change here makes an assignment form opened before it stale (409): lock
            # the row and move its version on, whatever version this form loaded.
            locked = Partner.objects.select_for_update().filter(pk=obj.pk)
            obj.version = locked.values_list("version", flat=True).get() + 1
        super().save_model(request, obj, form, change)
