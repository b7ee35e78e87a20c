"""The mixed scenario (issue 9): reads and writes at the same moment. Its plan is built
from generated volume data, and its writes, posted as the planned users through the real
middleware, succeed and are written — so the benchmark cannot measure failures."""

import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from wijkteam.accounts.models import User
from wijkteam.bench.management.commands.bench_prepare import Command as BenchPrepare
from wijkteam.bench.plan import own_plans
from wijkteam.bench.scenarios import KINDS_BY_KEY, SCENARIOS_BY_KEY, form_value
from wijkteam.cases.models import Case, ContactMoment, Intake
from wijkteam.people.models import Household
from wijkteam.plans.models import Goal, SupportPlan

from .browser import send

BENCH_URLS = override_settings(ROOT_URLCONF="wijkteam.bench.urls")
USERS, POOL = 3, 3


@pytest.fixture
def plan(db, tmp_path):
    call_command("seed_volume", cases=400, seed=2, stdout=StringIO())
    path = tmp_path / "plan.json"
    with BENCH_URLS:
        call_command(
            BenchPrepare(), users=USERS, seed=1, pool=POOL, out=str(path), stdout=StringIO()
        )
    return json.loads(path.read_text())


def _client(plan, slot) -> Client:
    client = Client()
    client.cookies[plan["session_cookie"]] = slot["case_worker"]["session"]
    return client


def _by_kind(requests):
    out = {}
    for request in requests:
        out.setdefault(request["kind"], []).append(request)
    return out


def test_volume_data_has_plans_to_edit(plan):
    # seed_volume writes a plan (goals, actions) for each case that reached support.
    assert SupportPlan.objects.filter(status="closed").exists()
    assert own_plans().count() >= USERS


def test_the_mixed_plan_has_every_kind_in_its_proportions(plan):
    mixed = SCENARIOS_BY_KEY["mixed"]
    per_slot = plan["requests"]["mixed"]
    assert len(per_slot) == USERS
    plan_ids = []
    for slot, requests in zip(plan["slots"], per_slot, strict=True):
        kinds = _by_kind(requests)
        assert set(kinds) == {key for key, _ in mixed.mix}
        weights = Counter()
        for request in requests:
            weights[request["kind"]] += request["weight"]
        assert weights == pytest.approx(dict(mixed.mix))
        writes = [r for r in requests if r["method"] == "POST" and r["kind"] != "search_name"]
        assert {r["kind"] for r in writes} >= {"contact_write", "register", "plan_goal"}
        assert all(r["ok_status"] == 302 and r["location"] for r in writes if "q" not in r["form"])
        # Each user changes goals of their own plans only, reading the version first.
        worker = User.objects.get(username=slot["case_worker"]["username"])
        mine = {int(r["path"].split("/")[2]) for r in kinds["plan_goal"]}
        assert all(r["read_first"] and "version" not in r["form"] for r in kinds["plan_goal"])
        owners = SupportPlan.objects.filter(pk__in=mine).values_list("case__worker", flat=True)
        assert set(owners) == {worker.pk}
        plan_ids.append(mine)
        # Registrations are of the worker's own district.
        for request in kinds["register"]:
            assert request["form"]["postcode"][:4] in {
                area.area for area in worker.team.district.postcode_areas.all()
            }
    assert not plan_ids[0] & plan_ids[1] and not plan_ids[1] & plan_ids[2]


@BENCH_URLS
def test_the_mixed_writes_succeed_and_are_written(plan):
    for slot, requests in zip(plan["slots"], plan["requests"]["mixed"], strict=True):
        client = _client(plan, slot)
        kinds = _by_kind(requests)

        # A registration: a new family, case and intake; back to the new case.
        request = kinds["register"][0]
        before = Intake.objects.count(), Case.objects.count(), Household.objects.count()
        response = send(client, request, plan["login_path"])
        intake = Intake.objects.latest("pk")
        assert Intake.objects.count() == before[0] + 1
        assert Case.objects.count() == before[1] + 1 and Household.objects.count() == before[2] + 1
        assert response["Location"] == reverse("cases:case_detail", args=[intake.case_id])
        assert intake.registered_by.username == slot["case_worker"]["username"]
        assert intake.case.household.district == intake.case.team.district
        assert intake.help_question == request["form"]["help_question"]

        # A contact moment (a note) on one of their cases: on the timeline.
        request = kinds["contact_write"][0]
        case_id = int(request["path"].split("/")[2])
        before = ContactMoment.objects.filter(case_id=case_id).count()
        response = send(client, request, plan["login_path"])
        assert ContactMoment.objects.filter(case_id=case_id).count() == before + 1
        assert response["Location"] == reverse("cases:case_detail", args=[case_id])

        # A goal of their own plan changed, twice in a row: each time the form is opened
        # and its version posted back, so neither is a conflict.
        request = kinds["plan_goal"][0]
        _, plan_id, _, goal_id = request["path"].strip("/").split("/")
        support_plan = SupportPlan.objects.get(pk=plan_id)
        for turn in (1, 2):
            response = send(client, request, plan["login_path"])
            assert response["Location"] == reverse("plans:plan", args=[plan_id])
            assert SupportPlan.objects.get(pk=plan_id).version == support_plan.version + turn
        goal = Goal.objects.get(pk=goal_id)
        assert goal.result == request["form"]["result"]

        # And the reads of the mix answer 200.
        for key in ("my_work", "case", "household", "search_name", "search_bsn"):
            assert send(client, kinds[key][0], plan["login_path"]).status_code == 200


@BENCH_URLS
def test_a_stale_version_is_a_conflict_and_would_count_as_an_error(plan):
    """Why the load tool reads the version: posting an old one is refused (409)."""
    slot, requests = plan["slots"][0], plan["requests"]["mixed"][0]
    client = _client(plan, slot)
    request = _by_kind(requests)["plan_goal"][0]
    page = client.get(request["path"])
    version = form_value(page.content.decode(), "version")
    send(client, request, plan["login_path"])  # someone (here: the same user) saved first
    stale = client.post(request["path"], {**request["form"], "version": version})
    assert stale.status_code == 409


def test_only_the_mix_has_kinds_that_are_not_measured_alone():
    assert {key for key, _ in SCENARIOS_BY_KEY["mixed"].mix} <= set(KINDS_BY_KEY)
    assert "register" not in SCENARIOS_BY_KEY and "plan_goal" not in SCENARIOS_BY_KEY
