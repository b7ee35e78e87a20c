"""API fuzzing: schemathesis generates requests from the committed OpenAPI document and
sends them, in process, to the product as every role (and anonymously). No request may
cause a server error (5xx), and every documented response must match its schema.

For each generated request the path's ids are tried twice: as generated (mostly records
that do not exist, or that the user may not see) and replaced by the ids of records the
role's team can see, so the operations are exercised on real data too. The number of
examples per operation is `WIJKTEAM_FUZZ_EXAMPLES` (default 15; CI's default).
"""

import os
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from wijkteam.accounts.api_tokens import issue_api_token
from wijkteam.audit.log import AuditContext

SCHEMA = schemathesis.openapi.from_path(
    Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"
)
EXAMPLES = int(os.environ.get("WIJKTEAM_FUZZ_EXAMPLES", "15"))
CHECKS = [not_a_server_error, response_schema_conformance]

# How many examples each operation has had in this run (to share them out over the roles).
SEEN: dict[str, int] = {}


def _tokens(world) -> dict[str, str]:
    """An API token per role (issued once per operation: the world outlives the examples)."""
    if getattr(world, "fuzz_headers", None) is None:
        headers = {"anonymous": {}}
        for role, user in world.users.items():
            issued = issue_api_token(AuditContext.system(name="fuzz"), user=user)
            headers[str(role)] = {"Authorization": f"Token {issued.secret}"}
        world.fuzz_headers = headers
    return world.fuzz_headers


def _real_ids(world) -> dict[str, int]:
    """Ids of records of team A (whose staff are the fuzzing users) for every path
    parameter name in the document."""
    return {"id": world.case.pk, "household_id": world.household.pk}


@pytest.fixture
def app():
    """The product's WSGI application, keeping the test's database connection open across
    requests (as Django's test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@SCHEMA.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
def test_no_server_error_and_every_response_as_documented(case, world, app):
    headers_by_role = _tokens(world)
    real = _real_ids(world)
    if "{id}" in case.path and "households" in case.path:
        real = {**real, "id": world.household.pk}
    variants = [dict(case.path_parameters or {})]
    if case.path_parameters:
        variants.append({k: real.get(k, v) for k, v in case.path_parameters.items()})
    operation = f"{case.method} {case.path}"
    seen = SEEN.setdefault(operation, 0)
    SEEN[operation] += 1
    roles = list(headers_by_role)
    # The first example of an operation goes to every role; later ones to the next role in
    # turn, so each role meets every operation and the run stays short.
    chosen = roles if seen == 0 else [roles[seen % len(roles)]]
    for path_parameters in variants:
        case.path_parameters = path_parameters
        for role in chosen:
            case.call_and_validate(app=app, headers=headers_by_role[role], checks=CHECKS)
