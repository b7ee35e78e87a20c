"""The case pages, walked as a team lead and a case worker would."""

from datetime import date

from django.urls import reverse

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry
from wijkteam.cases.models import CaseStatus, TriageOutcome, Urgency

from ..factories import UserFactory


def test_triage_assign_and_my_work(world, client_as):
    case = world.case
    lead = client_as(Role.TEAM_LEAD)
    team_page = lead.get(reverse("accounts:team")).content.decode()
    assert case.reference in team_page  # on the waiting list

    response = lead.post(
        reverse("cases:triage", args=[case.pk]),
        {"version": case.version, "urgency": Urgency.URGENT, "outcome": TriageOutcome.CASE},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLARIFICATION

    worker = world.users[Role.CASE_WORKER]
    response = lead.post(
        reverse("cases:assign", args=[case.pk]),
        {"version": case.version, "worker": worker.pk, "reason": ""},
    )
    assert response.status_code == 302
    page = client_as(Role.CASE_WORKER).get(reverse("core:my_work")).content.decode()
    assert case.reference in page


def test_assigning_a_worker_without_vog_is_refused_at_the_field(world, client_as):
    case = world.case
    no_vog = UserFactory(team=world.team, roles=[Role.CASE_WORKER], last_name="Zonder")
    lead = client_as(Role.TEAM_LEAD)
    page = lead.get(reverse("cases:assign", args=[case.pk])).content.decode()
    assert f'value="{no_vog.pk}" disabled' in page  # offered, but not choosable
    response = lead.post(
        reverse("cases:assign", args=[case.pk]),
        {"version": case.version, "worker": no_vog.pk, "reason": ""},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'id="worker-error"' in content
    assert "Er is geen verklaring omtrent het gedrag (VOG) geregistreerd" in content
    case.refresh_from_db()
    assert case.worker is None


def test_edit_conflict_keeps_the_second_users_input(world, client_as):
    case = world.case
    opened_at = case.version
    lead = client_as(Role.TEAM_LEAD)
    first = lead.post(
        reverse("cases:triage", args=[case.pk]),
        {"version": opened_at, "urgency": Urgency.CRISIS, "outcome": TriageOutcome.CASE},
    )
    assert first.status_code == 302
    second = client_as(Role.CASE_WORKER).post(
        reverse("cases:triage", args=[case.pk]),
        {
            "version": opened_at,
            "urgency": Urgency.REGULAR,
            "outcome": TriageOutcome.ADVICE,
            "note": "Mijn zorgvuldig getypte advies",
        },
    )
    assert second.status_code == 409
    content = second.content.decode()
    assert "Mijn zorgvuldig getypte advies" in content
    assert "wt-error-summary" in content
    case.refresh_from_db()
    assert case.urgency == Urgency.CRISIS


def test_contact_moment_with_child_spoken_to_on_the_timeline(world, client_as):
    case = world.case
    child = world.household.members.get()
    client = client_as(Role.CASE_WORKER)
    response = client.post(
        reverse("cases:contact_moment", args=[case.pk]),
        {
            "version": case.version,
            "occurred_on": date.today().isoformat(),
            "kind": "home_visit",
            "present": [child.pk],
            "children_spoken_to": [child.pk],
            "note": "Kennismaking",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Kennismaking" in page and child.full_name in page


def test_a_child_spoken_to_must_be_present(world, client_as):
    case = world.case
    child = world.household.members.get()
    response = client_as(Role.CASE_WORKER).post(
        reverse("cases:contact_moment", args=[case.pk]),
        {
            "version": case.version,
            "occurred_on": date.today().isoformat(),
            "kind": "phone",
            "children_spoken_to": [child.pk],
        },
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


def test_case_page_is_audited_for_every_person_shown(world, client_as):
    client_as(Role.CASE_WORKER).get(
        reverse("cases:case_detail", args=[world.case.pk]), HTTP_X_REQUEST_ID="case-page-0001"
    )
    kinds = set(
        AuditEntry.objects.filter(request_id="case-page-0001").values_list("object_type", flat=True)
    )
    assert kinds == {"cases.case", "people.household", "people.resident"}


def test_waiting_list_runs_a_constant_number_of_queries(
    world, client_as, django_assert_max_num_queries
):
    from django.utils import timezone

    from wijkteam.cases.models import Case

    client = client_as(Role.TEAM_LEAD)
    url = reverse("accounts:team")
    client.get(url)
    with django_assert_max_num_queries(40) as baseline:
        client.get(url)
    for n in range(15):
        Case.objects.create(
            reference=f"WT-2026-8{n:05d}",
            household=world.household,
            team=world.team,
            registered_at=timezone.now(),
        )
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        client.get(url)


def _registration(**changes):
    data = {
        "channel": "phone",
        "referrer_type": "self",
        "help_question": "Onze dochter slaapt slecht.",
        "urgency": "regular",
        "postcode": "8011 AB",
        "house_number": "3",
        "phone": "0612345678",
        "person-TOTAL_FORMS": "3",
        "person-INITIAL_FORMS": "0",
        "person-MIN_NUM_FORMS": "0",
        "person-MAX_NUM_FORMS": "8",
        "person-0-given_names": "Lisa",
        "person-0-surname": "Vermeer",
        "person-0-birth_date": "2016-02-03",
        "person-0-role": "child",
        "person-0-is_subject": "on",
        "person-0-bsn_missing_reason": "nog niet bekend",
    }
    data.update(changes)
    return data


def test_staff_registration_creates_a_case(world, client_as):
    client = client_as(Role.CASE_WORKER)
    response = client.post(reverse("cases:register"), _registration())
    assert response.status_code == 302
    from wijkteam.cases.models import Intake

    intake = Intake.objects.get(case__household__members__surname="Vermeer")
    assert intake.registered_by == world.users[Role.CASE_WORKER] and intake.channel == "phone"
    assert response["Location"] == reverse("cases:case_detail", args=[intake.case_id])


def test_invalid_bsn_is_refused_at_the_field_in_dutch_and_nothing_is_saved(world, client_as):
    from wijkteam.cases.models import Intake

    before = Intake.objects.count()
    response = client_as(Role.CASE_WORKER).post(
        reverse("cases:register"), _registration(**{"person-0-bsn": "123456781"})
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "elfproef" in content
    assert 'id="id_person-0-bsn"' in content and 'aria-invalid="true"' in content
    assert (
        'value="Onze dochter slaapt slecht."' in content or "Onze dochter slaapt slecht." in content
    )
    assert Intake.objects.count() == before


def test_registration_outside_the_municipality_is_refused_at_postcode(world, client_as):
    response = client_as(Role.CASE_WORKER).post(
        reverse("cases:register"), _registration(postcode="1011 AB")
    )
    assert response.status_code == 400
    assert "hoort niet bij een wijk" in response.content.decode()


def test_expertise_set_at_triage_ranks_the_matching_worker_first(world, client_as):
    from ..factories import CertificateFactory, ExpertiseTagFactory

    debts = ExpertiseTagFactory(code="schulden", name="Schulden")
    specialist = UserFactory(team=world.team, roles=[Role.CASE_WORKER], last_name="Aaa")
    specialist.expertise.add(debts)
    CertificateFactory(user=specialist)
    lead = client_as(Role.TEAM_LEAD)
    case = world.case
    lead.post(
        reverse("cases:triage", args=[case.pk]),
        {
            "version": case.version,
            "urgency": Urgency.REGULAR,
            "outcome": TriageOutcome.CASE,
            "needed_expertise": [debts.pk],
        },
    )
    page = lead.get(reverse("cases:assign", args=[case.pk])).content.decode()
    first_radio = page.index('name="worker"')
    assert f'value="{specialist.pk}"' in page[first_radio : first_radio + 200]


def test_household_and_case_pages_run_a_constant_number_of_queries(
    world, client_as, django_assert_max_num_queries
):
    from wijkteam.audit.log import AuditContext
    from wijkteam.cases import services as case_services

    client = client_as(Role.CASE_WORKER)
    worker = world.users[Role.CASE_WORKER]
    child = world.household.members.get()
    urls = [
        reverse("people:household_detail", args=[world.household.pk]),
        reverse("cases:case_detail", args=[world.case.pk]),
    ]
    case_services.record_contact_moment(
        AuditContext.system(),
        world.case,
        occurred_on=date.today(),
        kind="phone",
        note="Eerste",
        actor=worker,
        present=[child],
        children_spoken_to=[],
    )
    baselines = {}
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(60) as baseline:
            client.get(url)
        baselines[url] = len(baseline.captured_queries)
    for _ in range(10):
        case_services.record_contact_moment(
            AuditContext.system(),
            world.case,
            occurred_on=date.today(),
            kind="phone",
            note="Gebeld",
            actor=worker,
            present=[child],
            children_spoken_to=[child],
        )
    for url in urls:
        with django_assert_max_num_queries(baselines[url]):
            client.get(url)


def test_registration_for_a_family_of_another_team_says_where_it_went(world, client_as):
    other_member = world.other_household.members.get()
    data = _registration(
        **{
            "person-0-given_names": other_member.given_names,
            "person-0-surname": other_member.surname,
            "person-0-birth_date": other_member.birth_date.isoformat(),
            "person-0-bsn": other_member.bsn,
            "person-0-bsn_missing_reason": "",
        }
    )
    client = client_as(Role.CASE_WORKER)
    response = client.post(reverse("cases:register"), data, follow=True)
    assert response.status_code == 200
    assert world.other_team.name in response.content.decode()
    assert world.other_case.intakes.count() == 1


def test_case_page_offers_the_moves_the_role_may_make(world, client_as):
    from wijkteam.cases.models import Case

    case = world.case
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
    change_url = reverse("cases:change_status", args=[case.pk])
    assert (
        change_url
        in client_as(Role.TEAM_LEAD)
        .get(reverse("cases:case_detail", args=[case.pk]))
        .content.decode()
    )
    assert (
        change_url
        not in client_as(Role.CASE_WORKER)
        .get(reverse("cases:case_detail", args=[case.pk]))
        .content.decode()
    )
