"""Every change to safety records: one function per use case, one transaction each,
audited in that transaction."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.models import AuditAction
from wijkteam.cases.models import Case
from wijkteam.cases.rules import add_working_days
from wijkteam.core.errors import RuleViolation

from .models import CrisisSafetyException
from .rules import crisis_exception_verdict


@transaction.atomic
def record_crisis_exception(
    ctx: AuditContext, case: Case, *, reason: str, actor, now: datetime | None = None
) -> CrisisSafetyException:
    """Crisis care without a current safety assessment: records why, and sets a safety
    assessment due within WIJKTEAM_CRISIS_SAFETY_DUE_WORKING_DAYS working days. Refuses
    an empty reason (RuleViolation, in Dutch). Audited; on the case timeline."""
    now = now or timezone.now()
    verdict = crisis_exception_verdict(reason)
    if not verdict.allowed:
        raise RuleViolation(verdict)
    due = add_working_days(
        timezone.localdate(now), settings.WIJKTEAM_CRISIS_SAFETY_DUE_WORKING_DAYS
    )
    exception = CrisisSafetyException.objects.create(
        case=case,
        reason=reason.strip(),
        recorded_by=actor,
        recorded_at=now,
        assessment_due_on=due,
    )
    log_change(ctx, exception, AuditAction.CREATE, changed_fields=("reason", "assessment_due_on"))
    return exception
