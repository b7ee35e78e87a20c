"""Household pages. Every page that shows a person writes an audit entry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.assessment.queries import life_domain_picture
from wijkteam.audit.log import AuditContext, log_read, log_search
from wijkteam.core.concurrency import CONFLICT_MESSAGE
from wijkteam.core.errors import ConcurrentEditError, RuleViolation
from wijkteam.core.pagination import AFTER, BEFORE, keyset_page, page_links
from wijkteam.plans.queries import plan_summary

from .forms import ResidentForm
from .models import Household
from .queries import HOUSEHOLD_LIST_ORDER, household_picture, residents_visible_to
from .queries import household_detail as get_household
from .queries import household_list as list_households
from .rules import age_on
from .services import update_resident

PAGE_SIZE = 25


@login_required
@permission_required("people.view_household", raise_exception=True)
def household_list(request):
    search = request.GET.get("q", "").strip()[:100]
    page = keyset_page(
        list_households(request.user, search),
        HOUSEHOLD_LIST_ORDER,
        after=request.GET.get(AFTER),
        before=request.GET.get(BEFORE),
        size=PAGE_SIZE,
    )
    households = page.items
    if search:
        log_search(request, "people.household", result_count=len(households))
    log_read(request, households)
    return render(
        request,
        "people/household_list.html",
        {
            "households": households,
            "links": page_links(request, page),
            "first_page": page.at_start,
            "search": search,
        },
    )


@login_required
@permission_required("people.view_household", raise_exception=True)
def household_detail(request, pk: int):
    try:
        household = get_household(request.user, pk)
    except Household.DoesNotExist as exc:
        raise Http404 from exc
    today = timezone.localdate()
    members = [
        {"membership": m, "resident": m.resident, "age": age_on(m.resident.birth_date, today)}
        for m in household.memberships.all()
    ]
    cases, workers, events = household_picture(household)
    log_read(request, [household, *(m["resident"] for m in members), *cases])
    return render(
        request,
        "people/household_detail.html",
        {
            "household": household,
            "members": members,
            "cases": cases,
            "workers": workers,
            "timeline": events,
            "can_see_audit": request.user.has_perm("audit.view_auditentry"),
            "life_domains": life_domain_picture(household),
            "plan_summary": plan_summary(household_id=household.pk)
            if request.user.has_perm("plans.view_plan")
            else None,
        },
    )


FIELD_OF_REASON = {
    "bsn_taken": "bsn",
    "bsn_reason_needed": "bsn_missing_reason",
    "postcode_outside_municipality": "postcode",
}


@login_required
@permission_required("people.view_resident", raise_exception=True)
def resident_edit(request, pk: int):
    """Correct or complete a resident's details; a concurrent change is refused."""
    resident = residents_visible_to(request.user).filter(pk=pk).first()
    if resident is None:
        raise Http404
    household = resident.households.first()
    initial = {name: getattr(resident, name) or "" for name in ResidentForm.base_fields}
    form = ResidentForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            try:
                update_resident(
                    AuditContext.from_request(request),
                    resident,
                    form.changes(),
                    expected_version=form.cleaned_data["version"],
                )
            except ConcurrentEditError:
                form.add_error(None, CONFLICT_MESSAGE)
                status = 409
            except RuleViolation as refusal:
                code = refusal.verdict.codes[0]
                form.add_error(FIELD_OF_REASON.get(code), refusal.verdict.message)
            else:
                messages.success(request, _("The details have been saved."))
                if household:
                    return redirect("people:household_detail", pk=household.pk)
                return redirect("core:home")
    log_read(request, resident)
    return render(
        request,
        "people/resident_edit.html",
        {"form": form, "resident": resident, "household": household},
        status=status,
    )
