"""The benchmark's plan: which volume staff make the requests, signed in how, asking for
which of their own records.

For each simulated user (a "slot") a case worker of a team, with their own open cases, the
households of their team's district and names and BSNs of residents there; that team's
lead; the analyst. Chosen at random with a seed, from volume data only (`volume.*` staff):
the command that uses this refuses to sign in anybody else. Every request a scenario makes
is reversed here into a path, so the load tool needs neither Django nor the database.

The mixed scenario's writes must really be written: each request says what its success
is (the status, and for a redirect where to), registrations are new families of the
worker's own district, and each simulated user changes goals only of plans of its own
(no two users share a plan), posting the version the form shows when it opens it.
"""

import random
import re
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import login
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkteam.accounts.models import District, User
from wijkteam.accounts.roles import Role
from wijkteam.cases.models import OPEN_STATUSES, Case
from wijkteam.core.management.volume import STAFF_PREFIX
from wijkteam.people.models import Household, PostcodeArea, Resident
from wijkteam.plans.models import OPEN_PLAN_STATUSES, Goal, SupportPlan
from wijkteam.plans.queries import PLANNABLE_CASE_STATUSES

from .scenarios import ANALYST, CASE_WORKER, KINDS_BY_KEY, SCENARIOS, TEAM_LEAD, Scenario

POOL_SIZE = 40
CONTACT_NOTES = [
    "Huisbezoek: moeder vertelt dat de ochtenden rustiger gaan.",
    "Telefonisch contact met school over het verzuim.",
    "Gesprek op kantoor; afspraken voor de komende twee weken doorgenomen.",
]
BACKEND = "django.contrib.auth.backends.ModelBackend"
# New families registered by phone, walk-in or e-mail (fictional, not in the volume data:
# the generator's postcodes end in letters these never use, so none is "already known").
REGISTRATION_SURNAMES = ("Aydın", "Bakker", "El Amrani", "Hoekstra", "Kramer", "Nguyen", "Postma")
REGISTRATION_GIVEN = ("Sanne", "Youssef", "Lotte", "Daan", "Mila", "Noah", "Fenna", "Sem")
REGISTRATION_QUESTIONS = (
    "Moeder belt: de ochtenden lopen steeds uit de hand en school belt elke week.",
    "Vader komt langs: sinds de scheiding slaapt zijn dochter slecht.",
    "Mail van ouders: hun zoon zit al weken thuis en wil niet meer naar school.",
)
REGISTRATION_CHANNELS = ("phone", "walk_in", "email")
GOAL_RESULTS = (
    "We komen 's ochtends rustig en op tijd de deur uit.",
    "Ons kind gaat weer elke dag met plezier naar school.",
    "We praten thuis weer met elkaar zonder ruzie.",
)


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
        self._claimed_plans: set[int] = set()  # no two simulated users edit the same plan
        self._registrations = 0

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
            .filter(Exists(own_plans().filter(case__worker=OuterRef("pk"))))
            .select_related("team")
            .order_by("username")
        )
        if not workers:
            raise NoVolumeData(
                "No volume case workers with open cases and open plans: run seed_volume first "
                "(a benchmark database from before plans were generated: make bench with --fresh)."
            )
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
            # The mixed scenario's registrations and plan edits.
            "registration": self.registrations(user.team.district_id),
            "plan_goal": self.goal_edits(user),
        }
        return Identity(user.username, sign_in(user), pools)

    def registrations(self, district_id: int) -> list[dict]:
        """Registration forms (with the person formset) of new families in the district:
        a parent with parental authority and the child the question is about."""
        areas = sorted(
            PostcodeArea.objects.filter(district_id=district_id).values_list("area", flat=True)
        )
        if not areas:
            return []
        today = timezone.localdate()
        out = []
        for _ in range(self.pool_size):
            self._registrations += 1
            number = self._registrations
            rng = self.rng
            surname = REGISTRATION_SURNAMES[rng.randrange(len(REGISTRATION_SURNAMES))]
            parent_born = today.replace(year=today.year - 30 - rng.randrange(15), day=1)
            child_born = today.replace(year=today.year - 4 - rng.randrange(12), day=1)
            person = {
                "person-TOTAL_FORMS": "3",
                "person-INITIAL_FORMS": "0",
                "person-MIN_NUM_FORMS": "0",
                "person-MAX_NUM_FORMS": "8",
            }
            for index, (given, born, role) in enumerate(
                (
                    (REGISTRATION_GIVEN[number % 4], parent_born, "parent"),
                    (REGISTRATION_GIVEN[4 + number % 4], child_born, "child"),
                )
            ):
                person.update(
                    {
                        f"person-{index}-given_names": given,
                        f"person-{index}-surname": surname,
                        # Unique with the surname and postcode: a new family every time.
                        f"person-{index}-birth_date": (born - timedelta(days=number)).isoformat(),
                        f"person-{index}-bsn_missing_reason": "nog niet bekend",
                        f"person-{index}-role": role,
                    }
                )
                if role == "parent":
                    person[f"person-{index}-has_parental_authority"] = "on"
                else:
                    person[f"person-{index}-is_subject"] = "on"
            out.append(
                {
                    "form": {
                        "channel": REGISTRATION_CHANNELS[number % len(REGISTRATION_CHANNELS)],
                        "referrer_type": "self",
                        "help_question": REGISTRATION_QUESTIONS[
                            number % len(REGISTRATION_QUESTIONS)
                        ],
                        "urgency": "regular",
                        "postcode": f"{areas[number % len(areas)]} WX",
                        "house_number": str(1 + number % 300),
                        "phone": "06-12345678",
                        **person,
                    }
                }
            )
        return out

    def goal_edits(self, user: User) -> list[dict]:
        """Goals of the user's own open plans (plans no other simulated user was given),
        each with the goal form as the page shows it, the result reworded. The version is
        not here: it is read from the form when it is opened."""
        plans = list(
            own_plans()
            .filter(case__worker=user)
            .exclude(pk__in=self._claimed_plans)
            .order_by("pk")
            .values_list("pk", flat=True)
            .distinct()
        )
        plans = self.sample(plans)
        self._claimed_plans.update(plans)
        goals = Goal.objects.filter(plan_id__in=plans, dropped_at__isnull=True).order_by("pk")
        return [
            {
                "args": [goal.plan_id, goal.pk],
                "form": {
                    "person": str(goal.person_id or ""),
                    "life_domain": str(goal.life_domain_id),
                    "result": GOAL_RESULTS[index % len(GOAL_RESULTS)],
                    "indicator": goal.indicator,
                    "priority": goal.priority,
                    "order": str(goal.order),
                },
            }
            for index, goal in enumerate(goals)
        ]

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


