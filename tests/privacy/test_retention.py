"""Retention and destruction: closed files go when their period has passed, with a record
that names the rule but holds no personal data; open files never go; the audit log is
purged only through the retention job."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from hypothesis import given
from hypothesis import strategies as st

from wijkteam.audit.log import AuditContext
from wijkteam.audit.models import AuditEntry
from wijkteam.cases import services as case_services
from wijkteam.cases.models import Case, CaseEvent, CaseStatus, ContactMoment, Intake
from wijkteam.people.models import Household, Resident
from wijkteam.privacy.models import DestructionRecord
from wijkteam.privacy.retention import apply_retention, retention_overview, retention_plan
from wijkteam.privacy.rules import candidate_bound, destruction_due_on, is_due, last_due_day

from ..cases.test_services import family

TODAY = date(2026, 12, 7)
CTX = AuditContext.system(name="retention-test")


# --- The rule -----------------------------------------------------------------------------


def test_due_on_the_anniversary_not_before():
    assert destruction_due_on(date(2006, 12, 7), 20) == TODAY
    assert is_due(date(2006, 12, 7), TODAY, 20)
    assert not is_due(date(2006, 12, 8), TODAY, 20)
    assert not is_due(None, TODAY, 1)  # an open file never is
    assert destruction_due_on(date(2008, 2, 29), 1) == date(2009, 2, 28)


@given(
    closed=st.dates(date(1990, 1, 1), date(2030, 12, 31)),
    today=st.dates(date(2000, 1, 1), date(2040, 12, 31)),
    years=st.integers(1, 30),
)
def test_the_database_bound_never_misses_a_due_file(closed, today, years):
    if is_due(closed, today, years):
        assert closed < candidate_bound(today, years)


@given(
    closed=st.dates(date(1990, 1, 1), date(2030, 12, 31)),
    today=st.dates(date(2000, 1, 1), date(2040, 12, 31)),
    years=st.integers(1, 30),
)
def test_the_last_due_day_splits_due_from_kept_exactly(closed, today, years):
    assert is_due(closed, today, years) == (closed <= last_due_day(today, years))


# --- Destruction --------------------------------------------------------------------------


def _closed(intake: Intake, years_ago: float, outcome: str = "case") -> Case:
    case = intake.case
    closed_at = datetime(2026, 12, 7, 10, tzinfo=UTC) - timedelta(days=round(365.25 * years_ago))
    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.CLOSED, closed_at=closed_at, triage_outcome=outcome
    )
    case.refresh_from_db()
    return case


def _old_case(world, surname: str, years_ago: float, outcome="case") -> Case:
    from wijkteam.cases.services import PersonInput

    intake = case_services.register_intake(
        CTX,
        family(
            persons=[
                PersonInput("Ouder", surname, date(1980, 1, 1), role="parent"),
                PersonInput("Kind", surname, date(2010, 1, 1), is_subject=True),
            ]
        ),
    )
    case = _closed(intake, years_ago, outcome)
    ContactMoment.objects.create(
        case=case,
        occurred_on=date(2005, 3, 1),
        kind="home_visit",
        worker=world.users["case_worker"],
        recorded_at=case.registered_at,
    )
    return case


def test_dry_run_lists_and_changes_nothing(world):
    old = _old_case(world, "Oudeboom", 21)
    _old_case(world, "Jongeboom", 19)
    rows = (Case.objects.count(), Resident.objects.count(), AuditEntry.objects.count())
    plan = retention_plan(TODAY)
    assert [item.case for item in plan.files] == [old]
    assert plan.households == [old.household]
    assert (Case.objects.count(), Resident.objects.count(), AuditEntry.objects.count()) == rows


def test_a_file_past_its_period_goes_with_everything_in_it(world):
    old = _old_case(world, "Oudeboom", 21)
    young = _old_case(world, "Jongeboom", 19)
    household_id, reference = old.household_id, old.reference
    result = apply_retention(TODAY)
    assert not result.failures
    assert not Case.objects.filter(pk=old.pk).exists()
    assert not Intake.objects.filter(case_id=old.pk).exists()
    assert not CaseEvent.objects.filter(case_id=old.pk).exists()
    assert not Household.objects.filter(pk=household_id).exists()
    assert not Resident.objects.filter(surname="Oudeboom").exists()
    assert Case.objects.filter(pk=young.pk).exists()  # 19 years: kept
    record = DestructionRecord.objects.get(object_type="cases.case")
    assert record.rule == "case_file" and record.period_years == 20
    assert record.reference == reference and record.closed_on is not None
    assert record.counts["cases.case"] == 1 and record.counts["cases.contactmoment"] == 1
    household_record = DestructionRecord.objects.get(object_type="people.household")
    assert household_record.counts["people.resident"] == 2
    every_field = " ".join(
        str(value) for r in DestructionRecord.objects.values() for value in r.values()
    )
    assert "Oudeboom" not in every_field and "123456782" not in every_field
    assert AuditEntry.objects.filter(action="delete", object_id=str(old.pk)).exists()
    assert apply_retention(TODAY).records == []  # run again: nothing more is due


def test_triage_only_files_have_their_own_period(world, settings):
    settings.WIJKTEAM_RETENTION_TRIAGE_ONLY_YEARS = 5
    advice = _old_case(world, "Adviesma", 6, outcome="advice")
    full = _old_case(world, "Hulpma", 6, outcome="case")
    apply_retention(TODAY)
    assert not Case.objects.filter(pk=advice.pk).exists()
    assert Case.objects.filter(pk=full.pk).exists()
    assert DestructionRecord.objects.get(object_type="cases.case").rule == "triage_only"


def test_open_and_reopened_cases_never_go(world):
    case = _old_case(world, "Heropend", 30)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLARIFICATION, closed_at=None)
    apply_retention(TODAY)
    assert Case.objects.filter(pk=case.pk).exists()


def test_a_household_with_a_newer_case_stays(world):
    old = _old_case(world, "Blijverink", 25)
    newer = Case.objects.create(
        reference="WT-2026-999999",
        household=old.household,
        team=old.team,
        registered_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    apply_retention(TODAY)
    assert not Case.objects.filter(pk=old.pk).exists()
    assert Household.objects.filter(pk=newer.household_id).exists()
    assert Resident.objects.filter(surname="Blijverink").count() == 2


def test_the_command_dry_run_and_the_scheduled_job(world, capsys):
    _old_case(world, "Oudeboom", 21)
    call_command("apply_retention", "--dry-run", "--today", TODAY.isoformat())
    out = capsys.readouterr().out
    assert "Would destroy 1 case file(s)" in out and "Oudeboom" not in out
    assert Case.objects.filter(household__name__contains="Oudeboom").exists()
    call_command("run_scheduled_jobs")
    out = capsys.readouterr().out
    assert "retention: " in out and "sessions: " in out


# --- The audit log ------------------------------------------------------------------------


def _old_entry(years_ago: int) -> AuditEntry:
    return AuditEntry.objects.create(
        occurred_at=datetime(2026 - years_ago, 6, 1, tzinfo=UTC),
        actor_username="oud",
        action="view",
        object_type="people.household",
        object_id="1",
        purpose="casework",
    )


def test_audit_entries_are_kept_for_their_own_period(world, settings):
    settings.WIJKTEAM_RETENTION_AUDIT_YEARS = 10
    old, recent = _old_entry(11), _old_entry(9)
    apply_retention(TODAY)
    remaining = set(AuditEntry.objects.values_list("pk", flat=True))
    assert old.pk not in remaining and recent.pk in remaining
    record = DestructionRecord.objects.get(rule="audit_log")
    assert record.counts == {"audit.auditentry": 1}


def test_the_trigger_still_refuses_a_delete_outside_retention(world, postgres):
    entry = _old_entry(30)
    for statement, params in (
        ("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk]),
        ("UPDATE audit_auditentry SET purpose = 'x' WHERE id = %s", [entry.pk]),
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, params)
    # A purge date less than a year back is refused too: retention cannot empty the log.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('wijkteam.audit_purge_before', %s, true)", ["2026-12-01"])
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_file_with_a_plan_a_decision_and_its_messages_goes_whole(world):
    """Records that protect their case (a decision, its iJw messages, the plan) are part
    of the file: they go with it."""
    from wijkteam.allocation.models import Decision
    from wijkteam.ijw.models import Message
    from wijkteam.plans.models import SupportPlan

    from ..allocation_helpers import catalogue, issued, ready_case
    from ..plans.helpers import agreed_plan, record_child_voice

    ready_case(world)
    record_child_voice(world)
    agreed_plan(world)
    issued(world, catalogue()["ambulant"])
    assert Message.objects.filter(case=world.case).exists()
    Case.objects.filter(pk=world.case.pk).update(
        status=CaseStatus.CLOSED, closed_at=datetime(2005, 1, 10, tzinfo=UTC)
    )
    result = apply_retention(TODAY)
    assert not result.failures
    assert not Case.objects.filter(pk=world.case.pk).exists()
    assert not Decision.objects.exists() and not SupportPlan.objects.exists()
    assert not Message.objects.exists()
    record = DestructionRecord.objects.get(object_type="cases.case")
    assert record.counts["allocation.decision"] == 1 and record.counts["plans.supportplan"] == 1


def test_complaints_go_after_their_own_period_open_ones_never(world, settings):
    from wijkteam.quality.models import Complaint

    from ..quality.conftest import make_complaint

    settings.WIJKTEAM_RETENTION_COMPLAINT_YEARS = 5
    old = make_complaint(received_on=date(2019, 1, 5))
    recent = make_complaint(received_on=date(2023, 1, 5))
    still_open = make_complaint(received_on=date(2015, 1, 5))
    Complaint.objects.filter(pk=old.pk).update(status="decided", closed_on=date(2019, 2, 1))
    Complaint.objects.filter(pk=recent.pk).update(status="withdrawn", closed_on=date(2023, 2, 1))
    assert [c.pk for c in retention_plan(TODAY).complaints] == [old.pk]
    apply_retention(TODAY)
    assert set(Complaint.objects.values_list("pk", flat=True)) == {recent.pk, still_open.pk}
    record = DestructionRecord.objects.get(rule="complaint")
    assert record.reference == old.reference and "Petra" not in str(record.counts)


def test_the_overview_counts_what_the_dry_run_lists(world, settings):
    settings.WIJKTEAM_RETENTION_TRIAGE_ONLY_YEARS = 5
    _old_case(world, "Oudeboom", 21)
    _old_case(world, "Adviesma", 6, outcome="advice")
    _old_case(world, "Jongeboom", 19)
    plan = retention_plan(TODAY)
    overview = retention_overview(TODAY, shown=1)
    assert overview.counts == plan.counts()
    assert overview.counts["case_file"] == 1 and overview.counts["triage_only"] == 1
    assert [item.case for item in overview.first] == [plan.files[0].case]


def test_the_retention_page_is_bounded_and_its_queries_constant(
    world, client_as, django_assert_max_num_queries
):
    from django.urls import reverse

    from ..core.test_list_query_counts import _counts_stay

    for n in range(2):
        _old_case(world, f"Oudeboom{n}", 21 + n)

    def grow():
        for n in range(2, 8):
            _old_case(world, f"Oudeboom{n}", 21 + n)

    html = _counts_stay(
        client_as("privacy_officer"),
        reverse("privacy:retention"),
        grow,
        django_assert_max_num_queries,
    )
    assert "8 dossiers, 0 dossiers die bij de triage zijn afgesloten, 8 " in html
    assert html.count("VT-") + html.count("WT-") >= 8  # the first files, by reference
