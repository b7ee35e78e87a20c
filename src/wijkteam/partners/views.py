"""Partner pages: the list with coverage against the targets, one partner with its fixed
contacts, and the team lead's assignment of a contact. Thin: parse, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.audit.log import AuditContext
from wijkteam.cases.views import add_refusal
from wijkteam.core.concurrency import CONFLICT_MESSAGE
from wijkteam.core.errors import ConcurrentEditError, RuleViolation
from wijkteam.core.pagination import AFTER, BEFORE, keyset_page, page_links

from . import services
from .forms import FixedContactForm, PartnerFilterForm
from .models import Partner
from .queries import (
    PARTNER_LIST_ORDER,
    contact_candidates,
    coverage_table,
    current_contact,
    is_current,
    partner_detail,
    partner_list,
    partners_assignable_by,
)

VIEW = "partners.view_partner"
ASSIGN = "partners.assign_fixedcontact"
PAGE_SIZE = 25


@login_required
@permission_required(VIEW, raise_exception=True)
def partner_list_page(request):
    today = timezone.localdate()
    filters = PartnerFilterForm(request.GET)
    page = keyset_page(
        partner_list(request.user, today, filters.chosen()),
        PARTNER_LIST_ORDER,
        after=request.GET.get(AFTER),
        before=request.GET.get(BEFORE),
        size=PAGE_SIZE,
    )
    context = {
        "filters": filters,
        "partners": page.items,
        "links": page_links(request, page),
        "first_page": page.at_start,
        "coverage": coverage_table(today),
        "today": today,
    }
    return render(request, "partners/partner_list.html", context)


def _partner(user, pk: int) -> Partner:
    try:
        return partner_detail(user, pk)
    except Partner.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@permission_required(VIEW, raise_exception=True)
def partner_detail_page(request, pk: int):
    partner = _partner(request.user, pk)
    today = timezone.localdate()
    contacts = list(partner.fixed_contacts.all())
    context = {
        "partner": partner,
        "contacts": contacts,
        "current": next((c for c in contacts if is_current(c, today)), None),
        "can_assign": partners_assignable_by(request.user).filter(pk=partner.pk).exists(),
        "can_edit": request.user.has_perm("partners.change_partner"),
    }
    return render(request, "partners/partner_detail.html", context)


CONTACT_FIELDS = {
    "contact_starts_too_early": "starts_on",
    "contact_unchanged": "staff",
    "contact_other_team": "staff",
    "no_current_contact": "staff",
}


@login_required
@permission_required(ASSIGN, raise_exception=True)
def assign_contact(request, pk: int):
    try:
        partner = partners_assignable_by(request.user).select_related("district").get(pk=pk)
    except Partner.DoesNotExist as exc:
        raise Http404 from exc
    today = timezone.localdate()
    candidates = contact_candidates(partner, today)
    current = current_contact(partner, today)
    data = request.POST if request.method == "POST" else None
    form = FixedContactForm(
        data, partner=partner, candidates=candidates, has_current=current is not None
    )
    status = 200
    if data is not None:
        status = 400
        if form.is_valid():
            try:
                services.assign_fixed_contact(
                    AuditContext.from_request(request),
                    partner,
                    form.chosen_staff(),
                    starts_on=form.cleaned_data["starts_on"],
                    actor=request.user,
                    expected_version=form.cleaned_data["version"],
                )
            except ConcurrentEditError:
                form.add_error(None, CONFLICT_MESSAGE)
                status = 409
            except RuleViolation as refusal:
                add_refusal(form, refusal, CONTACT_FIELDS, "staff")
            else:
                messages.success(request, _("The fixed contact has been recorded."))
                return redirect("partners:partner_detail", pk=partner.pk)
    context = {"partner": partner, "form": form, "candidates": candidates, "current": current}
    return render(request, "partners/assign_contact.html", context, status=status)
