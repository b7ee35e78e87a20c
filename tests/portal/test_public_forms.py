"""The public forms: online self-registration and partner referral, without sign-in."""

import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry
from wijkteam.cases.models import Channel, Intake, ReferrerType, Urgency
from wijkteam.cases.queries import response_norms, waiting_list
from wijkteam.cases.rules import add_working_days
from wijkteam.people.models import Household, Resident
from wijkteam.portal.forms import CONSENT_RECEIVER, CONSENT_REFERRAL
from wijkteam.portal.ratelimit import allow_submission

from .conftest import OTHER_VALID_BSN, VALID_BSN, partner_data, self_registration_data

SELF = reverse("portal:self_registration")
SELF_DONE = reverse("portal:self_registration_done")
PARTNER = reverse("portal:partner_referral")
PARTNER_DONE = reverse("portal:partner_referral_done")


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def main_text(response) -> str:
    """The page's main content as text, tags removed (for comparing two pages)."""
    html = response.content.decode()
    main = html[html.index('<main id="main"') : html.index("</main>")]
    main = re.sub(r'<input type="hidden" name="csrfmiddlewaretoken"[^>]*>', "", main)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


# --- Self-registration ---------------------------------------------------------------


def test_the_form_is_open_without_sign_in(world, client):
    response = client.get(SELF)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'name="children-TOTAL_FORMS"' in html
    # Radio groups are fieldsets with a legend.
    assert html.count("<fieldset") >= 7 and html.count("<legend") == html.count("<fieldset")
    # The honeypot is hidden by class (CSP forbids inline styles) and from screen readers.
    assert 'class="wt-visually-hidden" aria-hidden="true"' in html
    assert 'style="' not in html


def test_online_registration_reaches_the_team_lead(world, client):
    response = client.post(SELF, self_registration_data())
    assert response.status_code == 302 and response["Location"] == SELF_DONE

    intake = Intake.objects.get()
    case = intake.case
    assert intake.channel == Channel.ONLINE and intake.referrer_type == ReferrerType.SELF
    assert intake.registered_by is None and intake.urgency == Urgency.REGULAR
    assert case.team == world.team
    assert {r.given_names for r in case.subjects.all()} == {"Emre"}
    assert Resident.objects.get(bsn=VALID_BSN).surname == "Demir"
    consents = list(intake.consents.order_by("pk"))
    assert len(consents) == 2
    assert {c.given_by for c in consents} == {"Ayşe Demir"}
    assert {c.given_on for c in consents} == {timezone.localdate()}
    assert {c.shared_with for c in consents} == {CONSENT_RECEIVER}
    assert case in [row.case for row in waiting_list(world.users[Role.TEAM_LEAD])]
    entry = AuditEntry.objects.get(object_type="cases.case", object_id=str(case.pk))
    assert entry.actor_id is None and entry.client_address == "127.0.0.1"

    done = in_english(client).get(SELF_DONE)
    assert done.status_code == 200
    text = main_text(done)
    assert intake.reference in text
    due = add_working_days(timezone.localdate(), response_norms().regular_working_days)
    with override("en"):
        assert f"at the latest on {date_format(due, 'l j F Y')}" in text
    assert "112" in text and "0800-2000" in text
    # Nothing personal in the URL or on the page.
    assert VALID_BSN not in text and "Demir" not in text


def test_done_page_without_a_registration_still_helps(world, client):
    response = in_english(client).get(SELF_DONE)
    assert response.status_code == 200
    assert "AM-" not in main_text(response)
    assert "112" in main_text(response)


def test_an_invalid_bsn_is_refused_at_the_field(world, client):
    residents = Resident.objects.count()
    response = client.post(SELF, self_registration_data(bsn="123456789"))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["bsn"]
    html = response.content.decode()
    assert 'id="id_bsn_error"' in html
    assert re.search(r'aria-describedby="[^"]*id_bsn_error[^"]*"[^>]*id="id_bsn"', html)
    assert 'href="#id_bsn"' in html  # the error summary links to the field
    assert not Intake.objects.exists() and Resident.objects.count() == residents


def test_without_a_bsn_the_registration_is_accepted(world, client):
    response = client.post(SELF, self_registration_data(bsn=""))
    assert response.status_code == 302
    parent = Resident.objects.get(surname="Demir", given_names="Ayşe")
    assert parent.bsn is None and parent.bsn_missing_reason


