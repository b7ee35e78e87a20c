"""The allocation message (JW301) of one young person at one provider, composed from the
decisions on record: every allocation there that is current on the day of the message,
plus the ones changed now (an early end, a withdrawal) — iJw OP087."""

import re
from datetime import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkteam.allocation.models import Decision, DecisionStatus
from wijkteam.audit.log import AuditContext
from wijkteam.people.models import MemberRole, Resident

from . import build
from .models import Message
from .outbox import header_for, queue

HOUSE_NUMBER = re.compile(r"^\s*(\d{1,5})\s*[-\s]?\s*(.*?)\s*$")
# The household role of someone with parental authority → iJw SoortRelatie (OP002).
RELATION_KIND = {MemberRole.PARENT: "10", MemberRole.CARER: "11"}


def split_house_number(text: str) -> tuple[int, str, str] | None:
    """ "12" → (12, "", ""), "12a" → (12, "a", ""), "12-3" → (12, "", "3"); None when
    there is no number at the start."""
    match = HOUSE_NUMBER.match(text or "")
    if match is None:
        return None
    number, rest = int(match.group(1)), match.group(2).replace(" ", "")
    if len(rest) == 1 and rest.isalpha():
        return number, rest, ""
    return number, "", rest[:4]


def address_of(resident: Resident) -> build.Address | None:
    parts = split_house_number(resident.house_number)
    if not resident.postcode or parts is None:
        return None
    return build.Address(resident.postcode, *parts)


def _name(resident: Resident) -> build.Name:
    return build.Name(resident.surname, resident.surname_prefix, resident.given_names)


def youth_address(youth: Resident, memberships) -> build.Address | None:
    """The young person's own address, or else that of a parent in the household."""
    found = address_of(youth)
    if found is not None:
        return found
    for membership in memberships:
        if membership.has_parental_authority:
            found = address_of(membership.resident)
            if found is not None:
                return found
    return None


def client_of(decision: Decision) -> build.Client:
    youth = decision.youth
    memberships = [
        m
        for m in decision.case.household.memberships.select_related("resident")
        if m.resident_id != youth.pk
    ]
    relations = tuple(
        build.Relation(
            number=str(m.resident_id),
            kind=RELATION_KIND.get(m.role, "09"),
            name=_name(m.resident),
            address=address_of(m.resident),
            phone=m.resident.phone,
        )
        for m in memberships
        if m.has_parental_authority
    )
    return build.Client(
        bsn=youth.bsn or "",
        birth_date=youth.birth_date,
        name=_name(youth),
        address=youth_address(youth, memberships),
        phone=youth.phone,
        relations=tuple(r for r in relations if r.address or r.phone),
    )


def allocated_product(decision: Decision, comment: str) -> build.AllocatedProduct:
    withdrawn = decision.status == DecisionStatus.WITHDRAWN
    request = decision.requests.first()
    volume = decision.volume
    if volume is not None and decision.unit == "83":
        volume *= 100  # Euro's: the volume is in eurocent (iJw IV042)
    return build.AllocatedProduct(
        number=decision.allocation_number,
        category=decision.category,
        product_code=decision.product_code,
        allocated_at=timezone.localtime(decision.issued_at),
        start=decision.start_date,
        # Withdrawn: as if never sent (JZ002 13), the end is the start.
        end=decision.start_date if withdrawn else decision.effective_end,
        change_reason="13" if withdrawn else decision.change_reason,
        volume=volume,
        unit=decision.unit,
        frequency=decision.frequency,
        budget_cents=int(decision.budget * 100) if decision.budget is not None else None,
        provider_reference=request.reference if request else "",
        comment=comment,
    )


def queue_allocation(
    ctx: AuditContext, changed: list[Decision], *, now: datetime | None = None
) -> Message:
    """Record the JW301 for the young person and provider of `changed` (decisions just
    issued, ended or withdrawn), with every other current allocation there."""
    now = now or timezone.now()
    first = changed[0]
    provider = first.product.provider
    today = timezone.localdate(now)
    current = list(
        Decision.objects.filter(
            youth_id=first.youth_id,
            product__provider=provider,
            status=DecisionStatus.ISSUED,
            end_date__gte=today,
        )
        .exclude(pk__in=[d.pk for d in changed])
        .select_related("product")
    )
    with translation.override(settings.LANGUAGE_CODE):  # what the provider reads: Dutch
        comment = _contact_comment(first)
    decisions = sorted([*changed, *current], key=lambda d: d.allocation_number)
    header = header_for("JW301", provider.agb_code, now)
    xml = build.jw301(header, client_of(first), [allocated_product(d, comment) for d in decisions])
    return queue(
        ctx,
        kind="JW301",
        xml=xml,
        identification=header.identification,
        dated_on=header.dated_on,
        sender=header.sender,
        receiver=header.receiver,
        provider=provider,
        case=first.case,
        decisions=decisions,
        now=now,
    )


def _contact_comment(decision: Decision) -> str:
    """Who the provider calls about this allocation (IJW_SENDER_CONTACT)."""
    team = decision.case.team.name
    contact = settings.IJW_SENDER_CONTACT
    if contact:
        return _("Contact: %(team)s, %(contact)s.") % {"team": team, "contact": contact}
    return _("Contact: %(team)s.") % {"team": team}
