"""Complaints: the public form and its acknowledgement, and the complaints officer's
pages — lifecycle, extension, link to a case, who sees what, Mijn werk."""

from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry
from wijkteam.cases.models import Case
from wijkteam.quality.models import Complaint, ComplaintEvent
from wijkteam.quality.rules import decision_due

from ..core.test_list_query_counts import _counts_stay
from .conftest import complaint_data, make_complaint

FORM = reverse("quality:complaint_form")
RECEIVED = reverse("quality:complaint_received")


def test_a_resident_complains_online_without_sign_in(world, client):
    response = client.post(FORM, complaint_data(reference_given="WT-2026-900001"))
    assert response.status_code == 302 and response["Location"] == RECEIVED
    complaint = Complaint.objects.get()
    assert complaint.reference.startswith("KL-") and complaint.status == "received"
    assert complaint.channel == "online" and complaint.filed_by is None
    assert complaint.due_on == decision_due(timezone.localdate())
    # The typed reference is kept as text; the complaint is not linked by itself.
    assert complaint.case is None and complaint.reference_given == "WT-2026-900001"
    assert AuditEntry.objects.filter(
        object_type="quality.complaint", object_id=str(complaint.pk), action="create"
    ).exists()
    page = client.get(RECEIVED).content.decode()
    assert complaint.reference in page and "binnen zes weken" in page
    # The resident is told where else to go: providers' committees and the ombudsman.
    assert "onafhankelijke klachtencommissie" in page and "Nationale ombudsman" in page
    assert "AKJ" in page


def test_the_answer_never_reveals_whether_a_case_exists(world, client):
    known = client.post(FORM, complaint_data(reference_given=world.case.reference))
    unknown = client.post(FORM, complaint_data(reference_given="WT-2026-999999"))
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert world.case.reference not in client.get(RECEIVED).content.decode()


