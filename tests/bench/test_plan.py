"""The benchmark's plan: volume staff only, signed in with two-factor, and every request it
plans answers 200 through the real middleware. The floor view exists only under the
benchmark's URLs; the benchmark settings keep production's hardening."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse

from wijkteam.audit.models import AuditAction, AuditEntry
from wijkteam.bench.management.commands.bench_prepare import Command as BenchPrepare
from wijkteam.bench.scenarios import SCENARIOS, SCENARIOS_BY_KEY

from ..core.test_settings import load_settings
from .browser import send

BENCH_URLS = override_settings(ROOT_URLCONF="wijkteam.bench.urls")


@pytest.fixture
def plan(db, tmp_path):
    call_command("seed_volume", cases=400, seed=2, stdout=StringIO())
    path = tmp_path / "plan.json"
    with BENCH_URLS:
        call_command(BenchPrepare(), users=2, seed=1, pool=2, out=str(path), stdout=StringIO())
    assert path.stat().st_mode & 0o777 == 0o600  # it holds session keys
    return json.loads(path.read_text())


@BENCH_URLS
def test_every_planned_request_answers_for_its_own_user(plan):
    assert len(plan["slots"]) == 2
    usernames = {ident["username"] for slot in plan["slots"] for ident in slot.values()}
    assert all(name.startswith("volume.") for name in usernames)
    assert len({slot["case_worker"]["username"] for slot in plan["slots"]}) == 2
    assert set(plan["requests"]) == {scenario.key for scenario in SCENARIOS}
    for key, per_slot in plan["requests"].items():
        scenario = SCENARIOS_BY_KEY[key]
        for slot, requests in zip(plan["slots"], per_slot, strict=True):
            client = Client()
            client.cookies[plan["session_cookie"]] = slot[scenario.role]["session"]
            for request in requests:
                send(client, request, plan["login_path"])
                if key == "search_bsn":  # posted, never in the address
                    assert request["form"]["q"] not in request["path"]


def test_signing_in_is_recorded_as_a_sign_in(plan):
    sign_ins = AuditEntry.objects.filter(action=AuditAction.LOGIN, object_type="accounts.session")
    assert sign_ins.count() == 2 * 3  # a case worker, a team lead and the analyst per slot


@BENCH_URLS
def test_the_floor_view_needs_a_signed_in_user(client, world):
    from ..conftest import sign_in

    url = reverse("bench_floor")
    assert client.get(url).status_code == 302
    sign_in(client, world.users["case_worker"])
    response = client.get(url)
    assert response.status_code == 200 and response.content == b"ok"


def test_the_product_itself_has_no_floor_view():
    with pytest.raises(NoReverseMatch):
        reverse("bench_floor")


def test_without_volume_data_the_command_says_what_to_do(db, tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="seed_volume"):
        call_command(BenchPrepare(), users=1, out=str(tmp_path / "plan.json"))


def _settings(module: str, env: dict):
    return load_settings(
        module,
        env,
        "settings.DEBUG, settings.ALLOWED_HOSTS, settings.SESSION_COOKIE_SECURE,"
        " settings.SECURE_SSL_REDIRECT, 'wijkteam.bench' in settings.INSTALLED_APPS,"
        " settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['default-src'],"
        " settings.STORAGES['staticfiles']['BACKEND'].rsplit('.', 1)[1]",
    )


def test_benchmark_settings_are_production_on_loopback():
    key = "b" * 60
    result = _settings("wijkteam.settings.bench", {"DJANGO_SECRET_KEY": key})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "['127.0.0.1']",
        "False",
        "False",
        "True",
        "[\"'self'\"]",
        "CompressedManifestStaticFilesStorage",
    ]
    # Production's refusals still apply: no secret key, no start.
    refused = _settings("wijkteam.settings.bench", {})
    assert refused.returncode != 0 and "DJANGO_SECRET_KEY" in refused.stderr
    # And production itself keeps the benchmark out.
    production = _settings(
        "wijkteam.settings.production",
        {"DJANGO_SECRET_KEY": key, "DJANGO_ALLOWED_HOSTS": "wijkteam.example.nl"},
    )
    assert production.stdout.split()[4] == "False"
