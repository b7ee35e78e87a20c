"""Partner pages: the list with coverage, one partner, and assigning a fixed contact."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry
from wijkteam.partners.models import FixedContact, Partner, PartnerKind

from ..conftest import sign_in
from ..core.test_list_query_counts import _counts_stay
from ..factories import UserFactory


def _partners(district, kind, count, start=0):
    return Partner.objects.bulk_create(
        Partner(kind=kind, name=f"{kind} {start + n:03d}", district=district) for n in range(count)
    )


def _contact(partner, staff, days_ago=30):
    return FixedContact.objects.create(
        partner=partner,
        staff=staff,
        starts_on=timezone.localdate() - timedelta(days=days_ago),
        assigned_by=staff,
        assigned_at=timezone.now(),
    )


def test_coverage_in_words_per_district_and_in_total(world, client_as):
    worker = world.users[Role.CASE_WORKER]
    schools = _partners(world.team.district, PartnerKind.SCHOOL, 2)
    gps = _partners(world.team.district, PartnerKind.GP_PRACTICE, 10)
    for partner in [*schools, *gps[:8]]:
        _contact(partner, worker)
    # An ended contact and an inactive practice do not count.
    ended = _contact(gps[8], worker, days_ago=90)
    ended.ends_on = timezone.localdate() - timedelta(days=1)
    ended.save()
    Partner.objects.filter(pk=gps[9].pk).update(active=False)
    html = client_as(Role.CASE_WORKER).get(reverse("partners:partner_list")).content.decode()
    noord = html.split(">Noord<")[1].split("</tr>")[0]
    assert "2 van 2 (100%)" in noord and "8 van 9 (88%)" in noord
    assert "doel gehaald" in noord and "doel niet gehaald" in noord
    assert "(1 meer nodig)" in noord
    # Zuid has no partners: nothing to cover, said in words.
    assert "geen partners vastgelegd" in html.split(">Zuid<")[1].split("</tr>")[0]


def test_partner_list_pages_by_keyset_with_constant_queries(
    world, client_as, django_assert_max_num_queries
):
    _partners(world.team.district, PartnerKind.SCHOOL, 3)
    client = client_as(Role.TEAM_LEAD)
    url = reverse("partners:partner_list")

    def grow():
        for partner in _partners(world.other_team.district, PartnerKind.SCHOOL, 40, start=100):
            _contact(partner, world.users[Role.CASE_WORKER])

    html = _counts_stay(client, url, grow, django_assert_max_num_queries)
    assert html.count("partners/") - html.count('href="/partners/"') >= 25
    assert 'rel="next"' in html
    # Filtered: only partners without a contact.
    filtered = client.get(url, {"without_contact": "on"}).content.decode()
    assert "school 100" not in filtered and "school 000" in filtered


def test_team_lead_assigns_a_fixed_contact_and_it_is_audited(world, client_as):
    partner = _partners(world.team.district, PartnerKind.SCHOOL, 1)[0]
    worker = world.users[Role.CASE_WORKER]
    client = client_as(Role.TEAM_LEAD)
    url = reverse("partners:assign_contact", args=[partner.pk])
    page = client.get(url).content.decode()
    assert str(worker) in page
    response = client.post(
        url,
        {"version": 1, "staff": str(worker.pk), "starts_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    contact = FixedContact.objects.get(partner=partner)
    assert contact.staff == worker and contact.ends_on is None
    assert AuditEntry.objects.filter(
        object_type="partners.fixedcontact", object_id=str(contact.pk), action="create"
    ).exists()
    detail = client.get(reverse("partners:partner_detail", args=[partner.pk])).content.decode()
    assert f"{worker}, sinds" in detail
    # A successor ends the current contact the day before.
    colleague = world.users[Role.SAFETY_OFFICER]
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        url, {"version": 2, "staff": str(colleague.pk), "starts_on": tomorrow.isoformat()}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.ends_on == timezone.localdate()


def test_refusals_keep_the_input_and_a_stale_form_is_a_conflict(world, client_as):
    partner = _partners(world.team.district, PartnerKind.GP_PRACTICE, 1)[0]
    no_vog = UserFactory(team=world.team, roles=[Role.CASE_WORKER])
    client = client_as(Role.TEAM_LEAD)
    url = reverse("partners:assign_contact", args=[partner.pk])
    # A colleague without a VOG cannot be chosen (not offered, and refused if sent).
    page = client.get(url).content.decode()
    assert f'value="{no_vog.pk}" disabled' in page.replace(" checked", "")
    response = client.post(url, {"version": 1, "staff": str(no_vog.pk), "starts_on": "2026-01-05"})
    assert response.status_code == 400
    assert "Er is geen verklaring omtrent het gedrag (VOG)" in response.content.decode()
    assert not FixedContact.objects.exists()
    worker = world.users[Role.CASE_WORKER]
    Partner.objects.filter(pk=partner.pk).update(version=2)  # someone saved meanwhile
    response = client.post(url, {"version": 1, "staff": str(worker.pk), "starts_on": "2026-01-05"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft" in html and 'value="2026-01-05"' in html
    assert not FixedContact.objects.exists()


def test_another_districts_partner_is_not_assignable(world, client_as):
    partner = _partners(world.other_team.district, PartnerKind.SCHOOL, 1)[0]
    client = client_as(Role.TEAM_LEAD)
    assert client.get(reverse("partners:assign_contact", args=[partner.pk])).status_code == 404
    # But it is visible, without the action.
    detail = client.get(reverse("partners:partner_detail", args=[partner.pk])).content.decode()
    assert reverse("partners:assign_contact", args=[partner.pk]) not in detail


def test_administrator_records_a_partner_in_the_admin_with_a_checked_code(world, client):
    administrator = world.users[Role.ADMINISTRATOR]
    administrator.is_staff = True
    administrator.save()
    client = sign_in(client, administrator)
    url = reverse("admin:partners_partner_add")
    data = {
        "kind": "school",
        "name": "Basisschool De Klimop",
        "code": "12-ab",
        "district": world.team.district.pk,
        "address": "Schoolstraat 1",
        "postcode": "8011 AB",
        "active": "on",
        "fixed_contacts-TOTAL_FORMS": "0",
        "fixed_contacts-INITIAL_FORMS": "0",
    }
    response = client.post(url, {**data, "code": "ABCD"})
    assert response.status_code == 200
    assert "BRIN-code" in response.content.decode()
    response = client.post(url, data)
    assert response.status_code == 302
    partner = Partner.objects.get(name="Basisschool De Klimop")
    assert partner.code == "12AB"
    assert AuditEntry.objects.filter(object_type="partners.partner", action="create").exists()
