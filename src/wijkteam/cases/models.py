"""Registrations (aanmeldingen), cases and what happens on them: the family file's spine."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import Team
from wijkteam.people.models import Household, Resident


class Channel(models.TextChoices):
    ONLINE = "online", _("online form")
    WALK_IN = "walk_in", _("walk-in")
    PHONE = "phone", _("phone via the contact centre")
    EMAIL = "email", _("e-mail")
    SCHOOL = "school_support_team", _("school support team")
    GP = "gp_practice", _("GP practice")
    SPECIALIST = "medical_specialist", _("medical specialist")
    CERTIFIED_INSTITUTION = "certified_institution", _("certified institution")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    OTHER = "other", _("other")


# Channels through which a professional refers directly (DOMAIN §3.1: about one in eight
# cases arrives by direct GP or specialist referral and reaches the team late).
DIRECT_REFERRAL_CHANNELS = frozenset({Channel.GP, Channel.SPECIALIST})


class ReferrerType(models.TextChoices):
    SELF = "self", _("the resident or family themselves")
    NETWORK = "network", _("family, friends or neighbours")
    SCHOOL = "school", _("school")
    GP = "gp", _("GP or practice nurse")
    SPECIALIST = "specialist", _("medical specialist")
    CERTIFIED_INSTITUTION = "certified_institution", _("certified institution")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    OTHER_PROFESSIONAL = "other_professional", _("other professional")


class Urgency(models.TextChoices):
    CRISIS = "crisis", _("crisis")
    URGENT = "urgent", _("urgent")
    REGULAR = "regular", _("regular")


class CaseStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    TRIAGE = "triage", _("in triage")
    CLARIFICATION = "clarification", _("clarifying the question")
    IN_PROGRESS = "in_progress", _("in progress")
    CLOSING = "closing", _("closing")
    CLOSED = "closed", _("closed")


OPEN_STATUSES = tuple(s for s in CaseStatus if s != CaseStatus.CLOSED)


class TriageOutcome(models.TextChoices):
    ADVICE = "advice", _("information and advice (closed at once)")
    COMMUNITY = "community", _("referral to a community offer (closed)")
    CASE = "case", _("open a case")


class QuestionTheme(models.Model):
    """A theme of help questions (opvoeding, pesten, schulden …), chosen at registration
    and triage; recurring themes can be met with a collective offer instead of one family
    at a time (001, movement 4: bundelen van vragen). A reference list kept in the admin."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active themes can be chosen.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("question theme")
        verbose_name_plural = _("question themes")

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    """One help question of one household, from registration to closure."""

    reference = models.CharField(_("case reference"), max_length=20, unique=True)
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="cases", verbose_name=_("household")
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="cases", verbose_name=_("team")
    )
    subjects = models.ManyToManyField(Resident, related_name="cases", verbose_name=_("about whom"))
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.REGISTERED
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.REGULAR
    )
    triage_outcome = models.CharField(
        _("triage outcome"), max_length=20, choices=TriageOutcome.choices, blank=True
    )
    triage_note = models.TextField(_("triage note"), blank=True)
    needed_expertise = models.ManyToManyField(
        "accounts.ExpertiseTag",
        blank=True,
        related_name="cases",
        verbose_name=_("expertise needed"),
        help_text=_("Set at triage; assignment suggests workers with this expertise first."),
    )
    themes = models.ManyToManyField(
        QuestionTheme,
        blank=True,
        related_name="cases",
        verbose_name=_("themes"),
        help_text=_("Set at registration and triage; recurring themes are counted."),
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("case worker"),
    )
    registered_at = models.DateTimeField(_("registered at"), db_index=True)
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)
    first_contact_on = models.DateField(_("first contact on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-registered_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [("assign_case", _("Can assign cases and manage the waiting list"))]
        indexes = [
            models.Index(fields=["team", "status", "registered_at"], name="case_team_status_idx"),
            models.Index(fields=["worker", "status"], name="case_worker_status_idx"),
            # The team's waiting list: open cases without a worker, longest waiting first.
            models.Index(
                fields=["team", "registered_at", "id"],
                condition=models.Q(worker__isnull=True, status__in=OPEN_STATUSES),
                name="case_waiting_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED


class Intake(models.Model):
    """A registration (aanmelding): how a help question reached the team."""

    reference = models.CharField(_("registration reference"), max_length=20, unique=True)
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="intakes", verbose_name=_("case")
    )
    channel = models.CharField(_("channel"), max_length=30, choices=Channel.choices)
    referrer_type = models.CharField(
        _("referred by"), max_length=30, choices=ReferrerType.choices, default=ReferrerType.SELF
    )
    referrer_organisation = models.CharField(
        _("referrer's organisation"), max_length=200, blank=True
    )
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intakes",
        verbose_name=_("through partner"),
        help_text=_("The school or GP practice the question came through, if any."),
    )
    referrer_name = models.CharField(_("referrer's name"), max_length=200, blank=True)
    referrer_contact = models.CharField(_("referrer's phone or e-mail"), max_length=200, blank=True)
    help_question = models.TextField(_("help question in the family's own words"))
    urgency = models.CharField(_("urgency as reported"), max_length=10, choices=Urgency.choices)
    submitted_at = models.DateTimeField(_("submitted at"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    themes = models.ManyToManyField(
        QuestionTheme, blank=True, related_name="intakes", verbose_name=_("themes")
    )
    linked_to_existing = models.BooleanField(
        _("linked to an existing file"),
        default=False,
        help_text=_("The household was already known, so no second file was made."),
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [
            # A period's registrations: the figures and the recurring questions.
            models.Index(fields=["submitted_at"], name="intake_submitted_idx"),
        ]

    def __str__(self) -> str:
        return self.reference


class Consent(models.Model):
    """Consent for sharing information: what, with whom, given by whom, when."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="consents")
    information = models.CharField(_("which information"), max_length=300)
    shared_with = models.CharField(_("shared with"), max_length=300)
    given_by = models.CharField(_("given by"), max_length=200)
    given_on = models.DateField(_("given on"))

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.information} → {self.shared_with}"


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("registration")
    STATUS = "status", _("status change")
    TRIAGE = "triage", _("triage")
    ASSIGNMENT = "assignment", _("worker assigned")
    SUPPORT_WHILE_WAITING = "support_while_waiting", _("support while waiting")
    ACCESS_GRANTED = "access_granted", _("access outside the team")


class CaseEvent(models.Model):
    """One line on a case's timeline (contact moments have their own model)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField(_("when"))
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    text = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        indexes = [models.Index(fields=["case", "-occurred_at"], name="caseevent_case_idx")]

    def __str__(self) -> str:
        return f"{self.case} {self.kind}"


class WorkerAssignment(models.Model):
    """Who was the case worker, from when, and why they changed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned at"))
    reason = models.CharField(_("reason"), max_length=300)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        ordering = ["-assigned_at"]
        verbose_name = _("worker assignment")
        verbose_name_plural = _("worker assignments")

    def __str__(self) -> str:
        return f"{self.case} → {self.worker}"


class SupportWhileWaiting(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="support_while_waiting")
    given_on = models.DateField(_("given on"))
    description = models.TextField(_("what was done"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-given_on"]
        verbose_name = _("support while waiting")
        verbose_name_plural = _("support while waiting")

    def __str__(self) -> str:
        return f"{self.case} {self.given_on}"


class ContactKind(models.TextChoices):
    HOME_VISIT = "home_visit", _("home visit")
    PHONE = "phone", _("phone")
    SCHOOL = "school", _("at school")
    GP = "gp", _("at the GP")
    OFFICE = "office", _("at the office")
    VIDEO = "video", _("video call")


class ContactMoment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    occurred_on = models.DateField(_("date"))
    kind = models.CharField(_("kind of contact"), max_length=20, choices=ContactKind.choices)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")

    def __str__(self) -> str:
        return f"{self.case} {self.occurred_on} {self.kind}"


class ContactPresence(models.Model):
    """Who was present at a contact moment, and for a child: spoken to or not."""

    contact = models.ForeignKey(ContactMoment, on_delete=models.CASCADE, related_name="presences")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="+")
    child_spoken_to = models.BooleanField(_("child spoken to"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "resident"], name="presence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.contact} {self.resident_id}"


class AccessGrant(models.Model):
    """Break-the-glass: access to another team's case, with a reason, for a limited time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_grants"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_grants")
    reason = models.TextField(_("reason"))
    granted_at = models.DateTimeField(_("granted at"))
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("access outside the team")
        verbose_name_plural = _("access outside the team")

    def __str__(self) -> str:
        return f"{self.user} → {self.case}"


class ReferenceCounter(models.Model):
    """Gap-free counters for case and registration references, per prefix and year."""

    key = models.CharField(max_length=20, primary_key=True)
    value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"
