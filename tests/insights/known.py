"""Known data for the KPI tests: a handful of records in March 2026 (and one in February)
for team Noord (the world's team) and team Zuid, with the numbers they must give.

Written straight to the models (not through the services), with exact dates, so every
number in the tests can be worked out by hand from this file.
"""

import itertools
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from wijkteam.accounts.roles import Role
from wijkteam.allocation.models import Decision, DecisionStatus, Weighing
from wijkteam.assessment.models import ChildVoice, LifeDomain
from wijkteam.cases.models import (
    Case,
    CaseStatus,
    Intake,
    SupportWhileWaiting,
)
from wijkteam.catalogue.models import CommunityOffer
from wijkteam.ijw.models import CareDelivery, Direction, Message
from wijkteam.plans.models import (
    Closure,
    ClosureGoalResult,
    CommunityReferral,
    Evaluation,
    Goal,
    OwnSupport,
    SupportPlan,
    Transition18,
)
from wijkteam.providers.models import ContractedProduct, Profile, Provider
from wijkteam.quality.models import Complaint, SurveyInvitation, SurveyResponse
from wijkteam.safety.models import AssessmentStatus, RiskInstrument, SafetyAssessment

from ..factories import HouseholdFactory, MembershipFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TODAY = date(2026, 4, 15)  # "today" for the figures: March is over, its norms have passed
MARCH = date(2026, 3, 1)
APRIL = date(2026, 4, 1)


