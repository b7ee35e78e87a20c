from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render

from wijkteam.core.pagination import AFTER, BEFORE, keyset_page, page_links

from .log import log_read
from .models import AuditPurpose
from .queries import field_labels, record_for_audit, trail_of

PAGE_SIZE = 50
TRAIL_ORDER = ("-occurred_at", "-pk")


@login_required
@permission_required("audit.view_auditentry", raise_exception=True)
def record_trail(request, object_type: str, object_id: int):
    """Who viewed or changed this record, newest first."""
    try:
        record = record_for_audit(request.user, object_type, object_id)
    except LookupError as exc:
        raise Http404 from exc
    page = keyset_page(
        trail_of(object_type, object_id),
        TRAIL_ORDER,
        after=request.GET.get(AFTER),
        before=request.GET.get(BEFORE),
        size=PAGE_SIZE,
    )
    entries = page.items
    for entry in entries:
        entry.field_labels = field_labels(entry.object_type, entry.detail.get("fields", []))
    log_read(request, record, purpose=AuditPurpose.AUDIT_REVIEW)
    return render(
        request,
        "audit/record_trail.html",
        {
            "record": record,
            "kind": record._meta.verbose_name,
            "entries": entries,
            "links": page_links(request, page),
        },
    )
