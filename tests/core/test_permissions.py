"""The role/permission table: every role against every page and endpoint."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry

from ..registry import ENDPOINTS, EXEMPT_ROUTE_PREFIXES, OTHER_TEAM_URLS

TABLE = [(role, endpoint, role in endpoint.allowed) for endpoint in ENDPOINTS for role in Role]


@pytest.mark.parametrize(
    ("role", "endpoint", "allowed"),
    TABLE,
    ids=[f"{role}-{endpoint.route}-{'allow' if ok else 'deny'}" for role, endpoint, ok in TABLE],
)
def test_role_permission_table(world, client_as, role, endpoint, allowed):
    response = client_as(role).get(endpoint.url(world))
    if allowed:
        assert response.status_code == endpoint.ok_status
    else:
        assert response.status_code in (403, 404)
        if endpoint.api:
            assert response.json()["code"] in ("permission_denied", "not_found")


@pytest.mark.parametrize(
    "endpoint", [e for e in ENDPOINTS if e.personal_data], ids=lambda e: e.route
)
def test_every_page_with_personal_data_is_audited(world, client_as, endpoint):
    role = sorted(endpoint.allowed)[0]
    before = AuditEntry.objects.count()
    response = client_as(role).get(endpoint.url(world), HTTP_X_REQUEST_ID="registry-audit-1")
    assert response.status_code == 200
    assert AuditEntry.objects.count() > before
    assert AuditEntry.objects.filter(request_id="registry-audit-1").exists()


@pytest.mark.parametrize(("route", "url"), OTHER_TEAM_URLS, ids=[r for r, _ in OTHER_TEAM_URLS])
def test_another_teams_records_are_not_found(world, client_as, route, url):
    for role in next(e for e in ENDPOINTS if e.route == route).allowed:
        assert client_as(role).get(url(world)).status_code == 404


def _route_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _route_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            names.add(f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed>")
    return names


def test_every_route_is_in_the_registry():
    registered = {endpoint.route for endpoint in ENDPOINTS}
    routes = {
        name for name in _route_names(get_resolver()) if not name.startswith(EXEMPT_ROUTE_PREFIXES)
    }
    missing = sorted(routes - registered)
    assert not missing, f"Add these routes to tests/registry.py: {missing}"


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.route)
def test_anonymous_reaches_only_public_pages(world, client, endpoint):
    response = client.get(endpoint.url(world))
    if endpoint.public:
        assert response.status_code == endpoint.ok_status
    elif endpoint.api:
        assert response.status_code == 403
        assert response.json()["code"] == "not_authenticated"
    else:
        assert response.status_code == 302
        assert "/account/login/" in response["Location"]
