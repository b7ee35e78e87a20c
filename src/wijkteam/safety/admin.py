"""The risk-assessment instrument as data: a functional administrator configures the
team's own method (such as TOP3) — questions, answers with scores, and the score bands
that give the risk level — here, audited like every admin change."""

from django.contrib import admin

from wijkteam.accounts.admin import AuditedAdminMixin

from .models import RiskAnswerOption, RiskInstrument, RiskItem, RiskLevelBand


class RiskItemInline(admin.StackedInline):
    model = RiskItem
    extra = 0
    fields = ("order", "question")
    show_change_link = True


class RiskLevelBandInline(admin.StackedInline):
    model = RiskLevelBand
    extra = 0


@admin.register(RiskInstrument)
class RiskInstrumentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "active")
    inlines = [RiskItemInline, RiskLevelBandInline]


class RiskAnswerOptionInline(admin.StackedInline):
    model = RiskAnswerOption
    extra = 0


@admin.register(RiskItem)
class RiskItemAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("question", "instrument", "order")
    list_filter = ("instrument",)
    inlines = [RiskAnswerOptionInline]

    class Media:
        # A long question in the breadcrumbs makes them a text block: underline the links.
        css = {"all": ("css/admin.css",)}
