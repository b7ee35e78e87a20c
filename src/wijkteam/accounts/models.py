"""Staff, teams, districts, expertise and certificates of conduct (VOG)."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    """A district (wijk) of the municipality; each has one team."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A Sociaal Wijkteam: one per district."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    district = models.OneToOneField(
        District, on_delete=models.PROTECT, related_name="team", verbose_name=_("district")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class ExpertiseTag(models.Model):
    """An area of expertise used to match workers to help questions."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff. Roles are Django groups (see roles.py); a user may hold several."""

    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("team"),
    )
    expertise = models.ManyToManyField(
        ExpertiseTag, blank=True, related_name="workers", verbose_name=_("expertise")
    )
    works_with_youth = models.BooleanField(
        _("works with youth"),
        default=True,
        help_text=_("Staff who work with youth need a current certificate of conduct (VOG)."),
    )
    is_demo_account = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_(
            "Only in a demo installation may a demo account sign in without "
            "two-factor authentication."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        permissions = [
            ("lead_team", _("Can lead a team")),
            ("view_staff", _("Can view staff of their own team")),
            ("manage_staff", _("Can manage staff, teams and roles")),
            ("record_certificate", _("Can record certificates of conduct")),
            ("view_aggregates", _("Can view aggregated figures")),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class CertificateOfConduct(models.Model):
    """A certificate of conduct (Verklaring Omtrent het Gedrag) an employee handed in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("staff member"),
    )
    issued_on = models.DateField(_("date of issue"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_on = models.DateField(_("checked on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on"]
        verbose_name = _("certificate of conduct")
        verbose_name_plural = _("certificates of conduct")

    def __str__(self) -> str:
        return f"VOG {self.issued_on:%d-%m-%Y}"


class ApiToken(models.Model):
    """A token a system uses for the API (`Authorization: Token <token>`), issued to a
    system account by an administrator (manage.py issue_api_token).

    The token reads `wt_<prefix>_<secret>`. Only the prefix (to find the row and to name
    the token in lists and commands) and the SHA-256 of the secret are stored, never the
    secret: whoever reads the database cannot use a token. A token expires and can be
    revoked; either stops it at once.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("system account"),
    )
    prefix = models.CharField(
        _("token id"),
        max_length=16,
        unique=True,
        help_text=_("The first, public part of the token; not secret."),
    )
    digest = models.CharField(_("hash of the secret"), max_length=64, editable=False)
    description = models.CharField(_("description"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    created_by = models.CharField(_("issued by"), max_length=150, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.CharField(_("revoked by"), max_length=150, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"wt_{self.prefix}"
