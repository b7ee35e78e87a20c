"""The Django admin pages the functional administrator uses, checked by axe-core too."""

import pytest
from django.urls import reverse

from wijkteam.accounts.api_tokens import issue_api_token
from wijkteam.accounts.roles import Role
from wijkteam.audit.log import AuditContext
from wijkteam.safety.models import RiskInstrument, RiskItem

from .test_accessibility import blocking_violations, sign_in

pytestmark = pytest.mark.browser


def test_staff_admin_pages_pass_axe(live_server, world, page):
    administrator = world.users[Role.ADMINISTRATOR]
    administrator.is_staff = True
    administrator.save()
    problems: list[str] = []
    sign_in(page, live_server.url, administrator, problems)
    worker = world.users[Role.CASE_WORKER]
    issue_api_token(AuditContext.system(name="test"), user=worker, description="Koppeling")
    for url in (
        reverse("admin:index"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[worker.pk]),
        reverse("admin:accounts_team_changelist"),
        reverse("admin:accounts_apitoken_changelist"),
        reverse("admin:assessment_lifedomain_changelist"),
        reverse("admin:safety_riskinstrument_change", args=[RiskInstrument.objects.get().pk]),
        reverse("admin:safety_riskitem_change", args=[RiskItem.objects.first().pk]),
    ):
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        problems += blocking_violations(page)
    assert not problems, "\n".join(problems)
