"""The monthly figures the dashboards read: counts per month, district team and measure,
computed from the data by `snapshot.refresh` (every night, and on demand) and stamped with
when they were computed. No person is in them: only numbers, per team and month."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import Team


class FigureMonth(models.Model):
    """A month whose figures have been computed, and when (the age the pages show)."""

    month = models.DateField(_("month"), unique=True)  # its first day
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        ordering = ["-month"]
        verbose_name = _("computed month")
        verbose_name_plural = _("computed months")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class MonthlyFigure(models.Model):
    """One number: a measure (see `measures.MEASURES`) for a month and a team, with a key
    for a breakdown (a channel, a profile, a closure reason; "" for none). A team of None
    holds what belongs to no district (a complaint not linked to a case)."""

    month = models.DateField(_("month"))
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    measure = models.CharField(_("measure"), max_length=60)
    key = models.CharField(_("key"), max_length=80, blank=True)
    value = models.BigIntegerField(_("value"))

    class Meta:
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        indexes = [
            # A period's figures, for all teams or one, summed per measure and key.
            models.Index(fields=["month", "team", "measure", "key"], name="figure_month_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.team_id} {self.measure} {self.key}"
