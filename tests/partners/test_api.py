"""API for partners: list, detail, coverage and the fixed contact."""

from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.partners.models import FixedContact, Partner, PartnerKind


def _partner(district, kind=PartnerKind.SCHOOL, name="Basisschool De Regenboog"):
    return Partner.objects.create(kind=kind, name=name, district=district)


def test_list_detail_and_coverage(world, client_as):
    school = _partner(world.team.district)
    _partner(world.team.district, PartnerKind.GP_PRACTICE, "Huisartsen Noord")
    client = client_as(Role.CASE_WORKER)
    body = client.get(reverse("api:partner-list")).json()
    assert [p["name"] for p in body["results"]] == ["Basisschool De Regenboog", "Huisartsen Noord"]
    assert body["results"][0]["fixed_contact"] is None
    detail = client.get(reverse("api:partner-detail", args=[school.pk])).json()
    assert detail["district"] == "noord" and detail["contacts"] == []
    coverage = client.get(reverse("api:partner-coverage")).json()
    total = coverage[-1]
    assert total["district"] is None
    assert total["schools"] == {
        "total": 1,
        "covered": 0,
        "percent": 0,
        "target_percent": 100,
        "met": False,
    }


def test_team_lead_assigns_through_the_api(world, client_as):
    school = _partner(world.team.district)
    client = client_as(Role.TEAM_LEAD)
    url = reverse("api:partner-fixed-contact", args=[school.pk])
    worker = world.users[Role.CASE_WORKER]
    today = timezone.localdate().isoformat()
    response = client.post(
        url, {"staff": worker.pk, "starts_on": today, "version": 1}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["fixed_contact"]["staff"]["id"] == worker.pk
    # The same colleague again: refused at the field.
    response = client.post(
        url, {"staff": worker.pk, "starts_on": today, "version": 2}, content_type="application/json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "contact_starts_too_early"
    assert set(body["fields"]) == {"starts_on", "staff"}
    # A stale version is a conflict.
    response = client.post(
        url, {"staff": None, "starts_on": today, "version": 1}, content_type="application/json"
    )
    assert response.status_code == 409 and response.json()["code"] == "conflict"
    assert FixedContact.objects.count() == 1


def test_another_team_member_or_district_is_refused(world, client_as):
    school = _partner(world.team.district)
    other = _partner(world.other_team.district, name="Zuidschool")
    client = client_as(Role.TEAM_LEAD)
    outsider = world.users[Role.ANALYST]  # no team
    response = client.post(
        reverse("api:partner-fixed-contact", args=[school.pk]),
        {"staff": outsider.pk, "starts_on": "2026-01-05", "version": 1},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "contact_other_team"
    response = client.post(
        reverse("api:partner-fixed-contact", args=[other.pk]),
        {"staff": world.users[Role.CASE_WORKER].pk, "starts_on": "2026-01-05", "version": 1},
        content_type="application/json",
    )
    assert response.status_code == 404
    # A case worker may read but not assign.
    response = client_as(Role.CASE_WORKER).post(
        reverse("api:partner-fixed-contact", args=[school.pk]),
        {"staff": None, "starts_on": "2026-01-05", "version": 1},
        content_type="application/json",
    )
    assert response.status_code == 403
