"""Intake and case services: each path of the issue, walked through the services."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.audit.log import AuditContext
from wijkteam.audit.models import AuditEntry
from wijkteam.cases import services
from wijkteam.cases.models import Case, CaseStatus, Channel, TriageOutcome, Urgency
from wijkteam.cases.queries import cases_visible_to, my_cases, waiting_list
from wijkteam.core.errors import ConcurrentEditError, RuleViolation
from wijkteam.people.models import Household, Resident

from ..factories import CertificateFactory, UserFactory

CTX = AuditContext.system()


def family(**changes) -> services.IntakeInput:
    data = services.IntakeInput(
        channel=Channel.ONLINE,
        help_question="Onze zoon wil niet meer naar school en we weten niet wat we moeten doen.",
        urgency=Urgency.REGULAR,
        postcode="8011 AB",
        house_number="12",
        phone="0612345678",
        persons=[
            services.PersonInput(
                "Ayşe",
                "Demir",
                date(1985, 3, 4),
                role="parent",
                has_parental_authority=True,
                bsn="123456782",
            ),
            services.PersonInput("Emre", "Demir", date(2013, 9, 1), is_subject=True),
        ],
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_online_registration_to_my_work(world):
    intake = services.register_intake(CTX, family())
    case = intake.case
    assert case.status == CaseStatus.REGISTERED and case.team == world.team
    assert case.reference.startswith(f"WT-{timezone.now().year}-")
    assert intake.reference.startswith("AM-") and not intake.linked_to_existing
    assert [r.given_names for r in case.subjects.all()] == ["Emre"]
    lead, worker = world.users[Role.TEAM_LEAD], world.users[Role.CASE_WORKER]
    assert case in [row.case for row in waiting_list(lead)]

    case = services.record_triage(
        CTX,
        case,
        urgency=Urgency.URGENT,
        outcome=TriageOutcome.CASE,
        note="",
        actor=lead,
        roles=["team_lead"],
        expected_version=case.version,
    )
    assert case.status == CaseStatus.CLARIFICATION and case.urgency == Urgency.URGENT
    case = services.assign_worker(
        CTX, case, worker, reason="", actor=lead, expected_version=case.version
    )
    assert [row.case for row in my_cases(worker)] == [case]
    assert case not in [row.case for row in waiting_list(lead)]
    assert AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk)).count() >= 3


def test_duplicate_registration_links_to_existing_household_and_open_case(world):
    first = services.register_intake(CTX, family())
    again = services.register_intake(
        CTX,
        family(
            channel=Channel.GP,
            persons=[
                services.PersonInput("Emre", "Demir", date(2013, 9, 1), is_subject=True),
            ],
            postcode="8011AB",
        ),
    )
    assert again.linked_to_existing
    assert again.case == first.case
    assert Household.objects.filter(members__surname="Demir").distinct().count() == 1
    assert Resident.objects.filter(surname="Demir").count() == 2


def test_known_bsn_links_even_with_other_spelling(world):
    first = services.register_intake(CTX, family())
    again = services.register_intake(
        CTX,
        family(
            persons=[
                services.PersonInput(
                    "Ayse",
                    "Demir-Yilmaz",
                    date(1985, 3, 4),
                    bsn="1234.56.782",
                    role="parent",
                    is_subject=True,
                ),
            ]
        ),
    )
    assert again.case == first.case


def test_advice_closes_the_case_at_once_and_needs_a_note(world):
    case = services.register_intake(CTX, family()).case
    lead = world.users[Role.TEAM_LEAD]
    with pytest.raises(RuleViolation) as refused:
        services.record_triage(
            CTX,
            case,
            urgency=Urgency.REGULAR,
            outcome=TriageOutcome.ADVICE,
            note="",
            actor=lead,
            roles=["team_lead"],
            expected_version=None,
        )
    assert refused.value.verdict.codes == ("triage_note_needed",)
    case = services.record_triage(
        CTX,
        case,
        urgency=Urgency.REGULAR,
        outcome=TriageOutcome.ADVICE,
        note="Informatie over de schoolmaatschappelijk werker gegeven.",
        actor=lead,
        roles=["team_lead"],
        expected_version=None,
    )
    assert case.status == CaseStatus.CLOSED and case.closed_at


def test_postcode_outside_the_municipality_is_refused(world):
    with pytest.raises(RuleViolation) as refused:
        services.register_intake(CTX, family(postcode="1011 AB"))
    assert refused.value.verdict.codes == ("postcode_outside_municipality",)
    assert not Case.objects.filter(intakes__isnull=False).exists()


def test_assignment_refuses_worker_without_current_vog(world):
    case = services.register_intake(CTX, family()).case
    no_vog = UserFactory(team=world.team, roles=[Role.CASE_WORKER])
    with pytest.raises(RuleViolation) as refused:
        services.assign_worker(
            CTX, case, no_vog, reason="", actor=world.users[Role.TEAM_LEAD], expected_version=None
        )
    assert refused.value.verdict.codes == ("vog_missing",)
    case.refresh_from_db()
    assert case.worker is None and case.version == 1


def test_change_of_worker_needs_a_reason_and_is_counted(world):
    case = services.register_intake(CTX, family()).case
    lead = world.users[Role.TEAM_LEAD]
    first = world.users[Role.CASE_WORKER]
    second = UserFactory(team=world.team, roles=[Role.CASE_WORKER])
    CertificateFactory(user=second)
    case = services.assign_worker(CTX, case, first, reason="", actor=lead, expected_version=None)
    with pytest.raises(RuleViolation):
        services.assign_worker(CTX, case, second, reason=" ", actor=lead, expected_version=None)
    case = services.assign_worker(
        CTX, case, second, reason="Ziekte", actor=lead, expected_version=None
    )
    assert case.assignments.count() == 2
    assert case.assignments.filter(ended_at__isnull=True).get().worker == second


def test_stale_version_is_a_conflict(world):
    case = services.register_intake(CTX, family()).case
    lead = world.users[Role.TEAM_LEAD]
    opened_at = case.version
    services.change_status(
        CTX, case, CaseStatus.TRIAGE, actor=lead, roles=["team_lead"], expected_version=opened_at
    )
    with pytest.raises(ConcurrentEditError):
        services.record_triage(
            CTX,
            case,
            urgency=Urgency.CRISIS,
            outcome=TriageOutcome.CASE,
            note="",
            actor=lead,
            roles=["team_lead"],
            expected_version=opened_at,
        )
    case.refresh_from_db()
    assert case.urgency == Urgency.REGULAR and case.status == CaseStatus.TRIAGE


def test_contact_moment_records_first_contact_and_child_spoken_to(world):
    case = services.register_intake(CTX, family()).case
    worker = world.users[Role.CASE_WORKER]
    emre = Resident.objects.get(given_names="Emre")
    contact = services.record_contact_moment(
        CTX,
        case,
        occurred_on=date.today(),
        kind="home_visit",
        note="Kennismaking thuis.",
        actor=worker,
        present=[emre],
        children_spoken_to=[emre],
    )
    assert contact.presences.get().child_spoken_to
    case.refresh_from_db()
    assert case.first_contact_on == date.today()
    stranger = Resident.objects.exclude(memberships__household=case.household).first()
    with pytest.raises(RuleViolation):
        services.record_contact_moment(
            CTX,
            case,
            occurred_on=date.today(),
            kind="phone",
            note="",
            actor=worker,
            present=[stranger],
            children_spoken_to=[],
        )


def test_break_the_glass_opens_another_teams_case_for_a_limited_time(world):
    data = family(postcode="9011 AB")
    case = services.register_intake(CTX, data).case
    worker = world.users[Role.CASE_WORKER]
    assert not cases_visible_to(worker).filter(pk=case.pk).exists()
    with pytest.raises(RuleViolation):
        services.grant_access_outside_team(CTX, case, user=worker, reason="kort")
    grant = services.grant_access_outside_team(
        CTX, case, user=worker, reason="Crisisdienst: vader belt buiten kantoortijd."
    )
    assert cases_visible_to(worker).filter(pk=case.pk).exists()
    grant.expires_at = timezone.now() - timedelta(minutes=1)
    grant.save()
    assert not cases_visible_to(worker).filter(pk=case.pk).exists()


def test_a_case_leaves_triage_only_with_a_recorded_outcome(world):
    case = services.register_intake(CTX, family()).case
    lead = world.users[Role.TEAM_LEAD]
    case = services.change_status(
        CTX, case, CaseStatus.TRIAGE, actor=lead, roles=["team_lead"], expected_version=None
    )
    with pytest.raises(RuleViolation) as refused:
        services.change_status(
            CTX,
            case,
            CaseStatus.CLOSED,
            actor=lead,
            roles=["team_lead"],
            reason="weg",
            expected_version=None,
        )
    assert refused.value.verdict.codes == ("use_triage",)
