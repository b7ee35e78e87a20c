from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from .log import log_read
from .models import AuditPurpose
from .queries import field_labels, record_for_audit, trail_of

PAGE_SIZE = 50


@login_required
@permission_required("audit.view_auditentry", raise_exception=True)
def record_trail(request, object_type: str, object_id: int):
    """Who viewed or changed this record, newest first."""
    try:
        record = record_for_audit(request.user, object_type, object_id)
    except LookupError as exc:
        raise Http404 from exc
    page = Paginator(trail_of(object_type, object_id), PAGE_SIZE).get_page(request.GET.get("page"))
    entries = list(page.object_list)
    for entry in entries:
        entry.field_labels = field_labels(entry.object_type, entry.detail.get("fields", []))
    log_read(request, record, purpose=AuditPurpose.AUDIT_REVIEW)
    return render(
        request,
        "audit/record_trail.html",
        {"record": record, "kind": record._meta.verbose_name, "page": page, "entries": entries},
    )