def test_a_postcode_outside_the_municipality_is_refused_at_the_field(world, client):
    response = in_english(client).post(SELF, self_registration_data(postcode="1011AB"))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["postcode"]
    assert "does not belong" in response.context["form"].errors["postcode"][0]
    assert not Intake.objects.exists() and not Resident.objects.filter(surname="Demir").exists()


def test_a_malformed_postcode_is_refused_at_the_field(world, client):
    response = client.post(SELF, self_registration_data(postcode="80 11"))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["postcode"]


def test_the_team_needs_a_phone_number_or_an_email_address(world, client):
    response = client.post(SELF, self_registration_data(phone="", email=""))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["phone"]
    assert client.post(SELF, self_registration_data(phone="", email="a@b.nl")).status_code == 302


def test_a_second_registration_links_to_the_known_household_and_says_nothing(world, client):
    first = client.post(SELF, self_registration_data())
    first_page = main_text(client.get(SELF_DONE))
    again = client.post(
        SELF,
        self_registration_data(
            children=(("Mila", "Demir", "2016-05-05"),),
            help_question="Nu gaat het ook met onze dochter niet goed.",
        ),
    )
    assert first.status_code == again.status_code == 302
    second_page = main_text(client.get(SELF_DONE))
    earlier, later = Intake.objects.order_by("submitted_at", "pk")
    assert later.linked_to_existing and later.case == earlier.case
    assert Household.objects.filter(members__bsn=VALID_BSN).count() == 1
    assert Household.objects.filter(members__surname="Demir").distinct().count() == 1
    # The confirmation reads the same whether or not the family was known.
    assert first_page.replace(earlier.reference, "") == second_page.replace(later.reference, "")


def test_a_young_person_may_register_without_children(world, client):
    data = self_registration_data(
        children=(), submitter="young_person", bsn=OTHER_VALID_BSN, birth_date="2009-01-01"
    )
    response = client.post(SELF, data)
    assert response.status_code == 302
    intake = Intake.objects.get()
    assert [r.bsn for r in intake.case.subjects.all()] == [OTHER_VALID_BSN]


def test_a_parent_names_at_least_one_child(world, client):
    response = client.post(SELF, self_registration_data(children=()))
    assert response.status_code == 400
    assert response.context["children"].non_form_errors()
    assert 'href="#id_children-0-given_names"' in response.content.decode()
    assert not Intake.objects.exists()


def test_a_half_filled_child_is_refused_at_its_field(world, client):
    data = self_registration_data(
        children=(("Emre", "Demir", "2013-09-01"), ("Mila", "", "2099-01-01"))
    )
    response = client.post(SELF, data)
    assert response.status_code == 400
    second = response.context["children"].forms[1]
    assert set(second.errors) == {"surname", "birth_date"}
    assert 'href="#id_children-1-birth_date"' in response.content.decode()


def test_add_another_child_keeps_the_input_without_errors(world, client):
    data = self_registration_data(action="add_child", email="ouder@example.nl")
    response = client.post(SELF, data)
    assert response.status_code == 200
    children = response.context["children"]
    assert children.total_form_count() == 2
    html = response.content.decode()
    assert 'value="ouder@example.nl"' in html and 'value="Emre"' in html
    assert "wt-error-summary" not in html
    assert 'name="children-1-given_names"' in html and "autofocus" in html
    assert not Intake.objects.exists()


def test_no_more_than_six_children(world, client):
    children = tuple((f"Kind{i}", "Demir", "2015-01-01") for i in range(7))
    response = client.post(SELF, self_registration_data(children=children))
    assert response.status_code == 400
    assert not Intake.objects.exists()
    full = client.post(
        SELF, self_registration_data(children=children[:6], action="add_child")
    ).context["children"]
    assert full.total_form_count() == 6 and not full.can_add


def test_a_crisis_gets_the_same_day_norm(world, client):
    client.post(SELF, self_registration_data(urgency="crisis"))
    done = in_english(client).get(SELF_DONE)
    due = add_working_days(timezone.localdate(), response_norms().crisis_working_days)
    with override("en"):
        assert f"at the latest on {date_format(due, 'l j F Y')}" in main_text(done)


def test_a_post_without_the_children_management_form_is_refused(world, client):
    data = {k: v for k, v in self_registration_data().items() if not k.startswith("children-")}
    response = client.post(SELF, data)
    assert response.status_code == 400
    assert response.context["children"].non_form_errors()
    assert not Intake.objects.exists()


