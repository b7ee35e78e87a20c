"""The plan work lists in "Mijn werk" and on the Team page, the plan page and the
community offers run the same number of queries for a few rows as for many; the lists
show the 25 most urgent and count the rest."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.assessment.models import LifeDomain
from wijkteam.cases.models import Case, CaseStatus
from wijkteam.catalogue.models import CommunityOffer
from wijkteam.core.rules import add_months
from wijkteam.people.models import MemberRole
from wijkteam.plans.models import (
    Action,
    Escalation,
    Evaluation,
    Goal,
    OwnSupport,
    PlanStatus,
    SupportPlan,
)

from ..core.test_list_query_counts import _counts_stay
from ..factories import HouseholdFactory, MembershipFactory
from .helpers import agreed_plan

_made = {"n": 0}


def families_with_work(world, count):
    """`count` families of the world's team, each with a case of the case worker and an
    agreed plan whose evaluation is overdue, own support past its bound, an open
    escalation and a young person turning 18."""
    worker, lead = world.users[Role.CASE_WORKER], world.users[Role.TEAM_LEAD]
    today = timezone.localdate()
    now = timezone.now()
    for _ in range(count):
        _made["n"] += 1
        household = HouseholdFactory(
            district=world.team.district, name=f"Familie Werk {_made['n']}"
        )
        MembershipFactory(
            household=household,
            role=MemberRole.CHILD,
            resident__birth_date=add_months(today, -12 * 18 + 3),
        )
        case = Case.objects.create(
            reference=f"WT-2026-7{_made['n']:05d}",
            household=household,
            team=world.team,
            worker=worker,
            status=CaseStatus.IN_PROGRESS,
            registered_at=now - timedelta(days=500),
        )
        plan = SupportPlan.objects.create(
            household=household,
            case=case,
            status=PlanStatus.AGREED,
            coordinator=worker,
            created_at=now - timedelta(days=450),
            created_by=worker,
            agreed_version=1,
            first_agreed_on=today - timedelta(days=400 + _made["n"]),
        )
        OwnSupport.objects.create(
            plan=plan,
            kind="parenting",
            description="Opvoedgesprekken.",
            worker=worker,
            started_on=today - timedelta(days=120),
            planned_end_on=today - timedelta(days=30),
            planned_contacts=8,
            frequency="weekly",
            review_on=today - timedelta(days=30),
            review_contacts=12,
            recorded_by=worker,
            recorded_at=now,
        )
        Escalation.objects.create(
            plan=plan,
            stuck="De aanbieder start niet.",
            tried="Gebeld.",
            lead=lead,
            deadline=today + timedelta(days=_made["n"] % 9),
            raised_by=worker,
            raised_at=now,
        )


def _section(page, anchor, next_anchor=None):
    part = page.split(f'id="{anchor}"')[1]
    return part.split(f'id="{next_anchor}"')[0] if next_anchor else part


def test_my_work_plan_lists_are_bounded(world, client_as, django_assert_max_num_queries):
    families_with_work(world, 2)
    page = _counts_stay(
        client_as(Role.CASE_WORKER),
        reverse("core:my_work"),
        lambda: families_with_work(world, 28),
        django_assert_max_num_queries,
    )
    evaluations = _section(page, "evaluations-due", "transitions-due")
    assert evaluations.count("Familie Werk") == 25 and "Nog 5 evaluaties" in evaluations
    transitions = _section(page, "transitions-due", "own-support-past")
    assert transitions.count("Familie Werk") == 25 and "Nog 5 jongeren" in transitions
    own_support = _section(page, "own-support-past", "escalations-open")
    assert own_support.count("Familie Werk") == 25
    escalations = _section(page, "escalations-open", "my-team")
    assert escalations.count("Familie Werk") == 25 and "Nog 5 opschalingen" in escalations


def test_team_page_plan_lists_are_bounded(world, client_as, django_assert_max_num_queries):
    families_with_work(world, 2)
    page = _counts_stay(
        client_as(Role.TEAM_LEAD),
        reverse("accounts:team"),
        lambda: families_with_work(world, 28),
        django_assert_max_num_queries,
    )
    assert _section(page, "escalations-open", "members").count("Familie Werk") == 25
    assert _section(page, "evaluations-due", "transitions-due").count("Familie Werk") == 25


def test_the_plan_page_does_not_grow_with_the_plan(world, client_as, django_assert_max_num_queries):
    plan, goal = agreed_plan(world)
    worker = world.users[Role.CASE_WORKER]
    now = timezone.now()

    def grow(count=6):
        domain = LifeDomain.objects.first()
        for n in range(count):
            extra = Goal.objects.create(
                plan=plan,
                life_domain=domain,
                result=f"Doel {n}",
                indicator="Zichtbaar.",
                created_at=now,
            )
            Action.objects.bulk_create(
                Action(
                    plan=plan,
                    goal=extra,
                    description=f"Actie {n}",
                    by="team",
                    who="Sanne",
                    created_at=now,
                )
                for _ in range(3)
            )
            evaluation = Evaluation.objects.create(
                plan=plan,
                kind="interim",
                held_on=timezone.localdate(),
                team_present=True,
                decision="continue",
                recorded_by=worker,
                recorded_at=now,
            )
            evaluation.team_members.set([worker])

    grow(1)  # one of each to start with (an empty list skips its prefetches)
    _counts_stay(
        client_as(Role.CASE_WORKER),
        reverse("plans:plan", args=[plan.pk]),
        grow,
        django_assert_max_num_queries,
    )


def test_community_offers_page_by_keyset(world, client_as, django_assert_max_num_queries):
    def offers(count, start):
        created = CommunityOffer.objects.bulk_create(
            CommunityOffer(
                name=f"Aanbod {start + n:03d}",
                organisation="Welzijn",
                category="welfare",
                description="Inloop in het buurthuis.",
                target_group="iedereen",
            )
            for n in range(count)
        )
        for item in created[::2]:
            item.districts.set([world.team.district])

    offers(2, 0)
    page = _counts_stay(
        client_as(Role.CASE_WORKER),
        reverse("catalogue:offer_list"),
        lambda: offers(40, 100),
        django_assert_max_num_queries,
    )
    assert page.count("Inloop in het buurthuis.") == 0  # the list shows names, not texts
    assert page.count("Aanbod 1") == 23 and 'rel="next"' in page


def test_case_and_household_timelines_with_plans_do_not_grow(
    world, client_as, django_assert_max_num_queries
):
    """The plan's records on the timelines are read per kind on the family's plans (by
    their ids), so more of them cost no more queries; and each is on the timeline."""
    plan, _goal = agreed_plan(world)
    worker, lead = world.users[Role.CASE_WORKER], world.users[Role.TEAM_LEAD]
    now = timezone.now()

    def grow(count=4):
        for n in range(count):
            Evaluation.objects.create(
                plan=plan,
                kind="interim",
                held_on=timezone.localdate(),
                team_present=n % 2 == 0,
                decision="continue",
                recorded_by=worker,
                recorded_at=now,
            )
            Escalation.objects.create(
                plan=plan,
                stuck=f"Vastgelopen {n}.",
                tried="Gebeld.",
                lead=lead,
                deadline=timezone.localdate() + timedelta(days=n),
                raised_by=worker,
                raised_at=now,
            )

    grow(1)  # one of each to start with
    client = client_as(Role.CASE_WORKER)
    for url in (
        reverse("cases:case_detail", args=[plan.case_id]),
        reverse("people:household_detail", args=[plan.household_id]),
    ):
        page = _counts_stay(client, url, lambda: grow(2), django_assert_max_num_queries)
        assert "Vastgelopen 1." in page
        assert "Plan gestart." in page
