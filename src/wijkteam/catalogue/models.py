"""The catalogue of offers the team refers to. Community offers (sociale basis) live here;
the allocation issue adds providers and their contracted products in models of their own."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import District


class OfferCategory(models.TextChoices):
    WELFARE = "welfare", _("welfare and neighbourhood work")
    PARENTING = "parenting", _("parenting support")
    YOUTH = "youth", _("youth work and leisure")
    SPORT = "sport", _("sport and culture")
    BUDDY = "buddy", _("buddy scheme")
    DEBT = "debt", _("money and debt help")
    SCHOOL = "school", _("school and homework support")
    HEALTH = "health", _("health and well-being")
    INFORMAL_CARE = "informal_care", _("informal carers and volunteers")
    OTHER = "other", _("other")


class CommunityOffer(models.Model):
    """A freely accessible offer in the community: no decision is needed to use it."""

    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    category = models.CharField(_("kind of offer"), max_length=20, choices=OfferCategory.choices)
    description = models.TextField(_("what it offers"))
    target_group = models.CharField(
        _("target group"),
        max_length=300,
        help_text=_("Who it is for, in plain words, e.g. “parents of young children”."),
    )
    min_age = models.PositiveSmallIntegerField(_("from age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("up to and including age"), null=True, blank=True)
    districts = models.ManyToManyField(
        District,
        blank=True,
        related_name="community_offers",
        verbose_name=_("districts"),
        help_text=_("Leave empty for an offer open to the whole municipality."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("How many people it can take at a time; empty when there is no limit."),
    )
    waiting_weeks = models.PositiveSmallIntegerField(
        _("waiting time in weeks"), default=0, help_text=_("0 when one can start at once.")
    )
    active = models.BooleanField(_("in the catalogue"), default=True)
    updated_on = models.DateField(_("last checked on"), auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("community offer")
        verbose_name_plural = _("community offers")
        indexes = [models.Index(fields=["active", "name", "id"], name="offer_active_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_age__isnull=True)
                | models.Q(max_age__isnull=True)
                | models.Q(min_age__lte=models.F("max_age")),
                name="offer_age_range",
                violation_error_message=_("“From age” cannot be above “up to age”."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def district_codes(self) -> list[str]:
        return [district.code for district in self.districts.all()]
