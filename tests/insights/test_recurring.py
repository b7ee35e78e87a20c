"""Recurring questions (bundelen van vragen): themes chosen at registration and triage,
counted per partner and district in SQL, shown from the threshold on, small counts
suppressed for everyone but the team lead's own district; no person on the page."""

from datetime import date, datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.audit.log import AuditContext
from wijkteam.audit.models import AuditEntry
from wijkteam.cases import services
from wijkteam.cases.models import Case, Intake, QuestionTheme, TriageOutcome, Urgency
from wijkteam.insights.rules import Disclosure, count, recurring, show
from wijkteam.partners.models import FixedContact, Partner, PartnerKind

from ..cases.test_services import family

URL = reverse("insights:recurring")
Q1_ALL = {"period": "2026-K1"}
Q1_NOORD = {"period": "2026-K1", "district": "noord"}
CTX = AuditContext.system()


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def _theme(code: str) -> QuestionTheme:
    return QuestionTheme.objects.get(code=code)


def _intakes(case, n, *, themes=(), partner=None, day=date(2026, 2, 10), start=0):
    for number in range(start, start + n):
        intake = Intake.objects.create(
            reference=f"AM-T-{case.pk}-{number}",
            case=case,
            channel="school_support_team",
            help_question="Vraag",
            urgency="regular",
            submitted_at=_at(day),
            partner=partner,
        )
        intake.themes.set(themes)


@pytest.fixture
def recurring_data(world, settings):
    """Noord: 6 questions "pesten" through school De Klimop (fixed contact: the case
    worker), one of them with the theme on its case too (counted once); 2 more "pesten"
    in Noord without a partner; outside the period 4 more. Zuid: 3 "schulden" on the
    case (triage)."""
    settings.LANGUAGE_CODE = "en"
    settings.WIJKTEAM_RECURRING_THRESHOLD = 3
    pesten, schulden = _theme("pesten"), _theme("schulden-geldzorgen")
    school = Partner.objects.create(
        kind=PartnerKind.SCHOOL, name="De Klimop", district=world.team.district
    )
    FixedContact.objects.create(
        partner=school,
        staff=world.users[Role.CASE_WORKER],
        starts_on=date(2025, 1, 1),
        assigned_by=world.users[Role.TEAM_LEAD],
        assigned_at=timezone.now(),
    )
    _intakes(world.case, 6, themes=[pesten], partner=school)
    _intakes(world.case, 2, themes=[pesten], start=10)
    _intakes(world.case, 4, themes=[pesten], partner=school, day=date(2026, 4, 2), start=20)
    world.other_case.themes.set([schulden])
    _intakes(world.other_case, 3)
    return school


def _client(client_as, role):
    client = client_as(role)
    client.cookies["django_language"] = "en"
    return client


def _rows(response):
    data = response.context["data"]
    return (
        [(r.theme, r.partner.name, r.contact, str(r.count)) for r in data.per_partner],
        [(r.theme, r.district, str(r.count)) for r in data.per_district],
    )


def test_recurring_is_at_or_above_the_threshold_most_first():
    counts = {("Pesten", "Noord"): 5, ("Pesten", "Zuid"): 4, ("Angst", "Noord"): 9}
    assert recurring(counts, 5) == [("Angst", "Noord", 9), ("Pesten", "Noord", 5)]
    assert recurring(counts, 4)[-1] == ("Pesten", "Zuid", 4)
    assert recurring({("A", "x"): 0}, 0) == []  # nothing counted never recurs


def test_small_counts_are_suppressed_unless_exact():
    assert str(show(count(3), Disclosure(5))) == "<5"
    assert str(show(count(3), Disclosure(5, exact=True))) == "3"
    assert str(show(count(5), Disclosure(5))) == "5"


def test_the_team_lead_sees_their_district_exactly_with_the_contact(
    world, client_as, recurring_data
):
    response = _client(client_as, Role.TEAM_LEAD).get(URL, Q1_NOORD)
    assert response.status_code == 200
    per_partner, per_district = _rows(response)
    contact = str(world.users[Role.CASE_WORKER])
    assert per_partner == [("Pesten", "De Klimop", contact, "6")]
    assert per_district == [("Pesten", "Noord", "8")]  # 6 + 2; April not in the quarter


