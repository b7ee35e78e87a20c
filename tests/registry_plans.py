"""Registry entries for the support plan and the community offers (see registry.py)."""

from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.assessment.models import LifeDomain
from wijkteam.catalogue.models import CommunityOffer
from wijkteam.plans.models import (
    Action,
    Closure,
    CommunityReferral,
    Escalation,
    Goal,
    OwnSupport,
    SupportPlan,
)

from .registry_base import CASEWORK, DOCUMENT, Endpoint, url

RECORDERS = frozenset(
    {Role.CASE_WORKER, Role.BEHAVIOURAL_EXPERT, Role.SAFETY_OFFICER, Role.TEAM_LEAD}
)
LEAD = frozenset({Role.TEAM_LEAD})
# The administrator keeps the catalogue (in the admin) and may read it here too.
CATALOGUE = CASEWORK | {Role.ADMINISTRATOR}


def plan_of(case, worker) -> SupportPlan:
    """The case's plan, started when there is none (for the registry's URLs)."""
    return SupportPlan.objects.filter(case=case).first() or SupportPlan.objects.create(
        household=case.household,
        case=case,
        summary="Rust in huis en weer naar school.",
        coordinator=worker,
        created_at=timezone.now(),
        created_by=worker,
    )


def goal_of(plan) -> Goal:
    return plan.goals.first() or Goal.objects.create(
        plan=plan,
        person=plan.household.members.first(),
        life_domain=LifeDomain.objects.get(code="school"),
        result="Noor gaat elke dag naar school.",
        indicator="Geen verzuim in een maand.",
        created_at=timezone.now(),
    )


def action_of(plan) -> Action:
    return plan.actions.first() or Action.objects.create(
        plan=plan,
        goal=goal_of(plan),
        description="Rooster maken met school.",
        by="team",
        who="Sanne",
        created_at=timezone.now(),
    )


def offer() -> CommunityOffer:
    return CommunityOffer.objects.first() or CommunityOffer.objects.create(
        name="Maatjesproject Noord",
        organisation="Welzijn Noord",
        category="buddy",
        description="Een maatje voor jongeren.",
        target_group="jongeren van 12 tot 18",
    )


def referral_of(plan, worker) -> CommunityReferral:
    return plan.referrals.first() or CommunityReferral.objects.create(
        plan=plan,
        offer=offer(),
        person=plan.household.members.first(),
        referred_on=timezone.localdate(),
        warm_handover=True,
        handover_note="Samen gebeld met de coördinator.",
        contact_at_offer="Ilse",
        recorded_by=worker,
        recorded_at=timezone.now(),
    )


def own_support_of(plan, worker) -> OwnSupport:
    today = timezone.localdate()
    return plan.own_support.first() or OwnSupport.objects.create(
        plan=plan,
        kind="parenting",
        description="Opvoedgesprekken.",
        worker=worker,
        started_on=today,
        planned_end_on=today,
        planned_contacts=6,
        frequency="weekly",
        review_on=today,
        review_contacts=12,
        recorded_by=worker,
        recorded_at=timezone.now(),
    )


def escalation_of(plan, worker, lead) -> Escalation:
    return plan.escalations.first() or Escalation.objects.create(
        plan=plan,
        stuck="De aanbieder start niet.",
        tried="Twee keer gebeld.",
        lead=lead,
        deadline=timezone.localdate(),
        raised_by=worker,
        raised_at=timezone.now(),
    )


def _worker(world):
    return world.users[Role.CASE_WORKER]


def _plan(world):
    return plan_of(world.case, _worker(world)).pk


def _other_plan(world):
    return plan_of(world.other_case, _worker(world)).pk


def _ids(make, case_of):
    """(plan id, record id) getters for a record of the plan of `case_of(world)`."""

    def plan_id(world):
        return plan_of(case_of(world), _worker(world)).pk

    def record_id(world):
        plan = plan_of(case_of(world), _worker(world))
        return make(plan, world).pk

    return plan_id, record_id


RECORDS = {
    "plans:goal": lambda plan, world: goal_of(plan),
    "plans:action": lambda plan, world: action_of(plan),
    "plans:own_support": lambda plan, world: own_support_of(plan, _worker(world)),
    "plans:referral": lambda plan, world: referral_of(plan, _worker(world)),
    "plans:escalation": lambda plan, world: escalation_of(
        plan, _worker(world), world.users[Role.TEAM_LEAD]
    ),
    "plans:transition": lambda plan, world: plan.household.members.first(),
}


def _record_page(route, allowed, case_of=lambda w: w.case):
    plan_id, record_id = _ids(RECORDS[route], case_of)
    return Endpoint(route, url(route, plan_id, record_id), allowed, personal_data=True)


