"""The team lead's dashboard: caseload per worker, decisions ending within 60 days, workers
per family, VOGs missing or expiring, and the counts of the Team page's lists — the own
team only, exact, audited, in a constant number of queries."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.allocation.models import Decision, DecisionStatus
from wijkteam.audit.models import AuditEntry
from wijkteam.cases.models import Case, CaseStatus, WorkerAssignment
from wijkteam.core.rules import add_months

from ..factories import CertificateFactory, HouseholdFactory, MembershipFactory, UserFactory
from .known import catalogue


def _case(world, team, worker, status=CaseStatus.IN_PROGRESS, household=None):
    household = household or HouseholdFactory(district=team.district)
    if not household.memberships.exists():
        MembershipFactory(household=household)
    case = Case.objects.create(
        reference=f"WT-2026-7{Case.objects.count():05d}",
        household=household,
        team=team,
        worker=worker,
        status=status,
        registered_at=timezone.now() - timedelta(days=40),
    )
    case.subjects.set(household.members.all())
    return case


def _decision(case, product, ends_in_days, *, by, status=DecisionStatus.ISSUED, starts_in=-100):
    today = timezone.localdate()
    return Decision.objects.create(
        reference=f"BS-2026-{Decision.objects.count() + 1:06d}",
        case=case,
        youth=case.household.members.first(),
        product=product,
        category="45",
        intensity="medium",
        start_date=today + timedelta(days=starts_in),
        end_date=today + timedelta(days=ends_in_days),
        motivation="Besloten.",
        status=status,
        cost=Decimal("100.00"),
        created_by=by,
        created_at=timezone.now(),
        issued_at=timezone.now() if status == DecisionStatus.ISSUED else None,
    )


def _assign(case, workers, lead):
    for n, worker in enumerate(workers):
        WorkerAssignment.objects.create(
            case=case,
            worker=worker,
            assigned_by=lead,
            assigned_at=timezone.now() - timedelta(days=100 - n),
            reason="Toewijzing",
        )


def test_the_dashboard_shows_what_the_team_page_lacks(world, client_as):
    lead, worker = world.users[Role.TEAM_LEAD], world.users[Role.CASE_WORKER]
    colleague = UserFactory(team=world.team, roles=[Role.CASE_WORKER], last_name="Collega")
    CertificateFactory(user=colleague)
    busy = [_case(world, world.team, worker) for _ in range(3)]
    _case(world, world.team, worker, CaseStatus.CLARIFICATION)
    _case(world, world.team, worker, CaseStatus.CLOSED)
    _case(world, world.team, colleague)
    ambulant, intensive = catalogue()
    soon = _decision(busy[0], ambulant, 20, by=worker)
    _decision(busy[0], ambulant, 90, by=worker, starts_in=21)  # follows on the first
    later = _decision(busy[1], intensive, 45, by=worker)
    _decision(busy[2], intensive, 61, by=worker)  # past the 60 days
    far = _decision(_case(world, world.other_team, None), ambulant, 10, by=worker)  # elsewhere
    moving = HouseholdFactory(district=world.team.district, name="Familie Wisselend")
    hopping = _case(world, world.team, worker, household=moving)
    extra = UserFactory.create_batch(2, team=world.team, roles=[Role.CASE_WORKER])
    _assign(hopping, [worker, *extra], lead)
    # A VOG that stops counting within the warning period, and one missing.
    expiring = UserFactory(team=world.team, roles=[Role.CASE_WORKER], last_name="Verlopend")
    CertificateFactory(
        user=expiring,
        issued_on=add_months(timezone.localdate(), -settings.WIJKTEAM_VOG_VALIDITY_MONTHS)
        + timedelta(days=10),
    )

    response = client_as(Role.TEAM_LEAD).get(reverse("insights:team_dashboard"))
    assert response.status_code == 200
    data = response.context["data"]
    loads = {row.worker.pk: row for row in data.caseload}
    assert loads[worker.pk].open_cases == 5  # three in progress, clarifying, the family
    assert loads[worker.pk].by_status["clarification"] == 1
    assert loads[colleague.pk].open_cases == 1
    assert data.caseload[0].worker == worker  # the most first
    assert [row.decision for row in data.decisions] == [soon, later]
    assert [row.has_follow_up for row in data.decisions] == [True, False]
    assert data.decisions.rows[0].days_left == 20
    assert far not in [row.decision for row in data.decisions]
    assert [h.name for h in data.families.many] == ["Familie Wisselend"]
    assert data.families.many.rows[0].workers == 3
    assert data.families.distribution["3+"] == 1
    flagged = {row.user.last_name for row in data.vog}
    assert {"Verlopend", *(u.last_name for u in extra)} <= flagged  # the batch has no VOG
    assert "Collega" not in flagged
    html = response.content.decode()
    assert "Familie Wisselend" in html and soon.reference in html
    assert 'data-wt-chart="caseload-data"' in html and "wt-chart__table" in html
    assert AuditEntry.objects.filter(object_type="cases.case", object_id=str(busy[0].pk)).exists()


def test_the_team_page_links_to_the_dashboard(world, client_as):
    html = client_as(Role.TEAM_LEAD).get(reverse("accounts:team")).content.decode()
    assert reverse("insights:team_dashboard") in html


def test_the_team_dashboard_runs_a_constant_number_of_queries(
    world, client_as, django_assert_max_num_queries
):
    lead, worker = world.users[Role.TEAM_LEAD], world.users[Role.CASE_WORKER]
    ambulant, _intensive = catalogue()

    def grow(n):
        workers = UserFactory.create_batch(n, team=world.team, roles=[Role.CASE_WORKER])
        for member in workers:
            CertificateFactory(user=member)
            case = _case(world, world.team, member)
            _decision(case, ambulant, 30, by=member)
            _assign(case, [worker, member, lead], lead)

    grow(2)
    client = client_as(Role.TEAM_LEAD)
    url = reverse("insights:team_dashboard")
    client.get(url)
    with django_assert_max_num_queries(80) as few:
        client.get(url)
    grow(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