def test_all_districts_are_suppressed_for_the_team_lead_too(world, client_as, recurring_data):
    per_partner, per_district = _rows(_client(client_as, Role.TEAM_LEAD).get(URL, Q1_ALL))
    assert per_district == [("Pesten", "Noord", "8"), ("Schulden en geldzorgen", "Zuid", "<5")]


def test_the_analyst_sees_aggregates_only(world, client_as, recurring_data):
    response = _client(client_as, Role.ANALYST).get(URL, Q1_ALL)
    assert response.status_code == 200
    per_partner, per_district = _rows(response)
    assert per_partner == [("Pesten", "De Klimop", "", "6")]
    assert per_district[-1] == ("Schulden en geldzorgen", "Zuid", "<5")
    html = response.content.decode()
    assert "&lt;5" in html
    for secret in (
        str(world.users[Role.CASE_WORKER]),
        world.users[Role.CASE_WORKER].last_name,
        world.case.reference,
        world.other_case.reference,
        "Familie Noord",
        "AM-T-",
    ):
        assert secret not in html


def test_the_threshold_hides_what_does_not_recur(world, client_as, recurring_data, settings):
    settings.WIJKTEAM_RECURRING_THRESHOLD = 7
    per_partner, per_district = _rows(_client(client_as, Role.QUALITY_OFFICER).get(URL, Q1_ALL))
    assert per_partner == []
    assert per_district == [("Pesten", "Noord", "8")]


def test_who_may_see_it(world, client_as, recurring_data):
    for role in (Role.CASE_WORKER, Role.ADMINISTRATOR, Role.COMPLAINTS_OFFICER):
        assert client_as(role).get(URL, Q1_ALL).status_code == 403
    assert client_as(Role.QUALITY_OFFICER).get(URL).status_code == 200


def test_a_constant_number_of_queries(world, client_as, recurring_data):
    client = _client(client_as, Role.TEAM_LEAD)
    with CaptureQueriesContext(connection) as before:
        client.get(URL, Q1_ALL)
    other = Partner.objects.create(
        kind=PartnerKind.GP_PRACTICE, name="Huisartsen Zuid", district=world.other_team.district
    )
    angst = _theme("angst-somberheid")
    _intakes(world.other_case, 9, themes=[angst], partner=other, start=40)
    _intakes(world.case, 5, themes=[angst, _theme("pesten")], start=60)
    with CaptureQueriesContext(connection) as after:
        response = client.get(URL, Q1_ALL)
    assert len(response.context["data"].per_partner) == 3  # with the case's "schulden"
    assert len(after) == len(before)


def test_themes_and_partner_are_saved_and_audited(world):
    school = Partner.objects.create(
        kind=PartnerKind.SCHOOL, name="De Klimop", district=world.team.district
    )
    pesten, verzuim = _theme("pesten"), _theme("schoolverzuim")
    intake = services.register_intake(CTX, family(themes=[pesten], partner=school))
    assert list(intake.themes.all()) == [pesten] and intake.partner == school
    case = intake.case
    assert list(case.themes.all()) == [pesten]
    entry = AuditEntry.objects.get(object_type="cases.intake", object_id=str(intake.pk))
    assert {"partner", "themes"} <= set(entry.detail["fields"])

    lead = world.users[Role.TEAM_LEAD]
    case = services.record_triage(
        CTX,
        Case.objects.get(pk=case.pk),
        urgency=Urgency.REGULAR,
        outcome=TriageOutcome.CASE,
        note="",
        actor=lead,
        roles=["team_lead"],
        expected_version=None,
        themes=[verzuim, pesten],
    )
    assert set(case.themes.all()) == {pesten, verzuim}
    entries = AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk))
    fields = [e.detail.get("fields", []) for e in entries]
    assert ["themes", "triage_outcome", "urgency"] in fields
