"""Hardening, checked on every route: security headers and the CSP on every page and API
answer (for a role that may use it, and anonymously for the public pages), CSRF on every
form that changes something, and cookies that scripts cannot read."""

import pytest
from django.test import Client

from ..conftest import sign_in
from ..registry import ENDPOINTS

HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def _assert_hardened(response):
    for header, value in HEADERS.items():
        assert response.get(header) == value, header
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.route)
def test_every_route_sends_the_security_headers(endpoint, world, client):
    if endpoint.public:
        response = client.get(endpoint.url(world))
    else:
        sign_in(client, world.users[sorted(endpoint.allowed)[0]])
        response = client.get(endpoint.url(world))
    assert response.status_code < 500
    _assert_hardened(response)


def test_error_pages_are_hardened_too(world, client_as):
    _assert_hardened(client_as(sorted(world.users)[0]).get("/bestaat-niet/"))


POSTED_FORMS = [
    ("portal:self_registration", False),
    ("portal:partner_referral", False),
    ("search:search", True),
    ("cases:register", True),
]


@pytest.mark.parametrize("route,staff", POSTED_FORMS)
def test_forms_refuse_a_post_without_the_csrf_token(route, staff, world):
    from django.urls import reverse

    from wijkteam.accounts.roles import Role

    client = Client(enforce_csrf_checks=True)
    if staff:
        sign_in(client, world.users[Role.CASE_WORKER])
    response = client.post(reverse(route), {"q": "x"})
    assert response.status_code == 403


def test_session_and_csrf_cookies_are_not_for_scripts(world, client):
    from django.urls import reverse

    client.get(reverse("portal:self_registration"))
    response = client.post(
        "/account/login/",
        {"auth-username": "nobody", "auth-password": "wrong", "login_view-current_step": "auth"},
    )
    assert response.status_code == 200
    assert "csrftoken" in client.cookies
    for cookie in client.cookies.values():
        assert cookie["httponly"] is True, cookie.key
        assert cookie["samesite"] == "Lax", cookie.key
