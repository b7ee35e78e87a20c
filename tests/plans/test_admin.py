"""The functional administrator keeps the community offers in the admin, audited."""

from django.urls import reverse

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry
from wijkteam.catalogue.models import CommunityOffer

from ..conftest import sign_in


def test_administrator_adds_a_community_offer(world, client):
    administrator = world.users[Role.ADMINISTRATOR]
    administrator.is_staff = True
    administrator.save()
    client = sign_in(client, administrator)
    response = client.post(
        reverse("admin:catalogue_communityoffer_add"),
        {
            "name": "Huiswerkklas",
            "organisation": "Buurthuis",
            "category": "school",
            "description": "Huiswerkbegeleiding na school.",
            "active": "on",
            "target_group": "kinderen van 9 tot 14",
            "min_age": "9",
            "max_age": "14",
            "districts": [world.team.district.pk],
            "waiting_weeks": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    offer = CommunityOffer.objects.get(name="Huiswerkklas")
    assert list(offer.districts.all()) == [world.team.district]
    assert AuditEntry.objects.filter(
        object_type="catalogue.communityoffer", action="create", purpose="administration"
    ).exists()
    refused = client.post(
        reverse("admin:catalogue_communityoffer_change", args=[offer.pk]),
        {
            "name": "Huiswerkklas",
            "organisation": "Buurthuis",
            "category": "school",
            "description": "Huiswerkbegeleiding na school.",
            "target_group": "kinderen",
            "min_age": "14",
            "max_age": "9",
            "waiting_weeks": "2",
        },
    )
    assert refused.status_code == 200 and "kan niet hoger zijn" in refused.content.decode()


def test_a_case_worker_may_not_change_the_catalogue(world, client_as):
    client = client_as(Role.CASE_WORKER)
    assert client.get(reverse("admin:catalogue_communityoffer_add")).status_code in (302, 403)
