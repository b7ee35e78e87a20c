"""Every change to complaints and survey invitations: one function per use case, one
transaction each, audited in that transaction; lifecycle changes are row-locked and
version-checked. Survey answers are anonymous and therefore not audited (ADR 0009)."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.middleware import current_request_id
from wijkteam.audit.models import AuditAction, AuditPurpose
from wijkteam.cases.models import Case
from wijkteam.cases.services import next_reference, refuse
from wijkteam.core.concurrency import claim_next_version
from wijkteam.core.errors import RuleViolation
from wijkteam.core.rules import Verdict

from .models import (
    Complaint,
    ComplaintChannel,
    ComplaintEvent,
    ComplaintEventKind,
    ComplaintStatus,
    SurveyInvitation,
    SurveyResponse,
)
from .rules import (
    complaint_input_verdict,
    complaint_move_verdict,
    decision_due,
    extension_verdict,
    invitation_verdict,
    month_of,
)

COMPLAINT_PREFIX = "KL"


def ensure(verdict: Verdict) -> None:
    if not verdict.allowed:
        raise RuleViolation(verdict)


# --- Complaints ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintInput:
    complainant_name: str
    description: str
    received_on: date
    channel: str = ComplaintChannel.ONLINE
    relation: str = "self"
    postcode: str = ""
    house_number: str = ""
    phone: str = ""
    email: str = ""
    incident_on: date | None = None
    desired_outcome: str = ""
    reference_given: str = ""


@transaction.atomic
def file_complaint(
    ctx: AuditContext,
    data: ComplaintInput,
    *,
    filed_by: User | None = None,
    now: datetime | None = None,
) -> Complaint:
    """Record a complaint: from the public form (`filed_by` None) or by the complaints
    officer on the complainant's behalf. Nothing is looked up: the complainant's answer is
    never told whether a person or case is known. The decision is due six weeks after
    receipt (Awb 9:11)."""
    now = now or timezone.now()
    ensure(
        complaint_input_verdict(
            name=data.complainant_name,
            description=data.description,
            received_on=data.received_on,
            incident_on=data.incident_on,
            today=timezone.localdate(now),
        )
    )
    complaint = Complaint.objects.create(
        reference=next_reference(COMPLAINT_PREFIX, data.received_on.year),
        channel=data.channel,
        received_on=data.received_on,
        complainant_name=data.complainant_name.strip(),
        relation=data.relation,
        postcode=data.postcode,
        house_number=data.house_number.strip(),
        phone=data.phone.strip(),
        email=data.email.strip(),
        description=data.description.strip(),
        incident_on=data.incident_on,
        desired_outcome=data.desired_outcome.strip(),
        reference_given=data.reference_given.strip(),
        filed_by=filed_by,
        due_on=decision_due(data.received_on),
        received_at=now,
    )
    ComplaintEvent.objects.create(
        complaint=complaint,
        occurred_at=now,
        kind=ComplaintEventKind.RECEIVED,
        actor=filed_by,
        to_status=ComplaintStatus.RECEIVED,
    )
    log_change(ctx, complaint, AuditAction.CREATE, changed_fields=("complainant", "description"))
    return complaint


def _locked(complaint: Complaint, expected_version: int | None) -> Complaint:
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    claim_next_version(locked, expected_version)
    return locked


@transaction.atomic
def move_complaint(
    ctx: AuditContext,
    complaint: Complaint,
    target: str,
    *,
    actor: User,
    roles,
    note: str = "",
    outcome: str = "",
    expected_version: int | None,
    now: datetime | None = None,
) -> Complaint:
    """Move a complaint along the transition table (row-locked, version-checked,
    audited). Acknowledging makes the actor the complaint's handler; a decision records
    the outcome and conclusion, a withdrawal how it was withdrawn."""
    now = now or timezone.now()
    complaint = _locked(complaint, expected_version)
    ensure(complaint_move_verdict(complaint.status, target, roles, note=note, outcome=outcome))
    ComplaintEvent.objects.create(
        complaint=complaint,
        occurred_at=now,
        kind=ComplaintEventKind.STATUS,
        actor=actor,
        from_status=complaint.status,
        to_status=target,
        note=note.strip(),
    )
    changed = ["status"]
    complaint.status = target
    if target == ComplaintStatus.ACKNOWLEDGED:
        complaint.acknowledged_on = timezone.localdate(now)
        complaint.handler = actor
        changed += ["acknowledged_on", "handler"]
    if target in (ComplaintStatus.DECIDED, ComplaintStatus.WITHDRAWN):
        complaint.closed_on = timezone.localdate(now)
        complaint.conclusion = note.strip()
        complaint.outcome = outcome if target == ComplaintStatus.DECIDED else ""
        changed += ["closed_on", "conclusion", "outcome"]
    complaint.save(update_fields=changed)
    log_change(ctx, complaint, AuditAction.UPDATE, changed_fields=changed)
    return complaint


@transaction.atomic
def extend_complaint(
    ctx: AuditContext,
    complaint: Complaint,
    *,
    weeks: int,
    reason: str,
    informed_on: date | None,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> Complaint:
    """Extend the term once by at most four weeks (Awb 9:11 lid 2), within the original
    term, with the reason and the date the complainant was told in writing."""
    now = now or timezone.now()
    complaint = _locked(complaint, expected_version)
    ensure(
        extension_verdict(
            status=complaint.status,
            received_on=complaint.received_on,
            extension_weeks_so_far=complaint.extension_weeks,
            weeks=weeks,
            reason=reason,
            informed_on=informed_on,
            today=timezone.localdate(now),
        )
    )
    complaint.extension_weeks = weeks
    complaint.extension_reason = reason.strip()
    complaint.extension_informed_on = informed_on
    complaint.due_on = decision_due(complaint.received_on, weeks)
    fields = ["extension_weeks", "extension_reason", "extension_informed_on", "due_on"]
    complaint.save(update_fields=fields)
    ComplaintEvent.objects.create(
        complaint=complaint,
        occurred_at=now,
        kind=ComplaintEventKind.EXTENDED,
        actor=actor,
        note=reason.strip(),
    )
    log_change(ctx, complaint, AuditAction.UPDATE, changed_fields=fields)
    return complaint


@transaction.atomic
def link_complaint_to_case(
    ctx: AuditContext,
    complaint: Complaint,
    case_reference: str,
    *,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> Complaint:
    """Link the complaint to the case it concerns (or unlink it with an empty reference).
    The complaints officer works for the whole municipality, so any case reference of the
    municipality may be linked; the team lead of that case's team then sees the complaint."""
    now = now or timezone.now()
    complaint = _locked(complaint, expected_version)
    reference = case_reference.strip().upper()
    case = None
    if reference:
        case = Case.objects.filter(reference=reference).first()
        if case is None:
            raise refuse("case_not_found", _("No case has this reference. Check the number."))
    complaint.case = case
    complaint.save(update_fields=["case"])
    ComplaintEvent.objects.create(
        complaint=complaint,
        occurred_at=now,
        kind=ComplaintEventKind.CASE_LINKED,
        actor=actor,
        note=reference or _("link removed"),
    )
    log_change(ctx, complaint, AuditAction.UPDATE, changed_fields=("case",))
    return complaint


