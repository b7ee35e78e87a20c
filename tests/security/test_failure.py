"""Failures injected in the middle of a change leave nothing half-written: a change whose
audit record cannot be written is not saved, and an error in a late step of a multi-step
service rolls back its earlier steps. Run on real transactions (transactional_db), so a
rollback here is a rollback in production."""

from unittest import mock

import pytest
from django.db import DatabaseError
from django.urls import reverse

from wijkteam.accounts.roles import Role
from wijkteam.audit.log import AuditContext
from wijkteam.audit.models import AuditEntry
from wijkteam.cases import services as case_services
from wijkteam.cases.models import Case, CaseEvent, Intake
from wijkteam.people.models import Household, Resident

from ..cases.test_services import family
from ..people.test_resident_edit import _data
from ..portal.conftest import self_registration_data

CTX = AuditContext.system(name="failure-test")


@pytest.fixture
def committed(transactional_db, world):
    return world


def _counts():
    return (
        Household.objects.count(),
        Resident.objects.count(),
        Case.objects.count(),
        Intake.objects.count(),
        CaseEvent.objects.count(),
        AuditEntry.objects.count(),
    )


def _audit_breaks():
    return mock.patch.object(
        AuditEntry, "save", autospec=True, side_effect=DatabaseError("audit log unavailable")
    )


def test_a_change_whose_audit_record_fails_is_not_saved(committed, client_as):
    resident = committed.household.members.get()
    client = client_as(Role.CASE_WORKER)
    client.raise_request_exception = False
    with _audit_breaks():
        response = client.post(
            reverse("people:resident_edit", args=[resident.pk]),
            _data(resident, surname="Nooitopgeslagen"),
        )
    assert response.status_code == 500
    resident.refresh_from_db()
    assert resident.surname != "Nooitopgeslagen" and resident.version == 1


def test_a_registration_whose_audit_record_fails_leaves_nothing(committed):
    before = _counts()
    with _audit_breaks(), pytest.raises(DatabaseError):
        case_services.register_intake(CTX, family())
    assert _counts() == before


def test_an_error_in_the_last_step_of_a_registration_rolls_back_the_first(committed):
    """register_intake creates a household, residents, memberships, a case and an intake
    before the timeline event; when that last step fails, none of them remains."""
    before = _counts()
    with (
        mock.patch.object(CaseEvent.objects, "create", side_effect=DatabaseError("disk full")),
        pytest.raises(DatabaseError),
    ):
        case_services.register_intake(CTX, family())
    assert _counts() == before
    assert not Resident.objects.filter(surname="Demir").exists()


def test_the_public_form_fails_whole_too(committed, client):
    """The same through the resident's online form: a failure is a 500 and the database
    holds nothing of the half-made registration."""
    before = _counts()
    client.raise_request_exception = False
    with mock.patch.object(CaseEvent.objects, "create", side_effect=DatabaseError("boom")):
        response = client.post(reverse("portal:self_registration"), self_registration_data())
    assert response.status_code == 500
    assert _counts() == before
