"""Concurrent edits with two real database connections (PostgreSQL): one wins, the other
gets a conflict and nothing is lost or half-written; lifecycle transitions that race end
in one valid state."""

import pytest

from wijkteam.accounts.roles import Role
from wijkteam.audit.log import AuditContext
from wijkteam.cases import services as case_services
from wijkteam.cases.models import Case, CaseEvent, CaseStatus, EventKind
from wijkteam.core.errors import ConcurrentEditError, RuleViolation
from wijkteam.people.models import Resident
from wijkteam.people.services import ResidentChanges, update_resident

from .race import race

pytestmark = pytest.mark.postgres
CTX = AuditContext.system(name="concurrency-test")


@pytest.fixture
def live(transactional_db, postgres, world):
    """The world, committed, so that other connections see it."""
    return world


def _changes(resident: Resident, **overrides) -> ResidentChanges:
    values = {
        "given_names": resident.given_names,
        "surname_prefix": resident.surname_prefix,
        "surname": resident.surname,
        "birth_date": resident.birth_date,
        "bsn": resident.bsn or "",
        "bsn_missing_reason": resident.bsn_missing_reason,
        "postcode": "",
        "house_number": "",
        "phone": "",
        "email": "",
    }
    return ResidentChanges(**{**values, **overrides})


def test_two_edits_of_a_resident_one_wins_the_other_conflicts(live):
    resident = live.household.members.first()
    version = resident.version
    outcomes = race(
        lambda: update_resident(
            CTX, resident, _changes(resident, phone="0612345678"), expected_version=version
        ),
        lambda: update_resident(
            CTX, resident, _changes(resident, email="ouder@example.nl"), expected_version=version
        ),
    )
    assert sorted(o.ok for o in outcomes) == [False, True]
    loser = next(o for o in outcomes if not o.ok)
    assert isinstance(loser.error, ConcurrentEditError)
    resident.refresh_from_db()
    assert resident.version == version + 1
    # Exactly the winner's change is saved; the loser's is not merged in silently.
    assert (resident.phone == "0612345678") != (resident.email == "ouder@example.nl")


def _in_progress(case: Case) -> Case:
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.IN_PROGRESS)
    case.refresh_from_db()
    return case


def _status_events(case: Case) -> int:
    return CaseEvent.objects.filter(case=case, kind=EventKind.STATUS).count()


def test_two_status_changes_from_the_same_version_one_conflicts(live):
    case = _in_progress(live.case)
    worker = live.users[Role.CASE_WORKER]

    def move(target, reason=""):
        return lambda: case_services.change_status(
            CTX,
            case,
            target,
            actor=worker,
            roles=[Role.CASE_WORKER],
            reason=reason,
            expected_version=case.version,
        )

    outcomes = race(move(CaseStatus.CLOSING), move(CaseStatus.CLOSING))
    assert sorted(o.ok for o in outcomes) == [False, True]
    assert isinstance(next(o for o in outcomes if not o.ok).error, ConcurrentEditError)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSING and _status_events(case) == 1


def test_racing_transitions_without_a_version_end_in_one_valid_state(live):
    """Two moves that are each valid from the starting state but not after each other:
    the second sees the first's result under the row lock and is refused by the
    transition table."""
    case = _in_progress(live.case)
    worker = live.users[Role.CASE_WORKER]

    def move():
        return case_services.change_status(
            CTX,
            case,
            CaseStatus.CLOSING,
            actor=worker,
            roles=[Role.CASE_WORKER],
            expected_version=None,
        )

    outcomes = race(move, move)
    assert sorted(o.ok for o in outcomes) == [False, True]
    assert isinstance(next(o for o in outcomes if not o.ok).error, RuleViolation)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSING and _status_events(case) == 1


def test_two_team_leads_assigning_at_once_one_conflicts(live):
    from ..factories import CertificateFactory, UserFactory

    case = _in_progress(live.case)
    lead = live.users[Role.TEAM_LEAD]
    other = UserFactory(username="tweede", team=live.team, roles=[Role.CASE_WORKER])
    CertificateFactory(user=other)
    version = case.version

    def assign(worker):
        return lambda: case_services.assign_worker(
            CTX, case, worker, reason="", actor=lead, expected_version=version
        )

    outcomes = race(assign(live.users[Role.CASE_WORKER]), assign(other))
    assert sorted(o.ok for o in outcomes) == [False, True]
    case.refresh_from_db()
    winner = next(o for o in outcomes if o.ok).value
    assert case.worker_id == winner.worker_id and case.assignments.count() == 1


def test_two_edits_of_a_plan_from_the_same_version_one_conflicts(live):
    """Two workers change the same goal of the family's plan at once: one is saved, the
    other is refused with a conflict and the plan holds exactly the winner's text."""
    from wijkteam.plans import services as plan_services
    from wijkteam.plans.models import Goal

    from ..plans.helpers import domain, plan_with_goal

    plan, goal = plan_with_goal(live)
    version = plan.version

    def edit(result):
        return lambda: plan_services.save_goal(
            CTX,
            plan,
            plan_services.GoalInput(
                person_id=goal.person_id,
                life_domain_id=domain().pk,
                result=result,
                indicator=goal.indicator,
                priority="now",
            ),
            goal=goal,
            actor=live.users[Role.CASE_WORKER],
            expected_version=version,
        )

    outcomes = race(edit("Noor slaapt weer goed."), edit("Noor heeft een vriendin."))
    assert sorted(o.ok for o in outcomes) == [False, True]
    assert isinstance(next(o for o in outcomes if not o.ok).error, ConcurrentEditError)
    plan.refresh_from_db()
    assert plan.version == version + 1
    winner = next(o for o in outcomes if o.ok).value
    assert Goal.objects.get(pk=goal.pk).result == winner.result


def test_two_issues_of_one_decision_only_one_goes_out(live):
    """Two workers press "issue" on the same draft at once: one decision, one JW301."""
    from wijkteam.allocation import services as allocation_services
    from wijkteam.allocation.models import DecisionStatus
    from wijkteam.ijw.models import Message

    from ..allocation_helpers import catalogue, draft, ready_case

    ready_case(live)
    decision = draft(live, catalogue()["ambulant"])
    version = decision.version

    def issue():
        return allocation_services.issue_decision(
            CTX,
            decision,
            actor=live.users[Role.CASE_WORKER],
            roles={Role.CASE_WORKER},
            expected_version=version,
        )

    outcomes = race(issue, issue)
    assert sorted(o.ok for o in outcomes) == [False, True]
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED
    assert Message.objects.filter(kind="JW301", decisions=decision).count() == 1
