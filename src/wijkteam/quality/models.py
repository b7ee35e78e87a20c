"""Complaints about the team under the municipal complaints procedure (Awb chapter 9),
and the client-experience survey: single-use invitations and anonymous responses."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import Team
from wijkteam.cases.models import Case


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    ACKNOWLEDGED = "acknowledged", _("receipt acknowledged")
    IN_HANDLING = "in_handling", _("being handled")
    DECIDED = "decided", _("decided")
    WITHDRAWN = "withdrawn", _("withdrawn")


OPEN_COMPLAINT_STATUSES = (
    ComplaintStatus.RECEIVED,
    ComplaintStatus.ACKNOWLEDGED,
    ComplaintStatus.IN_HANDLING,
)


class ComplaintChannel(models.TextChoices):
    ONLINE = "online", _("online form")
    PHONE = "phone", _("phone")
    LETTER = "letter", _("letter")
    EMAIL = "email", _("e-mail")
    IN_PERSON = "in_person", _("in person")


# Staff record complaints that came in any other way than the online form.
STAFF_CHANNEL_CHOICES = [c for c in ComplaintChannel.choices if c[0] != ComplaintChannel.ONLINE]


class ComplainantRelation(models.TextChoices):
    SELF = "self", _("for themselves")
    CHILD = "child", _("for their child")
    OTHER = "other", _("for someone else")


class ComplaintOutcome(models.TextChoices):
    WELL_FOUNDED = "well_founded", _("well-founded")
    PARTLY_WELL_FOUNDED = "partly_well_founded", _("partly well-founded")
    UNFOUNDED = "unfounded", _("unfounded")
    RESOLVED = "resolved", _("resolved to the complainant's satisfaction")
    NOT_HANDLED = "not_handled", _("not handled (Awb 9:8)")


class Complaint(models.Model):
    """A complaint about how the team acted, from receipt to decision or withdrawal.

    Everything here is personal data: every read and change is audited. A complaint may
    concern a case (linked by staff, never by the public form); a team lead then sees it.
    """

    reference = models.CharField(_("complaint reference"), max_length=20, unique=True)
    channel = models.CharField(_("received by"), max_length=20, choices=ComplaintChannel.choices)
    received_on = models.DateField(
        _("received on"), help_text=_("The legal term runs from the day of receipt.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
    )
    # The complainant.
    complainant_name = models.CharField(_("name of the complainant"), max_length=200)
    relation = models.CharField(
        _("complains"),
        max_length=10,
        choices=ComplainantRelation.choices,
        default=ComplainantRelation.SELF,
    )
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    house_number = models.CharField(_("house number"), max_length=10, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # The complaint.
    description = models.TextField(_("what the complaint is about"))
    incident_on = models.DateField(_("when it happened"), null=True, blank=True)
    desired_outcome = models.TextField(_("what the complainant would like"), blank=True)
    reference_given = models.CharField(
        _("reference the complainant gave"),
        max_length=40,
        blank=True,
        help_text=_("As typed by the complainant; never looked up on their behalf."),
    )
    # A complaint outlives its case's file (kept under its own retention): when the file
    # is destroyed only the link goes.
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("case"),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("complaints officer"),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filed by"),
        help_text=_("Empty when the resident filed it online."),
    )
    # The legal deadline: six weeks from receipt, plus an extension of at most four.
    due_on = models.DateField(_("decision due on"), db_index=True)
    extension_weeks = models.PositiveSmallIntegerField(_("extended by (weeks)"), default=0)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    extension_informed_on = models.DateField(
        _("complainant told of the extension on"), null=True, blank=True
    )
    acknowledged_on = models.DateField(_("receipt acknowledged on"), null=True, blank=True)
    closed_on = models.DateField(_("decided or withdrawn on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=30, choices=ComplaintOutcome.choices, blank=True
    )
    conclusion = models.TextField(
        _("conclusion"),
        blank=True,
        help_text=_(
            "The findings and conclusion told to the complainant, or why it was withdrawn."
        ),
    )
    received_at = models.DateTimeField(_("recorded at"))
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        default_permissions = ("view", "add")
        permissions = [("handle_complaint", _("Can handle complaints (complaints officer)"))]
        indexes = [
            models.Index(fields=["status", "due_on", "id"], name="complaint_status_due_idx"),
            models.Index(fields=["received_on", "id"], name="complaint_received_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_COMPLAINT_STATUSES


class ComplaintEventKind(models.TextChoices):
    RECEIVED = "received", _("received")
    STATUS = "status", _("status change")
    EXTENDED = "extended", _("term extended")
    CASE_LINKED = "case_linked", _("case linked")


class ComplaintEvent(models.Model):
    """One step in a complaint's history."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField(_("when"))
    kind = models.CharField(_("kind"), max_length=20, choices=ComplaintEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(max_length=20, choices=ComplaintStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ComplaintStatus.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")

    def __str__(self) -> str:
        return f"{self.complaint} {self.kind}"


# --- Client experience ----------------------------------------------------------------


class SurveyOccasion(models.TextChoices):
    EVALUATION = "evaluation", _("evaluation")
    CLOSURE = "closure", _("closure")


class SurveyInvitation(models.Model):
    """A single-use link to the survey. Only a hash of the token is stored; the link
    carries the token. Once used it cannot be used again; it expires after
    WIJKTEAM_SURVEY_VALID_DAYS. It records *that* it was used, not when, and no link to
    the response: the answers cannot be traced back to the family."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="survey_invitations", verbose_name=_("case")
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("team")
    )
    occasion = models.CharField(_("occasion"), max_length=20, choices=SurveyOccasion.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    expires_at = models.DateTimeField(_("valid until"))
    used = models.BooleanField(_("filled in"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        default_permissions = ("view",)
        permissions = [
            ("invite_survey", _("Can invite a family to the client-experience survey")),
            ("view_experience_answers", _("Can read the open answers of the survey")),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.occasion}"


class SurveyResponse(models.Model):
    """One filled-in survey: no name, no case, no invitation, no time of day — only the
    team, the occasion and the month, so figures can be counted per team and period."""

    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("team")
    )
    occasion = models.CharField(_("occasion"), max_length=20, choices=SurveyOccasion.choices)
    month = models.DateField(
        _("month"), help_text=_("The first day of the month it was filled in.")
    )
    score = models.PositiveSmallIntegerField(_("score (1 to 10)"))
    went_well = models.TextField(_("what went well"), blank=True)
    could_be_better = models.TextField(_("what could be better"), blank=True)

    class Meta:
        ordering = ["-month", "-id"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=10), name="surveyresponse_score_1_10"
            )
        ]
        indexes = [models.Index(fields=["month", "team"], name="surveyresponse_month_idx")]

    def __str__(self) -> str:
        return f"{self.team_id} {self.month:%Y-%m} {self.score}"
