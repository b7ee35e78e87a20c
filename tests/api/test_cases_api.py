"""The intake, case and household API: authentication, authorisation, input errors,
pagination in a fixed number of queries, and the audit trail of every read."""

import io
import json
from datetime import date, timedelta
from itertools import count

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from wijkteam.accounts.models import ApiToken
from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry
from wijkteam.cases.models import Case, CaseStatus, Intake
from wijkteam.people.rules import passes_eleven_check

from ..factories import HouseholdFactory, MembershipFactory, UserFactory

_numbers = count(200_000_000)


def valid_bsn() -> str:
    while True:
        candidate = str(next(_numbers))
        if passes_eleven_check(candidate):
            return candidate


def post_json(client, url, data, **extra):
    return client.post(url, json.dumps(data), content_type="application/json", **extra)


def intake_data(**overrides):
    data = {
        "channel": "phone",
        "referrer_type": "self",
        "help_question": "Onze zoon gaat al weken niet naar school.",
        "urgency": "regular",
        "postcode": "8011 ab",
        "house_number": "12",
        "phone": "0612345678",
        "persons": [
            {
                "given_names": "Sanne",
                "surname": "de Vries",
                "birth_date": "1985-03-02",
                "bsn": valid_bsn(),
                "role": "parent",
                "has_parental_authority": True,
            },
            {
                "given_names": "Daan",
                "surname": "de Vries",
                "birth_date": "2013-09-14",
                "bsn_missing_reason": "nog niet bekend bij de melder",
                "role": "child",
                "is_subject": True,
            },
        ],
        "consents": [
            {
                "information": "schoolverzuim",
                "shared_with": "school",
                "given_by": "Sanne de Vries",
                "given_on": "2026-01-05",
            }
        ],
    }
    data.update(overrides)
    return data


def with_person(data, index=0, **changes):
    data["persons"][index].update(changes)
    return data


@pytest.fixture
def worker_client(client_as):
    return client_as(Role.CASE_WORKER)


# --- Authentication ------------------------------------------------------------------


@pytest.fixture
def system_token(world):
    account = UserFactory(username="partner-systeem", team=world.team, roles=[Role.CASE_WORKER])
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command("issue_api_token", account.username, stdout=out, stderr=err)
    assert "Keep this token secret" in err.getvalue()
    return out.getvalue().strip()


def test_a_token_authenticates_a_system_without_a_second_factor(world, client, system_token):
    response = client.get(reverse("api:case-list"), HTTP_AUTHORIZATION=f"Token {system_token}")
    assert response.status_code == 200
    assert [row["reference"] for row in response.json()["results"]] == [world.case.reference]


