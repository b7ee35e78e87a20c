"""The allocation API: weighings, drafts, the lifecycle steps with their refusals and
conflicts, co-signature by a behavioural expert, objections, messages and figures."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.allocation import services
from wijkteam.allocation.models import Decision
from wijkteam.ijw.models import Message

from ..allocation_helpers import (
    CTX,
    WORKER_ROLES,
    decision_body,
    draft,
    issued,
)

TODAY = timezone.localdate()  # set again for each test: conftest, TODAY_IS_LIVE
TODAY_IS_LIVE = True


def test_record_a_weighing_and_a_coded_refusal(world, client_as):
    client = client_as(Role.CASE_WORKER)
    url = reverse("api:weighings", args=[world.case.pk])
    refused = client.post(
        url,
        {
            "decided_on": TODAY.isoformat(),
            "level": "advice",
            "reason": "Advies volstaat hier.",
            "not_granted": "Jeugdhulp",
        },
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "not_granted_reason_missing"
    assert "not_granted_reason" in refused.json()["fields"]
    created = client.post(
        url,
        {
            "decided_on": TODAY.isoformat(),
            "level": "advice",
            "reason": "Advies volstaat hier.",
            "not_granted": "Jeugdhulp",
            "not_granted_reason": "normal_growing_up",
        },
        content_type="application/json",
    )
    assert (
        created.status_code == 201 and created.json()["not_granted_reason"] == "normal_growing_up"
    )
    assert len(client.get(url).json()) == 1


def test_draft_issue_and_conflict(world, client_as, products, ijw_schemas):
    client = client_as(Role.CASE_WORKER)
    too_long = client.post(
        reverse("api:decisions", args=[world.case.pk]),
        decision_body(
            world, products["ambulant"], end_date=(TODAY + timedelta(days=500)).isoformat()
        ),
        content_type="application/json",
    )
    assert too_long.status_code == 400 and too_long.json()["code"] == "period_too_long"
    assert "end_date" in too_long.json()["fields"]
    created = client.post(
        reverse("api:decisions", args=[world.case.pk]),
        decision_body(world, products["ambulant"]),
        content_type="application/json",
    )
    assert created.status_code == 201
    data = created.json()
    assert data["verdict"]["allowed"] is True and data["actions"] == ["issue", "discard"]
    decision_id, version = data["decision"]["id"], data["decision"]["version"]
    step = reverse("api:decision-step", args=[world.case.pk, decision_id])
    stale = client.post(
        step, {"action": "issue", "version": version + 5}, content_type="application/json"
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    issued_ = client.post(
        step, {"action": "issue", "version": version}, content_type="application/json"
    )
    assert issued_.status_code == 200
    decision = issued_.json()["decision"]
    assert decision["status"] == "issued" and decision["allocation_number"]
    assert issued_.json()["messages"][0]["schema_valid"] is True
    listing = client.get(reverse("api:case-ijw-messages", args=[world.case.pk])).json()
    assert listing[0]["kind"] == "JW301"


def test_only_a_behavioural_expert_cosigns(world, client_as, products):
    decision = draft(world, products["residential"], volume=7, frequency="2")
    decision = services.submit_for_cosign(
        CTX,
        decision,
        actor=world.users[Role.CASE_WORKER],
        roles=WORKER_ROLES,
        expected_version=decision.version,
    )
    step = reverse("api:decision-step", args=[world.case.pk, decision.pk])
    payload = {"action": "cosign", "version": decision.version}
    denied = client_as(Role.CASE_WORKER).post(step, payload, content_type="application/json")
    assert denied.status_code == 403
    done = client_as(Role.BEHAVIOURAL_EXPERT).post(step, payload, content_type="application/json")
    assert done.status_code == 200 and done.json()["decision"]["status"] == "issued"


def test_an_objection_after_six_weeks_is_late(world, client_as, products):
    decision = issued(world, products["ambulant"])
    Decision.objects.filter(pk=decision.pk).update(issued_at=timezone.now() - timedelta(days=60))
    response = client_as(Role.CASE_WORKER).post(
        reverse("api:decision-objections", args=[world.case.pk, decision.pk]),
        {"received_on": TODAY.isoformat(), "submitted_by": "Vader", "summary": "Te weinig uren."},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["warnings"] == ["objection_late"]
    assert response.json()["objection"]["late"] is True


def test_messages_for_the_team_lead_and_envelopes_for_the_administrator(world, client_as, products):
    issued(world, products["ambulant"])
    message = Message.objects.get(kind="JW301")
    lead = client_as(Role.TEAM_LEAD)
    rows = lead.get(reverse("api:ijw-messages")).json()["results"]
    assert [row["id"] for row in rows] == [message.pk]
    assert (
        lead.get(reverse("api:ijw-message", args=[message.pk]))
        .json()["content"]
        .startswith("<?xml")
    )
    admin = client_as(Role.ADMINISTRATOR).get(reverse("api:ijw-message", args=[message.pk]))
    assert admin.status_code == 200 and admin.json()["content"] is None
    assert client_as(Role.CASE_WORKER).get(reverse("api:ijw-messages")).status_code == 403


def test_the_catalogue_and_the_not_granted_counts(world, client_as, products):
    providers = client_as(Role.CASE_WORKER).get(reverse("api:providers")).json()["results"]
    assert {p["agb_code"] for p in providers} == {"12345678", "87654321"}
    services.record_weighing(
        CTX,
        world.case,
        services.WeighingInput(
            "community",
            "Sport via het Jeugdfonds is genoeg.",
            TODAY,
            not_granted="Begeleiding",
            not_granted_reason="community",
        ),
        actor=world.users[Role.CASE_WORKER],
    )
    url = reverse("api:not-granted-counts") + f"?start={TODAY - timedelta(days=30)}&end={TODAY}"
    rows = client_as(Role.ANALYST).get(url).json()
    assert rows == [
        {
            "period": TODAY.replace(day=1).isoformat(),
            "reason": "community",
            "law": "",
            "count": "<5",
        }
    ]
    assert client_as(Role.ANALYST).get(reverse("api:not-granted-counts")).status_code == 400
