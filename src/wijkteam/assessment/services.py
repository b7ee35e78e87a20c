"""Every change to question clarification, life domains, the explanatory analysis, the
child's voice and consultations: one function per use case, one transaction each,
audited in that transaction; edits are row-locked and version-checked."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.models import AuditAction
from wijkteam.cases.models import Case
from wijkteam.cases.services import refuse
from wijkteam.core.concurrency import claim_next_version
from wijkteam.core.errors import RuleViolation
from wijkteam.core.rules import Verdict
from wijkteam.people.models import Household, Resident
from wijkteam.people.rules import age_on

from .models import (
    ChildVoice,
    Consultation,
    ExplanatoryAnalysis,
    ExplanatoryAnalysisVersion,
    LifeDomain,
    LifeDomainAssessment,
    LifeDomainLevel,
    LifeDomainScore,
    QuestionClarification,
)
from .queries import YOUTH_AGE
from .rules import (
    ChildVoiceInput,
    advice_verdict,
    child_voice_record_verdict,
    consultation_verdict,
    life_domain_assessment_verdict,
)


def ensure(verdict: Verdict) -> None:
    if not verdict.allowed:
        raise RuleViolation(verdict)


# --- Question clarification -----------------------------------------------------------

CLARIFICATION_FIELDS = (
    "support_question",
    "problems",
    "support_needed",
    "own_means",
    "usual_help",
    "informal_care",
    "social_network",
    "community_solutions",
    "own_means_conclusion",
    "own_support",
    "own_support_conclusion",
    "customised_provision",
    "expert_advice_needed",
    "expert_advice",
)


@transaction.atomic
def save_clarification(
    ctx: AuditContext,
    case: Case,
    findings: Mapping[str, object],
    *,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> QuestionClarification:
    """Record the findings of the six steps (a partial record is fine: the page and the
    rule say what is still missing). Version-checked against concurrent edits."""
    clarification, _created = QuestionClarification.objects.get_or_create(case=case)
    clarification = QuestionClarification.objects.select_for_update().get(pk=clarification.pk)
    claim_next_version(clarification, expected_version)
    changed = []
    for name in CLARIFICATION_FIELDS:
        if name in findings and getattr(clarification, name) != findings[name]:
            setattr(clarification, name, findings[name])
            changed.append(name)
    clarification.updated_at = now or timezone.now()
    clarification.updated_by = actor
    clarification.save()
    log_change(ctx, clarification, AuditAction.UPDATE, changed_fields=changed)
    return clarification


# --- Life domains ---------------------------------------------------------------------


@transaction.atomic
def record_life_domain_assessment(
    ctx: AuditContext,
    household: Household,
    resident: Resident,
    *,
    assessed_on: date,
    scores: Mapping[int, int],
    note: str = "",
    case: Case | None = None,
    actor: User,
    now: datetime | None = None,
) -> LifeDomainAssessment:
    """A dated scoring of one household member: `scores` maps domain id → level value."""
    now = now or timezone.now()
    if not household.memberships.filter(resident=resident).exists():
        raise refuse("not_in_household", _not_in_household())
    ensure(
        life_domain_assessment_verdict(
            len(scores), assessed_on, birth_date=resident.birth_date, today=timezone.localdate(now)
        )
    )
    domains = LifeDomain.objects.in_bulk(list(scores))
    levels = {level.value: level for level in LifeDomainLevel.objects.all()}
    if set(scores) - set(domains) or set(scores.values()) - set(levels):
        raise refuse("unknown_score", _unknown_score())
    assessment = LifeDomainAssessment.objects.create(
        household=household,
        resident=resident,
        case=case,
        assessed_on=assessed_on,
        assessed_by=actor,
        note=note,
        recorded_at=now,
    )
    LifeDomainScore.objects.bulk_create(
        LifeDomainScore(assessment=assessment, domain=domains[domain_id], level=levels[value])
        for domain_id, value in scores.items()
    )
    log_change(ctx, assessment, AuditAction.CREATE, changed_fields=("scores", "assessed_on"))
    return assessment


def _not_in_household() -> str:
    return _("This person is not a member of this household.")


def _unknown_score() -> str:
    return _("Choose a life domain and a level from the lists.")


# --- Explanatory analysis -------------------------------------------------------------


@dataclass(frozen=True)
class AnalysisInput:
    situation: str
    explanation: str
    protective_factors: str = ""
    risk_factors: str = ""


@transaction.atomic
def write_explanatory_analysis(
    ctx: AuditContext,
    case: Case,
    data: AnalysisInput,
    *,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> ExplanatoryAnalysisVersion:
    """Add a new version of the explanatory analysis; earlier versions are kept."""
    analysis, _created = ExplanatoryAnalysis.objects.get_or_create(case=case)
    analysis = ExplanatoryAnalysis.objects.select_for_update().get(pk=analysis.pk)
    claim_next_version(analysis, expected_version)
    number = analysis.versions.count() + 1
    version = ExplanatoryAnalysisVersion.objects.create(
        analysis=analysis,
        number=number,
        situation=data.situation.strip(),
        explanation=data.explanation.strip(),
        protective_factors=data.protective_factors.strip(),
        risk_factors=data.risk_factors.strip(),
        written_by=actor,
        written_at=now or timezone.now(),
    )
    log_change(
        ctx,
        version,
        AuditAction.CREATE,
        changed_fields=("situation", "explanation", "protective_factors", "risk_factors"),
    )
    return version


# --- The child's voice ----------------------------------------------------------------


@transaction.atomic
def record_child_voice(
    ctx: AuditContext,
    case: Case,
    child: Resident,
    data: ChildVoiceInput,
    *,
    child_view: str = "",
    actor: User,
    now: datetime | None = None,
) -> ChildVoice:
    """Record that a child was spoken to (when, how, by whom), or why not."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not case.household.memberships.filter(resident=child).exists():
        raise refuse("not_in_household", _not_in_household())
    age = age_on(child.birth_date, today)
    if age >= YOUTH_AGE:
        raise refuse("not_a_child", _("The child's voice is recorded for children under 18."))
    ensure(child_voice_record_verdict(data, birth_date=child.birth_date, age=age, today=today))
    voice = ChildVoice.objects.create(
        case=case,
        child=child,
        spoken_to=data.spoken_to,
        spoken_on=data.spoken_on if data.spoken_to else None,
        setting=data.setting if data.spoken_to else "",
        spoken_by_id=data.spoken_by_id if data.spoken_to else None,
        child_view=child_view.strip() if data.spoken_to else "",
        reason="" if data.spoken_to else data.reason,
        reason_text="" if data.spoken_to else data.reason_text.strip(),
        recorded_by=actor,
        recorded_at=now,
    )
    log_change(ctx, voice, AuditAction.CREATE, changed_fields=("spoken_to", "reason"))
    return voice


