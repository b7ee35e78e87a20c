"""The search pages in the states the registry run does not reach (a break-the-glass
offer, its form with an error, the team lead's list with a grant), checked by axe-core."""

import pytest

from wijkteam.accounts.roles import Role

from ..browser.test_accessibility import blocking_violations, sign_in
from ..factories import CertificateFactory, UserFactory

pytestmark = pytest.mark.browser


def test_break_the_glass_pages_pass_axe(live_server, world, page):
    problems: list[str] = []
    other_member = world.other_household.members.get()
    sign_in(page, live_server.url, world.users[Role.CASE_WORKER], problems)

    page.goto(f"{live_server.url}/zoeken/")
    page.locator("#id_q").fill(other_member.bsn)
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    assert other_member.bsn not in page.url
    assert page.locator("h1").count() == 1
    problems += blocking_violations(page)

    page.locator("a[href*='/zoeken/inzage-aanvragen/']").click()
    page.wait_for_load_state()
    assert other_member.bsn not in page.url
    problems += blocking_violations(page)

    page.locator("#id_reason").fill("te kort")
    page.locator("form.utrecht-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_reason_error").count() == 1
    problems += blocking_violations(page)

    page.locator("#id_reason").fill("Moeder meldt zich bij ons team; ik moet de regie weten.")
    page.locator("form.utrecht-form button[type=submit]").click()
    page.wait_for_load_state()
    assert f"/gezinnen/{world.other_household.pk}/" in page.url
    problems += blocking_violations(page)

    lead = UserFactory(team=world.other_team, roles=[Role.TEAM_LEAD])
    CertificateFactory(user=lead)
    page.context.clear_cookies()
    sign_in(page, live_server.url, lead, problems)
    page.goto(f"{live_server.url}/team/inzage-buiten-team/")
    assert page.locator("tbody tr").count() == 1
    assert page.locator("h1").count() == 1
    problems += blocking_violations(page)
    assert not problems, "\n".join(problems)
