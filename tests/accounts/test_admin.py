"""The staff admin: audited, and concurrent edits never silently overwrite each other."""

from django.urls import reverse

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry

from ..conftest import sign_in


def _form_data(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "team": user.team_id or "",
        "groups": [g.pk for g in user.groups.all()],
        "works_with_youth": "on",
        "is_active": "on",
        "expected_version": user.version,
        "certificates-TOTAL_FORMS": "0",
        "certificates-INITIAL_FORMS": "0",
        "certificates-MIN_NUM_FORMS": "0",
        "certificates-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def _administrator(world):
    admin = world.users[Role.ADMINISTRATOR]
    admin.is_staff = True
    admin.save()
    return admin


def test_opening_and_saving_a_staff_member_is_audited(world, client):
    sign_in(client, _administrator(world))
    worker = world.users[Role.CASE_WORKER]
    url = reverse("admin:accounts_user_change", args=[worker.pk])
    assert client.get(url).status_code == 200
    assert AuditEntry.objects.filter(
        action="view", object_type="accounts.user", object_id=str(worker.pk)
    ).exists()
    response = client.post(url, _form_data(worker, last_name="Nieuw"))
    assert response.status_code == 302, response.content.decode()[:2000]
    change = AuditEntry.objects.get(action="update", object_id=str(worker.pk))
    assert change.detail == {"fields": ["last_name"]}


def test_second_of_two_concurrent_edits_gets_a_conflict_with_input_kept(world, client):
    sign_in(client, _administrator(world))
    worker = world.users[Role.CASE_WORKER]
    url = reverse("admin:accounts_user_change", args=[worker.pk])
    first = _form_data(worker, last_name="Eerste")
    second = _form_data(worker, last_name="Tweede")  # opened at the same version
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 200
    content = response.content.decode()
    assert "intussen gewijzigd" in content or "after you opened it" in content
    assert 'value="Tweede"' in content
    worker.refresh_from_db()
    assert worker.last_name == "Eerste" and worker.version == 2