# --- Consultations --------------------------------------------------------------------


@transaction.atomic
def ask_consultation(
    ctx: AuditContext,
    case: Case,
    *,
    kind: str,
    consultant: User | None,
    question: str,
    asked_on: date,
    actor: User,
    now: datetime | None = None,
) -> Consultation:
    """Consult a behavioural expert, GZ-psychologist or safety officer on a case."""
    now = now or timezone.now()
    roles = None
    if consultant is not None:
        roles = list(consultant.groups.values_list("name", flat=True))
    ensure(consultation_verdict(kind, roles, asked_on, timezone.localdate(now)))
    consultation = Consultation.objects.create(
        case=case,
        kind=kind,
        consultant=consultant,
        question=question.strip(),
        asked_on=asked_on,
        asked_by=actor,
        recorded_at=now,
    )
    log_change(ctx, consultation, AuditAction.CREATE, changed_fields=("kind", "question"))
    return consultation


@transaction.atomic
def record_advice(
    ctx: AuditContext,
    consultation: Consultation,
    *,
    advice: str,
    advised_on: date | None,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> Consultation:
    now = now or timezone.now()
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    claim_next_version(consultation, expected_version)
    ensure(advice_verdict(advice, advised_on, consultation.asked_on, timezone.localdate(now)))
    consultation.advice = advice.strip()
    consultation.advised_on = advised_on
    consultation.advice_recorded_by = actor
    consultation.save(update_fields=["advice", "advised_on", "advice_recorded_by"])
    log_change(ctx, consultation, AuditAction.UPDATE, changed_fields=("advice", "advised_on"))
    return consultation
