"""Every change to weighings and decisions: one function per use case, one transaction
each, audited in that transaction; lifecycle steps are row-locked and version-checked.

Issuing a decision (directly, or by the behavioural expert's co-signature) checks every
rule again under a lock on the decision and on the young person (so two workers cannot
issue overlapping decisions at once), gives it its allocation number and records the
JW301 for the provider in the same transaction; the file is written after the commit.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.assessment.queries import clarification_verdict_for_case
from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.models import AuditAction
from wijkteam.cases.models import Case, Intake
from wijkteam.cases.services import next_reference, refuse
from wijkteam.core.concurrency import claim_next_version
from wijkteam.core.errors import RuleViolation
from wijkteam.core.rules import Verdict
from wijkteam.ijw.allocations import queue_allocation, youth_address
from wijkteam.ijw.models import RequestedProduct
from wijkteam.ijw.outbox import next_allocation_number
from wijkteam.people.models import Resident
from wijkteam.people.rules import age_on
from wijkteam.providers.models import ContractedProduct
from wijkteam.safety.queries import safety_verdict_for_case
from wijkteam.safety.services import record_crisis_exception

from .models import Decision, DecisionStatus, Objection, Weighing
from .rules import (
    Allocated,
    DraftFacts,
    IssueFacts,
    WeighingInput,
    cosign_verdict,
    draft_verdict,
    end_verdict,
    is_life_changing,
    issue_verdict,
    objection_verdict,
    overlap_verdict,
    transition_verdict,
    weighing_verdict,
    withdraw_verdict,
)


def ensure(verdict: Verdict) -> Verdict:
    if not verdict.allowed:
        raise RuleViolation(verdict)
    return verdict


# --- The weighing framework -----------------------------------------------------------


@transaction.atomic
def record_weighing(
    ctx: AuditContext,
    case: Case,
    data: WeighingInput,
    *,
    actor: User,
    intake: Intake | None = None,
    now: datetime | None = None,
) -> Weighing:
    """Record the intervention level chosen for a help question and why; and what was
    asked for but not granted, with its coded reason (counted for the KPIs)."""
    now = now or timezone.now()
    ensure(weighing_verdict(data, timezone.localdate(now)))
    if intake is not None and intake.case_id != case.pk:
        raise refuse("intake_other_case", _("Choose a help question of this case."))
    not_granted = bool(data.not_granted_reason)
    weighing = Weighing.objects.create(
        case=case,
        intake=intake,
        decided_on=data.decided_on,
        level=data.level,
        reason=data.reason.strip(),
        not_granted=data.not_granted.strip() if not_granted else "",
        not_granted_reason=data.not_granted_reason,
        other_law=data.other_law if data.not_granted_reason == "other_law" else "",
        not_granted_explanation=data.not_granted_explanation.strip() if not_granted else "",
        recorded_by=actor,
        recorded_at=now,
    )
    log_change(ctx, weighing, AuditAction.CREATE, changed_fields=("level", "reason", "not_granted"))
    return weighing


# --- Drafts -----------------------------------------------------------------------------


# What a decision says that is not a link to another record (the form and API copy these).
PLAIN_FIELDS = (
    "start_date",
    "end_date",
    "motivation",
    "intensity",
    "heavy_reason",
    "volume",
    "frequency",
    "budget",
    "life_changing",
    "crisis",
    "crisis_reason",
)


@dataclass(frozen=True)
class DecisionInput:
    youth: Resident
    product: ContractedProduct
    start_date: date
    end_date: date | None
    motivation: str
    intensity: str = ""  # taken from the product's profile when it has one
    heavy_reason: str = ""
    volume: int | None = None
    frequency: str = ""
    budget: Decimal | None = None
    life_changing: bool = False
    crisis: bool = False
    crisis_reason: str = ""
    weighing: Weighing | None = None
    request: RequestedProduct | None = None

    @classmethod
    def of(cls, data, **links) -> "DecisionInput":
        """From cleaned form or API data (PLAIN_FIELDS) and the records it links to:
        `youth`, `product`, `weighing`, `request`."""
        return cls(**{name: data[name] for name in PLAIN_FIELDS}, **links)


def _intensity(data: DecisionInput) -> str:
    return data.product.profile.intensity if data.product.profile_id else data.intensity


def _in_household(case: Case, youth: Resident) -> bool:
    return case.household.memberships.filter(resident=youth).exists()


def _draft_facts(case: Case, data: DecisionInput, today: date) -> DraftFacts:
    product = data.product
    return DraftFacts(
        category=product.category,
        product_code=product.product_code,
        unit=product.unit,
        volume=data.volume if product.product_code else None,
        frequency=data.frequency if product.product_code else "",
        budget=None if product.product_code else data.budget,
        start=data.start_date,
        end=data.end_date,
        intensity=_intensity(data),
        heavy_reason=data.heavy_reason,
        motivation=data.motivation,
        youth_age_on_start=age_on(data.youth.birth_date, data.start_date),
        youth_in_household=_in_household(case, data.youth),
        product_contracted=product.active and product.provider.active,
        max_months=settings.WIJKTEAM_DECISION_MAX_MONTHS,
    )


def _check_links(case: Case, data: DecisionInput, decision: Decision | None) -> None:
    if data.weighing is not None and data.weighing.case_id != case.pk:
        raise refuse("weighing_other_case", _("Choose a weighing of this case."))
    request = data.request
    if request is not None:
        if request.message.case_id != case.pk:
            raise refuse("request_other_case", _("Choose a request for this case."))
        if request.decision_id and (decision is None or request.decision_id != decision.pk):
            raise refuse(
                "request_answered", _("This request is already answered by another decision.")
            )


def _apply(decision: Decision, data: DecisionInput) -> None:
    product = data.product
    decision.youth = data.youth
    decision.product = product
    decision.category, decision.product_code = product.category, product.product_code
    decision.unit, decision.tariff = product.unit, product.tariff
    decision.intensity = _intensity(data)
    decision.heavy_reason = data.heavy_reason.strip()
    decision.start_date, decision.end_date = data.start_date, data.end_date
    decision.volume = data.volume if product.product_code else None
    decision.frequency = data.frequency if product.product_code else ""
    decision.budget = None if product.product_code else data.budget
    decision.motivation = data.motivation.strip()
    decision.life_changing = is_life_changing(product.category, data.life_changing)
    decision.crisis = data.crisis
    decision.crisis_reason = data.crisis_reason.strip() if data.crisis else ""
    decision.weighing = data.weighing


DRAFT_FIELDS = ("youth", "product", *PLAIN_FIELDS)


@transaction.atomic
def save_draft(
    ctx: AuditContext,
    case: Case,
    data: DecisionInput,
    *,
    actor: User,
    decision: Decision | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Decision:
    """Create a draft decision or change one (version-checked). The content rules are
    checked on every save, so the page says at once what is wrong."""
    now = now or timezone.now()
    ensure(draft_verdict(_draft_facts(case, data, timezone.localdate(now))))
    _check_links(case, data, decision)
    if decision is None:
        decision = Decision(
            reference=next_reference("BS", now.year), case=case, created_by=actor, created_at=now
        )
        action = AuditAction.CREATE
    else:
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        claim_next_version(decision, expected_version)
        if decision.status != DecisionStatus.DRAFT:
            raise refuse("not_a_draft", _("Only a draft can be changed."))
        action = AuditAction.UPDATE
    _apply(decision, data)
    decision.save()
    if data.request is not None:
        RequestedProduct.objects.filter(pk=data.request.pk).update(decision=decision)
    log_change(ctx, decision, action, changed_fields=DRAFT_FIELDS)
    return decision


# --- The lifecycle ------------------------------------------------------------------------


def _locked(decision: Decision, expected_version: int | None) -> Decision:
    locked = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("case__household", "youth", "product__provider")
        .get(pk=decision.pk)
    )
    claim_next_version(locked, expected_version)
    return locked


def _step(decision: Decision, action: str, roles, note: str = "") -> None:
    ensure(
        transition_verdict(
            decision.status, action, roles, life_changing=decision.life_changing, note=note
        )
    )


def _as_input(decision: Decision) -> DecisionInput:
    return DecisionInput.of(
        {name: getattr(decision, name) for name in PLAIN_FIELDS},
        youth=decision.youth,
        product=decision.product,
    )


def allocated(decision: Decision) -> Allocated:
    return Allocated(
        decision.reference,
        decision.category,
        decision.product_code,
        decision.start_date,
        decision.effective_end,
    )


def other_allocations(decision: Decision) -> list[Allocated]:
    """The young person's other decisions that count for stacking: awaiting co-signature,
    issued or ended (up to the day they ended)."""
    others = Decision.objects.filter(
        youth_id=decision.youth_id,
        status__in=(DecisionStatus.AWAITING_COSIGN, DecisionStatus.ISSUED, DecisionStatus.ENDED),
    ).exclude(pk=decision.pk)
    return [allocated(other) for other in others]


def issue_facts(decision: Decision, today: date) -> IssueFacts:
    """What the rules need to say whether this decision may leave now."""
    case = decision.case
    memberships = list(case.household.memberships.select_related("resident"))
    return IssueFacts(
        draft=_draft_facts(case, _as_input(decision), today),
        case_open=case.is_open,
        youth_has_bsn=bool(decision.youth.bsn),
        youth_has_address=youth_address(
            decision.youth, [m for m in memberships if m.resident_id != decision.youth_id]
        )
        is not None,
        overlap=overlap_verdict(allocated(decision), other_allocations(decision)),
        clarification=clarification_verdict_for_case(case),
        safety=safety_verdict_for_case(case, today, crisis=decision.crisis),
        crisis=decision.crisis,
        crisis_reason=decision.crisis_reason,
    )


def _lock_youth(decision: Decision) -> None:
    """Serialise issuing for one young person: the overlap check then sees every other
    decision issued before this one."""
    Resident.objects.select_for_update().filter(pk=decision.youth_id).first()


def _issue(ctx: AuditContext, decision: Decision, *, actor: User, now: datetime) -> Decision:
    facts = issue_facts(decision, timezone.localdate(now))
    ensure(issue_verdict(facts))
    if decision.crisis and any(w.code == "safety_deferred_crisis" for w in facts.safety.warnings):
        record_crisis_exception(
            ctx, decision.case, reason=decision.crisis_reason, actor=actor, now=now
        )
    decision.status = DecisionStatus.ISSUED
    decision.allocation_number = next_allocation_number()
    decision.issued_by, decision.issued_at = actor, now
    decision.cost = decision.estimated_cost
    decision.save()
    log_change(ctx, decision, AuditAction.UPDATE, changed_fields=("status", "allocation_number"))
    queue_allocation(ctx, [decision], now=now)
    return decision


@transaction.atomic
def issue_decision(
    ctx: AuditContext,
    decision: Decision,
    *,
    actor: User,
    roles,
    expected_version: int | None,
    now: datetime | None = None,
) -> Decision:
    """Issue a decision that needs no co-signature: every rule is checked again, the
    allocation number given and the JW301 recorded for the provider."""
    now = now or timezone.now()
    decision = _locked(decision, expected_version)
    _lock_youth(decision)
    _step(decision, "issue", roles)
    return _issue(ctx, decision, actor=actor, now=now)


@transaction.atomic
def submit_for_cosign(
    ctx: AuditContext,
    decision: Decision,
    *,
    actor: User,
    roles,
    expected_version: int | None,
    now: datetime | None = None,
) -> Decision:
    """A life-changing decision goes to a behavioural expert for co-signature, once it
    would pass every rule (the expert then weighs the content, not the paperwork)."""
    now = now or timezone.now()
    decision = _locked(decision, expected_version)
    _step(decision, "submit", roles)
    ensure(issue_verdict(issue_facts(decision, timezone.localdate(now))))
    decision.status = DecisionStatus.AWAITING_COSIGN
    decision.submitted_by, decision.submitted_at = actor, now
    decision.save()
    log_change(ctx, decision, AuditAction.UPDATE, changed_fields=("status",))
    return decision


@transaction.atomic
def cosign_decision(
    ctx: AuditContext,
    decision: Decision,
    *,
    approve: bool,
    note: str,
    actor: User,
    roles,
    expected_version: int | None,
    now: datetime | None = None,
) -> Decision:
    """Four eyes: a behavioural expert who did not draft or submit the decision co-signs
    it (it is issued at once) or returns it to draft with a note."""
    now = now or timezone.now()
    decision = _locked(decision, expected_version)
    _step(decision, "cosign" if approve else "return", roles, note)
    ensure(cosign_verdict((decision.created_by_id, decision.submitted_by_id), actor.pk))
    decision.cosign_note = note.strip()
    if not approve:
        decision.status = DecisionStatus.DRAFT
        decision.save()
        log_change(ctx, decision, AuditAction.UPDATE, changed_fields=("status", "cosign_note"))
        return decision
    _lock_youth(decision)
    decision.cosigned_by, decision.cosigned_at = actor, now
    return _issue(ctx, decision, actor=actor, now=now)


def _close(
    ctx: AuditContext,
    decision: Decision,
    status: str,
    *,
    note: str,
    now: datetime,
    fields: tuple[str, ...] = (),
    tell_provider: bool = False,
) -> Decision:
    """End a decision's life: the new status with the note why; the provider gets the
    JW301 that tells them when `tell_provider`."""
    decision.status = status
    decision.closing_note, decision.closed_at = note.strip(), now
    decision.save()
    log_change(
        ctx, decision, AuditAction.UPDATE, changed_fields=("status", "closing_note", *fields)
    )
    if tell_provider:
        queue_allocation(ctx, [decision], now=now)
    return decision


@transaction.atomic
def discard_decision(
    ctx: AuditContext,
    decision: Decision,
    *,
    note: str,
    actor: User,
    roles,
    expected_version: int | None,
    now: datetime | None = None,
) -> Decision:
    """A draft (or one awaiting co-signature) that will not be issued."""
    now = now or timezone.now()
    decision = _locked(decision, expected_version)
    _step(decision, "discard", roles, note)
    RequestedProduct.objects.filter(decision=decision).update(decision=None)
    return _close(ctx, decision, DecisionStatus.WITHDRAWN, note=note, now=now)


@transaction.atomic
def end_decision(
    ctx: AuditContext,
    decision: Decision,
    *,
    ended_on: date | None,
    change_reason: str,
    note: str,
    actor: User,
    roles,
    expected_version: int | None,
    now: datetime | None = None,
) -> Decision:
    """End an issued decision on a day within its period, with a reason (JZ002); the
    provider gets a JW301 with the new end date when that is earlier."""
    now = now or timezone.now()
    decision = _locked(decision, expected_version)
    _step(decision, "end", roles, note)
    ensure(end_verdict(decision.start_date, decision.end_date, ended_on, change_reason))
    earlier = ended_on < decision.end_date
    decision.ended_on, decision.change_reason = ended_on, change_reason
    decision.cost = decision.estimated_cost
    return _close(
        ctx,
        decision,
        DecisionStatus.ENDED,
        note=note,
        now=now,
        fields=("ended_on", "change_reason"),
        tell_provider=earlier,
    )


@transaction.atomic
def withdraw_decision(
    ctx: AuditContext,
    decision: Decision,
    *,
    note: str,
    actor: User,
    roles,
    expected_version: int | None,
    now: datetime | None = None,
) -> Decision:
    """Withdraw an issued decision as wrongly sent, before care started: the provider
    gets a JW301 with reason 13 (removed), its end date equal to its start date."""
    now = now or timezone.now()
    decision = _locked(decision, expected_version)
    _step(decision, "withdraw", roles, note)
    ensure(withdraw_verdict(decision.deliveries.filter(removed=False).exists()))
    decision.change_reason, decision.cost = "13", Decimal(0)
    return _close(
        ctx,
        decision,
        DecisionStatus.WITHDRAWN,
        note=note,
        now=now,
        fields=("change_reason",),
        tell_provider=True,
    )


def expire_decisions(ctx: AuditContext, today: date) -> int:
    """Issued decisions whose period is over become ended (the daily job): the provider
    already has the end date, so no message is sent. Each in its own transaction, locked
    and checked again, so a step someone takes at the same time wins cleanly."""
    ended = 0
    expired = Decision.objects.filter(status=DecisionStatus.ISSUED, end_date__lt=today)
    for pk in list(expired.values_list("pk", flat=True)):
        with transaction.atomic():
            decision = (
                Decision.objects.select_for_update()
                .filter(pk=pk, status=DecisionStatus.ISSUED, end_date__lt=today)
                .first()
            )
            if decision is None:
                continue
            decision.ended_on = decision.end_date
            with translation.override(settings.LANGUAGE_CODE):
                note = _("The period of the decision is over.")
            _close(
                ctx,
                decision,
                DecisionStatus.ENDED,
                note=note,
                now=timezone.now(),
                fields=("ended_on",),
            )
            ended += 1
    return ended


# --- Objections -----------------------------------------------------------------------------


@transaction.atomic
def record_objection(
    ctx: AuditContext,
    decision: Decision,
    *,
    received_on: date,
    submitted_by: str,
    summary: str,
    actor: User,
    now: datetime | None = None,
) -> tuple[Objection, Verdict]:
    """Record an objection (bezwaar) to an issued decision; one after the six weeks is
    recorded as late, with a warning."""
    now = now or timezone.now()
    issued_on = timezone.localdate(decision.issued_at) if decision.issued_at else None
    verdict = ensure(objection_verdict(issued_on, received_on, timezone.localdate(now)))
    if not summary.strip() or not submitted_by.strip():
        raise refuse("objection_incomplete", _("Say who objects and what the objection says."))
    objection = Objection.objects.create(
        decision=decision,
        received_on=received_on,
        submitted_by=submitted_by.strip(),
        summary=summary.strip(),
        late=bool(verdict.warnings),
        recorded_by=actor,
        recorded_at=now,
    )
    log_change(ctx, objection, AuditAction.CREATE, changed_fields=("received_on", "summary"))
    return objection, verdict


@transaction.atomic
def decide_objection(
    ctx: AuditContext, objection: Objection, *, outcome: str, decided_on: date, actor: User
) -> Objection:
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if decided_on < objection.received_on or decided_on > timezone.localdate():
        raise refuse("objection_decided_on", _("The date lies between receipt and today."))
    objection.outcome, objection.decided_on = outcome, decided_on
    objection.save(update_fields=["outcome", "decided_on"])
    log_change(ctx, objection, AuditAction.UPDATE, changed_fields=("outcome", "decided_on"))
    return objection
