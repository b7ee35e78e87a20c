"""The plan pages, walked as a case worker and a team lead would; the PDF; the lists."""

import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry
from wijkteam.cases.models import Case, CaseStatus
from wijkteam.plans import services
from wijkteam.plans.models import Goal, PlanStatus, SupportPlan

from .helpers import (
    CTX,
    agreed_plan,
    case_in_progress,
    child_of,
    domain,
    offer,
    own_support,
    parent_of,
    plan_with_goal,
)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def goal_post(plan, **changes):
    data = {
        "version": plan.version,
        "person": "",
        "life_domain": domain().pk,
        "result": "We hebben thuis weer rust aan tafel.",
        "indicator": "Drie avonden per week samen eten zonder ruzie.",
        "priority": "now",
    }
    data.update(changes)
    return data


def test_a_worker_starts_a_plan_adds_goals_and_agrees_it(world, client_as):
    case_in_progress(world)
    client = client_as(Role.CASE_WORKER)
    start = reverse("plans:case_plan", args=[world.case.pk])
    assert "Plan starten" in client.get(start).content.decode()
    response = client.post(start, {"summary": "Rust in huis."})
    plan = SupportPlan.objects.get(case=world.case)
    assert response.status_code == 302 and response["Location"] == reverse(
        "plans:plan", args=[plan.pk]
    )
    assert client.get(start).status_code == 302  # one plan: the case page's link leads to it

    assert (
        client.post(reverse("plans:goal_new", args=[plan.pk]), goal_post(plan)).status_code == 302
    )
    goal = Goal.objects.get(plan=plan)
    plan.refresh_from_db()
    action = {
        "version": plan.version,
        "goal": goal.pk,
        "description": "Samen een weekplanning maken.",
        "by": "family",
        "who": "Moeder",
        "due_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
    }
    assert client.post(reverse("plans:action_new", args=[plan.pk]), action).status_code == 302
    plan.refresh_from_db()

    agree = reverse("plans:agree", args=[plan.pk])
    page = client.get(agree).content.decode()
    assert "In orde" in page or "Op orde" in page
    response = client.post(
        agree,
        {
            "version": plan.version,
            "agreed_on": timezone.localdate().isoformat(),
            "how": "home_visit",
            "parents": [parent_of(world).pk],
            "children": [child_of(world).pk],
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED and plan.agreed_version == 1
    page = client.get(reverse("plans:plan", args=[plan.pk])).content.decode()
    assert (
        "We hebben thuis weer rust aan tafel." in page and "Samen een weekplanning maken." in page
    )
    assert AuditEntry.objects.filter(object_type="plans.supportplan", action="view").exists()


def test_the_agreement_page_says_what_stands_in_the_way(world, client_as):
    plan, _goal = plan_with_goal(world, gates=False)
    client = client_as(Role.CASE_WORKER)
    agree = reverse("plans:agree", args=[plan.pk])
    page = client.get(agree).content.decode()
    assert "Voordat het plan kan worden afgesproken" in page
    assert "niet vastgelegd" in page or "veiligheidstaxatie" in page
    response = client.post(
        agree,
        {
            "version": plan.version,
            "agreed_on": timezone.localdate().isoformat(),
            "how": "phone",
            "parents": [parent_of(world).pk],
            "children": [child_of(world).pk],
            "note": "Mijn notitie blijft staan.",
        },
    )
    assert response.status_code == 400
    assert "Mijn notitie blijft staan." in response.content.decode()
    assert SupportPlan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


def test_a_second_concurrent_edit_on_the_page_is_a_conflict_and_keeps_the_input(world, client_as):
    plan, goal = plan_with_goal(world)
    client = client_as(Role.CASE_WORKER)
    opened = plan.version
    first = client.post(reverse("plans:goal_new", args=[plan.pk]), goal_post(plan, version=opened))
    assert first.status_code == 302
    second = client.post(
        reverse("plans:goal", args=[plan.pk, goal.pk]),
        goal_post(plan, version=opened, result="Mijn zorgvuldig geschreven doel."),
    )
    assert second.status_code == 409
    assert "Mijn zorgvuldig geschreven doel." in second.content.decode()
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in second.content.decode()
    goal.refresh_from_db()
    assert goal.result == "Noor gaat elke dag weer naar school."
    assert Goal.objects.filter(plan=plan).count() == 2


def test_an_evaluation_without_the_team_warns_on_the_page(world, client_as):
    plan, goal = agreed_plan(world)
    client = client_as(Role.CASE_WORKER)
    response = client.post(
        reverse("plans:evaluation_new", args=[plan.pk]),
        {
            "kind": "interim",
            "held_on": timezone.localdate().isoformat(),
            "others": "Jeugdhulp Oost",
            f"result_{goal.pk}": "partly",
            "decision": "continue",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Er was niemand van het wijkteam aanwezig" in page
    assert "wijkteam afwezig" in page


def test_closing_a_case_with_a_plan_goes_through_the_closure_page(world, client_as):
    plan, goal = agreed_plan(world)
    client = client_as(Role.CASE_WORKER)
    status_page = client.get(reverse("cases:change_status", args=[world.case.pk])).content.decode()
    assert reverse("plans:closure", args=[plan.pk]) in status_page
    url = reverse("plans:closure", args=[plan.pk])
    refused = client.post(url, {"version": plan.version, "reason_code": "99"})
    assert refused.status_code == 400
    response = client.post(
        url,
        {
            "version": plan.version,
            "reason_code": "34",
            "closed_on": timezone.localdate().isoformat(),
            f"result_{goal.pk}": "partly",
            "scaled_down_to": "community",
            "scaled_down_note": "Maatjesproject Noord",
            "experience_request": "conversation",
        },
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=world.case.pk).status == CaseStatus.CLOSED
    page = client.get(reverse("plans:plan", args=[plan.pk])).content.decode()
    assert "34 – Voortijdig afgesloten: in overeenstemming." in page


def test_the_plan_pdf_is_in_plain_dutch(world, client_as):
    plan, _goal = agreed_plan(world)
    client = client_as(Role.CASE_WORKER)
    client.post(reverse("set_language"), {"language": "en"})  # the family reads Dutch anyway
    response = client.get(reverse("plans:pdf", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert world.case.reference in response["Content-Disposition"].upper()
    text = pdf_text(response.content)
    for expected in (
        "Ons plan samen",
        "Uw contactpersoon",
        "Wat u wilt bereiken",
        "Noor gaat elke dag weer naar school.",
        "Zo weten we dat het gelukt is",
        "Samen met school een rooster maken.",
        "Wanneer we weer praten",
        "is op",
    ):
        assert expected in text, expected


def test_own_support_past_its_bound_asks_for_a_decision_on_its_page(world, client_as):
    plan, _goal = agreed_plan(world)
    support = own_support(world, plan, planned_months=2, contacts=8)
    client = client_as(Role.CASE_WORKER)
    url = reverse("plans:own_support", args=[plan.pk, support.pk])
    page = client.get(url).content.decode()
    assert "voorbij de grens" in page and 'name="reconsider-decision"' in page
    refused = client.post(
        url,
        {
            "form": "reconsider",
            "reconsider-version": support.version,
            "reconsider-decision": "continue",
            "reconsider-reason": "kort",
        },
    )
    assert refused.status_code == 400
    response = client.post(
        url,
        {
            "form": "reconsider",
            "reconsider-version": support.version,
            "reconsider-decision": "allocate",
            "reconsider-reason": "Gezinsbehandeling is nodig; eigen inzet is niet genoeg.",
        },
    )
    assert response.status_code == 302
    support.refresh_from_db()
    assert support.status == "ended" and support.end_reason == "allocated"
    assert "Eigen inzet voorbij de grens" in client.get(reverse("core:my_work")).content.decode()


def test_a_worker_finds_a_community_offer_and_refers_with_a_warm_handover(world, client_as):
    plan, goal = plan_with_goal(world)
    near = offer(name="Huiswerkklas Noord", category="school", min_age=8, max_age=14)
    near.districts.set([world.team.district])
    offer(name="Schuldhulp Zuid", category="debt").districts.set([world.other_team.district])
    client = client_as(Role.CASE_WORKER)
    listing = client.get(
        reverse("catalogue:offer_list"),
        {"q": "huiswerk", "district": world.team.district.pk, "age": 10, "plan": plan.pk},
    ).content.decode()
    assert "Huiswerkklas Noord" in listing and "Schuldhulp Zuid" not in listing
    refer = reverse("plans:referral_new", args=[plan.pk])
    assert f"{refer}?aanbod={near.pk}" in listing
    response = client.post(
        refer,
        {
            "version": plan.version,
            "offer": near.pk,
            "person": child_of(world).pk,
            "goal": goal.pk,
            "referred_on": timezone.localdate().isoformat(),
            "warm_handover": "yes",
            "handover_note": "Samen met Noor en moeder langsgegaan bij de huiswerkklas.",
            "contact_at_offer": "Meester Jan",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("plans:plan", args=[plan.pk])).content.decode()
    assert "Huiswerkklas Noord" in page and "Meester Jan" in page


def test_the_team_lead_resolves_an_escalation(world, client_as):
    plan, _goal = agreed_plan(world)
    worker_client = client_as(Role.CASE_WORKER)
    response = worker_client.post(
        reverse("plans:escalation_new", args=[plan.pk]),
        {
            "version": plan.version,
            "stuck": "De aanbieder start de behandeling niet.",
            "tried": "Drie keer gebeld met de aanbieder.",
            "lead": world.users[Role.TEAM_LEAD].pk,
            "deadline": (timezone.localdate() + timedelta(days=5)).isoformat(),
        },
    )
    assert response.status_code == 302
    escalation = plan.escalations.get()
    lead_client = client_as(Role.TEAM_LEAD)
    team_page = lead_client.get(reverse("accounts:team")).content.decode()
    assert (
        "Open opschalingen" in team_page and "De aanbieder start de behandeling niet." in team_page
    )
    url = reverse("plans:escalation", args=[plan.pk, escalation.pk])
    response = lead_client.post(
        url, {"version": escalation.version, "resolution": "Teamleider belt de directeur."}
    )
    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == "resolved"


def test_the_case_and_household_pages_lead_to_the_plan(world, client_as):
    plan, _goal = plan_with_goal(world)
    client = client_as(Role.CASE_WORKER)
    plan_url = reverse("plans:plan", args=[plan.pk])
    assert (
        plan_url in client.get(reverse("cases:case_detail", args=[world.case.pk])).content.decode()
    )
    household = client.get(reverse("people:household_detail", args=[world.household.pk]))
    assert plan_url in household.content.decode()


def test_the_transition_checklist_on_its_page(world, client_as):
    from .test_services import youth_turning_18

    case_in_progress(world)
    youth = youth_turning_18(world)
    from .helpers import record_child_voice

    record_child_voice(world, youth)
    plan, _goal = plan_with_goal(world)
    client = client_as(Role.CASE_WORKER)
    page = client.get(reverse("plans:plan", args=[plan.pk])).content.decode()
    assert "wordt binnenkort 18" in page
    url = reverse("plans:transition", args=[plan.pk, youth.pk])
    refused = client.post(
        url,
        {
            "extended_care": "no",
            "wmo_handover": "to_do",
            "income": "to_do",
            "health_insurance": "to_do",
            "housing": "to_do",
        },
    )
    assert refused.status_code == 400
    assert "Verlengde jeugdhulp tot 23 jaar is de standaard" in refused.content.decode()
    response = client.post(
        url,
        {
            "extended_care": "yes",
            "wmo_handover": "arranged",
            "income": "arranged",
            "health_insurance": "arranged",
            "housing": "not_needed",
            "team_keeps_coordination": "on",
        },
    )
    assert response.status_code == 302
    assert "Niemand met lopende hulp" in client.get(reverse("core:my_work")).content.decode()


def test_versions_show_what_changed(world, client_as):
    plan, goal = agreed_plan(world)
    worker = world.users[Role.CASE_WORKER]
    services.save_goal(
        CTX,
        plan,
        services.GoalInput(
            person_id=goal.person_id,
            life_domain_id=goal.life_domain_id,
            result="Noor gaat vier dagen per week naar school.",
            indicator=goal.indicator,
            priority="now",
        ),
        goal=goal,
        actor=worker,
        expected_version=plan.version,
    )
    client = client_as(Role.QUALITY_OFFICER)
    page = client.get(reverse("plans:versions", args=[plan.pk])).content.decode()
    assert "Gewijzigd sinds versie 1" in page
    assert "Noor gaat vier dagen per week naar school." in page
    plan_page = client.get(reverse("plans:plan", args=[plan.pk])).content.decode()
    assert "gewijzigd sinds de laatste afspraak" in plan_page
    assert (
        client.post(reverse("plans:goal_new", args=[plan.pk]), goal_post(plan)).status_code == 403
    )
