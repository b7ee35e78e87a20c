"""Registry entries for the cases pages and endpoints (see registry.py)."""

from wijkteam.accounts.roles import Role  # noqa: F401

from .registry_base import ALL_STAFF, CASEWORK, Endpoint, url  # noqa: F401

CASES_ENDPOINTS: tuple = ()
CASES_OTHER_TEAM_URLS: tuple = ()
