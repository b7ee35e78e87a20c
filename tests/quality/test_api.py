"""API for complaints: who sees what, recording, the steps, errors and conflicts."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry
from wijkteam.quality.models import Complaint

from .conftest import make_complaint


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_the_officer_sees_all_a_team_lead_only_their_teams(world, client_as):
    ours = make_complaint(case=world.case)
    theirs = make_complaint(case=world.other_case)
    loose = make_complaint()
    officer = client_as(Role.COMPLAINTS_OFFICER).get(reverse("api:complaint-list")).json()
    assert {c["id"] for c in officer["results"]} == {ours.pk, theirs.pk, loose.pk}
    lead = client_as(Role.TEAM_LEAD)
    body = lead.get(reverse("api:complaint-list")).json()
    assert [c["id"] for c in body["results"]] == [ours.pk]
    assert body["results"][0]["deadline"]["state"] == "on_time"
    assert lead.get(reverse("api:complaint-detail", args=[theirs.pk])).status_code == 404
    detail = lead.get(reverse("api:complaint-detail", args=[ours.pk])).json()
    assert detail["case"]["reference"] == world.case.reference
    assert [e["kind"] for e in detail["events"]] == ["received"]
    assert (
        AuditEntry.objects.filter(
            object_type="quality.complaint", object_id=str(ours.pk), actor_username="team_lead"
        ).count()
        == 2
    )
    assert lead.get(reverse("api:complaint-list"), {"status": "soms"}).status_code == 400


def test_record_and_decide_through_the_api(world, client_as):
    client = client_as(Role.COMPLAINTS_OFFICER)
    response = _post(
        client,
        reverse("api:complaint-list"),
        {
            "channel": "phone",
            "received_on": timezone.localdate().isoformat(),
            "complainant_name": "Jan Bakker",
            "description": "Geen reactie op mijn mail.",
            "phone": "0612345678",
        },
    )
    assert response.status_code == 201
    complaint_id = response.json()["id"]
    status_url = reverse("api:complaint-status", args=[complaint_id])
    response = _post(client, status_url, {"target": "decided", "version": 1})
    assert response.status_code == 400
    assert response.json()["code"] == "complaint_move_not_allowed"
    assert response.json()["fields"] == {"target": [response.json()["message"]]}
    assert _post(client, status_url, {"target": "acknowledged", "version": 1}).status_code == 200
    response = _post(client, status_url, {"target": "decided", "version": 2})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"outcome", "note"}
    response = _post(
        client,
        status_url,
        {"target": "decided", "outcome": "resolved", "note": "Opgelost na gesprek.", "version": 2},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "decided"
    assert response.json()["deadline"]["state"] == "closed_on_time"
    # A stale version is a conflict.
    response = _post(client, status_url, {"target": "withdrawn", "note": "x", "version": 2})
    assert response.status_code == 409 and response.json()["code"] == "conflict"


def test_extension_and_case_link_through_the_api(world, client_as):
    complaint = make_complaint(received_on=timezone.localdate() - timedelta(days=20))
    client = client_as(Role.COMPLAINTS_OFFICER)
    url = reverse("api:complaint-extension", args=[complaint.pk])
    body = {"weeks": 2, "reason": "Hoorzitting gepland.", "version": 1}
    response = _post(client, url, {**body, "informed_on": None})
    assert response.status_code == 400 and "informed_on" in response.json()["fields"]
    today = timezone.localdate().isoformat()
    response = _post(client, url, {**body, "informed_on": today})
    assert response.status_code == 200 and response.json()["extension_weeks"] == 2
    response = _post(client, url, {**body, "informed_on": today, "version": 2})
    assert response.status_code == 400 and response.json()["code"] == "extension_once"
    link = reverse("api:complaint-case", args=[complaint.pk])
    response = client.put(
        link, {"case_reference": "WT-2026-000404", "version": 2}, content_type="application/json"
    )
    assert response.status_code == 400 and "case_reference" in response.json()["fields"]
    response = client.put(
        link,
        {"case_reference": world.case.reference, "version": 2},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["case"]["id"] == world.case.pk


def test_a_team_lead_cannot_handle_or_record(world, client_as):
    complaint = make_complaint(case=world.case)
    lead = client_as(Role.TEAM_LEAD)
    response = _post(
        lead,
        reverse("api:complaint-status", args=[complaint.pk]),
        {"target": "acknowledged", "version": 1},
    )
    assert response.status_code == 403
    response = _post(lead, reverse("api:complaint-list"), {})
    assert response.status_code == 403
    assert Complaint.objects.get().status == "received"
