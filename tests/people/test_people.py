from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from wijkteam.accounts.roles import Role
from wijkteam.people.rules import bsn_problem, is_test_bsn, normalise_bsn, passes_eleven_check

from ..factories import HouseholdFactory, MembershipFactory


def test_eleven_check_example_from_the_standard():
    assert passes_eleven_check("123456782")
    assert not passes_eleven_check("123456781")


def test_bsn_problems_are_explained_in_dutch():
    assert bsn_problem("1234 56 782") is None
    with translation.override("nl"):
        assert "9 cijfers" in bsn_problem("12345678")
        assert "elfproef" in bsn_problem("123456781")
    assert bsn_problem("12345678a") is not None
    assert not passes_eleven_check("000000000")


def test_test_bsn_range():
    assert is_test_bsn("999900006") and not is_test_bsn("123456782")


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_a_single_changed_digit_is_always_caught(bsn):
    if not passes_eleven_check(bsn):
        return
    for position in range(9):
        for digit in "0123456789":
            if digit != bsn[position]:
                changed = bsn[:position] + digit + bsn[position + 1 :]
                assert not passes_eleven_check(changed) or changed == "000000000"


def test_normalise_keeps_only_separators_out():
    assert normalise_bsn(" 123.456.782 ") == "123456782"


def test_household_of_another_team_is_not_found(world, client_as):
    client = client_as(Role.CASE_WORKER)
    assert (
        client.get(reverse("people:household_detail", args=[world.household.pk])).status_code == 200
    )
    assert (
        client.get(reverse("people:household_detail", args=[world.other_household.pk])).status_code
        == 404
    )
    listing = client.get(reverse("people:household_list"), {"q": "Familie"}).content.decode()
    assert "Familie Noord" in listing and "Familie Zuid" not in listing


def test_household_list_runs_a_constant_number_of_queries(
    world, client_as, django_assert_max_num_queries
):
    client = client_as(Role.CASE_WORKER)
    url = reverse("people:household_list")
    client.get(url)
    with django_assert_max_num_queries(30) as baseline:
        client.get(url)
    for _ in range(20):
        household = HouseholdFactory(district=world.team.district)
        MembershipFactory.create_batch(3, household=household)
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        client.get(url)


def test_bsn_never_appears_in_urls_or_audit(world, client_as):
    client = client_as(Role.CASE_WORKER)
    resident = world.household.members.first()
    response = client.get(reverse("people:household_detail", args=[world.household.pk]))
    assert resident.bsn in response.content.decode()  # shown to the worker, in the page
    from wijkteam.audit.models import AuditEntry

    for entry in AuditEntry.objects.all():
        assert resident.bsn not in f"{entry.object_id} {entry.detail} {entry.request_id}"


def test_household_list_pages_by_name_with_ids_in_the_links(world, client_as):
    for n in range(30):
        HouseholdFactory(district=world.team.district, name=f"Familie Lijst {n:02d}")
    HouseholdFactory(district=world.other_team.district, name="Familie Lijst Elders")
    client = client_as(Role.CASE_WORKER)
    url = reverse("people:household_list")
    first = client.get(url, {"q": "Lijst"}).content.decode()
    assert first.count("Familie Lijst ") == 25 and "Elders" not in first
    link = first.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    assert link.startswith("?") and "after=" in link and "q=Lijst" in link
    second = client.get(url + link).content.decode()
    assert second.count("Familie Lijst ") == 5
    assert "Familie Lijst 29" in second and 'rel="prev"' in second
