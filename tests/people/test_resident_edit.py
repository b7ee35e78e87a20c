"""Correcting a resident's details: validated, unique BSN, version-checked, audited."""

from django.urls import reverse

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry

from ..factories import ResidentFactory


def _data(resident, **changes):
    data = {
        "version": resident.version,
        "given_names": resident.given_names,
        "surname_prefix": resident.surname_prefix,
        "surname": resident.surname,
        "birth_date": resident.birth_date.isoformat(),
        "bsn": resident.bsn or "",
        "bsn_missing_reason": resident.bsn_missing_reason,
        "postcode": "8011AB",
        "house_number": "5",
        "phone": "",
        "email": "",
    }
    data.update(changes)
    return data


def test_worker_corrects_a_name_and_it_is_audited(world, client_as):
    resident = world.household.members.get()
    url = reverse("people:resident_edit", args=[resident.pk])
    response = client_as(Role.CASE_WORKER).post(url, _data(resident, surname="Verbeterd"))
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.surname == "Verbeterd" and resident.version == 2
    entry = AuditEntry.objects.get(action="update", object_type="people.resident")
    assert "surname" in entry.detail["fields"] and "Verbeterd" not in str(entry.detail)


def test_a_bsn_of_someone_else_is_refused_at_the_field(world, client_as):
    resident = world.household.members.get()
    other = ResidentFactory(district=world.team.district)
    response = client_as(Role.CASE_WORKER).post(
        reverse("people:resident_edit", args=[resident.pk]), _data(resident, bsn=other.bsn)
    )
    assert response.status_code == 400
    assert "hoort al bij een andere inwoner" in response.content.decode()


def test_a_stale_form_is_a_conflict_and_keeps_the_input(world, client_as):
    resident = world.household.members.get()
    url = reverse("people:resident_edit", args=[resident.pk])
    client = client_as(Role.CASE_WORKER)
    stale = _data(resident, given_names="Tweede")
    assert client.post(url, _data(resident, given_names="Eerste")).status_code == 302
    response = client.post(url, stale)
    assert response.status_code == 409
    assert 'value="Tweede"' in response.content.decode()
    resident.refresh_from_db()
    assert resident.given_names == "Eerste"
