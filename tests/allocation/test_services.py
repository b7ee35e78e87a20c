"""Decisions with the database: drafts, each rule on issue, co-signature by a different
behavioural expert, ending and withdrawing with their JW301 messages, objections, and
the weighing framework with its "not granted, and why" counts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from lxml import etree

from wijkteam.accounts.roles import Role
from wijkteam.allocation import services
from wijkteam.allocation.models import Decision, DecisionStatus, Weighing
from wijkteam.allocation.queries import (
    cosign_worklist,
    intervention_level_counts,
    not_granted_counts,
)
from wijkteam.allocation.rules import WeighingInput
from wijkteam.audit.models import AuditEntry
from wijkteam.cases.queries import timeline
from wijkteam.core.errors import ConcurrentEditError, RuleViolation
from wijkteam.ijw import schema
from wijkteam.ijw.models import Message, MessageStatus
from wijkteam.safety.models import CrisisSafetyException

from ..allocation_helpers import (
    CTX,
    EXPERT_ROLES,
    WORKER_ROLES,
    catalogue,
    decision_input,
    draft,
    issue,
    issued,
    ready_case,
    youth_of,
)

NS = "{http://www.istandaarden.nl/ijw/3_2/jw301/schema}"
BASE = "{http://www.istandaarden.nl/ijw/3_2/basisschema/schema}"


def refusal(call) -> tuple[str, ...]:
    with pytest.raises(RuleViolation) as caught:
        call()
    return caught.value.verdict.codes


def test_issuing_gives_an_allocation_number_and_a_schema_valid_jw301(world, products, ijw_schemas):
    decision = issued(world, products["ambulant"])
    assert decision.status == DecisionStatus.ISSUED and decision.allocation_number
    assert decision.cost == Decimal("4266.43")  # 2 hours a week for 181 days at 82.50
    message = Message.objects.get(kind="JW301")
    assert message.status == MessageStatus.PENDING and message.schema_valid is True
    assert list(message.decisions.all()) == [decision]
    assert schema.validate("JW301", message.xml.encode()).errors == ()
    root = etree.fromstring(message.xml.encode())
    assert root.findtext(f"{NS}Header/{NS}Afzender") == "0193"
    assert root.findtext(f"{NS}Header/{NS}Ontvanger") == "12345678"
    product = root.find(f"{NS}Client/{NS}ToegewezenProducten/{NS}ToegewezenProduct")
    assert product.findtext(f"{NS}ToewijzingNummer") == str(decision.allocation_number)
    assert product.findtext(f"{NS}Omvang/{BASE}Eenheid") == "04"
    assert product.findtext(f"{NS}Omvang/{BASE}Frequentie") == "2"
    assert decision.youth.bsn not in message.file_name
    assert AuditEntry.objects.filter(object_type="allocation.decision").count() >= 2


def test_the_one_year_limit(world, products, settings):
    assert refusal(lambda: draft(world, products["ambulant"], days=365)) == ("period_too_long",)
    assert draft(world, products["ambulant"], days=364).status == DecisionStatus.DRAFT
    settings.WIJKTEAM_DECISION_MAX_MONTHS = 6
    assert refusal(lambda: draft(world, products["ambulant"], days=200)) == ("period_too_long",)


def test_heavy_needs_a_recorded_reason(world, products):
    assert refusal(lambda: draft(world, products["intensive"])) == ("heavy_reason_missing",)
    decision = draft(
        world,
        products["intensive"],
        heavy_reason="Ambulante begeleiding liep twee keer vast; het gezin raakt ontwricht.",
    )
    assert decision.intensity == "heavy"


def test_clarification_steps_and_safety_are_checked_before_issue(world):
    ready_case(world, clarification=False, safety=False)
    products = catalogue()
    decision = draft(world, products["ambulant"])
    codes = refusal(lambda: issue(world, decision))
    assert "safety_assessment_missing" in codes
    assert any(code.startswith("clarification_step_") for code in codes)
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.DRAFT
    assert not Message.objects.exists()


def test_crisis_care_without_a_safety_assessment_needs_a_reason_and_records_it(world):
    ready_case(world, safety=False)
    products = catalogue()
    decision = draft(world, products["ambulant"], crisis=True)
    version = decision.version
    codes = refusal(
        lambda: services.issue_decision(
            CTX,
            decision,
            actor=world.users[Role.CASE_WORKER],
            roles=WORKER_ROLES,
            expected_version=version,
        )
    )
    assert codes == ("crisis_reason_missing",)
    decision = services.save_draft(
        CTX,
        world.case,
        decision_input(
            decision.youth,
            products["ambulant"],
            crisis=True,
            crisis_reason="Moeder is opgenomen; de kinderen moeten vandaag opgevangen worden.",
        ),
        actor=world.users[Role.CASE_WORKER],
        decision=decision,
        expected_version=version,
    )
    decision = issue(world, decision)
    assert decision.status == DecisionStatus.ISSUED
    assert CrisisSafetyException.objects.filter(case=world.case).exists()


def test_no_overlapping_periods_for_the_same_product(world, products):
    issued(world, products["ambulant"])
    later = draft(world, products["ambulant"], start=timezone.localdate() + timedelta(days=30))
    codes = refusal(lambda: issue(world, later))
    assert codes == ("overlapping_period",)
    # Another product at the same time is fine, and in one JW301 with the first (OP087).
    other = issued(world, products["budget"])
    message = Message.objects.filter(kind="JW301").order_by("-pk").first()
    assert set(message.decisions.all()) == {
        other,
        Decision.objects.get(status="issued", category="45"),
    }
    assert schema.validate("JW301", message.xml.encode()).errors == ()
    assert "<Budget>600000</Budget>" in message.xml


def test_a_stale_version_is_a_conflict(world, products):
    decision = draft(world, products["ambulant"])
    with pytest.raises(ConcurrentEditError):
        services.issue_decision(
            CTX,
            decision,
            actor=world.users[Role.CASE_WORKER],
            roles=WORKER_ROLES,
            expected_version=decision.version - 1,
        )


def test_residential_care_needs_a_different_behavioural_experts_cosignature(world, products):
    worker, expert = world.users[Role.CASE_WORKER], world.users[Role.BEHAVIOURAL_EXPERT]
    decision = draft(world, products["residential"], volume=7, frequency="2")
    assert decision.life_changing
    assert refusal(
        lambda: services.issue_decision(
            CTX, decision, actor=worker, roles=WORKER_ROLES, expected_version=decision.version
        )
    ) == ("cosign_needed",)
    decision = services.submit_for_cosign(
        CTX, decision, actor=worker, roles=WORKER_ROLES, expected_version=decision.version
    )
    assert decision.status == DecisionStatus.AWAITING_COSIGN
    assert list(cosign_worklist(expert)) == [decision]
    assert not cosign_worklist(worker)
    # A case worker cannot co-sign; the expert who drafted it cannot either.
    assert refusal(
        lambda: services.cosign_decision(
            CTX,
            decision,
            approve=True,
            note="",
            actor=worker,
            roles=WORKER_ROLES,
            expected_version=decision.version,
        )
    ) == ("cosign_role",)
    own = services.save_draft(
        CTX,
        world.case,
        decision_input(
            decision.youth,
            products["residential"],
            volume=7,
            frequency="2",
            start=timezone.localdate() + timedelta(days=200),
            days=30,
        ),
        actor=expert,
    )
    own = services.submit_for_cosign(
        CTX, own, actor=expert, roles=EXPERT_ROLES, expected_version=own.version
    )
    assert refusal(
        lambda: services.cosign_decision(
            CTX,
            own,
            approve=True,
            note="",
            actor=expert,
            roles=EXPERT_ROLES,
            expected_version=own.version,
        )
    ) == ("cosign_same_person",)
    decision = services.cosign_decision(
        CTX,
        decision,
        approve=True,
        note="Akkoord: thuis is niet veilig genoeg.",
        actor=expert,
        roles=EXPERT_ROLES,
        expected_version=decision.version,
    )
    assert decision.status == DecisionStatus.ISSUED and decision.cosigned_by == expert
    assert Message.objects.get(kind="JW301").receiver == "87654321"


def test_the_expert_returns_a_decision_with_a_note(world, products):
    worker, expert = world.users[Role.CASE_WORKER], world.users[Role.BEHAVIOURAL_EXPERT]
    decision = draft(world, products["residential"], volume=7, frequency="2")
    decision = services.submit_for_cosign(
        CTX, decision, actor=worker, roles=WORKER_ROLES, expected_version=decision.version
    )
    assert refusal(
        lambda: services.cosign_decision(
            CTX,
            decision,
            approve=False,
            note="",
            actor=expert,
            roles=EXPERT_ROLES,
            expected_version=decision.version,
        )
    ) == ("note_missing",)
    decision = services.cosign_decision(
        CTX,
        decision,
        approve=False,
        note="Eerst een gezinshuis in de wijk onderzoeken.",
        actor=expert,
        roles=EXPERT_ROLES,
        expected_version=decision.version,
    )
    assert decision.status == DecisionStatus.DRAFT and "gezinshuis" in decision.cosign_note


def test_ending_early_tells_the_provider_the_new_end_date(world, products):
    decision = issued(world, products["ambulant"])
    ended_on = decision.start_date + timedelta(days=30)
    decision = services.end_decision(
        CTX,
        decision,
        ended_on=ended_on,
        change_reason="5",
        note="Doelen bereikt.",
        actor=world.users[Role.CASE_WORKER],
        roles=WORKER_ROLES,
        expected_version=decision.version,
    )
    assert decision.status == DecisionStatus.ENDED and decision.cost < Decimal("1000")
    change = Message.objects.filter(kind="JW301").order_by("-pk").first()
    root = etree.fromstring(change.xml.encode())
    product = root.find(f"{NS}Client/{NS}ToegewezenProducten/{NS}ToegewezenProduct")
    assert product.findtext(f"{NS}Einddatum") == ended_on.isoformat()
    assert product.findtext(f"{NS}RedenWijziging") == "05"
    assert schema.validate("JW301", change.xml.encode()).errors == ()


def test_withdrawing_sends_reason_13_and_only_before_care_started(world, products):
    decision = issued(world, products["ambulant"])
    decision = services.withdraw_decision(
        CTX,
        decision,
        note="Verkeerde aanbieder gekozen.",
        actor=world.users[Role.CASE_WORKER],
        roles=WORKER_ROLES,
        expected_version=decision.version,
    )
    assert decision.status == DecisionStatus.WITHDRAWN
    change = Message.objects.filter(kind="JW301").order_by("-pk").first()
    root = etree.fromstring(change.xml.encode())
    product = root.find(f"{NS}Client/{NS}ToegewezenProducten/{NS}ToegewezenProduct")
    assert product.findtext(f"{NS}RedenWijziging") == "13"
    assert product.findtext(f"{NS}Einddatum") == product.findtext(f"{NS}Ingangsdatum")


def test_an_objection_after_six_weeks_is_recorded_as_late(world, products):
    decision = issued(world, products["ambulant"])
    Decision.objects.filter(pk=decision.pk).update(issued_at=timezone.now() - timedelta(days=50))
    decision.refresh_from_db()
    objection, verdict = services.record_objection(
        CTX,
        decision,
        received_on=timezone.localdate(),
        submitted_by="Moeder",
        summary="Wij willen meer uren.",
        actor=world.users[Role.CASE_WORKER],
    )
    assert objection.late and verdict.warnings[0].code == "objection_late"


def test_the_decision_is_on_the_case_timeline(world, products):
    issued(world, products["ambulant"])
    kinds = {str(item.kind) for item in timeline(world.case)}
    assert {"besluit opgesteld", "besluit afgegeven"} <= kinds


# --- The weighing framework and its counts -------------------------------------------------


def test_weighings_and_what_was_not_granted_are_counted(world):
    worker = world.users[Role.CASE_WORKER]
    today = timezone.localdate()
    services.record_weighing(
        CTX,
        world.case,
        WeighingInput(
            "own_support",
            "Eigen inzet past bij deze vraag.",
            today,
            not_granted="Logeeropvang",
            not_granted_reason="community",
        ),
        actor=worker,
    )
    services.record_weighing(
        CTX,
        world.case,
        WeighingInput(
            "advice",
            "Normale opvoedvraag, advies volstaat.",
            today,
            not_granted="Jeugdhulp",
            not_granted_reason="normal_growing_up",
        ),
        actor=worker,
    )
    services.record_weighing(
        CTX,
        world.case,
        WeighingInput(
            "customised_care",
            "Specialistische hulp is nodig.",
            today,
            not_granted="Verpleging thuis",
            not_granted_reason="other_law",
            other_law="zvw",
        ),
        actor=worker,
    )
    other_case_team = world.other_case.team
    Weighing.objects.create(
        case=world.other_case,
        decided_on=today,
        level="advice",
        reason="Elders.",
        not_granted="Iets",
        not_granted_reason="community",
        recorded_by=worker,
        recorded_at=timezone.now(),
    )
    rows = not_granted_counts(today - timedelta(days=31), today, team=world.team)
    assert {(row.key, row.detail, row.count) for row in rows} == {
        ("community", "", 1),
        ("normal_growing_up", "", 1),
        ("other_law", "zvw", 1),
    }
    everyone = not_granted_counts(today - timedelta(days=31), today, period="quarter")
    assert sum(row.count for row in everyone if row.key == "community") == 2
    assert not not_granted_counts(today - timedelta(days=90), today - timedelta(days=60))
    assert other_case_team != world.team
    levels = intervention_level_counts(today, today, team=world.team)
    assert {row.key for row in levels} == {"own_support", "advice", "customised_care"}


def test_a_weighing_refuses_an_uncoded_refusal(world):
    codes = refusal(
        lambda: services.record_weighing(
            CTX,
            world.case,
            WeighingInput(
                "advice",
                "Advies volstaat voor deze vraag.",
                timezone.localdate(),
                not_granted="Logeren",
            ),
            actor=world.users[Role.CASE_WORKER],
        )
    )
    assert codes == ("not_granted_reason_missing",)


def test_two_workers_cannot_both_issue_the_same_decision(postgres, transactional_db, world):
    """Row lock and version check: one issues, the other gets a conflict (PostgreSQL)."""
    import threading

    from django.db import connection

    ready_case(world)
    youth_of(world)
    decision = draft(world, catalogue()["ambulant"])
    barrier, outcomes = threading.Barrier(2), []

    def issue_as(user):
        try:
            barrier.wait()
            services.issue_decision(
                CTX, decision, actor=user, roles=WORKER_ROLES, expected_version=decision.version
            )
            outcomes.append("issued")
        except (ConcurrentEditError, RuleViolation) as exc:
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=issue_as, args=(world.users[role],))
        for role in (Role.CASE_WORKER, Role.TEAM_LEAD)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ConcurrentEditError", "issued"]
    assert Message.objects.filter(kind="JW301").count() == 1


def test_decisions_whose_period_is_over_are_ended_by_the_daily_job(world, products):
    from io import StringIO

    from django.core.management import call_command

    current = issued(world, products["ambulant"])
    past = issued(
        world, products["budget"], start=timezone.localdate() - timedelta(days=40), days=10
    )
    messages = Message.objects.count()
    call_command("end_expired_decisions", stdout=StringIO())
    past.refresh_from_db()
    current.refresh_from_db()
    assert past.status == DecisionStatus.ENDED and past.ended_on == past.end_date
    assert current.status == DecisionStatus.ISSUED
    assert Message.objects.count() == messages  # the provider already has the end date
    assert AuditEntry.objects.filter(
        object_id=str(past.pk), actor_username="end_expired_decisions"
    ).exists()
