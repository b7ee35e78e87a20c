"""The public complaint form and survey in chromium, in their error and closed states,
and the survey link page with its QR code, checked by axe-core (the registry's browser
test covers every page as first shown)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.test_accessibility import blocking_violations, sign_in
from wijkteam.accounts.roles import Role
from wijkteam.cases.models import Case, CaseStatus
from wijkteam.partners.models import FixedContact, Partner
from wijkteam.quality.services import invite_to_survey

pytestmark = pytest.mark.browser


def _checked(page) -> list[str]:
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").count() == 1
    return blocking_violations(page)


def test_an_empty_complaint_shows_accessible_errors(live_server, world, page):
    page.goto(live_server.url + reverse("quality:complaint_form"))
    problems = _checked(page)
    page.locator("button[value='send']").click()
    page.wait_for_load_state()
    summary = page.locator(".wt-error-summary")
    assert summary.count() == 1
    assert page.evaluate("document.activeElement.classList.contains('wt-error-summary')")
    first = summary.locator("a").first.get_attribute("href")
    summary.locator("a").first.click()
    assert page.evaluate("'#' + document.activeElement.id") == first
    problems += _checked(page)
    assert not problems, "\n".join(problems)


def test_the_survey_error_thanks_and_used_states(live_server, world, page):
    Case.objects.filter(pk=world.case.pk).update(status=CaseStatus.IN_PROGRESS)
    world.case.refresh_from_db()
    token = invite_to_survey(world.case, "evaluation", None).token
    url = live_server.url + reverse("quality:survey", args=[token])
    page.goto(url)
    problems = _checked(page)
    page.locator("button[value='send']").click()
    page.wait_for_load_state()
    assert page.locator(".wt-error-summary").count() == 1
    problems += _checked(page)
    page.locator("#id_score_7").check()  # the mark 8
    page.locator("#id_went_well").fill("Goed geluisterd.")
    page.locator("button[value='send']").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("quality:survey_thanks"))
    problems += _checked(page)
    response = page.goto(url)
    assert response.status == 410
    problems += _checked(page)
    response = page.goto(live_server.url + reverse("quality:survey", args=["onbekend"]))
    assert response.status == 404
    problems += _checked(page)
    assert not problems, "\n".join(problems)


def test_the_survey_link_page_with_its_qr_code(live_server, world, page):
    Case.objects.filter(pk=world.case.pk).update(status=CaseStatus.CLOSING)
    problems: list[str] = []
    sign_in(page, live_server.url, world.users[Role.CASE_WORKER], problems)
    page.goto(live_server.url + reverse("quality:case_survey", args=[world.case.pk]))
    page.locator("#id_occasion_1").check()  # closure
    page.get_by_role("button", name="Uitnodiging maken").click()
    page.wait_for_load_state()
    assert page.locator("img[alt^='QR-code']").count() == 1
    problems += _checked(page)
    assert not problems, "\n".join(problems)


def test_partner_admin_pages_pass_axe(live_server, world, page):
    administrator = world.users[Role.ADMINISTRATOR]
    administrator.is_staff = True
    administrator.save()
    partner = Partner.objects.create(kind="school", name="De Klimop", district=world.team.district)
    FixedContact.objects.create(
        partner=partner,
        staff=world.users[Role.CASE_WORKER],
        starts_on=timezone.localdate(),
        assigned_by=world.users[Role.TEAM_LEAD],
        assigned_at=timezone.now(),
    )
    problems: list[str] = []
    sign_in(page, live_server.url, administrator, problems)
    for url in (
        reverse("admin:partners_partner_changelist"),
        reverse("admin:partners_partner_add"),
        reverse("admin:partners_partner_change", args=[partner.pk]),
    ):
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        problems += blocking_violations(page)
    assert not problems, "\n".join(problems)
