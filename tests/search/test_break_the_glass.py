"""Break-the-glass: an exact BSN or case reference of another team's file offers access
with a reason (never a name or detail); the grant opens the file and its team lead sees it."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditAction, AuditEntry, AuditPurpose
from wijkteam.cases.models import AccessGrant

from ..conftest import sign_in
from ..factories import CertificateFactory, UserFactory

OFFER_LINK = re.compile(r'href="(/zoeken/inzage-aanvragen/\?token=[A-Za-z0-9_-]+)"')
REASON = "Moeder meldt zich bij ons; ik moet weten wie de regie heeft."


@pytest.fixture
def other_member(world):
    return world.other_household.members.get()


@pytest.fixture
def worker_client(world, client_as):
    return client_as(Role.CASE_WORKER)


def offer_link(client, query) -> str | None:
    response = client.post(reverse("search:search"), {"q": query})
    assert response.status_code == 200
    match = OFFER_LINK.search(response.content.decode())
    return match.group(1).replace("&amp;", "&") if match else None


def test_exact_bsn_of_another_team_offers_access_without_any_detail(
    world, worker_client, other_member
):
    response = worker_client.post(reverse("search:search"), {"q": other_member.bsn})
    html = response.content.decode()
    assert response.status_code == 200
    assert OFFER_LINK.search(html)
    for detail in ("Familie Zuid", other_member.surname, "WT-2026-900002", "Zuid"):
        assert detail not in html
    link = OFFER_LINK.search(html).group(1)
    assert other_member.bsn not in link and "900002" not in link


def test_exact_case_reference_of_another_team_offers_access(world, worker_client):
    assert offer_link(worker_client, "wt-2026-900002")


@pytest.mark.parametrize("query", ["Zuid", "Familie Zuid", "Noor", "1-6-2015", "9011AB"])
def test_fuzzy_searches_never_reveal_another_teams_file(world, worker_client, other_member, query):
    other_member.postcode = "9011AB"
    other_member.save()
    response = worker_client.post(reverse("search:search"), {"q": query})
    html = response.content.decode()
    assert not OFFER_LINK.search(html)
    assert "Familie Zuid</a>" not in html and other_member.surname not in html


def test_own_teams_file_is_found_not_offered(world, worker_client):
    assert offer_link(worker_client, "WT-2026-900001") is None


def test_grant_with_a_reason_opens_the_household(world, worker_client, other_member):
    detail = reverse("people:household_detail", args=[world.other_household.pk])
    assert worker_client.get(detail).status_code == 404
    link = offer_link(worker_client, other_member.bsn)
    form = worker_client.get(link)
    assert form.status_code == 200
    assert "Familie Zuid" not in form.content.decode()
    assert 'name="reason"' in form.content.decode()

    response = worker_client.post(link, {"reason": REASON})
    assert response.status_code == 302 and response["Location"] == detail
    grant = AccessGrant.objects.get()
    assert (grant.user, grant.case, grant.reason) == (
        world.users[Role.CASE_WORKER],
        world.other_case,
        REASON,
    )
    assert worker_client.get(detail).status_code == 200
    # Now it is visible, a search finds it like any own file.
    found = worker_client.post(reverse("search:search"), {"q": other_member.bsn})
    assert "Familie Zuid" in found.content.decode()
    # The offer is used up.
    assert worker_client.post(link, {"reason": REASON}).status_code == 200
    assert AccessGrant.objects.count() == 1


@pytest.mark.parametrize("reason", ["kort", "   123456789   "])
def test_too_short_a_reason_is_refused_at_the_field(world, worker_client, other_member, reason):
    link = offer_link(worker_client, other_member.bsn)
    response = worker_client.post(link, {"reason": reason})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.has_error("reason", "reason_too_short")
    assert 'id="id_reason_error"' in response.content.decode()
    assert not AccessGrant.objects.exists()


def test_a_missing_reason_is_refused(world, worker_client, other_member):
    link = offer_link(worker_client, other_member.bsn)
    response = worker_client.post(link, {"reason": ""})
    assert response.status_code == 400 and response.context["form"].has_error("reason")
    assert not AccessGrant.objects.exists()


def test_an_offer_belongs_to_the_session_that_searched(world, worker_client, other_member):
    link = offer_link(worker_client, other_member.bsn)
    colleague = UserFactory(team=world.team, roles=[Role.CASE_WORKER])
    other_client = sign_in(Client(), colleague)
    response = other_client.post(link, {"reason": REASON})
    assert response.status_code == 200
    assert "request_expired" in response.templates[0].name
    assert not AccessGrant.objects.exists()


def test_made_up_tokens_and_roles_without_cases_get_nothing(world, client_as):
    url = reverse("search:request_access")
    response = client_as(Role.CASE_WORKER).get(url, {"token": "guess"})
    assert response.status_code == 200 and "request_expired" in response.templates[0].name
    assert client_as(Role.ANALYST).get(url, {"token": "guess"}).status_code == 403


def test_the_offer_is_on_the_other_cases_trail_and_the_grant_is_audited(
    world, worker_client, other_member
):
    link = offer_link(worker_client, other_member.bsn)
    offered = AuditEntry.objects.get(
        object_type="cases.case", object_id=str(world.other_case.pk), action=AuditAction.SEARCH
    )
    assert other_member.bsn not in str(offered.detail)
    worker_client.post(link, {"reason": REASON})
    grant = AccessGrant.objects.get()
    created = AuditEntry.objects.get(object_type="cases.accessgrant", action=AuditAction.CREATE)
    assert created.object_id == str(grant.pk)
    assert REASON not in str(created.detail)


def test_the_other_teams_lead_sees_the_grant(world, worker_client, other_member):
    worker_client.post(offer_link(worker_client, other_member.bsn), {"reason": REASON})
    lead = UserFactory(team=world.other_team, roles=[Role.TEAM_LEAD])
    CertificateFactory(user=lead)
    client = sign_in(Client(), lead)
    response = client.get(reverse("search:access_grants"), HTTP_X_REQUEST_ID="grants-review-1")
    html = response.content.decode()
    assert response.status_code == 200
    worker = world.users[Role.CASE_WORKER]
    assert "WT-2026-900002" in html and REASON in html and worker.get_full_name() in html
    assert "Wijkteam Noord" in html  # the team the worker came from
    grant = AccessGrant.objects.get()
    read = AuditEntry.objects.get(request_id="grants-review-1", action=AuditAction.VIEW)
    assert (read.object_type, read.object_id) == ("cases.accessgrant", str(grant.pk))
    assert read.purpose == AuditPurpose.SUPERVISION


def test_own_teams_lead_does_not_see_grants_on_other_teams_files(world, client_as, other_member):
    worker = client_as(Role.CASE_WORKER)
    worker.post(offer_link(worker, other_member.bsn), {"reason": REASON})
    lead = client_as(Role.TEAM_LEAD)  # team A: the worker's own team
    html = lead.get(reverse("search:access_grants")).content.decode()
    assert "WT-2026-900002" not in html and REASON not in html


def test_only_team_leads_review_grants(world, client_as):
    for role in Role:
        status = client_as(role).get(reverse("search:access_grants")).status_code
        assert status == (200 if role == Role.TEAM_LEAD else 403), role
