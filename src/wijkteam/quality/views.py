"""Complaint pages: the public form and its acknowledgement (no sign-in, plain Dutch),
and the complaints officer's list, record and actions. Thin: parse the form, call one
service, render."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.audit.log import AuditContext, log_read
from wijkteam.cases.queries import cases_visible_to
from wijkteam.cases.views import add_refusal
from wijkteam.core.concurrency import CONFLICT_MESSAGE
from wijkteam.core.errors import ConcurrentEditError, RuleViolation
from wijkteam.core.navigation import roles_of
from wijkteam.core.pagination import AFTER, BEFORE, keyset_page, page_links

from . import services
from .forms import (
    ComplaintStatusForm,
    ExtensionForm,
    LinkCaseForm,
    PublicComplaintForm,
    StaffComplaintForm,
)
from .models import Complaint, ComplaintChannel
from .public import public_form_page
from .queries import (
    ALL,
    CLOSED,
    OPEN,
    complaint_detail,
    complaint_list,
    complaint_rows,
    deadline_of,
)
from .rules import complaint_targets, late_complaint_warning

VIEW = "quality.view_complaint"
ADD = "quality.add_complaint"
HANDLE = "quality.handle_complaint"
PAGE_SIZE = 25
COMPLAINT_SESSION_KEY = "quality:complaint"


def complaint_routes() -> dict:
    """Municipality-specific contact details for the complaint pages (settings)."""
    return {
        "complaints_contact": settings.WIJKTEAM_COMPLAINTS_CONTACT,
        "ombudsman_name": settings.WIJKTEAM_OMBUDSMAN_NAME,
        "ombudsman_contact": settings.WIJKTEAM_OMBUDSMAN_CONTACT,
        "youth_confidant_contact": settings.WIJKTEAM_YOUTH_CONFIDANT_CONTACT,
    }


# --- The public complaint form ------------------------------------------------------------


def complaint_form(request):
    form = PublicComplaintForm(request.POST if request.method == "POST" else None)

    def send():
        try:
            complaint = services.file_complaint(
                AuditContext.from_request(request),
                form.complaint_input(
                    received_on=timezone.localdate(), channel=ComplaintChannel.ONLINE
                ),
            )
        except RuleViolation as refusal:
            add_refusal(form, refusal, {})
            return None
        request.session[COMPLAINT_SESSION_KEY] = {
            "reference": complaint.reference,
            "due_on": complaint.due_on.isoformat(),
        }
        return redirect("quality:complaint_received")

    return public_form_page(
        request,
        form,
        scope="complaint",
        template="quality/complaint_form.html",
        done="quality:complaint_received",
        send=send,
        context=complaint_routes(),
    )


def complaint_received(request):
    """The acknowledgement: the reference and the date of the answer (from the session,
    never the URL), what happens next, and where else the resident can go."""
    saved = request.session.get(COMPLAINT_SESSION_KEY)
    context = dict(complaint_routes())
    if isinstance(saved, dict) and saved.get("reference"):
        context.update(reference=saved["reference"], due_on=date.fromisoformat(saved["due_on"]))
    return render(request, "quality/complaint_received.html", context)


# --- The complaints officer's pages -----------------------------------------------------


@login_required
@permission_required(VIEW, raise_exception=True)
def complaint_list_page(request):
    which = request.GET.get("status", OPEN)
    which = which if which in (OPEN, CLOSED, ALL) else OPEN
    complaints, ordering = complaint_list(request.user, which)
    page = keyset_page(
        complaints,
        ordering,
        after=request.GET.get(AFTER),
        before=request.GET.get(BEFORE),
        size=PAGE_SIZE,
    )
    log_read(request, page.items)
    context = {
        "rows": complaint_rows(page.items, timezone.localdate()),
        "links": page_links(request, page),
        "first_page": page.at_start,
        "which": which,
        "choices": ((OPEN, _("Open")), (CLOSED, _("Decided or withdrawn")), (ALL, _("All"))),
        "can_add": request.user.has_perm(ADD),
    }
    return render(request, "quality/complaint_list.html", context)


@login_required
@permission_required(ADD, raise_exception=True)
def complaint_new(request):
    form = StaffComplaintForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.complaint_input(
                received_on=form.cleaned_data["received_on"], channel=form.cleaned_data["channel"]
            )
            try:
                complaint = services.file_complaint(
                    AuditContext.from_request(request), data, filed_by=request.user
                )
            except RuleViolation as refusal:
                add_refusal(form, refusal, COMPLAINT_FIELDS)
            else:
                messages.success(
                    request,
                    _("Complaint %(reference)s is recorded.") % {"reference": complaint.reference},
                )
                return redirect("quality:complaint_detail", pk=complaint.pk)
    return render(request, "quality/complaint_new.html", {"form": form}, status=status)


COMPLAINT_FIELDS = {
    "complainant_name_missing": "complainant_name",
    "complaint_description_missing": "description",
    "received_in_future": "received_on",
    "incident_after_receipt": "incident_on",
}


def _complaint(request, pk: int) -> Complaint:
    try:
        return complaint_detail(request.user, pk)
    except Complaint.DoesNotExist as exc:
        raise Http404 from exc


def _linked_case_visible(user, complaint: Complaint) -> bool:
    return bool(complaint.case_id) and cases_visible_to(user).filter(pk=complaint.case_id).exists()


@login_required
@permission_required(VIEW, raise_exception=True)
def complaint_detail_page(request, pk: int):
    complaint = _complaint(request, pk)
    roles = {str(role) for role in roles_of(request.user)}
    log_read(request, complaint)
    context = {
        "complaint": complaint,
        "deadline": deadline_of(complaint, timezone.localdate()),
        "late_warning": late_complaint_warning(complaint.incident_on, complaint.received_on),
        "case_visible": _linked_case_visible(request.user, complaint),
        "events": list(complaint.events.all()),
        "can_handle": request.user.has_perm(HANDLE),
        "targets": complaint_targets(complaint.status, roles) if complaint.is_open else [],
        **complaint_routes(),
    }
    return render(request, "quality/complaint_detail.html", context)


def _complaint_action(request, pk, form_class, template, perform, done, fields, **form_kwargs):
    """Show an action's form on a complaint; on a valid POST call `perform` (a service)
    and go back to the complaint. A refusal is shown at its field, a conflict as such."""
    complaint = _complaint(request, pk)
    data = request.POST if request.method == "POST" else None
    form = form_class(data, complaint=complaint, **form_kwargs)
    status = 200
    if data is not None:
        status = 400
        if form.is_valid():
            try:
                perform(AuditContext.from_request(request), complaint, form)
            except ConcurrentEditError:
                form.add_error(None, CONFLICT_MESSAGE)
                status = 409
            except RuleViolation as refusal:
                add_refusal(form, refusal, fields)
            else:
                messages.success(request, done)
                return redirect("quality:complaint_detail", pk=complaint.pk)
    log_read(request, complaint)
    context = {
        "complaint": complaint,
        "form": form,
        "deadline": deadline_of(complaint, timezone.localdate()),
    }
    return render(request, template, context, status=status)


@login_required
@permission_required(HANDLE, raise_exception=True)
def complaint_status(request, pk: int):
    roles = {str(role) for role in roles_of(request.user)}

    def perform(ctx, complaint, form):
        services.move_complaint(
            ctx,
            complaint,
            form.cleaned_data["target"],
            actor=request.user,
            roles=roles,
            note=form.cleaned_data["note"],
            outcome=form.cleaned_data["outcome"],
            expected_version=form.cleaned_data["version"],
        )

    return _complaint_action(
        request,
        pk,
        ComplaintStatusForm,
        "quality/complaint_status.html",
        perform,
        _("The complaint's status has been changed."),
        {
            "complaint_move_not_allowed": "target",
            "complaint_move_role": "target",
            "complaint_outcome_missing": "outcome",
            "complaint_note_missing": "note",
        },
        roles=roles,
    )


@login_required
@permission_required(HANDLE, raise_exception=True)
def complaint_extend(request, pk: int):
    def perform(ctx, complaint, form):
        services.extend_complaint(
            ctx,
            complaint,
            weeks=form.cleaned_data["weeks"],
            reason=form.cleaned_data["reason"],
            informed_on=form.cleaned_data["informed_on"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )

    return _complaint_action(
        request,
        pk,
        ExtensionForm,
        "quality/complaint_extend.html",
        perform,
        _("The term has been extended."),
        {
            "extension_weeks": "weeks",
            "extension_reason": "reason",
            "extension_not_informed": "informed_on",
            "informed_in_future": "informed_on",
            "informed_before_receipt": "informed_on",
        },
    )


@login_required
@permission_required(HANDLE, raise_exception=True)
def complaint_link_case(request, pk: int):
    def perform(ctx, complaint, form):
        services.link_complaint_to_case(
            ctx,
            complaint,
            form.cleaned_data["case_reference"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )

    return _complaint_action(
        request,
        pk,
        LinkCaseForm,
        "quality/complaint_link_case.html",
        perform,
        _("The link to the case has been saved."),
        {"case_not_found": "case_reference"},
    )