def test_the_honeypot_drops_the_post_silently(world, client):
    response = client.post(SELF, self_registration_data(website="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == SELF_DONE
    assert not Intake.objects.exists()
    assert "AM-" not in main_text(client.get(SELF_DONE))


@override_settings(WIJKTEAM_PUBLIC_FORM_LIMIT_PER_HOUR=2)
def test_too_many_sends_get_a_429_with_the_input_kept(world, client):
    for number in range(2):
        data = self_registration_data(help_question=f"Vraag {number}")
        assert client.post(SELF, data).status_code == 302
    response = in_english(client).post(SELF, self_registration_data(help_question="Vraag 3"))
    assert response.status_code == 429
    assert Intake.objects.count() == 2
    html = response.content.decode()
    assert "Vraag 3" in html and 'value="Ayşe"' in html
    assert "Please call" in main_text(response)
    # Another address still may; the partner form counts on its own.
    other = client.post(SELF, self_registration_data(), REMOTE_ADDR="192.0.2.10")
    assert other.status_code == 302
    assert client.post(PARTNER, partner_data()).status_code == 302


@override_settings(WIJKTEAM_PUBLIC_FORM_LIMIT_PER_HOUR=1)
def test_invalid_sends_do_not_use_up_the_limit(world, client):
    assert client.post(SELF, self_registration_data(bsn="1")).status_code == 400
    assert client.post(SELF, self_registration_data()).status_code == 302
    assert client.post(SELF, self_registration_data()).status_code == 429


def test_the_rate_limit_counts_per_address_and_form():
    assert allow_submission("test", "192.0.2.1", limit=2)
    assert allow_submission("test", "192.0.2.1", limit=2)
    assert not allow_submission("test", "192.0.2.1", limit=2)
    assert allow_submission("test", "192.0.2.2", limit=2)
    assert allow_submission("other", "192.0.2.1", limit=2)


# --- Partner referral ----------------------------------------------------------------


def test_a_school_refers_a_family(world, client):
    response = client.post(PARTNER, partner_data())
    assert response.status_code == 302 and response["Location"] == PARTNER_DONE
    intake = Intake.objects.get()
    assert intake.channel == Channel.SCHOOL and intake.referrer_type == ReferrerType.SCHOOL
    assert intake.referrer_organisation == "Basisschool De Klimop"
    assert intake.referrer_name == "Meester Bram"
    assert intake.referrer_contact == "038 1234567 / bram@klimop.example"
    assert intake.contact_phone == "0687654321"
    assert "Sanne Jansen" in intake.help_question
    assert intake.case.team == world.team
    consent = intake.consents.get()
    assert consent.information == CONSENT_REFERRAL and consent.shared_with == "Sociaal Wijkteam"
    assert (
        consent.given_by == "ouders/verzorgers (bevestigd door Meester Bram, Basisschool De Klimop)"
    )
    assert consent.given_on == timezone.localdate()
    assert AuditEntry.objects.filter(object_type="cases.case", object_id=str(intake.case_id))

    done = in_english(client).get(PARTNER_DONE)
    assert done.status_code == 200 and intake.reference in main_text(done)
    assert "Jansen" not in main_text(done)


@pytest.mark.parametrize(
    ("role", "channel", "referrer_type"),
    [
        ("gp", Channel.GP, ReferrerType.GP),
        ("specialist", Channel.SPECIALIST, ReferrerType.SPECIALIST),
        ("other", Channel.OTHER, ReferrerType.OTHER_PROFESSIONAL),
    ],
)
def test_the_referrers_role_sets_channel_and_referrer(world, client, role, channel, referrer_type):
    assert client.post(PARTNER, partner_data(referrer_role=role)).status_code == 302
    intake = Intake.objects.get()
    assert (intake.channel, intake.referrer_type) == (channel, referrer_type)


def test_a_referral_without_consent_is_refused_at_the_checkbox(world, client):
    response = client.post(PARTNER, partner_data(consent_confirmed=None))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["consent_confirmed"]
    assert 'id="id_consent_confirmed_error"' in response.content.decode()
    assert not Intake.objects.exists()


def test_a_referral_needs_a_child_and_a_way_to_reach_the_referrer(world, client):
    data = partner_data(children=(), referrer_phone="", referrer_email="")
    response = client.post(PARTNER, data)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["referrer_phone"]
    assert response.context["children"].non_form_errors()


def test_a_referral_outside_the_municipality_is_refused_at_the_postcode(world, client):
    response = client.post(PARTNER, partner_data(postcode="1011 AB"))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["postcode"]
    assert not Intake.objects.exists()