def _plan_page(route, allowed):
    return Endpoint(route, url(route, _plan), allowed, personal_data=True)


PLANS_ENDPOINTS: tuple = (
    Endpoint("plans:case_plan", url("plans:case_plan", lambda w: w.case.pk), CASEWORK, True),
    _plan_page("plans:plan", CASEWORK),
    _plan_page("plans:coordination", RECORDERS),
    _plan_page("plans:goal_new", RECORDERS),
    _record_page("plans:goal", RECORDERS),
    _plan_page("plans:action_new", RECORDERS),
    _record_page("plans:action", RECORDERS),
    _plan_page("plans:agree", RECORDERS),
    _plan_page("plans:versions", CASEWORK),
    Endpoint(
        "plans:pdf",
        url("plans:pdf", _plan),
        CASEWORK,
        personal_data=True,
        tags=frozenset({DOCUMENT}),
    ),
    _plan_page("plans:own_support_new", RECORDERS),
    _record_page("plans:own_support", CASEWORK),
    _plan_page("plans:referral_new", RECORDERS),
    _record_page("plans:referral", RECORDERS),
    _plan_page("plans:evaluation_new", RECORDERS),
    _plan_page("plans:escalation_new", RECORDERS),
    _record_page("plans:escalation", LEAD),
    _record_page("plans:transition", RECORDERS),
    _plan_page("plans:closure", RECORDERS),
    Endpoint("catalogue:offer_list", url("catalogue:offer_list"), CATALOGUE),
    Endpoint(
        "catalogue:offer_detail", url("catalogue:offer_detail", lambda w: offer().pk), CATALOGUE
    ),
)

_PLAN_ROUTES = (
    "plans:plan",
    "plans:coordination",
    "plans:goal_new",
    "plans:action_new",
    "plans:agree",
    "plans:versions",
    "plans:pdf",
    "plans:own_support_new",
    "plans:referral_new",
    "plans:evaluation_new",
    "plans:escalation_new",
    "plans:closure",
)

PLANS_OTHER_TEAM_URLS: tuple = (
    ("plans:case_plan", url("plans:case_plan", lambda w: w.other_case.pk)),
    *((route, url(route, _other_plan)) for route in _PLAN_ROUTES),
    *((route, url(route, *_ids(RECORDS[route], lambda w: w.other_case))) for route in RECORDS),
)


# --- The API -------------------------------------------------------------------------------


def closure_of(plan, worker) -> Closure:
    """A closure record for the plan (the registry only reads it back)."""
    return Closure.objects.filter(plan=plan).first() or Closure.objects.create(
        plan=plan,
        reason_code="31",
        closed_on=timezone.localdate(),
        scaled_down_to="community",
        experience_request="conversation",
        recorded_by=worker,
        recorded_at=timezone.now(),
    )


def _case_with_plan(case_of):
    def case_id(world):
        return plan_of(case_of(world), _worker(world)).case_id

    return case_id


def _closed_plan(case_of):
    def plan_id(world):
        plan = plan_of(case_of(world), _worker(world))
        closure_of(plan, _worker(world))
        return plan.pk

    return plan_id


def _goal_of(case_of):
    def goal_id(world):
        return goal_of(plan_of(case_of(world), _worker(world))).pk

    return goal_id


def _api(route, *args, personal_data=True, ok_status=200, allowed=CASEWORK):
    return Endpoint(
        route,
        url(route, *args),
        allowed,
        api=True,
        personal_data=personal_data,
        ok_status=ok_status,
    )


# Writing endpoints answer a GET from a reading role with 405 (after the permission
# check); tests/plans/test_api.py covers the writes.
PLANS_API_ENDPOINTS: tuple = (
    _api("api:case-plan", _case_with_plan(lambda w: w.case)),
    _api("api:plan", _plan),
    _api("api:plan-versions", _plan),
    _api("api:plan-evaluations", _plan),
    _api("api:plan-closure", _closed_plan(lambda w: w.case)),
    *(
        _api(route, _plan, personal_data=False, ok_status=405)
        for route in ("api:plan-goals", "api:plan-actions", "api:plan-agreement")
    ),
    _api("api:plan-goal", _plan, _goal_of(lambda w: w.case), personal_data=False, ok_status=405),
    _api("api:community-offers", personal_data=False, allowed=CATALOGUE),
)

PLANS_API_OTHER_TEAM_URLS: tuple = (
    ("api:case-plan", url("api:case-plan", _case_with_plan(lambda w: w.other_case))),
    *(
        (route, url(route, _other_plan))
        for route in ("api:plan", "api:plan-versions", "api:plan-evaluations")
    ),
    ("api:plan-closure", url("api:plan-closure", _closed_plan(lambda w: w.other_case))),
)
