"""Administration of staff, teams and expertise. Reads and changes are audit-logged."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wijkteam.audit.log import AuditContext, log_change, log_read
from wijkteam.audit.models import AuditAction, AuditPurpose
from wijkteam.core.concurrency import CONFLICT_MESSAGE, claim_next_version, is_current

from .api_tokens import revoke_api_tokens
from .models import ApiToken, CertificateOfConduct, District, ExpertiseTag, Team, User


def _model_fields(obj, names) -> list[str]:
    """Only the model's own fields: form-only fields (like the version) are not changes."""
    fields = {field.name for field in obj._meta.get_fields()}
    return [name for name in names if name in fields]


class AuditedAdminMixin:
    """Every opened, saved or deleted record in the admin writes an audit entry."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with transaction.atomic():
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if object_id and request.method == "GET":
                obj = self.get_object(request, object_id)
                if obj is not None:
                    log_read(request, obj, purpose=AuditPurpose.ADMINISTRATION)
            return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        log_change(
            request,
            obj,
            AuditAction.UPDATE if change else AuditAction.CREATE,
            changed_fields=_model_fields(obj, form.changed_data),
            purpose=AuditPurpose.ADMINISTRATION,
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            log_change(request, obj, AuditAction.CREATE, purpose=AuditPurpose.ADMINISTRATION)
        for obj, fields in formset.changed_objects:
            log_change(
                request,
                obj,
                AuditAction.UPDATE,
                changed_fields=fields,
                purpose=AuditPurpose.ADMINISTRATION,
            )
        for obj in formset.deleted_objects:
            log_change(request, obj, AuditAction.DELETE, purpose=AuditPurpose.ADMINISTRATION)

    def delete_model(self, request, obj):
        log_change(request, obj, AuditAction.DELETE, purpose=AuditPurpose.ADMINISTRATION)
        super().delete_model(request, obj)


class VersionedUserForm(UserChangeForm):
    """Refuses to overwrite a change someone else saved after this form was opened."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["expected_version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        expected = cleaned.get("expected_version")
        if self.instance.pk and not is_current(User, self.instance.pk, expected):
            raise forms.ValidationError(CONFLICT_MESSAGE, code="conflict")
        return cleaned


class CertificateInline(admin.StackedInline):
    model = CertificateOfConduct
    fk_name = "user"
    extra = 0
    fields = ("issued_on", "checked_by", "checked_on")
    autocomplete_fields = ("checked_by",)


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    form = VersionedUserForm
    list_display = ("username", "first_name", "last_name", "team", "is_active")
    list_filter = ("team", "groups", "is_active")
    search_fields = ("username", "first_name", "last_name")
    # Plain labelled checkboxes: Django's filter_horizontal widget fails axe-core.

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in ("groups", "expertise"):
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    inlines = [CertificateInline]
    fieldsets = (
        (None, {"fields": ("username", "password", "expected_version")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Work"), {"fields": ("team", "groups", "expertise", "works_with_youth")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "is_demo_account", "last_login")}),
    )
    readonly_fields = ("last_login", "is_demo_account")

    def save_model(self, request, obj, form, change):
        if change:
            claim_next_version(obj, form.cleaned_data.get("expected_version"))
        super().save_model(request, obj, form, change)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("name", "code")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "district")


@admin.register(ExpertiseTag)
class ExpertiseTagAdmin(admin.ModelAdmin):
    list_display = ("name", "code")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """The API tokens of system accounts: a read-only list with their state, and revoking.
    Tokens are issued only with manage.py issue_api_token (the secret is shown once)."""

    list_display = (
        "__str__",
        "user",
        "description",
        "state",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("user",)
    search_fields = ("prefix", "user__username", "description")
    list_select_related = ("user",)
    fields = (
        "prefix",
        "user",
        "description",
        "created_at",
        "created_by",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    )
    readonly_fields = fields
    actions = ["revoke"]

    @admin.display(description=_("state"))
    def state(self, obj: ApiToken) -> str:
        now = timezone.now()
        if obj.revoked_at is not None:
            return str(_("revoked"))
        if obj.expires_at <= now:
            return str(_("expired"))
        return str(_("active"))

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoked, never deleted: the record says who had access when

    def has_change_permission(self, request, obj=None) -> bool:
        # Nothing on a token can be edited; the change permission is for revoking.
        return obj is None and super().has_change_permission(request, obj)

    @admin.action(description=_("Revoke the selected API tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        revoked = revoke_api_tokens(
            AuditContext.from_request(request, purpose=AuditPurpose.SECURITY),
            queryset,
            revoked_by=request.user.get_username(),
        )
        self.message_user(
            request,
            ngettext("%(count)d API token revoked.", "%(count)d API tokens revoked.", len(revoked))
            % {"count": len(revoked)},
        )
