"""The allocation pages: a weighing, a draft, issuing it, the co-signature, errors next to
their fields with the input kept, conflicts, the letter (PDF) with the objection clause,
the case page's section and the behavioural expert's work in "Mijn werk"."""

import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from wijkteam.accounts.roles import Role
from wijkteam.allocation import services
from wijkteam.allocation.models import Decision, DecisionStatus, Weighing
from wijkteam.audit.models import AuditEntry
from wijkteam.ijw.models import Message

from ..allocation_helpers import (
    CTX,
    WORKER_ROLES,
    decision_body,
    decision_input,
    draft,
    issued,
)

TODAY = timezone.localdate()  # set again for each test: conftest, TODAY_IS_LIVE
TODAY_IS_LIVE = True


def test_a_weighing_with_an_uncoded_refusal_is_refused_next_to_the_field(world, client_as):
    client = client_as(Role.CASE_WORKER)
    url = reverse("allocation:weighing", args=[world.case.pk])
    data = {
        "version": "1",
        "decided_on": TODAY.isoformat(),
        "level": "community",
        "reason": "Huiswerkbegeleiding in het buurthuis is genoeg.",
        "not_granted": "Een jaar lang logeeropvang",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Zeg waarom dit niet is toegekend." in page and "logeeropvang" in page
    response = client.post(url, {**data, "not_granted_reason": "community"})
    assert response.status_code == 302
    assert Weighing.objects.get().not_granted_reason == "community"


def test_draft_then_issue_through_the_pages(world, client_as, products):
    client = client_as(Role.CASE_WORKER)
    response = client.post(
        reverse("allocation:new_decision", args=[world.case.pk]),
        decision_body(world, products["ambulant"]),
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "Alle regels zijn gevolgd" in page or "Voordat het kan worden afgegeven" in page
    step = reverse("allocation:step", args=[world.case.pk, decision.pk, "afgeven"])
    response = client.post(step, {"version": decision.version})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED
    assert Message.objects.filter(kind="JW301").exists()
    case_page = client.get(reverse("cases:case_detail", args=[world.case.pk])).content.decode()
    assert decision.reference in case_page and "Toewijzing van jeugdhulp" in case_page


def test_heavy_without_a_reason_is_refused_next_to_the_field_and_keeps_the_input(
    world, client_as, products
):
    client = client_as(Role.CASE_WORKER)
    response = client.post(
        reverse("allocation:new_decision", args=[world.case.pk]),
        decision_body(world, products["intensive"], motivation="Intensieve hulp; motivering hier."),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Licht of midden, tenzij" in page and "Intensieve hulp; motivering hier." in page
    assert not Decision.objects.exists()


def test_more_than_a_year_is_refused_at_the_end_date(world, client_as, products):
    client = client_as(Role.CASE_WORKER)
    response = client.post(
        reverse("allocation:new_decision", args=[world.case.pk]),
        decision_body(
            world, products["ambulant"], end_date=(TODAY + timedelta(days=400)).isoformat()
        ),
    )
    assert response.status_code == 400
    assert "hoogstens 12 maanden" in response.content.decode()


def test_a_stale_version_is_a_conflict_with_the_input_kept(world, client_as, products):
    decision = draft(world, products["ambulant"])
    client = client_as(Role.CASE_WORKER)
    url = reverse("allocation:edit_decision", args=[world.case.pk, decision.pk])
    response = client.post(
        url,
        decision_body(
            world,
            products["ambulant"],
            version=decision.version - 1,
            volume="3",
            motivation="Mijn eigen nieuwe tekst over wat er besloten is.",
        ),
    )
    assert response.status_code == 409
    assert "Mijn eigen nieuwe tekst" in response.content.decode()


def test_the_cosignature_page_is_for_a_different_behavioural_expert(world, client_as, products):
    decision = draft(world, products["residential"], volume=7, frequency="2")
    decision = services.submit_for_cosign(
        CTX,
        decision,
        actor=world.users[Role.CASE_WORKER],
        roles=WORKER_ROLES,
        expected_version=decision.version,
    )
    url = reverse("allocation:step", args=[world.case.pk, decision.pk, "medeondertekenen"])
    assert client_as(Role.CASE_WORKER).get(url).status_code == 403
    expert = client_as(Role.BEHAVIOURAL_EXPERT)
    my_work = expert.get(reverse("core:my_work")).content.decode()
    assert decision.reference in my_work.split('id="cosign-work"')[1]
    response = expert.post(url, {"version": decision.version, "decision": "return"})
    assert response.status_code == 400 and "Zeg waarom." in response.content.decode()
    response = expert.post(
        url, {"version": decision.version, "decision": "approve", "note": "Akkoord."}
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED
    assert decision.cosigned_by == world.users[Role.BEHAVIOURAL_EXPERT]


def test_the_letter_explains_the_decision_and_how_to_object(world, client_as, products, settings):
    settings.WIJKTEAM_OBJECTION_ADDRESS = "Postbus 1, 8000 AA Voorbeeldstad"
    decision = issued(world, products["ambulant"])
    response = client_as(Role.CASE_WORKER).get(
        reverse("allocation:letter", args=[world.case.pk, decision.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert decision.youth.bsn not in response["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    assert "bezwaar" in flat and "zes weken" in flat and "Algemene wet bestuursrecht" in flat
    assert "Postbus 1, 8000 AA Voorbeeldstad" in flat
    assert decision.youth.full_name in flat and decision.reference in flat
    assert "klacht" in flat
    assert AuditEntry.objects.filter(
        object_type="allocation.decision", object_id=str(decision.pk), action="view"
    ).exists()


def test_another_teams_message_is_not_found_and_the_administrator_sees_no_content(
    world, client_as, products
):
    issued(world, products["ambulant"])
    message = Message.objects.get(kind="JW301")
    Message.objects.filter(pk=message.pk).update(case=world.other_case)
    url = reverse("ijw:message", args=[message.pk])
    assert client_as(Role.TEAM_LEAD).get(url).status_code == 404
    page = client_as(Role.ADMINISTRATOR).get(url).content.decode()
    assert message.identification in page and "<pre" not in page
    assert world.household.members.first().bsn not in page


def test_the_team_lead_reads_the_content_of_the_teams_message(world, client_as, products):
    issued(world, products["ambulant"])
    message = Message.objects.get(kind="JW301")
    page = client_as(Role.TEAM_LEAD).get(reverse("ijw:message", args=[message.pk])).content
    assert b"<pre" in page and b"ToegewezenProduct" in page


def test_the_cosign_list_in_my_work_is_bounded(
    world, client_as, products, django_assert_max_num_queries
):
    worker = world.users[Role.CASE_WORKER]
    now = timezone.now()

    def awaiting(count, start):
        Decision.objects.bulk_create(
            Decision(
                reference=f"BS-2026-7{start + n:05d}",
                case=world.case,
                youth=world.household.members.first(),
                product=products["residential"],
                category="43",
                intensity="medium",
                start_date=TODAY,
                end_date=TODAY,
                motivation="Verblijf.",
                life_changing=True,
                status=DecisionStatus.AWAITING_COSIGN,
                created_by=worker,
                created_at=now,
                submitted_by=worker,
                submitted_at=now - timedelta(minutes=start + n),
            )
            for n in range(count)
        )

    awaiting(2, 0)
    client = client_as(Role.BEHAVIOURAL_EXPERT)
    url = reverse("core:my_work")
    client.get(url)
    with django_assert_max_num_queries(80) as few:
        client.get(url)
    awaiting(40, 100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    section = page.split('id="cosign-work"')[1]
    assert section.count("BS-2026-7") == 25 and "17 " in section
    listing = client.get(reverse("allocation:cosign_list")).content.decode()
    assert listing.count("BS-2026-7") == 25 and 'rel="next"' in listing


def test_figures_are_suppressed_below_the_threshold(world, client_as):
    services.record_weighing(
        CTX,
        world.case,
        services.WeighingInput(
            "advice",
            "Advies volstaat voor deze vraag.",
            TODAY,
            not_granted="Jeugdhulp",
            not_granted_reason="normal_growing_up",
        ),
        actor=world.users[Role.CASE_WORKER],
    )
    page = client_as(Role.ANALYST).get(reverse("allocation:figures")).content.decode()
    assert "normaal opgroeien" in page.lower() and "&lt;5" in page


def test_the_catalogue_import_page(world, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as(Role.ADMINISTRATOR)
    bad = SimpleUploadedFile("c.csv", b"agb_code,provider,category,product_name\n1,X,99,Y\n")
    response = client.post(reverse("providers:import"), {"file": bad})
    assert response.status_code == 400 and "Regel 2" in response.content.decode()
    good = SimpleUploadedFile(
        "c.csv", b"agb_code,provider,category,product_name,unit\n12345678,De Brug,54,GGZ,\n"
    )
    assert client.post(reverse("providers:import"), {"file": good}).status_code == 302
    listing = client.get(reverse("providers:provider_list")).content.decode()
    assert "De Brug" in listing
    export = client.get(reverse("providers:export")).content.decode()
    assert export.splitlines()[1].startswith("12345678,De Brug")


def test_decision_input_helper_is_consistent(world, products):
    assert decision_input(world.household.members.first(), products["budget"]).budget
