"""Residents and households. The intake issue extends these with relations and contact."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wijkteam.accounts.models import District


class Resident(models.Model):
    """A resident (inwoner) known to the team."""

    bsn = models.CharField(_("BSN"), max_length=9, null=True, blank=True, unique=True)
    bsn_missing_reason = models.CharField(_("reason BSN is missing"), max_length=200, blank=True)
    given_names = models.CharField(_("given names"), max_length=200)
    surname_prefix = models.CharField(_("surname prefix"), max_length=20, blank=True)
    surname = models.CharField(_("surname"), max_length=200)
    birth_date = models.DateField(_("date of birth"))
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    house_number = models.CharField(_("house number"), max_length=10, blank=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="residents", verbose_name=_("district")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["surname", "given_names"]
        indexes = [
            models.Index(fields=["surname", "birth_date"], name="resident_name_birth_idx"),
            models.Index(fields=["postcode", "house_number"], name="resident_address_idx"),
            models.Index(fields=["birth_date"], name="resident_birth_idx"),
            # Figures per district (children: born after a date) from the index alone.
            models.Index(fields=["district", "birth_date"], name="resident_district_birth_idx"),
        ]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bsn__isnull=False) | ~models.Q(bsn_missing_reason=""),
                name="resident_bsn_or_reason",
                violation_error_message=_("Record a BSN or the reason it is missing."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(
            part for part in (self.given_names, self.surname_prefix, self.surname) if part
        )


class PostcodeArea(models.Model):
    """Configurable table: which district a postcode belongs to, by its 4-digit area."""

    area = models.CharField(_("postcode area (4 digits)"), max_length=4, unique=True)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="postcode_areas",
        verbose_name=_("district"),
    )

    class Meta:
        ordering = ["area"]
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")

    def __str__(self) -> str:
        return f"{self.area} → {self.district}"


class Household(models.Model):
    """A household (gezin): one family, one plan, one coordinator."""

    name = models.CharField(_("name"), max_length=200)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="households", verbose_name=_("district")
    )
    members = models.ManyToManyField(Resident, through="Membership", related_name="households")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name"]
        # The household list: a district's households by name, paged by keyset.
        indexes = [
            models.Index(fields=["district", "name", "id"], name="household_district_name_idx")
        ]
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    PARENT = "parent", _("parent")
    CARER = "carer", _("carer")
    CHILD = "child", _("child")
    SIBLING = "sibling", _("brother or sister")
    PARTNER = "partner", pgettext_lazy("household role", "partner")
    OTHER = "other", _("other household member")


class Membership(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="memberships")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role in household"), max_length=20, choices=MemberRole.choices)
    has_parental_authority = models.BooleanField(_("has parental authority"), default=False)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [
            models.UniqueConstraint(fields=["household", "resident"], name="membership_unique")
        ]
        # From residents to their households (search) without reading the rows.
        indexes = [models.Index(fields=["resident", "household"], name="membership_resident_idx")]

    def __str__(self) -> str:
        return f"{self.resident} ({self.get_role_display()})"
