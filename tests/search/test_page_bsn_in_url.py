"""A BSN never ends up in a web address: the search page refuses it in the query string."""

from django.urls import reverse

from wijkteam.accounts.roles import Role


def test_search_page_refuses_a_bsn_in_the_address_but_finds_it_by_post(world, client_as):
    member = world.household.members.get()
    client = client_as(Role.CASE_WORKER)
    refused = client.get(reverse("search:search"), {"q": member.bsn})
    assert refused.status_code == 400
    assert "webadres" in refused.content.decode()
    found = client.post(reverse("search:search"), {"q": member.bsn})
    assert found.status_code == 200
    assert world.household.name in found.content.decode()
