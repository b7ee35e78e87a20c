"""The safety API: assessment and four eyes, report with the role-conflict warning,
crisis exception, reporting code and the summary."""

import json
from datetime import date, timedelta

from django.urls import reverse

from wijkteam.accounts.roles import Role
from wijkteam.cases.models import Case
from wijkteam.safety.models import RiskInstrument


def send(client, method, url, data):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def answers(index=0):
    instrument = RiskInstrument.objects.get()
    return [
        {"item": item.pk, "option": list(item.options.all())[index].pk}
        for item in instrument.items.all()
    ]


def test_assessment_and_four_eyes_by_api(world, client_as):
    author = client_as(Role.CASE_WORKER)
    url = reverse("api:safety-assessment-create", args=[world.case.pk])
    incomplete = send(
        author,
        "post",
        url,
        {
            "answers": answers()[:3],
            "conclusion": "",
            "assessed_on": date.today().isoformat(),
            "reassess_on": (date.today() + timedelta(days=60)).isoformat(),
        },
    )
    assert incomplete.status_code == 400 and incomplete.json()["code"] == "risk_items_unanswered"
    created = send(
        author,
        "post",
        url,
        {
            "answers": answers(),
            "conclusion": "Veilig.",
            "assessed_on": date.today().isoformat(),
            "reassess_on": (date.today() + timedelta(days=60)).isoformat(),
        },
    )
    assert created.status_code == 201
    assessment = created.json()
    review = reverse("api:safety-assessment-review", args=[world.case.pk, assessment["id"]])
    own = send(author, "post", review, {"approve": True, "version": assessment["version"]})
    assert own.status_code == 400 and own.json()["code"] == "review_same_person"
    summary = author.get(reverse("api:safety", args=[world.case.pk])).json()
    assert summary["verdict"]["reasons"][0]["code"] == "safety_assessment_not_reviewed"
    other = client_as(Role.TEAM_LEAD)
    done = send(other, "post", review, {"approve": True, "version": assessment["version"]})
    assert done.status_code == 200 and done.json()["status"] == "completed"
    assert other.get(reverse("api:safety", args=[world.case.pk])).json()["verdict"]["allowed"]


def test_a_report_by_the_case_worker_warns_of_role_conflict(world, client_as):
    worker = world.users[Role.CASE_WORKER]
    Case.objects.filter(pk=world.case.pk).update(worker=worker)
    child = world.household.members.get()
    client = client_as(Role.CASE_WORKER)
    response = send(
        client,
        "post",
        reverse("api:veilig-thuis-reports", args=[world.case.pk]),
        {
            "reported_on": date.today().isoformat(),
            "reported_by": worker.pk,
            "reference": "VT-1",
            "children": [child.pk],
            "summary": "Zorgen.",
        },
    )
    assert response.status_code == 201
    assert [w["code"] for w in response.json()["warnings"]] == ["role_conflict"]
    role = send(
        client, "post", reverse("api:reporting-role", args=[world.case.pk]), {"worker": worker.pk}
    )
    assert role.status_code == 400 and role.json()["code"] == "reporter_is_case_worker"
    second = world.users[Role.SAFETY_OFFICER]
    assert (
        send(
            client,
            "post",
            reverse("api:reporting-role", args=[world.case.pk]),
            {"worker": second.pk},
        ).status_code
        == 201
    )
    summary = client.get(reverse("api:safety", args=[world.case.pk])).json()
    assert summary["role_conflict"]["warnings"] == []


def test_crisis_exception_by_api(world, client_as):
    client = client_as(Role.CASE_WORKER)
    url = reverse("api:crisis-exceptions", args=[world.case.pk])
    refused = send(client, "post", url, {"reason": " "})
    assert refused.status_code == 400 and refused.json()["code"] == "crisis_reason_missing"
    assert refused.json()["fields"]["reason"]
    created = send(client, "post", url, {"reason": "Kinderen direct opgevangen bij oma."})
    assert created.status_code == 201 and created.json()["assessment_due_on"]


def test_reporting_code_by_api(world, client_as):
    client = client_as(Role.CASE_WORKER)
    url = reverse("api:reporting-code", args=[world.case.pk])
    started = send(
        client, "put", url, {"signals_summary": "Signalen van school.", "q1_suspicion": False}
    )
    assert started.status_code == 200 and started.json()["outcome"] == ""
    concluded = send(
        client,
        "put",
        url,
        {
            "version": started.json()["version"],
            "signals_summary": "Signalen van school.",
            "colleague": world.users[Role.SAFETY_OFFICER].pk,
            "colleague_consulted_on": date.today().isoformat(),
            "family_talked_on": date.today().isoformat(),
            "q1_suspicion": False,
            "decision_note": "Geen vermoeden na gesprek.",
            "conclude": True,
        },
    )
    assert concluded.status_code == 200 and concluded.json()["outcome"] == "close"