def own_plans():
    """Open plans, with a goal, of open cases in a status that can be planned."""
    return SupportPlan.objects.filter(
        status__in=OPEN_PLAN_STATUSES,
        case__status__in=PLANNABLE_CASE_STATUSES,
        goals__dropped_at__isnull=True,
    ).exclude(goals__isnull=True)


ANY_ID = 999_999_999_999


def location(scenario: Scenario, args: list) -> str:
    """Where a successful answer redirects: a regular expression for the path."""
    if not scenario.redirect_to:
        return ""
    path = reverse(
        scenario.redirect_to,
        args=[*args[: scenario.redirect_args], *[ANY_ID] * scenario.redirect_any],
    )
    return "^" + re.escape(path).replace(str(ANY_ID), "[0-9]+") + "$"


def requests_for(scenario: Scenario, pools: dict, rng: random.Random, count: int) -> list[dict]:
    """Concrete requests of one scenario for one user: `count` draws from their pools
    (one request when the scenario takes nothing from the pools). A mixed scenario's are
    those of its kinds, each weighted so that the kinds come in the mix's proportions."""
    if scenario.mix:
        out = []
        for key, weight in scenario.mix:
            kind = requests_for(KINDS_BY_KEY[key], pools, rng, count)
            out.extend({**request, "kind": key, "weight": weight / len(kind)} for request in kind)
        return out
    keys = {
        *scenario.args,
        *(key for _, key in scenario.form),
        *(key for _, key in scenario.query),
        *((scenario.form_from,) if scenario.form_from else ()),
    }
    missing = [key for key in keys if not pools.get(key)]
    if missing:
        raise NoVolumeData(f"{scenario.key}: nothing to draw for {', '.join(missing)}.")
    out = []
    for _ in range(count if keys else 1):
        drawn = {key: rng.choice(pools[key]) for key in sorted(keys)}
        whole = drawn[scenario.form_from] if scenario.form_from else {}
        args = [drawn[key] for key in scenario.args] + list(whole.get("args", ()))
        path = reverse(scenario.url_name, args=args)
        if scenario.query:
            path += "?" + "&".join(f"{name}={drawn[key]}" for name, key in scenario.query)
        form = {name: str(drawn[key]) for name, key in scenario.form}
        form.update(whole.get("form", {}))
        request = {
            "method": scenario.method,
            "path": path,
            "form": form,
            "ok_status": scenario.ok_status,
            "location": location(scenario, args),
        }
        if scenario.read_first:
            request["read_first"] = True
        out.append(request)
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
        "login_path": reverse(settings.LOGIN_URL),
    }
