"""Registry entries for the portal pages and endpoints (see registry.py).

The public forms need no sign-in; staff reach them as well. The confirmation pages answer
200 without a reference in the session (a general confirmation)."""

from wijkteam.accounts.roles import Role  # noqa: F401

from .registry_base import ALL_STAFF, CASEWORK, Endpoint, url  # noqa: F401

PORTAL_ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("portal:self_registration", url("portal:self_registration"), ALL_STAFF, public=True),
    Endpoint(
        "portal:self_registration_done",
        url("portal:self_registration_done"),
        ALL_STAFF,
        public=True,
    ),
    Endpoint("portal:partner_referral", url("portal:partner_referral"), ALL_STAFF, public=True),
    Endpoint(
        "portal:partner_referral_done",
        url("portal:partner_referral_done"),
        ALL_STAFF,
        public=True,
    ),
)
