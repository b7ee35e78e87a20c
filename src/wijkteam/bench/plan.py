"""The benchmark's plan: which volume staff make the requests, signed in how, asking for
which of their own records.

For each simulated user (a "slot") a case worker of a team, with their own open cases, the
households of their team's district and names and BSNs of residents there; that team's
lead; the analyst. Chosen at random with a seed, from volume data only (`volume.*` staff):
the command that uses this refuses to sign in anybody else. Every request a scenario makes
is reversed here into a path, so the load tool needs neither Django nor the database.
"""

import random
from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.contrib.auth import login
from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkteam.accounts.models import District, User
from wijkteam.accounts.roles import Role
from wijkteam.cases.models import OPEN_STATUSES, Case
from wijkteam.core.management.volume import STAFF_PREFIX
from wijkteam.people.models import Household, Resident

from .scenarios import ANALYST, CASE_WORKER, SCENARIOS, TEAM_LEAD, Scenario

POOL_SIZE = 40
CONTACT_NOTES = [
    "Huisbezoek: moeder vertelt dat de ochtenden rustiger gaan.",
    "Telefonisch contact met school over het verzuim.",
    "Gesprek op kantoor; afspraken voor de komende twee weken doorgenomen.",
]
BACKEND = "django.contrib.auth.backends.ModelBackend"


class NoVolumeData(Exception):
    """There are no volume staff with open cases: run seed_volume first."""


@dataclass
class Identity:
    username: str
    session: str
    pools: dict = field(default_factory=dict)


def volume_staff(role: str):
    return User.objects.filter(
        username__startswith=f"{STAFF_PREFIX}.", groups__name=role, is_active=True
    )


def sign_in(user: User) -> str:
    """A session as after a full sign-in with two-factor: the same `login` as the sign-in
    page (so it is in the audit log as a sign-in), then the verified device."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="benchmark", confirmed=True)
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = "127.0.0.1"
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    request.user = user  # as the middleware would have set it; otp_login needs it
    login(request, user, backend=BACKEND)
    otp_login(request, device)
    request.session.save()
    return request.session.session_key


class Planner:
    def __init__(self, rng: random.Random, pool_size: int = POOL_SIZE):
        self.rng = rng
        self.pool_size = pool_size
        self._district_pools: dict[int, dict] = {}

    def sample(self, values: list) -> list:
        return self.rng.sample(values, min(self.pool_size, len(values)))

    def district_pools(self, district_id: int) -> dict:
        """Households of the district, and names and BSNs of residents living there."""
        if district_id not in self._district_pools:
            households = list(
                Household.objects.filter(district_id=district_id)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            resident_ids = list(
                Resident.objects.filter(district_id=district_id, bsn__isnull=False)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            residents = Resident.objects.filter(pk__in=self.sample(resident_ids)).order_by("pk")
            self._district_pools[district_id] = {
                "household": self.sample(households),
                "name": [resident.full_name for resident in residents],
                "bsn": [resident.bsn for resident in residents],
            }
        return self._district_pools[district_id]

    def case_workers(self, count: int) -> list[User]:
        workers = list(
            volume_staff(Role.CASE_WORKER)
            .filter(team__isnull=False)
            .annotate(open_cases=Count("cases", filter=Q(cases__status__in=OPEN_STATUSES)))
            .filter(open_cases__gt=0)
            .select_related("team")
            .order_by("username")
        )
        if not workers:
            raise NoVolumeData("No volume case workers with open cases: run seed_volume first.")
        chosen = self.sample(workers) if len(workers) >= count else list(workers)
        return [chosen[i % len(chosen)] for i in range(count)]

    def case_worker(self, user: User) -> Identity:
        own = list(
            Case.objects.filter(worker=user, status__in=OPEN_STATUSES)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        pools = {
            "case": self.sample(own),
            **self.district_pools(user.team.district_id),
            # What a contact moment is recorded with (the write scenario).
            "version": [1],
            "today": [timezone.localdate().isoformat()],
            "contact_kind": ["home_visit", "phone", "office"],
            "note": CONTACT_NOTES,
        }
        return Identity(user.username, sign_in(user), pools)

    def team_lead(self, team_id: int) -> Identity:
        lead = volume_staff(Role.TEAM_LEAD).filter(team_id=team_id).order_by("username").first()
        if lead is None:
            raise NoVolumeData(f"Team {team_id} has no volume team lead.")
        return Identity(lead.username, sign_in(lead), {"team": [team_id]})

    def analyst(self) -> Identity:
        analyst = volume_staff(Role.ANALYST).order_by("username").first()
        if analyst is None:
            raise NoVolumeData("No volume analyst: run seed_volume first.")
        districts = list(
            District.objects.filter(team__isnull=False)
            .order_by("pk")
            .values_list("code", flat=True)
        )
        pools = {
            "year": [timezone.localdate().year - 1],
            "district": [self.rng.choice(districts)] if districts else [],
        }
        return Identity(analyst.username, sign_in(analyst), pools)


def requests_for(scenario: Scenario, pools: dict, rng: random.Random, count: int) -> list[dict]:
    """Concrete requests of one scenario for one user: `count` draws from their pools
    (one request when the scenario takes nothing from the pools)."""
    keys = {*scenario.args, *(key for _, key in scenario.form), *(key for _, key in scenario.query)}
    missing = [key for key in keys if not pools.get(key)]
    if missing:
        raise NoVolumeData(f"{scenario.key}: nothing to draw for {', '.join(missing)}.")
    out = []
    for _ in range(count if keys else 1):
        drawn = {key: rng.choice(pools[key]) for key in sorted(keys)}
        path = reverse(scenario.url_name, args=[drawn[key] for key in scenario.args])
        if scenario.query:
            path += "?" + "&".join(f"{name}={drawn[key]}" for name, key in scenario.query)
        form = {name: str(drawn[key]) for name, key in scenario.form}
        out.append(
            {
                "method": scenario.method,
                "path": path,
                "form": form,
                "ok_status": scenario.ok_status,
            }
        )
    return out


def build_plan(users: int, seed: int, scenarios=SCENARIOS, pool_size: int = POOL_SIZE) -> dict:
    """Identities and requests for `users` simulated users (slot 0 serves the 1-user runs)."""
    rng = random.Random(seed)
    planner = Planner(rng, pool_size)
    workers = planner.case_workers(users)
    # Each simulated user has sessions of its own: a case worker, their team's lead (who
    # may be signed in more than once, as on a laptop and a phone) and the analyst.
    slots = [
        {
            CASE_WORKER: planner.case_worker(worker),
            TEAM_LEAD: planner.team_lead(worker.team_id),
            ANALYST: planner.analyst(),
        }
        for worker in workers
    ]
    requests = {
        scenario.key: [
            requests_for(scenario, slot[scenario.role].pools, rng, pool_size) for slot in slots
        ]
        for scenario in scenarios
    }
    return {
        "seed": seed,
        "users": users,
        "slots": [
            {
                role: {"username": ident.username, "session": ident.session}
                for role, ident in s.items()
            }
            for s in slots
        ],
        "requests": requests,
        "session_cookie": settings.SESSION_COOKIE_NAME,
    }
