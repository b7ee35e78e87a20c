"""The home redirect, "Mijn werk" and the aggregate figures page."""

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from wijkteam.accounts.queries import youth_case_verdict
from wijkteam.accounts.roles import SPEC_BY_ROLE
from wijkteam.allocation.queries import cosign_worklist
from wijkteam.audit.log import log_read
from wijkteam.cases.queries import my_cases
from wijkteam.people.queries import figures_per_district
from wijkteam.plans.queries import plan_work
from wijkteam.quality.queries import complaint_worklist
from wijkteam.safety.queries import safety_worklist

from .navigation import CASEWORK_ROLES, landing_url_name, roles_of
from .pagination import AFTER, BEFORE, page_links
from .rules import suppress_small_count


@login_required
def home(request):
    url_name = landing_url_name(roles_of(request.user))
    if url_name is None:
        return render(request, "core/no_role.html", status=403)
    return redirect(url_name)


@login_required
def my_work(request):
    roles = roles_of(request.user)
    if not roles & CASEWORK_ROLES:
        raise PermissionDenied
    verdict = youth_case_verdict(request.user, timezone.localdate())
    queue = my_cases(request.user, after=request.GET.get(AFTER), before=request.GET.get(BEFORE))
    safety_work = safety_worklist(request.user, timezone.localdate())
    plans = plan_work(request.user, timezone.localdate())
    complaints = complaint_worklist(request.user, timezone.localdate())
    cosign_work = (
        cosign_worklist(request.user)
        if request.user.has_perm("allocation.cosign_decision")
        else None
    )
    # Everything the page shows, audited in one INSERT.
    log_read(
        request,
        [
            *(row.case for row in queue.rows),
            *(row.case for row in safety_work),
            *(row.complaint for row in complaints or ()),
            *plans.shown_cases(),
            *(decision.case for decision in cosign_work or ()),
        ],
    )
    context = {
        "cases": queue.rows,
        "links": page_links(request, queue.page),
        "overdue": queue.breached,
        "role_specs": [SPEC_BY_ROLE[role] for role in sorted(roles)],
        "vog_verdict": verdict,
        "expertise": list(request.user.expertise.all()),
        "team": request.user.team,
        "safety_work": safety_work,
        "complaints": complaints,
        "plan_work": plans,
        "today": timezone.localdate(),
        "cosign_work": cosign_work,
    }
    return render(request, "core/my_work.html", context)


@login_required
@permission_required("accounts.view_aggregates", raise_exception=True)
def figures(request):
    context = {
        "rows": figures_per_district(),
        "small_count_threshold": settings.WIJKTEAM_SMALL_COUNT_THRESHOLD,
        "suppressed_label": suppress_small_count(1, settings.WIJKTEAM_SMALL_COUNT_THRESHOLD),
    }
    return render(request, "core/figures.html", context)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
