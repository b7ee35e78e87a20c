"""The file search: every kind finds the team's own household, never another team's."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditAction, AuditEntry
from wijkteam.cases.models import Case, CaseStatus, Channel, Intake, Urgency
from wijkteam.people.rules import bsn_problem
from wijkteam.search.queries import case_outside_team, search_files
from wijkteam.search.rules import QueryKind

from ..factories import HouseholdFactory, MembershipFactory


@pytest.fixture
def worker(world):
    return world.users[Role.CASE_WORKER]


@pytest.fixture
def member(world):
    """The member of team A's household, with an address."""
    resident = world.household.members.get()
    resident.postcode, resident.house_number = "8011AB", "12a"
    resident.save()
    return resident


@pytest.fixture
def other_member(world):
    return world.other_household.members.get()


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def found(user, query):
    return [household.name for household in search_files(user, query).households]


def test_every_kind_of_query_finds_the_household(world, worker, member):
    Intake.objects.create(
        reference="AM-2026-900001",
        case=world.case,
        channel=Channel.PHONE,
        help_question="Zorgen over school.",
        urgency=Urgency.REGULAR,
        submitted_at=timezone.now(),
    )
    queries = {
        QueryKind.NAME: [member.surname, member.surname.lower(), "noord", f"Noor {member.surname}"],
        QueryKind.BSN: [member.bsn, f"{member.bsn[:3]} {member.bsn[3:6]} {member.bsn[6:]}"],
        QueryKind.BIRTH_DATE: ["1-6-2015", "01-06-2015", "2015-06-01"],
        QueryKind.CASE_REFERENCE: ["WT-2026-900001", "wt-2026-900001"],
        QueryKind.REGISTRATION_REFERENCE: ["AM-2026-900001", "am 2026 900001"],
        QueryKind.ADDRESS: ["8011AB", "8011 ab", "8011AB 12a", "8011 AB 12A"],
    }
    for kind, texts in queries.items():
        for text in texts:
            result = search_files(worker, text)
            assert result.kind == kind, text
            assert [h.name for h in result.households] == ["Familie Noord"], text


def test_misses_are_misses(world, worker, member):
    assert found(worker, "8011AB 13") == []
    assert found(worker, "8012AB") == []
    assert found(worker, "2-6-2015") == []
    assert found(worker, "WT-2026-900003") == []
    assert found(worker, "Jansen") == []
    assert found(worker, "Noor Jansen") == []  # every word must match the same person
    assert found(worker, "?!") == []


def test_another_teams_household_is_never_found_by_fuzzy_search(world, worker, other_member):
    other_member.postcode = "8011AB"  # even with an address in team A's postcode area
    other_member.save()
    for text in ["Zuid", "Familie", other_member.surname, "Noor", "1-6-2015", "8011AB"]:
        assert "Familie Zuid" not in found(worker, text), text
        assert case_outside_team(worker, text) is None, text


def test_another_teams_household_is_not_found_by_exact_search_either(world, worker, other_member):
    assert found(worker, other_member.bsn) == []
    assert found(worker, "WT-2026-900002") == []
    # ...but the exact identifier is offered for break-the-glass, and only that.
    assert case_outside_team(worker, other_member.bsn) == world.other_case
    assert case_outside_team(worker, "wt-2026-900002") == world.other_case
    assert case_outside_team(worker, "WT-2026-900001") is None  # own team: just found


def test_break_the_glass_prefers_an_open_case(world, worker, other_member):
    world.other_case.status = CaseStatus.CLOSED
    world.other_case.save()
    newer_closed = Case.objects.create(
        reference="WT-2026-900003",
        household=world.other_household,
        team=world.other_team,
        status=CaseStatus.CLOSED,
        registered_at=timezone.now(),
    )
    assert case_outside_team(worker, other_member.bsn) == newer_closed
    reopened = Case.objects.create(
        reference="WT-2025-900004",
        household=world.other_household,
        team=world.other_team,
        registered_at=timezone.now() - timezone.timedelta(days=400),
    )
    assert case_outside_team(worker, other_member.bsn) == reopened


def test_results_carry_members_and_only_open_visible_cases(world, worker, member):
    Case.objects.create(
        reference="WT-2025-000007",
        household=world.household,
        team=world.team,
        status=CaseStatus.CLOSED,
        registered_at=timezone.now(),
    )
    MembershipFactory(household=world.household, resident__birth_date=date(1985, 3, 4))
    (household,) = search_files(worker, "Familie Noord").households
    births = [m.resident.birth_date for m in household.memberships.all()]
    assert births == sorted(births) and len(births) == 2
    assert [case.reference for case in household.open_cases] == ["WT-2026-900001"]


def test_limit_says_there_is_more(world, worker):
    for _ in range(4):
        MembershipFactory(household=HouseholdFactory(district=world.team.district))
    result = search_files(worker, "Noor", limit=3)
    assert len(result.households) == 3 and result.more
    assert not search_files(worker, "Noor", limit=10).more


def test_roles_without_cases_find_nothing(world):
    for role in (Role.ANALYST, Role.ADMINISTRATOR):
        assert found(world.users[role], "Noord") == []


