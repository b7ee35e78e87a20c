"""Registry entries for the allocation, provider and iJw message pages and endpoints
(see registry.py)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from wijkteam.accounts.roles import Role
from wijkteam.allocation.models import Decision
from wijkteam.ijw.models import Direction, Message, MessageStatus
from wijkteam.providers.models import ContractedProduct, Provider

from .registry_base import CASEWORK, DOCUMENT, Endpoint, url

DECIDERS = frozenset({Role.CASE_WORKER, Role.BEHAVIOURAL_EXPERT, Role.TEAM_LEAD})
EXPERTS = frozenset({Role.BEHAVIOURAL_EXPERT})
LEADS = frozenset({Role.TEAM_LEAD})
MESSAGE_READERS = frozenset({Role.TEAM_LEAD, Role.ADMINISTRATOR})
CATALOGUE_READERS = CASEWORK | {Role.ADMINISTRATOR}
FIGURES = frozenset({Role.ANALYST, Role.TEAM_LEAD, Role.QUALITY_OFFICER})


def provider_product() -> ContractedProduct:
    provider, _ = Provider.objects.get_or_create(
        agb_code="12345678", defaults={"name": "Jeugdhulp De Brug"}
    )
    product, _ = ContractedProduct.objects.get_or_create(
        provider=provider,
        category="45",
        product_code="45A01",
        defaults={"name": "Ambulante begeleiding", "unit": "4", "tariff": Decimal("80")},
    )
    return product


def decision_of(case, worker) -> Decision:
    """The case's first decision, a draft made when there is none."""
    found = Decision.objects.filter(case=case).first()
    if found:
        return found
    today = timezone.localdate()
    product = provider_product()
    return Decision.objects.create(
        reference=f"BS-2026-9{case.pk:05d}",
        case=case,
        youth=case.household.members.first(),
        product=product,
        category="45",
        product_code="45A01",
        unit="4",
        tariff=product.tariff,
        intensity="medium",
        start_date=today,
        end_date=today + timedelta(days=90),
        volume=2,
        frequency="2",
        motivation="Ambulante begeleiding van het gezin, twee uur per week.",
        created_by=worker,
        created_at=timezone.now(),
    )


def message_of(case, *, awaiting_placement=False) -> Message:
    """A received message of the case (or one awaiting a district, without a case)."""
    found = Message.objects.filter(case=case, awaiting_placement=awaiting_placement).first()
    return found or Message.objects.create(
        direction=Direction.IN,
        kind="JW315" if awaiting_placement else "JW305",
        status=MessageStatus.ACCEPTED,
        identification=f"R-{case.pk if case else 0}-{int(awaiting_placement)}",
        sender="12345678",
        receiver="0193",
        provider=provider_product().provider,
        case=case,
        awaiting_placement=awaiting_placement,
        xml="<Bericht/>",
        created_at=timezone.now(),
    )


def _case(world):
    return world.case.pk


def _other(world):
    return world.other_case.pk


def _decision(world):
    return decision_of(world.case, world.users[Role.CASE_WORKER]).pk


def _other_decision(world):
    return decision_of(world.other_case, world.users[Role.CASE_WORKER]).pk


def _message(world):
    return message_of(world.case).pk


def _waiting(world):
    return message_of(None, awaiting_placement=True).pk


def _provider(world):
    return provider_product().provider_id


def _page(route, allowed, *args, personal_data=True, tags=frozenset()):
    return Endpoint(route, url(route, *args), allowed, personal_data=personal_data, tags=tags)


ALLOCATION_ENDPOINTS: tuple = (
    _page("allocation:overview", CASEWORK, _case),
    _page("allocation:weighing", DECIDERS, _case),
    _page("allocation:new_decision", DECIDERS, _case),
    _page("allocation:decision", CASEWORK, _case, _decision),
    _page("allocation:edit_decision", DECIDERS, _case, _decision),
    _page("allocation:step", DECIDERS, _case, _decision, "afgeven"),
    _page("allocation:objections", CASEWORK, _case, _decision),
    _page("allocation:letter", CASEWORK, _case, _decision, tags=frozenset({DOCUMENT})),
    _page("allocation:case_messages", CASEWORK, _case),
    _page("allocation:cosign_list", EXPERTS, personal_data=False),
    _page("allocation:figures", FIGURES, personal_data=False),
    _page("providers:provider_list", CATALOGUE_READERS, personal_data=False),
    _page("providers:provider_detail", CATALOGUE_READERS, _provider, personal_data=False),
    _page("providers:export", CATALOGUE_READERS, personal_data=False, tags=frozenset({DOCUMENT})),
    _page("providers:import", frozenset({Role.ADMINISTRATOR}), personal_data=False),
    _page("ijw:message_list", MESSAGE_READERS, personal_data=False),
    _page("ijw:message", MESSAGE_READERS, _message),
    _page("ijw:place", LEADS, _waiting),
    _page("ijw:outbox", MESSAGE_READERS, personal_data=False),
)

ALLOCATION_OTHER_TEAM_URLS: tuple = (
    *(
        (route, url(route, _other))
        for route in (
            "allocation:overview",
            "allocation:weighing",
            "allocation:new_decision",
            "allocation:case_messages",
        )
    ),
    *(
        (route, url(route, _other, _other_decision))
        for route in (
            "allocation:decision",
            "allocation:edit_decision",
            "allocation:objections",
            "allocation:letter",
        )
    ),
    ("allocation:step", url("allocation:step", _other, _other_decision, "afgeven")),
    # Another team's decision under this team's case is not found either.
    ("allocation:decision", url("allocation:decision", _case, _other_decision)),
)


def _api(route, allowed, *args, personal_data=True, ok_status=200):
    return Endpoint(
        route,
        url(route, *args),
        allowed,
        api=True,
        personal_data=personal_data,
        ok_status=ok_status,
    )


def _figures_url(world):
    today = timezone.localdate()
    return url("api:not-granted-counts")(world) + f"?start={today.replace(day=1)}&end={today}"


# Writing endpoints answer a GET from a reading role with 405 (after the permission
# check); tests/allocation/test_api.py covers the writes.
ALLOCATION_API_ENDPOINTS: tuple = (
    _api("api:weighings", CASEWORK, _case),
    _api("api:decisions", CASEWORK, _case),
    _api("api:decision", CASEWORK, _case, _decision),
    _api("api:decision-step", CASEWORK, _case, _decision, personal_data=False, ok_status=405),
    _api("api:decision-objections", CASEWORK, _case, _decision, personal_data=False, ok_status=405),
    _api("api:case-ijw-messages", CASEWORK, _case),
    _api("api:ijw-messages", MESSAGE_READERS, personal_data=False),
    _api("api:ijw-message", MESSAGE_READERS, _message),
    _api("api:providers", CATALOGUE_READERS, personal_data=False),
    Endpoint("api:not-granted-counts", _figures_url, FIGURES, api=True),
)

ALLOCATION_API_OTHER_TEAM_URLS: tuple = (
    ("api:weighings", url("api:weighings", _other)),
    ("api:decisions", url("api:decisions", _other)),
    ("api:decision", url("api:decision", _other, _other_decision)),
    ("api:decision", url("api:decision", _case, _other_decision)),
    ("api:case-ijw-messages", url("api:case-ijw-messages", _other)),
)
