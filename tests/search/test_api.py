"""GET /api/v1/search/: the same results and audit as the page, errors as codes."""

import pytest
from django.urls import reverse

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditAction, AuditEntry

URL = "/api/v1/search/"


def test_the_url():
    assert reverse("api:search") == URL


def test_returns_households_with_members_and_open_cases(world, client_as):
    member = world.household.members.get()
    response = client_as(Role.CASE_WORKER).post(
        URL, {"q": member.bsn}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {
        "kind": "bsn",
        "more": False,
        "results": [
            {
                "id": world.household.pk,
                "name": "Familie Noord",
                "district": "noord",
                "members": [
                    {"id": member.pk, "name": member.full_name, "birth_date": "2015-06-01"}
                ],
                "open_cases": [
                    {"id": world.case.pk, "reference": "WT-2026-900001", "status": "registered"}
                ],
            }
        ],
    }


def test_never_returns_or_offers_another_teams_file(world, client_as):
    other_member = world.other_household.members.get()
    client = client_as(Role.CASE_WORKER)
    for query in ("Zuid", other_member.surname, other_member.bsn, "WT-2026-900002"):
        body = client.post(URL, {"q": query}, content_type="application/json").json()
        assert body["results"] == [], query
        assert "Zuid" not in str(body)


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "  "}, {"q": "J"}, {"q": "x" * 101}])
def test_empty_or_too_short_a_query_is_a_400_with_the_field(world, client_as, params):
    response = client_as(Role.CASE_WORKER).get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["message"]
    assert body["fields"]["q"]
    assert not AuditEntry.objects.filter(action=AuditAction.SEARCH).exists()


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMINISTRATOR])
def test_roles_without_cases_get_a_403(world, client_as, role):
    response = client_as(role).get(URL, {"q": "Noord"})
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_anonymous_gets_a_403(world, client):
    response = client.get(URL, {"q": "Noord"})
    assert response.status_code == 403 and response.json()["code"] == "not_authenticated"


def test_audited_like_the_page(world, client_as):
    member = world.household.members.get()
    client_as(Role.CASE_WORKER).get(URL, {"q": "Noord"}, HTTP_X_REQUEST_ID="api-search-1")
    entries = AuditEntry.objects.filter(request_id="api-search-1")
    search = entries.get(action=AuditAction.SEARCH)
    assert search.object_type == "people.household" and search.detail == {"results": 1}
    reads = {(e.object_type, e.object_id) for e in entries.filter(action=AuditAction.VIEW)}
    assert reads == {
        ("people.household", str(world.household.pk)),
        ("people.resident", str(member.pk)),
        ("cases.case", str(world.case.pk)),
    }
    assert all("Noord" not in str(entry.detail) for entry in entries)


def test_a_bsn_in_the_query_string_is_refused(world, client_as):
    member = world.household.members.get()
    response = client_as(Role.CASE_WORKER).get(URL, {"q": member.bsn})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["fields"]["q"]
    from wijkteam.audit.models import AuditEntry

    assert not AuditEntry.objects.filter(action="search").exists()
