"""Shared fixtures: a small world of two teams, users per role, signed-in clients."""

import os
import shutil
from dataclasses import dataclass

import pytest
from django.db import connection
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkteam.accounts.roles import Role
from wijkteam.cases.models import Case
from wijkteam.people.models import PostcodeArea

from .factories import (
    CertificateFactory,
    DistrictFactory,
    HouseholdFactory,
    MembershipFactory,
    TeamFactory,
    UserFactory,
)

pytest_plugins = ["tests.log_scan"]

# Playwright's sync API runs an event loop in this thread; the Django ORM calls that
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# In CI nothing may be skipped: a missing PostgreSQL or browser is a failure there.
NO_SKIPS = os.environ.get("WIJKTEAM_NO_SKIPS") == "1"


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if NO_SKIPS and skipped and exitstatus == 0:
        reporter.write_line(
            f"WIJKTEAM_NO_SKIPS=1 but {len(skipped)} test(s) were skipped: failing the run.",
            red=True,
        )
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _today_is_the_day_of_the_test(request):
    """A test module that names `TODAY_IS_LIVE = True` gets `TODAY` set to the day the
    test runs (Europe/Amsterdam), not the day it was imported: a run that crosses
    midnight would otherwise compare yesterday's date with the product's today."""
    module = getattr(request, "module", None)
    if getattr(module, "TODAY_IS_LIVE", False):
        module.TODAY = timezone.localdate()


@pytest.fixture
def ijw_schemas(settings):
    """Skip (clearly) unless the iJw XSDs are there (`IJW_XSD_DIR`; CI has
    `../shared/ijw/xsd` beside the project): without them messages are not schema-checked."""
    from pathlib import Path

    if not settings.IJW_XSD_DIR or not Path(settings.IJW_XSD_DIR).is_dir():
        pytest.skip("needs the iJw XSDs: put ../shared beside the project or set IJW_XSD_DIR")


@pytest.fixture
def postgres(db):
    """Skip (clearly) unless the tests run on PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://… to run this test")


def sign_in(client, user):
    """Sign a user in as after a full two-factor sign-in."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@dataclass
class World:
    team: object
    other_team: object
    household: object
    other_household: object
    users: dict
    case: object = None  # an open case of `household` (team A)
    other_case: object = None  # an open case of `other_household` (team B)


@pytest.fixture
def world(db) -> World:
    """Team A with one user per role (each with a current VOG) and a household; team B
    with its own household."""
    district = DistrictFactory(code="noord", name="Noord")
    other_district = DistrictFactory(code="zuid", name="Zuid")
    team = TeamFactory(district=district, name="Wijkteam Noord")
    other_team = TeamFactory(district=other_district, name="Wijkteam Zuid")
    users = {}
    for role in Role:
        user_team = (
            None if role in (Role.ANALYST, Role.ADMINISTRATOR, Role.PRIVACY_OFFICER) else team
        )
        users[role] = UserFactory(username=str(role), team=user_team, roles=[role])
        CertificateFactory(user=users[role])
    PostcodeArea.objects.create(area="8011", district=district)
    PostcodeArea.objects.create(area="9011", district=other_district)
    household = HouseholdFactory(district=district, name="Familie Noord")
    MembershipFactory(household=household)
    other_household = HouseholdFactory(district=other_district, name="Familie Zuid")
    MembershipFactory(household=other_household)
    case = Case.objects.create(
        reference="WT-2026-900001",
        household=household,
        team=team,
        registered_at=timezone.now(),
    )
    case.subjects.set(household.members.all())
    other_case = Case.objects.create(
        reference="WT-2026-900002",
        household=other_household,
        team=other_team,
        registered_at=timezone.now(),
    )
    return World(team, other_team, household, other_household, users, case, other_case)


@pytest.fixture
def client_as(client, world):
    """client_as(role) gives a test client signed in (with two-factor) as that role."""

    def _client_as(role):
        return sign_in(client, world.users[role])

    return _client_as


# --- Browser tests: Playwright driving Debian's chromium, one browser per session ---

CHROMIUM = os.environ.get("WIJKTEAM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"needs chromium at {CHROMIUM} (apt-get install chromium) for browser tests")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()
