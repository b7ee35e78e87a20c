"""Search pages: the file search, break-the-glass access to another team's file, and the
team lead's review of that access. Views parse, call a query or a service, audit and
render; what a user may find is decided in `search.queries`."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from wijkteam.audit.log import AuditContext, log_read, log_search
from wijkteam.audit.models import AuditAction, AuditPurpose
from wijkteam.cases.models import Case
from wijkteam.cases.queries import cases_visible_to, grants_for_team
from wijkteam.cases.services import ACCESS_GRANT_HOURS, grant_access_outside_team
from wijkteam.core.errors import RuleViolation
from wijkteam.core.pagination import AFTER, BEFORE, keyset_page, page_links
from wijkteam.people.rules import bsn_problem

from .forms import AccessRequestForm, SearchForm
from .queries import case_outside_team, search_files
from .rules import QueryKind

GRANTS_PAGE_SIZE = 50
GRANTS_ORDER = ("-granted_at", "-pk")

# Break-the-glass offers live in the session: a random key → the case id. The URL carries
# only the key, never the BSN or case the user typed.
OFFERS_SESSION_KEY = "search.access_offers"
OFFER_LIFETIME_SECONDS = 30 * 60
MAX_OFFERS = 5


def _remember_offer(request, case: Case) -> str:
    now = int(timezone.now().timestamp())
    offers = {
        key: offer
        for key, offer in request.session.get(OFFERS_SESSION_KEY, {}).items()
        if now - offer["at"] < OFFER_LIFETIME_SECONDS
    }
    key = secrets.token_urlsafe(18)
    offers[key] = {"case": case.pk, "at": now}
    newest = sorted(offers.items(), key=lambda item: item[1]["at"])[-MAX_OFFERS:]
    request.session[OFFERS_SESSION_KEY] = dict(newest)
    return key


def _offered_case(request, key: str) -> Case | None:
    """The case behind an offer key of this session; None when unknown or expired."""
    offer = request.session.get(OFFERS_SESSION_KEY, {}).get(key)
    now = int(timezone.now().timestamp())
    if not offer or now - offer["at"] >= OFFER_LIFETIME_SECONDS:
        return None
    return Case.objects.filter(pk=offer["case"]).first()


def _forget_offer(request, key: str) -> None:
    offers = dict(request.session.get(OFFERS_SESSION_KEY, {}))
    offers.pop(key, None)
    request.session[OFFERS_SESSION_KEY] = offers


def _hint(kind: QueryKind, query: str) -> str:
    if kind == QueryKind.BSN:
        return bsn_problem(query) or ""
    if kind == QueryKind.UNRECOGNISED:
        return _(
            "This is not a name, BSN, date of birth, reference or postcode we recognise. "
            "Dates are written as day-month-year, for example 1-6-2015."
        )
    return ""


@login_required
@permission_required("cases.view_case", raise_exception=True)
def search(request):
    """The search form posts, so a BSN typed into it never reaches a URL; a `q` in the
    address is accepted too (the same search, for links to a name or reference)."""
    data = request.POST if request.method == "POST" else request.GET
    if "q" not in data:
        data = None
    form = SearchForm(data, in_url=request.method != "POST")
    context = {"form": form, "result": None, "offer_url": None, "grant_hours": ACCESS_GRANT_HOURS}
    status = 200
    if data is not None and form.is_valid():
        query = form.cleaned_data["q"]
        result = search_files(request.user, query, after=data.get(AFTER), before=data.get(BEFORE))
        log_search(request, "people.household", result_count=len(result.households))
        log_read(request, result.shown())
        other_case = case_outside_team(request.user, query)
        if other_case is not None:
            # Recorded on that case's own trail: this user learnt that the file exists.
            log_read(request, other_case, action=AuditAction.SEARCH, detail={"outside_team": 1})
            key = _remember_offer(request, other_case)
            context["offer_url"] = f"{reverse('search:request_access')}?{urlencode({'token': key})}"
        context["result"] = result
        context["query"] = query
        context["hint"] = _hint(result.kind, query)
    elif data is not None:
        status = 400
    return render(request, "search/search.html", context, status=status)


@login_required
@permission_required("cases.view_case", raise_exception=True)
def request_access(request):
    """Break-the-glass: a reason, then the file is open to this user for a few hours."""
    key = request.GET.get("token", "")
    case = _offered_case(request, key)
    if case is None:
        # An old link (offers last half an hour and this session only) or a made-up one.
        # Explained, not a 404, so the worker knows to search again.
        return render(request, "search/request_expired.html")
    if cases_visible_to(request.user).filter(pk=case.pk).exists():
        _forget_offer(request, key)
        return redirect("people:household_detail", pk=case.household_id)
    form = AccessRequestForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            try:
                grant = grant_access_outside_team(
                    AuditContext.from_request(request),
                    case,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except RuleViolation as refusal:
                for reason in refusal.verdict.reasons:
                    form.add_error("reason", ValidationError(reason.message, code=reason.code))
            else:
                _forget_offer(request, key)
                until = date_format(timezone.localtime(grant.expires_at), "j F Y H:i")
                messages.success(
                    request,
                    _("You can see this file until %(until)s. Your reason has been recorded.")
                    % {"until": until},
                )
                return redirect("people:household_detail", pk=case.household_id)
    return render(
        request,
        "search/request_access.html",
        {"form": form, "grant_hours": ACCESS_GRANT_HOURS},
        status=status,
    )


@login_required
@permission_required("cases.view_accessgrant", raise_exception=True)
def access_grants(request):
    """Who opened one of this team's files from outside the team, when and why."""
    grants = grants_for_team(request.user.team_id).select_related("user__team")
    page = keyset_page(
        grants,
        GRANTS_ORDER,
        after=request.GET.get(AFTER),
        before=request.GET.get(BEFORE),
        size=GRANTS_PAGE_SIZE,
    )
    shown = page.items
    now = timezone.now()
    rows = [{"grant": grant, "active": grant.expires_at > now} for grant in shown]
    # The listing itself is recorded (also when it is empty), then every grant shown.
    log_search(
        request, "cases.accessgrant", result_count=len(shown), purpose=AuditPurpose.SUPERVISION
    )
    log_read(request, shown, purpose=AuditPurpose.SUPERVISION)
    return render(
        request,
        "search/access_grants.html",
        {"rows": rows, "links": page_links(request, page)},
    )