def test_errors_are_dutch_at_the_field_and_the_input_is_kept(world, client):
    response = client.post(
        FORM,
        complaint_data(description="", phone="", postcode="1234", complainant_name="Petra"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Uw formulier is nog niet verstuurd" in html
    assert 'href="#id_description"' in html and 'href="#id_postcode"' in html
    assert "Vul een telefoonnummer of e-mailadres in" in html
    assert 'value="Petra"' in html
    assert not Complaint.objects.exists()


def test_a_bot_and_a_flood_are_stopped(world, client):
    response = client.post(FORM, complaint_data(website="http://spam.example"))
    assert response.status_code == 302 and not Complaint.objects.exists()
    with override_settings(WIJKTEAM_PUBLIC_FORM_LIMIT_PER_HOUR=1):
        assert client.post(FORM, complaint_data()).status_code == 302
        response = client.post(FORM, complaint_data(complainant_name="Tweede"))
    assert response.status_code == 429
    assert 'value="Tweede"' in response.content.decode()
    assert Complaint.objects.count() == 1


def test_the_officer_records_a_complaint_by_letter(world, client_as):
    client = client_as(Role.COMPLAINTS_OFFICER)
    received = timezone.localdate() - timedelta(days=3)
    data = complaint_data(channel="letter", received_on=received.isoformat(), phone="")
    response = client.post(reverse("quality:complaint_new"), data)
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.channel == "letter" and complaint.received_on == received
    assert complaint.filed_by == world.users[Role.COMPLAINTS_OFFICER]
    assert complaint.due_on == decision_due(received)
    # Received in the future: refused at the field.
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(reverse("quality:complaint_new"), {**data, "received_on": future})
    assert response.status_code == 400 and "toekomst" in response.content.decode()


def _move(client, complaint, target, **extra):
    complaint.refresh_from_db()
    return client.post(
        reverse("quality:complaint_status", args=[complaint.pk]),
        {"version": complaint.version, "target": target, "note": "", "outcome": "", **extra},
    )


def test_the_lifecycle_on_the_pages(world, client_as):
    complaint = make_complaint()
    client = client_as(Role.COMPLAINTS_OFFICER)
    assert _move(client, complaint, "acknowledged").status_code == 302
    complaint.refresh_from_db()
    assert complaint.acknowledged_on == timezone.localdate()
    assert complaint.handler == world.users[Role.COMPLAINTS_OFFICER]
    assert _move(client, complaint, "in_handling").status_code == 302
    # A decision needs an outcome and a conclusion, shown at their fields.
    response = _move(client, complaint, "decided")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies de uitkomst." in html and 'href="#id_note"' in html
    response = _move(
        client, complaint, "decided", outcome="partly_well_founded", note="Excuses gemaakt."
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "decided" and complaint.closed_on == timezone.localdate()
    assert complaint.conclusion == "Excuses gemaakt."
    kinds = list(complaint.events.order_by("id").values_list("to_status", flat=True))
    assert kinds == ["received", "acknowledged", "in_handling", "decided"]
    detail = client.get(reverse("quality:complaint_detail", args=[complaint.pk])).content.decode()
    assert "Besloten: deels gegrond" in detail and "binnen de termijn afgehandeld" in detail
    # Nothing follows a decision.
    assert _move(client, complaint, "in_handling").status_code == 400


def test_a_concurrent_step_is_a_conflict_with_the_input_kept(world, client_as):
    complaint = make_complaint()
    client = client_as(Role.COMPLAINTS_OFFICER)
    stale = complaint.version
    assert _move(client, complaint, "acknowledged").status_code == 302
    response = client.post(
        reverse("quality:complaint_status", args=[complaint.pk]),
        {"version": stale, "target": "withdrawn", "note": "Telefonisch ingetrokken."},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft" in html and "Telefonisch ingetrokken." in html


def test_extension_once_with_the_complainant_told(world, client_as):
    received = timezone.localdate() - timedelta(days=30)
    complaint = make_complaint(received_on=received)
    client = client_as(Role.COMPLAINTS_OFFICER)
    url = reverse("quality:complaint_extend", args=[complaint.pk])
    data = {"version": 1, "weeks": "3", "reason": "Wacht op de aanbieder.", "informed_on": ""}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Laat het de klager eerst schriftelijk weten" in response.content.decode()
    data["informed_on"] = timezone.localdate().isoformat()
    assert client.post(url, data).status_code == 302
    complaint.refresh_from_db()
    assert complaint.extension_weeks == 3
    assert complaint.due_on == decision_due(received, 3)
    assert ComplaintEvent.objects.filter(complaint=complaint, kind="extended").exists()
    data["version"] = complaint.version
    response = client.post(url, data)
    assert response.status_code == 400 and "maar één keer" in response.content.decode()


def test_linking_to_a_case_lets_that_teams_lead_read_it(world, client_as):
    complaint = make_complaint()
    officer = client_as(Role.COMPLAINTS_OFFICER)
    detail = reverse("quality:complaint_detail", args=[complaint.pk])
    url = reverse("quality:complaint_link_case", args=[complaint.pk])
    response = officer.post(url, {"version": 1, "case_reference": "WT-2026-000000"})
    assert response.status_code == 400 and "Geen casus" in response.content.decode()
    assert officer.post(url, {"version": 1, "case_reference": "wt-2026-900002"}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.case == world.other_case
    # The lead of team A does not see a complaint about team B's case; the officer does.
    lead = client_as(Role.TEAM_LEAD)
    assert lead.get(detail).status_code == 404
    assert complaint.reference not in lead.get(reverse("quality:complaint_list")).content.decode()
    officer = client_as(Role.COMPLAINTS_OFFICER)
    assert officer.get(detail).status_code == 200
    officer.post(url, {"version": 2, "case_reference": world.case.reference})
    lead = client_as(Role.TEAM_LEAD)
    page = lead.get(detail)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Niet teruggebeld." in html
    # A team lead reads but does not handle.
    assert reverse("quality:complaint_status", args=[complaint.pk]) not in html
    assert lead.get(reverse("quality:complaint_status", args=[complaint.pk])).status_code == 403


def test_every_read_is_audited(world, client_as):
    complaint = make_complaint(case=world.case)
    client = client_as(Role.TEAM_LEAD)
    client.get(reverse("quality:complaint_detail", args=[complaint.pk]))
    client.get(reverse("quality:complaint_list"))
    reads = AuditEntry.objects.filter(
        object_type="quality.complaint", object_id=str(complaint.pk), action="view"
    )
    assert reads.count() == 2
    assert set(reads.values_list("actor_username", flat=True)) == {"team_lead"}


def test_old_conduct_is_flagged_for_the_officer(world, client_as):
    received = timezone.localdate()
    complaint = make_complaint(incident_on=received - timedelta(days=400))
    html = (
        client_as(Role.COMPLAINTS_OFFICER)
        .get(reverse("quality:complaint_detail", args=[complaint.pk]))
        .content.decode()
    )
    assert "Awb 9:8" in html


def _complaints(count, start_days_ago):
    today = timezone.localdate()
    return [
        make_complaint(received_on=today - timedelta(days=start_days_ago + n), description=f"K{n}")
        for n in range(count)
    ]


def test_my_work_shows_the_most_urgent_complaints_with_constant_queries(
    world, client_as, django_assert_max_num_queries
):
    _complaints(2, 45)  # overdue: received 45 and 46 days ago
    client = client_as(Role.COMPLAINTS_OFFICER)
    url = reverse("core:my_work")
    html = _counts_stay(client, url, lambda: _complaints(30, 0), django_assert_max_num_queries)
    section = html.split('id="complaint-work"')[1].split("</section>")[0]
    assert section.count("KL-") == 25
    assert "te laat" in section.split("KL-")[1]  # the overdue ones come first
    assert "Nog 7 open klachten hebben een latere termijn." in section
    assert "2 open klachten zijn te laat of bijna te laat" in section
    # Other roles see no complaints section.
    other = client_as(Role.CASE_WORKER).get(url).content.decode()
    assert 'id="complaint-work"' not in other


def test_complaint_list_pages_by_keyset_with_constant_queries(
    world, client_as, django_assert_max_num_queries
):
    _complaints(2, 0)
    client = client_as(Role.COMPLAINTS_OFFICER)
    url = reverse("quality:complaint_list")
    html = _counts_stay(client, url, lambda: _complaints(40, 2), django_assert_max_num_queries)
    assert html.count("KL-") == 25 and 'rel="next"' in html
    next_url = html.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    second = client.get(url + next_url).content.decode()
    assert second.count("KL-") == 17
    closed = client.get(url, {"status": "closed"}).content.decode()
    assert "KL-" not in closed


def test_case_link_shows_for_those_who_may_see_the_case(world, client_as):
    complaint = make_complaint(case=world.case)
    html = (
        client_as(Role.COMPLAINTS_OFFICER)
        .get(reverse("quality:complaint_detail", args=[complaint.pk]))
        .content.decode()
    )
    # The world puts the complaints officer in team A, so team A's case is visible.
    assert reverse("cases:case_detail", args=[world.case.pk]) in html
    Case.objects.filter(pk=world.case.pk).update(team=world.other_team)
    html = (
        client_as(Role.COMPLAINTS_OFFICER)
        .get(reverse("quality:complaint_detail", args=[complaint.pk]))
        .content.decode()
    )
    assert world.case.reference in html
    assert reverse("cases:case_detail", args=[world.case.pk]) not in html
