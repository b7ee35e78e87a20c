"""One registry of every page and API endpoint, with the roles that may use it.

The permission test expands it into the table (role, URL, expected allow/deny); the
browser test visits every page in it as every allowed role and runs axe-core; the audit
test checks that every page marked `personal_data` writes an audit entry. A test fails
when a route exists that is missing here, so a new page cannot skip these checks.
Later issues add their pages and endpoints here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from wijkteam.accounts.roles import Role

ALL_STAFF = frozenset(Role)
CASEWORK = frozenset(
    {
        Role.CASE_WORKER,
        Role.BEHAVIOURAL_EXPERT,
        Role.SAFETY_OFFICER,
        Role.TEAM_LEAD,
        Role.QUALITY_OFFICER,
        Role.COMPLAINTS_OFFICER,
    }
)


@dataclass(frozen=True)
class Endpoint:
    route: str  # the URL pattern's name, as reverse() takes it
    url: Callable[[object], str]  # world -> URL
    allowed: frozenset[Role]
    personal_data: bool = False
    api: bool = False
    # Status for an allowed role (a redirect for the home page).
    ok_status: int = 200
    tags: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_page(self) -> bool:
        return not self.api


def _url(name, *args):
    return lambda world: reverse(name, args=[a(world) if callable(a) else a for a in args])


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("core:home", _url("core:home"), ALL_STAFF, ok_status=302),
    Endpoint("core:my_work", _url("core:my_work"), CASEWORK),
    Endpoint(
        "core:figures",
        _url("core:figures"),
        frozenset({Role.ANALYST, Role.TEAM_LEAD, Role.QUALITY_OFFICER}),
    ),
    Endpoint(
        "accounts:team", _url("accounts:team"), frozenset({Role.TEAM_LEAD}), personal_data=True
    ),
    Endpoint(
        "accounts:staff_list",
        _url("accounts:staff_list"),
        frozenset({Role.ADMINISTRATOR}),
        personal_data=True,
    ),
    Endpoint(
        "accounts:staff_detail",
        _url("accounts:staff_detail", lambda w: w.users[Role.CASE_WORKER].pk),
        frozenset({Role.ADMINISTRATOR, Role.TEAM_LEAD}),
        personal_data=True,
    ),
    Endpoint("people:household_list", _url("people:household_list"), CASEWORK, personal_data=True),
    Endpoint(
        "people:household_detail",
        _url("people:household_detail", lambda w: w.household.pk),
        CASEWORK,
        personal_data=True,
    ),
    Endpoint(
        "audit:record_trail",
        _url("audit:record_trail", "people.household", lambda w: w.household.pk),
        frozenset({Role.TEAM_LEAD}),
        personal_data=True,
    ),
    Endpoint("api:me", _url("api:me"), ALL_STAFF, api=True),
    Endpoint("api:schema", _url("api:schema"), ALL_STAFF, api=True),
)

# Routes that are not the product's own pages: sign-in and two-factor set-up (open
# before sign-in), language switch and sign-out (forms), the Django admin (its own
# permission system, for administrators), and django-two-factor-auth's profile pages.
EXEMPT_ROUTE_PREFIXES = ("two_factor:", "admin:", "set_language", "logout")

# Pages that must show the objects of one team only: (route, world -> other team's URL).
OTHER_TEAM_URLS = (
    ("people:household_detail", _url("people:household_detail", lambda w: w.other_household.pk)),
    (
        "audit:record_trail",
        _url("audit:record_trail", "people.household", lambda w: w.other_household.pk),
    ),
)
