from datetime import date, timedelta

import pytest
from django.urls import reverse

from wijkteam.accounts.roles import Role
from wijkteam.accounts.services import ensure_may_receive_youth_case
from wijkteam.audit.models import AuditEntry
from wijkteam.core.errors import RuleViolation

from ..conftest import sign_in
from ..factories import CertificateFactory, UserFactory


def test_assignment_guard_refuses_worker_without_current_vog(world):
    worker = UserFactory(team=world.team, roles=[Role.CASE_WORKER])
    with pytest.raises(RuleViolation) as refused:
        ensure_may_receive_youth_case(worker, date.today())
    assert refused.value.verdict.codes == ("vog_missing",)
    CertificateFactory(user=worker, issued_on=date.today() - timedelta(days=10))
    ensure_may_receive_youth_case(worker, date.today())


def test_team_page_flags_missing_vog(world, client):
    UserFactory(team=world.team, roles=[Role.CASE_WORKER], last_name="Zonder Vog")
    response = sign_in(client, world.users[Role.TEAM_LEAD]).get(reverse("accounts:team"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Zonder Vog" in content
    assert "wt-status--error" in content


def test_recording_a_certificate_is_validated_and_audited(world, client):
    worker = UserFactory(team=world.team, roles=[Role.CASE_WORKER])
    lead = world.users[Role.TEAM_LEAD]
    sign_in(client, lead)
    url = reverse("accounts:staff_detail", args=[worker.pk])
    future = (date.today() + timedelta(days=5)).isoformat()
    response = client.post(url, {"issued_on": future, "checked_on": date.today().isoformat()})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not worker.certificates.exists()

    issued = (date.today() - timedelta(days=3)).isoformat()
    response = client.post(url, {"issued_on": issued, "checked_on": date.today().isoformat()})
    assert response.status_code == 302
    certificate = worker.certificates.get()
    assert certificate.checked_by == lead
    entry = AuditEntry.objects.get(object_type="accounts.certificateofconduct")
    assert entry.action == "create" and entry.actor_id == lead.pk


def test_team_lead_cannot_see_staff_of_another_team(world, client):
    stranger = UserFactory(team=world.other_team, roles=[Role.CASE_WORKER])
    sign_in(client, world.users[Role.TEAM_LEAD])
    response = client.get(reverse("accounts:staff_detail", args=[stranger.pk]))
    assert response.status_code == 404


def test_staff_list_runs_a_constant_number_of_queries(world, client, django_assert_max_num_queries):
    sign_in(client, world.users[Role.ADMINISTRATOR])
    url = reverse("accounts:staff_list")
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(15):
        CertificateFactory(user=UserFactory(team=world.team, roles=[Role.CASE_WORKER]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
