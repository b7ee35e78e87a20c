"""Registry entries for the privacy officer's pages (see registry.py)."""

from wijkteam.accounts.roles import Role

from .registry_base import Endpoint, url

PRIVACY = frozenset({Role.PRIVACY_OFFICER})

PRIVACY_ENDPOINTS: tuple = (
    Endpoint("privacy:subject_access", url("privacy:subject_access"), PRIVACY),
    # Opened with a resident's id (after the BSN lookup): shows name and date of birth.
    Endpoint(
        "privacy:subject_export",
        url("privacy:subject_export", lambda w: w.household.members.first().pk),
        PRIVACY,
        personal_data=True,
    ),
    Endpoint(
        "privacy:retention",
        url("privacy:retention"),
        frozenset({Role.PRIVACY_OFFICER, Role.ADMINISTRATOR}),
    ),
)
