"""The functional administrator keeps the list of question themes here (audited like
every admin change)."""

from django.contrib import admin

from wijkteam.accounts.admin import AuditedAdminMixin

from .models import QuestionTheme


@admin.register(QuestionTheme)
class QuestionThemeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "code", "active")
    list_filter = ("active",)
    search_fields = ("name", "code")
