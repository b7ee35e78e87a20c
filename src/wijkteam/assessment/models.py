"""Question clarification (the six steps), life domains, the explanatory analysis, the
child's voice and consultations: what the team finds out before it plans or allocates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.models import Case
from wijkteam.people.models import Household, Resident

# --- Question clarification: the six steps of the Centrale Raad van Beroep -------------


class Sufficiency(models.TextChoices):
    """The conclusion of steps 4 and 5: do these means meet the need?"""

    SUFFICIENT = "sufficient", _("sufficient: no customised provision is needed")
    PARTLY = "partly", _("partly sufficient")
    INSUFFICIENT = "insufficient", _("not sufficient")


class QuestionClarification(models.Model):
    """The finding of each of the six steps for one case (one record, version-checked)."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="clarification", verbose_name=_("case")
    )
    # Step 1
    support_question = models.TextField(_("the support question"), blank=True)
    # Step 2
    problems = models.TextField(_("problems in self-reliance and participation"), blank=True)
    # Step 3
    support_needed = models.TextField(_("support needed, by nature and extent"), blank=True)
    # Step 4: five sources, each considered, and a conclusion
    own_means = models.TextField(_("own means and abilities"), blank=True)
    usual_help = models.TextField(_("usual help from household members"), blank=True)
    informal_care = models.TextField(_("informal care"), blank=True)
    social_network = models.TextField(_("help from the social network"), blank=True)
    community_solutions = models.TextField(_("community solutions"), blank=True)
    own_means_conclusion = models.CharField(
        _("conclusion of step 4"), max_length=20, choices=Sufficiency.choices, blank=True
    )
    # Step 5
    own_support = models.TextField(_("the team's own support"), blank=True)
    own_support_conclusion = models.CharField(
        _("conclusion of step 5"), max_length=20, choices=Sufficiency.choices, blank=True
    )
    # Step 6
    customised_provision = models.TextField(_("customised provision: what and why"), blank=True)
    expert_advice_needed = models.BooleanField(_("expert advice needed"), default=False)
    expert_advice = models.TextField(_("expert advice"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("question clarification")
        verbose_name_plural = _("question clarifications")
        permissions = [
            ("view_assessment", _("Can view question clarification and assessments")),
            (
                "record_assessment",
                _(
                    "Can record question clarification, life-domain scores, the explanatory "
                    "analysis, the child's voice and consultations"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}"


# --- Life domains (configurable instrument) ----------------------------------------


class AppliesTo(models.TextChoices):
    EVERYONE = "everyone", _("everyone")
    ADULTS = "adults", _("adults (18 and older)")
    CHILDREN = "children", _("children (under 18)")


class LifeDomain(models.Model):
    """A life domain scored per person; the default set is the Zelfredzaamheidsmatrix's
    thirteen plus development, upbringing and school for children."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    applies_to = models.CharField(
        _("applies to"), max_length=10, choices=AppliesTo.choices, default=AppliesTo.EVERYONE
    )
    existential_security = models.BooleanField(
        _("existential security"),
        default=False,
        help_text=_("Income, debts and housing: flagged as the first priority when low."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("life domain")
        verbose_name_plural = _("life domains")

    def __str__(self) -> str:
        return self.name


class LifeDomainLevel(models.Model):
    """A level of the scale (1 acute problems … 5 fully self-reliant by default)."""

    value = models.PositiveSmallIntegerField(_("value"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    counts_as_low = models.BooleanField(
        _("counts as low"),
        default=False,
        help_text=_(
            "A score at this level is shown as a problem (and flags existential security)."
        ),
    )

    class Meta:
        ordering = ["value"]
        verbose_name = _("life-domain level")
        verbose_name_plural = _("life-domain levels")

    def __str__(self) -> str:
        return f"{self.value} – {self.name}"


class LifeDomainAssessment(models.Model):
    """One dated scoring of one person's life domains."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="life_domain_assessments"
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="life_domain_assessments"
    )
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("life-domain assessment")
        verbose_name_plural = _("life-domain assessments")
        indexes = [models.Index(fields=["household", "assessed_on"], name="lda_household_idx")]

    def __str__(self) -> str:
        return f"{self.resident_id} {self.assessed_on}"


class LifeDomainScore(models.Model):
    assessment = models.ForeignKey(
        LifeDomainAssessment, on_delete=models.CASCADE, related_name="scores"
    )
    domain = models.ForeignKey(LifeDomain, on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(LifeDomainLevel, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("life-domain score")
        verbose_name_plural = _("life-domain scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="lds_unique_domain")
        ]

    def __str__(self) -> str:
        return f"{self.domain_id}: {self.level_id}"


# --- Explanatory analysis (versioned) -------------------------------------------------


class ExplanatoryAnalysis(models.Model):
    """The head of a case's explanatory analysis; its text lives in numbered versions."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="explanatory_analysis")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("explanatory analysis")
        verbose_name_plural = _("explanatory analyses")

    def __str__(self) -> str:
        return f"{self.case}"


class ExplanatoryAnalysisVersion(models.Model):
    analysis = models.ForeignKey(
        ExplanatoryAnalysis, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    situation = models.TextField(_("what is going on"))
    explanation = models.TextField(_("why: the explanation"))
    protective_factors = models.TextField(_("protective factors"), blank=True)
    risk_factors = models.TextField(_("risk factors"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    written_at = models.DateTimeField(_("written at"))

    class Meta:
        ordering = ["-number"]
        verbose_name = _("version of the explanatory analysis")
        verbose_name_plural = _("versions of the explanatory analysis")
        constraints = [
            models.UniqueConstraint(fields=["analysis", "number"], name="eav_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.analysis_id} v{self.number}"


# --- The child's voice ----------------------------------------------------------------


class NotSpokenReason(models.TextChoices):
    TOO_YOUNG = "too_young", _("too young")
    REFUSED = "refused", _("the child or the parents refused")
    SAFETY = "safety", _("speaking with the child would not be safe")
    OTHER = "other", _("other reason")


class ConversationSetting(models.TextChoices):
    """How the child was spoken with."""

    ALONE = "alone", _("alone with the child")
    WITH_PARENT = "with_parent", _("with a parent present")
    AT_SCHOOL = "at_school", _("at school")
    PLAY = "play", _("through play or drawing")
    VIDEO_OR_PHONE = "video_or_phone", _("by video call or phone")


class ChildVoice(models.Model):
    """For one child in one case: spoken to (when, how, by whom) or the reason not."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="child_voices")
    child = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="+", verbose_name=_("child")
    )
    spoken_to = models.BooleanField(_("spoken to"))
    spoken_on = models.DateField(_("spoken on"), null=True, blank=True)
    setting = models.CharField(
        _("how"), max_length=20, choices=ConversationSetting.choices, blank=True
    )
    spoken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("spoken to by"),
    )
    child_view = models.TextField(_("what the child told us"), blank=True)
    reason = models.CharField(
        _("reason not spoken to"), max_length=20, choices=NotSpokenReason.choices, blank=True
    )
    reason_text = models.TextField(_("explanation"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("child's voice")
        verbose_name_plural = _("child's voice")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(spoken_to=True, spoken_on__isnull=False, reason="")
                    | models.Q(spoken_to=False, spoken_on__isnull=True) & ~models.Q(reason="")
                ),
                name="child_voice_spoken_or_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.child_id}"


# --- Consultations --------------------------------------------------------------------


class ConsultantKind(models.TextChoices):
    BEHAVIOURAL_EXPERT = "behavioural_expert", _("behavioural expert")
    GZ_PSYCHOLOGIST = "gz_psychologist", _("GZ-psychologist")
    SAFETY_OFFICER = "safety_officer", _("safety officer")


class Consultation(models.Model):
    """A behavioural expert, GZ-psychologist or safety officer consulted on a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField(_("who is consulted"), max_length=30, choices=ConsultantKind.choices)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations_given",
        verbose_name=_("consultant"),
    )
    question = models.TextField(_("question"))
    asked_on = models.DateField(_("asked on"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    advice = models.TextField(_("advice"), blank=True)
    advised_on = models.DateField(_("advice given on"), null=True, blank=True)
    advice_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-asked_on", "-id"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return f"{self.case} {self.kind} {self.asked_on}"

    @property
    def answered(self) -> bool:
        return bool(self.advice)
