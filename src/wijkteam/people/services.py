"""Changes to residents: one function per use case, version-checked and audited."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from wijkteam.audit.log import AuditContext, log_change
from wijkteam.audit.models import AuditAction
from wijkteam.core.concurrency import claim_next_version
from wijkteam.core.errors import RuleViolation
from wijkteam.core.rules import Reason, Verdict

from .models import PostcodeArea, Resident
from .rules import district_for_postcode, normalise_bsn, normalise_postcode


@dataclass
class ResidentChanges:
    given_names: str
    surname_prefix: str
    surname: str
    birth_date: date
    bsn: str
    bsn_missing_reason: str
    postcode: str
    house_number: str
    phone: str
    email: str


def _refuse(code: str, message: str) -> RuleViolation:
    return RuleViolation(Verdict(False, (Reason(code, message),)))


@transaction.atomic
def update_resident(
    ctx: AuditContext, resident: Resident, changes: ResidentChanges, *, expected_version: int
) -> Resident:
    """Correct or complete a resident's details. A BSN belongs to one resident only; the
    district follows the postcode table."""
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    claim_next_version(resident, expected_version)
    bsn = normalise_bsn(changes.bsn) if changes.bsn else None
    if bsn and Resident.objects.filter(bsn=bsn).exclude(pk=resident.pk).exists():
        raise _refuse("bsn_taken", _("This BSN already belongs to another resident."))
    if not bsn and not changes.bsn_missing_reason.strip():
        raise _refuse("bsn_reason_needed", _("Give the BSN, or say why it is not known."))
    district_id = resident.district_id
    if changes.postcode:
        areas = dict(PostcodeArea.objects.values_list("area", "district_id"))
        district_id = district_for_postcode(changes.postcode, areas)
        if district_id is None:
            raise _refuse(
                "postcode_outside_municipality",
                _("This postcode does not belong to one of the municipality's districts."),
            )
    new_values = {
        "given_names": changes.given_names.strip(),
        "surname_prefix": changes.surname_prefix.strip(),
        "surname": changes.surname.strip(),
        "birth_date": changes.birth_date,
        "bsn": bsn,
        "bsn_missing_reason": "" if bsn else changes.bsn_missing_reason.strip(),
        "postcode": normalise_postcode(changes.postcode) if changes.postcode else "",
        "house_number": changes.house_number.strip(),
        "phone": changes.phone.strip(),
        "email": changes.email.strip(),
        "district_id": district_id,
    }
    changed = [name for name, value in new_values.items() if getattr(resident, name) != value]
    for name, value in new_values.items():
        setattr(resident, name, value)
    resident.save()
    log_change(
        ctx,
        resident,
        AuditAction.UPDATE,
        changed_fields=[name.removesuffix("_id") for name in changed],
    )
    return resident
