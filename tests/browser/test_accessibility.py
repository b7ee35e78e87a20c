"""Every page in the registry, as every role allowed on it, checked by axe-core.

Signs in through the real form with a real TOTP code, so the sign-in pages are checked
too. Fails on any serious or critical violation.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkteam.accounts.roles import Role

from ..registry import ENDPOINTS

pytestmark = pytest.mark.browser
PASSWORD = "Een-lang-wachtwoord-42"
BLOCKING_IMPACTS = {"serious", "critical"}
AXE = Axe()


def blocking_violations(page) -> list[str]:
    results = AXE.run(page)
    problems = []
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING_IMPACTS:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{page.url}: {violation['id']} ({violation['impact']}) {targets}")
    return problems


def current_token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def sign_in(page, base_url: str, user, problems: list[str]) -> None:
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", confirmed=True)
    page.goto(f"{base_url}/account/login/")
    problems += blocking_violations(page)
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_load_state()
    problems += blocking_violations(page)  # the token step
    page.locator("input[name='token-otp_token']").fill(current_token(device))
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_load_state()
    assert "/account/login/" not in page.url, f"sign-in failed for {user.username}"


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_every_page_of_every_role_passes_axe(live_server, world, page, role):
    problems: list[str] = []
    sign_in(page, live_server.url, world.users[role], problems)
    # The landing page the role arrives on.
    problems += blocking_violations(page)
    for endpoint in ENDPOINTS:
        if endpoint.is_page and role in endpoint.allowed:
            response = page.goto(live_server.url + endpoint.url(world))
            assert response.status == 200, f"{endpoint.route} gave {response.status}"
            assert page.locator("html").get_attribute("lang") == "nl"
            assert page.locator("h1").count() == 1, f"{endpoint.route} needs exactly one h1"
            problems += blocking_violations(page)
    assert not problems, "\n".join(problems)


def test_public_pages_pass_axe_anonymously(live_server, world, page):
    problems: list[str] = []
    for endpoint in ENDPOINTS:
        if endpoint.public and endpoint.is_page:
            response = page.goto(live_server.url + endpoint.url(world))
            assert response.status == endpoint.ok_status, endpoint.route
            assert page.locator("html").get_attribute("lang") == "nl"
            assert page.locator("h1").count() == 1, f"{endpoint.route} needs exactly one h1"
            problems += blocking_violations(page)
    assert not problems, "\n".join(problems)


def test_error_and_set_up_pages_pass_axe(live_server, world, page):
    problems: list[str] = []
    user = world.users[Role.ANALYST]
    # Two-factor set-up, as a user without a device.
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/account/two_factor/setup/")
    problems += blocking_violations(page)
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_load_state()
    problems += blocking_violations(page)
    assert not problems, "\n".join(problems)


def test_forbidden_and_not_found_pages_pass_axe(live_server, world, page):
    problems: list[str] = []
    sign_in(page, live_server.url, world.users[Role.ANALYST], problems)
    response = page.goto(f"{live_server.url}/gezinnen/")
    assert response.status == 403
    problems += blocking_violations(page)
    response = page.goto(f"{live_server.url}/bestaat-niet/")
    assert response.status == 404
    problems += blocking_violations(page)
    assert not problems, "\n".join(problems)


def test_skip_link_is_first_and_moves_focus_to_main(live_server, world, page):
    sign_in(page, live_server.url, world.users[Role.CASE_WORKER], [])
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Direct naar de inhoud" or "inhoud" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switch_to_english(live_server, world, page):
    sign_in(page, live_server.url, world.users[Role.CASE_WORKER], [])
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wissel").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "My work"
