"""Administration of staff, teams and expertise. Reads and changes are audit-logged."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkteam.audit.log import log_change, log_read
from wijkteam.audit.models import AuditAction, AuditPurpose

from .models import CertificateOfConduct, District, ExpertiseTag, Team, User


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
            changed_fields=form.changed_data,
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


class CertificateInline(admin.TabularInline):
    model = CertificateOfConduct
    fk_name = "user"
    extra = 0
    fields = ("issued_on", "checked_by", "checked_on")
    autocomplete_fields = ("checked_by",)


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "team", "is_active")
    list_filter = ("team", "groups", "is_active")
    search_fields = ("username", "first_name", "last_name")
    filter_horizontal = ("groups", "expertise")
    inlines = [CertificateInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Work"), {"fields": ("team", "groups", "expertise", "works_with_youth")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "is_demo_account", "last_login")}),
    )
    readonly_fields = ("last_login", "is_demo_account")


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("name", "code")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "district")


@admin.register(ExpertiseTag)
class ExpertiseTagAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
