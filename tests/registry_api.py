"""Registry entries for the api pages and endpoints (see registry.py)."""

from wijkteam.accounts.roles import Role  # noqa: F401

from .registry_base import ALL_STAFF, CASEWORK, Endpoint, url  # noqa: F401

# Analysts and administrators lack `cases.view_case` / `people.view_household`: 403. The
# POST-only endpoints answer a GET from an allowed role with 405 (after the permission
# check), so the table still proves who may reach them; tests/api covers the POSTs.
API_ENDPOINTS: tuple = (
    Endpoint("api:intake-create", url("api:intake-create"), CASEWORK, api=True, ok_status=405),
    Endpoint("api:case-list", url("api:case-list"), CASEWORK, api=True, personal_data=True),
    Endpoint(
        "api:case-detail",
        url("api:case-detail", lambda w: w.case.pk),
        CASEWORK,
        api=True,
        personal_data=True,
    ),
    Endpoint(
        "api:case-status",
        url("api:case-status", lambda w: w.case.pk),
        CASEWORK,
        api=True,
        ok_status=405,
    ),
    Endpoint(
        "api:household-detail",
        url("api:household-detail", lambda w: w.household.pk),
        CASEWORK,
        api=True,
        personal_data=True,
    ),
)
API_OTHER_TEAM_URLS: tuple = (
    ("api:case-detail", url("api:case-detail", lambda w: w.other_case.pk)),
    ("api:household-detail", url("api:household-detail", lambda w: w.other_household.pk)),
)
