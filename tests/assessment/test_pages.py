"""The assessment pages, walked as a case worker, a colleague and a quality officer would."""

import io
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from wijkteam.accounts.roles import Role
from wijkteam.assessment.models import (
    ChildVoice,
    ExplanatoryAnalysisVersion,
    LifeDomain,
    QuestionClarification,
)
from wijkteam.assessment.services import record_life_domain_assessment
from wijkteam.audit.log import AuditContext
from wijkteam.audit.models import AuditEntry
from wijkteam.people.models import MemberRole

from ..factories import MembershipFactory, ResidentFactory

LONG = "Een bevinding die lang genoeg is om navolgbaar te zijn."
COMPLETE = {
    "support_question": "Moeder wil dat Noor weer naar school gaat.",
    "problems": LONG,
    "support_needed": LONG,
    "own_means": "Moeder brengt haar zelf",
    "usual_help": "Vader woont elders",
    "informal_care": "Oma past op",
    "social_network": "Weinig contacten",
    "community_solutions": "Schoolmaatschappelijk werk",
    "own_means_conclusion": "insufficient",
    "own_support": "Zes gesprekken met moeder en Noor door het wijkteam.",
    "own_support_conclusion": "partly",
}


def test_clarification_is_saved_and_summarised_for_the_family(world, client_as):
    client = client_as(Role.CASE_WORKER)
    url = reverse("assessment:clarification", args=[world.case.pk])
    page = client.get(url).content.decode()
    assert "Stap 1 is niet vastgelegd" in page  # what is missing before step 6
    response = client.post(url, {"version": 1, **COMPLETE})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "goed genoeg vastgelegd" in page
    summary = client.get(reverse("assessment:clarification_summary", args=[world.case.pk]))
    assert "Moeder wil dat Noor weer naar school gaat." in summary.content.decode()
    pdf = client.get(reverse("assessment:clarification_pdf", args=[world.case.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Zo hebben we naar uw vraag gekeken" in text
    assert "Moeder wil dat Noor weer naar school gaat." in text
    assert world.case.reference in pdf["Content-Disposition"].upper()
    assert AuditEntry.objects.filter(
        object_type="assessment.questionclarification", action="update"
    ).exists()


def test_a_concurrent_clarification_edit_is_refused_and_keeps_the_input(world, client_as):
    url = reverse("assessment:clarification", args=[world.case.pk])
    client = client_as(Role.CASE_WORKER)
    assert client.post(url, {"version": 1, "support_question": "Eerste"}).status_code == 302
    second = client.post(url, {"version": 1, "support_question": "Mijn zorgvuldige tekst"})
    assert second.status_code == 409
    assert "Mijn zorgvuldige tekst" in second.content.decode()
    assert QuestionClarification.objects.get(case=world.case).support_question == "Eerste"


def test_quality_officer_reads_but_does_not_record(world, client_as):
    client = client_as(Role.QUALITY_OFFICER)
    assert client.get(reverse("assessment:clarification", args=[world.case.pk])).status_code == 403
    page = client.get(reverse("assessment:explanatory_analysis", args=[world.case.pk]))
    assert page.status_code == 200 and "<form" not in page.content.decode().split("<main")[1]
    refused = client.post(
        reverse("assessment:explanatory_analysis", args=[world.case.pk]),
        {"version": 1, "situation": "x", "explanation": "y"},
    )
    assert refused.status_code == 403


def test_explanatory_analysis_keeps_every_version(world, client_as):
    client = client_as(Role.CASE_WORKER)
    url = reverse("assessment:explanatory_analysis", args=[world.case.pk])
    first = {"version": 1, "situation": "Spanning thuis", "explanation": "Schulden geven stress"}
    assert client.post(url, first).status_code == 302
    second = {"version": 2, "situation": "Minder spanning", "explanation": "Schuldhulp loopt"}
    assert client.post(url, second).status_code == 302
    assert client.post(url, first).status_code == 409  # based on version 1: stale
    page = client.get(url).content.decode()
    assert "Minder spanning" in page and "Spanning thuis" in page  # current and earlier
    assert ExplanatoryAnalysisVersion.objects.filter(analysis__case=world.case).count() == 2


def test_child_voice_recorded_on_the_page_and_shown_on_the_case(world, client_as):
    child = world.household.members.get()
    client = client_as(Role.CASE_WORKER)
    case_page = client.get(reverse("cases:case_detail", args=[world.case.pk])).content.decode()
    assert "niets vastgelegd" in case_page and "We spreken altijd met het kind" in case_page
    url = reverse("assessment:child_voice", args=[world.case.pk])
    worker = world.users[Role.CASE_WORKER]
    too_young = client.post(
        url,
        {
            "version": world.case.version,
            "child": child.pk,
            "spoken_to": "no",
            "reason": "too_young",
        },
    )
    assert too_young.status_code == 400
    assert 'id="id_reason_error"' in too_young.content.decode()
    response = client.post(
        url,
        {
            "version": world.case.version,
            "child": child.pk,
            "spoken_to": "yes",
            "spoken_on": date.today().isoformat(),
            "setting": "alone",
            "spoken_by": worker.pk,
            "child_view": "Ik wil dat het thuis rustiger wordt.",
        },
    )
    assert response.status_code == 302
    voice = ChildVoice.objects.get(case=world.case)
    assert voice.spoken_to and voice.spoken_by == worker
    case_page = client.get(reverse("cases:case_detail", args=[world.case.pk])).content.decode()
    assert "Ik wil dat het thuis rustiger wordt." in case_page
    assert "de stem van het kind" in case_page.lower()  # on the timeline too


def test_consultation_and_advice(world, client_as):
    client = client_as(Role.CASE_WORKER)
    expert = world.users[Role.BEHAVIOURAL_EXPERT]
    url = reverse("assessment:consultations", args=[world.case.pk])
    wrong = client.post(
        url,
        {
            "version": world.case.version,
            "kind": "safety_officer",
            "consultant": expert.pk,
            "question": "Is dit veilig?",
            "asked_on": date.today().isoformat(),
        },
    )
    assert wrong.status_code == 400 and 'id="id_consultant_error"' in wrong.content.decode()
    ok = client.post(
        url,
        {
            "version": world.case.version,
            "kind": "gz_psychologist",
            "consultant": expert.pk,
            "question": "Past dit gedrag bij de leeftijd?",
            "asked_on": date.today().isoformat(),
        },
    )
    assert ok.status_code == 302
    consultation = world.case.consultations.get()
    advice_url = reverse("assessment:advice", args=[world.case.pk, consultation.pk])
    response = client_as(Role.BEHAVIOURAL_EXPERT).post(
        advice_url,
        {
            "version": 1,
            "advice": "Laat een ontwikkelingsonderzoek doen.",
            "advised_on": date.today().isoformat(),
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Laat een ontwikkelingsonderzoek doen." in page


def _score(world, resident, day, values, case=None):
    domains = {d.code: d.pk for d in LifeDomain.objects.all()}
    return record_life_domain_assessment(
        AuditContext.system(name="test"),
        world.household,
        resident,
        assessed_on=day,
        scores={domains[code]: value for code, value in values.items()},
        actor=world.users[Role.CASE_WORKER],
    )


def test_household_page_shows_lowest_first_existential_security_flagged_and_a_chart(
    world, client_as
):
    parent = ResidentFactory(
        given_names="Sanne", birth_date=date(1985, 1, 1), district=world.household.district
    )
    MembershipFactory(household=world.household, resident=parent, role=MemberRole.PARENT)
    today = timezone.localdate()
    _score(
        world,
        parent,
        today - timedelta(days=90),
        {"financien": 1, "huisvesting": 3, "sociaal-netwerk": 2},
    )
    _score(world, parent, today, {"financien": 2, "huisvesting": 4, "sociaal-netwerk": 1})
    page = (
        client_as(Role.CASE_WORKER)
        .get(reverse("people:household_detail", args=[world.household.pk]))
        .content.decode()
    )
    assert "Bestaanszekerheid eerst:" in page and "Sanne – Financiën (2)" in page
    section = page.split('id="life-domains"')[1]
    assert (
        section.index("Financiën") < section.index("Sociaal netwerk") < section.index("Huisvesting")
    )
    assert "1 hoger" in section and "1 lager" in section
    assert 'data-wt-chart="life-domains-average-data"' in page
    assert "volledig zelfredzaam): de cijfers" in page  # the table beside the chart


def test_life_domain_scoring_page(world, client_as):
    child = world.household.members.get()
    client = client_as(Role.CASE_WORKER)
    url = reverse("assessment:life_domains", args=[world.household.pk, child.pk])
    page = client.get(url).content.decode()
    assert "Ontwikkeling" in page and "Basale ADL" not in page  # a child's domains
    school = LifeDomain.objects.get(code="school")
    empty = client.post(url, {"assessed_on": date.today().isoformat()})
    assert (
        empty.status_code == 400
        and "Geef minstens één leefgebied een score." in empty.content.decode()
    )
    response = client.post(
        url, {"assessed_on": date.today().isoformat(), f"domain_{school.pk}": "2"}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert 'data-wt-chart="person-life-domains-data"' in page


def test_household_page_queries_do_not_grow_with_assessments(world, client_as):
    child = world.household.members.get()
    client = client_as(Role.CASE_WORKER)
    url = reverse("people:household_detail", args=[world.household.pk])
    for days in (1, 2):
        _score(
            world,
            child,
            timezone.localdate() - timedelta(days=days),
            {"school": 3, "ontwikkeling": 4},
        )
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for days in range(3, 25):
        _score(
            world, child, timezone.localdate() - timedelta(days=days), {"school": 2, "opvoeding": 3}
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
