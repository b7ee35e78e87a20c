"""What was destroyed under the retention rules, and which subject-access exports were
made. Neither holds personal data: a destroyed file is named by its reference and its
closing date, an export by the resident's id and the request's own reference."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DestructionRecord(models.Model):
    """One destroyed file (a case, a household, or a batch of audit entries)."""

    destroyed_at = models.DateTimeField(_("destroyed at"))
    rule = models.CharField(_("retention rule"), max_length=40)
    period_years = models.PositiveSmallIntegerField(_("retention period (years)"))
    object_type = models.CharField(_("kind of record"), max_length=100)
    object_id = models.CharField(_("record"), max_length=64)
    reference = models.CharField(_("reference"), max_length=40, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # Rows destroyed per kind of record, e.g. {"cases.caseevent": 12}.
    counts = models.JSONField(_("rows destroyed"), default=dict)

    class Meta:
        ordering = ["-destroyed_at", "-id"]
        verbose_name = _("destruction record")
        verbose_name_plural = _("destruction records")
        indexes = [models.Index(fields=["rule", "destroyed_at"], name="destruction_rule_idx")]

    def __str__(self) -> str:
        return f"{self.rule} {self.object_type} {self.reference or self.object_id}"


class SubjectAccessExport(models.Model):
    """A data export for a resident under AVG article 15, made by the privacy officer."""

    resident_id = models.BigIntegerField(_("resident (id)"))
    request_reference = models.CharField(_("request reference"), max_length=60)
    made_at = models.DateTimeField(_("made at"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("made by"),
    )
    format = models.CharField(_("format"), max_length=10)

    class Meta:
        ordering = ["-made_at", "-id"]
        permissions = [("export_subject_data", "Can export a resident's data (AVG art. 15)")]
        verbose_name = _("subject-access export")
        verbose_name_plural = _("subject-access exports")

    def __str__(self) -> str:
        return f"{self.request_reference} ({self.format})"
