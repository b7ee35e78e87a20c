"""Staff pages: the team lead's team overview, the administrator's staff list, a staff member."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.audit.log import AuditContext, log_read
from wijkteam.audit.models import AuditPurpose
from wijkteam.cases.queries import waiting_list
from wijkteam.core.pagination import AFTER, BEFORE, page_links
from wijkteam.plans.queries import plan_work
from wijkteam.safety.queries import team_assessment_overview

from .forms import CertificateOfConductForm
from .models import Team
from .queries import staff_rows, staff_visible_to, with_staff_details, youth_case_verdict
from .services import record_certificate_of_conduct


@login_required
@permission_required("accounts.lead_team", raise_exception=True)
def team(request):
    """The team lead's landing page: who is in the team and who may take youth cases."""
    members = staff_visible_to(request.user).filter(team_id=request.user.team_id)
    rows = staff_rows(members, timezone.localdate())
    queue = waiting_list(request.user, after=request.GET.get(AFTER), before=request.GET.get(BEFORE))
    assessment = team_assessment_overview(request.user, timezone.localdate())
    plans = plan_work(request.user, timezone.localdate(), whole_team=True)
    # Everything the page shows, audited in one INSERT.
    log_read(
        request,
        [
            *(row.user for row in rows),
            *(row.case for row in queue.rows),
            *(row.case for row in assessment.work),
            *plans.shown_cases(),
        ],
        purpose=AuditPurpose.SUPERVISION,
    )
    return render(
        request,
        "accounts/team.html",
        {
            "team": request.user.team,
            "rows": rows,
            "blocked": sum(not r.verdict.allowed for r in rows),
            "queue": queue.rows,
            "links": page_links(request, queue.page),
            "breached": queue.breached,
            "team_assessment": assessment,
            "plan_work": plans,
            "today": timezone.localdate(),
        },
    )


@login_required
@permission_required("accounts.manage_staff", raise_exception=True)
def staff_list(request):
    """The administrator's landing page: all staff, filterable by team."""
    teams = list(Team.objects.select_related("district"))
    selected = request.GET.get("team", "")
    users = staff_visible_to(request.user)
    if selected.isdigit():
        users = users.filter(team_id=int(selected))
    rows = staff_rows(users, timezone.localdate())
    log_read(request, [row.user for row in rows], purpose=AuditPurpose.ADMINISTRATION)
    return render(
        request,
        "accounts/staff_list.html",
        {
            "rows": rows,
            "teams": teams,
            "selected_team": selected,
            "blocked": sum(not r.verdict.allowed for r in rows),
        },
    )


@login_required
@permission_required("accounts.view_staff", raise_exception=True)
def staff_detail(request, pk: int):
    worker = get_object_or_404(with_staff_details(staff_visible_to(request.user)), pk=pk)
    today = timezone.localdate()
    can_record = request.user.has_perm("accounts.record_certificate")
    purpose = (
        AuditPurpose.ADMINISTRATION
        if request.user.has_perm("accounts.manage_staff")
        else AuditPurpose.SUPERVISION
    )
    form = CertificateOfConductForm(today=today)
    if request.method == "POST" and not can_record:
        raise PermissionDenied
    if request.method == "POST":
        form = CertificateOfConductForm(request.POST, today=today)
        if form.is_valid():
            record_certificate_of_conduct(
                AuditContext.from_request(request, purpose),
                worker=worker,
                checked_by=request.user,
                **form.cleaned_data,
            )
            messages.success(request, _("The certificate of conduct has been recorded."))
            return redirect("accounts:staff_detail", pk=worker.pk)
    log_read(request, worker, purpose=purpose)
    return render(
        request,
        "accounts/staff_detail.html",
        {
            "worker": worker,
            "certificates": list(worker.certificates.all()),
            "verdict": youth_case_verdict(worker, today),
            "form": form if can_record else None,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