def test_issuing_with_replace_revokes_the_previous_token_and_is_audited(
    world, client, system_token
):
    account = ApiToken.objects.get().user
    call_command(
        "issue_api_token",
        account.username,
        "--replace",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    old = client.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {system_token}")
    assert old.status_code == 401 and old.json()["code"] == "token_revoked"
    entries = AuditEntry.objects.filter(object_type="accounts.apitoken")
    assert sorted(entries.values_list("action", flat=True)) == ["create", "create", "update"]
    assert all(system_token not in json.dumps(entry.detail) for entry in entries)


def test_issuing_a_token_for_an_unknown_user_fails(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("issue_api_token", "niemand", stdout=io.StringIO(), stderr=io.StringIO())


def test_without_a_token_or_session_the_answer_is_403_with_a_body(world, client):
    response = client.get(reverse("api:case-list"))
    assert response.status_code == 403
    assert response.json()["code"] == "not_authenticated" and response.json()["message"]


def test_a_session_without_the_second_factor_gets_403(world, client):
    client.force_login(world.users[Role.CASE_WORKER])
    response = client.get(reverse("api:case-list"))
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "permission_denied" and body["message"]


def test_roles_without_case_access_get_403(world, client_as):
    client = client_as(Role.ANALYST)
    for url in (
        reverse("api:case-list"),
        reverse("api:case-detail", args=[world.case.pk]),
        reverse("api:household-detail", args=[world.household.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    response = post_json(client, reverse("api:intake-create"), intake_data())
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert not Intake.objects.exists()


# --- Registration --------------------------------------------------------------------


def test_register_intake_creates_a_case_visible_in_the_list(world, worker_client):
    response = post_json(worker_client, reverse("api:intake-create"), intake_data())
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["reference"].startswith("AM-") and body["linked_to_existing"] is False
    case = Case.objects.get(pk=body["case"]["id"])
    assert body["case"] == {"id": case.pk, "reference": case.reference, "status": "registered"}
    assert response["Location"] == reverse("api:case-detail", args=[case.pk])
    assert case.team == world.team
    assert [s.given_names for s in case.subjects.all()] == ["Daan"]

    listed = worker_client.get(reverse("api:case-list")).json()["results"]
    assert case.reference in [row["reference"] for row in listed]

    detail = worker_client.get(reverse("api:case-detail", args=[case.pk])).json()
    assert detail["intakes"][0]["reference"] == body["reference"]
    assert detail["intakes"][0]["channel"] == "phone"
    assert detail["intakes"][0]["consents"][0]["shared_with"] == "school"


def test_a_known_person_links_to_the_existing_case(world, worker_client):
    data = intake_data()
    first = post_json(worker_client, reverse("api:intake-create"), data).json()
    again = intake_data(channel="school_support_team", referrer_type="school")
    again["persons"] = [dict(data["persons"][0], is_subject=True)]
    second = post_json(worker_client, reverse("api:intake-create"), again)
    assert second.status_code == 201
    assert second.json()["linked_to_existing"] is True
    assert second.json()["case"]["id"] == first["case"]["id"]


def test_an_invalid_bsn_is_a_field_error(world, worker_client):
    data = with_person(intake_data(), 0, bsn="123456789")
    response = post_json(worker_client, reverse("api:intake-create"), data)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["fields"]["persons"]["0"]["bsn"]
    assert not Intake.objects.exists()


def test_messages_follow_the_chosen_language(world, worker_client):
    worker_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = with_person(intake_data(), 0, bsn="12345")
    body = post_json(worker_client, reverse("api:intake-create"), data).json()
    assert body["fields"]["persons"]["0"]["bsn"] == ["A BSN has 9 digits; this one has 5."]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"channel": "carrier_pigeon"}, "channel"),
        ({"urgency": 3}, "urgency"),
        ({"postcode": "0123 AB"}, "postcode"),
        ({"postcode": ["8011AB"]}, "postcode"),
        ({"help_question": ""}, "help_question"),
        ({"email": "geen-adres"}, "email"),
        ({"persons": []}, "persons"),
        ({"persons": "Daan"}, "persons"),
        ({"consents": {"information": "x"}}, "consents"),
        ({"house_number": "1" * 11}, "house_number"),
        ({"help_question": "nul\x00teken"}, "help_question"),
    ],
)
def test_wrong_input_is_a_400_with_field_errors(world, worker_client, change, field):
    response = post_json(worker_client, reverse("api:intake-create"), intake_data(**change))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and field in body["fields"], body


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"birth_date": "2013-02-30"}, "birth_date"),
        ({"birth_date": "10000-01-01"}, "birth_date"),
        ({"birth_date": "1850-01-01"}, "birth_date"),
        ({"birth_date": (date.today() + timedelta(days=2)).isoformat()}, "birth_date"),
        ({"birth_date": 20130914}, "birth_date"),
        ({"role": "grandmother"}, "role"),
        ({"is_subject": "misschien"}, "is_subject"),
        ({"given_names": {"first": "Daan"}}, "given_names"),
        ({"surname_prefix": "x" * 21}, "surname_prefix"),
    ],
)
def test_wrong_person_input_is_a_field_error_of_that_person(world, worker_client, change, field):
    data = with_person(intake_data(), 1, **change)
    response = post_json(worker_client, reverse("api:intake-create"), data)
    assert response.status_code == 400
    assert field in response.json()["fields"]["persons"]["1"]


def test_no_person_the_question_is_about_is_a_400(world, worker_client):
    data = with_person(intake_data(), 1, is_subject=False)
    body = post_json(worker_client, reverse("api:intake-create"), data).json()
    assert body["code"] == "invalid" and body["fields"]["persons"]


def test_the_same_bsn_twice_is_a_400_not_a_crash(world, worker_client):
    data = intake_data()
    data["persons"][1]["bsn"] = data["persons"][0]["bsn"]
    response = post_json(worker_client, reverse("api:intake-create"), data)
    assert response.status_code == 400 and response.json()["fields"]["persons"]


