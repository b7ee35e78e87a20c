"""Household pages. Every page that shows a person writes an audit entry."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from wijkteam.audit.log import log_read, log_search

from .models import Household
from .queries import household_detail as get_household
from .queries import household_list as list_households
from .queries import household_picture
from .rules import age_on

PAGE_SIZE = 25


@login_required
@permission_required("people.view_household", raise_exception=True)
def household_list(request):
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(list_households(request.user, search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    households = list(page.object_list)
    if search:
        log_search(request, "people.household", result_count=page.paginator.count)
    log_read(request, households)
    return render(
        request,
        "people/household_list.html",
        {"page": page, "households": households, "search": search},
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
        },
    )
