"""Registry entries for the portal pages and endpoints (see registry.py)."""

from wijkteam.accounts.roles import Role  # noqa: F401

from .registry_base import ALL_STAFF, CASEWORK, Endpoint, url  # noqa: F401

PORTAL_ENDPOINTS: tuple = ()
