"""The assessment API: clarification, the child's voice, analysis, consultations, life
domains; rule refusals as codes, conflicts as 409, lists in a fixed number of queries."""

import json
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkteam.accounts.roles import Role
from wijkteam.assessment.models import LifeDomain
from wijkteam.audit.models import AuditEntry


def send(client, method, url, data):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def test_clarification_put_get_and_conflict(world, client_as):
    client = client_as(Role.CASE_WORKER)
    url = reverse("api:clarification", args=[world.case.pk])
    body = client.get(url).json()
    assert body["version"] == 1 and not body["verdict"]["allowed"]
    assert body["verdict"]["reasons"][0]["code"] == "clarification_step_1_missing"
    response = send(
        client, "put", url, {"version": 1, "support_question": "Noor wil weer naar school."}
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response.json()["verdict"]["reasons"][0]["code"] == "clarification_step_2_missing"
    stale = send(client, "put", url, {"version": 1, "support_question": "Anders"})
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert AuditEntry.objects.filter(object_type="cases.case", action="view").exists()


def test_child_voice_refusal_names_the_field(world, client_as):
    client = client_as(Role.CASE_WORKER)
    child = world.household.members.get()
    url = reverse("api:child-voice", args=[world.case.pk])
    refused = send(client, "post", url, {"child": child.pk, "spoken_to": False, "reason": "other"})
    assert refused.status_code == 400
    assert refused.json()["code"] == "child_voice_reason_text"
    assert "reason_text" in refused.json()["fields"]
    ok = send(
        client,
        "post",
        url,
        {
            "child": child.pk,
            "spoken_to": True,
            "spoken_on": date.today().isoformat(),
            "setting": "at_school",
            "spoken_by": world.users[Role.CASE_WORKER].pk,
        },
    )
    assert ok.status_code == 201
    assert ok.json()["verdict"]["allowed"] and ok.json()["children"][0]["spoken_to"]


def test_the_quality_officer_may_read_but_not_write(world, client_as):
    client = client_as(Role.QUALITY_OFFICER)
    url = reverse("api:explanatory-analysis", args=[world.case.pk])
    assert client.get(url).status_code == 200
    refused = send(client, "post", url, {"situation": "x", "explanation": "y", "version": 1})
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"


def test_explanatory_analysis_versions(world, client_as):
    client = client_as(Role.CASE_WORKER)
    url = reverse("api:explanatory-analysis", args=[world.case.pk])
    first = send(
        client, "post", url, {"situation": "Spanning", "explanation": "Schulden", "version": 1}
    )
    assert first.status_code == 201
    second = send(
        client, "post", url, {"situation": "Rustiger", "explanation": "Hulp", "version": 2}
    )
    assert [v["number"] for v in second.json()["versions"]] == [2, 1]


def test_life_domain_assessment_by_api(world, client_as):
    client = client_as(Role.CASE_WORKER)
    child = world.household.members.get()
    school = LifeDomain.objects.get(code="school")
    url = reverse("api:life-domain-assessments", args=[world.household.pk])
    created = send(
        client,
        "post",
        url,
        {
            "resident": child.pk,
            "assessed_on": date.today().isoformat(),
            "scores": [{"domain": school.pk, "level": 2}],
        },
    )
    assert created.status_code == 201
    assert client.get(url).json()[0]["scores"] == [{"domain": school.pk, "level": 2}]
    stranger = send(
        client,
        "post",
        url,
        {
            "resident": world.other_household.members.first().pk,
            "assessed_on": "2026-01-01",
            "scores": [{"domain": school.pk, "level": 2}],
        },
    )
    assert stranger.status_code == 400 and "resident" in stranger.json()["fields"]
    config = client.get(reverse("api:life-domains")).json()
    assert len(config["domains"]) == 16 and len(config["levels"]) == 5


def test_consultation_list_runs_a_constant_number_of_queries(world, client_as):
    client = client_as(Role.CASE_WORKER)
    url = reverse("api:consultations", args=[world.case.pk])
    expert = world.users[Role.BEHAVIOURAL_EXPERT]

    def ask(n):
        for _ in range(n):
            response = send(
                client,
                "post",
                url,
                {
                    "kind": "behavioural_expert",
                    "consultant": expert.pk,
                    "question": "Vraag",
                    "asked_on": "2026-01-05",
                },
            )
            assert response.status_code == 201

    ask(2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(url).json()) == 2
    ask(20)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(url).json()) == 22
    assert len(many) == len(few)