# --- The client-experience survey ----------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class CreatedInvitation:
    invitation: SurveyInvitation
    token: str  # shown once, in the link; only its hash is stored


@transaction.atomic
def invite_to_survey(
    case: Case,
    occasion: str,
    by: User | None,
    *,
    ctx: AuditContext | None = None,
    now: datetime | None = None,
) -> CreatedInvitation:
    """Invite the family of `case` to the survey at an evaluation or at closure (occasion
    "evaluation" or "closure"). Returns the invitation and its token, which goes in the
    link (`reverse("quality:survey", args=[token])`) and is not stored. Refused for a case
    whose status does not fit the occasion."""
    now = now or timezone.now()
    ensure(invitation_verdict(case.status, occasion))
    token = secrets.token_urlsafe(32)
    invitation = SurveyInvitation.objects.create(
        case=case,
        team_id=case.team_id,
        occasion=occasion,
        token_hash=token_hash(token),
        created_at=now,
        created_by=by,
        expires_at=now + timedelta(days=settings.WIJKTEAM_SURVEY_VALID_DAYS),
    )
    log_change(ctx or _context_of(by), invitation, AuditAction.CREATE, changed_fields=("occasion",))
    return CreatedInvitation(invitation, token)


def _context_of(user: User | None) -> AuditContext:
    """For callers without a request (another service, a job): the user acts, unless none."""
    if user is None:
        return AuditContext.system(AuditPurpose.CASEWORK)
    return AuditContext(user.pk, user.get_username(), None, current_request_id())


class InvitationState:
    VALID = "valid"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"


def invitation_state(invitation: SurveyInvitation | None, now: datetime) -> str:
    if invitation is None:
        return InvitationState.UNKNOWN
    if invitation.used:
        return InvitationState.USED
    if invitation.expires_at <= now:
        return InvitationState.EXPIRED
    return InvitationState.VALID


class InvitationUnusable(Exception):
    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


@transaction.atomic
def answer_survey(
    token: str,
    *,
    score: int,
    went_well: str = "",
    could_be_better: str = "",
    now: datetime | None = None,
) -> SurveyResponse:
    """Store an answer without any name, case or invitation, and mark the invitation
    used (row-locked, so a double send stores one answer). Raises InvitationUnusable for
    an unknown, expired or used link."""
    now = now or timezone.now()
    invitations = SurveyInvitation.objects.select_for_update()
    invitation = invitations.filter(token_hash=token_hash(token)).first()
    state = invitation_state(invitation, now)
    if state != InvitationState.VALID:
        raise InvitationUnusable(state)
    if score not in range(1, 11):
        raise refuse("survey_score", _("Choose a number from 1 to 10."))
    invitation.used = True
    invitation.save(update_fields=["used"])
    return SurveyResponse.objects.create(
        team_id=invitation.team_id,
        occasion=invitation.occasion,
        month=month_of(timezone.localdate(now)),
        score=score,
        went_well=went_well.strip(),
        could_be_better=could_be_better.strip(),
    )
