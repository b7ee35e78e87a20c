"""Safety on record: the risk-assessment instrument (configured as data), safety
assessments with four-eyes review, signals, the reporting code's five steps, reports to
Veilig Thuis, Verwijsindex registrations, the reporting role and crisis exceptions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.assessment.models import Consultation
from wijkteam.cases.models import Case
from wijkteam.people.models import Resident


class RiskLevel(models.TextChoices):
    """The resulting risk level, lowest first (the order is used by the rules)."""

    LOW = "low", _("low")
    ELEVATED = "elevated", _("elevated")
    HIGH = "high", _("high")
    ACUTE = "acute", _("acute")


# --- The configurable risk-assessment instrument ------------------------------------


class RiskInstrument(models.Model):
    """A structured risk-assessment method (the team's own, such as TOP3), as data."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("New assessments use the active instrument.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("risk-assessment instrument")
        verbose_name_plural = _("risk-assessment instruments")

    def __str__(self) -> str:
        return self.name


class RiskItem(models.Model):
    instrument = models.ForeignKey(RiskInstrument, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    question = models.CharField(_("question"), max_length=300)
    help_text = models.TextField(_("explanation"), blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("risk item")
        verbose_name_plural = _("risk items")

    def __str__(self) -> str:
        return self.question


class RiskAnswerOption(models.Model):
    item = models.ForeignKey(RiskItem, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    label = models.CharField(_("answer"), max_length=150)
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    minimum_level = models.CharField(
        _("sets at least this risk level"),
        max_length=10,
        choices=RiskLevel.choices,
        blank=True,
        help_text=_("For answers that are serious on their own, whatever the total score."),
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")

    def __str__(self) -> str:
        return self.label


class RiskLevelBand(models.Model):
    """From this total score on, the resulting level is at least `level`."""

    instrument = models.ForeignKey(RiskInstrument, on_delete=models.CASCADE, related_name="bands")
    min_score = models.PositiveSmallIntegerField(_("from total score"))
    level = models.CharField(_("risk level"), max_length=10, choices=RiskLevel.choices)

    class Meta:
        ordering = ["min_score"]
        verbose_name = _("risk level band")
        verbose_name_plural = _("risk level bands")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "level"], name="band_unique_level")
        ]

    def __str__(self) -> str:
        return f"≥{self.min_score}: {self.level}"


# --- Safety assessments ----------------------------------------------------------------


class AssessmentStatus(models.TextChoices):
    AWAITING_REVIEW = "awaiting_review", _("awaiting review by a second colleague")
    RETURNED = "returned", _("returned by the reviewer")
    COMPLETED = "completed", _("completed (reviewed)")


class SafetyAssessment(models.Model):
    """A structured safety assessment of a case; complete only after four-eyes review."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="safety_assessments")
    instrument = models.ForeignKey(
        RiskInstrument, on_delete=models.PROTECT, related_name="+", verbose_name=_("instrument")
    )
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    score = models.PositiveSmallIntegerField(_("total score"), default=0)
    risk_level = models.CharField(_("risk level"), max_length=10, choices=RiskLevel.choices)
    conclusion = models.TextField(_("conclusion"))
    reassess_on = models.DateField(_("re-assess on"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.AWAITING_REVIEW,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("reviewer's note"), blank=True)
    safety_officer_consultation = models.ForeignKey(
        Consultation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("safety officer consulted"),
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("safety assessment")
        verbose_name_plural = _("safety assessments")
        permissions = [
            ("view_safety", _("Can view safety records")),
            (
                "record_safety",
                _(
                    "Can record safety assessments, signals, the reporting code, reports to "
                    "Veilig Thuis and Verwijsindex registrations"
                ),
            ),
            ("review_safetyassessment", _("Can review a colleague's safety assessment")),
        ]
        indexes = [
            models.Index(fields=["case", "status", "reassess_on"], name="safety_case_status_idx")
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.assessed_on}"


class RiskAnswer(models.Model):
    assessment = models.ForeignKey(
        SafetyAssessment, on_delete=models.CASCADE, related_name="answers"
    )
    item = models.ForeignKey(RiskItem, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(RiskAnswerOption, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="riskanswer_unique_item")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.item_id}"


# --- Signals ----------------------------------------------------------------------------


class SafetySignal(models.Model):
    """A signal of possible unsafety about one household member."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="safety_signals")
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="+", verbose_name=_("about")
    )
    observed_on = models.DateField(_("observed on"))
    description = models.TextField(_("signal"))
    source = models.CharField(_("noticed by"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["-observed_on", "-id"]
        verbose_name = _("safety signal")
        verbose_name_plural = _("safety signals")

    def __str__(self) -> str:
        return f"{self.case} {self.observed_on}"


# --- The reporting code (Meldcode huiselijk geweld en kindermishandeling) --------------


class FrameworkOutcome(models.TextChoices):
    CLOSE = "close", _("no suspicion: close and record")
    REPORT = "report", _("report to Veilig Thuis")
    HELP = "help", _("offer or organise help and follow the safety")


class ReportingCodeProcedure(models.Model):
    """One run through the reporting code's five steps for a case."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="reporting_code_procedures"
    )
    started_on = models.DateField(_("started on"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Step 1: map the signals
    signals_summary = models.TextField(_("step 1: the signals mapped"), blank=True)
    # Step 2: consult a colleague (and optionally Veilig Thuis)
    colleague = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("colleague consulted"),
    )
    colleague_consulted_on = models.DateField(_("colleague consulted on"), null=True, blank=True)
    colleague_advice = models.TextField(_("the colleague's advice"), blank=True)
    veilig_thuis_consulted_on = models.DateField(
        _("Veilig Thuis consulted on"), null=True, blank=True
    )
    veilig_thuis_advice = models.TextField(_("Veilig Thuis's advice"), blank=True)
    # Step 3: talk with the family
    family_talked_on = models.DateField(_("talked with the family on"), null=True, blank=True)
    family_conversation = models.TextField(_("step 3: the conversation"), blank=True)
    family_not_talked_reason = models.TextField(_("why not talked with the family"), blank=True)
    # Step 4: weigh — the decision framework's five questions (None: not yet answered)
    q1_suspicion = models.BooleanField(
        _("1. Is there a suspicion of domestic violence or child abuse?"), null=True, blank=True
    )
    q2_acute_or_structural = models.BooleanField(
        _("2. Is there acute or structural unsafety?"), null=True, blank=True
    )
    q3_can_help = models.BooleanField(
        _("3. Can I offer or organise effective help?"), null=True, blank=True
    )
    q4_help_accepted = models.BooleanField(
        _("4. Do those involved accept the help and commit to it?"), null=True, blank=True
    )
    q5_help_brings_safety = models.BooleanField(
        _("5. Does the help bring the necessary safety in time?"), null=True, blank=True
    )
    weighing = models.TextField(_("step 4: the weighing"), blank=True)
    # Step 5: decide
    outcome = models.CharField(
        _("decision"), max_length=10, choices=FrameworkOutcome.choices, blank=True
    )
    decision_note = models.TextField(_("step 5: the decision explained"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("reporting code procedure")
        verbose_name_plural = _("reporting code procedures")

    def __str__(self) -> str:
        return f"{self.case} {self.started_on}"

    @property
    def concluded(self) -> bool:
        return bool(self.outcome)


class VeiligThuisReport(models.Model):
    """A report (melding) to Veilig Thuis."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="veilig_thuis_reports")
    reported_on = models.DateField(_("reported on"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reference = models.CharField(_("Veilig Thuis reference"), max_length=50, blank=True)
    children = models.ManyToManyField(Resident, related_name="+", verbose_name=_("children"))
    summary = models.TextField(_("what was reported"))
    procedure = models.ForeignKey(
        ReportingCodeProcedure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = _("report to Veilig Thuis")
        verbose_name_plural = _("reports to Veilig Thuis")

    def __str__(self) -> str:
        return f"{self.case} {self.reported_on}"


class ReportingRole(models.Model):
    """A second worker who takes the reporting role, so the case worker stays the helper
    (role conflict, Rekenkamer recommendation 3b)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reporting_roles")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reporting_roles",
        verbose_name=_("worker"),
    )
    reason = models.TextField(_("reason"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        ordering = ["-assigned_at"]
        verbose_name = _("reporting role")
        verbose_name_plural = _("reporting roles")

    def __str__(self) -> str:
        return f"{self.case} {self.worker_id}"


class RiskYouthIndexRegistration(models.Model):
    """A registration in the Verwijsindex Risicojongeren (young people up to 23)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="index_registrations")
    youth = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="+", verbose_name=_("young person")
    )
    registered_on = models.DateField(_("registered on"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    note = models.TextField(_("note"), blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["-registered_on", "-id"]
        verbose_name = _("Verwijsindex registration")
        verbose_name_plural = _("Verwijsindex registrations")

    def __str__(self) -> str:
        return f"{self.case} {self.youth_id}"


class CrisisSafetyException(models.Model):
    """Crisis care started without a current safety assessment: why, and when the
    assessment is due."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="crisis_exceptions")
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    assessment_due_on = models.DateField(_("safety assessment due on"))

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("crisis care without a current safety assessment")
        verbose_name_plural = _("crisis care without a current safety assessment")

    def __str__(self) -> str:
        return f"{self.case} {self.assessment_due_on}"
