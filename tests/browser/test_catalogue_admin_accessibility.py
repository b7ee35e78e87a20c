"""The administrator keeps the community offers in the admin: those pages pass axe too."""

import pytest
from django.urls import reverse

from wijkteam.accounts.roles import Role
from wijkteam.catalogue.models import CommunityOffer

from .test_accessibility import blocking_violations, sign_in

pytestmark = pytest.mark.browser


def test_community_offer_admin_pages_pass_axe(live_server, world, page):
    administrator = world.users[Role.ADMINISTRATOR]
    administrator.is_staff = True
    administrator.save()
    offer = CommunityOffer.objects.create(
        name="Maatjesproject",
        organisation="Humanitas",
        category="buddy",
        description="Een maatje voor een jongere.",
        target_group="jongeren van 12 tot 23 jaar",
    )
    problems: list[str] = []
    sign_in(page, live_server.url, administrator, problems)
    for url in (
        reverse("admin:catalogue_communityoffer_changelist"),
        reverse("admin:catalogue_communityoffer_add"),
        reverse("admin:catalogue_communityoffer_change", args=[offer.pk]),
    ):
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        problems += blocking_violations(page)
    assert not problems, "\n".join(problems)
