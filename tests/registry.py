"""One registry of every page and API endpoint, with the roles that may use it.

The permission test expands it into the table (role, URL, expected allow/deny); the
browser test visits every page in it as every allowed role and runs axe-core; the audit
test checks that every page marked `personal_data` writes an audit entry. A test fails
when a route exists that is missing here, so a new page cannot skip these checks.
Later issues add their pages and endpoints here.
"""

from wijkteam.accounts.roles import Role

from .registry_base import ALL_STAFF, CASEWORK, Endpoint  # noqa: F401
from .registry_base import url as _url

CORE_ENDPOINTS: tuple[Endpoint, ...] = (
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
        "people:resident_edit",
        _url("people:resident_edit", lambda w: w.household.members.first().pk),
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
    Endpoint("api:schema", _url("api:schema"), ALL_STAFF, api=True, public=True),
)

# Later issues keep their entries in their own module beside this one and add them here.
from .registry_allocation import (  # noqa: E402
    ALLOCATION_API_ENDPOINTS,
    ALLOCATION_API_OTHER_TEAM_URLS,
    ALLOCATION_ENDPOINTS,
    ALLOCATION_OTHER_TEAM_URLS,
)
from .registry_api import API_ENDPOINTS, API_OTHER_TEAM_URLS  # noqa: E402
from .registry_assessment import (  # noqa: E402
    ASSESSMENT_API_ENDPOINTS,
    ASSESSMENT_API_OTHER_TEAM_URLS,
    ASSESSMENT_ENDPOINTS,
    ASSESSMENT_OTHER_TEAM_URLS,
)
from .registry_cases import CASES_ENDPOINTS, CASES_OTHER_TEAM_URLS  # noqa: E402
from .registry_insights import INSIGHTS_API_ENDPOINTS, INSIGHTS_ENDPOINTS  # noqa: E402
from .registry_plans import (  # noqa: E402
    PLANS_API_ENDPOINTS,
    PLANS_API_OTHER_TEAM_URLS,
    PLANS_ENDPOINTS,
    PLANS_OTHER_TEAM_URLS,
)
from .registry_portal import PORTAL_ENDPOINTS  # noqa: E402
from .registry_privacy import PRIVACY_ENDPOINTS  # noqa: E402
from .registry_quality import (  # noqa: E402
    QUALITY_API_ENDPOINTS,
    QUALITY_ENDPOINTS,
    QUALITY_OTHER_TEAM_URLS,
)
from .registry_search import SEARCH_ENDPOINTS, SEARCH_OTHER_TEAM_URLS  # noqa: E402

ENDPOINTS: tuple[Endpoint, ...] = (
    CORE_ENDPOINTS
    + CASES_ENDPOINTS
    + PORTAL_ENDPOINTS
    + API_ENDPOINTS
    + SEARCH_ENDPOINTS
    + ASSESSMENT_ENDPOINTS
    + ASSESSMENT_API_ENDPOINTS
    + PRIVACY_ENDPOINTS
    + QUALITY_ENDPOINTS
    + QUALITY_API_ENDPOINTS
    + PLANS_ENDPOINTS
    + PLANS_API_ENDPOINTS
    + ALLOCATION_ENDPOINTS
    + ALLOCATION_API_ENDPOINTS
    + INSIGHTS_ENDPOINTS
    + INSIGHTS_API_ENDPOINTS
)

# Routes that are not the product's own pages: sign-in and two-factor set-up (open
# before sign-in), language switch and sign-out (forms), the Django admin (its own
# permission system, for administrators), and django-two-factor-auth's profile pages.
EXEMPT_ROUTE_PREFIXES = ("two_factor:", "admin:", "set_language", "logout")

# Pages that must show the objects of one team only: (route, world -> other team's URL).
CORE_OTHER_TEAM_URLS = (
    (
        "people:resident_edit",
        _url("people:resident_edit", lambda w: w.other_household.members.first().pk),
    ),
    ("people:household_detail", _url("people:household_detail", lambda w: w.other_household.pk)),
    (
        "audit:record_trail",
        _url("audit:record_trail", "people.household", lambda w: w.other_household.pk),
    ),
)

OTHER_TEAM_URLS = (
    CORE_OTHER_TEAM_URLS
    + CASES_OTHER_TEAM_URLS
    + API_OTHER_TEAM_URLS
    + SEARCH_OTHER_TEAM_URLS
    + ASSESSMENT_OTHER_TEAM_URLS
    + ASSESSMENT_API_OTHER_TEAM_URLS
    + QUALITY_OTHER_TEAM_URLS
    + PLANS_OTHER_TEAM_URLS
    + PLANS_API_OTHER_TEAM_URLS
    + ALLOCATION_OTHER_TEAM_URLS
    + ALLOCATION_API_OTHER_TEAM_URLS
)
