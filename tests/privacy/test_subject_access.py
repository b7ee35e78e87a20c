"""Subject access (AVG art. 15): the privacy officer finds a resident by BSN and exports
everything about them — their own data and records about them, not other people's — as
JSON and PDF; every step is logged."""

import io
import json
from datetime import date

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from wijkteam.accounts.roles import Role
from wijkteam.assessment.models import ChildVoice
from wijkteam.audit.models import AuditEntry
from wijkteam.cases.models import ContactMoment, ContactPresence
from wijkteam.privacy.models import SubjectAccessExport

from ..factories import MembershipFactory, ResidentFactory

LOOKUP = reverse("privacy:subject_access")


def _family(world):
    child = world.household.members.get()
    parent = ResidentFactory(
        given_names="Anouk",
        surname="Privé",
        birth_date=date(1984, 2, 2),
        district=world.team.district,
    )
    MembershipFactory(household=world.household, resident=parent, role="parent")
    worker = world.users[Role.CASE_WORKER]
    now = timezone.now()
    contact = ContactMoment.objects.create(
        case=world.case,
        occurred_on=date(2026, 11, 2),
        kind="home_visit",
        worker=worker,
        recorded_at=now,
    )
    ContactPresence.objects.create(contact=contact, resident=child, child_spoken_to=True)
    ContactPresence.objects.create(contact=contact, resident=parent)
    ChildVoice.objects.create(
        case=world.case,
        child=child,
        spoken_to=True,
        spoken_on=date(2026, 11, 2),
        setting="alone",
        spoken_by=worker,
        child_view="Ik wil graag bij papa slapen.",
        recorded_by=worker,
        recorded_at=now,
    )
    return child, parent


def test_lookup_by_bsn_is_posted_and_logged(world, client_as):
    child, _parent = _family(world)
    client = client_as(Role.PRIVACY_OFFICER)
    response = client.post(LOOKUP, {"bsn": child.bsn})
    assert response.status_code == 200
    html = response.content.decode()
    assert child.surname in html and child.bsn not in response.request["PATH_INFO"]
    entry = AuditEntry.objects.get(object_type="people.resident", object_id=str(child.pk))
    assert entry.purpose == "subject_access" and child.bsn not in str(entry.detail)


def test_a_wrong_or_unknown_bsn_is_explained_at_the_field(world, client_as):
    client = client_as(Role.PRIVACY_OFFICER)
    wrong = client.post(LOOKUP, {"bsn": "123456789"})
    assert wrong.status_code == 400 and "elfproef" in wrong.content.decode()
    unknown = client.post(LOOKUP, {"bsn": "111222333"})
    assert unknown.status_code == 404
    assert "Er is geen inwoner met dit BSN bekend" in unknown.content.decode()


def test_the_json_export_holds_their_data_and_not_the_others(world, client_as):
    child, parent = _family(world)
    # A worker opens the family's page: that view is in the resident's access log.
    client_as(Role.CASE_WORKER).get(reverse("people:household_detail", args=[world.household.pk]))
    client = client_as(Role.PRIVACY_OFFICER)
    response = client.post(
        reverse("privacy:subject_export", args=[child.pk]),
        {"request_reference": "AVG-2026-014", "format": "json"},
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert (
        "inzage" in response["Content-Disposition"]
        and child.bsn not in response["Content-Disposition"]
    )
    data = json.loads(response.content)
    assert data["person"][0]["bsn"] == child.bsn
    assert data["households"][0]["other_members"] == 1
    assert [f["reference"] for f in data["files"]] == [world.case.reference]
    assert data["contact_moments"][0]["spoken_to"] is True
    assert data["child_voice"][0]["what_you_said"] == "Ik wil graag bij papa slapen."
    text = response.content.decode()
    assert parent.surname not in text and parent.bsn not in text  # the other member's data
    assert any(row["who"] == "case_worker" for row in data["access_log"])
    export = SubjectAccessExport.objects.get()
    assert export.resident_id == child.pk and export.format == "json"
    exported = AuditEntry.objects.filter(action="export")
    assert {(e.object_type, e.object_id) for e in exported} == {
        ("people.resident", str(child.pk)),
        ("cases.case", str(world.case.pk)),
    }


def test_the_pdf_export_is_in_dutch_for_the_resident(world, client_as):
    child, parent = _family(world)
    response = client_as(Role.PRIVACY_OFFICER).post(
        reverse("privacy:subject_export", args=[child.pk]),
        {"request_reference": "AVG-2026-015", "format": "pdf"},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Uw gegevens bij het Sociaal Wijkteam" in text
    assert "Wie heeft uw gegevens bekeken of gewijzigd" in text
    assert child.surname in text and parent.surname not in text
    assert "AVG-2026-015" in text


def test_the_export_needs_a_request_reference(world, client_as):
    child, _ = _family(world)
    response = client_as(Role.PRIVACY_OFFICER).post(
        reverse("privacy:subject_export", args=[child.pk]), {"format": "pdf"}
    )
    assert response.status_code == 400 and not SubjectAccessExport.objects.exists()
    assert "Referentie van het verzoek" in response.content.decode()


def test_the_export_holds_their_goals_and_decisions(world, client_as):
    from ..allocation_helpers import catalogue, issued, ready_case, youth_of
    from ..plans.helpers import agreed_plan, child_of, record_child_voice

    ready_case(world)
    record_child_voice(world)
    _plan, goal = agreed_plan(world)
    decision = issued(world, catalogue()["ambulant"])
    child = child_of(world)
    assert youth_of(world) == child == goal.person
    response = client_as(Role.PRIVACY_OFFICER).post(
        reverse("privacy:subject_export", args=[child.pk]),
        {"request_reference": "AVG-2026-016", "format": "json"},
    )
    data = json.loads(response.content)
    assert [g["result"] for g in data["plan_goals"]] == [goal.result]
    assert [d["reference"] for d in data["decisions"]] == [decision.reference]
    assert data["decisions"][0]["provider"] == "Jeugdhulp De Brug"
