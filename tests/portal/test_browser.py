"""The public forms in chromium: empty sends, errors and the no-JavaScript "add a child",
checked by axe-core (the registry's browser test covers the pages as first shown)."""

import pytest

from tests.browser.test_accessibility import blocking_violations

from .conftest import VALID_BSN

pytestmark = pytest.mark.browser


def _checked(page) -> list[str]:
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").count() == 1
    return blocking_violations(page)


@pytest.mark.parametrize("path", ["/aanmelden/", "/verwijzen/"])
def test_an_empty_send_shows_accessible_errors(live_server, world, page, path):
    page.goto(live_server.url + path)
    problems = _checked(page)
    page.locator("button[value='send']").click()
    page.wait_for_load_state()
    summary = page.locator(".wt-error-summary")
    assert summary.count() == 1
    # The summary gets the focus and links to the fields with errors.
    assert page.evaluate("document.activeElement.classList.contains('wt-error-summary')")
    links = summary.locator("a")
    assert links.count() >= 3
    first = links.first.get_attribute("href")
    links.first.click()
    assert page.evaluate("'#' + document.activeElement.id") == first
    problems += _checked(page)
    assert not problems, "\n".join(problems)


def test_a_resident_adds_a_second_child_and_registers(live_server, world, page):
    page.goto(live_server.url + "/aanmelden/")
    page.locator("#id_submitter_0").check()
    page.locator("#id_given_names").fill("Ayşe")
    page.locator("#id_surname").fill("Demir")
    page.locator("#id_birth_date").fill("1985-03-04")
    page.locator("#id_bsn").fill(VALID_BSN)
    page.locator("#id_postcode").fill("8011 AB")
    page.locator("#id_house_number").fill("12")
    page.locator("#id_phone").fill("0612345678")
    page.locator("#id_children-0-given_names").fill("Emre")
    page.locator("#id_children-0-surname").fill("Demir")
    page.locator("#id_children-0-birth_date").fill("2013-09-01")
    page.locator("button[value='add_child']").click()
    page.wait_for_load_state()
    # The second child's block is there and focused; what was typed is kept; no errors.
    assert page.evaluate("document.activeElement.id") == "id_children-1-given_names"
    assert page.locator("#id_children-0-given_names").input_value() == "Emre"
    assert page.locator(".wt-error-summary").count() == 0
    problems = _checked(page)
    page.keyboard.type("Mila")
    page.locator("#id_children-1-surname").fill("Demir")
    page.locator("#id_children-1-birth_date").fill("2016-05-05")
    page.locator("#id_help_question").fill("Het gaat niet goed op school.")
    page.locator("#id_urgency_0").check()
    page.locator("#id_consent_contact").check()
    page.locator("button[value='send']").click()
    page.wait_for_load_state()
    assert page.url.endswith("/aanmelden/ontvangen/")
    assert "AM-" in page.locator("main").inner_text()
    problems += _checked(page)
    assert not problems, "\n".join(problems)
