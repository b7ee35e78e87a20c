"""The catalogue of contracted youth care: providers (jeugdhulpaanbieders), the profiles
(kind × intensity → a configurable profile code) and what each provider is contracted
for (product category JZ020, product code, profile, unit WJ756, tariff)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.ijw.codes import choices

AGB_VALIDATOR = RegexValidator(r"^\d{8}$", _("An AGB code has eight digits."))
PRODUCT_CODE_VALIDATOR = RegexValidator(
    r"^\S{1,5}$", _("A product code has one to five characters, without spaces.")
)


class ProfileKind(models.TextChoices):
    RECOVERY = "recovery", _("recovery")
    LASTING = "lasting", _("lasting")


class Intensity(models.TextChoices):
    """Lightest first: the order is used by the rules ("licht of midden, tenzij")."""

    LIGHT = "light", _("light")
    MEDIUM = "medium", _("medium")
    HEAVY = "heavy", _("heavy")


class Profile(models.Model):
    """A contracted profile: Herstel or Duurzaam × licht, midden or zwaar, with the
    region's profile code (configured by the functional administrator)."""

    kind = models.CharField(_("kind"), max_length=10, choices=ProfileKind.choices)
    intensity = models.CharField(_("intensity"), max_length=10, choices=Intensity.choices)
    code = models.CharField(
        _("profile code"), max_length=5, unique=True, validators=[PRODUCT_CODE_VALIDATOR]
    )
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "intensity"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints = [
            models.UniqueConstraint(fields=["kind", "intensity"], name="profile_kind_intensity")
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.get_kind_display()}, {self.get_intensity_display()})"


class Provider(models.Model):
    """A contracted youth-care provider (jeugdhulpaanbieder)."""

    name = models.CharField(_("name"), max_length=200)
    agb_code = models.CharField(
        _("AGB code"), max_length=8, unique=True, validators=[AGB_VALIDATOR]
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    active = models.BooleanField(_("contracted"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        permissions = [
            ("manage_catalogue", _("Can import the provider catalogue and change it")),
        ]
        indexes = [models.Index(fields=["name", "id"], name="provider_name_idx")]

    def __str__(self) -> str:
        return self.name


class ContractedProduct(models.Model):
    """What a provider is contracted for: a product (category and code) or a profile, in
    a unit, at a tariff per unit."""

    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="products", verbose_name=_("provider")
    )
    category = models.CharField(_("product category"), max_length=2, choices=choices("JZ020"))
    product_code = models.CharField(
        _("product code"),
        max_length=5,
        blank=True,
        validators=[PRODUCT_CODE_VALIDATOR],
        help_text=_("Empty for an allocation by category with a budget."),
    )
    name = models.CharField(_("name"), max_length=200)
    profile = models.ForeignKey(
        Profile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("profile"),
    )
    unit = models.CharField(_("unit"), max_length=2, choices=choices("WJ756"), blank=True)
    tariff = models.DecimalField(
        _("tariff per unit (euro)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    active = models.BooleanField(_("contracted"), default=True)

    class Meta:
        ordering = ["provider__name", "category", "product_code", "id"]
        verbose_name = _("contracted product")
        verbose_name_plural = _("contracted products")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "category", "product_code"], name="product_unique_code"
            )
        ]

    def __str__(self) -> str:
        code = f"{self.category}/{self.product_code}" if self.product_code else self.category
        return f"{code} {self.name}"

    @property
    def intensity(self) -> str:
        return self.profile.intensity if self.profile_id else ""
