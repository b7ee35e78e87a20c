"""The functional administrator configures the instruments in the admin, audited."""

from django.urls import reverse

from wijkteam.accounts.roles import Role
from wijkteam.assessment.models import LifeDomain, LifeDomainLevel
from wijkteam.audit.models import AuditEntry
from wijkteam.safety.models import RiskInstrument

from ..conftest import sign_in


def test_default_instruments_are_seeded(db):
    assert LifeDomain.objects.filter(applies_to="children").count() == 3
    assert LifeDomain.objects.count() == 16
    assert list(LifeDomainLevel.objects.values_list("value", flat=True)) == [1, 2, 3, 4, 5]
    assert set(
        LifeDomain.objects.filter(existential_security=True).values_list("code", flat=True)
    ) == {
        "financien",
        "huisvesting",
    }
    instrument = RiskInstrument.objects.get()
    assert instrument.items.count() == 11 and instrument.bands.count() == 4


def test_administrator_adjusts_a_life_domain_in_the_admin(world, client):
    administrator = world.users[Role.ADMINISTRATOR]
    administrator.is_staff = True
    administrator.save()
    client = sign_in(client, administrator)
    domain = LifeDomain.objects.get(code="school")
    url = reverse("admin:assessment_lifedomain_change", args=[domain.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "code": "school",
            "name": "School en leerplicht",
            "description": "",
            "applies_to": "children",
            "order": 160,
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert LifeDomain.objects.get(pk=domain.pk).name == "School en leerplicht"
    assert AuditEntry.objects.filter(
        object_type="assessment.lifedomain", object_id=str(domain.pk), action="update"
    ).exists()
    assert client.get(reverse("admin:safety_riskinstrument_changelist")).status_code == 200


def test_a_case_worker_cannot_configure(world, client_as):
    worker = world.users[Role.CASE_WORKER]
    worker.is_staff = True
    worker.save()
    response = client_as(Role.CASE_WORKER).get(reverse("admin:assessment_lifedomain_changelist"))
    assert response.status_code == 403
