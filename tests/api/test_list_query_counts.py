"""Every API list runs the same number of queries for a few rows as for many (issue 8):
the lists of a case (decisions, weighings, iJw messages), of a plan (versions,
evaluations), of a household (life-domain assessments) and the registers (iJw messages,
complaints, partners, providers, community offers). The case list, search, consultations
and the figures have theirs beside their own tests."""

import json
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.allocation.models import Weighing
from wijkteam.catalogue.models import CommunityOffer
from wijkteam.partners.models import PartnerKind
from wijkteam.providers.models import ContractedProduct, Provider

from ..allocation_helpers import catalogue, draft, ready_case, rejected_messages, youth_of
from ..assessment.test_pages import _score
from ..core.test_list_query_counts import _counts_stay
from ..partners.test_pages import _contact, _partners
from ..plans.test_api import send, started, with_goal
from ..quality.test_complaint_pages import _complaints


def _stays(client, url, grow, django_assert_max_num_queries) -> str:
    return _counts_stay(client, url, grow, django_assert_max_num_queries)


def test_a_cases_decisions_and_weighings(world, client_as, django_assert_max_num_queries):
    ready_case(world)
    product = catalogue()["ambulant"]
    youth = youth_of(world)
    today = timezone.localdate()

    def decisions(count, start):
        for n in range(count):
            draft(world, product, youth, start=today + timedelta(days=200 * (start + n)))

    def weighings(count):
        Weighing.objects.bulk_create(
            Weighing(
                case=world.case,
                decided_on=today - timedelta(days=n),
                level="community",
                reason="Een buurtaanbod past.",
                not_granted="Bijles",
                not_granted_reason="normal_growing_up",
                recorded_by=world.users[Role.CASE_WORKER],
                recorded_at=timezone.now(),
            )
            for n in range(count)
        )

    decisions(1, 0)
    weighings(2)
    client = client_as(Role.CASE_WORKER)
    url = reverse("api:decisions", args=[world.case.pk])
    listed = _stays(client, url, lambda: decisions(4, 1), django_assert_max_num_queries)
    assert len(json.loads(listed)) == 5
    url = reverse("api:weighings", args=[world.case.pk])
    listed = _stays(client, url, lambda: weighings(8), django_assert_max_num_queries)
    assert len(json.loads(listed)) == 10


def _messages(world, count, start):
    rejected_messages(world.case, count, start)


def test_ijw_messages_of_a_case_and_of_the_municipality(
    world, client_as, django_assert_max_num_queries
):
    _messages(world, 2, 0)
    worker, lead = client_as(Role.CASE_WORKER), client_as(Role.TEAM_LEAD)
    of_case = reverse("api:case-ijw-messages", args=[world.case.pk])
    _stays(worker, of_case, lambda: _messages(world, 30, 10), django_assert_max_num_queries)
    _stays(
        lead,
        reverse("api:ijw-messages"),
        lambda: _messages(world, 30, 100),
        django_assert_max_num_queries,
    )


def test_complaints(world, client_as, django_assert_max_num_queries):
    _complaints(2, 0)
    _stays(
        client_as(Role.COMPLAINTS_OFFICER),
        reverse("api:complaint-list"),
        lambda: _complaints(30, 2),
        django_assert_max_num_queries,
    )


def test_partners_and_their_coverage(world, client_as, django_assert_max_num_queries):
    _partners(world.team.district, PartnerKind.SCHOOL, 2)
    worker = world.users[Role.CASE_WORKER]

    def grow():
        for partner in _partners(world.other_team.district, PartnerKind.GP_PRACTICE, 30, 100):
            _contact(partner, worker)

    client = client_as(Role.TEAM_LEAD)
    _stays(client, reverse("api:partner-list"), grow, django_assert_max_num_queries)
    _stays(
        client,
        reverse("api:partner-coverage"),
        lambda: _partners(world.team.district, PartnerKind.SCHOOL, 20, 500),
        django_assert_max_num_queries,
    )


def test_providers_and_community_offers(world, client_as, django_assert_max_num_queries):
    def providers(count, start):
        for n in range(start, start + count):
            provider = Provider.objects.create(name=f"Aanbieder {n}", agb_code=f"{n:08d}")
            for code in ("45A01", "45A02"):
                ContractedProduct.objects.create(
                    provider=provider, category="45", product_code=code, name="Ambulant"
                )

    def offers(count, start):
        CommunityOffer.objects.bulk_create(
            CommunityOffer(
                name=f"Buurtaanbod {start + n}",
                organisation="Welzijn Noord",
                category="parenting",
                description="Elke woensdag.",
                target_group="Ouders",
            )
            for n in range(count)
        )

    providers(1, 1)
    offers(2, 0)
    client = client_as(Role.CASE_WORKER)
    _stays(
        client, reverse("api:providers"), lambda: providers(20, 10), django_assert_max_num_queries
    )
    _stays(
        client,
        reverse("api:community-offers"),
        lambda: offers(30, 10),
        django_assert_max_num_queries,
    )


def test_a_plans_versions_and_evaluations(world, client_as, django_assert_max_num_queries):
    client = client_as(Role.CASE_WORKER)
    plan = with_goal(client, started(world, client))
    goal = plan["goals"][0]["id"]
    team = [world.users[Role.CASE_WORKER].pk, world.users[Role.TEAM_LEAD].pk]
    family = list(world.household.members.values_list("pk", flat=True))

    def evaluations(count):
        for n in range(count):
            response = send(
                client,
                "post",
                reverse("api:plan-evaluations", args=[plan["id"]]),
                {
                    "kind": "interim",
                    "held_on": (timezone.localdate() - timedelta(days=n)).isoformat(),
                    "team_members": team,
                    "family_members": family,
                    "results": [{"goal": goal, "result": "partly"}],
                    "decision": "continue",
                    "decision_note": "Verder zoals afgesproken.",
                },
            )
            assert response.status_code == 201, response.json()

    def versions(count):
        current = client.get(reverse("api:plan", args=[plan["id"]])).json()
        for n in range(count):
            current = send(
                client,
                "post",
                reverse("api:plan-goals", args=[plan["id"]]),
                {
                    "person": None,
                    "life_domain": "school",
                    "result": f"Doel {n}.",
                    "indicator": "Zichtbaar thuis.",
                    "priority": "later",
                    "version": current["version"],
                },
            ).json()

    evaluations(1)
    url = reverse("api:plan-evaluations", args=[plan["id"]])
    listed = _stays(client, url, lambda: evaluations(6), django_assert_max_num_queries)
    assert len(json.loads(listed)) == 7
    url = reverse("api:plan-versions", args=[plan["id"]])
    _stays(client, url, lambda: versions(6), django_assert_max_num_queries)


def test_a_households_life_domain_assessments(world, client_as, django_assert_max_num_queries):
    child = world.household.members.get()
    today = timezone.localdate()

    def scored(days):
        for day in days:
            _score(world, child, today - timedelta(days=day), {"school": 2, "opvoeding": 3})

    scored((1, 2))
    url = reverse("api:life-domain-assessments", args=[world.household.pk])
    _stays(
        client_as(Role.CASE_WORKER),
        url,
        lambda: scored(range(3, 20)),
        django_assert_max_num_queries,
    )
