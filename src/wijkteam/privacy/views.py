"""The privacy officer's pages: subject access (AVG art. 15) and retention."""

import json

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from wijkteam.audit.log import AuditContext, log_read
from wijkteam.audit.models import AuditPurpose
from wijkteam.core.pdf import pdf_response, render_pdf
from wijkteam.people.models import Resident

from .forms import SubjectExportForm, SubjectLookupForm
from .models import DestructionRecord
from .retention import retention_overview, retention_rules
from .services import ExportRequest, export_subject_data
from .subject_access import display

EXPORT = "privacy.export_subject_data"
PLAN_ROWS_SHOWN = 100
RECORDS_SHOWN = 50


def _ctx(request) -> AuditContext:
    return AuditContext.from_request(request, AuditPurpose.SUBJECT_ACCESS)


@login_required
@permission_required(EXPORT, raise_exception=True)
def subject_access(request):
    """Find the resident by exact BSN (posted, never in the address), then export."""
    lookup = SubjectLookupForm(request.POST or None)
    resident = None
    status = 200
    if request.method == "POST":
        if lookup.is_valid():
            resident = Resident.objects.filter(bsn=lookup.cleaned_data["bsn"]).first()
            if resident is None:
                lookup.add_error("bsn", SubjectLookupForm.not_found_message())
                status = 404
            else:
                log_read(_ctx(request), resident)
        else:
            status = 400
    return render(
        request,
        "privacy/subject_access.html",
        {"lookup": lookup, "resident": resident, "export_form": SubjectExportForm()},
        status=status,
    )


@login_required
@permission_required(EXPORT, raise_exception=True)
def subject_export(request, pk: int):
    resident = get_object_or_404(Resident, pk=pk)
    form = SubjectExportForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        log_read(_ctx(request), resident)
        return render(
            request,
            "privacy/subject_access.html",
            {"lookup": SubjectLookupForm(), "resident": resident, "export_form": form},
            status=400 if request.method == "POST" else 200,
        )
    choice = ExportRequest(form.cleaned_data["request_reference"], form.cleaned_data["format"])
    export = export_subject_data(_ctx(request), resident, choice, request.user)
    name = f"inzage {choice.request_reference}"
    if choice.format == "json":
        response = HttpResponse(
            json.dumps(export.as_json(), ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="inzage.json"'
        response["Cache-Control"] = "no-store"
        return response
    sections = [
        {
            "title": s.title,
            "columns": s.columns,
            "rows": [[display(row.get(c.key)) for c in s.columns] for row in s.rows],
        }
        for s in export.sections
    ]
    pdf = render_pdf(
        "privacy/subject_export_pdf.html",
        {"export": export, "sections": sections, "reference": choice.request_reference},
        request=request,
    )
    return pdf_response(pdf, name, inline=False)


@login_required
@permission_required("privacy.view_destructionrecord", raise_exception=True)
def retention(request):
    """The retention rules, what the next run would destroy (the dry run) and what was
    destroyed. No personal data: references, dates and counts only."""
    overview = retention_overview(timezone.localdate(), PLAN_ROWS_SHOWN)
    records = list(DestructionRecord.objects.all()[:RECORDS_SHOWN])
    return render(
        request,
        "privacy/retention.html",
        {
            "rules": retention_rules().values(),
            "plan_rows": overview.first,
            "counts": overview.counts,
            "records": records,
        },
    )