def at(year, month, day, hour=10, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@dataclass
class Known:
    cases: dict
    households: dict


NUMBERS = itertools.count(1)  # references stay unique however often data is added


class Builder:
    def __init__(self, world):
        self.world = world
        self.worker = world.users[Role.CASE_WORKER]
        self.lead = world.users[Role.TEAM_LEAD]
        self.number = 0

    def household(self, team, name: str, *, children=1):
        household = HouseholdFactory(district=team.district, name=name)
        MembershipFactory(household=household, role="parent", resident__birth_date=date(1985, 1, 1))
        for _ in range(children):
            MembershipFactory(
                household=household, role="child", resident__birth_date=date(2016, 1, 1)
            )
        return household

    def case(
        self,
        team,
        registered_at,
        *,
        channel="online",
        referrer="self",
        urgency="regular",
        first_contact_on=None,
        triaged_at=None,
        outcome="",
        closed_at=None,
        household=None,
    ) -> Case:
        self.number = next(NUMBERS)
        household = household or self.household(team, f"Familie Bekend {self.number}")
        case = Case.objects.create(
            reference=f"WT-2026-8{self.number:05d}",
            household=household,
            team=team,
            status=CaseStatus.CLOSED if closed_at else CaseStatus.IN_PROGRESS,
            urgency=urgency,
            triage_outcome=outcome,
            worker=self.worker if team == self.world.team else None,
            registered_at=registered_at,
            triaged_at=triaged_at,
            first_contact_on=first_contact_on,
            closed_at=closed_at,
        )
        case.subjects.set(household.members.all())
        Intake.objects.create(
            reference=f"AM-2026-8{self.number:05d}",
            case=case,
            channel=channel,
            referrer_type=referrer,
            help_question="Het gaat thuis niet goed.",
            urgency=urgency,
            submitted_at=registered_at,
        )
        return case

    def plan(self, case, *, agreed_on=None, created=None, closed_at=None) -> SupportPlan:
        return SupportPlan.objects.create(
            household=case.household,
            case=case,
            status="closed" if closed_at else ("agreed" if agreed_on else "draft"),
            created_at=created or case.registered_at,
            created_by=self.worker,
            first_agreed_on=agreed_on,
            closed_at=closed_at,
        )

    def goal(self, plan) -> Goal:
        return Goal.objects.create(
            plan=plan,
            life_domain=LifeDomain.objects.first(),
            result="Rust thuis",
            indicator="Minder ruzie",
            created_at=plan.created_at,
        )

    def closure(self, plan, closed_on, reason="31", results=()) -> Closure:
        closure = Closure.objects.create(
            plan=plan,
            reason_code=reason,
            closed_on=closed_on,
            scaled_down_to="nothing",
            experience_request="conversation",
            recorded_by=self.worker,
            recorded_at=at(closed_on.year, closed_on.month, closed_on.day),
        )
        for result in results:
            ClosureGoalResult.objects.create(closure=closure, goal=self.goal(plan), result=result)
        return closure


def catalogue():
    provider = Provider.objects.create(name="Jeugdhulp De Brug", agb_code="12345678")
    other = Provider.objects.create(name="Kinderhuis De Linde", agb_code="87654321")
    medium = Profile.objects.get(kind="recovery", intensity="medium")
    heavy = Profile.objects.get(kind="recovery", intensity="heavy")
    ambulant = ContractedProduct.objects.create(
        provider=provider, category="45", product_code="45A01", name="Ambulant", profile=medium
    )
    intensive = ContractedProduct.objects.create(
        provider=other, category="45", product_code="45A02", name="Intensief", profile=heavy
    )
    return ambulant, intensive


def build(world) -> Known:
    """The records, and nothing else in March 2026 (the world's own cases are of today)."""
    b = Builder(world)
    noord, zuid = world.team, world.other_team
    cases = {}
    # --- Registrations in March, team Noord ----------------------------------------------
    # Monday 2 March 10:00, regular (5 working days: due Monday 9 March), contact on the
    # 5th: on time, 3 days. Triaged the next day: a case.
    cases["on_time"] = b.case(
        noord,
        at(2026, 3, 2),
        first_contact_on=date(2026, 3, 5),
        triaged_at=at(2026, 3, 3),
        outcome="case",
    )
    # Saturday 7 March 11:00 (outside office hours), urgent (2 working days from Monday:
    # due Wednesday 11 March), contact on the 13th: late, 6 days. Support while waiting.
    cases["late"] = b.case(
        noord,
        at(2026, 3, 7, 11),
        channel="phone",
        referrer="network",
        urgency="urgent",
        first_contact_on=date(2026, 3, 13),
        triaged_at=at(2026, 3, 9),
        outcome="case",
    )
    SupportWhileWaiting.objects.create(
        case=cases["late"], given_on=date(2026, 3, 10), description="Gebeld", given_by=b.worker
    )
    # Tuesday 10 March 20:00 (outside office hours), by the GP, no contact: overdue.
    cases["overdue"] = b.case(noord, at(2026, 3, 10, 20), channel="gp_practice", referrer="gp")
    # Wednesday 11 March 09:00, crisis through the school, contact and triage the same day,
    # closed at triage with advice the next day (1 day).
    cases["advice"] = b.case(
        noord,
        at(2026, 3, 11, 9),
        channel="school_support_team",
        referrer="school",
        urgency="crisis",
        first_contact_on=date(2026, 3, 11),
        triaged_at=at(2026, 3, 11, 9, 30),
        outcome="advice",
        closed_at=at(2026, 3, 12, 9),
    )
    # --- Closed in March after casework, team Noord --------------------------------------
    # Registered 1 March 2025, closed 20 March 2026: 384 days. Safety completed, a plan
    # agreed and closed according to plan with two goals reached and one partly; its one
    # child spoken to.
    long_case = b.case(
        noord,
        at(2025, 3, 1),
        first_contact_on=date(2025, 3, 3),
        triaged_at=at(2025, 3, 2),
        outcome="case",
        closed_at=at(2026, 3, 20),
    )
    cases["long"] = long_case
    SafetyAssessment.objects.create(
        case=long_case,
        instrument=RiskInstrument.objects.first(),
        assessed_on=date(2025, 3, 10),
        assessed_by=b.worker,
        risk_level="low",
        conclusion="Geen zorgen.",
        reassess_on=date(2025, 9, 10),
        status=AssessmentStatus.COMPLETED,
        reviewed_by=world.users[Role.SAFETY_OFFICER],
        reviewed_at=at(2025, 3, 11),
        recorded_at=at(2025, 3, 10),
    )
    child = long_case.household.memberships.get(role="child").resident
    ChildVoice.objects.create(
        case=long_case,
        child=child,
        spoken_to=True,
        spoken_on=date(2025, 3, 12),
        spoken_by=b.worker,
        recorded_by=b.worker,
        recorded_at=at(2025, 3, 12),
    )
    long_plan = b.plan(long_case, agreed_on=date(2025, 4, 1), closed_at=at(2026, 3, 20))
    b.closure(long_plan, date(2026, 3, 20), "31", ("reached", "reached", "partly"))
    # Registered 5 January 2026, closed 25 March: 79 days. No safety assessment, no plan;
    # two children, neither spoken to nor a reason recorded.
    cases["short"] = b.case(
        noord,
        at(2026, 1, 5),
        first_contact_on=date(2026, 1, 7),
        triaged_at=at(2026, 1, 6),
        outcome="case",
        closed_at=at(2026, 3, 25),
        household=b.household(noord, "Familie Kort", children=2),
    )
    # --- A repeated call: the family of the long case comes back in March ---------------
    # (its plan closed on 20 March: within twelve months before the new registration).
    cases["again"] = b.case(
        noord,
        at(2026, 3, 26),
        channel="email",
        referrer="self",
        first_contact_on=date(2026, 3, 27),
        household=long_case.household,
    )
    # --- February (the previous month), team Noord -----------------------------------------
    cases["february"] = b.case(
        noord, at(2026, 2, 3), channel="online", first_contact_on=date(2026, 2, 4)
    )
    # --- March, team Zuid: one registration, closed at triage with a community offer -------
    # (no contact moment: the triage that day, with the referral, was the first contact).
    cases["zuid"] = b.case(
        zuid,
        at(2026, 3, 2, 9),
        triaged_at=at(2026, 3, 2, 12),
        outcome="community",
        closed_at=at(2026, 3, 4),
    )
    # --- Weighings, decisions and youth care in March, team Noord --------------------------
    for level in ("advice", "own_support", "customised_care", "customised_care"):
        Weighing.objects.create(
            case=cases["on_time"],
            decided_on=date(2026, 3, 16),
            level=level,
            reason="Afgewogen",
            not_granted="Verblijf" if level == "advice" else "",
            not_granted_reason="other_law" if level == "advice" else "",
            other_law="wlz" if level == "advice" else "",
            recorded_by=b.worker,
            recorded_at=at(2026, 3, 16),
        )
    ambulant, intensive = catalogue()
    youth = cases["on_time"].household.memberships.get(role="child").resident
    decisions = []
    for product, start, end, cost, intensity in (
        (ambulant, date(2026, 3, 10), date(2027, 3, 9), Decimal("1000.00"), "medium"),
        (intensive, date(2026, 3, 15), date(2027, 3, 15), Decimal("2500.50"), "heavy"),
    ):
        decisions.append(
            Decision.objects.create(
                reference=f"BS-2026-{len(decisions) + 1:06d}",
                case=cases["on_time"],
                youth=youth,
                product=product,
                category=product.category,
                product_code=product.product_code,
                intensity=intensity,
                heavy_reason="Nodig" if intensity == "heavy" else "",
                start_date=start,
                end_date=end,
                motivation="Besloten.",
                status=DecisionStatus.ISSUED,
                cost=cost,
                created_by=b.worker,
                created_at=at(2026, 3, 9),
                issued_by=b.worker,
                issued_at=at(2026, 3, 9, 14),
            )
        )
    started = Message.objects.create(
        direction=Direction.IN, status="accepted", created_at=at(2026, 1, 2)
    )
    for decision, reason in zip(decisions, ("31", "32"), strict=True):
        CareDelivery.objects.create(
            decision=decision,
            started_on=date(2026, 1, 5),
            stopped_on=date(2026, 3, 28),
            closure_reason=reason,
            start_message=started,
            stop_message=started,
        )
    # --- Evaluations, own support and a referral in March, team Noord ---------------------
    plan = b.plan(cases["on_time"], agreed_on=date(2026, 3, 6), created=at(2026, 3, 4))
    for present in (True, False):
        Evaluation.objects.create(
            plan=plan,
            kind="start",
            held_on=date(2026, 3, 20),
            team_present=present,
            decision="continue",
            recorded_by=b.worker,
            recorded_at=at(2026, 3, 20),
        )
    OwnSupport.objects.create(
        plan=plan,
        kind="parenting",
        description="Opvoedsteun",
        worker=b.worker,
        started_on=date(2026, 3, 9),
        planned_end_on=date(2026, 6, 9),
        planned_contacts=6,
        frequency="weekly",
        review_on=date(2026, 6, 9),
        review_contacts=12,
        recorded_by=b.worker,
        recorded_at=at(2026, 3, 9),
    )
    offer = CommunityOffer.objects.create(
        name="Opvoedspreekuur",
        organisation="Welzijn",
        category="parenting",
        description="Spreekuur",
    )
    CommunityReferral.objects.create(
        plan=plan,
        offer=offer,
        person=youth,
        referred_on=date(2026, 3, 12),
        warm_handover=True,
        handover_note="Samen gebeld",
        contact_at_offer="Els",
        recorded_by=b.worker,
        recorded_at=at(2026, 3, 12),
    )
    # --- Turning 18 in March: two young people in a family with an open plan; one has a
    # complete transition checklist (extended youth care, everything arranged) --------------
    family = b.household(noord, "Familie Achttien", children=0)
    youths = [
        MembershipFactory(household=family, role="child", resident__birth_date=day).resident
        for day in (date(2008, 3, 15), date(2008, 3, 20))
    ]
    eighteen = b.case(noord, at(2025, 9, 1), first_contact_on=date(2025, 9, 2), household=family)
    open_plan = b.plan(eighteen, agreed_on=date(2025, 10, 1), created=at(2025, 9, 15))
    Transition18.objects.create(
        plan=open_plan,
        youth=youths[0],
        extended_care=True,
        wmo_handover="arranged",
        income="arranged",
        health_insurance="not_needed",
        housing="arranged",
        updated_at=at(2026, 2, 1),
        updated_by=b.worker,
    )
    Transition18.objects.create(
        plan=open_plan, youth=youths[1], updated_at=at(2026, 2, 1), updated_by=b.worker
    )
    # --- The survey and complaints in March, team Noord ------------------------------------
    for score in (8, 9, 5):
        SurveyResponse.objects.create(team=noord, occasion="closure", month=MARCH, score=score)
    for n, used in enumerate((True, True, True, False)):
        SurveyInvitation.objects.create(
            case=cases["on_time"],
            team=noord,
            occasion="evaluation",
            token_hash=f"{n:064d}",
            created_at=at(2026, 3, 3 + n),
            created_by=b.worker,
            expires_at=at(2026, 4, 3 + n),
            used=used,
        )
    Complaint.objects.create(
        reference="KL-2026-000001",
        channel="phone",
        received_on=date(2026, 3, 2),
        status="decided",
        complainant_name="Petra de Vries",
        description="Niet teruggebeld.",
        case=cases["on_time"],
        filed_by=world.users[Role.COMPLAINTS_OFFICER],
        due_on=date(2026, 4, 13),
        closed_on=date(2026, 3, 30),
        outcome="well_founded",
        received_at=at(2026, 3, 2),
    )
    return Known(cases, {})


def build_more(world) -> None:
    """More of everything in March 2026, in both teams, with a provider of its own: for
    the tests that the pages' query counts do not grow with the data."""
    b = Builder(world)
    number = next(NUMBERS)
    provider = Provider.objects.create(name=f"Aanbieder {number}", agb_code=f"{number:08d}")
    product = ContractedProduct.objects.create(
        provider=provider,
        category="45",
        product_code=f"4{number % 10000:04d}",
        name="Ambulant",
        profile=Profile.objects.get(kind="lasting", intensity="light"),
    )
    started = Message.objects.create(
        direction=Direction.IN, status="accepted", created_at=at(2026, 1, 2)
    )
    for team, channel, referrer in (
        (world.team, "walk_in", "other_professional"),
        (world.other_team, "veilig_thuis", "veilig_thuis"),
    ):
        case = b.case(
            team,
            at(2026, 3, 17),
            channel=channel,
            referrer=referrer,
            first_contact_on=date(2026, 3, 18),
            triaged_at=at(2026, 3, 18),
            outcome="case",
            closed_at=at(2026, 3, 30),
        )
        plan = b.plan(case, agreed_on=date(2026, 3, 19), closed_at=at(2026, 3, 30))
        b.closure(plan, date(2026, 3, 30), "34", ("not_reached",))
        youth = case.household.memberships.get(role="child").resident
        decision = Decision.objects.create(
            reference=f"BS-2026-{number:06d}-{team.pk}",
            case=case,
            youth=youth,
            product=product,
            category="45",
            intensity="light",
            start_date=date(2026, 3, 20),
            end_date=date(2026, 9, 20),
            motivation="Besloten.",
            status=DecisionStatus.ENDED,
            cost=Decimal("750.00"),
            created_by=b.worker,
            created_at=at(2026, 3, 19),
            issued_by=b.worker,
            issued_at=at(2026, 3, 19, 15),
        )
        CareDelivery.objects.create(
            decision=decision,
            started_on=date(2026, 3, 21),
            stopped_on=date(2026, 3, 29),
            closure_reason="35",
            start_message=started,
        )
        Weighing.objects.create(
            case=case,
            decided_on=date(2026, 3, 18),
            level="community",
            reason="Afgewogen",
            not_granted="Bijles",
            not_granted_reason="normal_growing_up",
            recorded_by=b.worker,
            recorded_at=at(2026, 3, 18),
        )
        SurveyResponse.objects.create(team=team, occasion="closure", month=MARCH, score=7)
