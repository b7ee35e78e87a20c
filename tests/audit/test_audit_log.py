"""The audit log: reads and changes recorded in the same transaction, append-only."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from wijkteam.accounts.roles import Role
from wijkteam.audit.log import AuditContext, log_change, log_read
from wijkteam.audit.models import AuditAction, AuditEntry

from ..factories import ResidentFactory


def test_viewing_a_household_writes_one_entry_per_record_shown(world, client_as):
    client = client_as(Role.CASE_WORKER)
    response = client.get(
        reverse("people:household_detail", args=[world.household.pk]),
        REMOTE_ADDR="10.1.2.3",
        HTTP_X_REQUEST_ID="test-request-0001",
    )
    assert response.status_code == 200
    assert response["X-Request-ID"] == "test-request-0001"
    entries = AuditEntry.objects.filter(request_id="test-request-0001")
    kinds = sorted(entries.values_list("object_type", flat=True))
    assert kinds == ["cases.case", "people.household", "people.resident"]
    entry = entries.get(object_type="people.household")
    assert entry.action == AuditAction.VIEW
    assert entry.actor_id == world.users[Role.CASE_WORKER].pk
    assert entry.actor_username == "case_worker"
    assert entry.object_id == str(world.household.pk)
    assert entry.purpose == "casework"
    assert entry.client_address == "10.1.2.3"


def test_search_is_logged_without_the_search_terms(world, client_as):
    client = client_as(Role.CASE_WORKER)
    client.get(reverse("people:household_list"), {"q": "Noord"})
    search = AuditEntry.objects.get(action=AuditAction.SEARCH)
    assert search.detail == {"results": 1}
    assert "Noord" not in str(search.detail)


def test_rolled_back_change_leaves_no_audit_entry(world):
    resident = ResidentFactory(district=world.team.district)
    ctx = AuditContext.system()
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        resident.surname = "Anders"
        resident.save()
        log_change(ctx, resident, AuditAction.UPDATE, changed_fields=["surname"])
        assert AuditEntry.objects.count() == before + 1
        raise RuntimeError("the change fails after its audit entry was written")
    assert AuditEntry.objects.count() == before
    resident.refresh_from_db()
    assert resident.surname != "Anders"


def test_audit_entries_are_refused_outside_a_transaction(transactional_db):
    resident = ResidentFactory()
    with pytest.raises(RuntimeError, match="transaction"):
        log_read(AuditContext.system(), resident)
    assert not AuditEntry.objects.exists()


def test_model_refuses_update_and_delete(world):
    with transaction.atomic():
        entry = log_read(AuditContext.system(), world.household)[0]
    entry = AuditEntry.objects.get(pk=entry.pk)
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(purpose="security")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditentry SET purpose = 'security'",
        "DELETE FROM audit_auditentry",
    ],
)
def test_postgres_trigger_refuses_update_and_delete(postgres, world, statement):
    with transaction.atomic():
        log_read(AuditContext.system(), world.household)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEntry.objects.count() >= 1


def test_team_lead_sees_who_viewed_a_household(world, client_as):
    client_as(Role.CASE_WORKER).get(reverse("people:household_detail", args=[world.household.pk]))
    client = client_as(Role.TEAM_LEAD)
    url = reverse("audit:record_trail", args=["people.household", world.household.pk])
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "case_worker" in content
    # Reading the trail is itself recorded, with its own purpose.
    assert AuditEntry.objects.filter(
        actor_username="team_lead", purpose="audit_review", object_id=str(world.household.pk)
    ).exists()


def test_trail_of_another_teams_household_is_not_found(world, client_as):
    client = client_as(Role.TEAM_LEAD)
    url = reverse("audit:record_trail", args=["people.household", world.other_household.pk])
    assert client.get(url).status_code == 404
    url = reverse("audit:record_trail", args=["people.unknown", 1])
    assert client.get(url).status_code == 404


def test_sign_in_and_failed_sign_in_are_recorded(world, client):
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    request = RequestFactory().post("/account/login/", REMOTE_ADDR="10.0.0.9")
    request.request_id = "signin-test-0001"
    with transaction.atomic():
        assert authenticate(request, username="case_worker", password="wrong") is None
    failed = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert failed.client_address == "10.0.0.9"
    assert failed.detail == {}


@pytest.mark.parametrize(
    "role, url_name, args",
    [
        (Role.CASE_WORKER, "core:my_work", ()),
        (Role.TEAM_LEAD, "accounts:team", ()),
        (Role.CASE_WORKER, "cases:case_detail", ("case",)),
        (Role.CASE_WORKER, "people:household_detail", ("household",)),
    ],
)
def test_a_page_writes_its_read_entries_in_one_insert(world, client_as, role, url_name, args):
    """Everything a page shows is audited, in one INSERT with the page's transaction
    (not one per panel)."""
    from django.test.utils import CaptureQueriesContext

    from wijkteam.cases.models import Case

    # The case is the case worker's, so that "Mijn werk" shows it too.
    Case.objects.filter(pk=world.case.pk).update(worker=world.users[Role.CASE_WORKER])
    client = client_as(role)
    url = reverse(url_name, args=[getattr(world, name).pk for name in args])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_X_REQUEST_ID="test-one-insert")
    assert response.status_code == 200
    inserts = [q for q in queries.captured_queries if 'INSERT INTO "audit_auditentry"' in q["sql"]]
    assert len(inserts) == 1
    assert AuditEntry.objects.filter(request_id="test-one-insert", action=AuditAction.VIEW).exists()
