"""The plan API: start, goals, actions, agreement behind the gates, conflicts as 409,
evaluations with the team-absent warning, closure with a national code, offers."""

import json

from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry
from wijkteam.cases.models import Case, CaseStatus

from .helpers import (
    case_in_progress,
    child_of,
    offer,
    parent_of,
    record_child_voice,
    record_safety,
)


def send(client, method, url, data):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def started(world, client, *, gates=True):
    case_in_progress(world, gates=gates)
    response = send(client, "post", reverse("api:case-plan", args=[world.case.pk]), {})
    assert response.status_code == 201, response.json()
    return response.json()


def with_goal(client, plan):
    body = send(
        client,
        "post",
        reverse("api:plan-goals", args=[plan["id"]]),
        {
            "person": None,
            "life_domain": "school",
            "result": "Noor gaat elke dag naar school.",
            "indicator": "Een maand geen verzuim.",
            "priority": "now",
            "version": plan["version"],
        },
    ).json()
    goal = body["goals"][0]
    return send(
        client,
        "post",
        reverse("api:plan-actions", args=[plan["id"]]),
        {
            "goal": goal["id"],
            "description": "Rooster maken met school.",
            "by": "team",
            "who": "Sanne",
            "version": body["version"],
        },
    ).json()


def agreement(world, version):
    return {
        "agreed_on": timezone.localdate().isoformat(),
        "how": "meeting",
        "parents": [parent_of(world).pk],
        "children": [child_of(world).pk],
        "version": version,
    }


def test_a_plan_is_agreed_through_the_api_only_behind_the_gates(world, client_as):
    client = client_as(Role.CASE_WORKER)
    plan = with_goal(client, started(world, client, gates=False))
    assert plan["goals"][0]["actions"][0]["who"] == "Sanne"
    assert not plan["gate"]["allowed"]
    url = reverse("api:plan-agreement", args=[plan["id"]])
    refused = send(client, "post", url, agreement(world, plan["version"]))
    assert refused.status_code == 400
    assert refused.json()["code"] == "child_voice_missing"
    assert "veiligheidstaxatie" in refused.json()["message"]
    record_child_voice(world)
    record_safety(world)
    agreed = send(client, "post", url, agreement(world, plan["version"]))
    assert agreed.status_code == 201 and agreed.json()["version"] == 1
    body = client.get(reverse("api:plan", args=[plan["id"]])).json()
    assert body["status"] == "agreed" and body["agreed_version"] == 1
    assert body["next_evaluation"]["basis"] == "interval"
    versions = client.get(reverse("api:plan-versions", args=[plan["id"]])).json()
    assert versions[0]["number"] == 1 and versions[0]["changes"] is None
    assert AuditEntry.objects.filter(object_type="plans.supportplan", action="view").exists()


def test_a_stale_version_is_a_conflict(world, client_as):
    client = client_as(Role.CASE_WORKER)
    plan = started(world, client)
    url = reverse("api:plan", args=[plan["id"]])
    body = {
        "coordinator": world.users[Role.CASE_WORKER].pk,
        "process_coordination": "team",
        "content_coordination": "provider",
        "content_coordination_by": "Jeugdhulp Oost",
        "version": plan["version"],
    }
    assert send(client, "put", url, body).status_code == 200
    stale = send(client, "put", url, {**body, "summary": "Later"})
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert client.get(url).json()["content_coordination_by"] == "Jeugdhulp Oost"
    named = send(client, "put", url, {**body, "content_coordination_by": "", "version": 2})
    assert named.status_code == 200  # a name is asked for when the plan is agreed
    assert "content_coordination_name" in [r["code"] for r in named.json()["gate"]["reasons"]]