def test_a_postcode_outside_the_municipality_is_a_rule_refusal_on_the_field(world, worker_client):
    response = post_json(
        worker_client, reverse("api:intake-create"), intake_data(postcode="1234AB")
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "postcode_outside_municipality"
    assert body["fields"]["postcode"] == [body["message"]]
    assert not Case.objects.exclude(pk__in=[world.case.pk, world.other_case.pk]).exists()


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b"", b"[1, 2]", b'"tekst"', b"null", b'{"persons": [1]}'],
    ids=["malformed", "empty", "list", "string", "null", "persons-not-objects"],
)
def test_malformed_bodies_are_400(world, worker_client, raw):
    response = worker_client.post(
        reverse("api:intake-create"), raw, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] in ("parse_error", "invalid")


def test_a_form_encoded_body_is_refused(world, worker_client):
    response = worker_client.post(reverse("api:intake-create"), {"channel": "phone"})
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


# --- Reading -------------------------------------------------------------------------


def test_another_teams_case_and_household_are_404_with_a_body(world, worker_client):
    for url in (
        reverse("api:case-detail", args=[world.other_case.pk]),
        reverse("api:household-detail", args=[world.other_household.pk]),
        reverse("api:case-detail", args=[999_999]),
    ):
        response = worker_client.get(url)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    listed = worker_client.get(reverse("api:case-list")).json()["results"]
    assert world.other_case.reference not in [row["reference"] for row in listed]


def test_case_detail_shows_subjects_without_bsn(world, worker_client):
    body = worker_client.get(reverse("api:case-detail", args=[world.case.pk])).json()
    resident = world.household.members.get()
    assert body["subjects"] == [
        {"id": resident.pk, "name": resident.full_name, "birth_date": "2015-06-01"}
    ]
    assert resident.bsn not in json.dumps(body)
    assert body["version"] == world.case.version and body["worker_count"] == 0
    assert body["household"] == {"id": world.household.pk, "name": "Familie Noord"}


def test_household_detail_shows_members_with_bsn_and_cases(world, worker_client):
    closed = Case.objects.create(
        reference="WT-2025-000001",
        household=world.household,
        team=world.team,
        status=CaseStatus.CLOSED,
        registered_at=timezone.now() - timedelta(days=400),
    )
    body = worker_client.get(reverse("api:household-detail", args=[world.household.pk])).json()
    resident = world.household.members.get()
    assert body["members"][0]["bsn"] == resident.bsn
    assert body["members"][0]["role"] == "child"
    assert [c["reference"] for c in body["open_cases"]] == [world.case.reference]
    assert [c["reference"] for c in body["past_cases"]] == [closed.reference]


def _cases(world, number, start=1):
    now = timezone.now()
    worker = world.users[Role.CASE_WORKER]
    for index in range(start, start + number):
        household = HouseholdFactory(district=world.team.district)
        MembershipFactory(household=household)
        Case.objects.create(
            reference=f"WT-2026-{index:06d}",
            household=household,
            team=world.team,
            worker=worker if index % 2 else None,
            registered_at=now - timedelta(hours=index),
        )


def test_the_list_runs_a_constant_number_of_queries(
    world, worker_client, django_assert_max_num_queries
):
    _cases(world, 1)  # with the world's case: 2
    url = reverse("api:case-list")
    with CaptureQueriesContext(connection) as two:
        assert len(worker_client.get(url).json()["results"]) == 2
    _cases(world, 23, start=2)
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(worker_client.get(url).json()["results"]) == 25


def test_the_list_is_paginated_by_cursor_without_duplicates(world, worker_client):
    _cases(world, 4)
    url = f"{reverse('api:case-list')}?page_size=2"
    seen = []
    while url:
        body = worker_client.get(url).json()
        seen += [row["reference"] for row in body["results"]]
        url = body["next"]
    assert len(seen) == 5 == len(set(seen))
    registered = list(Case.objects.filter(reference__in=seen).order_by("-registered_at", "-id"))
    assert seen == [case.reference for case in registered]


