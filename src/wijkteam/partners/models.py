"""Network partners (schools, GP practices) and their fixed contact in the team: the
"fixed faces" of 001 §3.2, with the coverage targets of 002."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import District


class PartnerKind(models.TextChoices):
    SCHOOL = "school", _("school")
    GP_PRACTICE = "gp_practice", _("GP practice")
    OTHER = "other", _("other partner")


# The kinds with a coverage target (002: 100% of schools, 90% of GPs).
COVERED_KINDS = (PartnerKind.SCHOOL, PartnerKind.GP_PRACTICE)


class Partner(models.Model):
    """A school, GP practice or other partner in a district."""

    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("BRIN or AGB code"),
        max_length=8,
        blank=True,
        help_text=_(
            "Optional. A school's BRIN code (for example 12AB, or 12AB00 for a location); "
            "a GP practice's AGB code (eight digits)."
        ),
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="partners", verbose_name=_("district")
    )
    address = models.CharField(_("street and house number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("A partner that closed or no longer works with the team does not count."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("network partner")
        verbose_name_plural = _("network partners")
        permissions = [("assign_fixedcontact", _("Can assign the fixed contact of a partner"))]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"],
                condition=~models.Q(code=""),
                name="partner_unique_code",
            )
        ]
        indexes = [models.Index(fields=["name", "id"], name="partner_name_idx")]

    def __str__(self) -> str:
        return self.name


class FixedContact(models.Model):
    """A member of the district's team who is the partner's fixed contact, for a period.

    Current on a day when it started on or before that day and has not ended before it.
    """

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="fixed_contacts", verbose_name=_("partner")
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="fixed_contacts",
        verbose_name=_("fixed contact"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned at"))

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("fixed contact")
        verbose_name_plural = _("fixed contacts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="fixedcontact_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} → {self.staff}"
