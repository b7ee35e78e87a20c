"""The weighing framework (afwegingskader) and decisions (beschikkingen): for every help
question the chosen intervention level and why, what was not granted and why (coded, so
it can be counted), and the decisions that allocate customised youth care to a provider,
with co-signature, objection and the allocation number of the iJw messages."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.models import Case, Intake
from wijkteam.ijw.codes import choices
from wijkteam.people.models import Resident
from wijkteam.providers.models import ContractedProduct, Intensity

# --- The weighing framework -----------------------------------------------------------


class InterventionLevel(models.TextChoices):
    """Lightest first (Rekenkamer recommendation 1a)."""

    ADVICE = "advice", _("information and advice")
    COMMUNITY = "community", _("community offer")
    OWN_SUPPORT = "own_support", _("the team's own support")
    CUSTOMISED_CARE = "customised_care", _("customised youth care")


class NotGrantedReason(models.TextChoices):
    """Why something asked for was not granted (recommendation 1c: counted)."""

    NORMAL_GROWING_UP = "normal_growing_up", _("normal growing up: needs no help")
    OWN_MEANS = "own_means", _("solvable with own means or the network")
    COMMUNITY = "community", _("a community offer suffices")
    OTHER_LAW = "other_law", _("falls under another law")
    OTHER = "other", _("other reason")


class OtherLaw(models.TextChoices):
    WLZ = "wlz", _("Wlz (long-term care)")
    ZVW = "zvw", _("health insurance (Zvw)")
    WMO = "wmo", _("Wmo (social support)")
    EDUCATION = "education", _("education")


class Weighing(models.Model):
    """The weighing of one help question: which intervention level, and why; and what was
    asked for but not granted, with a coded reason."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="weighings")
    intake = models.ForeignKey(
        Intake,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="weighings",
        verbose_name=_("help question"),
    )
    decided_on = models.DateField(_("weighed on"))
    level = models.CharField(
        _("intervention level"), max_length=20, choices=InterventionLevel.choices
    )
    reason = models.TextField(_("why this level"))
    not_granted = models.TextField(_("asked for but not granted"), blank=True)
    not_granted_reason = models.CharField(
        _("why not granted"), max_length=20, choices=NotGrantedReason.choices, blank=True
    )
    other_law = models.CharField(
        _("which law"), max_length=10, choices=OtherLaw.choices, blank=True
    )
    not_granted_explanation = models.TextField(_("explanation"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("weighing")
        verbose_name_plural = _("weighings")
        indexes = [
            # "Not granted, and why" per period: the KPI counts read this index.
            models.Index(
                fields=["decided_on", "not_granted_reason"],
                condition=~models.Q(not_granted_reason=""),
                name="weighing_not_granted_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.decided_on} {self.level}"


# --- Decisions (beschikkingen) ----------------------------------------------------------


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    AWAITING_COSIGN = "awaiting_cosign", _("awaiting co-signature")
    ISSUED = "issued", _("issued")
    ENDED = "ended", _("ended")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Decision(models.Model):
    """A decision (beschikking) allocating customised youth care to one young person at
    one provider, for a period, with a volume (volume, unit, frequency as in iJw) or a
    budget. The lifecycle is the transition table in `rules.py`."""

    reference = models.CharField(_("decision reference"), max_length=20, unique=True)
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("case")
    )
    youth = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("young person")
    )
    weighing = models.ForeignKey(
        Weighing,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("weighing"),
    )
    product = models.ForeignKey(
        ContractedProduct,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("product or profile"),
    )
    # Copied from the contracted product when the draft is made: the decision keeps what
    # was decided even when the catalogue changes later.
    category = models.CharField(_("product category"), max_length=2, choices=choices("JZ020"))
    product_code = models.CharField(_("product code"), max_length=5, blank=True)
    unit = models.CharField(_("unit"), max_length=2, choices=choices("WJ756"), blank=True)
    tariff = models.DecimalField(
        _("tariff per unit (euro)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    intensity = models.CharField(_("intensity"), max_length=10, choices=Intensity.choices)
    heavy_reason = models.TextField(_("why heavy"), blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    volume = models.PositiveIntegerField(_("volume"), null=True, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=1, choices=choices("WMO757"), blank=True
    )
    budget = models.DecimalField(
        _("budget (euro)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    motivation = models.TextField(_("what was decided and why"))
    life_changing = models.BooleanField(
        _("life-changing"),
        default=False,
        help_text=_(
            "Residential care always is; mark other decisions that change a child's life "
            "(such as a move). A behavioural expert co-signs them."
        ),
    )
    crisis = models.BooleanField(
        _("crisis care"),
        default=False,
        help_text=_("Crisis care may start before the safety assessment, with a reason."),
    )
    crisis_reason = models.TextField(
        _("why crisis care cannot wait for the safety assessment"), blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    cost = models.DecimalField(
        _("estimated cost (euro)"),
        max_digits=11,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Set when issued, from tariff and volume (or the budget); lower when ended early."
        ),
    )
    allocation_number = models.PositiveIntegerField(
        _("allocation number"), null=True, blank=True, unique=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("drafted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted for co-signature at"), null=True, blank=True)
    cosigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("co-signed by"),
    )
    cosigned_at = models.DateTimeField(_("co-signed at"), null=True, blank=True)
    cosign_note = models.TextField(_("note of the behavioural expert"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    change_reason = models.CharField(
        _("reason for the change"), max_length=2, choices=choices("JZ002"), blank=True
    )
    closing_note = models.TextField(_("why ended or withdrawn"), blank=True)
    closed_at = models.DateTimeField(_("ended or withdrawn at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        permissions = [
            ("view_allocation", _("Can view weighings and decisions")),
            (
                "record_allocation",
                _("Can record weighings, draft, issue, end and withdraw decisions"),
            ),
            ("cosign_decision", _("Can co-sign a life-changing decision (behavioural expert)")),
        ]
        indexes = [
            models.Index(fields=["youth", "status"], name="decision_youth_status_idx"),
            # The co-signature work list: a team's decisions awaiting it, oldest first.
            models.Index(
                fields=["submitted_at", "id"],
                condition=models.Q(status="awaiting_cosign"),
                name="decision_awaiting_cosign_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="decision_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def provider(self):
        return self.product.provider

    @property
    def effective_end(self):
        """The last day of care: the end date, or the day it was ended early."""
        return self.ended_on or self.end_date

    @property
    def estimated_cost(self):
        """Euros over the decision's period (up to an early end), from the tariff and the
        volume, or the budget; None when the catalogue has no tariff."""
        from .rules import estimated_cost

        return estimated_cost(
            volume=self.volume,
            frequency=self.frequency,
            tariff=self.tariff,
            budget=self.budget,
            start=self.start_date,
            end=self.effective_end,
        )


class ObjectionOutcome(models.TextChoices):
    PENDING = "pending", _("being handled")
    UPHELD = "upheld", _("upheld")
    PARTLY = "partly", _("partly upheld")
    REJECTED = "rejected", _("not upheld")
    WITHDRAWN = "withdrawn", _("withdrawn by the family")


class Objection(models.Model):
    """An objection (bezwaar) to a decision under the Awb: six weeks after the letter."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="objections")
    received_on = models.DateField(_("received on"))
    submitted_by = models.CharField(_("submitted by"), max_length=200)
    summary = models.TextField(_("what the objection says"))
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=ObjectionOutcome.choices,
        default=ObjectionOutcome.PENDING,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    late = models.BooleanField(_("received after the six weeks"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return f"{self.decision} {self.received_on}"