def test_search_runs_a_constant_number_of_queries(
    world, worker, client_as, django_assert_max_num_queries
):
    def add_households(count):
        for _ in range(count):
            household = HouseholdFactory(district=world.team.district, name="Familie Test")
            # Two members: 20 × (household, 2 members, case) audit rows stay within one
            # SQLite bulk INSERT batch (about 99 rows); PostgreSQL takes far more.
            MembershipFactory.create_batch(2, household=household)
            Case.objects.create(
                reference=f"WT-2026-{Case.objects.count() + 1:06d}",
                household=household,
                team=world.team,
                registered_at=timezone.now(),
            )

    client = client_as(Role.CASE_WORKER)
    url = reverse("search:search")
    add_households(2)
    assert len(search_files(worker, "Familie Test").households) == 2
    with django_assert_max_num_queries(3):
        search_files(worker, "Familie Test")
    client.post(url, {"q": "Familie Test"})
    with django_assert_max_num_queries(40) as two:
        client.post(url, {"q": "Familie Test"})
    add_households(18)
    assert len(search_files(worker, "Familie Test").households) == 20
    with django_assert_max_num_queries(3):
        search_files(worker, "Familie Test")
    with django_assert_max_num_queries(len(two.captured_queries)):
        response = client.post(url, {"q": "Familie Test"})
    assert response.content.decode().count("Familie Test</a>") == 20


# --- The page -------------------------------------------------------------------------


def test_page_shows_the_form_then_results(world, client_as, member):
    client = client_as(Role.CASE_WORKER)
    page = client.get(reverse("search:search"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'method="post"' in html  # a typed BSN never lands in a URL
    assert 'id="id_q_helptext"' in html and "WT-2026-000123" in html
    response = client.post(reverse("search:search"), {"q": member.bsn})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Familie Noord" in html and member.full_name in html
    assert "WT-2026-900001" in html
    assert reverse("people:household_detail", args=[world.household.pk]) in html


def test_page_shows_an_empty_state(world, client_as):
    client = in_english(client_as(Role.CASE_WORKER))
    response = client.post(reverse("search:search"), {"q": "Jansen"})
    assert response.status_code == 200
    assert "No file found that you may see" in response.content.decode()


def test_page_explains_a_bsn_that_fails_the_eleven_check(world, client_as):
    response = client_as(Role.CASE_WORKER).post(reverse("search:search"), {"q": "123456781"})
    with translation.override("nl"):
        assert bsn_problem("123456781") in response.content.decode()


@pytest.mark.parametrize("query", ["", " ", "J"])
def test_too_short_a_query_is_refused_at_the_field(world, client_as, query):
    response = client_as(Role.CASE_WORKER).post(reverse("search:search"), {"q": query})
    assert response.status_code == 400
    assert response.context["form"].errors["q"]
    assert not AuditEntry.objects.filter(action=AuditAction.SEARCH).exists()


def test_only_roles_that_read_cases_may_search(world, client_as):
    for role in (Role.ANALYST, Role.ADMINISTRATOR):
        assert client_as(role).post(reverse("search:search"), {"q": "Noord"}).status_code == 403


def test_search_is_audited_without_the_query(world, client_as, worker, member):
    client = client_as(Role.CASE_WORKER)
    before = AuditEntry.objects.count()
    client.post(reverse("search:search"), {"q": member.bsn}, HTTP_X_REQUEST_ID="search-audit-1")
    entries = AuditEntry.objects.filter(request_id="search-audit-1")
    assert entries.count() == AuditEntry.objects.count() - before
    search = entries.get(action=AuditAction.SEARCH)
    assert (search.object_type, search.object_id) == ("people.household", "")
    assert search.detail == {"results": 1}
    assert search.actor_id == worker.pk
    reads = {(e.object_type, e.object_id) for e in entries.filter(action=AuditAction.VIEW)}
    assert ("people.household", str(world.household.pk)) in reads
    assert ("people.resident", str(member.pk)) in reads
    assert ("cases.case", str(world.case.pk)) in reads
    for entry in entries:
        text = f"{entry.object_type} {entry.object_id} {entry.detail} {entry.request_id}"
        assert member.bsn not in text and member.surname not in text


def test_name_search_is_audited_without_the_name(world, client_as, member):
    client_as(Role.CASE_WORKER).post(
        reverse("search:search"), {"q": member.surname}, HTTP_X_REQUEST_ID="search-audit-2"
    )
    for entry in AuditEntry.objects.filter(request_id="search-audit-2"):
        assert member.surname not in f"{entry.object_id} {entry.detail}"


def test_a_q_in_the_address_works_too(world, client_as):
    response = client_as(Role.CASE_WORKER).get(reverse("search:search"), {"q": "Noord"})
    assert response.status_code == 200 and "Familie Noord" in response.content.decode()


def test_search_is_in_the_menu_for_casework_only(world, client_as):
    url = reverse("search:search")
    assert (
        f'href="{url}"' in client_as(Role.CASE_WORKER).get(reverse("core:my_work")).content.decode()
    )
    assert (
        f'href="{url}"' not in client_as(Role.ANALYST).get(reverse("core:figures")).content.decode()
    )


def test_results_page_by_posting_the_query_again(world, worker, client_as):
    for n in range(30):
        household = HouseholdFactory(district=world.team.district, name=f"Familie Pagina {n:02d}")
        MembershipFactory(household=household)
    client = client_as(Role.CASE_WORKER)
    url = reverse("search:search")
    first = client.post(url, {"q": "Familie Pagina"}).content.decode()
    assert first.count("Familie Pagina ") == 25 and "Familie Pagina 24" in first
    assert 'name="after"' in first and 'name="before"' not in first
    after = first.split('name="after" value="')[1].split('"')[0]
    second = client.post(url, {"q": "Familie Pagina", "after": after}).content.decode()
    assert second.count("Familie Pagina ") == 5 and "Familie Pagina 29" in second
    assert 'name="before"' in second and 'name="after"' not in second
    # The query travels in the form, never in an address.
    assert 'action="/zoeken/"' in second and "?q=" not in second
