"""State changes for staff: one function per use case, audited in the same transaction."""

from datetime import date

from django.db import transaction

from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.models import AuditAction
from wijkteam.core.errors import RuleViolation

from .models import CertificateOfConduct, User
from .queries import youth_case_verdict


@transaction.atomic
def record_certificate_of_conduct(
    ctx: AuditContext, *, worker: User, issued_on: date, checked_by: User, checked_on: date
) -> CertificateOfConduct:
    certificate = CertificateOfConduct.objects.create(
        user=worker, issued_on=issued_on, checked_by=checked_by, checked_on=checked_on
    )
    log_change(
        ctx,
        certificate,
        AuditAction.CREATE,
        changed_fields=("user", "issued_on", "checked_by", "checked_on"),
    )
    return certificate


def ensure_may_receive_youth_case(worker: User, today: date) -> None:
    """Raise RuleViolation (with the Dutch reason) when the worker lacks a current VOG.

    Case assignment (the intake issue) calls this before giving a youth case.
    """
    verdict = youth_case_verdict(
        User.objects.prefetch_related("certificates").get(pk=worker.pk), today
    )
    if not verdict.allowed:
        raise RuleViolation(verdict)
