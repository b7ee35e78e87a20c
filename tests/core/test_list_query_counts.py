"""Every long list pages by keyset and runs the same number of queries for 2 rows as for
many more: Mijn werk, the access grants and the audit trail. (The waiting list, household
list, search, household and case pages and the API list have theirs beside their tests.)"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.audit.log import AuditContext, log_read
from wijkteam.cases.models import AccessGrant, Case, CaseStatus

from ..factories import HouseholdFactory, MembershipFactory, UserFactory


def _counts_stay(client, url, grow, django_assert_max_num_queries):
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    # Counted now: a request made by `grow` empties the connection's query log.
    budget = len(few.captured_queries)
    grow()
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_my_work(world, client_as, django_assert_max_num_queries):
    worker = world.users[Role.CASE_WORKER]
    now = timezone.now()

    def cases(count, start):
        Case.objects.bulk_create(
            Case(
                reference=f"WT-2026-6{start + n:05d}",
                household=world.household,
                team=world.team,
                worker=worker,
                status=CaseStatus.CLARIFICATION,
                registered_at=now - timedelta(days=n),
            )
            for n in range(count)
        )

    cases(2, 0)
    page = _counts_stay(
        client_as(Role.CASE_WORKER),
        reverse("core:my_work"),
        lambda: cases(40, 100),
        django_assert_max_num_queries,
    )
    my_cases = page.split('id="my-cases"')[1].split('id="safety-work"')[0]
    assert my_cases.count("WT-2026-6") == 25 and 'rel="next"' in my_cases
    # The safety work list below is bounded too: the 25 most urgent, the rest counted.
    assert page.split('id="safety-work"')[1].count("WT-2026-6") == 25


def test_access_grants(world, client_as, django_assert_max_num_queries):
    now = timezone.now()

    def grants(count):
        outsiders = UserFactory.create_batch(count, team=world.other_team, roles=[Role.CASE_WORKER])
        AccessGrant.objects.bulk_create(
            AccessGrant(
                user=user,
                case=world.case,
                reason="Crisis buiten kantooruren",
                granted_at=now - timedelta(hours=n),
                expires_at=now + timedelta(hours=8 - n),
            )
            for n, user in enumerate(outsiders)
        )

    grants(2)
    page = _counts_stay(
        client_as(Role.TEAM_LEAD),
        reverse("search:access_grants"),
        lambda: grants(55),
        django_assert_max_num_queries,
    )
    assert page.count("Crisis buiten kantooruren") == 50 and 'rel="next"' in page


def test_audit_trail(world, client_as, django_assert_max_num_queries):
    household = world.household

    def views(count):
        for _ in range(count):
            log_read(AuditContext.system(), household)

    from django.db import transaction

    with transaction.atomic():
        views(2)
    url = reverse("audit:record_trail", args=["people.household", household.pk])

    def grow():
        with transaction.atomic():
            views(60)

    page = _counts_stay(client_as(Role.TEAM_LEAD), url, grow, django_assert_max_num_queries)
    assert 'rel="next"' in page


def test_search_api(world, client_as, django_assert_max_num_queries):
    def families(count):
        for _ in range(count):
            household = HouseholdFactory(district=world.team.district, name="Familie Api")
            MembershipFactory.create_batch(2, household=household)

    families(2)
    client = client_as(Role.CASE_WORKER)
    url = reverse("api:search")
    client.post(url, {"q": "Familie Api"}, content_type="application/json")
    with django_assert_max_num_queries(40) as few:
        client.post(url, {"q": "Familie Api"}, content_type="application/json")
    families(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.post(url, {"q": "Familie Api"}, content_type="application/json")
    assert len(response.json()["results"]) == 22


def test_figures(world, client_as, django_assert_max_num_queries):
    def families(count):
        for _ in range(count):
            MembershipFactory.create_batch(
                3, household=HouseholdFactory(district=world.team.district)
            )

    _counts_stay(
        client_as(Role.ANALYST),
        reverse("core:figures"),
        lambda: families(20),
        django_assert_max_num_queries,
    )
