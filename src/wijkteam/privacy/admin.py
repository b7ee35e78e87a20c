from django.contrib import admin

from .models import DestructionRecord


@admin.register(DestructionRecord)
class DestructionRecordAdmin(admin.ModelAdmin):
    """Read only: a destruction record is written by the retention job, never by hand."""

    list_display = ("destroyed_at", "rule", "object_type", "reference", "closed_on")
    list_filter = ("rule", "object_type")
    date_hierarchy = "destroyed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
