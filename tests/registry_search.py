"""Registry entries for the search pages and endpoints (see registry.py)."""

from django.urls import reverse

from wijkteam.accounts.roles import Role

from .registry_base import CASEWORK, Endpoint, url

SEARCH_ENDPOINTS: tuple = (
    Endpoint(
        "search:search",
        lambda w: f"{reverse('search:search')}?q=Noord",
        CASEWORK,
        personal_data=True,
    ),
    # Reached through an offer kept in the session; an unknown or expired key gets a
    # page that says so (200, so the browser test checks it too).
    Endpoint(
        "search:request_access",
        lambda w: f"{reverse('search:request_access')}?token=no-such-offer",
        CASEWORK,
    ),
    Endpoint(
        "search:access_grants",
        url("search:access_grants"),
        frozenset({Role.TEAM_LEAD}),
        personal_data=True,
    ),
    Endpoint(
        "api:search",
        lambda w: f"{reverse('api:search')}?q=Noord",
        CASEWORK,
        api=True,
        personal_data=True,
    ),
)

# Search results are filtered, not addressed by id: the other-team checks are in
# tests/search (a name never finds another team's household).
SEARCH_OTHER_TEAM_URLS: tuple = ()
