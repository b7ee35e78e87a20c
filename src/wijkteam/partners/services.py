"""Every change to fixed contacts: one function per use case, row-locked on the partner,
version-checked and audited in the same transaction. Partners themselves are edited by
the functional administrator in the admin (audited there)."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.accounts.queries import youth_case_verdict
from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.models import AuditAction
from wijkteam.core.concurrency import claim_next_version
from wijkteam.core.errors import RuleViolation
from wijkteam.core.rules import Verdict

from .models import FixedContact, Partner
from .queries import latest_contact
from .rules import ContactFacts, fixed_contact_verdict


@transaction.atomic
def assign_fixed_contact(
    ctx: AuditContext,
    partner: Partner,
    staff: User | None,
    *,
    starts_on: date,
    actor: User,
    expected_version: int | None,
    now: datetime | None = None,
) -> FixedContact | None:
    """Make `staff` the partner's fixed contact from `starts_on`; the current contact (if
    any) ends the day before. With `staff=None` the current contact ends without a
    successor. Refused (RuleViolation, Dutch reasons) for a colleague outside the
    district's team or without a current VOG; a stale version is a ConcurrentEditError."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    claim_next_version(partner, expected_version)
    latest = latest_contact(partner)
    current = latest if latest is not None and latest.ends_on is None else None
    verdict = fixed_contact_verdict(
        ContactFacts(
            partner_active=partner.active,
            partner_district_id=partner.district_id,
            staff_team_district_id=staff.team.district_id if staff and staff.team_id else None,
            staff_active=bool(staff and staff.is_active),
            vog=youth_case_verdict(staff, today) if staff else Verdict(True),
            starts_on=starts_on,
            current_staff_id=current.staff_id if current else None,
            latest_starts_on=latest.starts_on if latest else None,
            latest_ends_on=latest.ends_on if latest else None,
            staff_id=staff.pk if staff else None,
        )
    )
    if not verdict.allowed:
        raise RuleViolation(verdict)
    if current is not None:
        current.ends_on = starts_on - timedelta(days=1)
        current.save(update_fields=["ends_on"])
        log_change(ctx, current, AuditAction.UPDATE, changed_fields=("ends_on",))
    if staff is None:
        return None
    contact = FixedContact.objects.create(
        partner=partner, staff=staff, starts_on=starts_on, assigned_by=actor, assigned_at=now
    )
    log_change(ctx, contact, AuditAction.CREATE, changed_fields=("staff", "starts_on"))
    return contact
