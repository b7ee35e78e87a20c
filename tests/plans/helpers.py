"""Building blocks for the plan tests: a case that passes the gates, a plan with a goal
and an action, an agreed plan, a community offer."""

from datetime import date, timedelta

from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.assessment.models import ChildVoice, LifeDomain
from wijkteam.audit.log import AuditContext
from wijkteam.cases.models import CaseStatus
from wijkteam.catalogue.models import CommunityOffer
from wijkteam.core.rules import add_months
from wijkteam.people.models import MemberRole
from wijkteam.plans import services
from wijkteam.plans.rules import AgreementInput
from wijkteam.safety.models import AssessmentStatus, RiskInstrument, SafetyAssessment

from ..factories import MembershipFactory

CTX = AuditContext.system(name="test")


def parent_of(world):
    found = world.household.memberships.filter(role=MemberRole.PARENT).first()
    if found:
        return found.resident
    return MembershipFactory(
        household=world.household,
        role=MemberRole.PARENT,
        has_parental_authority=True,
        resident__given_names="Sara",
        resident__birth_date=date(1985, 3, 1),
    ).resident


def child_of(world):
    return world.household.memberships.filter(role=MemberRole.CHILD).first().resident


def record_child_voice(world, child=None):
    worker = world.users[Role.CASE_WORKER]
    return ChildVoice.objects.create(
        case=world.case,
        child=child or child_of(world),
        spoken_to=True,
        spoken_on=timezone.localdate() - timedelta(days=10),
        setting="alone",
        spoken_by=worker,
        recorded_by=worker,
        recorded_at=timezone.now(),
    )


def record_safety(world, case=None):
    return SafetyAssessment.objects.create(
        case=case or world.case,
        instrument=RiskInstrument.objects.first(),
        assessed_on=timezone.localdate() - timedelta(days=20),
        assessed_by=world.users[Role.CASE_WORKER],
        risk_level="low",
        conclusion="Geen zorgen over de veiligheid.",
        reassess_on=timezone.localdate() + timedelta(days=90),
        status=AssessmentStatus.COMPLETED,
        reviewed_by=world.users[Role.SAFETY_OFFICER],
        reviewed_at=timezone.now() - timedelta(days=19),
        recorded_at=timezone.now() - timedelta(days=20),
    )


def case_in_progress(world, *, gates=True):
    """The world's case, in progress with the case worker; with `gates` the child's voice
    and a reviewed safety assessment are on record."""
    case = world.case
    case.status = CaseStatus.IN_PROGRESS
    case.worker = world.users[Role.CASE_WORKER]
    case.save()
    parent_of(world)
    if gates:
        record_child_voice(world)
        record_safety(world)
    return case


def domain(code="school"):
    return LifeDomain.objects.filter(code=code).first() or LifeDomain.objects.first()


def plan_with_goal(world, *, gates=True):
    case = case_in_progress(world, gates=gates)
    worker = world.users[Role.CASE_WORKER]
    plan = services.start_plan(CTX, case, actor=worker, summary="Rust in huis.")
    goal = services.save_goal(
        CTX,
        plan,
        services.GoalInput(
            person_id=child_of(world).pk,
            life_domain_id=domain().pk,
            result="Noor gaat elke dag weer naar school.",
            indicator="Geen verzuim meer in vier weken.",
            priority="now",
        ),
        actor=worker,
        expected_version=plan.version,
    )
    plan.refresh_from_db()
    services.save_action(
        CTX,
        plan,
        services.ActionInput(
            goal_id=goal.pk,
            description="Samen met school een rooster maken.",
            by="team",
            who="Sanne (wijkteam)",
            due_on=timezone.localdate() + timedelta(days=14),
        ),
        actor=worker,
        expected_version=plan.version,
    )
    plan.refresh_from_db()
    return plan, goal


def agreement(world, **changes) -> AgreementInput:
    values = {
        "agreed_on": timezone.localdate(),
        "how": "home_visit",
        "parent_ids": frozenset({parent_of(world).pk}),
        "child_ids": frozenset({child_of(world).pk}),
    }
    values.update(changes)
    return AgreementInput(**values)


def agreed_plan(world, *, agreed_on=None):
    plan, goal = plan_with_goal(world)
    services.agree_plan(
        CTX,
        plan,
        agreement(world, agreed_on=agreed_on or timezone.localdate()),
        actor=world.users[Role.CASE_WORKER],
        expected_version=plan.version,
    )
    plan.refresh_from_db()
    return plan, goal


def offer(**changes) -> CommunityOffer:
    values = {
        "name": "Opvoedspreekuur Noord",
        "organisation": "Welzijn Noord",
        "category": "parenting",
        "description": "Spreekuur voor ouders met vragen over opvoeden.",
        "target_group": "ouders van kinderen tot 12 jaar",
        "contact_name": "Ilse de Vries",
        "contact_phone": "038 123 45 67",
        "waiting_weeks": 0,
    }
    values.update(changes)
    return CommunityOffer.objects.create(**values)


def own_support(world, plan, *, months_ago=4, planned_months=3, contacts=10):
    """Start own support on the plan `months_ago` months ago (refused past the bound)."""
    worker = world.users[Role.CASE_WORKER]
    started = add_months(timezone.localdate(), -months_ago)
    return services.start_own_support(
        CTX,
        plan,
        services.OwnSupportInput(
            kind="parenting",
            description="Opvoedgesprekken met moeder.",
            worker_id=worker.pk,
            started_on=started,
            planned_end_on=add_months(started, planned_months),
            planned_contacts=contacts,
            frequency="weekly",
        ),
        actor=worker,
    )