def test_the_list_filters_by_status_and_worker(world, worker_client):
    _cases(world, 3)
    url = reverse("api:case-list")
    mine = worker_client.get(url, {"worker": "me"}).json()["results"]
    assert {row["worker"]["id"] for row in mine} == {world.users[Role.CASE_WORKER].pk}
    assert len(mine) == 2
    assert worker_client.get(url, {"status": "closed"}).json()["results"] == []
    for bad in ({"status": "gesloten"}, {"worker": "iedereen"}):
        response = worker_client.get(url, bad)
        assert response.status_code == 400
        assert response.json()["fields"].keys() == bad.keys()


def test_an_invalid_cursor_is_not_a_500(world, worker_client):
    response = worker_client.get(reverse("api:case-list"), {"cursor": "nonsense"})
    assert response.status_code == 404 and response.json()["code"] == "not_found"


# --- Audit ---------------------------------------------------------------------------


def _audited(request_id):
    return set(
        AuditEntry.objects.filter(request_id=request_id, action="view").values_list(
            "object_type", "object_id"
        )
    )


def test_the_list_logs_every_case_and_household_shown(world, worker_client):
    _cases(world, 2)
    worker_client.get(reverse("api:case-list"), HTTP_X_REQUEST_ID="api-list-1")
    cases = Case.objects.filter(team=world.team)
    expected = {("cases.case", str(case.pk)) for case in cases} | {
        ("people.household", str(case.household_id)) for case in cases
    }
    assert _audited("api-list-1") == expected


def test_the_detail_and_household_reads_are_logged(world, worker_client):
    resident = world.household.members.get()
    worker_client.get(
        reverse("api:case-detail", args=[world.case.pk]), HTTP_X_REQUEST_ID="api-detail-1"
    )
    assert _audited("api-detail-1") == {
        ("cases.case", str(world.case.pk)),
        ("people.household", str(world.household.pk)),
        ("people.resident", str(resident.pk)),
    }
    worker_client.get(
        reverse("api:household-detail", args=[world.household.pk]),
        HTTP_X_REQUEST_ID="api-household-1",
    )
    assert _audited("api-household-1") == {
        ("people.household", str(world.household.pk)),
        ("people.resident", str(resident.pk)),
        ("cases.case", str(world.case.pk)),
    }


def test_a_404_writes_no_read_entry(world, worker_client):
    worker_client.get(
        reverse("api:case-detail", args=[world.other_case.pk]), HTTP_X_REQUEST_ID="api-404"
    )
    assert not AuditEntry.objects.filter(request_id="api-404").exists()


# --- Status change -------------------------------------------------------------------


def _status_url(case):
    return reverse("api:case-status", args=[case.pk])


def test_status_change_moves_the_case_and_returns_the_new_version(world, worker_client):
    response = post_json(worker_client, _status_url(world.case), {"target": "triage", "version": 1})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "triage" and response.json()["version"] == 2
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.TRIAGE


def test_a_stale_version_is_a_409_conflict(world, worker_client):
    Case.objects.filter(pk=world.case.pk).update(version=3)
    response = post_json(worker_client, _status_url(world.case), {"target": "triage", "version": 2})
    assert response.status_code == 409
    assert response.json()["code"] == "conflict" and response.json()["message"]
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.REGISTERED and world.case.version == 3


def test_a_refused_transition_is_a_400_with_the_reason(world, worker_client):
    response = post_json(
        worker_client, _status_url(world.case), {"target": "in_progress", "version": 1}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "transition_not_allowed"
    assert body["fields"]["target"] == [body["message"]]
    world.case.refresh_from_db()
    assert world.case.version == 1  # the refused change took its version bump with it


@pytest.mark.parametrize(
    "data",
    [
        {"target": "registered", "version": 1},
        {"target": "triage"},
        {"target": "triage", "version": "een"},
        {"target": "triage", "version": 2**70},
        {"target": "triage", "version": 0},
    ],
)
def test_status_change_input_errors_are_400(world, worker_client, data):
    response = post_json(worker_client, _status_url(world.case), data)
    assert response.status_code == 400 and response.json()["code"] == "invalid"


def test_status_change_on_another_teams_case_is_404(world, worker_client):
    response = post_json(
        worker_client, _status_url(world.other_case), {"target": "triage", "version": 1}
    )
    assert response.status_code == 404 and response.json()["code"] == "not_found"
