"""The paging controls of long lists (links, and buttons on the search page) pass axe and
work by keyboard."""

import pytest

from wijkteam.accounts.roles import Role

from ..factories import HouseholdFactory, MembershipFactory
from .test_accessibility import blocking_violations, sign_in

pytestmark = pytest.mark.browser


def test_paged_lists_pass_axe_and_page_by_keyboard(live_server, world, page):
    for n in range(30):
        household = HouseholdFactory(district=world.team.district, name=f"Familie Blader {n:02d}")
        MembershipFactory(household=household)
    problems: list[str] = []
    sign_in(page, live_server.url, world.users[Role.CASE_WORKER], problems)

    page.goto(f"{live_server.url}/gezinnen/?q=Blader")
    problems += blocking_violations(page)
    page.get_by_role("link", name="Volgende pagina").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Familie Blader 29").is_visible()
    problems += blocking_violations(page)

    page.goto(f"{live_server.url}/zoeken/")
    page.locator("input[name=q]").fill("Familie Blader")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    problems += blocking_violations(page)
    page.get_by_role("button", name="Volgende pagina").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Familie Blader 29").is_visible()
    assert "Blader" not in page.url
    problems += blocking_violations(page)
    assert not problems, "\n".join(problems)
