"""The iJw messages sent and received, the care a provider reported as started and
stopped (JW305/JW307), and the products a provider asked for (JW315)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .codes import choices


class Direction(models.TextChoices):
    OUT = "out", _("sent")
    IN = "in", _("received")


class MessageKind(models.TextChoices):
    JW301 = "JW301", _("JW301 allocation")
    JW302 = "JW302", _("JW302 return on an allocation")
    JW305 = "JW305", _("JW305 start of care")
    JW306 = "JW306", _("JW306 return on a start of care")
    JW307 = "JW307", _("JW307 stop of care")
    JW308 = "JW308", _("JW308 return on a stop of care")
    JW315 = "JW315", _("JW315 request for allocation")
    JW316 = "JW316", _("JW316 return on a request for allocation")
    UNKNOWN = "", _("unknown")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("waiting for the outbox")
    WRITTEN = "written", _("in the outbox")
    ACCEPTED = "accepted", _("received and processed")
    REJECTED = "rejected", _("rejected")


class Message(models.Model):
    """One iJw message, sent or received. `xml` holds the content (personal data: read
    only through a visible case); file names never hold a BSN or a name."""

    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    kind = models.CharField(_("message"), max_length=5, choices=MessageKind.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MessageStatus.choices)
    identification = models.CharField(_("message identification"), max_length=12, blank=True)
    dated_on = models.DateField(_("dated"), null=True, blank=True)
    sender = models.CharField(_("sender"), max_length=8, blank=True)
    receiver = models.CharField(_("receiver"), max_length=8, blank=True)
    provider = models.ForeignKey(
        "providers.Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("provider"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ijw_messages",
        verbose_name=_("case"),
    )
    decisions = models.ManyToManyField(
        "allocation.Decision", blank=True, related_name="messages", verbose_name=_("decisions")
    )
    in_reply_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    # None: no schemas configured (IJW_XSD_DIR), so not schema-checked.
    schema_valid = models.BooleanField(_("valid against the schema"), null=True, blank=True)
    # Received: the return codes we gave. Sent: the return codes the provider gave us.
    return_codes = models.JSONField(_("return codes"), default=list, blank=True)
    # Per allocation number, the codes a JW302 gave each allocated product.
    product_return_codes = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    xml = models.TextField(_("content"), blank=True)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    attention = models.BooleanField(
        _("needs attention"),
        default=False,
        help_text=_("Rejected, or a provider returned a code other than “no remarks”."),
    )
    awaiting_placement = models.BooleanField(
        _("awaiting a district"),
        default=False,
        help_text=_("A request for allocation for someone the team does not know yet."),
    )
    created_at = models.DateTimeField(_("created at"))
    written_at = models.DateTimeField(_("written at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("iJw message")
        verbose_name_plural = _("iJw messages")
        permissions = [
            ("view_message", _("Can view the list of iJw messages")),
            ("place_request", _("Can place a request for allocation with a team")),
            ("write_outbox", _("Can write waiting messages to the outbox again")),
        ]
        default_permissions = ()
        constraints = [
            # TR056 (return code 9056): a sender identifies each message of a kind once.
            models.UniqueConstraint(
                fields=["direction", "kind", "sender", "identification"],
                condition=~models.Q(status="rejected") & ~models.Q(identification=""),
                name="message_identification_unique",
            )
        ]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="message_list_idx"),
            models.Index(fields=["case", "-created_at"], name="message_case_idx"),
            models.Index(fields=["provider", "-created_at"], name="message_provider_idx"),
            models.Index(
                fields=["created_at"],
                condition=models.Q(status="pending"),
                name="message_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind or '?'} {self.identification or self.pk}"


NO_REMARKS_CODES = frozenset({"0200", "0233"})


def needs_attention(status: str, codes) -> bool:
    """Rejected, or a return code other than \"no remarks\" or \"not assessed\"."""
    return status == MessageStatus.REJECTED or any(c not in NO_REMARKS_CODES for c in codes)


class CareDelivery(models.Model):
    """Care a provider reported as started (JW305) and, later, stopped (JW307) on an
    allocation; the closure reason (JZ588) feeds the outcome figures."""

    decision = models.ForeignKey(
        "allocation.Decision", on_delete=models.PROTECT, related_name="deliveries"
    )
    started_on = models.DateField(_("care started on"))
    stopped_on = models.DateField(_("care stopped on"), null=True, blank=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=2, choices=choices("JZ588"), blank=True
    )
    start_message = models.ForeignKey(
        Message, on_delete=models.PROTECT, related_name="started_deliveries"
    )
    stop_message = models.ForeignKey(
        Message,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stopped_deliveries",
    )
    # StatusAanlevering 3: the provider withdrew the start (or the stop) as "not sent".
    removed = models.BooleanField(_("withdrawn by the provider"), default=False)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("care delivery")
        verbose_name_plural = _("care deliveries")
        indexes = [
            models.Index(
                fields=["stopped_on", "closure_reason"],
                condition=models.Q(removed=False),
                name="delivery_stopped_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision} {self.started_on}"


class RequestedProduct(models.Model):
    """A product a provider asked the municipality to allocate (JW315), after a referral
    by a GP, youth doctor, medical specialist, certified institution or court."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="requested")
    reference = models.CharField(_("provider's reference"), max_length=36)
    category = models.CharField(
        _("product category"), max_length=2, choices=choices("JZ020"), blank=True
    )
    product_code = models.CharField(_("product code"), max_length=5, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    volume = models.PositiveIntegerField(_("volume"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=2, choices=choices("WJ756"), blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=1, choices=choices("WMO757"), blank=True
    )
    budget = models.DecimalField(
        _("budget (euro)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    referrer_type = models.CharField(_("referrer"), max_length=1, choices=choices("COD327"))
    referrer_name = models.CharField(_("referrer's name"), max_length=64, blank=True)
    referrer_agb = models.CharField(_("referrer's AGB code"), max_length=8, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    decision = models.ForeignKey(
        "allocation.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("answered by decision"),
    )

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("requested product")
        verbose_name_plural = _("requested products")

    def __str__(self) -> str:
        return f"{self.reference} {self.category}"