def test_an_evaluation_without_the_team_warns_and_a_closure_has_a_national_code(world, client_as):
    client = client_as(Role.CASE_WORKER)
    plan = with_goal(client, started(world, client))
    send(
        client,
        "post",
        reverse("api:plan-agreement", args=[plan["id"]]),
        agreement(world, plan["version"]),
    )
    goal = plan["goals"][0]["id"]
    evaluation = send(
        client,
        "post",
        reverse("api:plan-evaluations", args=[plan["id"]]),
        {
            "kind": "final",
            "held_on": timezone.localdate().isoformat(),
            "team_members": [],
            "results": [{"goal": goal, "result": "reached"}],
            "decision": "close",
            "decision_note": "Het doel is bereikt; afsluiten.",
        },
    )
    assert evaluation.status_code == 201
    assert evaluation.json()["team_present"] is False
    assert [w["code"] for w in evaluation.json()["warnings"]] == ["team_absent"]
    listed = client.get(reverse("api:plan-evaluations", args=[plan["id"]])).json()
    assert listed[0]["results"] == [{"goal": goal, "result": "reached"}]

    url = reverse("api:plan-closure", args=[plan["id"]])
    assert client.get(url).status_code == 404
    version = client.get(reverse("api:plan", args=[plan["id"]])).json()["version"]
    closure = {
        "reason_code": "31",
        "closed_on": timezone.localdate().isoformat(),
        "results": [{"goal": goal, "result": "reached"}],
        "scaled_down_to": "nothing",
        "experience_request": "survey_email",
        "version": version,
    }
    bad = send(client, "post", url, {**closure, "reason_code": "20"})
    assert bad.status_code == 400 and "reason_code" in bad.json()["fields"]
    missing = send(client, "post", url, {**closure, "results": []})
    assert missing.status_code == 400 and missing.json()["code"] == "closure_result_missing"
    closed = send(client, "post", url, closure)
    assert closed.status_code == 201
    assert closed.json()["reason_code"] == "31"
    assert closed.json()["reason"] == "31 – Levering is volgens plan beeindigd."
    assert Case.objects.get(pk=world.case.pk).status == CaseStatus.CLOSED
    assert client.get(url).json()["reason_code"] == "31"


def test_a_status_change_to_closed_with_an_open_plan_is_refused(world, client_as):
    client = client_as(Role.CASE_WORKER)
    started(world, client)
    Case.objects.filter(pk=world.case.pk).update(status=CaseStatus.CLOSING)
    response = send(
        client,
        "post",
        reverse("api:case-status", args=[world.case.pk]),
        {
            "target": "closed",
            "reason": "Klaar",
            "version": Case.objects.get(pk=world.case.pk).version,
        },
    )
    assert response.status_code == 400 and response.json()["code"] == "closure_record_needed"


def test_goals_are_changed_and_taken_off(world, client_as):
    client = client_as(Role.CASE_WORKER)
    plan = with_goal(client, started(world, client))
    goal = plan["goals"][0]
    url = reverse("api:plan-goal", args=[plan["id"], goal["id"]])
    changed = send(
        client,
        "put",
        url,
        {
            "person": child_of(world).pk,
            "life_domain": "school",
            "result": "Noor gaat vier dagen per week naar school.",
            "indicator": "Een maand geen verzuim.",
            "priority": "now",
            "version": plan["version"],
        },
    )
    assert changed.status_code == 200
    assert changed.json()["goals"][0]["person"]["given_names"] == child_of(world).given_names
    unknown = send(
        client,
        "put",
        url,
        {"life_domain": "bestaat-niet", "result": "x", "indicator": "y", "version": 9},
    )
    assert unknown.status_code == 400 and "life_domain" in unknown.json()["fields"]
    gone = client.delete(f"{url}?version={changed.json()['version']}")
    assert gone.status_code == 204
    assert client.get(reverse("api:plan", args=[plan["id"]])).json()["goals"] == []


def test_community_offers_are_searchable(world, client_as):
    near = offer(name="Huiswerkklas Noord", category="school", min_age=8, max_age=14)
    near.districts.set([world.team.district])
    offer(name="Schuldhulp Zuid", category="debt").districts.set([world.other_team.district])
    offer(name="Voedselbank", category="debt")
    client = client_as(Role.CASE_WORKER)
    url = reverse("api:community-offers")
    names = [
        o["name"] for o in client.get(url, {"district": world.team.district.code}).json()["results"]
    ]
    assert names == ["Huiswerkklas Noord", "Voedselbank"]
    aged = client.get(url, {"age": 16}).json()["results"]
    assert "Huiswerkklas Noord" not in [o["name"] for o in aged]
    assert client.get(url, {"district": "nergens"}).status_code == 400
    assert client_as(Role.ANALYST).get(url).status_code == 403
