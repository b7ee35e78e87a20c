"""The safety pages: assessment and four-eyes review, signals together, the reporting
code, a report with the role-conflict warning, the Verwijsindex, and the work lists."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.cases.models import Case, CaseStatus
from wijkteam.people.models import MemberRole
from wijkteam.safety.models import (
    AssessmentStatus,
    ReportingCodeProcedure,
    RiskInstrument,
    SafetyAssessment,
)
from wijkteam.safety.queries import safety_verdict_for_case, safety_worklist

from ..factories import MembershipFactory, ResidentFactory

TODAY = timezone.localdate()  # set again for each test: conftest, TODAY_IS_LIVE
TODAY_IS_LIVE = True


def assessment_post(version=1, answer_index=0, **changes):
    instrument = RiskInstrument.objects.get()
    data = {
        "version": version,
        "assessed_on": TODAY.isoformat(),
        "conclusion": "De kinderen zijn veilig; ouders werken mee.",
        "reassess_on": (TODAY + timedelta(days=90)).isoformat(),
    }
    for item in instrument.items.all():
        data[f"item_{item.pk}"] = list(item.options.all())[answer_index].pk
    data.update(changes)
    return data


def test_assessment_counts_only_after_a_second_colleague_reviews_it(world, client_as):
    case = world.case
    author = client_as(Role.CASE_WORKER)
    response = author.post(reverse("safety:new_assessment", args=[case.pk]), assessment_post())
    assert response.status_code == 302
    assessment = SafetyAssessment.objects.get(case=case)
    assert assessment.status == AssessmentStatus.AWAITING_REVIEW
    assert assessment.risk_level == "low"
    assert safety_verdict_for_case(case, TODAY).codes == ("safety_assessment_not_reviewed",)

    url = reverse("safety:assessment", args=[case.pk, assessment.pk])
    own = author.get(url).content.decode()
    assert "Beoordeling (vier ogen)" not in own  # the author is not offered the review
    assert author.post(url, {"version": 1, "decision": "approve"}).status_code == 403

    reviewer = client_as(Role.SAFETY_OFFICER)
    assert reviewer.post(url, {"version": 1, "decision": "return"}).status_code == 400
    assert (
        reviewer.post(url, {"version": 1, "decision": "approve", "note": "Akkoord"}).status_code
        == 302
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.COMPLETED
    assert assessment.reviewed_by == world.users[Role.SAFETY_OFFICER]
    assert safety_verdict_for_case(case, TODAY).allowed


def test_returned_assessment_is_changed_by_its_author(world, client_as):
    case = world.case
    client_as(Role.CASE_WORKER).post(
        reverse("safety:new_assessment", args=[case.pk]), assessment_post()
    )
    assessment = SafetyAssessment.objects.get(case=case)
    reviewer = client_as(Role.TEAM_LEAD)
    reviewer.post(
        reverse("safety:assessment", args=[case.pk, assessment.pk]),
        {"version": 1, "decision": "return", "note": "Vraag naar het netwerk ontbreekt."},
    )
    author = client_as(Role.CASE_WORKER)
    revise = reverse("safety:revise_assessment", args=[case.pk, assessment.pk])
    assert "Vraag naar het netwerk ontbreekt." in author.get(revise).content.decode()
    response = author.post(revise, assessment_post(version=2, answer_index=2))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.AWAITING_REVIEW
    assert assessment.risk_level == "acute"  # the "yes" answers of the default instrument


def test_an_incomplete_assessment_is_refused_at_the_fields(world, client_as):
    data = assessment_post(conclusion="", reassess_on=TODAY.isoformat())
    first_item = next(k for k in data if k.startswith("item_"))
    del data[first_item]
    response = client_as(Role.CASE_WORKER).post(
        reverse("safety:new_assessment", args=[world.case.pk]), data
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'id="id_conclusion_error"' in content
    assert not SafetyAssessment.objects.exists()


def test_a_report_by_the_case_worker_raises_the_role_conflict_warning(world, client_as):
    case = world.case
    worker = world.users[Role.CASE_WORKER]
    Case.objects.filter(pk=case.pk).update(worker=worker)
    child = world.household.members.get()
    client = client_as(Role.CASE_WORKER)
    response = client.post(
        reverse("safety:report", args=[case.pk]),
        {
            "version": case.version,
            "reported_on": TODAY.isoformat(),
            "reported_by": worker.pk,
            "reference": "VT-2026-1234",
            "children": [child.pk],
            "summary": "Zorgen over geweld tussen de ouders waar Noor bij is.",
        },
        follow=True,
    )
    content = response.content.decode()
    assert "Rolconflict" in content
    assert "laat een tweede medewerker de rol van melder nemen" in content
    assert reverse("safety:reporting_role", args=[case.pk]) in content

    second = world.users[Role.SAFETY_OFFICER]
    response = client.post(
        reverse("safety:reporting_role", args=[case.pk]),
        {"version": case.version, "worker": second.pk, "reason": "Rolscheiding"},
        follow=True,
    )
    content = response.content.decode()
    assert "Rolconflict" not in content
    assert f"{second} heeft de rol van melder" in content


def test_signals_of_all_household_members_are_shown_together(world, client_as):
    parent = ResidentFactory(
        given_names="Sanne", birth_date=date(1985, 1, 1), district=world.household.district
    )
    MembershipFactory(household=world.household, resident=parent, role=MemberRole.PARENT)
    sibling = ResidentFactory(
        given_names="Daan", birth_date=date(2012, 1, 1), district=world.household.district
    )
    MembershipFactory(household=world.household, resident=sibling)
    client = client_as(Role.CASE_WORKER)
    url = reverse("safety:signal", args=[world.case.pk])
    for person, text in (
        (parent, "Moeder drinkt veel"),
        (sibling, "Daan verzuimt"),
        (parent, "Schuldeisers aan de deur"),
    ):
        response = client.post(
            url,
            {
                "version": world.case.version,
                "resident": person.pk,
                "observed_on": TODAY.isoformat(),
                "description": text,
                "source": "school",
            },
        )
        assert response.status_code == 302
    page = client.get(reverse("safety:overview", args=[world.case.pk])).content.decode()
    assert "3 signalen over 2 gezinsleden" in page
    assert "Moeder drinkt veel" in page and "Daan verzuimt" in page


def test_reporting_code_decides_with_the_framework(world, client_as):
    client = client_as(Role.CASE_WORKER)
    url = reverse("safety:reporting_code", args=[world.case.pk])
    colleague = world.users[Role.SAFETY_OFFICER]
    steps = {
        "version": 1,
        "signals_summary": "School ziet blauwe plekken bij Noor.",
        "colleague": colleague.pk,
        "colleague_consulted_on": TODAY.isoformat(),
        "family_not_talked_reason": "Een gesprek brengt Noor in gevaar.",
        "q1_suspicion": "yes",
        "q2_acute_or_structural": "",
        "decision_note": "Melden.",
        "conclude": "on",
    }
    refused = client.post(url, steps)
    assert refused.status_code == 400
    assert "Beantwoord vraag 2 van het afwegingskader." in refused.content.decode()
    assert "School ziet blauwe plekken bij Noor." in refused.content.decode()  # input kept
    assert not ReportingCodeProcedure.objects.exists()  # a refusal saves nothing
    steps.update(q2_acute_or_structural="yes")
    assert client.post(url, steps).status_code == 302
    procedure = ReportingCodeProcedure.objects.get(case=world.case)
    assert procedure.outcome == "report" and procedure.decided_by == world.users[Role.CASE_WORKER]
    page = client.get(reverse("safety:overview", args=[world.case.pk])).content.decode()
    assert "Melding bij Veilig Thuis" in page


def test_verwijsindex_is_for_young_people(world, client_as):
    adult = ResidentFactory(
        given_names="Opa", birth_date=date(1950, 1, 1), district=world.household.district
    )
    MembershipFactory(household=world.household, resident=adult, role=MemberRole.OTHER)
    child = world.household.members.get(given_names="Noor")
    client = client_as(Role.CASE_WORKER)
    url = reverse("safety:index_registration", args=[world.case.pk])
    assert f'value="{adult.pk}"' not in client.get(url).content.decode()
    response = client.post(
        url, {"version": world.case.version, "youth": child.pk, "registered_on": TODAY.isoformat()}
    )
    assert response.status_code == 302
    assert world.case.index_registrations.get().youth == child


def _open_case(world, worker, n):
    case = Case.objects.create(
        reference=f"WT-2026-8{n:05d}",
        household=world.household,
        team=world.team,
        status=CaseStatus.IN_PROGRESS,
        worker=worker,
        registered_at=timezone.now() - timedelta(days=40),
    )
    SafetyAssessment.objects.create(
        case=case,
        instrument=RiskInstrument.objects.get(),
        assessed_on=TODAY - timedelta(days=40),
        assessed_by=worker,
        risk_level="low",
        conclusion="Veilig.",
        reassess_on=TODAY - timedelta(days=n % 5 + 1),
        status=AssessmentStatus.COMPLETED,
        reviewed_by=world.users[Role.SAFETY_OFFICER],
        reviewed_at=timezone.now() - timedelta(days=39),
        recorded_at=timezone.now() - timedelta(days=40),
    )
    return case


def test_overdue_assessments_in_my_work_and_on_the_team_page(world, client_as):
    worker = world.users[Role.CASE_WORKER]
    overdue = _open_case(world, worker, 1)
    Case.objects.filter(pk=world.case.pk).update(status=CaseStatus.CLARIFICATION, worker=worker)
    page = client_as(Role.CASE_WORKER).get(reverse("core:my_work")).content.decode()
    section = page.split('id="safety-work"')[1]
    assert overdue.reference in section and world.case.reference in section
    assert section.index(overdue.reference) < section.index(world.case.reference)  # overdue first
    assert "verlopen sinds" in section
    team = client_as(Role.TEAM_LEAD).get(reverse("accounts:team")).content.decode()
    assert overdue.reference in team.split('id="safety-work"')[1]


def test_work_lists_run_a_constant_number_of_queries(world, client_as):
    worker = world.users[Role.CASE_WORKER]
    for n in range(2):
        _open_case(world, worker, n)
    safety_worklist(worker, TODAY)  # the permission cache is filled once per user object
    with CaptureQueriesContext(connection) as few:
        rows = safety_worklist(worker, TODAY)
    assert len(rows) == 2
    for n in range(2, 24):
        _open_case(world, worker, n)
    with CaptureQueriesContext(connection) as many:
        rows = safety_worklist(worker, TODAY)
    assert len(rows) == 24
    assert len(many) == len(few)
    client = client_as(Role.TEAM_LEAD)
    client.get(reverse("accounts:team"))
    with CaptureQueriesContext(connection) as team_many:
        client.get(reverse("accounts:team"))
    Case.objects.filter(reference__startswith="WT-2026-8").exclude(
        reference__in=["WT-2026-800000", "WT-2026-800001"]
    ).delete()
    with CaptureQueriesContext(connection) as team_few:
        client.get(reverse("accounts:team"))
    assert len(team_many) == len(team_few)


def test_work_list_shows_the_most_urgent_first_and_counts_the_rest(world, client_as):
    worker = world.users[Role.CASE_WORKER]
    for n in range(30):
        _open_case(world, worker, n)
    worklist = safety_worklist(worker, TODAY, size=25)
    assert len(worklist) == 25 and worklist.total == 30 and worklist.more == 5
    everything = safety_worklist(worker, TODAY, size=100)
    # The database's order is the rule's order: overdue first, the longest overdue first.
    keys = [(not r.overdue, r.due is None, r.due or TODAY, r.case.reference) for r in everything]
    assert keys == sorted(keys)
    assert [r.case for r in worklist] == [r.case for r in everything][:25]
    page = client_as(Role.CASE_WORKER).get(reverse("core:my_work")).content.decode()
    assert "Nog 5 casussen hebben een veiligheidstaxatie nodig" in page


def test_safety_page_queries_do_not_grow_with_records(world, client_as):
    from wijkteam.audit.log import AuditContext
    from wijkteam.safety import services

    worker = world.users[Role.CASE_WORKER]
    child = world.household.members.get()
    ctx = AuditContext.system(name="test")

    def add(n):
        for _ in range(n):
            services.record_signal(
                ctx,
                world.case,
                resident=child,
                observed_on=TODAY,
                description="Signaal",
                actor=worker,
            )
            services.record_veilig_thuis_report(
                ctx,
                world.case,
                reported_on=TODAY,
                reported_by=worker,
                reference="VT",
                children=[child],
                summary="Melding",
                actor=worker,
            )

    client = client_as(Role.CASE_WORKER)
    url = reverse("safety:overview", args=[world.case.pk])
    add(2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(20)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
