"""Changes made by the privacy pages: a subject-access export, recorded and audited."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from wijkteam.audit.log import AuditContext, log_read
from wijkteam.audit.models import AuditAction
from wijkteam.people.models import Resident

from .models import SubjectAccessExport
from .subject_access import SubjectExport, subject_export


@dataclass(frozen=True)
class ExportRequest:
    request_reference: str
    format: str  # "pdf" or "json"


@transaction.atomic
def export_subject_data(ctx: AuditContext, resident: Resident, request: ExportRequest, by):
    """Gather everything about the resident, record that it was exported (by whom, for
    which request, in which format) and log every record it shows as exported — all in
    one transaction with the export."""
    now = timezone.now()
    export: SubjectExport = subject_export(resident, timezone.localdate(now))
    SubjectAccessExport.objects.create(
        resident_id=resident.pk,
        request_reference=request.request_reference.strip(),
        made_at=now,
        made_by=by,
        format=request.format,
    )
    shown = [resident, *export.cases]
    log_read(ctx, shown, action=AuditAction.EXPORT, detail={"format": request.format})
    return export
